//! Maximum marginal likelihood for the MGPS prior on the box α, β ∈ [1e-5, 20], p ∈ [0, 1], in
//! the original (untransformed) parameters: projected Newton steps (Bertsekas 1982) from several
//! starts — fixed ones, the best points of coarse grids and splits of the best single gamma —
//! then a check of the first-order (KKT) conditions at the optimum: zero gradient in the free
//! parameters, a gradient pointing out of the box in the parameters held on a bound. The prior
//! is reported with component 1 the one of larger mean.

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

/// The coarse grids. Joint: every component (α, β) with α, β from `GRID_SHAPE`, paired with
/// every other of no larger mean α/β, with the weight p of the first from `GRID_WEIGHT`.
/// Conditional: the second component fixed at the best single-gamma prior (p = 0), the first
/// from `SIGNAL_SHAPE`², its weight from `SIGNAL_WEIGHT` — the usual shape of the optimum, a
/// null component and a small elevated one. The bound 20 is on both, so a start can begin where
/// the optimum of a tight component lies.
const GRID_SHAPE: [f64; 6] = [0.05, 0.3, 1.5, 4.0, 10.0, 20.0];
/// The joint grid's α and β on large (squashed) tables.
const GRID_SHAPE_LARGE: [f64; 4] = [0.05, 0.5, 3.0, 20.0];
const GRID_WEIGHT: [f64; 4] = [0.02, 0.1, 0.3, 0.6];
const SIGNAL_SHAPE: [f64; 8] = [0.05, 0.2, 0.6, 1.5, 4.0, 8.0, 14.0, 20.0];
const SIGNAL_WEIGHT: [f64; 4] = [0.005, 0.02, 0.06, 0.2];
/// Splits of the best single gamma into two components (see `grid_starts`).
const SPLIT_SPREAD: [f64; 2] = [0.3, 0.6];
const SPLIT_WEIGHT: [f64; 2] = [0.3, 0.5];
/// How many of the best points of each grid (with distinct first components) are used as starts.
const GRID_STARTS: usize = 6;
/// Tables of at most this many cells take four times as many joint-grid starts.
const SMALL_TABLE: usize = 5_000;
const SIGNAL_STARTS: usize = 8;

/// Above this many cells the starts run on coarsely squashed data; the best are then refined on
/// finely squashed data and finally on all cells (each stage from the previous optimum).
const SQUASH_ABOVE: usize = 20_000;
/// Widths of the squashing bins in ln E: coarse for the starts, fine for the refinement …
/// and of the bins in ln n above 32 (see `FitData::squashed`).
const SQUASH_WIDTHS: [(f64, f64); 2] = [(0.25, 0.05), (0.02, 0.005)];
/// … and for scoring the grids of starts (above `GRID_SQUASH_ABOVE` cells).
const GRID_SQUASH: (f64, f64) = (1.0, 0.25);
const GRID_SQUASH_ABOVE: usize = 2_000;
/// Optima of the coarse stage within this much (mean log-likelihood per cell) of the best are
/// all refined on the fine data, at most `REFINE` of them.
const REFINE_WITHIN: f64 = 1e-3;
const REFINE: usize = 3;

/// Newton iterations per run: from every start, then for the distinct screened ones (all of them
/// on small data — the ranking after a few iterations can mislead there — and the `FINISH` best
/// on squashed data) …
const SCREEN_ITERATIONS: usize = 6;
const FINISH: usize = 3;
/// … to convergence, then on the fine data, and on all cells.
const START_ITERATIONS: usize = 100;
const REFINE_ITERATIONS: usize = 30;
const POLISH_ITERATIONS: usize = 10;

/// A run stops when the gain of an iteration, or the gain a Newton step predicts, falls below
/// this (the cost is the mean log-likelihood per cell, of order 1).
const COST_TOLERANCE: f64 = 1e-14;

/// Convergence as reported: in the free parameters the Newton step predicts a gain of at most
/// this (relative to the mean log-likelihood per cell) …
const KKT_GAIN: f64 = 1e-10;
/// … and on an active bound the gradient of the mean log-likelihood points out of the box, or
/// into it by at most this per unit of the parameter's range.
const KKT_INWARD: f64 = 1e-8;

