//! Consumer-product risk assessment by the EU Safety Gate (RAPEX) method,
//! Commission Implementing Decision (EU) 2019/417, Annex Part III; rules in
//! `docs/domain/rules-risk.md`, engine notes in `docs/engines/risk.md`.
//!
//! Each injury scenario has a severity 1–4 and an overall probability (the exact product of its
//! steps' probabilities); the matrix gives its level; the product's level is the highest scenario
//! level. Every decision comes with bilingual [`longzhi_explain::Reason`]s, and scenarios built
//! step by step show the cumulative probability after each step and which step changed the level.
//! Pure computation: no I/O.

mod assess;
mod input;
mod matrix;
mod probability;
mod scenario;

pub use assess::{Assessment, ScenarioResult, StepTrace, assess};
pub use input::parse;
pub use longzhi_explain::{InputError, Reason};
pub use matrix::{Band, Level, Severity, Threshold, level};
pub use probability::Probability;
pub use scenario::{Context, Scenario, ScenarioBuilder, Step};

/// Parses the JSON input and assesses it.
pub fn assess_json(json: &str) -> Result<Assessment, InputError> {
    let scenarios = parse(json)?;
    assess(&scenarios)
        .ok_or_else(|| InputError::new("scenarios", "at least one scenario is required"))
}
