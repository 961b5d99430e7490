//! Data-driven weights of a node's children, computed from the children's values over the units.

use nalgebra::{DMatrix, SymmetricEigen};

use crate::stats::{mean_of_sorted, sd_of_sorted, sorted};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// The weights written in the framework.
    Given,
    /// All siblings weigh the same.
    Equal,
    /// Entropy weight method on the children's values.
    Entropy,
    /// Squared loadings of the first principal component of the children's correlation matrix.
    Pca,
}

impl Weighting {
    pub fn name(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::Equal => "equal",
            Self::Entropy => "entropy",
            Self::Pca => "pca",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Given, Self::Equal, Self::Entropy, Self::Pca]
            .into_iter()
            .find(|w| w.name() == name)
    }
}

/// Entropy weights. Each child's values are rescaled to [0, 1] by min-max, y; p_i = y_i/Σy;
/// e = −Σ p_i ln p_i / ln n (0·ln 0 = 0; a constant child has e = 1); d = 1 − e; w = d/Σd.
pub fn entropy(children: &[&[f64]]) -> Result<Vec<f64>, String> {
    let d: Vec<f64> = children
        .iter()
        .map(|x| {
            let n = x.len() as f64;
            let (lo, hi) = x
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
            if lo == hi {
                return 0.0;
            }
            let y = sorted(&x.iter().map(|v| (v - lo) / (hi - lo)).collect::<Vec<_>>());
            let total: f64 = y.iter().sum();
            let h: f64 = y
                .iter()
                .filter(|&&v| v > 0.0)
                .map(|v| -(v / total) * (v / total).ln())
                .sum();
            1.0 - h / n.ln()
        })
        .collect();
    let total: f64 = d.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return Err("every child is constant, so entropy weights are undefined".into());
    }
    Ok(d.iter().map(|v| v / total).collect())
}

/// First-principal-component weights: the eigenvector v of the largest eigenvalue of the
/// children's correlation matrix (unit length), w_j = v_j² (so Σw = 1 and the sign of v is moot).
pub fn pca(children: &[&[f64]]) -> Result<Vec<f64>, String> {
    let c = children.len();
    if c == 1 {
        return Ok(vec![1.0]);
    }
    let n = children[0].len();
    let mut z = DMatrix::zeros(n, c);
    for (j, x) in children.iter().enumerate() {
        let s = sorted(x);
        let (m, sd) = (mean_of_sorted(&s), sd_of_sorted(&s));
        if sd.is_nan() || sd <= 0.0 {
            return Err(format!(
                "child {} is constant, so its correlations are undefined",
                j + 1
            ));
        }
        for (u, v) in x.iter().enumerate() {
            z[(u, j)] = (v - m) / sd;
        }
    }
    let corr = z.transpose() * &z / (n as f64 - 1.0);
    let eig = SymmetricEigen::new(corr);
    let top = eig.eigenvalues.imax();
    Ok(eig.eigenvectors.column(top).iter().map(|v| v * v).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_by_hand() {
        // Child 1: 0, 50, 100 → y = 0, .5, 1, p = 0, 1/3, 2/3,
        //   e1 = −(1/3 ln 1/3 + 2/3 ln 2/3)/ln 3 = 0.579380…, d1 = 0.420619…
        // Child 2: 0, 100, 100 → p = 0, 1/2, 1/2, e2 = ln 2/ln 3 = 0.630929…, d2 = 0.369070…
        // Child 3: 0, 0, 1 → p = 0, 0, 1, e3 = 0, d3 = 1.
        let (a, b, c) = ([0.0, 50.0, 100.0], [0.0, 100.0, 100.0], [3.0, 3.0, 9.0]);
        let w = entropy(&[&a, &b, &c]).unwrap();
        let e1 = -((1.0_f64 / 3.0) * (1.0_f64 / 3.0).ln() + (2.0_f64 / 3.0) * (2.0_f64 / 3.0).ln())
            / 3f64.ln();
        let e2 = 2f64.ln() / 3f64.ln();
        let d = [1.0 - e1, 1.0 - e2, 1.0];
        let sum: f64 = d.iter().sum();
        for (wi, di) in w.iter().zip(d) {
            assert!((wi - di / sum).abs() < 1e-15);
        }
        // The same computed with numpy (reference/check repeats it on generated data).
        assert!((w[0] - 0.235_023_84).abs() < 1e-8 && (w[1] - 0.206_220_2).abs() < 1e-8);
        assert!(entropy(&[&[1.0, 1.0]]).is_err());
    }

    #[test]
    fn pca_weights_follow_the_common_factor() {
        // Two perfectly correlated children and one independent of them: correlation matrix
        // [[1,1,0],[1,1,0],[0,0,1]] has λmax = 2 with v = (1,1,0)/√2, so w = (½, ½, 0).
        let a = [1.0, 2.0, 3.0, 4.0];
        let b = [2.0, 4.0, 6.0, 8.0];
        let c = [1.0, -1.0, -1.0, 1.0];
        let w = pca(&[&a, &b, &c]).unwrap();
        assert!(
            (w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.5).abs() < 1e-12 && w[2].abs() < 1e-12,
            "{w:?}"
        );
        assert!(pca(&[&a, &[5.0; 4]]).is_err());
    }
}
