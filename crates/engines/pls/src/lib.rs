//! Partial least squares path modelling (PLS-PM) for satisfaction indices (ACSI, ECSI, CCSI).
//!
//! [`Spec`] holds the model (from MODEL.toml or built directly); [`estimate`] fits it on a data
//! matrix whose columns are the model's items in [`Spec::items`] order (NaN = missing) and returns
//! an [`Estimate`]: outer weights, loadings, cross-loadings, scores, path coefficients, R², effects,
//! reliability, HTMT, GoF and the 0–100 index. [`Estimate::bootstrap`] adds standard errors and
//! percentile intervals; [`Estimate::group_index`] gives the index per group of rows.
//!
//! Pure computation: no I/O. Conventions (those of seminr / R plspm) are in `docs/engines/pls.md`.

mod assess;
mod bootstrap;
mod data;
mod error;
mod fit;
mod index;
mod spec;

pub use nalgebra::DMatrix;

pub use assess::Reliability;
use bootstrap::GroupColumn;
pub use bootstrap::{Bootstrap, GroupSummary, Summary, resample_rows};
pub use data::{Missing, MissingReport};
pub use error::PlsError;
pub use spec::{Construct, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, Mode, Scheme, Spec};

/// A fitted model and its assessment. Item-indexed vectors follow [`Spec::items`], construct-indexed
/// ones [`Spec::constructs`], path-indexed ones [`Spec::paths`].
#[derive(Debug, Clone)]
pub struct Estimate {
    spec: Spec,
    /// Data after missing-value handling (rows × items).
    data: DMatrix<f64>,
    index_weights: index::IndexWeights,
    pub missing: MissingReport,
    /// Whether the weights converged within the iteration cap.
    pub converged: bool,
    /// Outer-weight updates performed (seminr's `iterations` + 1).
    pub iterations: usize,
    /// Outer weights of the standardised items (each composite has unit variance).
    pub weights: Vec<f64>,
    /// Correlation of each item with its own construct.
    pub loadings: Vec<f64>,
    /// Correlation of every item with every construct (items × constructs).
    pub cross_loadings: DMatrix<f64>,
    /// Correlations among the construct scores (constructs × constructs).
    pub construct_correlations: DMatrix<f64>,
    /// Standardised path coefficients.
    pub paths: Vec<f64>,
    /// R² and adjusted R² of each construct (None for an exogenous one).
    pub r2: Vec<Option<f64>>,
    pub r2_adjusted: Vec<Option<f64>>,
    /// Total and indirect effects: `[(from, to)]`, constructs × constructs.
    pub total_effects: DMatrix<f64>,
    pub indirect_effects: DMatrix<f64>,
    pub reliability: Vec<Reliability>,
    /// `(a, b, HTMT)` for each construct pair a < b.
    pub htmt: Vec<(usize, usize, f64)>,
    /// Goodness of fit (NaN if every block has one item).
    pub gof: f64,
    /// Standardised construct scores (rows used × constructs).
    pub scores: DMatrix<f64>,
    /// The input row of each row of `scores`.
    pub rows: Vec<usize>,
    /// 0–100 index of each construct over all rows used.
    pub index: Vec<f64>,
}

/// The 0–100 index of one group of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupIndex {
    pub group: String,
    /// Rows of the group among the rows used.
    pub n: usize,
    /// Index of each construct.
    pub index: Vec<f64>,
}

/// Fits `spec` on `raw` (rows × items in [`Spec::items`] order; NaN marks a missing cell).
pub fn estimate(spec: &Spec, raw: &DMatrix<f64>, missing: Missing) -> Result<Estimate, PlsError> {
    let item_error = |j: usize, constant: bool| {
        let construct = spec.constructs()[spec.owner(j)].name.clone();
        let item = spec.item_name(j).to_owned();
        if constant {
            PlsError::ConstantItem { construct, item }
        } else {
            PlsError::EmptyItem { construct, item }
        }
    };
    if raw.ncols() != spec.n_items() {
        return Err(PlsError::Model(format!(
            "the data has {} columns but the model has {} items",
            raw.ncols(),
            spec.n_items()
        )));
    }
    let cleaned = data::clean(raw, missing).map_err(|j| item_error(j, false))?;
    let n = cleaned.x.nrows();
    let needed = 3;
    if n < needed {
        return Err(PlsError::TooFewRows { rows: n, needed });
    }
    let m = data::moments(cleaned.x.clone()).map_err(|j| item_error(j, true))?;
    let f = fit::fit(spec, &m.corr)?;

    let p = spec.n_items();
    let k = spec.constructs().len();
    let loadings: Vec<f64> = (0..p).map(|j| f.loading(spec, j)).collect();
    let r2_adjusted = (0..k)
        .map(|c| f.r2[c].map(|r| assess::adjusted_r2(r, n, spec.antecedents(c).len())))
        .collect();
    let total_effects = assess::total_effects(&f.coef);
    let indirect_effects = &total_effects - &f.coef;
    let mut w = DMatrix::zeros(p, k);
    for j in 0..p {
        w[(j, spec.owner(j))] = f.weights[j];
    }
    let scores = data::standardise(&cleaned.x, &m) * w;
    let index_weights = index::IndexWeights::new(spec, &f.weights, &m.sd, |j| {
        let col = cleaned.x.column(j);
        (col.min(), col.max())
    });
    let all: Vec<usize> = (0..n).collect();
    Ok(Estimate {
        index: index_weights.index(spec, &cleaned.x, &all),
        reliability: assess::reliability(spec, &m.corr, &f),
        htmt: assess::htmt(spec, &m.corr),
        gof: assess::gof(spec, &f),
        paths: spec.paths().iter().map(|&(a, b)| f.coef[(a, b)]).collect(),
        weights: f.weights.iter().copied().collect(),
        loadings,
        cross_loadings: f.cross,
        construct_correlations: f.lv_corr,
        r2: f.r2,
        r2_adjusted,
        total_effects,
        indirect_effects,
        converged: f.converged,
        iterations: f.iterations,
        scores,
        rows: cleaned.rows,
        missing: cleaned.report,
        spec: spec.clone(),
        data: cleaned.x,
        index_weights,
    })
}

