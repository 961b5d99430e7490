//! The review process: independent review → consensus review → site visit → judges' decision.
//! Each stage is locked before the next opens, and every stage's scores are kept.

use std::collections::BTreeMap;

use crate::rubric::Rubric;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Each panel member scores every leaf alone.
    Independent,
    /// A lead reviewer proposes one score per item, with a comment.
    Consensus,
    /// Items adjusted after the site visit, each with its reason.
    SiteVisit,
    /// The judges decide each application.
    Judges,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Independent,
        Stage::Consensus,
        Stage::SiteVisit,
        Stage::Judges,
    ];

    /// The name used in the `stage` column of score files.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Independent => "independent",
            Stage::Consensus => "consensus",
            Stage::SiteVisit => "site_visit",
            Stage::Judges => "judges",
        }
    }

    fn next(self) -> Option<Stage> {
        Self::ALL.get(self as usize + 1).copied()
    }
}

/// An action that does not fit the process; the message names the application, reviewer or item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ReviewError(pub String);

#[derive(Debug, Clone, PartialEq)]
pub struct ConsensusItem {
    pub lead: String,
    pub score: f64,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    pub from: f64,
    pub to: f64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: String,
    pub reason: String,
}

/// One kept score, shaped like a row of the scores CSV (with its `stage`).
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    pub application: String,
    pub reviewer: String,
    pub criterion: String,
    pub score: f64,
    pub stage: Stage,
    pub comment: Option<String>,
}

/// The state of one review round over a set of panels.
#[derive(Debug, Clone)]
pub struct Review<'r> {
    rubric: &'r Rubric,
    panels: BTreeMap<String, Vec<String>>,
    stage: Stage,
    finished: bool,
    independent: BTreeMap<(String, String, usize), f64>,
    consensus: BTreeMap<(String, usize), ConsensusItem>,
    adjustments: BTreeMap<(String, usize), Adjustment>,
    decisions: BTreeMap<String, Decision>,
}

fn fail<T>(msg: String) -> Result<T, ReviewError> {
    Err(ReviewError(msg))
}

impl<'r> Review<'r> {
    /// `panels`: each application with its reviewers (e.g. from [`crate::panel::assign`]).
    pub fn new(
        rubric: &'r Rubric,
        panels: impl IntoIterator<Item = (String, Vec<String>)>,
    ) -> Self {
        Self {
            rubric,
            panels: panels.into_iter().collect(),
            stage: Stage::Independent,
            finished: false,
            independent: BTreeMap::new(),
            consensus: BTreeMap::new(),
            adjustments: BTreeMap::new(),
            decisions: BTreeMap::new(),
        }
    }

    /// The open stage (the last one once finished).
    pub fn stage(&self) -> Stage {
        self.stage
    }

    pub fn is_locked(&self, stage: Stage) -> bool {
        stage < self.stage || self.finished
    }

    fn expect_stage(&self, stage: Stage) -> Result<(), ReviewError> {
        if self.stage != stage || self.finished {
            return fail(format!(
                "stage {} is not open (open: {})",
                stage.name(),
                self.open_name()
            ));
        }
        Ok(())
    }

