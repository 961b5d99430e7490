//! The posterior of λ for one cell under the MGPS prior: given n, λ ~ Qn·Gamma(α1+n, β1+E) +
//! (1−Qn)·Gamma(α2+n, β2+E) (rates), with Qn the posterior weight of the first component
//! (DuMouchel 1999, eq. 6). EBGM = exp(E[ln λ | n]); EB05 and EB95 are the mixture's quantiles.

use rayon::prelude::*;
use statrs::distribution::{ContinuousCDF, Gamma};
use statrs::function::gamma::{digamma, ln_gamma};

use crate::incomplete_gamma::lower_regularized;
use crate::likelihood::Prior;

/// What the posterior needs for one count value n and one prior component.
#[derive(Debug, Clone, Copy)]
struct ShapeTerms {
    /// lnΓ(α+n) − lnΓ(α) − ln n!: the count's part of the negative binomial ln f(n).
    ln_coefficient: f64,
    /// α + n, the posterior shape, with lnΓ(α+n) and ψ(α+n).
    shape: f64,
    ln_gamma_shape: f64,
    digamma_shape: f64,
    /// The 5% and 95% quantiles of Gamma(α+n, rate 1).
    q05: f64,
    q95: f64,
}

impl ShapeTerms {
    fn new(alpha: f64, n: u64) -> Self {
        let n = n as f64;
        let shape = alpha + n;
        let ln_gamma_shape = ln_gamma(shape);
        let quantile = |level| {
            let start = Gamma::new(shape, 1.0).map_or(f64::NAN, |g| g.inverse_cdf(level));
            polish_quantile(level, shape, ln_gamma_shape, start)
        };
        Self {
            ln_coefficient: ln_gamma_shape - ln_gamma(alpha) - ln_gamma(n + 1.0),
            shape,
            ln_gamma_shape,
            digamma_shape: digamma(shape),
            q05: quantile(0.05),
            q95: quantile(0.95),
        }
    }
}

/// statrs' gamma quantile stops when two iterates agree to its default tolerance; the search
/// for the mixture quantile takes the component quantiles as exact, so Newton steps in ln x
/// bring them to double precision.
fn polish_quantile(level: f64, shape: f64, ln_gamma_shape: f64, mut x: f64) -> f64 {
    for _ in 0..4 {
        let (p, density) = lower_regularized(shape, ln_gamma_shape, x);
        let step = (p - level) / (x * density);
        if !step.is_finite() {
            break;
        }
        x *= (-step).exp();
        if step.abs() <= f64::EPSILON {
            break;
        }
    }
    x
}

/// The posterior summaries of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posterior {
    pub ebgm: f64,
    pub eb05: f64,
    pub eb95: f64,
}

/// Precomputed per-count terms for a prior; [`Posteriors::cell`] then costs a few special
/// function calls per cell.
#[derive(Debug, Clone)]
pub struct Posteriors {
    prior: Prior,
    /// (ln p, ln(1 − p)) and (ln β1, ln β2).
    ln_weights: (f64, f64),
    ln_rates: (f64, f64),
    counts: Vec<u64>,
    /// `direct[n]` is the index of count n in `counts` (u32::MAX when absent), for small n.
    direct: Vec<u32>,
    terms: Vec<(ShapeTerms, ShapeTerms)>,
}

/// Counts below this are looked up directly rather than by binary search.
const DIRECT_COUNTS: usize = 1 << 16;

impl Posteriors {
    /// Prepares the posterior for cells whose counts are among `counts`.
    pub fn new(prior: Prior, counts: &[u64]) -> Self {
        let mut distinct = counts.to_vec();
        distinct.par_sort_unstable();
        distinct.dedup();
        let terms = distinct
            .par_iter()
            .map(|&n| {
                (
                    ShapeTerms::new(prior.alpha1, n),
                    ShapeTerms::new(prior.alpha2, n),
                )
            })
            .collect();
        let direct_len = distinct
            .last()
            .map_or(0, |&m| (m as usize + 1).min(DIRECT_COUNTS));
        let mut direct = vec![u32::MAX; direct_len];
        for (k, &n) in distinct.iter().enumerate() {
            if let Some(slot) = direct.get_mut(n as usize) {
                *slot = k as u32;
            }
        }
        Self {
            prior,
            ln_weights: (prior.p.ln(), (1.0 - prior.p).ln()),
            ln_rates: (prior.beta1.ln(), prior.beta2.ln()),
            counts: distinct,
            direct,
            terms,
        }
    }

