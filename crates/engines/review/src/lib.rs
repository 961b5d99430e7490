//! Expert review (专家评审): rubrics, panel assignment with conflicts of interest, review stages
//! and the statistics of the reviewers' scores.
//!
//! Pure computation: callers read files and pass their text; nothing here does I/O.
//!
//! - [`rubric`]: criteria trees with maximum points, 5 % bands, pass/fail checklists, the bundled
//!   GB/T 19580 rubric.
//! - [`scores`]: score sheets read from CSV text, checked against a rubric; reviewers' totals.
//! - [`report::analyse`]: per-application summaries and ranks, agreement (ICC, Kendall's W),
//!   outlier reviewers, leave-one-reviewer-out sensitivity.
//! - [`panel`]: assigning k reviewers per application, refusing conflicts, blind codes.
//! - [`stages`]: independent review → consensus → site visit → judges, each stage kept.

pub mod agreement;
pub mod describe;
pub mod outliers;
pub mod panel;
pub mod rank;
pub mod report;
pub mod rubric;
pub mod scores;
pub mod sensitivity;
pub mod stages;

pub use report::{Report, analyse};
pub use rubric::Rubric;
pub use scores::{DEFAULT_STAGE, ScoreSheet, Totals, read_scores_csv};
