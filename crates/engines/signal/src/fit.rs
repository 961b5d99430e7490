//! Maximum marginal likelihood for the MGPS prior: L-BFGS (argmin) on box-constrained
//! parameters mapped to the real line, from several starting points.

use std::sync::{Mutex, PoisonError};

use argmin::core::{CostFunction, Error, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use nalgebra::{Matrix5, SymmetricEigen, Vector5};
use rayon::prelude::*;

use crate::SignalError;
use crate::likelihood::{FitData, Prior};

/// openEBGM's bounds: α and β in [1e-5, 20], P in [0, 1].
const LOWER: [f64; 5] = [1e-5, 1e-5, 1e-5, 1e-5, 0.0];
const UPPER: [f64; 5] = [20.0, 20.0, 20.0, 20.0, 1.0];

/// Starting points: DuMouchel's (1999) estimates for the FDA data, the two in openEBGM's
/// examples, and a spread of others (one elevated-risk and one null-like component).
const STARTS: [[f64; 5]; 6] = [
    [0.2041, 0.05816, 1.415, 1.838, 0.0969],
    [0.2, 0.1, 2.0, 4.0, 1.0 / 3.0],
    [0.1, 0.1, 10.0, 10.0, 0.2],
    [0.5, 0.5, 5.0, 5.0, 0.5],
    [1.0, 0.2, 3.0, 3.0, 0.1],
    [0.05, 0.01, 1.0, 1.0, 0.02],
];

/// Above this many cells the starts run on coarsely squashed data; the best is then refined on
/// finely squashed data and finally on all cells (each stage from the previous optimum).
const SQUASH_ABOVE: usize = 20_000;
/// Widths of the squashing bins in ln E: coarse for the starts, fine for the refinement.
const SQUASH_WIDTHS: [f64; 2] = [0.25, 0.02];

/// The fitted prior and its log-likelihood over all cells with n ≥ 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub prior: Prior,
    pub log_likelihood: f64,
}

