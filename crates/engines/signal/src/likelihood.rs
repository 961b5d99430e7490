//! The MGPS marginal likelihood (DuMouchel 1999) as openEBGM's `negLL` with N* = 1: every cell
//! with n ≥ 1 contributes ln[P·f1*(n) + (1−P)·f2*(n)], where fk is the negative binomial marginal
//! of Poisson(λE) with λ ~ Gamma(αk, rate βk), and fk* = fk / (1 − fk(0)) is truncated at zero.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use statrs::function::gamma::{digamma, ln_gamma};

/// The prior λ ~ p·Gamma(α1, rate β1) + (1−p)·Gamma(α2, rate β2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prior {
    pub alpha1: f64,
    pub beta1: f64,
    pub alpha2: f64,
    pub beta2: f64,
    pub p: f64,
}

impl Prior {
    pub(crate) fn to_array(self) -> [f64; 5] {
        [self.alpha1, self.beta1, self.alpha2, self.beta2, self.p]
    }

    pub(crate) fn from_array(t: [f64; 5]) -> Self {
        Self {
            alpha1: t[0],
            beta1: t[1],
            alpha2: t[2],
            beta2: t[3],
            p: t[4],
        }
    }
}

/// Cells as the likelihood sees them: the count (an index into the distinct counts), E, ln E
/// and a weight (1 per cell; more for a squashed point standing for several cells).
#[derive(Debug, Clone)]
pub(crate) struct FitData {
    /// Distinct counts, ascending, with ln n! of each.
    counts: Vec<f64>,
    ln_factorial: Vec<f64>,
    count_index: Vec<u32>,
    expected: Vec<f64>,
    ln_expected: Vec<f64>,
    weight: Vec<f64>,
    total_weight: f64,
}

/// Cells per parallel task of a likelihood evaluation (a fixed split keeps sums reproducible).
const CHUNK: usize = 1 << 14;

impl FitData {
    pub(crate) fn new(n: &[u64], expected: &[f64]) -> Self {
        let mut distinct: Vec<u64> = n.to_vec();
        distinct.par_sort_unstable();
        distinct.dedup();
        let count_index = n
            .par_iter()
            .map(|v| distinct.binary_search(v).unwrap_or_default() as u32)
            .collect();
        Self::from_parts(distinct, count_index, expected.to_vec(), vec![1.0; n.len()])
    }