/// A bound of the box on which a parameter of the fitted prior lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveBound {
    /// 0…4: α1, β1, α2, β2, p.
    pub parameter: usize,
    pub upper: bool,
}

impl ActiveBound {
    /// `alpha1_lower`, `beta2_upper`, `p_lower`, …
    pub fn name(&self) -> &'static str {
        const LOWER_NAMES: [&str; 5] = [
            "alpha1_lower",
            "beta1_lower",
            "alpha2_lower",
            "beta2_lower",
            "p_lower",
        ];
        const UPPER_NAMES: [&str; 5] = [
            "alpha1_upper",
            "beta1_upper",
            "alpha2_upper",
            "beta2_upper",
            "p_upper",
        ];
        if self.upper {
            UPPER_NAMES[self.parameter]
        } else {
            LOWER_NAMES[self.parameter]
        }
    }
}

/// The fitted prior (canonically labelled: component 1 has the larger prior mean α/β), its
/// log-likelihood over all cells with n ≥ 1, whether the first-order optimality conditions hold
/// there, and the bounds the optimum lies on.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub prior: Prior,
    pub log_likelihood: f64,
    pub converged: bool,
    pub active_bounds: Vec<ActiveBound>,
}

/// Fits the prior to cells with counts `n` (all ≥ 1) and expected counts `expected`.
pub fn fit_prior(n: &[u64], expected: &[f64]) -> Result<Fit, SignalError> {
    if n.is_empty() {
        return Err(SignalError::Input(
            "no cells to fit the MGPS prior to".into(),
        ));
    }
    let data = FitData::new(n, expected);
    let squashed: Option<(FitData, FitData)> = (data.len() > SQUASH_ABOVE)
        .then(|| {
            let mut both = data.squashed(&SQUASH_WIDTHS);
            let fine = both.pop()?;
            Some((both.pop()?, fine))
        })
        .flatten();
    let (coarse, fine) = squashed.as_ref().map_or((&data, &data), |(c, f)| (c, f));

    let mut starts: Vec<[f64; 5]> = STARTS.to_vec();
    // The grids are scored on data squashed further still (only their ranking matters).
    let grid_data =
        (data.len() > GRID_SQUASH_ABOVE).then(|| coarse.squashed(&[GRID_SQUASH]).remove(0));
    starts.extend(grid_starts(
        grid_data.as_ref().unwrap_or(coarse),
        squashed.is_some(),
    ));
    // Every start takes a few iterations; the best distinct ones (all of them on small data)
    // are run to convergence.
    let mut screened: Vec<Point> = starts
        .par_iter()
        .filter_map(|&start| {
            let p = Point::at(coarse, start)?;
            Some(newton(coarse, None, p, SCREEN_ITERATIONS))
        })
        .collect();
    screened.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let finish = if squashed.is_some() {
        FINISH
    } else {
        usize::MAX
    };
    let mut runs: Vec<Point> = distinct(&screened, finish, 1e-3)
        .into_par_iter()
        .map(|p| newton(coarse, None, p, START_ITERATIONS))
        .collect();
    runs.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let best = runs
        .first()
        .filter(|p| p.cost.is_finite())
        .ok_or_else(|| SignalError::Fit("no starting point has a finite likelihood".into()))?
        .clone();

    let theta = if squashed.is_some() {
        // Refine the coarse optima close to the best on the finely squashed data.
        let close: Vec<Point> = runs
            .iter()
            .filter(|p| p.cost <= best.cost + REFINE_WITHIN)
            .cloned()
            .collect();
        distinct(&close, REFINE, 1e-6)
            .par_iter()
            .filter_map(|p| {
                Point::at(fine, p.theta).map(|q| newton(fine, None, q, REFINE_ITERATIONS))
            })
            .min_by(|a, b| a.cost.total_cmp(&b.cost))
            .map_or(best.theta, |p| p.theta)
    } else {
        best.theta
    };

    // On all cells: Newton steps with the Hessian of the finely squashed data (close to the full
    // one and much cheaper), then the KKT check with the full gradient.
    let start = Point::at(&data, theta)
        .ok_or_else(|| SignalError::Fit("the fitted prior has a non-finite likelihood".into()))?;
    let guide = squashed.as_ref().map(|(_, f)| f);
    let polished = if guide.is_some() {
        // On all cells an iteration costs two passes over them: stop when the Newton step
        // predicts a gain of a hundredth of the convergence criterion (stopping at the criterion
        // itself leaves the parameters of a flat optimum ~1e-4 off).
        let tolerance = 1e-2 * KKT_GAIN * start.cost.abs().max(1.0);
        newton_fixed(
            &data,
            guide,
            start,
            POLISH_ITERATIONS,
            [false; 5],
            tolerance,
        )
    } else {
        newton(&data, None, start, POLISH_ITERATIONS)
    };
    let hessian_data = guide.unwrap_or(&data);
    let (converged, active) = kkt(hessian_data, &polished);
    let (theta, active) = canonical(polished.theta, active);
    Ok(Fit {
        prior: Prior::from_array(theta),
        log_likelihood: -polished.cost * data.total_weight(),
        converged,
        active_bounds: active,
    })
}

