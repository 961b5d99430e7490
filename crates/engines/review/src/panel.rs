//! Panels: assigning k reviewers to each application, balancing load and specialty and refusing
//! every expert with a conflict of interest; blind codes for applicants.
//!
//! Deterministic: the same input gives the same panels, and every refusal says why.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// A past tie of an expert to an organisation (employment, consulting, advising …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub organisation: String,
    /// The last year of the relation.
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expert {
    pub id: String,
    pub organisation: String,
    pub region: String,
    pub specialties: Vec<String>,
    /// Application ids or organisations the expert declared an interest in.
    pub declared_interests: Vec<String>,
    pub relations: Vec<Relation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: String,
    pub organisation: String,
    pub region: String,
    /// The field the application belongs to (industry, product sector …).
    pub specialty: String,
}

/// Which ties count as conflicts besides the same organisation and declared interests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConflictRules {
    /// Refuse experts from the applicant's region.
    pub same_region: bool,
    /// Refuse experts with a relation to the applicant that ended in the last N years
    /// (`current_year − year < N`).
    pub relation_years: u32,
    pub current_year: i32,
}

/// Why an expert may not review an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    SameOrganisation(String),
    SameRegion(String),
    DeclaredInterest(String),
    RecentRelation { organisation: String, year: i32 },
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SameOrganisation(o) => write!(f, "works for the applicant {o:?}"),
            Self::SameRegion(r) => write!(f, "is from the applicant's region {r:?}"),
            Self::DeclaredInterest(i) => write!(f, "declared an interest in {i:?}"),
            Self::RecentRelation { organisation, year } => {
                write!(f, "had a relation with {organisation:?} in {year}")
            }
        }
    }
}

/// Every conflict between `expert` and `application` under `rules`.
pub fn conflicts(
    expert: &Expert,
    application: &Application,
    rules: &ConflictRules,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    if expert.organisation == application.organisation {
        found.push(Conflict::SameOrganisation(application.organisation.clone()));
    }
    if rules.same_region && expert.region == application.region {
        found.push(Conflict::SameRegion(application.region.clone()));
    }
    for interest in &expert.declared_interests {
        if *interest == application.id || *interest == application.organisation {
            found.push(Conflict::DeclaredInterest(interest.clone()));
        }
    }
    for rel in &expert.relations {
        let recent =
            i64::from(rules.current_year) - i64::from(rel.year) < i64::from(rules.relation_years);
        if rel.organisation == application.organisation && recent {
            found.push(Conflict::RecentRelation {
                organisation: rel.organisation.clone(),
                year: rel.year,
            });
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignOptions {
    /// Reviewers per application (k).
    pub per_application: usize,
    /// No expert gets more applications than this.
    pub max_load: Option<usize>,
    pub rules: ConflictRules,
}

/// Why an expert is not on a panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Conflicts(Vec<Conflict>),
    AtMaxLoad(usize),
    /// Eligible, but k others came first (better specialty match or lighter load).
    NotNeeded,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Conflicts(c) => {
                let reasons: Vec<String> = c.iter().map(ToString::to_string).collect();
                write!(f, "conflict: {}", reasons.join("; "))
            }
            Self::AtMaxLoad(n) => write!(f, "already has the maximum of {n} applications"),
            Self::NotNeeded => write!(
                f,
                "eligible, but others matched the specialty better or had less load"
            ),
        }
    }
}

/// A chosen reviewer and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub expert: String,
    pub specialty_match: bool,
    /// Applications already assigned to the expert when chosen.
    pub load_before: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub application: String,
    pub reviewers: Vec<Choice>,
    /// Every other expert, with the reason.
    pub passed_over: Vec<(String, Refusal)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// In the order of the input applications.
    pub panels: Vec<Panel>,
    /// Applications per expert, in the order of the input experts.
    pub loads: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    #[error("expert {0:?} appears twice")]
    DuplicateExpert(String),
    #[error("application {0:?} appears twice")]
    DuplicateApplication(String),
    #[error("reviewers per application must be at least 1")]
    NoReviewers,
    #[error("application {application:?}: {available} experts available, {needed} needed")]
    TooFewExperts {
        application: String,
        available: usize,
        needed: usize,
        passed_over: Vec<(String, Refusal)>,
    },
}

