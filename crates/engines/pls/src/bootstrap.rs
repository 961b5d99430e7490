//! Nonparametric bootstrap of paths, outer weights and loadings.
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
}

/// The row indices of resample `r`: n draws with replacement from stream `r` of `seed`.
pub fn resample_rows(n: usize, seed: u64, r: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(r as u64);
    (0..n).map(|_| rng.random_range(0..n)).collect()
}

/// One resample's estimates: paths, then weights, then loadings; and whether it converged.
fn replicate(spec: &Spec, x: &DMatrix<f64>, rows: &[usize]) -> Option<(Vec<f64>, bool)> {
    let m = moments(gather_rows(x, rows)).ok()?;
    let f = fit(spec, &m.corr).ok()?;
    let p = spec.n_items();
    let mut out = Vec::with_capacity(spec.paths().len() + 2 * p);
    out.extend(spec.paths().iter().map(|&(a, b)| f.coef[(a, b)]));
    out.extend(f.weights.iter());
    out.extend((0..p).map(|j| f.loading(spec, j)));
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
) -> Bootstrap {
    let results: Vec<Option<(Vec<f64>, bool)>> = (0..resamples)
        .into_par_iter()
        .map(|r| replicate(spec, x, &draw(r)))
        .collect();
    let kept: Vec<&Vec<f64>> = results.iter().flatten().map(|(v, _)| v).collect();
    let not_converged = results.iter().flatten().filter(|(_, c)| !c).count();
    let mut summaries = estimates.iter().enumerate().map(|(i, &est)| {
        let mut values: Vec<f64> = kept.iter().map(|v| v[i]).collect();
        summarise(est, &mut values)
    });
    let paths = summaries.by_ref().take(spec.paths().len()).collect();
    let weights = summaries.by_ref().take(spec.n_items()).collect();
    let loadings = summaries.collect();
    Bootstrap {
        resamples,
        failed: resamples - kept.len(),
        not_converged,
        paths,
        weights,
        loadings,
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