/// Up to `limit` of `points` (in their order) that differ from each other by more than
/// `tolerance` relative in some parameter.
fn distinct(points: &[Point], limit: usize, tolerance: f64) -> Vec<Point> {
    let same = |a: &[f64; 5], b: &[f64; 5]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= tolerance * x.abs().max(y.abs()).max(1e-5))
    };
    let mut out: Vec<Point> = Vec::new();
    for p in points {
        if out.len() < limit && p.cost.is_finite() && !out.iter().any(|q| same(&q.theta, &p.theta))
        {
            out.push(p.clone());
        }
    }
    out
}

/// The best points of the joint and the conditional grid (by the likelihood of `data`).
fn grid_starts(data: &FitData, large: bool) -> Vec<[f64; 5]> {
    // Small tables have the most local optima and cost least per start: more grid starts there;
    // large ones have a smoother likelihood and each start costs more: fewer.
    let (grid_starts, signal_starts) = if large {
        (GRID_STARTS / 2, SIGNAL_STARTS / 2)
    } else if data.total_weight() <= SMALL_TABLE as f64 {
        (4 * GRID_STARTS, 4 * SIGNAL_STARTS)
    } else {
        (GRID_STARTS, SIGNAL_STARTS)
    };
    let shapes: &[f64] = if large {
        &GRID_SHAPE_LARGE
    } else {
        &GRID_SHAPE
    };
    let components: Vec<(f64, f64)> = shapes
        .iter()
        .flat_map(|&a| shapes.iter().map(move |&b| (a, b)))
        .collect();
    let mut joint = Vec::new();
    for &(a1, b1) in &components {
        for &(a2, b2) in &components {
            if a1 / b1 >= a2 / b2 && (a1, b1) != (a2, b2) {
                for &p in &GRID_WEIGHT {
                    joint.push([a1, b1, a2, b2, p]);
                }
            }
        }
    }
    let mut out = best_of(data, &joint, grid_starts);

    // The best single gamma: the best component of the grid, then Newton steps with p = 0.
    let single: Vec<[f64; 5]> = components
        .iter()
        .map(|&(a, b)| [1.0, 1.0, a, b, 0.0])
        .collect();
    let null = best_of(data, &single, 1)
        .first()
        .and_then(|&t| Point::at(data, t))
        .map(|p| {
            newton_fixed(
                data,
                None,
                p,
                START_ITERATIONS,
                [true, true, false, false, true],
                COST_TOLERANCE,
            )
        });
    if let Some(null) = null {
        let [_, _, a2, b2, _] = null.theta;
        let mut conditional = Vec::new();
        for &a1 in &SIGNAL_SHAPE {
            for &b1 in &SIGNAL_SHAPE {
                for &p in &SIGNAL_WEIGHT {
                    conditional.push([a1, b1, a2, b2, p]);
                }
            }
        }
        out.extend(best_of(data, &conditional, signal_starts));
        // The single gamma split in two of comparable weight, means m(1 ± d), each with half
        // its variance: the start for two overlapping components (overdispersed null cells).
        let (mean, variance) = (a2 / b2, a2 / (b2 * b2));
        let splits = if large { 1 } else { SPLIT_SPREAD.len() };
        for &d in &SPLIT_SPREAD[..splits] {
            for &p in &SPLIT_WEIGHT[..splits] {
                let component = |m: f64| {
                    let v = variance / 2.0;
                    (m * m / v, m / v)
                };
                let ((a1, b1), (a2, b2)) =
                    (component(mean * (1.0 + d)), component(mean * (1.0 - d)));
                out.push(project([a1, b1, a2, b2, p]));
            }
        }
    }
    out
}

