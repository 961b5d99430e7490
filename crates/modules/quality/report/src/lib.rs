//! The yearly provincial quality-status report (质量状况分析报告, seed point 5): a PDF in Chinese
//! and an Excel annex of every figure, from the analysis the quality module computed. Pure: data
//! in, bytes out (no files, clock or environment).
//!
//! - [`check`] refuses inconsistent input with a message naming the offending code;
//! - [`pdf`] typesets the report (typst, through `longzhi-reports`), reporting progress;
//! - [`annex`] writes the .xlsx annex;
//! - [`format_score`] is the one formatting of scores and contributions, shared with the console.
//!
//! The layout is described in `docs/reports.md` ("The quality-status report").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod analysis;
mod annex;
mod check;
mod markup;
mod methods;
mod pdf;

pub use annex::annex;
pub use check::check;
pub use pdf::pdf;

/// Everything the report shows, for one year and one province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    pub year: i32,
    /// "甘肃省".
    pub province: String,
    /// Printed on the cover ("编制日期").
    pub generated_on: chrono::NaiveDate,
    pub framework: FrameworkInfo,
    /// The regions (cities), in region-code order; at least two.
    pub regions: Vec<RegionResult>,
    /// The root index per year per region, oldest first (may hold just this year; this year is
    /// taken from `regions` when absent).
    pub trend: Vec<YearScores>,
    pub mc: Option<McInfo>,
    pub sensitivity: Option<SensitivityInfo>,
    /// Prefecture boundaries: a GeoJSON FeatureCollection whose features carry `name` and a
    /// code (`code` or `adcode` property, or the feature `id`) matched to the regions' codes.
    /// Empty for no map.
    pub geojson: String,
}

/// The framework (indicator tree) and method the figures were computed with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkInfo {
    pub code: String,
    pub name: String,
    pub version: i32,
    pub method: MethodInfo,
    /// The tree's nodes, root first.
    pub nodes: Vec<NodeInfo>,
    pub indicators: Vec<IndicatorInfo>,
}

/// The engine's method, in its vocabulary (`longzhi-index`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodInfo {
    /// minmax, zscore, rank, percentile, goalposts, target, best.
    pub normalisation: String,
    /// arithmetic, geometric, harmonic, generalised, copeland.
    pub aggregation: String,
    /// given, equal, entropy, pca.
    pub weighting: String,
    /// none, mean, median, `group_mean`, `group_median`.
    pub imputation: String,
}

/// A node of the tree (the root, a dimension, a sub-dimension …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeInfo {
    pub code: String,
    pub name: String,
    /// `None` for the root.
    pub parent: Option<String>,
    /// As used, renormalised among siblings.
    pub weight: f64,
}

/// A leaf of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInfo {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// 1: higher is better; -1: lower is better.
    pub direction: i32,
    /// The node it belongs to.
    pub parent: String,
    /// As used, renormalised among siblings.
    pub weight: f64,
}

/// One region's results this year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionResult {
    pub code: String,
    pub name: String,
    /// Every node code → score (the root's is the composite index). Indicator codes (their
    /// normalised scores) are accepted and not printed.
    pub scores: BTreeMap<String, f64>,
    /// Rank of the composite index, 1 = best.
    pub rank: u32,
    /// Monte Carlo rank: 5 % quantile, median, 95 % quantile.
    pub rank_interval: Option<(f64, f64, f64)>,
    /// Indicator code → contribution to the root score (empty under Copeland aggregation).
    pub contributions: BTreeMap<String, f64>,
    /// Indicator code → raw value this year (`None` or absent: missing, imputed by the engine).
    pub values: BTreeMap<String, Option<f64>>,
    /// Last year's figures, when the region was computed then.
    pub previous: Option<Previous>,
}

/// A region's figures of the year before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Previous {
    /// Node code → score.
    pub scores: BTreeMap<String, f64>,
    pub rank: u32,
    pub values: BTreeMap<String, Option<f64>>,
}

/// The composite index of every region in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearScores {
    pub year: i32,
    /// Region code → root score.
    pub scores: BTreeMap<String, f64>,
}

/// The Monte Carlo uncertainty analysis's settings and summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McInfo {
    pub runs: usize,
    pub seed: u64,
    /// Mean absolute shift of the ranks against the nominal ranks.
    pub mean_abs_rank_shift: f64,
    /// Relative noise on the weights (0.25 = ± 25 %).
    pub weight_noise: f64,
}

/// Sobol indices of the mean absolute rank shift, one per uncertain input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityInfo {
    /// weights, imputation, normalisation, aggregation (the engine's names).
    pub inputs: Vec<String>,
    pub runs: usize,
    /// First-order index per input (`None` where undefined).
    pub first: Vec<Option<f64>>,
    /// Total-effect index per input.
    pub total: Vec<Option<f64>>,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The input is inconsistent (see [`check`]).
    #[error("quality-status report: {0}")]
    Input(String),
    /// typst refused the generated document (a bug, or a character the fonts lack).
    #[error("quality-status report: {0}")]
    Pdf(#[from] longzhi_reports::ReportError),
    /// The annex could not be written.
    #[error("quality-status report annex: {0}")]
    Excel(#[from] rust_xlsxwriter::XlsxError),
}

/// The one formatting of scores, averages and contributions: two decimals (`{:.2}`), and
/// "0.00" rather than "-0.00" for a tiny negative number.
pub fn format_score(x: f64) -> String {
    let text = format!("{x:.2}");
    if text == "-0.00" { "0.00".into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_have_two_decimals_and_no_negative_zero() {
        assert_eq!(format_score(88.204), "88.20");
        assert_eq!(format_score(88.205_1), "88.21");
        assert_eq!(format_score(-0.001), "0.00");
        assert_eq!(format_score(-1.5), "-1.50");
        assert_eq!(format_score(0.0), "0.00");
    }
}
