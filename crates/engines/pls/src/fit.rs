//! The PLS-PM iteration (Wold/Lohmöller), run on the item correlation matrix.
//!
//! On standardised items every quantity of the algorithm is a function of the item correlation
//! matrix S: composite covariances are `w_kᵀ S_kl w_l` and item–proxy covariances are rows of
//! `S W`. So one pass costs O(p²·K) whatever the number of rows, and a bootstrap resample only
//! needs its own S. The steps follow seminr's `simplePLS` exactly (initial weights 1, composites
//! standardised before the inner step, outer weights rescaled to unit composite variance, stop when
//! the sum of absolute weight changes is below the tolerance), so the results agree with it to
//! rounding.

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

/// A variable whose residual variance given the others is below this share of its variance counts
/// as collinear with them.
const COLLINEAR: f64 = 1e-10;

use crate::error::PlsError;
use crate::spec::{Mode, Scheme, Spec};

/// The converged outer weights and the inner (structural) model they imply.
#[derive(Debug, Clone)]
pub(crate) struct Fit {
    /// Outer weights of the standardised items (composites have unit variance).
    pub weights: DVector<f64>,
    /// Weight updates performed.
    pub iterations: usize,
    pub converged: bool,
    /// Correlation of every item with every composite (p × K).
    pub cross: DMatrix<f64>,
    /// Correlations among the composites (K × K).
    pub lv_corr: DMatrix<f64>,
    /// Path coefficients: `coef[(from, to)]`, zero where there is no path.
    pub coef: DMatrix<f64>,
    /// R² of each endogenous construct.
    pub r2: Vec<Option<f64>>,
}

impl Fit {
    /// Loading of item `j`: its correlation with its own composite.
    pub fn loading(&self, spec: &Spec, j: usize) -> f64 {
        self.cross[(j, spec.owner(j))]
    }
}

/// Runs the iteration on the item correlation matrix `corr` (items in [`Spec::items`] order).
pub(crate) fn fit(spec: &Spec, corr: &DMatrix<f64>) -> Result<Fit, PlsError> {
    let k = spec.constructs().len();
    let singular = |c: usize, what| PlsError::Singular {
        construct: spec.constructs()[c].name.clone(),
        what,
    };
    // Mode B regresses the proxy on the block's items: factor their correlation matrix once.
    let mode_b = (0..k)
        .map(|c| match spec.constructs()[c].mode {
            Mode::B => {
                let b = spec.block(c);
                factor(
                    corr.view((b.start, b.start), (b.len(), b.len()))
                        .clone_owned(),
                )
                .map(Some)
                .ok_or_else(|| singular(c, "its mode B items"))
            }
            Mode::A => Ok(None),
        })
        .collect::<Result<Vec<_>, _>>()?;

    let mut w = DVector::from_element(spec.n_items(), 1.0);
    let mut next = w.clone();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < spec.max_iterations {
        iterations += 1;
        let (mut sw, lv_cov) = composite_cov(spec, corr, &w);
        let sd = unit_sd(spec, &lv_cov)?;
        let lv_corr = correlations(&lv_cov, &sd);
        let inner = inner_weights(spec, &lv_corr)?;
        // Item–proxy covariances: S·W·D⁻¹·E, D the composites' standard deviations. The proxies'
        // own scale is irrelevant because the weights are rescaled below.
        for (mut col, s) in sw.column_iter_mut().zip(sd.iter()) {
            col /= *s;
        }
        let proxy_cov = sw * inner;
        for (c, chol) in mode_b.iter().enumerate() {
            let b = spec.block(c);
            let g = proxy_cov
                .view((b.start, c), (b.len(), 1))
                .column(0)
                .clone_owned();
            let wc = match chol {
                Some(chol) => chol.solve(&g),
                None => g,
            };
            let var = wc.dot(&(corr.view((b.start, b.start), (b.len(), b.len())) * &wc));
            if !(var.is_finite() && var > 0.0) {
                return Err(PlsError::NoProxy {
                    construct: spec.constructs()[c].name.clone(),
                });
            }
            next.rows_mut(b.start, b.len())
                .copy_from(&(wc / var.sqrt()));
        }
        let change: f64 = next.iter().zip(w.iter()).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut w, &mut next);
        if change < spec.tolerance {
            converged = true;
            break;
        }
    }

    let (sw, lv_cov) = composite_cov(spec, corr, &w);
    let sd = unit_sd(spec, &lv_cov)?;
    let mut cross = sw;
    for (mut col, s) in cross.column_iter_mut().zip(sd.iter()) {
        col /= *s;
    }
    let lv_corr = correlations(&lv_cov, &sd);
    let mut coef = DMatrix::zeros(k, k);
    let mut r2 = vec![None; k];
    for c in 0..k {
        if let Some((beta, rsq)) = regress(spec, &lv_corr, c)? {
            for (&a, b) in spec.antecedents(c).iter().zip(beta.iter()) {
                coef[(a, c)] = *b;
            }
            r2[c] = Some(rsq);
        }
    }
    Ok(Fit {
        weights: w,
        iterations,
        converged,
        cross,
        lv_corr,
        coef,
        r2,
    })
}

