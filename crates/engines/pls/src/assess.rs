//! Quality criteria computed from a fit: reliability and convergent validity of each block,
//! discriminant validity (HTMT), total and indirect effects, adjusted R² and GoF.

use nalgebra::DMatrix;

use crate::fit::Fit;
use crate::spec::{Mode, Spec};

/// Reliability and convergent validity of one block (seminr's `alpha | rhoA | rhoC | AVE`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reliability {
    /// Average variance extracted: mean squared loading.
    pub ave: f64,
    /// Composite reliability (Jöreskog's rho): `(Σλ)² / ((Σλ)² + Σ(1 − λ²))`.
    pub rho_c: f64,
    /// Cronbach's alpha on the standardised items: `k/(k−1) · (1 − k / ΣR)`.
    pub alpha: f64,
    /// Dijkstra–Henseler rho_A (1 for mode B and single-item blocks, as seminr).
    pub rho_a: f64,
}

/// Reliability of every construct; single-item blocks get 1 throughout (as seminr).
pub(crate) fn reliability(spec: &Spec, corr: &DMatrix<f64>, fit: &Fit) -> Vec<Reliability> {
    (0..spec.constructs().len())
        .map(|c| {
            let b = spec.block(c);
            let k = b.len() as f64;
            if b.len() == 1 {
                return Reliability {
                    ave: 1.0,
                    rho_c: 1.0,
                    alpha: 1.0,
                    rho_a: 1.0,
                };
            }
            let loadings: Vec<f64> = b.clone().map(|j| fit.loading(spec, j)).collect();
            let sum: f64 = loadings.iter().sum();
            let sum_sq: f64 = loadings.iter().map(|l| l * l).sum();
            let s = corr.view((b.start, b.start), (b.len(), b.len()));
            let alpha = k / (k - 1.0) * (1.0 - k / s.sum());
            let rho_a = match spec.constructs()[c].mode {
                Mode::B => 1.0,
                Mode::A => {
                    // (wᵀw)² · wᵀ(S − I)w / wᵀ(wwᵀ − diag(wwᵀ))w, with S a correlation matrix.
                    let w = fit.weights.rows(b.start, b.len());
                    let wtw = w.dot(&w);
                    let wsw = w.dot(&(s * w)) - wtw;
                    let w4: f64 = w.iter().map(|v| v.powi(4)).sum();
                    wtw * wtw * wsw / (wtw * wtw - w4)
                }
            };
            Reliability {
                ave: sum_sq / k,
                rho_c: sum * sum / (sum * sum + (k - sum_sq)),
                alpha,
                rho_a,
            }
        })
        .collect()
}

/// Heterotrait–monotrait ratio for each pair of constructs `(a, b)`, a < b: the mean absolute
/// between-block item correlation over the geometric mean of the mean absolute within-block
/// correlations (absolute values as seminr; a single-item block's monotrait term is 1).
pub(crate) fn htmt(spec: &Spec, corr: &DMatrix<f64>) -> Vec<(usize, usize, f64)> {
    let k = spec.constructs().len();
    let mean_abs = |rows: std::ops::Range<usize>, cols: std::ops::Range<usize>, within: bool| {
        let (mut sum, mut count) = (0.0, 0usize);
        for i in rows {
            for j in cols.clone() {
                if !within || j > i {
                    sum += corr[(i, j)].abs();
                    count += 1;
                }
            }
        }
        if count == 0 { 1.0 } else { sum / count as f64 }
    };
    let mono: Vec<f64> = (0..k)
        .map(|c| mean_abs(spec.block(c), spec.block(c), true))
        .collect();
    let mut out = Vec::with_capacity(k * (k - 1) / 2);
    for a in 0..k {
        for b in a + 1..k {
            let hetero = mean_abs(spec.block(a), spec.block(b), false);
            out.push((a, b, hetero / (mono[a] * mono[b]).sqrt()));
        }
    }
    out
}

/// Total effects `B + B² + …` of the path-coefficient matrix (finite: the model is a DAG).
pub(crate) fn total_effects(coef: &DMatrix<f64>) -> DMatrix<f64> {
    let mut total = coef.clone();
    let mut power = coef.clone();
    for _ in 1..coef.nrows() {
        power = &power * coef;
        total += &power;
    }
    total
}

/// Adjusted R²: `1 − (1 − R²)(n − 1)/(n − m − 1)` with m antecedents (NaN when n ≤ m + 1).
pub(crate) fn adjusted_r2(r2: f64, n: usize, m: usize) -> f64 {
    let (n, m) = (n as f64, m as f64);
    if n - m - 1.0 <= 0.0 {
        f64::NAN
    } else {
        1.0 - (1.0 - r2) * (n - 1.0) / (n - m - 1.0)
    }
}

/// Goodness of fit (Tenenhaus et al. 2004, as R plspm): the square root of the mean communality
/// (squared loading) over the items of multi-item blocks times the mean R² of the endogenous
/// constructs. NaN when every block has a single item.
pub(crate) fn gof(spec: &Spec, fit: &Fit) -> f64 {
    let (mut communality, mut items) = (0.0, 0usize);
    for c in 0..spec.constructs().len() {
        let b = spec.block(c);
        if b.len() > 1 {
            communality += b.clone().map(|j| fit.loading(spec, j).powi(2)).sum::<f64>();
            items += b.len();
        }
    }
    let r2: Vec<f64> = fit.r2.iter().flatten().copied().collect();
    if items == 0 || r2.is_empty() {
        return f64::NAN;
    }
    (communality / items as f64 * r2.iter().sum::<f64>() / r2.len() as f64).sqrt()
}