    fn terms(&self, n: u64) -> (ShapeTerms, ShapeTerms) {
        let k = match self.direct.get(n as usize) {
            Some(&k) if k != u32::MAX => Some(k as usize),
            _ => self.counts.binary_search(&n).ok(),
        };
        k.map_or_else(
            || {
                (
                    ShapeTerms::new(self.prior.alpha1, n),
                    ShapeTerms::new(self.prior.alpha2, n),
                )
            },
            |k| self.terms[k],
        )
    }

    /// The posterior of a cell with count `n` (one of those given to [`Posteriors::new`]) and
    /// expected count `e`.
    pub fn cell(&self, n: u64, e: f64) -> Posterior {
        let (t1, t2) = self.terms(n);
        let Prior {
            alpha1,
            beta1,
            alpha2,
            beta2,
            ..
        } = self.prior;
        let (nf, ln_e) = (n as f64, e.ln());
        let (rate1, rate2) = (beta1 + e, beta2 + e);
        let (ln_rate1, ln_rate2) = (rate1.ln(), rate2.ln());
        // Bayes' rule under the prior itself uses the untruncated marginals f_k (eq. 6, as
        // openEBGM's `Qn`); the truncation only conditions which cells enter the fit.
        let ln_f1 =
            t1.ln_coefficient + alpha1 * (self.ln_rates.0 - ln_rate1) + nf * (ln_e - ln_rate1);
        let ln_f2 =
            t2.ln_coefficient + alpha2 * (self.ln_rates.1 - ln_rate2) + nf * (ln_e - ln_rate2);
        let log_odds = (self.ln_weights.1 + ln_f2) - (self.ln_weights.0 + ln_f1);
        // Both weights from the log-odds, so the smaller keeps its precision.
        let (q1, q2) = if log_odds > 0.0 {
            let z = (-log_odds).exp();
            (z / (1.0 + z), 1.0 / (1.0 + z))
        } else {
            let z = log_odds.exp();
            (1.0 / (1.0 + z), z / (1.0 + z))
        };
        let c1 = PostGamma {
            weight: q1,
            shape: t1.shape,
            rate: rate1,
            ln_gamma_shape: t1.ln_gamma_shape,
        };
        let c2 = PostGamma {
            weight: q2,
            shape: t2.shape,
            rate: rate2,
            ln_gamma_shape: t2.ln_gamma_shape,
        };
        let mean_ln = q1 * (t1.digamma_shape - ln_rate1) + q2 * (t2.digamma_shape - ln_rate2);
        Posterior {
            ebgm: mean_ln.exp(),
            eb05: mixture_quantile(0.05, &c1, t1.q05 / rate1, &c2, t2.q05 / rate2),
            eb95: mixture_quantile(0.95, &c1, t1.q95 / rate1, &c2, t2.q95 / rate2),
        }
    }
}

/// One weighted gamma component of the posterior.
struct PostGamma {
    weight: f64,
    shape: f64,
    rate: f64,
    ln_gamma_shape: f64,
}

/// The quantile is searched in t = ln x, where g(t) = w·P(a, b·e^t) is smooth and nearly
/// symmetric. With y = b·x, its derivatives have closed forms in g1 = g′(t) = w·y^a·e^(−y)/Γ(a),
/// u = a − y and v = −y: g2 = g1·u, g3 = g1·(u² + v), g4 = g1·(u³ + 3uv + v),
/// g5 = g1·(u⁴ + 6u²v + 4uv + 3v² + v).
impl PostGamma {
    /// The weighted CDF and g1 at x (one incomplete gamma evaluation).
    fn at(&self, x: f64) -> (f64, f64) {
        let y = self.rate * x;
        let (p, unit_density) = lower_regularized(self.shape, self.ln_gamma_shape, y);
        (self.weight * p, self.weight * y * unit_density)
    }

