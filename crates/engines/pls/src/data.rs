//! Missing-value handling and the moments (means, standard deviations, correlations) that the
//! whole estimation runs on.

use nalgebra::{DMatrix, DVector};

/// What to do with missing cells (NaN) in the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Missing {
    /// Drop every row with a missing item.
    #[default]
    Listwise,
    /// Replace a missing cell by the mean of its item over the rows where it is present.
    Mean,
}

/// How many rows and cells the missing-value handling touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingReport {
    pub method: Missing,
    pub rows_total: usize,
    pub rows_used: usize,
    /// Rows dropped by listwise deletion (0 under mean replacement).
    pub rows_dropped: usize,
    /// Missing item cells in the input.
    pub cells_missing: usize,
    /// Cells filled with the item mean (0 under listwise deletion).
    pub cells_replaced: usize,
}

/// Data after missing-value handling.
pub(crate) struct Cleaned {
    pub x: DMatrix<f64>,
    /// Index into the input rows of each row of `x`.
    pub rows: Vec<usize>,
    pub report: MissingReport,
}

/// Applies `method` to `raw` (rows × items, NaN = missing). Under mean replacement an item with no
/// value at all is returned as `Err(column)`.
pub(crate) fn clean(raw: &DMatrix<f64>, method: Missing) -> Result<Cleaned, usize> {
    let n = raw.nrows();
    let cells_missing = raw.as_slice().iter().filter(|v| v.is_nan()).count();
    let mut report = MissingReport {
        method,
        rows_total: n,
        rows_used: n,
        rows_dropped: 0,
        cells_missing,
        cells_replaced: 0,
    };
    match method {
        Missing::Listwise => {
            // One pass down the contiguous columns marks the incomplete rows.
            let mut complete = vec![true; n];
            for col in raw.as_slice().chunks_exact(n.max(1)) {
                for (ok, v) in complete.iter_mut().zip(col) {
                    *ok &= !v.is_nan();
                }
            }
            let rows: Vec<usize> = (0..n).filter(|&i| complete[i]).collect();
            let x = if rows.len() == n {
                raw.clone()
            } else {
                gather_rows(raw, &rows)
            };
            report.rows_used = rows.len();
            report.rows_dropped = n - rows.len();
            Ok(Cleaned { x, rows, report })
        }
        Missing::Mean => {
            let mut x = raw.clone();
            for (j, mut col) in x.column_iter_mut().enumerate() {
                let (sum, count) = col
                    .iter()
                    .filter(|v| !v.is_nan())
                    .fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
                if count == 0 {
                    return Err(j);
                }
                let mean = sum / count as f64;
                col.iter_mut()
                    .filter(|v| v.is_nan())
                    .for_each(|v| *v = mean);
            }
            report.cells_replaced = cells_missing;
            Ok(Cleaned {
                x,
                rows: (0..n).collect(),
                report,
            })
        }
    }
}

/// The rows `rows` of `x` (repeats allowed), in that order.
pub(crate) fn gather_rows(x: &DMatrix<f64>, rows: &[usize]) -> DMatrix<f64> {
    let mut values = Vec::with_capacity(rows.len() * x.ncols());
    for col in x.as_slice().chunks_exact(x.nrows().max(1)) {
        values.extend(rows.iter().map(|&r| col[r]));
    }
    DMatrix::from_vec(rows.len(), x.ncols(), values)
}

/// Sample moments of the items (divisor n − 1, as R's `sd`, `cov` and `cor`).
pub(crate) struct Moments {
    pub mean: DVector<f64>,
    pub sd: DVector<f64>,
    /// Item correlation matrix.
    pub corr: DMatrix<f64>,
}

/// Moments of `x` (n ≥ 2 rows), which is consumed as scratch space; `Err(column)` names the first
/// constant item.
pub(crate) fn moments(mut x: DMatrix<f64>) -> Result<Moments, usize> {
    let (n, p) = x.shape();
    let mut mean = DVector::zeros(p);
    // Columns are contiguous (column-major storage): centre each one in place.
    for (j, col) in x.as_mut_slice().chunks_exact_mut(n).enumerate() {
        // Tested on the values: the mean of equal values need not equal them in floating point.
        if col.iter().all(|&v| v == col[0]) {
            return Err(j);
        }
        let m = col.iter().sum::<f64>() / n as f64;
        col.iter_mut().for_each(|v| *v -= m);
        mean[j] = m;
    }
    // An explicit transpose lets the product run through nalgebra's blocked SIMD gemm
    // (matrixmultiply); `tr_mul` would take one dot product per entry, several times slower.
    let mut corr = x.transpose() * &x / (n as f64 - 1.0);
    let sd = corr.diagonal().map(f64::sqrt);
    for j in 0..p {
        for i in 0..p {
            corr[(i, j)] /= sd[i] * sd[j];
        }
        corr[(j, j)] = 1.0;
    }
    Ok(Moments { mean, sd, corr })
}

/// `x` standardised with `m` (z-scores with the n − 1 standard deviation).
pub(crate) fn standardise(x: &DMatrix<f64>, m: &Moments) -> DMatrix<f64> {
    let mut z = x.clone();
    for (j, mut col) in z.column_iter_mut().enumerate() {
        col.apply(|v| *v = (*v - m.mean[j]) / m.sd[j]);
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listwise_drops_rows_and_counts() {
        let raw =
            DMatrix::from_row_slice(4, 2, &[1.0, 2.0, f64::NAN, 3.0, 4.0, f64::NAN, 5.0, 6.0]);
        let c = clean(&raw, Missing::Listwise).unwrap();
        assert_eq!(c.rows, vec![0, 3]);
        assert_eq!(c.x, DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 5.0, 6.0]));
        assert_eq!(
            (
                c.report.rows_dropped,
                c.report.cells_missing,
                c.report.cells_replaced
            ),
            (2, 2, 0)
        );
    }

    #[test]
    fn mean_replacement_uses_the_present_cells() {
        // Column 0 present: 1, 4, 5 → mean 10/3; column 1 present: 2, 3, 6 → mean 11/3.
        let raw =
            DMatrix::from_row_slice(4, 2, &[1.0, 2.0, f64::NAN, 3.0, 4.0, f64::NAN, 5.0, 6.0]);
        let c = clean(&raw, Missing::Mean).unwrap();
        assert_eq!(c.x[(1, 0)], 10.0 / 3.0);
        assert_eq!(c.x[(2, 1)], 11.0 / 3.0);
        assert_eq!((c.report.rows_used, c.report.cells_replaced), (4, 2));
        let empty = DMatrix::from_row_slice(2, 2, &[1.0, f64::NAN, 2.0, f64::NAN]);
        assert_eq!(clean(&empty, Missing::Mean).err(), Some(1));
    }

    #[test]
    fn moments_match_hand_computation() {
        // x = (1, 2, 3, 4), y = (2, 1, 4, 3): sd = sqrt(5/3) each, cov = (−1.5·−0.5 + … )/3 = 1,
        // so cor = 1 / (5/3) = 0.6.
        let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 1.0, 3.0, 4.0, 4.0, 3.0]);
        let m = moments(x.clone()).unwrap();
        assert!((m.sd[0] - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
        assert!((m.corr[(0, 1)] - 0.6).abs() < 1e-15);
        let z = standardise(&x, &m);
        assert!((z[(0, 0)] + 1.5 / (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
        let constant = DMatrix::from_row_slice(3, 2, &[1.0, 7.0, 2.0, 7.0, 3.0, 7.0]);
        assert_eq!(moments(constant).err(), Some(1));
    }
}