/// Assigns `per_application` experts to each application. Applications with the fewest
/// conflict-free experts go first (ties: input order); each takes the available experts ordered by
/// (specialty mismatch, current load, input order). Experts with a conflict, or at `max_load`,
/// are refused with the reason.
pub fn assign(
    experts: &[Expert],
    applications: &[Application],
    options: &AssignOptions,
) -> Result<Assignment, AssignError> {
    let k = options.per_application;
    if k == 0 {
        return Err(AssignError::NoReviewers);
    }
    check_unique(experts.iter().map(|e| &e.id)).map_err(AssignError::DuplicateExpert)?;
    check_unique(applications.iter().map(|a| &a.id)).map_err(AssignError::DuplicateApplication)?;

    let conflict_table: Vec<Vec<Vec<Conflict>>> = applications
        .iter()
        .map(|a| {
            experts
                .iter()
                .map(|e| conflicts(e, a, &options.rules))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..applications.len()).collect();
    order.sort_by_key(|&a| conflict_table[a].iter().filter(|c| c.is_empty()).count());

    let mut load = vec![0usize; experts.len()];
    let mut panels: Vec<Option<Panel>> = vec![None; applications.len()];
    for a in order {
        let app = &applications[a];
        let mut passed_over = Vec::new();
        let mut candidates = Vec::new();
        for (e, expert) in experts.iter().enumerate() {
            if !conflict_table[a][e].is_empty() {
                passed_over.push((e, Refusal::Conflicts(conflict_table[a][e].clone())));
            } else if options.max_load.is_some_and(|cap| load[e] >= cap) {
                passed_over.push((e, Refusal::AtMaxLoad(load[e])));
            } else {
                let matches = expert.specialties.contains(&app.specialty);
                candidates.push((!matches, load[e], e));
            }
        }
        let named = |list: Vec<(usize, Refusal)>| -> Vec<(String, Refusal)> {
            list.into_iter()
                .map(|(e, r)| (experts[e].id.clone(), r))
                .collect()
        };
        if candidates.len() < k {
            return Err(AssignError::TooFewExperts {
                application: app.id.clone(),
                available: candidates.len(),
                needed: k,
                passed_over: named(passed_over),
            });
        }
        candidates.sort_unstable();
        let reviewers = candidates[..k]
            .iter()
            .map(|&(mismatch, load_before, e)| Choice {
                expert: experts[e].id.clone(),
                specialty_match: !mismatch,
                load_before,
            })
            .collect();
        for &(_, _, e) in &candidates[..k] {
            load[e] += 1;
        }
        passed_over.extend(
            candidates[k..]
                .iter()
                .map(|&(_, _, e)| (e, Refusal::NotNeeded)),
        );
        passed_over.sort_by_key(|(e, _)| *e);
        panels[a] = Some(Panel {
            application: app.id.clone(),
            reviewers,
            passed_over: named(passed_over),
        });
    }
    Ok(Assignment {
        panels: panels.into_iter().flatten().collect(),
        loads: experts
            .iter()
            .zip(load)
            .map(|(e, l)| (e.id.clone(), l))
            .collect(),
    })
}

fn check_unique<'a>(ids: impl Iterator<Item = &'a String>) -> Result<(), String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(id.clone());
        }
    }
    Ok(())
}

/// Codes that stand for applicants' names in blind review until the scores are locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlindCodes {
    /// (application, code), in the order of the input applications.
    pairs: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlindError {
    #[error("names stay hidden until the independent scores are locked")]
    NotLocked,
    #[error("no application has the code {0:?}")]
    UnknownCode(String),
}

impl BlindCodes {
    /// Codes `R001`, `R002`, … in an order shuffled by `seed`, so that codes do not follow the
    /// order of application; the same seed gives the same codes.
    pub fn new(applications: &[String], seed: u64) -> Self {
        let mut numbers: Vec<usize> = (1..=applications.len()).collect();
        numbers.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
        let width = applications.len().to_string().len().max(3);
        let pairs = applications
            .iter()
            .zip(numbers)
            .map(|(a, n)| (a.clone(), format!("R{n:0width$}")))
            .collect();
        Self { pairs }
    }