    /// g1 at x alone, in closed form.
    fn slope(&self, x: f64) -> f64 {
        let y = self.rate * x;
        self.weight * (self.shape * y.ln() - y - self.ln_gamma_shape).exp()
    }

    /// g1 … g5 at x, given g1 there.
    fn derivatives(&self, x: f64, g1: f64) -> [f64; 5] {
        let y = self.rate * x;
        let (u, v) = (self.shape - y, -y);
        let u2 = u * u;
        [
            g1,
            g1 * u,
            g1 * (u2 + v),
            g1 * (u2 * u + 3.0 * u * v + v),
            g1 * (u2 * u2 + 6.0 * u2 * v + 4.0 * u * v + 3.0 * v * v + v),
        ]
    }
}

fn add(a: [f64; 5], b: [f64; 5]) -> [f64; 5] {
    std::array::from_fn(|k| a[k] + b[k])
}

/// A Halley step in t this small leaves an error far below double precision (the error of the
/// next iterate is of the order of the step cubed), so it is taken without another check.
const FINAL_STEP: f64 = 1e-6;

/// The `level` quantile of the two-component mixture, given each component's own quantile.
///
/// At the heavier component's quantile its CDF is exactly `level`, so one incomplete gamma
/// evaluation (of the lighter component) gives the mixture CDF there, and the closed-form
/// derivatives its Taylor expansion in t = ln x. When the root of the quartic Taylor model is
/// so close that the fifth-order remainder is below double precision, that root is the answer.
/// Otherwise (comparable weights) Halley's method in t runs inside the bracket formed by the two
/// components' quantiles (at the lower one the mixture CDF is ≤ level, at the upper one ≥ level),
/// bisecting when a step would leave it.
fn mixture_quantile(level: f64, c1: &PostGamma, x1: f64, c2: &PostGamma, x2: f64) -> f64 {
    // A component whose weight is below the rounding of `level` cannot move the quantile.
    let negligible = level * f64::EPSILON / 4.0;
    if c1.weight <= negligible {
        return x2;
    }
    if c2.weight <= negligible {
        return x1;
    }
    let (mut lo, mut hi) = (x1.min(x2), x1.max(x2));
    let (heavy, light, start) = if c1.weight >= c2.weight {
        (c1, c2, x1)
    } else {
        (c2, c1, x2)
    };

    let (p_light, light_slope) = light.at(start);
    let f0 = heavy.weight * level + p_light - level;
    if f0 == 0.0 {
        return start;
    }
    let d = add(
        heavy.derivatives(start, heavy.slope(start)),
        light.derivatives(start, light_slope),
    );
    let mut delta: f64 = 0.0;
    for _ in 0..8 {
        let p =
            f0 + delta * (d[0] + delta * (d[1] / 2.0 + delta * (d[2] / 6.0 + delta * d[3] / 24.0)));
        let dp = d[0] + delta * (d[1] + delta * (d[2] / 2.0 + delta * d[3] / 6.0));
        let step = p / dp;
        delta -= step;
        if step.abs() <= f64::EPSILON * delta.abs() {
            break;
        }
    }
    let remainder = (d[4] * delta.powi(5) / 120.0 / d[0]).abs();
    let taylor = start * delta.exp();
    if remainder <= f64::EPSILON / 16.0 && taylor >= lo && taylor <= hi {
        return taylor;
    }

    if f0 < 0.0 {
        lo = start;
    } else {
        hi = start;
    }
    let mut x = if taylor > lo && taylor < hi {
        taylor
    } else {
        (lo * hi).sqrt()
    };
    for _ in 0..200 {
        if hi - lo <= 2.0 * f64::EPSILON * hi {
            break;
        }
        let ((p1, s1), (p2, s2)) = (heavy.at(x), light.at(x));
        let f = p1 + p2 - level;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let d = add(heavy.derivatives(x, s1), light.derivatives(x, s2));
        let newton = f / d[0];
        let correction = 1.0 - 0.5 * newton * d[1] / d[0];
        let step = if correction > 0.5 {
            newton / correction
        } else {
            newton
        };
        let next = x * (-step).exp();
        if !(next > lo && next < hi) {
            x = (lo * hi).sqrt();
            continue;
        }
        if step.abs() <= FINAL_STEP {
            return next;
        }
        x = next;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIOR: Prior = Prior {
        alpha1: 0.2041,
        beta1: 0.05816,
        alpha2: 1.415,
        beta2: 1.838,
        p: 0.0969,
    };

    /// Qn, EBGM and the mixture CDF written out from DuMouchel's equations with statrs' gamma.
    fn by_hand(n: u64, e: f64) -> (f64, f64, impl Fn(f64) -> f64) {
        let nb = |a: f64, b: f64| {
            let prob = b / (b + e);
            (ln_gamma(a + n as f64) - ln_gamma(a) - ln_gamma(n as f64 + 1.0)).exp()
                * prob.powf(a)
                * (1.0 - prob).powf(n as f64)
        };
        let (f1, f2) = (nb(PRIOR.alpha1, PRIOR.beta1), nb(PRIOR.alpha2, PRIOR.beta2));
        let q = PRIOR.p * f1 / (PRIOR.p * f1 + (1.0 - PRIOR.p) * f2);
        let (a1, b1) = (PRIOR.alpha1 + n as f64, PRIOR.beta1 + e);
        let (a2, b2) = (PRIOR.alpha2 + n as f64, PRIOR.beta2 + e);
        let ebgm = (q * (digamma(a1) - b1.ln()) + (1.0 - q) * (digamma(a2) - b2.ln())).exp();
        let cdf = move |x: f64| {
            q * Gamma::new(a1, b1).unwrap().cdf(x) + (1.0 - q) * Gamma::new(a2, b2).unwrap().cdf(x)
        };
        (q, ebgm, cdf)
    }

    #[test]
    fn ebgm_and_quantiles_match_the_equations() {
        for (n, e) in [
            (1, 0.3),
            (3, 0.5),
            (12, 2.0),
            (40, 41.0),
            (2, 0.01),
            (250, 10.0),
        ] {
            let post = Posteriors::new(PRIOR, &[n]).cell(n, e);
            let (_, ebgm, cdf) = by_hand(n, e);
            assert!(
                (post.ebgm - ebgm).abs() < 1e-12 * ebgm,
                "n={n} e={e}: {} vs {ebgm}",
                post.ebgm
            );
            assert!(
                (cdf(post.eb05) - 0.05).abs() < 1e-12,
                "n={n} e={e}: F(EB05) = {}",
                cdf(post.eb05)
            );
            assert!(
                (cdf(post.eb95) - 0.95).abs() < 1e-12,
                "n={n} e={e}: F(EB95) = {}",
                cdf(post.eb95)
            );
            assert!(post.eb05 < post.ebgm && post.ebgm < post.eb95);
        }
    }

    #[test]
    fn a_lone_component_gives_its_own_quantile() {
        // p = 1: the posterior is Gamma(α1 + n, β1 + E) and EB05 its 5% quantile.
        let prior = Prior { p: 1.0, ..PRIOR };
        let post = Posteriors::new(prior, &[5]).cell(5, 2.0);
        let g = Gamma::new(prior.alpha1 + 5.0, prior.beta1 + 2.0).unwrap();
        assert!((g.cdf(post.eb05) - 0.05).abs() < 1e-12);
        assert!(
            (post.ebgm - (digamma(prior.alpha1 + 5.0) - (prior.beta1 + 2.0f64).ln()).exp()).abs()
                < 1e-12
        );
    }

    #[test]
    fn counts_not_prepared_are_computed_on_demand() {
        let prepared = Posteriors::new(PRIOR, &[4]).cell(4, 1.5);
        assert_eq!(Posteriors::new(PRIOR, &[1]).cell(4, 1.5), prepared);
    }
}