impl Estimate {
    /// The model this estimate fits.
    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    /// `resamples` bootstrap resamples drawn with [`resample_rows`] from `seed`, run on the
    /// current rayon pool (results do not depend on its size).
    pub fn bootstrap(&self, resamples: usize, seed: u64) -> Bootstrap {
        self.bootstrap_groups(resamples, seed, &[])
    }

    /// [`Self::bootstrap`] that also bootstraps the index of every group of each group column
    /// (labels of the input rows, as for [`Self::group_index`]).
    pub fn bootstrap_groups(
        &self,
        resamples: usize,
        seed: u64,
        groups: &[&[Option<&str>]],
    ) -> Bootstrap {
        let n = self.data.nrows();
        let columns = self.group_columns(groups);
        bootstrap::run(
            &self.spec,
            &self.data,
            &self.estimates(&columns),
            resamples,
            |r| resample_rows(n, seed, r),
            &columns,
        )
    }

    /// Bootstrap on given resamples (each a list of row indices into the rows used), to reproduce
    /// another program's resamples; `groups` as for [`Self::bootstrap_groups`]. `Err(r)` names
    /// the first resample with an index out of range.
    pub fn bootstrap_on(
        &self,
        resamples: &[Vec<usize>],
        groups: &[&[Option<&str>]],
    ) -> Result<Bootstrap, usize> {
        let n = self.data.nrows();
        if let Some(r) = resamples.iter().position(|s| s.iter().any(|&i| i >= n)) {
            return Err(r);
        }
        let columns = self.group_columns(groups);
        Ok(bootstrap::run(
            &self.spec,
            &self.data,
            &self.estimates(&columns),
            resamples.len(),
            |r| resamples[r].clone(),
            &columns,
        ))
    }

    /// The group columns over the rows used, each group's labels sorted.
    fn group_columns(&self, groups: &[&[Option<&str>]]) -> Vec<GroupColumn> {
        groups
            .iter()
            .map(|labels| {
                let label = |row: usize| labels.get(row).copied().flatten();
                let names: Vec<String> = self
                    .rows
                    .iter()
                    .filter_map(|&row| label(row))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                let of_row = self
                    .rows
                    .iter()
                    .map(|&row| {
                        label(row).and_then(|l| names.binary_search_by(|n| n.as_str().cmp(l)).ok())
                    })
                    .collect();
                GroupColumn { names, of_row }
            })
            .collect()
    }

    /// Index per group: `groups[i]` is the label of input row i (None: in no group). Groups are
    /// sorted by label; only rows used by the estimate count.
    pub fn group_index(&self, groups: &[Option<&str>]) -> Vec<GroupIndex> {
        let mut members: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (i, &row) in self.rows.iter().enumerate() {
            if let Some(Some(label)) = groups.get(row) {
                members.entry(label).or_default().push(i);
            }
        }
        members
            .into_iter()
            .map(|(group, rows)| GroupIndex {
                group: group.to_owned(),
                n: rows.len(),
                index: self.index_weights.index(&self.spec, &self.data, &rows),
            })
            .collect()
    }

    /// Full-data estimates in the bootstrap layout: paths, weights, loadings, the index, then
    /// each column's group indices.
    fn estimates(&self, columns: &[GroupColumn]) -> Vec<f64> {
        let mut out: Vec<f64> = self
            .paths
            .iter()
            .chain(&self.weights)
            .chain(&self.loadings)
            .chain(&self.index)
            .copied()
            .collect();
        for column in columns {
            for g in 0..column.names.len() {
                let rows: Vec<usize> = (0..column.of_row.len())
                    .filter(|&i| column.of_row[i] == Some(g))
                    .collect();
                out.extend(self.index_weights.index(&self.spec, &self.data, &rows));
            }
        }
        out
    }
}