/// The `k` best of `points` by the likelihood of `data`, with distinct first components.
fn best_of(data: &FitData, points: &[[f64; 5]], k: usize) -> Vec<[f64; 5]> {
    let mut scored: Vec<(f64, [f64; 5])> = points
        .par_iter()
        .map(|&t| (-data.log_likelihood(t, 1.0 - t[4], false).0, t))
        .filter(|(c, _)| c.is_finite())
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<[f64; 5]> = Vec::new();
    for (_, t) in scored {
        if out.len() < k && !out.iter().any(|o| o[..2] == t[..2]) {
            out.push(t);
        }
    }
    out
}

/// A point of the box with its cost (−mean log-likelihood per cell) and the cost's gradient.
#[derive(Debug, Clone)]
struct Point {
    theta: [f64; 5],
    cost: f64,
    grad: [f64; 5],
}

impl Point {
    /// The point `theta` (projected on the box); `None` when its likelihood is not finite.
    fn at(data: &FitData, theta: [f64; 5]) -> Option<Self> {
        let p = Self::evaluate(data, project(theta));
        p.cost.is_finite().then_some(p)
    }

    fn evaluate(data: &FitData, theta: [f64; 5]) -> Self {
        let (ll, g) = data.log_likelihood(theta, 1.0 - theta[4], true);
        let scale = -1.0 / data.total_weight();
        let cost = if ll.is_finite() {
            ll * scale
        } else {
            f64::INFINITY
        };
        Self {
            theta,
            cost,
            grad: g.map(|x| x * scale),
        }
    }

    /// Parameters held on a bound: on it, with the cost's gradient pushing them out of the box.
    fn held(&self) -> [bool; 5] {
        std::array::from_fn(|k| {
            (self.theta[k] <= LOWER[k] && self.grad[k] >= 0.0)
                || (self.theta[k] >= UPPER[k] && self.grad[k] <= 0.0)
        })
    }
}

/// How far one iteration may move: each parameter within a factor `TRUST` of its distance to
/// either bound (the bound itself when that distance is below `REACH` of the range). Far from the
/// optimum a Newton step can overshoot onto a bound — p = 0 in particular, where the first
/// component stops mattering and the run stalls at a poor point; this keeps the path in the
/// basin of the start.
fn trust(theta: [f64; 5]) -> ([f64; 5], [f64; 5]) {
    const TRUST: f64 = 4.0;
    const REACH: f64 = 1e-6;
    let mut lo = LOWER;
    let mut hi = UPPER;
    for k in 0..5 {
        let width = UPPER[k] - LOWER[k];
        let below = theta[k] - LOWER[k];
        if below > REACH * width {
            lo[k] = LOWER[k] + below / TRUST;
        }
        let above = UPPER[k] - theta[k];
        if above > REACH * width {
            hi[k] = UPPER[k] - above / TRUST;
        }
    }
    (lo, hi)
}

fn project(theta: [f64; 5]) -> [f64; 5] {
    std::array::from_fn(|k| theta[k].clamp(LOWER[k], UPPER[k]))
}

/// Projected Newton's method: parameters held on a bound stay there; the free ones take a
/// Newton step with the Hessian (of `guide` when given, else of `data`) made positive definite;
/// the step is projected on the box and halved until the cost falls by a fraction of what the
/// gradient predicts. When no Newton step lowers the cost, a projected gradient step (scaled by
/// the Hessian's diagonal) is tried; the run ends when neither does, or when the gain is below
/// `COST_TOLERANCE`.
fn newton(data: &FitData, guide: Option<&FitData>, x: Point, iterations: usize) -> Point {
    newton_fixed(data, guide, x, iterations, [false; 5], COST_TOLERANCE)
}