    fn open_name(&self) -> &'static str {
        if self.finished {
            "none, the review is finished"
        } else {
            self.stage.name()
        }
    }

    fn member(&self, application: &str, reviewer: &str) -> Result<(), ReviewError> {
        match self.panels.get(application) {
            None => fail(format!("application {application:?} has no panel")),
            Some(p) if !p.iter().any(|r| r == reviewer) => fail(format!(
                "reviewer {reviewer:?} is not on the panel of application {application:?}"
            )),
            Some(_) => Ok(()),
        }
    }

    fn leaf(&self, application: &str, code: &str, score: f64) -> Result<usize, ReviewError> {
        self.rubric.check_score(code, score).map_err(|p| {
            ReviewError(format!(
                "application {application:?}, criterion {code:?}: {p}"
            ))
        })
    }

    /// Records (or, before the lock, replaces) a reviewer's independent score.
    pub fn score(
        &mut self,
        application: &str,
        reviewer: &str,
        code: &str,
        score: f64,
    ) -> Result<(), ReviewError> {
        self.expect_stage(Stage::Independent)?;
        self.member(application, reviewer)?;
        let leaf = self.leaf(application, code, score)?;
        self.independent
            .insert((application.to_owned(), reviewer.to_owned(), leaf), score);
        Ok(())
    }

    /// The lead reviewer's consensus score for one item; the comment is required.
    pub fn propose_consensus(
        &mut self,
        application: &str,
        lead: &str,
        code: &str,
        score: f64,
        comment: &str,
    ) -> Result<(), ReviewError> {
        self.expect_stage(Stage::Consensus)?;
        self.member(application, lead)?;
        let leaf = self.leaf(application, code, score)?;
        if comment.trim().is_empty() {
            return fail(format!(
                "application {application:?}, criterion {code:?}: a consensus score needs a comment"
            ));
        }
        let item = ConsensusItem {
            lead: lead.to_owned(),
            score,
            comment: comment.to_owned(),
        };
        self.consensus.insert((application.to_owned(), leaf), item);
        Ok(())
    }

    /// Changes an item's consensus score after the site visit; the reason is required.
    pub fn adjust(
        &mut self,
        application: &str,
        code: &str,
        score: f64,
        reason: &str,
    ) -> Result<(), ReviewError> {
        self.expect_stage(Stage::SiteVisit)?;
        let leaf = self.leaf(application, code, score)?;
        let Some(item) = self.consensus.get(&(application.to_owned(), leaf)) else {
            return fail(format!(
                "application {application:?}, criterion {code:?}: no consensus score to adjust"
            ));
        };
        if reason.trim().is_empty() {
            return fail(format!(
                "application {application:?}, criterion {code:?}: an adjustment needs a reason"
            ));
        }
        let adjustment = Adjustment {
            from: item.score,
            to: score,
            reason: reason.to_owned(),
        };
        self.adjustments
            .insert((application.to_owned(), leaf), adjustment);
        Ok(())
    }

    /// The judges' decision on one application.
    pub fn decide(
        &mut self,
        application: &str,
        outcome: &str,
        reason: &str,
    ) -> Result<(), ReviewError> {
        self.expect_stage(Stage::Judges)?;
        if !self.panels.contains_key(application) {
            return fail(format!("application {application:?} has no panel"));
        }
        let decision = Decision {
            outcome: outcome.to_owned(),
            reason: reason.to_owned(),
        };
        self.decisions.insert(application.to_owned(), decision);
        Ok(())
    }

    /// Locks the open stage once it is complete and opens the next one (after the judges, the
    /// review is finished). Returns the newly open stage, `None` when finished.
    pub fn lock(&mut self) -> Result<Option<Stage>, ReviewError> {
        if self.finished {
            return fail("the review is already finished".into());
        }
        if let Some(missing) = self.first_missing() {
            return fail(format!(
                "stage {} cannot be locked: {missing}",
                self.stage.name()
            ));
        }
        match self.stage.next() {
            Some(next) => self.stage = next,
            None => self.finished = true,
        }
        Ok((!self.finished).then_some(self.stage))
    }

    /// The first thing the open stage still lacks.
    fn first_missing(&self) -> Option<String> {
        let leaves: Vec<(usize, &str)> = self
            .rubric
            .criteria()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_leaf())
            .map(|(i, c)| (i, c.code.as_str()))
            .collect();
        for (app, reviewers) in &self.panels {
            match self.stage {
                Stage::Independent => {
                    for r in reviewers {
                        if let Some((_, code)) = leaves.iter().find(|(i, _)| {
                            !self.independent.contains_key(&(app.clone(), r.clone(), *i))
                        }) {
                            return Some(format!(
                                "reviewer {r:?} has not scored criterion {code:?} of application {app:?}"
                            ));
                        }
                    }
                }
                Stage::Consensus => {
                    if let Some((_, code)) = leaves
                        .iter()
                        .find(|(i, _)| !self.consensus.contains_key(&(app.clone(), *i)))
                    {
                        return Some(format!(
                            "no consensus score for criterion {code:?} of application {app:?}"
                        ));
                    }
                }
                Stage::SiteVisit => {}
                Stage::Judges => {
                    if !self.decisions.contains_key(app) {
                        return Some(format!("no decision on application {app:?}"));
                    }
                }
            }
        }
        None
    }

    /// An item's score after the site visit: the adjustment if any, else the consensus score.
    fn final_item(&self, application: &str, leaf: usize) -> Option<f64> {
        let key = (application.to_owned(), leaf);
        self.adjustments
            .get(&key)
            .map(|a| a.to)
            .or_else(|| self.consensus.get(&key).map(|c| c.score))
    }

    /// The panel's total for an application at the consensus or site-visit stage.
    pub fn total(&self, application: &str, stage: Stage) -> Option<f64> {
        let leaves = self
            .rubric
            .criteria()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_leaf());
        let mut total = 0.0;
        for (i, _) in leaves {
            total += match stage {
                Stage::Consensus => self
                    .consensus
                    .get(&(application.to_owned(), i))
                    .map(|c| c.score)?,
                Stage::SiteVisit => self.final_item(application, i)?,
                Stage::Independent | Stage::Judges => return None,
            };
        }
        Some(total)
    }

    pub fn decision(&self, application: &str) -> Option<&Decision> {
        self.decisions.get(application)
    }

    pub fn adjustments(&self) -> &BTreeMap<(String, usize), Adjustment> {
        &self.adjustments
    }

    /// Every score kept at `stage`, as rows of the scores CSV: the reviewers' own at the
    /// independent stage, the lead's at consensus, the adjusted (or unchanged) items after the
    /// site visit, by the lead. The judges decide and keep no scores.
    pub fn rows(&self, stage: Stage) -> Vec<StageRow> {
        let code = |i: usize| self.rubric.criteria()[i].code.clone();
        match stage {
            Stage::Independent => self
                .independent
                .iter()
                .map(|((a, r, i), &score)| StageRow {
                    application: a.clone(),
                    reviewer: r.clone(),
                    criterion: code(*i),
                    score,
                    stage,
                    comment: None,
                })
                .collect(),
            Stage::Consensus | Stage::SiteVisit => self
                .consensus
                .iter()
                .map(|((a, i), c)| {
                    let adjusted = (stage == Stage::SiteVisit)
                        .then(|| self.adjustments.get(&(a.clone(), *i)))
                        .flatten();
                    StageRow {
                        application: a.clone(),
                        reviewer: c.lead.clone(),
                        criterion: code(*i),
                        score: adjusted.map_or(c.score, |x| x.to),
                        stage,
                        comment: Some(adjusted.map_or(&c.comment, |x| &x.reason).clone()),
                    }
                })
                .collect(),
            Stage::Judges => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str = r#"
        [[criterion]]
        code = "P"
        [[criterion]]
        code = "P1"
        parent = "P"
        max = 60
        [[criterion]]
        code = "P2"
        parent = "P"
        max = 40
    "#;

    #[test]
    fn a_review_runs_through_its_stages_and_keeps_each() {
        let rubric = Rubric::from_toml(RUBRIC).unwrap();
        let mut review = Review::new(
            &rubric,
            [("A".to_string(), vec!["r1".to_string(), "r2".to_string()])],
        );
        review.score("A", "r1", "P1", 50.0).unwrap();
        review.score("A", "r1", "P2", 30.0).unwrap();
        review.score("A", "r2", "P1", 40.0).unwrap();
        let err = review.lock().unwrap_err();
        assert_eq!(
            err.0,
            "stage independent cannot be locked: reviewer \"r2\" has not scored criterion \"P2\" of application \"A\""
        );
        assert!(
            review
                .score("A", "r3", "P2", 1.0)
                .unwrap_err()
                .0
                .contains("not on the panel")
        );
        assert!(
            review
                .score("A", "r2", "P2", 41.0)
                .unwrap_err()
                .0
                .contains("above the maximum")
        );
        review.score("A", "r2", "P2", 20.0).unwrap();
        assert_eq!(review.lock(), Ok(Some(Stage::Consensus)));
        assert!(review.is_locked(Stage::Independent));
        assert!(
            review.score("A", "r2", "P2", 25.0).is_err(),
            "independent scores are locked"
        );

        assert!(
            review
                .propose_consensus("A", "r1", "P1", 45.0, " ")
                .is_err(),
            "comment required"
        );
        review
            .propose_consensus("A", "r1", "P1", 45.0, "strong deployment")
            .unwrap();
        review
            .propose_consensus("A", "r1", "P2", 25.0, "trends short")
            .unwrap();
        assert_eq!(review.total("A", Stage::Consensus), Some(70.0));
        review.lock().unwrap();

        review
            .adjust("A", "P2", 30.0, "site visit showed 5 years of data")
            .unwrap();
        assert_eq!(review.total("A", Stage::SiteVisit), Some(75.0));
        review.lock().unwrap();
        assert!(review.lock().is_err(), "no decision yet");
        review.decide("A", "award", "highest total").unwrap();
        assert_eq!(review.lock(), Ok(None));
        assert!(review.is_locked(Stage::Judges));

        assert_eq!(review.rows(Stage::Independent).len(), 4);
        let consensus: Vec<f64> = review
            .rows(Stage::Consensus)
            .iter()
            .map(|r| r.score)
            .collect();
        let site: Vec<f64> = review
            .rows(Stage::SiteVisit)
            .iter()
            .map(|r| r.score)
            .collect();
        assert_eq!((consensus, site), (vec![45.0, 25.0], vec![45.0, 30.0]));
        assert_eq!(
            review.decision("A").map(|d| d.outcome.as_str()),
            Some("award")
        );
    }
}
