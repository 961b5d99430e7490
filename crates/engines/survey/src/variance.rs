//! Taylor-linearisation variance of an estimator from its PSU score totals.

use crate::design::Design;

/// How a stratum with a single PSU contributes to the variance (it has no within-stratum
/// deviation to measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LonelyPsu {
    /// Refuse to estimate, naming the strata.
    #[default]
    Fail,
    /// The stratum contributes nothing, as if its PSU had been selected with certainty.
    Certainty,
    /// The variance of the other strata is scaled by H / (H − H₁), H₁ the number of lonely
    /// strata: each lonely stratum gets the average contribution of the strata with ≥ 2 PSUs.
    Scale,
    /// The lonely PSU's score total is centred at the grand mean of all PSU score totals.
    Center,
}

/// `V = Σ_h n_h/(n_h−1) Σ_j (z_hj − z̄_h)²` over the PSU score totals `z` (one per PSU, indexed
/// like the design's PSUs), with lonely strata handled by `lonely`. The caller has already refused
/// lonely strata under [`LonelyPsu::Fail`]; such strata are then treated as [`LonelyPsu::Certainty`].
pub(crate) fn taylor_variance(z: &[f64], design: &Design, lonely: LonelyPsu) -> f64 {
    let grand_mean = z.iter().sum::<f64>() / z.len() as f64;
    let mut variance = 0.0;
    let mut n_lonely = 0usize;
    for s in design.strata() {
        let zs = &z[s.start..s.end];
        let n = zs.len() as f64;
        if zs.len() == 1 {
            n_lonely += 1;
            if lonely == LonelyPsu::Center {
                variance += (zs[0] - grand_mean).powi(2);
            }
            continue;
        }
        let mean = zs.iter().sum::<f64>() / n;
        let ss: f64 = zs.iter().map(|v| (v - mean).powi(2)).sum();
        variance += n / (n - 1.0) * ss;
    }
    let n_strata = design.n_strata();
    if lonely == LonelyPsu::Scale && n_lonely > 0 {
        // With every stratum lonely there is nothing to average; the caller refuses that case.
        variance *= n_strata as f64 / (n_strata - n_lonely) as f64;
    }
    variance
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strata A (PSUs a1, a2), B (b1, b2, b3), C (c1 only); one record per PSU, weight 1.
    fn design() -> Design {
        Design::new(vec![1.0; 6], &[0, 0, 1, 1, 1, 2], &[1, 2, 1, 2, 3, 1]).unwrap()
    }

    const Z: [f64; 6] = [1.0, 3.0, 2.0, 4.0, 9.0, 7.0];

    // Stratum A: mean 2, squares 1 + 1 = 2, factor 2/1 → 4.
    // Stratum B: mean 5, squares 9 + 1 + 16 = 26, factor 3/2 → 39.
    const MULTI: f64 = 43.0;

    #[test]
    fn certainty_drops_the_lonely_stratum() {
        assert_eq!(taylor_variance(&Z, &design(), LonelyPsu::Certainty), MULTI);
    }

    #[test]
    fn scale_gives_lonely_strata_the_average_contribution() {
        // 3 strata, 2 with ≥ 2 PSUs: 43 · 3/2.
        assert_eq!(taylor_variance(&Z, &design(), LonelyPsu::Scale), 64.5);
    }

    #[test]
    fn center_uses_the_grand_mean() {
        // Grand mean of the six PSU totals: 26/6; (7 − 26/6)² = (16/6)² = 64/9.
        let v = taylor_variance(&Z, &design(), LonelyPsu::Center);
        assert!((v - (MULTI + 64.0 / 9.0)).abs() < 1e-12);
    }
}