/// [`newton`] with the parameters marked `fixed` held where they are, stopping at `tolerance`.
fn newton_fixed(
    data: &FitData,
    guide: Option<&FitData>,
    mut x: Point,
    iterations: usize,
    fixed: [bool; 5],
    tolerance: f64,
) -> Point {
    let fixed_hessian = guide.map(|g| hessian(g, x.theta, None));
    for _ in 0..iterations {
        let h = match &fixed_hessian {
            Some(h) => *h,
            None => hessian(data, x.theta, Some(&x.grad)),
        };
        let mut held = x.held();
        for k in 0..5 {
            held[k] |= fixed[k];
        }
        let Some((step, predicted)) = newton_step(&h, &x.grad, held) else {
            break;
        };
        if predicted <= tolerance {
            break;
        }
        let next = search(data, &x, &step).or_else(|| {
            let diagonal: [f64; 5] = std::array::from_fn(|k| {
                if held[k] {
                    0.0
                } else {
                    -x.grad[k] / h[(k, k)].abs().max(1e-12)
                }
            });
            search(data, &x, &diagonal)
        });
        let Some(next) = next else { break };
        let gain = x.cost - next.cost;
        x = next;
        if gain <= tolerance {
            break;
        }
    }
    x
}

/// The Newton step in the free parameters (zero in the held ones) and the gain it predicts,
/// ½·gᵀH⁻¹g, with H's eigenvalues replaced by their absolute values (at least a small fraction
/// of the largest), so that the step goes downhill even where the cost is not convex.
fn newton_step(h: &Matrix5<f64>, grad: &[f64; 5], held: [bool; 5]) -> Option<([f64; 5], f64)> {
    let mut reduced = *h;
    let mut g = Vector5::from_column_slice(grad);
    // Held rows and columns become the identity at the scale of the free diagonal, so they do
    // not set the scale of the eigenvalue floor.
    let scale = (0..5)
        .filter(|&k| !held[k])
        .map(|k| h[(k, k)].abs())
        .fold(0.0, f64::max);
    let scale = if scale > 0.0 && scale.is_finite() {
        scale
    } else {
        1.0
    };
    for k in (0..5).filter(|&k| held[k]) {
        for j in 0..5 {
            reduced[(k, j)] = 0.0;
            reduced[(j, k)] = 0.0;
        }
        reduced[(k, k)] = scale;
        g[k] = 0.0;
    }
    let eig = SymmetricEigen::new(reduced);
    let top = eig.eigenvalues.amax();
    if !(top > 0.0 && top.is_finite()) {
        return None;
    }
    let inv = eig.eigenvalues.map(|l| 1.0 / l.abs().max(top * 1e-10));
    let inverse = eig.eigenvectors * Matrix5::from_diagonal(&inv) * eig.eigenvectors.transpose();
    let step = -(inverse * g);
    let predicted = -0.5 * step.dot(&g);
    if !predicted.is_finite() {
        return None;
    }
    let mut out = [0.0; 5];
    for k in 0..5 {
        out[k] = if held[k] { 0.0 } else { step[k] };
    }
    Some((out, predicted))
}

/// Backtracking along the projected path θ(t) = P(θ + t·step), t = 1, ½, ¼, …: the first point
/// whose cost is below the current one by at least 1e-4 of the gain the gradient predicts.
fn search(data: &FitData, x: &Point, step: &[f64; 5]) -> Option<Point> {
    let (lo, hi) = trust(x.theta);
    let mut t = 1.0;
    for _ in 0..40 {
        let theta: [f64; 5] =
            std::array::from_fn(|k| (x.theta[k] + t * step[k]).clamp(lo[k], hi[k]));
        if theta == x.theta {
            return None;
        }
        let slope: f64 = (0..5).map(|k| x.grad[k] * (theta[k] - x.theta[k])).sum();
        let candidate = Point::evaluate(data, theta);
        if candidate.cost < x.cost && candidate.cost <= x.cost + 1e-4 * slope.min(0.0) {
            return Some(candidate);
        }
        t *= 0.5;
    }
    None
}