    pub fn code(&self, application: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(a, _)| a == application)
            .map(|(_, c)| c.as_str())
    }

    /// The application behind `code`, once `locked`.
    pub fn reveal(&self, code: &str, locked: bool) -> Result<&str, BlindError> {
        if !locked {
            return Err(BlindError::NotLocked);
        }
        self.pairs
            .iter()
            .find(|(_, c)| c == code)
            .map(|(a, _)| a.as_str())
            .ok_or_else(|| BlindError::UnknownCode(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expert(id: &str, org: &str, region: &str, specialty: &str) -> Expert {
        Expert {
            id: id.into(),
            organisation: org.into(),
            region: region.into(),
            specialties: vec![specialty.into()],
            declared_interests: vec![],
            relations: vec![],
        }
    }

    fn app(id: &str, org: &str, region: &str, specialty: &str) -> Application {
        Application {
            id: id.into(),
            organisation: org.into(),
            region: region.into(),
            specialty: specialty.into(),
        }
    }

    const RULES: ConflictRules = ConflictRules {
        same_region: true,
        relation_years: 3,
        current_year: 2023,
    };

    #[test]
    fn each_kind_of_conflict_is_found_and_explained() {
        let a = app("A1", "Jinchuan Group", "Jinchang", "metallurgy");
        let mut e = expert("E1", "Jinchuan Group", "Jinchang", "metallurgy");
        e.declared_interests = vec!["A1".into()];
        e.relations = vec![
            Relation {
                organisation: "Jinchuan Group".into(),
                year: 2021,
            },
            Relation {
                organisation: "Jinchuan Group".into(),
                year: 2020,
            },
        ];
        let found = conflicts(&e, &a, &RULES);
        // 2023 − 2021 = 2 < 3 counts; 2023 − 2020 = 3 does not.
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(
            found[3],
            Conflict::RecentRelation {
                organisation: "Jinchuan Group".into(),
                year: 2021
            }
        );
        assert_eq!(
            found[1].to_string(),
            "is from the applicant's region \"Jinchang\""
        );
        let lax = ConflictRules {
            same_region: false,
            ..RULES
        };
        assert!(!conflicts(&e, &a, &lax).contains(&Conflict::SameRegion("Jinchang".into())));
    }

    #[test]
    fn assignment_refuses_conflicts_prefers_specialty_then_balances_load() {
        let experts = vec![
            expert("E1", "Lanzhou Univ", "Lanzhou", "food"),
            expert("E2", "Hexi Univ", "Zhangye", "food"),
            expert("E3", "Gansu Inst", "Lanzhou", "machinery"),
            expert("E4", "Tianshui Inst", "Tianshui", "machinery"),
        ];
        let apps = vec![
            app("A1", "Food Co", "Lanzhou", "food"),
            app("A2", "Tools Co", "Tianshui", "machinery"),
            app("A3", "Dairy Co", "Wuwei", "food"),
        ];
        let options = AssignOptions {
            per_application: 2,
            max_load: None,
            rules: RULES,
        };
        let out = assign(&experts, &apps, &options).unwrap();
        let ids = |p: &Panel| {
            p.reviewers
                .iter()
                .map(|c| c.expert.clone())
                .collect::<Vec<_>>()
        };
        // Order by eligible experts: A1 (2), A2 (3), A3 (4).
        // A1 (Lanzhou): E1 and E3 refused for region → E2 (food), then E4. A2 (Tianshui): E4
        // refused → E3 (machinery), then the lighter of E1/E2 (E1, load 0). A3: E1, E2 (food).
        assert_eq!(ids(&out.panels[0]), ["E2", "E4"]);
        assert_eq!(ids(&out.panels[1]), ["E3", "E1"]);
        assert_eq!(ids(&out.panels[2]), ["E1", "E2"]);
        assert_eq!(
            out.loads.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [2, 2, 1, 1]
        );
        let (who, why) = &out.panels[0].passed_over[0];
        assert_eq!(
            (who.as_str(), why.to_string().as_str()),
            ("E1", "conflict: is from the applicant's region \"Lanzhou\"")
        );
        assert_eq!(out.panels[2].passed_over[0].1, Refusal::NotNeeded);
        assert_eq!(assign(&experts, &apps, &options), Ok(out), "deterministic");
    }

    #[test]
    fn too_few_experts_is_an_error_naming_the_application() {
        let experts = vec![
            expert("E1", "Org", "Lanzhou", "food"),
            expert("E2", "Other", "Lanzhou", "food"),
        ];
        let apps = vec![app("A1", "Food Co", "Lanzhou", "food")];
        let options = AssignOptions {
            per_application: 1,
            max_load: None,
            rules: RULES,
        };
        let err = assign(&experts, &apps, &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "application \"A1\": 0 experts available, 1 needed"
        );
    }

    #[test]
    fn max_load_caps_an_expert() {
        let experts = vec![
            expert("E1", "X", "R1", "food"),
            expert("E2", "Y", "R2", "tea"),
        ];
        let apps = vec![app("A1", "P", "R9", "food"), app("A2", "Q", "R9", "food")];
        let options = AssignOptions {
            per_application: 1,
            max_load: Some(1),
            rules: RULES,
        };
        let out = assign(&experts, &apps, &options).unwrap();
        assert_eq!(out.panels[1].reviewers[0].expert, "E2");
        assert_eq!(
            out.panels[1].passed_over,
            vec![("E1".to_string(), Refusal::AtMaxLoad(1))]
        );
    }

    #[test]
    fn blind_codes_hide_names_until_locked() {
        let apps: Vec<String> = (1..=5).map(|i| format!("A{i}")).collect();
        let codes = BlindCodes::new(&apps, 7);
        let code = codes.code("A3").unwrap().to_owned();
        assert!(code.starts_with('R') && code.len() == 4);
        assert_eq!(codes.reveal(&code, false), Err(BlindError::NotLocked));
        assert_eq!(codes.reveal(&code, true), Ok("A3"));
        let mut all: Vec<_> = apps.iter().map(|a| codes.code(a).unwrap()).collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 5);
        assert_eq!(BlindCodes::new(&apps, 7), codes);
    }
}