    fn from_parts(
        distinct: Vec<u64>,
        count_index: Vec<u32>,
        expected: Vec<f64>,
        weight: Vec<f64>,
    ) -> Self {
        let counts: Vec<f64> = distinct.iter().map(|&v| v as f64).collect();
        Self {
            ln_factorial: counts.iter().map(|&v| ln_gamma(v + 1.0)).collect(),
            counts,
            count_index,
            ln_expected: expected.par_iter().map(|e| e.ln()).collect(),
            expected,
            total_weight: weight.iter().sum(),
            weight,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.expected.len()
    }

    pub(crate) fn total_weight(&self) -> f64 {
        self.total_weight
    }

    /// Data squashing (after DuMouchel & Pregibon 2001 and openEBGM's `squashData`): cells are
    /// pooled into one point at their mean E (and mean count, rounded), weighted by their number
    /// (by their weights when `self` is squashed already),
    /// when their ln E fall in the same bin of width `e_width` and their counts are equal — or,
    /// above `EXACT_COUNTS`, when their ln n fall in the same bin of width `n_width` (large
    /// counts are sparse, and each distinct count costs special functions per evaluation). One
    /// squashed data set per (e_width, n_width). Used only to reach the optimum quickly; the
    /// final fit is always on all cells.
    pub(crate) fn squashed(&self, widths: &[(f64, f64)]) -> Vec<Self> {
        const EXACT_COUNTS: f64 = 32.0;
        widths
            .par_iter()
            .map(|&(e_width, n_width)| {
                // Points in order of first appearance, so the result does not depend on hashing.
                let mut point: FxHashMap<(i64, i64), usize> = FxHashMap::default();
                let (mut count, mut expected, mut weight) =
                    (Vec::<f64>::new(), Vec::new(), Vec::<f64>::new());
                for i in 0..self.len() {
                    let n = self.counts[self.count_index[i] as usize];
                    let n_key = if n <= EXACT_COUNTS {
                        n as i64
                    } else {
                        i64::MAX / 2 + (n.ln() / n_width).floor() as i64
                    };
                    let key = (n_key, (self.ln_expected[i] / e_width).floor() as i64);
                    let at = *point.entry(key).or_insert_with(|| {
                        count.push(0.0);
                        expected.push(0.0);
                        weight.push(0.0);
                        count.len() - 1
                    });
                    let w = self.weight[i];
                    count[at] += w * n;
                    expected[at] += w * self.expected[i];
                    weight[at] += w;
                }
                let representative: Vec<u64> = count
                    .iter()
                    .zip(&weight)
                    .map(|(n, w)| (n / w).round() as u64)
                    .collect();
                expected.iter_mut().zip(&weight).for_each(|(e, w)| *e /= w);
                let mut distinct = representative.clone();
                distinct.sort_unstable();
                distinct.dedup();
                let index = representative
                    .iter()
                    .map(|v| distinct.binary_search(v).unwrap_or_default() as u32)
                    .collect();
                Self::from_parts(distinct, index, expected, weight)
            })
            .collect()
    }

    /// lnΓ(a+n) − lnΓ(a) − ln n! and ψ(a+n) − ψ(a) for every distinct count n. Counts close
    /// to the previous one step up by lnΓ(x+1) = lnΓ(x) + ln x and ψ(x+1) = ψ(x) + 1/x, which
    /// is much cheaper than the functions themselves; the chain restarts from them every
    /// `RESTART` steps so rounding cannot build up.
    pub(crate) fn per_count(&self, a: f64, with_gradient: bool) -> Vec<(f64, f64)> {
        const MAX_GAP: f64 = 8.0;
        const RESTART: usize = 256;
        let exact = |n: f64| {
            (
                ln_gamma(a + n),
                if with_gradient { digamma(a + n) } else { 0.0 },
            )
        };
        let (lg_a, dg_a) = exact(0.0);
        let mut previous: Option<(f64, f64, f64)> = None;
        let mut steps = 0;
        self.counts
            .iter()
            .zip(&self.ln_factorial)
            .map(|(&n, &lf)| {
                let (lg, dg) = match previous {
                    Some((pn, mut lg, mut dg)) if n - pn <= MAX_GAP && steps < RESTART => {
                        let mut x = a + pn;
                        for _ in 0..(n - pn) as usize {
                            lg += x.ln();
                            if with_gradient {
                                dg += 1.0 / x;
                            }
                            x += 1.0;
                        }
                        steps += 1;
                        (lg, dg)
                    }
                    _ => {
                        steps = 0;
                        exact(n)
                    }
                };
                previous = Some((n, lg, dg));
                (lg - lg_a - lf, dg - dg_a)
            })
            .collect()
    }

    /// Σ w·ln L_cell at `theta` = (α1, β1, α2, β2, P) and, when asked, its gradient in `theta`.
    /// `q` is 1 − P, passed separately so that P close to 1 keeps its precision.
    pub(crate) fn log_likelihood(
        &self,
        theta: [f64; 5],
        q: f64,
        with_gradient: bool,
    ) -> (f64, [f64; 5]) {
        let (k1, k2) = (
            self.per_count(theta[0], with_gradient),
            self.per_count(theta[2], with_gradient),
        );
        self.log_likelihood_with(theta, q, with_gradient, &k1, &k2)
    }

    /// [`FitData::log_likelihood`] given the per-count terms of α1 and α2 (from
    /// [`FitData::per_count`]), which several evaluations at the same α can share.
    pub(crate) fn log_likelihood_with(
        &self,
        theta: [f64; 5],
        q: f64,
        with_gradient: bool,
        k1: &[(f64, f64)],
        k2: &[(f64, f64)],
    ) -> (f64, [f64; 5]) {
        let [a1, b1, a2, b2, p] = theta;
        let c1 = Component {
            a: a1,
            b: b1,
            ln_b: b1.ln(),
        };
        let c2 = Component {
            a: a2,
            b: b2,
            ln_b: b2.ln(),
        };

        let partial: Vec<(f64, [f64; 5])> = (0..self.len())
            .step_by(CHUNK)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|start| {
                let mut ll = 0.0;
                let mut g = [0.0; 5];
                for i in start..(start + CHUNK).min(self.len()) {
                    let k = self.count_index[i] as usize;
                    let (n, e, ln_e, w) = (
                        self.counts[k],
                        self.expected[i],
                        self.ln_expected[i],
                        self.weight[i],
                    );
                    let t1 = c1.truncated(n, e, ln_e, k1[k]);
                    let t2 = c2.truncated(n, e, ln_e, k2[k]);
                    // Scaled by the larger of the two, so one of the factors is exactly 1.
                    let (m, e1, e2) = if t1.ln_f >= t2.ln_f {
                        (t1.ln_f, 1.0, (t2.ln_f - t1.ln_f).exp())
                    } else {
                        (t2.ln_f, (t1.ln_f - t2.ln_f).exp(), 1.0)
                    };
                    let s = p * e1 + q * e2;
                    ll += w * (m + s.ln());
                    if with_gradient {
                        let (w1, w2) = (w * p * e1 / s, w * q * e2 / s);
                        g[0] += w1 * t1.d_alpha;
                        g[1] += w1 * t1.d_beta;
                        g[2] += w2 * t2.d_alpha;
                        g[3] += w2 * t2.d_beta;
                        g[4] += w * (e1 - e2) / s;
                    }
                }
                (ll, g)
            })
            .collect();
        partial
            .iter()
            .fold((0.0, [0.0; 5]), |(ll, mut g), (l, pg)| {
                g.iter_mut().zip(pg).for_each(|(a, b)| *a += b);
                (ll + l, g)
            })
    }
}