/// The Hessian of the cost at θ, by forward differences of the analytic gradient (steps into
/// the box), symmetrised.
/// `cost_gradient`, when given, is the cost's gradient at θ on `data` (saves one pass).
fn hessian(data: &FitData, theta: [f64; 5], cost_gradient: Option<&[f64; 5]>) -> Matrix5<f64> {
    // The per-count terms of α1 and α2 are shared by the columns that leave them alone.
    let (k1, k2) = rayon::join(
        || data.per_count(theta[0], true),
        || data.per_count(theta[2], true),
    );
    let gradient = |t: [f64; 5], k1: &[(f64, f64)], k2: &[(f64, f64)]| {
        data.log_likelihood_with(t, 1.0 - t[4], true, k1, k2).1
    };
    let base = match cost_gradient {
        Some(g) => g.map(|x| -x * data.total_weight()),
        None => gradient(theta, &k1, &k2),
    };
    let columns: Vec<[f64; 5]> = (0..5)
        .into_par_iter()
        .map(|k| {
            let mut h = 1e-6 * theta[k].abs().max(1e-3);
            if theta[k] + h > UPPER[k] {
                h = -h;
            }
            let mut moved = theta;
            moved[k] += h;
            let g = match k {
                0 => gradient(moved, &data.per_count(moved[0], true), &k2),
                2 => gradient(moved, &k1, &data.per_count(moved[2], true)),
                _ => gradient(moved, &k1, &k2),
            };
            // In the cost's units: −(mean log-likelihood).
            std::array::from_fn(|j| -(g[j] - base[j]) / (h * data.total_weight()))
        })
        .collect();
    let mut m = Matrix5::zeros();
    for (k, col) in columns.iter().enumerate() {
        for j in 0..5 {
            m[(j, k)] = col[j];
        }
    }
    let m = (m + m.transpose()) * 0.5;
    if m.iter().all(|v| v.is_finite()) {
        m
    } else {
        Matrix5::identity()
    }
}

/// The first-order optimality (KKT) conditions at `x`: in the parameters on a bound the
/// log-likelihood's gradient points out of the box (or into it by at most `KKT_INWARD` per
/// unit of range); in the others a Newton step (Hessian of `data`) predicts a gain of at most
/// `KKT_GAIN`. Returns whether they hold and the bounds the parameters lie on.
fn kkt(data: &FitData, x: &Point) -> (bool, Vec<ActiveBound>) {
    let mut active = Vec::new();
    let mut on_bound = [false; 5];
    let mut outward = true;
    for k in 0..5 {
        let width = UPPER[k] - LOWER[k];
        if x.theta[k] <= LOWER[k] {
            active.push(ActiveBound {
                parameter: k,
                upper: false,
            });
            on_bound[k] = true;
            // The cost must not fall when θ_k rises.
            outward &= x.grad[k] * width >= -KKT_INWARD;
        } else if x.theta[k] >= UPPER[k] {
            active.push(ActiveBound {
                parameter: k,
                upper: true,
            });
            on_bound[k] = true;
            outward &= x.grad[k] * width <= KKT_INWARD;
        }
    }
    let stationary = newton_step(&hessian(data, x.theta, None), &x.grad, on_bound)
        .is_some_and(|(_, gain)| gain <= KKT_GAIN * x.cost.abs().max(1.0))
        || on_bound.iter().all(|&b| b);
    (
        outward && stationary && x.grad.iter().all(|g| g.is_finite()),
        active,
    )
}

