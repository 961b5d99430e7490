//! Disproportionality signals from report counts per (row, column) cell — the row a product, the
//! column a hazard, injury or fault — as in pharmacovigilance: the expected count, PRR with
//! Yates' χ², ROR with its 95% interval, the BCPNN information component with its closed-form
//! limits, and MGPS (DuMouchel 1999) with an empirical-Bayes gamma-mixture prior fitted by
//! maximum marginal likelihood. Pure computation: no I/O.

mod disproportionality;
mod fit;
mod incomplete_gamma;
mod likelihood;
mod posterior;
mod rules;
mod table;
mod windows;

use rayon::prelude::*;

pub use disproportionality::{TwoByTwo, information_component};
pub use fit::{ActiveBound, Fit, fit_prior};
pub use likelihood::{Prior, log_likelihood};
pub use posterior::{Posterior, Posteriors};
pub use rules::{Condition, Op, PRESETS, Rule, Stat};
pub use table::{CellCount, Reports, Table};
pub use windows::{PeriodSignals, Signal, Window, signals_by_period};

#[derive(Debug, thiserror::Error)]
pub enum SignalError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Rule(String),
    #[error("MGPS fit failed: {0}")]
    Fit(String),
}

/// Every statistic of one cell with n ≥ 1; `None` where the issue makes it null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellStats {
    pub row: u32,
    pub col: u32,
    pub n: u64,
    pub expected: f64,
    pub prr: Option<f64>,
    pub prr_chi2: Option<f64>,
    /// (ROR, lower, upper 95% limit).
    pub ror: Option<(f64, f64, f64)>,
    /// (IC, IC025, IC975).
    pub ic: (f64, f64, f64),
    pub posterior: Posterior,
}

/// The statistics of every cell, and the MGPS prior they used.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub n_total: u64,
    pub prior: Prior,
    /// The zero-truncated marginal log-likelihood of `prior` over the cells.
    pub log_likelihood: f64,
    /// How the prior was fitted: `None` when it was given.
    pub fit: Option<FitStatus>,
    pub cells: Vec<CellStats>,
}

/// Whether the fitted prior meets the first-order optimality conditions on the parameter box,
/// and the bounds it lies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitStatus {
    pub converged: bool,
    pub active_bounds: Vec<ActiveBound>,
}

/// The closed-form statistics of one cell (everything but MGPS).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClosedForm {
    pub expected: f64,
    pub prr: Option<f64>,
    pub prr_chi2: Option<f64>,
    pub ror: Option<(f64, f64, f64)>,
    pub ic: (f64, f64, f64),
}

/// The closed-form statistics of every cell of `table`, in the order of [`Table::cells`].
/// Expected counts are stratified when the table is; PRR, χ² and ROR always use the crude 2×2
/// table of the cell.
pub fn closed_form(table: &Table) -> Vec<ClosedForm> {
    table
        .cells()
        .par_iter()
        .map(|c| {
            let expected = table.expected(c.row, c.col);
            let t = TwoByTwo::new(
                c.n,
                table.row_total(c.row),
                table.col_total(c.col),
                table.total(),
            );
            ClosedForm {
                expected,
                prr: t.prr(),
                prr_chi2: t.yates_chi2(),
                ror: t.ror(),
                ic: information_component(c.n, expected),
            }
        })
        .collect()
}

/// Computes every statistic of every cell of `table`, fitting the MGPS prior to the cells
/// (with the same expected counts as [`closed_form`]) unless `prior` is given.
pub fn analyse(table: &Table, prior: Option<Prior>) -> Result<Analysis, SignalError> {
    if table.total() == 0 {
        return Err(SignalError::Input("no reports".into()));
    }
    let cells = table.cells();
    let closed = closed_form(table);
    let expected: Vec<f64> = closed.iter().map(|c| c.expected).collect();
    let counts: Vec<u64> = cells.iter().map(|c| c.n).collect();
    let (prior, log_likelihood, fit) = match prior {
        Some(p) => (p, log_likelihood(&p, &counts, &expected), None),
        None => {
            let fit = fit_prior(&counts, &expected)?;
            let status = FitStatus {
                converged: fit.converged,
                active_bounds: fit.active_bounds,
            };
            (fit.prior, fit.log_likelihood, Some(status))
        }
    };
    let posteriors = Posteriors::new(prior, &counts);
    let stats = cells
        .par_iter()
        .zip(&closed)
        .map(|(c, f)| CellStats {
            row: c.row,
            col: c.col,
            n: c.n,
            expected: f.expected,
            prr: f.prr,
            prr_chi2: f.prr_chi2,
            ror: f.ror,
            ic: f.ic,
            posterior: posteriors.cell(c.n, f.expected),
        })
        .collect();
    Ok(Analysis {
        n_total: table.total(),
        prior,
        log_likelihood,
        fit,
        cells: stats,
    })
}
