//! Rubrics as data: a tree of criteria with maximum points, read from TOML.
//!
//! Reviewers score leaves only; a parent's maximum is the sum of its children's, so no total can
//! exceed its maximum once every leaf score is within its own.

use std::collections::HashMap;

use serde::Deserialize;

/// How a leaf may be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Any value in `0..=max`.
    Points,
    /// A multiple of 5 % of `max` (GB/T 19580 and Baldrige scoring: 0 %, 5 %, …, 100 %).
    Band5,
    /// Pass (`max`) or fail (0): a checklist item.
    PassFail,
}

/// The evaluation dimensions of GB/T 19580 and Baldrige items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Method {
    /// Process items: Approach, Deployment, Learning, Integration.
    #[serde(rename = "ADLI")]
    Adli,
    /// Results items: Levels, Trends, Comparisons, Integration.
    #[serde(rename = "LeTCI")]
    Letci,
}

/// One node of the rubric tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub code: String,
    pub name: Option<String>,
    /// Points; for a parent, the sum of its children's.
    pub max: f64,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Inherited from the nearest ancestor that sets it; `Points` by default.
    pub scale: Scale,
    /// Inherited like `scale`.
    pub method: Option<Method>,
}

impl Criterion {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// A rubric that cannot be used; the message names the criterion and field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct RubricError(pub String);

/// Why a score does not fit its criterion.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreProblem {
    #[error("unknown criterion {0:?}")]
    UnknownCriterion(String),
    #[error("criterion {0:?} has sub-criteria: score its leaves")]
    NotALeaf(String),
    #[error("score {score} is not a finite number")]
    NotFinite { score: f64 },
    #[error("score {score} is below 0")]
    Negative { score: f64 },
    #[error("score {score} is above the maximum {max} of criterion {code:?}")]
    AboveMax { score: f64, max: f64, code: String },
    #[error("score {score} of criterion {code:?} is not a multiple of 5 % of {max}")]
    NotOnBand { score: f64, max: f64, code: String },
    #[error("score {score} of pass/fail criterion {code:?} must be 0 or {max}")]
    NotPassFail { score: f64, max: f64, code: String },
}

/// A validated tree of criteria in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    pub name: Option<String>,
    criteria: Vec<Criterion>,
    by_code: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    name: Option<String>,
    #[serde(default)]
    criterion: Vec<CriterionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    code: String,
    max: Option<f64>,
    name: Option<String>,
    parent: Option<String>,
    scale: Option<Scale>,
    method: Option<Method>,
}

/// Relative tolerance for comparing sums of points read as decimals.
const SUM_TOLERANCE: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= SUM_TOLERANCE * a.abs().max(b.abs()).max(1.0)
}

impl Rubric {
    /// Parses `[[criterion]]` tables (`code`, `max`, optional `name`, `parent`, `scale`, `method`).
    pub fn from_toml(text: &str) -> Result<Self, RubricError> {
        let file: RubricFile =
            toml::from_str(text).map_err(|e| RubricError(format!("rubric: {e}")))?;
        Self::build(file)
    }

    /// GB/T 19580-2012 (卓越绩效评价准则): 7 categories, 23 items, 1000 points; process items
    /// (categories 4.1–4.6) on ADLI, results (4.7) on LeTCI, all scored in 5 % steps.
    pub fn gbt19580() -> Result<Self, RubricError> {
        Self::from_toml(GBT19580_TOML)
    }