/// Fits the prior to cells with counts `n` (all ≥ 1) and expected counts `expected`.
pub fn fit_prior(n: &[u64], expected: &[f64]) -> Result<Fit, SignalError> {
    if n.is_empty() {
        return Err(SignalError::Input(
            "no cells to fit the MGPS prior to".into(),
        ));
    }
    let data = FitData::new(n, expected);
    let squashed: Option<[FitData; 2]> =
        (data.len() > SQUASH_ABOVE).then(|| data.squashed(SQUASH_WIDTHS));
    let (coarse, fine) = squashed.as_ref().map_or((&data, &data), |[c, f]| (c, f));

    let (mut u, _) = STARTS
        .par_iter()
        .filter_map(|start| {
            let u0 = start
                .iter()
                .enumerate()
                .map(|(k, &t)| to_unbounded(k, t))
                .collect();
            minimise(coarse, u0, 500)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .ok_or_else(|| SignalError::Fit("no starting point converged".into()))?;
    if squashed.is_some()
        && let Some((refined, _)) = minimise(fine, u.clone(), 200)
    {
        u = refined;
    }
    let (u, cost) = polish(fine, &data, u);
    if !cost.is_finite() {
        return Err(SignalError::Fit(
            "the fitted prior has a non-finite likelihood".into(),
        ));
    }
    let (theta, _) = to_bounded(&u);
    Ok(Fit {
        prior: Prior::from_array(theta),
        log_likelihood: -cost * data.total_weight(),
    })
}

/// Newton's method on all cells with the Hessian of the (finely squashed) `guide` data, which
/// is close to the full one and costs little: from the squashed optimum a few full likelihood
/// evaluations reach the full optimum. Each step is halved until it lowers the cost.
fn polish(guide: &FitData, data: &FitData, mut u: Vec<f64>) -> (Vec<f64>, f64) {
    let full = Objective::new(data);
    let (mut cost, mut grad) = full.evaluate(&u);
    let Some(inverse) = positive_inverse(&hessian(&Objective::new(guide), &u)) else {
        return (u, cost);
    };
    for _ in 0..POLISH_STEPS {
        let step = -(inverse * Vector5::from_column_slice(&grad));
        let predicted = -0.5 * step.dot(&Vector5::from_column_slice(&grad));
        if predicted.is_nan() || predicted <= COST_TOLERANCE {
            break;
        }
        let mut scale = 1.0;
        let accepted = loop {
            let candidate: Vec<f64> = u
                .iter()
                .zip(step.iter())
                .map(|(a, s)| a + scale * s.clamp(-1.0, 1.0))
                .collect();
            let (c, g) = full.evaluate(&candidate);
            if c < cost {
                break Some((candidate, c, g));
            }
            scale *= 0.5;
            if scale < 1e-6 {
                break None;
            }
        };
        let Some((next, c, g)) = accepted else { break };
        let gain = cost - c;
        (u, cost, grad) = (next, c, g);
        if gain < COST_TOLERANCE {
            break;
        }
    }
    (u, cost)
}

const POLISH_STEPS: usize = 20;

/// The Hessian of the cost in u, by central differences of the analytic gradient.
fn hessian(objective: &Objective<'_>, u: &[f64]) -> Matrix5<f64> {
    let h = 1e-5;
    let mut m = Matrix5::zeros();
    for k in 0..5 {
        let (mut up, mut down) = (u.to_vec(), u.to_vec());
        up[k] += h;
        down[k] -= h;
        let (gu, gd) = (objective.evaluate(&up).1, objective.evaluate(&down).1);
        for j in 0..5 {
            m[(j, k)] = (gu[j] - gd[j]) / (2.0 * h);
        }
    }
    (m + m.transpose()) * 0.5
}

/// The inverse of the Hessian with its eigenvalues held above a small fraction of the largest,
/// so that flat directions (a parameter at a bound, or a component the data cannot see) take
/// bounded steps.
fn positive_inverse(h: &Matrix5<f64>) -> Option<Matrix5<f64>> {
    let eig = SymmetricEigen::new(*h);
    let top = eig.eigenvalues.max();
    if !(top > 0.0 && top.is_finite()) {
        return None;
    }
    let inv = eig.eigenvalues.map(|l| 1.0 / l.max(top * 1e-8));
    Some(eig.eigenvectors * Matrix5::from_diagonal(&inv) * eig.eigenvectors.transpose())
}

/// θ_k = lo + (hi − lo)·sin²(u_k/2), MINUIT's transform for a box: unlike a logistic map it
/// does not trap a parameter that touches a bound (its gradient in u vanishes only linearly).
fn to_unbounded(k: usize, theta: f64) -> f64 {
    2.0 * ((theta - LOWER[k]) / (UPPER[k] - LOWER[k]))
        .clamp(0.0, 1.0)
        .sqrt()
        .asin()
}

/// θ and 1 − P (as cos²(u/2), which keeps its precision when P is close to 1).
fn to_bounded(u: &[f64]) -> ([f64; 5], f64) {
    let mut theta = [0.0; 5];
    for (k, t) in theta.iter_mut().enumerate() {
        *t = LOWER[k] + (UPPER[k] - LOWER[k]) * (0.5 * u[k]).sin().powi(2);
    }
    (theta, (0.5 * u[4]).cos().powi(2))
}

/// dθ_k/du_k.
fn slope(k: usize, u: f64) -> f64 {
    0.5 * (UPPER[k] - LOWER[k]) * u.sin()
}

/// The cost is the mean log-likelihood per cell (of order 1): stop when an iteration changes it
/// by less than this.
const COST_TOLERANCE: f64 = 1e-13;

/// Runs L-BFGS from `u0`; `None` when the run fails or ends on a non-finite cost.
fn minimise(data: &FitData, u0: Vec<f64>, max_iters: u64) -> Option<(Vec<f64>, f64)> {
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 10)
        .with_tolerance_grad(1e-10)
        .ok()?
        .with_tolerance_cost(COST_TOLERANCE)
        .ok()?;
    let problem = Objective::new(data);
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(u0).max_iters(max_iters))
        .timer(false)
        .run()
        .ok()?;
    let state = result.state();
    let cost = state.get_best_cost();
    let u = state.get_best_param()?.clone();
    cost.is_finite().then_some((u, cost))
}

/// Parameters, cost and gradient.
type Evaluation = (Vec<f64>, f64, Vec<f64>);

/// −(mean log-likelihood) in the unbounded parameters; the last evaluation is kept because the
/// line search asks for the cost and the gradient at the same point.
struct Objective<'a> {
    data: &'a FitData,
    last: Mutex<Option<Evaluation>>,
}

impl<'a> Objective<'a> {
    fn new(data: &'a FitData) -> Self {
        Self {
            data,
            last: Mutex::new(None),
        }
    }