/// Component 1 is the one with the larger prior mean α/β (then the larger variance α/β², then
/// the larger weight): the likelihood and the posterior do not depend on the labels, so this
/// makes the reported prior unique.
fn canonical(theta: [f64; 5], active: Vec<ActiveBound>) -> ([f64; 5], Vec<ActiveBound>) {
    let [a1, b1, a2, b2, p] = theta;
    let key = |a: f64, b: f64, w: f64| (a / b, a / (b * b), w);
    let (k1, k2) = (key(a1, b1, p), key(a2, b2, 1.0 - p));
    let swap = k1.0 < k2.0 || (k1.0 == k2.0 && (k1.1 < k2.1 || (k1.1 == k2.1 && k1.2 < k2.2)));
    if !swap {
        return (theta, active);
    }
    let relabel = |k: usize| [2, 3, 0, 1, 4][k];
    let mut moved: Vec<ActiveBound> = active
        .into_iter()
        .map(|b| ActiveBound {
            parameter: relabel(b.parameter),
            // p on its lower bound is 1 − p on its upper one.
            upper: if b.parameter == 4 { !b.upper } else { b.upper },
        })
        .collect();
    moved.sort_by_key(|b| (b.parameter, b.upper));
    ([a2, b2, a1, b1, 1.0 - p], moved)
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
    fn the_fit_beats_every_start_and_is_a_kkt_point() {
        let (n, e) = simulated(3000, 7);
        let fit = fit_prior(&n, &e).unwrap();
        assert!(fit.converged);
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
    fn an_optimum_on_a_bound_is_reached_and_reported() {
        // A null component tighter than the box allows (λ ≈ 1 ± 3%): its α and β want to pass
        // 20, so the optimum has β (or α) of that component on the upper bound.
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let (mut n, mut e) = (Vec::new(), Vec::new());
        while n.len() < 2000 {
            let expected: f64 = (rng.random::<f64>() * 5.0 - 2.0).exp();
            let lambda = if rng.random::<f64>() < 0.03 {
                rng.random_range(3.0..8.0)
            } else {
                rng.random_range(0.97..1.03)
            };
            let count = poisson(&mut rng, lambda * expected);
            if count > 0 {
                n.push(count);
                e.push(expected);
            }
        }
        let fit = fit_prior(&n, &e).unwrap();
        assert!(fit.converged, "{fit:?}");
        let names: Vec<&str> = fit.active_bounds.iter().map(ActiveBound::name).collect();
        assert!(names.contains(&"beta2_upper"), "{fit:?}");
        assert_eq!(fit.prior.beta2, 20.0);
        // Canonical labels: component 1 has the larger mean.
        assert!(fit.prior.alpha1 / fit.prior.beta1 >= fit.prior.alpha2 / fit.prior.beta2);
        // Nothing near the optimum in the box is better.
        let data = FitData::new(&n, &e);
        let theta = fit.prior.to_array();
        for k in 0..5 {
            for h in [-1e-5, 1e-5] {
                let mut moved = theta;
                moved[k] = (moved[k] * (1.0 + h)).clamp(LOWER[k], UPPER[k]);
                let ll = data.log_likelihood(moved, 1.0 - moved[4], false).0;
                assert!(
                    ll <= fit.log_likelihood + 1e-12 * ll.abs(),
                    "parameter {k} moved by {h}: {ll} > {}",
                    fit.log_likelihood
                );
            }
        }
    }

    #[test]
    fn squashed_start_then_full_refinement() {
        // Above the squashing threshold, the refined fit is as good as a fit on all cells.
        let (n, e) = simulated(SQUASH_ABOVE + 5000, 11);
        let fit = fit_prior(&n, &e).unwrap();
        assert!(fit.converged);
        let data = FitData::new(&n, &e);
        let start = Point::at(&data, STARTS[0]).unwrap();
        let direct = newton(&data, None, start, 200);
        let direct = -direct.cost * data.total_weight();
        assert!(
            fit.log_likelihood >= direct - 1e-9 * direct.abs(),
            "{} < {direct}",
            fit.log_likelihood
        );
    }

    #[test]
    fn relabelling_swaps_components_and_bounds() {
        let active = vec![
            ActiveBound {
                parameter: 1,
                upper: true,
            },
            ActiveBound {
                parameter: 4,
                upper: false,
            },
        ];
        let (theta, moved) = canonical([1.0, 20.0, 6.0, 2.0, 0.0], active);
        assert_eq!(theta, [6.0, 2.0, 1.0, 20.0, 1.0]);
        let names: Vec<&str> = moved.iter().map(ActiveBound::name).collect();
        assert_eq!(names, vec!["beta2_upper", "p_upper"]);
        // Already canonical: unchanged.
        let (same, _) = canonical([3.0, 1.0, 1.0, 1.0, 0.2], Vec::new());
        assert_eq!(same, [3.0, 1.0, 1.0, 1.0, 0.2]);
    }
}
