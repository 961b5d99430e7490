//! Survey-weighted estimates by domain, as for NEISS national estimates of injuries seen at
//! sampled monitoring points (sentinel hospitals).
//!
//! The design is stratified with PSUs (the monitoring points) sampled with replacement within
//! strata; a PSU is the pair (stratum, PSU id). For each domain the engine estimates a weighted
//! total, a mean (ratio estimator) or a proportion, with the Taylor-linearised variance
//! `Σ_h n_h/(n_h−1) Σ_j (z_hj − z̄_h)²` of the PSU score totals (no finite-population correction),
//! keeping the full design for domains. [`Stability`] applies the NEISS publication rule.
//!
//! No I/O: [`parse_csv`] reads CSV text already in memory.

mod design;
mod estimate;
mod stability;
mod table;
mod variance;

pub use design::{Design, DesignError, weight_problem};
pub use estimate::{
    DomainEstimate, EstimateError, OUTSIDE, Request, Statistic, Z_95, estimate, value_problem,
};
pub use stability::Stability;
pub use table::{Columns, Missing, Table, TableError, Value, parse_csv};
pub use variance::LonelyPsu;