    fn build(file: RubricFile) -> Result<Self, RubricError> {
        if file.criterion.is_empty() {
            return Err(RubricError("rubric: no [[criterion]] tables".into()));
        }
        let at = |i: usize, c: &CriterionFile| {
            format!("rubric: criterion #{} (code {:?})", i + 1, c.code)
        };
        let mut by_code = HashMap::with_capacity(file.criterion.len());
        for (i, c) in file.criterion.iter().enumerate() {
            if c.code.trim().is_empty() {
                return Err(RubricError(format!(
                    "rubric: criterion #{}: field code is empty",
                    i + 1
                )));
            }
            if by_code.insert(c.code.clone(), i).is_some() {
                return Err(RubricError(format!(
                    "{}: field code is a duplicate",
                    at(i, c)
                )));
            }
        }
        let mut parents = Vec::with_capacity(file.criterion.len());
        let mut children = vec![Vec::new(); file.criterion.len()];
        for (i, c) in file.criterion.iter().enumerate() {
            let parent = match &c.parent {
                None => None,
                Some(p) => match by_code.get(p) {
                    Some(&j) if j == i => {
                        return Err(RubricError(format!(
                            "{}: field parent names itself",
                            at(i, c)
                        )));
                    }
                    Some(&j) => Some(j),
                    None => {
                        return Err(RubricError(format!(
                            "{}: field parent {p:?} is not a criterion",
                            at(i, c)
                        )));
                    }
                },
            };
            if let Some(j) = parent {
                children[j].push(i);
            }
            parents.push(parent);
        }
        let order = top_down_order(&parents, &children).map_err(|i| {
            RubricError(format!(
                "{}: field parent makes a cycle",
                at(i, &file.criterion[i])
            ))
        })?;

        let n = file.criterion.len();
        let mut scale: Vec<Option<Scale>> = vec![None; n];
        let mut method: Vec<Option<Method>> = vec![None; n];
        for &i in &order {
            let c = &file.criterion[i];
            let inherited = parents[i].map_or((None, None), |p| (scale[p], method[p]));
            scale[i] = c.scale.or(inherited.0);
            method[i] = c.method.or(inherited.1);
        }
        let mut max = vec![0.0; n];
        for &i in order.iter().rev() {
            let c = &file.criterion[i];
            if let Some(m) = c.max
                && !(m.is_finite() && m >= 0.0)
            {
                return Err(RubricError(format!(
                    "{}: field max must be a number ≥ 0",
                    at(i, c)
                )));
            }
            max[i] = if children[i].is_empty() {
                match (c.max, scale[i]) {
                    (Some(m), _) => m,
                    (None, Some(Scale::PassFail)) => 1.0,
                    (None, _) => {
                        return Err(RubricError(format!("{}: field max is missing", at(i, c))));
                    }
                }
            } else {
                let sum: f64 = children[i].iter().map(|&k| max[k]).sum();
                if let Some(m) = c.max
                    && !close(m, sum)
                {
                    return Err(RubricError(format!(
                        "{}: field max {m} differs from the sum {sum} of its children's",
                        at(i, c)
                    )));
                }
                sum
            };
        }
        let criteria = file
            .criterion
            .into_iter()
            .enumerate()
            .map(|(i, c)| Criterion {
                code: c.code,
                name: c.name,
                max: max[i],
                parent: parents[i],
                children: std::mem::take(&mut children[i]),
                scale: scale[i].unwrap_or(Scale::Points),
                method: method[i],
            })
            .collect();
        Ok(Self {
            name: file.name,
            criteria,
            by_code,
        })
    }

    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// The top-level criteria, in file order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.criteria.len()).filter(|&i| self.criteria[i].parent.is_none())
    }

    /// The most a reviewer's total can be: the sum of the roots' maxima.
    pub fn total_max(&self) -> f64 {
        self.roots().map(|i| self.criteria[i].max).sum()
    }

    /// Checks one score for the leaf `code`, returning the leaf's index.
    pub fn check_score(&self, code: &str, score: f64) -> Result<usize, ScoreProblem> {
        let i = self
            .index_of(code)
            .ok_or_else(|| ScoreProblem::UnknownCriterion(code.to_owned()))?;
        let c = &self.criteria[i];
        if !c.is_leaf() {
            return Err(ScoreProblem::NotALeaf(code.to_owned()));
        }
        if !score.is_finite() {
            return Err(ScoreProblem::NotFinite { score });
        }
        if score < 0.0 {
            return Err(ScoreProblem::Negative { score });
        }
        let max = c.max;
        let code = || c.code.clone();
        if score > max {
            return Err(ScoreProblem::AboveMax {
                score,
                max,
                code: code(),
            });
        }
        match c.scale {
            Scale::Points => {}
            Scale::Band5 => {
                let steps = score / max * 20.0;
                if max > 0.0 && (steps - steps.round()).abs() > 1e-9 {
                    return Err(ScoreProblem::NotOnBand {
                        score,
                        max,
                        code: code(),
                    });
                }
            }
            Scale::PassFail => {
                if score != 0.0 && score != max {
                    return Err(ScoreProblem::NotPassFail {
                        score,
                        max,
                        code: code(),
                    });
                }
            }
        }
        Ok(i)
    }

    /// Totals of every node (leaves: the score or 0; parents: the sum of their children), given
    /// the leaf scores by criterion index. Each is at most the node's `max` for valid scores.
    pub fn subtotals(&self, leaf_scores: &HashMap<usize, f64>) -> Vec<f64> {
        let mut total = vec![0.0; self.criteria.len()];
        for (&i, &s) in leaf_scores {
            let mut node = Some(i);
            while let Some(k) = node {
                total[k] += s;
                node = self.criteria[k].parent;
            }
        }
        total
    }

    /// The outcome of the pass/fail items for one reviewer and application: passed when every
    /// pass/fail leaf is scored and passes.
    pub fn checklist(&self, leaf_scores: &HashMap<usize, f64>) -> ChecklistOutcome {
        let mut outcome = ChecklistOutcome::default();
        for c in self
            .criteria
            .iter()
            .filter(|c| c.is_leaf() && c.scale == Scale::PassFail)
        {
            let i = self.by_code[&c.code];
            match leaf_scores.get(&i) {
                None => outcome.missing.push(c.code.clone()),
                Some(&s) if s < c.max => outcome.failed.push(c.code.clone()),
                Some(_) => {}
            }
        }
        outcome
    }
}

