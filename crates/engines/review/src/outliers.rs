//! Outlier reviewers: a robust z-score of each reviewer's mean deviation from the panel median.

use crate::describe::median;
use crate::scores::Totals;

/// |z| above this flags a reviewer (Iglewicz & Hoaglin's modified z-score cut-off).
pub const Z_CUT_OFF: f64 = 3.5;
/// Makes the MAD a consistent estimator of σ under normality.
pub const MAD_SCALE: f64 = 1.4826;
/// Makes the mean absolute deviation consistent for σ, used when the MAD is 0.
pub const MEAN_AD_SCALE: f64 = 1.253_314;

/// One reviewer's deviation and its robust z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deviation {
    /// Applications the reviewer scored.
    pub n_applications: usize,
    /// Mean over those applications of (reviewer's total − the application's median total).
    pub d: f64,
    /// (d − median(d)) / (1.4826 · MAD(d)); when the MAD is 0, the mean absolute deviation from
    /// the median scaled by 1.253314 stands in; `None` when every d is the same.
    pub z: Option<f64>,
}

/// Deviations of every reviewer, given each application's median total.
pub fn deviations(t: &Totals, medians: &[f64]) -> Vec<Deviation> {
    let m = t.n_reviewers();
    let mut sum = vec![0.0; m];
    let mut count = vec![0usize; m];
    for (a, med) in medians.iter().enumerate() {
        for (r, cell) in t.row(a).iter().enumerate() {
            if let Some(v) = cell {
                sum[r] += v - med;
                count[r] += 1;
            }
        }
    }
    let d: Vec<f64> = sum
        .iter()
        .zip(&count)
        .map(|(s, &c)| s / c.max(1) as f64)
        .collect();
    let z = robust_z(&d);
    (0..m)
        .map(|r| Deviation {
            n_applications: count[r],
            d: d[r],
            z: z[r],
        })
        .collect()
}

/// Modified z-scores of `d` (see [`Deviation::z`]).
pub fn robust_z(d: &[f64]) -> Vec<Option<f64>> {
    if d.is_empty() {
        return Vec::new();
    }
    let centre = median(&mut d.to_vec());
    let mut abs: Vec<f64> = d.iter().map(|x| (x - centre).abs()).collect();
    let mean_ad = abs.iter().sum::<f64>() / abs.len() as f64;
    let mad = median(&mut abs);
    let scale = if mad > 0.0 {
        MAD_SCALE * mad
    } else {
        MEAN_AD_SCALE * mean_ad
    };
    d.iter()
        .map(|x| (scale > 0.0).then(|| (x - centre) / scale))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modified_z_by_hand() {
        // d = 1, 2, 3, 4, 100: median 3; |d − 3| = 2, 1, 0, 1, 97, MAD = 1;
        // z(100) = 97 / 1.4826 = 65.425…, z(1) = −2 / 1.4826.
        let z = robust_z(&[1.0, 2.0, 3.0, 4.0, 100.0]);
        assert!((z[4].unwrap() - 97.0 / 1.4826).abs() < 1e-12);
        assert!((z[0].unwrap() + 2.0 / 1.4826).abs() < 1e-12);
        assert_eq!(z[2], Some(0.0));
    }

    #[test]
    fn zero_mad_falls_back_to_the_mean_absolute_deviation() {
        // d = 0, 0, 0, 10: median 0, MAD 0; mean |d| = 2.5; z(10) = 10 / (1.253314 · 2.5).
        let z = robust_z(&[0.0, 0.0, 0.0, 10.0]);
        assert!((z[3].unwrap() - 10.0 / (1.253_314 * 2.5)).abs() < 1e-12);
        assert_eq!(robust_z(&[5.0, 5.0]), vec![None, None]);
    }

    #[test]
    fn deviation_is_the_mean_distance_from_each_application_median() {
        // Medians 10 and 20; reviewer 0 gave 12 and 26 → d = (2 + 6) / 2 = 4; reviewer 1 only 20 → 0.
        let t = Totals {
            applications: vec!["a".into(), "b".into()],
            reviewers: vec!["r0".into(), "r1".into()],
            cells: vec![Some(12.0), None, Some(26.0), Some(20.0)],
        };
        let d = deviations(&t, &[10.0, 20.0]);
        assert_eq!(
            (d[0].d, d[0].n_applications, d[1].d, d[1].n_applications),
            (4.0, 2, 0.0, 1)
        );
    }
}