struct Component {
    a: f64,
    b: f64,
    ln_b: f64,
}

/// ln f*(n) of one component and its derivatives in α and β.
struct Truncated {
    ln_f: f64,
    d_alpha: f64,
    d_beta: f64,
}

impl Component {
    /// `per_count` = (lnΓ(α+n) − lnΓ(α) − ln n!, ψ(α+n) − ψ(α)).
    #[inline]
    fn truncated(&self, n: f64, e: f64, ln_e: f64, per_count: (f64, f64)) -> Truncated {
        let (a, b) = (self.a, self.b);
        // r = ln(β/(β+E)) through ln1p, which keeps its precision when E ≪ β.
        let l1p = (e / b).ln_1p();
        let r = -l1p;
        let ln_be = self.ln_b + l1p;
        // 1 − f(0) = 1 − (β/(β+E))^α, through expm1 for the same reason.
        let em = (a * r).exp_m1();
        let (f0, not_zero) = (1.0 + em, -em);
        let ln_f = per_count.0 + a * r + n * (ln_e - ln_be) - not_zero.ln();
        let d_alpha = per_count.1 + r / not_zero;
        let d_beta = a / b - (a + n) / (b + e) + f0 / not_zero * a * e / (b * (b + e));
        Truncated {
            ln_f,
            d_alpha,
            d_beta,
        }
    }
}

