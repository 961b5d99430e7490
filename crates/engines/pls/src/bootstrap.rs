//! Nonparametric bootstrap of paths, outer weights, loadings and the 0–100 indices (overall and
//! per group of rows).
//!
//! Resample r draws its rows from its own ChaCha8 stream (seed, stream r), the resamples run in
//! parallel with rayon and are collected in order, and every summary is computed sequentially
//! afterwards: the output is bit-identical whatever the number of threads. Sign handling: none
//! (as seminr): each resample's estimates are kept as estimated. The iteration starts from unit
//! weights on every resample, which orients each composite with the sum of its items, so a sign
//! flip needs a block whose items mostly correlate negatively with it. A resample whose estimation
//! fails (a constant item, collinear antecedents) is dropped and counted.

use nalgebra::DMatrix;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::data::{gather_rows, moments};
use crate::fit::fit;
use crate::index::IndexWeights;
use crate::spec::Spec;

/// Bootstrap distribution summary of one parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The estimate on the full data.
    pub estimate: f64,
    /// Mean over the resamples.
    pub mean: f64,
    /// Standard error: standard deviation over the resamples (divisor B − 1).
    pub se: f64,
    /// `estimate / se`.
    pub t: f64,
    /// Percentile 95% interval: the 2.5% and 97.5% quantiles (R type 7).
    pub ci_lo: f64,
    pub ci_hi: f64,
}

/// The bootstrap of one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Bootstrap {
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples whose estimation failed (dropped from the summaries).
    pub failed: usize,
    /// Resamples that stopped at the iteration cap (kept).
    pub not_converged: usize,
    /// Per structural path, in [`Spec::paths`] order.
    pub paths: Vec<Summary>,
    /// Per item, in [`Spec::items`] order.
    pub weights: Vec<Summary>,
    pub loadings: Vec<Summary>,
    /// The index of each construct over all rows, in [`Spec::constructs`] order.
    pub index: Vec<Summary>,
    /// Per group column given, per group (sorted by label): the index of each construct.
    pub groups: Vec<Vec<GroupSummary>>,
}

/// The bootstrap of one group's index. A resample that draws none of the group's rows has no
/// index for it and is left out of its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    pub group: String,
    /// Rows of the group among the rows used.
    pub n: usize,
    pub index: Vec<Summary>,
}

/// One group column over the rows used: `of_row[i]` indexes `names` (None: in no group).
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupColumn {
    pub names: Vec<String>,
    pub of_row: Vec<Option<usize>>,
}

impl GroupColumn {
    /// Rows per group.
    fn sizes(&self) -> Vec<usize> {
        let mut n = vec![0; self.names.len()];
        self.of_row.iter().flatten().for_each(|&g| n[g] += 1);
        n
    }
}

/// The row indices of resample `r`: n draws with replacement from stream `r` of `seed`.
pub fn resample_rows(n: usize, seed: u64, r: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(r as u64);
    (0..n).map(|_| rng.random_range(0..n)).collect()
}

/// One resample's estimates: paths, weights, loadings, the overall index, then each group
/// column's group indices (NaN for a group the resample did not draw); and whether it converged.
fn replicate(
    spec: &Spec,
    x: &DMatrix<f64>,
    rows: &[usize],
    groups: &[GroupColumn],
) -> Option<(Vec<f64>, bool)> {
    let sample = gather_rows(x, rows);
    let range: Vec<(f64, f64)> = sample.column_iter().map(|c| (c.min(), c.max())).collect();
    let m = moments(sample).ok()?;
    let f = fit(spec, &m.corr).ok()?;
    let p = spec.n_items();
    let k = spec.constructs().len();
    let mut out = Vec::with_capacity(spec.paths().len() + 2 * p + k);
    out.extend(spec.paths().iter().map(|&(a, b)| f.coef[(a, b)]));
    out.extend(f.weights.iter());
    out.extend((0..p).map(|j| f.loading(spec, j)));
    let weights = IndexWeights::new(spec, &f.weights, &m.sd, |j| range[j]);
    out.extend(weights.index(spec, x, rows));
    if !groups.is_empty() {
        // Each row's index scores once, then per group the mean over its drawn rows.
        let scores = weights.scores(spec, x);
        for column in groups {
            let mut sums = DMatrix::<f64>::zeros(column.names.len(), k);
            let mut counts = vec![0usize; column.names.len()];
            for &r in rows {
                if let Some(g) = column.of_row[r] {
                    counts[g] += 1;
                    for c in 0..k {
                        sums[(g, c)] += scores[(r, c)];
                    }
                }
            }
            for (g, &count) in counts.iter().enumerate() {
                out.extend((0..k).map(|c| match count {
                    0 => f64::NAN,
                    n => weights.scale(c, sums[(g, c)] / n as f64),
                }));
            }
        }
    }
    Some((out, f.converged))
}