/// Result of a pass/fail checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChecklistOutcome {
    pub failed: Vec<String>,
    pub missing: Vec<String>,
}

impl ChecklistOutcome {
    pub fn passed(&self) -> bool {
        self.failed.is_empty() && self.missing.is_empty()
    }
}

/// Parents before children; `Err(i)` names a criterion on a cycle.
fn top_down_order(parents: &[Option<usize>], children: &[Vec<usize>]) -> Result<Vec<usize>, usize> {
    let mut order: Vec<usize> = (0..parents.len())
        .filter(|&i| parents[i].is_none())
        .collect();
    let mut next = 0;
    while next < order.len() {
        order.extend(children[order[next]].iter().copied());
        next += 1;
    }
    if order.len() == parents.len() {
        return Ok(order);
    }
    let mut seen = vec![false; parents.len()];
    order.iter().for_each(|&i| seen[i] = true);
    Err(seen.iter().position(|s| !s).unwrap_or(0))
}

/// A scoring band of the Baldrige (and GB/Z 19579) guidelines, in percent of an item's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// 1 (lowest) to 6.
    pub level: u8,
    pub low: u8,
    pub high: u8,
}

/// 0–5 %, 10–25 %, 30–45 %, 50–65 %, 70–85 %, 90–100 %.
pub const BALDRIGE_BANDS: [Band; 6] = [
    Band {
        level: 1,
        low: 0,
        high: 5,
    },
    Band {
        level: 2,
        low: 10,
        high: 25,
    },
    Band {
        level: 3,
        low: 30,
        high: 45,
    },
    Band {
        level: 4,
        low: 50,
        high: 65,
    },
    Band {
        level: 5,
        low: 70,
        high: 85,
    },
    Band {
        level: 6,
        low: 90,
        high: 100,
    },
];

/// The band holding `percent`, if it is a multiple of 5 in 0..=100.
pub fn band_of(percent: f64) -> Option<Band> {
    let steps = percent / 5.0;
    if !(0.0..=100.0).contains(&percent) || (steps - steps.round()).abs() > 1e-9 {
        return None;
    }
    let p = percent.round();
    BALDRIGE_BANDS
        .iter()
        .copied()
        .find(|b| p >= f64::from(b.low) && p <= f64::from(b.high))
}

