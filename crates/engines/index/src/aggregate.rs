//! Aggregation of a node's children into the node's score, for all units at once.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aggregation {
    /// Σ w·s
    Arithmetic,
    /// Π s^w (needs s > 0)
    Geometric,
    /// 1 / Σ (w/s) (needs s > 0)
    Harmonic,
    /// (Σ w·s^p)^(1/p); p = 1, 0, −1 are the three above (p ≤ 0 needs s > 0, p > 0 needs s ≥ 0).
    Generalised(f64),
    /// Copeland outranking: Σ over the other units b of sign(Σ_j w_j·sign(s_aj − s_bj)).
    Copeland,
}

/// Weighted sums of signs closer to 0 than this count as a tie (sums such as 0.2 + 0.3 − 0.5).
const COPELAND_TIE: f64 = 1e-12;

impl Aggregation {
    pub fn name(self) -> &'static str {
        match self {
            Self::Arithmetic => "arithmetic",
            Self::Geometric => "geometric",
            Self::Harmonic => "harmonic",
            Self::Generalised(_) => "generalised",
            Self::Copeland => "copeland",
        }
    }

    /// The power mean this is, if any, with p = 1, 0, −1 mapped to their exact special cases.
    fn canonical(self) -> Self {
        match self {
            Self::Generalised(1.0) => Self::Arithmetic,
            Self::Generalised(0.0) => Self::Geometric,
            Self::Generalised(-1.0) => Self::Harmonic,
            other => other,
        }
    }

    /// The exponent p of a power mean (1 arithmetic, 0 geometric, −1 harmonic); `None` for Copeland.
    pub fn power(self) -> Option<f64> {
        match self.canonical() {
            Self::Arithmetic => Some(1.0),
            Self::Geometric => Some(0.0),
            Self::Harmonic => Some(-1.0),
            Self::Generalised(p) => Some(p),
            Self::Copeland => None,
        }
    }

    /// Whether the children's scores must be positive (min-max then maps to 1–100).
    pub fn needs_positive(self) -> bool {
        match self.canonical() {
            Self::Geometric | Self::Harmonic => true,
            Self::Generalised(p) => p < 0.0,
            _ => false,
        }
    }

    /// Whether the children's scores must be non-negative.
    pub fn needs_non_negative(self) -> bool {
        matches!(self.canonical(), Self::Generalised(p) if p > 0.0) || self.needs_positive()
    }

    /// Writes the node's score of every unit into `out`; `children[c][u]` is child c's score of
    /// unit u and `weights[c]` its weight (summing to 1).
    pub fn apply(self, children: &[&[f64]], weights: &[f64], out: &mut [f64]) {
        match self.canonical() {
            Self::Arithmetic => {
                out.fill(0.0);
                for (x, w) in children.iter().zip(weights) {
                    for (o, v) in out.iter_mut().zip(x.iter()) {
                        *o += w * v;
                    }
                }
            }
            Self::Geometric => {
                out.fill(0.0);
                for (x, w) in children.iter().zip(weights) {
                    for (o, v) in out.iter_mut().zip(x.iter()) {
                        *o += w * v.ln();
                    }
                }
                out.iter_mut().for_each(|o| *o = o.exp());
            }
            Self::Harmonic => {
                out.fill(0.0);
                for (x, w) in children.iter().zip(weights) {
                    for (o, v) in out.iter_mut().zip(x.iter()) {
                        *o += w / v;
                    }
                }
                out.iter_mut().for_each(|o| *o = 1.0 / *o);
            }
            Self::Generalised(p) => {
                out.fill(0.0);
                for (x, w) in children.iter().zip(weights) {
                    for (o, v) in out.iter_mut().zip(x.iter()) {
                        *o += w * v.powf(p);
                    }
                }
                out.iter_mut().for_each(|o| *o = o.powf(1.0 / p));
            }
            Self::Copeland => {
                for (a, o) in out.iter_mut().enumerate() {
                    *o = 0.0;
                    for b in 0..children[0].len() {
                        let e: f64 = children
                            .iter()
                            .zip(weights)
                            .map(|(x, w)| w * sign(x[a] - x[b]))
                            .sum();
                        if e.abs() > COPELAND_TIE {
                            *o += e.signum();
                        }
                    }
                }
            }
        }
    }

    /// Each child's share of the node's score under the Euler decomposition s = Σ_c s_c·∂f/∂s_c
    /// (every power mean is homogeneous of degree 1): w·s^p/Σ w·s^p; the geometric mean gives w.
    /// `None` for arithmetic (contributions are then w·s, computed directly) and Copeland (none).
    pub(crate) fn shares(self, values: &[f64], weights: &[f64], out: &mut [f64]) -> Option<()> {
        let p = match self.canonical() {
            Self::Geometric => 0.0,
            Self::Harmonic => -1.0,
            Self::Generalised(p) => p,
            Self::Arithmetic | Self::Copeland => return None,
        };
        let mut total = 0.0;
        for ((o, v), w) in out.iter_mut().zip(values).zip(weights) {
            *o = if p == 0.0 { *w } else { w * v.powf(p) };
            total += *o;
        }
        out.iter_mut().for_each(|o| *o /= total);
        Some(())
    }
}

fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agg(a: Aggregation) -> Vec<f64> {
        let (x, y) = ([4.0, 1.0, 2.0], [1.0, 4.0, 2.0]);
        let mut out = vec![0.0; 3];
        a.apply(&[&x, &y], &[0.75, 0.25], &mut out);
        out
    }

    #[test]
    fn power_means_by_hand() {
        assert_eq!(agg(Aggregation::Arithmetic), vec![3.25, 1.75, 2.0]);
        let g = agg(Aggregation::Geometric);
        // 4^.75 · 1^.25 = 2.828427…, 1^.75 · 4^.25 = √2.
        assert!(
            (g[0] - 8f64.sqrt()).abs() < 1e-14
                && (g[1] - 2f64.sqrt()).abs() < 1e-14
                && (g[2] - 2.0).abs() < 1e-14
        );
        // 1/(.75/4 + .25/1) = 1/0.4375.
        assert!((agg(Aggregation::Harmonic)[0] - 1.0 / 0.4375).abs() < 1e-14);
        // √(.75·16 + .25·1) = √12.25 = 3.5.
        assert!((agg(Aggregation::Generalised(2.0))[0] - 3.5).abs() < 1e-14);
        assert_eq!(
            agg(Aggregation::Generalised(1.0)),
            agg(Aggregation::Arithmetic)
        );
    }

    #[test]
    fn copeland_by_hand() {
        // Unit 0 beats 1 on the heavier child (0.75 > 0.25) and beats 2 there too while losing on
        // the lighter one: +1 +1. Unit 1 loses to 0 and to 2 (weighted 0.75 against): −2. Unit 2
        // loses to 0, beats 1: 0.
        assert_eq!(agg(Aggregation::Copeland), vec![2.0, -2.0, 0.0]);
        // Equal weights, opposite orders: every pair ties.
        let mut out = vec![0.0; 2];
        Aggregation::Copeland.apply(&[&[1.0, 2.0], &[2.0, 1.0]], &[0.5, 0.5], &mut out);
        assert_eq!(out, vec![0.0, 0.0]);
    }

    #[test]
    fn euler_shares_sum_to_one() {
        let mut s = vec![0.0; 2];
        Aggregation::Harmonic
            .shares(&[4.0, 1.0], &[0.75, 0.25], &mut s)
            .unwrap();
        // w/s: 0.1875, 0.25.
        assert!((s[0] - 0.1875 / 0.4375).abs() < 1e-15 && (s[0] + s[1] - 1.0).abs() < 1e-15);
        assert!(
            Aggregation::Arithmetic
                .shares(&[4.0, 1.0], &[0.75, 0.25], &mut s)
                .is_none()
        );
    }
}
