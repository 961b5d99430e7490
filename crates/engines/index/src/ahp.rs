//! Analytic hierarchy process: weights from a pairwise comparison matrix.

/// Saaty's random consistency index RI for n = 1..=15 (Saaty 1980, The Analytic Hierarchy Process).
const RANDOM_INDEX: [f64; 15] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// Consistency ratios above this are refused unless forced.
pub const MAX_CONSISTENCY_RATIO: f64 = 0.1;

#[derive(Debug, Clone, PartialEq)]
pub struct AhpResult {
    /// The principal right eigenvector, scaled to sum 1.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    /// CI = (λmax − n)/(n − 1); 0 for n ≤ 2.
    pub consistency_index: f64,
    /// CR = CI/RI(n); 0 for n ≤ 2 (every such reciprocal matrix is consistent).
    pub consistency_ratio: f64,
}

/// Principal eigenvector by power iteration: a positive matrix has a simple dominant eigenvalue
/// (Perron–Frobenius), so the iteration converges from the uniform vector.
pub fn ahp(a: &[Vec<f64>]) -> Result<AhpResult, String> {
    let n = a.len();
    if n == 0 || n > RANDOM_INDEX.len() {
        return Err(format!(
            "the matrix must have 1 to {} rows, not {n}",
            RANDOM_INDEX.len()
        ));
    }
    for (i, row) in a.iter().enumerate() {
        if row.len() != n {
            return Err(format!("row {} has {} entries, not {n}", i + 1, row.len()));
        }
        for (j, &v) in row.iter().enumerate() {
            if !(v > 0.0 && v.is_finite()) {
                return Err(format!(
                    "entry ({}, {}) = {v} is not positive",
                    i + 1,
                    j + 1
                ));
            }
            // Tolerates typed reciprocals such as 0.333 for 1/3.
            if (v * a[j][i] - 1.0).abs() > 0.01 {
                let (r, c, back) = (i + 1, j + 1, a[j][i]);
                return Err(format!(
                    "entries ({r}, {c}) = {v} and ({c}, {r}) = {back} are not reciprocal"
                ));
            }
        }
    }
    let mut w = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let mut lambda = n as f64;
    for _ in 0..10_000 {
        for (i, row) in a.iter().enumerate() {
            next[i] = row.iter().zip(&w).map(|(x, y)| x * y).sum();
        }
        // With Σw = 1, Σ(Aw) → λmax.
        lambda = next.iter().sum();
        let mut change: f64 = 0.0;
        for (wi, ni) in w.iter_mut().zip(&next) {
            let v = ni / lambda;
            change = change.max((v - *wi).abs());
            *wi = v;
        }
        if change < 1e-15 {
            break;
        }
    }
    let (ci, cr) = if n <= 2 {
        (0.0, 0.0)
    } else {
        let ci = (lambda - n as f64) / (n as f64 - 1.0);
        (ci, ci / RANDOM_INDEX[n - 1])
    };
    Ok(AhpResult {
        weights: w,
        lambda_max: lambda,
        consistency_index: ci,
        consistency_ratio: cr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(a: &[&[f64]]) -> Vec<Vec<f64>> {
        a.iter().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn saaty_wealth_of_nations() {
        // Saaty & Khouja (1976), reprinted in Saaty (1980) §2: relative wealth of the US, USSR,
        // China, France, UK, Japan, West Germany. Published: w = .427 .230 .021 .052 .052 .123
        // .094, λmax = 7.61, CR = 0.08.
        let a = rows(&[
            &[1.0, 4.0, 9.0, 6.0, 6.0, 5.0, 5.0],
            &[1.0 / 4.0, 1.0, 7.0, 5.0, 5.0, 3.0, 4.0],
            &[
                1.0 / 9.0,
                1.0 / 7.0,
                1.0,
                1.0 / 5.0,
                1.0 / 5.0,
                1.0 / 7.0,
                1.0 / 5.0,
            ],
            &[1.0 / 6.0, 1.0 / 5.0, 5.0, 1.0, 1.0, 1.0 / 3.0, 1.0 / 3.0],
            &[1.0 / 6.0, 1.0 / 5.0, 5.0, 1.0, 1.0, 1.0 / 3.0, 1.0 / 3.0],
            &[1.0 / 5.0, 1.0 / 3.0, 7.0, 3.0, 3.0, 1.0, 2.0],
            &[1.0 / 5.0, 1.0 / 4.0, 5.0, 3.0, 3.0, 1.0 / 2.0, 1.0],
        ]);
        let r = ahp(&a).unwrap();
        let published = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094];
        for (w, p) in r.weights.iter().zip(published) {
            assert!((w - p).abs() < 0.0005, "{w} vs {p}");
        }
        assert!((r.lambda_max - 7.61).abs() < 0.005);
        assert!(
            (r.consistency_ratio - 0.08).abs() < 0.005,
            "{}",
            r.consistency_ratio
        );
    }

    #[test]
    fn saaty_light_intensity_is_inconsistent() {
        // Saaty (1977), chairs at increasing distance from a light: published λmax = 4.39,
        // CI = 0.13, CR ≈ 0.14 > 0.1, w ≈ (0.61, 0.24, 0.10, 0.05).
        let a = rows(&[
            &[1.0, 5.0, 6.0, 7.0],
            &[1.0 / 5.0, 1.0, 4.0, 6.0],
            &[1.0 / 6.0, 1.0 / 4.0, 1.0, 4.0],
            &[1.0 / 7.0, 1.0 / 6.0, 1.0 / 4.0, 1.0],
        ]);
        let r = ahp(&a).unwrap();
        assert!((r.lambda_max - 4.39).abs() < 0.005);
        assert!((r.consistency_index - 0.13).abs() < 0.005);
        assert!(
            r.consistency_ratio > MAX_CONSISTENCY_RATIO
                && (r.consistency_ratio - 0.14).abs() < 0.01
        );
        for (w, p) in r.weights.iter().zip([0.61, 0.24, 0.10, 0.05]) {
            assert!((w - p).abs() < 0.01, "{w} vs {p}");
        }
    }

    #[test]
    fn consistent_matrix_gives_exact_ratios() {
        // a_ij = v_i/v_j is consistent: λmax = n and w = v/Σv.
        let v = [4.0, 2.0, 1.0];
        let a: Vec<Vec<f64>> = v
            .iter()
            .map(|x| v.iter().map(|y| x / y).collect())
            .collect();
        let r = ahp(&a).unwrap();
        assert!((r.weights[0] - 4.0 / 7.0).abs() < 1e-12 && r.consistency_ratio.abs() < 1e-12);
        assert!(
            ahp(&rows(&[&[1.0, 3.0], &[3.0, 1.0]]))
                .unwrap_err()
                .contains("not reciprocal")
        );
        assert!(
            ahp(&rows(&[&[1.0, 0.0], &[1.0, 1.0]]))
                .unwrap_err()
                .contains("not positive")
        );
    }
}