/// The bundled GB/T 19580-2012 rubric (also usable as a file: `rubrics/gbt19580.toml`).
pub const GBT19580_TOML: &str = include_str!("../rubrics/gbt19580.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbt19580_has_seven_categories_summing_to_1000() {
        let r = Rubric::gbt19580().unwrap();
        let roots: Vec<&Criterion> = r.roots().map(|i| &r.criteria()[i]).collect();
        let maxima: Vec<f64> = roots.iter().map(|c| c.max).collect();
        // GB/T 19580-2012: leadership 110, strategy 90, customers and market 90, resources 130,
        // process management 100, measurement/analysis/improvement 80, results 400.
        assert_eq!(maxima, [110.0, 90.0, 90.0, 130.0, 100.0, 80.0, 400.0]);
        assert_eq!(r.total_max(), 1000.0);
        let results = &r.criteria()[r.index_of("4.7.2").unwrap()];
        assert_eq!(
            (results.method, results.scale, results.max),
            (Some(Method::Letci), Scale::Band5, 80.0)
        );
        assert_eq!(
            r.criteria()[r.index_of("4.4.2").unwrap()].method,
            Some(Method::Adli)
        );
        // 45 % of 80 = 36 is on a band step; 37 is not.
        assert!(r.check_score("4.7.2", 36.0).is_ok());
        assert!(matches!(
            r.check_score("4.7.2", 37.0),
            Err(ScoreProblem::NotOnBand { .. })
        ));
        assert!(matches!(
            r.check_score("4.7", 36.0),
            Err(ScoreProblem::NotALeaf(_))
        ));
    }

    #[test]
    fn a_parent_max_must_equal_its_childrens_sum() {
        let err = Rubric::from_toml(
            "[[criterion]]\ncode = \"A\"\nmax = 10\n[[criterion]]\ncode = \"A1\"\nparent = \"A\"\nmax = 4\n\
             [[criterion]]\ncode = \"A2\"\nparent = \"A\"\nmax = 5\n",
        )
        .unwrap_err();
        assert_eq!(
            err.0,
            "rubric: criterion #1 (code \"A\"): field max 10 differs from the sum 9 of its children's"
        );
    }

    #[test]
    fn structural_errors_name_the_criterion_and_field() {
        let cases = [
            (
                "[[criterion]]\ncode = \"A\"\n",
                "criterion #1 (code \"A\"): field max is missing",
            ),
            (
                "[[criterion]]\ncode = \"A\"\nmax = 1\nparent = \"Z\"\n",
                "field parent \"Z\" is not a criterion",
            ),
            (
                "[[criterion]]\ncode = \"A\"\nmax = 1\n[[criterion]]\ncode = \"A\"\nmax = 2\n",
                "#2 (code \"A\"): field code is a duplicate",
            ),
            (
                "[[criterion]]\ncode = \"A\"\nparent = \"B\"\n[[criterion]]\ncode = \"B\"\nparent = \"A\"\n",
                "field parent makes a cycle",
            ),
            (
                "[[criterion]]\ncode = \"A\"\nmax = -1\n",
                "field max must be a number ≥ 0",
            ),
            (
                "[[criterion]]\ncode = \"A\"\nmax = 1\nweight = 2\n",
                "unknown field `weight`",
            ),
        ];
        for (text, want) in cases {
            let err = Rubric::from_toml(text).unwrap_err();
            assert!(err.0.contains(want), "{err} should contain {want}");
        }
    }

    #[test]
    fn checklists_pass_only_when_every_item_passes() {
        let r = Rubric::from_toml(
            "[[criterion]]\ncode = \"ok\"\nscale = \"pass_fail\"\n[[criterion]]\ncode = \"lic\"\nparent = \"ok\"\n\
             [[criterion]]\ncode = \"tax\"\nparent = \"ok\"\n",
        )
        .unwrap();
        assert_eq!(r.total_max(), 2.0, "pass/fail items are worth 1 by default");
        assert!(matches!(
            r.check_score("lic", 0.5),
            Err(ScoreProblem::NotPassFail { .. })
        ));
        let (lic, tax) = (r.index_of("lic").unwrap(), r.index_of("tax").unwrap());
        assert!(
            r.checklist(&HashMap::from([(lic, 1.0), (tax, 1.0)]))
                .passed()
        );
        let out = r.checklist(&HashMap::from([(lic, 0.0)]));
        assert_eq!(
            (out.failed, out.missing),
            (vec!["lic".to_string()], vec!["tax".to_string()])
        );
    }

    #[test]
    fn subtotals_roll_up_the_tree() {
        let r = Rubric::gbt19580().unwrap();
        let s = HashMap::from([
            (r.index_of("4.1.2").unwrap(), 25.0),
            (r.index_of("4.1.4").unwrap(), 15.0),
        ]);
        let sub = r.subtotals(&s);
        assert_eq!(sub[r.index_of("4.1").unwrap()], 40.0);
        assert_eq!(sub[r.index_of("4.2").unwrap()], 0.0);
    }

    #[test]
    fn baldrige_bands() {
        assert_eq!(band_of(0.0).map(|b| b.level), Some(1));
        assert_eq!(band_of(5.0).map(|b| b.level), Some(1));
        assert_eq!(band_of(10.0).map(|b| b.level), Some(2));
        assert_eq!(band_of(65.0).map(|b| b.level), Some(4));
        assert_eq!(band_of(100.0).map(|b| b.level), Some(6));
        assert_eq!(band_of(7.0), None);
        assert_eq!(band_of(105.0), None);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any valid leaf scores keep every node's subtotal within its maximum.
        #[test]
        fn valid_scores_never_exceed_any_maximum(fractions in proptest::collection::vec(0.0f64..=1.0, 23)) {
            let r = Rubric::gbt19580().unwrap();
            let leaves: Vec<usize> = (0..r.criteria().len()).filter(|&i| r.criteria()[i].is_leaf()).collect();
            let mut scores = HashMap::new();
            for (&leaf, f) in leaves.iter().zip(&fractions) {
                let max = r.criteria()[leaf].max;
                let score = (f * 20.0).round() / 20.0 * max;
                prop_assert!(r.check_score(&r.criteria()[leaf].code, score).is_ok());
                scores.insert(leaf, score);
            }
            let sub = r.subtotals(&scores);
            for (c, s) in r.criteria().iter().zip(&sub) {
                prop_assert!(*s <= c.max + 1e-9, "{} = {} > {}", c.code, s, c.max);
            }
            prop_assert!(r.roots().map(|i| sub[i]).sum::<f64>() <= 1000.0 + 1e-9);
        }
    }
}