    fn evaluate(&self, u: &[f64]) -> (f64, Vec<f64>) {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, cost, grad)) = last.as_ref()
            && at.as_slice() == u
        {
            return (*cost, grad.clone());
        }
        let (theta, q) = to_bounded(u);
        let (ll, g) = self.data.log_likelihood(theta, q, true);
        let scale = -1.0 / self.data.total_weight();
        let cost = if ll.is_finite() {
            ll * scale
        } else {
            f64::INFINITY
        };
        let grad: Vec<f64> = (0..5).map(|k| g[k] * scale * slope(k, u[k])).collect();
        *last = Some((u.to_vec(), cost, grad.clone()));
        (cost, grad)
    }
}

impl CostFunction for Objective<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, u: &Self::Param) -> Result<f64, Error> {
        Ok(self.evaluate(u).0)
    }
}

impl Gradient for Objective<'_> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, u: &Self::Param) -> Result<Vec<f64>, Error> {
        Ok(self.evaluate(u).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Cells drawn from the model itself: λ from a known mixture, n ~ Poisson(λE), n ≥ 1 kept.
    fn simulated(cells: usize, seed: u64) -> (Vec<u64>, Vec<f64>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut n, mut e) = (Vec::new(), Vec::new());
        while n.len() < cells {
            let expected: f64 = (rng.random::<f64>() * 6.0 - 3.0).exp();
            let lambda =
                if rng.random::<f64>() < 0.1 { 4.0 } else { 1.0 } * rng.random_range(0.5..1.5);
            let count = poisson(&mut rng, lambda * expected);
            if count > 0 {
                n.push(count);
                e.push(expected);
            }
        }
        (n, e)
    }

    fn poisson(rng: &mut ChaCha8Rng, mean: f64) -> u64 {
        let (limit, mut k, mut p) = ((-mean).exp(), 0, 1.0);
        loop {
            p *= rng.random::<f64>();
            if p <= limit {
                return k;
            }
            k += 1;
        }
    }

    #[test]
    fn the_fit_beats_every_start_and_is_a_stationary_point() {
        let (n, e) = simulated(3000, 7);
        let fit = fit_prior(&n, &e).unwrap();
        let data = FitData::new(&n, &e);
        for start in STARTS {
            let ll = data.log_likelihood(start, 1.0 - start[4], false).0;
            assert!(
                fit.log_likelihood >= ll,
                "start {start:?} has {ll} > {}",
                fit.log_likelihood
            );
        }
        // Small moves of any parameter inside the box do not improve the likelihood.
        let theta = fit.prior.to_array();
        for k in 0..5 {
            for h in [-1e-4, 1e-4] {
                let mut moved = theta;
                moved[k] = (moved[k] * (1.0 + h)).clamp(LOWER[k], UPPER[k]);
                let ll = data.log_likelihood(moved, 1.0 - moved[4], false).0;
                assert!(
                    ll <= fit.log_likelihood + 1e-9 * ll.abs(),
                    "parameter {k} moved by {h}"
                );
            }
        }
    }

    #[test]
    fn squashed_start_then_full_refinement() {
        // Above the squashing threshold, the refined fit is as good as a fit on all cells.
        let (n, e) = simulated(SQUASH_ABOVE + 5000, 11);
        let fit = fit_prior(&n, &e).unwrap();
        let data = FitData::new(&n, &e);
        let u0: Vec<f64> = STARTS[0]
            .iter()
            .enumerate()
            .map(|(k, &t)| to_unbounded(k, t))
            .collect();
        let (u, _) = minimise(&data, u0, 500).unwrap();
        let (theta, q) = to_bounded(&u);
        let direct = data.log_likelihood(theta, q, false).0;
        assert!(
            fit.log_likelihood >= direct - 1e-9 * direct.abs(),
            "{} < {direct}",
            fit.log_likelihood
        );
    }

    #[test]
    fn transform_round_trips() {
        for (k, t) in [0.3, 19.0, 1e-4, 0.001, 0.75].into_iter().enumerate() {
            let (theta, _) =
                to_bounded(&[to_unbounded(0, 0.3), 0.0, 0.0, 0.0, to_unbounded(4, 0.75)]);
            assert!((theta[0] - 0.3).abs() < 1e-12 && (theta[4] - 0.75).abs() < 1e-12);
            let u = to_unbounded(k, t);
            let mut us = [0.0; 5];
            us[k] = u;
            assert!((to_bounded(&us).0[k] - t).abs() < 1e-9 * t.max(1e-5));
        }
    }
}