/// `S·W` (p × K) and the composite covariance matrix `Wᵀ·S·W` (K × K) for block-diagonal W.
fn composite_cov(
    spec: &Spec,
    corr: &DMatrix<f64>,
    w: &DVector<f64>,
) -> (DMatrix<f64>, DMatrix<f64>) {
    let (p, k) = (corr.nrows(), spec.constructs().len());
    let mut sw = DMatrix::zeros(p, k);
    for c in 0..k {
        let b = spec.block(c);
        sw.column_mut(c).gemv(
            1.0,
            &corr.columns(b.start, b.len()),
            &w.rows(b.start, b.len()),
            0.0,
        );
    }
    let cov = DMatrix::from_fn(k, k, |r, c| {
        let b = spec.block(r);
        w.rows(b.start, b.len())
            .dot(&sw.view((b.start, c), (b.len(), 1)))
    });
    (sw, cov)
}

/// Composite standard deviations; a zero variance means the block's items cancel out.
fn unit_sd(spec: &Spec, cov: &DMatrix<f64>) -> Result<DVector<f64>, PlsError> {
    let sd = cov.diagonal().map(f64::sqrt);
    match sd.iter().position(|s| !(s.is_finite() && *s > 0.0)) {
        Some(c) => Err(PlsError::Singular {
            construct: spec.constructs()[c].name.clone(),
            what: "its items",
        }),
        None => Ok(sd),
    }
}

fn correlations(cov: &DMatrix<f64>, sd: &DVector<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(cov.nrows(), cov.ncols(), |i, j| {
        if i == j {
            1.0
        } else {
            cov[(i, j)] / (sd[i] * sd[j])
        }
    })
}

/// Inner weights `E` (K × K): construct `c`'s proxy is `Σ_l E[l, c]·Y_l`.
fn inner_weights(spec: &Spec, r: &DMatrix<f64>) -> Result<DMatrix<f64>, PlsError> {
    let k = r.nrows();
    let mut e = DMatrix::zeros(k, k);
    for &(from, to) in spec.paths() {
        let v = r[(from, to)];
        let weight = match spec.scheme {
            // f64::signum(0.0) is 1; an uncorrelated neighbour must weigh 0, as R's sign().
            Scheme::Centroid if v == 0.0 => 0.0,
            Scheme::Centroid => v.signum(),
            Scheme::Factorial | Scheme::Path => v,
        };
        e[(from, to)] = weight;
        e[(to, from)] = weight;
    }
    if spec.scheme == Scheme::Path {
        // Antecedents weigh by their multiple-regression coefficients on the construct.
        for c in 0..k {
            if let Some((beta, _)) = regress(spec, r, c)? {
                for (&a, b) in spec.antecedents(c).iter().zip(beta.iter()) {
                    e[(a, c)] = *b;
                }
            }
        }
    }
    Ok(e)
}

/// OLS of construct `c` on its antecedents from the correlations `r`: coefficients and R².
fn regress(
    spec: &Spec,
    r: &DMatrix<f64>,
    c: usize,
) -> Result<Option<(DVector<f64>, f64)>, PlsError> {
    let ante = spec.antecedents(c);
    if ante.is_empty() {
        return Ok(None);
    }
    let rxx = r.select_rows(ante).select_columns(ante);
    let rxy = DVector::from_iterator(ante.len(), ante.iter().map(|&a| r[(a, c)]));
    let chol = factor(rxx).ok_or_else(|| PlsError::Singular {
        construct: spec.constructs()[c].name.clone(),
        what: "its antecedent constructs",
    })?;
    let beta = chol.solve(&rxy);
    let rsq = rxy.dot(&beta);
    Ok(Some((beta, rsq)))
}

/// Cholesky factor of a correlation matrix, or None if some variable is (numerically) a linear
/// combination of the others: the squared pivots are the residual variances.
fn factor(r: DMatrix<f64>) -> Option<Cholesky<f64, Dyn>> {
    Cholesky::new(r).filter(|c| c.l_dirty().diagonal().iter().all(|d| d * d > COLLINEAR))
}