/// Runs the bootstrap on the current rayon pool. `estimates` holds the full-data values in the
/// layout of [`replicate`]; `draw(r)` gives resample r's rows.
pub(crate) fn run(
    spec: &Spec,
    x: &DMatrix<f64>,
    estimates: &[f64],
    resamples: usize,
    draw: impl Fn(usize) -> Vec<usize> + Sync,
    groups: &[GroupColumn],
) -> Bootstrap {
    let results: Vec<Option<(Vec<f64>, bool)>> = (0..resamples)
        .into_par_iter()
        .map(|r| replicate(spec, x, &draw(r), groups))
        .collect();
    let kept: Vec<&Vec<f64>> = results.iter().flatten().map(|(v, _)| v).collect();
    let not_converged = results.iter().flatten().filter(|(_, c)| !c).count();
    let mut summaries = estimates.iter().enumerate().map(|(i, &est)| {
        let mut values: Vec<f64> = kept.iter().map(|v| v[i]).filter(|v| !v.is_nan()).collect();
        summarise(est, &mut values)
    });
    let k = spec.constructs().len();
    let paths = summaries.by_ref().take(spec.paths().len()).collect();
    let weights = summaries.by_ref().take(spec.n_items()).collect();
    let loadings = summaries.by_ref().take(spec.n_items()).collect();
    let index = summaries.by_ref().take(k).collect();
    let groups = groups
        .iter()
        .map(|column| {
            column
                .names
                .iter()
                .zip(column.sizes())
                .map(|(name, n)| GroupSummary {
                    group: name.clone(),
                    n,
                    index: summaries.by_ref().take(k).collect(),
                })
                .collect()
        })
        .collect();
    Bootstrap {
        resamples,
        failed: resamples - kept.len(),
        not_converged,
        paths,
        weights,
        loadings,
        index,
        groups,
    }
}

fn summarise(estimate: f64, values: &mut [f64]) -> Summary {
    let b = values.len() as f64;
    let mean = values.iter().sum::<f64>() / b;
    let se = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (b - 1.0)).sqrt();
    values.sort_by(f64::total_cmp);
    Summary {
        estimate,
        mean,
        se,
        t: estimate / se,
        ci_lo: quantile(values, 0.025),
        ci_hi: quantile(values, 0.975),
    }
}

/// Quantile of sorted values by linear interpolation between order statistics (R type 7).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        m => {
            let h = (m - 1) as f64 * q;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(m - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_is_r_type_7() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0.025, 0.975)) → 1.1, 15.2 (h = 4q: 1 + 0.1·1, 8 + 0.9·8)
        let v = [1.0, 2.0, 4.0, 8.0, 16.0];
        assert!((quantile(&v, 0.025) - 1.1).abs() < 1e-12);
        assert!((quantile(&v, 0.975) - 15.2).abs() < 1e-12);
        assert_eq!(quantile(&[3.0], 0.5), 3.0);
    }

    #[test]
    fn summary_uses_the_sample_sd() {
        // Values 1, 2, 3, 4: mean 2.5, sd sqrt(5/3).
        let s = summarise(2.0, &mut [4.0, 1.0, 3.0, 2.0]);
        assert_eq!(s.mean, 2.5);
        assert!((s.se - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
        assert!((s.t - 2.0 / (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn resamples_are_reproducible_and_distinct() {
        let a = resample_rows(50, 7, 3);
        assert_eq!(a, resample_rows(50, 7, 3));
        assert_ne!(a, resample_rows(50, 7, 4));
        assert_ne!(a, resample_rows(50, 8, 3));
        assert!(a.iter().all(|&i| i < 50));
    }
}
