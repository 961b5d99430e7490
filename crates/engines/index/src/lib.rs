//! Composite indicators after the JRC/OECD Handbook on Constructing Composite Indicators and the
//! COINr package: a tree of indicators is imputed, treated for outliers, normalised, weighted and
//! aggregated into scores and ranks for every unit, with contributions, year-over-year changes,
//! Monte Carlo rank intervals and Sobol sensitivity indices.
//!
//! Pure computation: no files, no environment, no clock. See `docs/engines/index.md`.

pub mod aggregate;
pub mod ahp;
pub mod data;
pub mod error;
pub mod framework;
pub mod impute;
pub mod model;
pub mod normalise;
pub mod outliers;
pub mod panel;
pub mod parse;
pub mod sobol;
pub mod stats;
pub mod uncertainty;
pub mod weights;

pub use aggregate::Aggregation;
pub use data::Dataset;
pub use error::IndexError;
pub use framework::{Framework, FrameworkSpec, IndicatorSpec, NodeSpec};
pub use impute::Imputation;
pub use model::{AhpSpec, Method, Results, compute};
pub use normalise::Normalisation;
pub use outliers::OutlierTreatment;
pub use uncertainty::{RankIntervals, Sensitivity, Uncertainty, monte_carlo, sensitivity};
pub use weights::Weighting;