/// The log-likelihood of a prior over cells with counts `n` ≥ 1 and expected counts `expected`.
pub fn log_likelihood(prior: &Prior, n: &[u64], expected: &[f64]) -> f64 {
    FitData::new(n, expected)
        .log_likelihood(prior.to_array(), 1.0 - prior.p, false)
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// openEBGM's likelihood test: N = (1,1,1,1,2,2,2,2,2,2,3,3) with E = 6..17 and
    /// θ = (0.125874, 0.13587, 1.24578, 3.01587, 0.05), written out term by term.
    fn by_hand(theta: [f64; 5], n: &[u64], e: &[f64]) -> f64 {
        let nb = |a: f64, b: f64, n: f64, e: f64| {
            let prob = b / (b + e);
            (ln_gamma(a + n) - ln_gamma(a) - ln_gamma(n + 1.0)).exp()
                * prob.powf(a)
                * (1.0 - prob).powf(n)
        };
        n.iter()
            .zip(e)
            .map(|(&n, &e)| {
                let n = n as f64;
                let f1 = nb(theta[0], theta[1], n, e) / (1.0 - nb(theta[0], theta[1], 0.0, e));
                let f2 = nb(theta[2], theta[3], n, e) / (1.0 - nb(theta[2], theta[3], 0.0, e));
                (theta[4] * f1 + (1.0 - theta[4]) * f2).ln()
            })
            .sum()
    }

    fn example() -> (Vec<u64>, Vec<f64>) {
        let n = [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3];
        (n.to_vec(), (6..18).map(f64::from).collect())
    }

    const THETA: [f64; 5] = [0.125874, 0.13587, 1.24578, 3.01587, 0.05];

    #[test]
    fn matches_the_written_out_likelihood() {
        let (n, e) = example();
        let ll = log_likelihood(&Prior::from_array(THETA), &n, &e);
        assert!((ll - by_hand(THETA, &n, &e)).abs() < 1e-12 * ll.abs());
    }

    #[test]
    fn gradient_matches_central_differences() {
        let (n, e) = example();
        let data = FitData::new(&n, &e);
        let (_, g) = data.log_likelihood(THETA, 1.0 - THETA[4], true);
        for (k, gk) in g.iter().enumerate() {
            let h = 1e-6 * THETA[k];
            let (mut up, mut down) = (THETA, THETA);
            up[k] += h;
            down[k] -= h;
            let numeric = (by_hand(up, &n, &e) - by_hand(down, &n, &e)) / (2.0 * h);
            assert!(
                (gk - numeric).abs() < 1e-6 * numeric.abs().max(1.0),
                "parameter {k}: {gk} vs {numeric}"
            );
        }
    }

    #[test]
    fn per_count_terms_match_the_functions() {
        // Long runs of consecutive counts, small gaps, a large gap.
        let n: Vec<u64> = (1..=600).chain([606, 700, 5000, 5003]).collect();
        let data = FitData::new(&n, &vec![1.0; n.len()]);
        for a in [1e-5, 0.3, 17.0] {
            let terms = data.per_count(a, true);
            for ((&c, &lf), &(lg, dg)) in data.counts.iter().zip(&data.ln_factorial).zip(&terms) {
                let (want_lg, want_dg) = (
                    ln_gamma(a + c) - ln_gamma(a) - lf,
                    digamma(a + c) - digamma(a),
                );
                assert!(
                    (lg - want_lg).abs() < 1e-10 * want_lg.abs().max(1.0),
                    "a={a} n={c}: {lg} vs {want_lg}"
                );
                assert!(
                    (dg - want_dg).abs() < 1e-10 * want_dg.abs().max(1.0),
                    "a={a} n={c}: {dg} vs {want_dg}"
                );
            }
        }
    }

    #[test]
    fn squashing_keeps_weights_and_small_groups() {
        let (n, e) = example();
        let data = FitData::new(&n, &e);
        // ln E bins of width 1: E 6, 7 (ln 1.8, 1.9) | 8…9 (ln 2.08, 2.2) for n = 1; E 10…15
        // (ln 2.3…2.7) for n = 2; E 16, 17 (ln 2.77, 2.83) for n = 3.
        let squashed = data.squashed(&[(1.0, 0.1)]).remove(0);
        assert_eq!(squashed.len(), 4);
        assert_eq!(squashed.expected, vec![6.5, 8.5, 12.5, 16.5]);
        assert_eq!(squashed.weight, vec![2.0, 2.0, 6.0, 2.0]);
        assert_eq!(squashed.total_weight(), 12.0);
        // With one cell per bin squashing is the identity.
        let same = data.squashed(&[(1e-3, 0.1)]).remove(0);
        let theta = THETA;
        let (a, b) = (
            data.log_likelihood(theta, 0.95, false).0,
            same.log_likelihood(theta, 0.95, false).0,
        );
        assert!((a - b).abs() < 1e-12 * a.abs());
    }
}
