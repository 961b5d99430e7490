//! Counting reports into the (row, column) cells of a contingency table, with the margins the
//! statistics need (and, for stratified expected counts, the margins of every stratum).

use rayon::prelude::*;

use crate::SignalError;

/// Reports as parallel arrays: report `k` pairs row `rows[k]` with column `cols[k]`, counts
/// `counts[k]` times (1 when absent) and belongs to stratum `strata[k]` (when given).
#[derive(Debug, Clone, Copy)]
pub struct Reports<'a> {
    pub n_rows: usize,
    pub n_cols: usize,
    pub rows: &'a [u32],
    pub cols: &'a [u32],
    pub counts: Option<&'a [u64]>,
    /// Stratum id of each report and the number of strata, for stratified expected counts.
    pub strata: Option<(&'a [u32], usize)>,
}

/// The count of one cell with at least one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellCount {
    pub row: u32,
    pub col: u32,
    pub n: u64,
}

/// Per-stratum margins, stored row-major by stratum (`rows[s * n_rows + i]`).
#[derive(Debug, Clone, PartialEq)]
struct StratumMargins {
    n_strata: usize,
    rows: Vec<u64>,
    cols: Vec<u64>,
    totals: Vec<u64>,
}

/// A contingency table: the cells with n ≥ 1, sorted by (row, col), and the margins.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    n_rows: usize,
    n_cols: usize,
    cells: Vec<CellCount>,
    row_totals: Vec<u64>,
    col_totals: Vec<u64>,
    total: u64,
    strata: Option<StratumMargins>,
}

/// Tables up to this many cells are counted in a dense array; larger ones by sorting keys.
const DENSE_LIMIT: usize = 1 << 24;

impl Table {
    /// Counts the reports. Errors name the report (0-based index) whose id is out of range.
    pub fn count(reports: &Reports<'_>) -> Result<Self, SignalError> {
        let len = reports.rows.len();
        if reports.cols.len() != len
            || reports.counts.is_some_and(|c| c.len() != len)
            || reports.strata.is_some_and(|(s, _)| s.len() != len)
        {
            return Err(SignalError::Input("report arrays differ in length".into()));
        }
        check_ids(reports.rows, reports.n_rows, "row")?;
        check_ids(reports.cols, reports.n_cols, "column")?;
        if let Some((strata, n_strata)) = reports.strata {
            check_ids(strata, n_strata, "stratum")?;
        }
        let weight = |k: usize| reports.counts.map_or(1, |c| c[k]);

        let cells = if reports.n_rows.saturating_mul(reports.n_cols) <= DENSE_LIMIT {
            count_dense(reports)
        } else {
            count_sorted(reports)
        };
        let mut row_totals = vec![0u64; reports.n_rows];
        let mut col_totals = vec![0u64; reports.n_cols];
        for c in &cells {
            row_totals[c.row as usize] += c.n;
            col_totals[c.col as usize] += c.n;
        }
        let total = row_totals.iter().sum();

        let strata = reports.strata.map(|(ids, n_strata)| {
            let mut m = StratumMargins {
                n_strata,
                rows: vec![0; n_strata * reports.n_rows],
                cols: vec![0; n_strata * reports.n_cols],
                totals: vec![0; n_strata],
            };
            for (k, &s) in ids.iter().enumerate() {
                let (s, w) = (s as usize, weight(k));
                m.rows[s * reports.n_rows + reports.rows[k] as usize] += w;
                m.cols[s * reports.n_cols + reports.cols[k] as usize] += w;
                m.totals[s] += w;
            }
            m
        });
        Ok(Self {
            n_rows: reports.n_rows,
            n_cols: reports.n_cols,
            cells,
            row_totals,
            col_totals,
            total,
            strata,
        })
    }

    pub fn cells(&self) -> &[CellCount] {
        &self.cells
    }

    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// N, the number of reports.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn row_total(&self, row: u32) -> u64 {
        self.row_totals[row as usize]
    }

    pub fn col_total(&self, col: u32) -> u64 {
        self.col_totals[col as usize]
    }

    pub fn is_stratified(&self) -> bool {
        self.strata.is_some()
    }

    /// The expected count of a cell: (a+b)(a+c)/N, or Σ_s n_{i·s} n_{·js} / N_s when stratified.
    pub fn expected(&self, row: u32, col: u32) -> f64 {
        match &self.strata {
            None => self.row_total(row) as f64 * self.col_total(col) as f64 / self.total as f64,
            Some(m) => (0..m.n_strata)
                .filter(|&s| m.totals[s] > 0)
                .map(|s| {
                    m.rows[s * self.n_rows + row as usize] as f64
                        * m.cols[s * self.n_cols + col as usize] as f64
                        / m.totals[s] as f64
                })
                .sum(),
        }
    }

    /// The table of the reports of both tables (same shape and strata), for cumulative windows.
    pub fn merged(&self, other: &Self) -> Result<Self, SignalError> {
        let same_strata = match (&self.strata, &other.strata) {
            (None, None) => true,
            (Some(a), Some(b)) => a.n_strata == b.n_strata,
            _ => false,
        };
        if self.n_rows != other.n_rows || self.n_cols != other.n_cols || !same_strata {
            return Err(SignalError::Input(
                "tables of different shapes cannot be merged".into(),
            ));
        }
        let mut cells = Vec::with_capacity(self.cells.len().max(other.cells.len()));
        let (mut i, mut j) = (0, 0);
        while i < self.cells.len() || j < other.cells.len() {
            let key = |c: &CellCount| (c.row, c.col);
            match (self.cells.get(i), other.cells.get(j)) {
                (Some(a), Some(b)) if key(a) == key(b) => {
                    cells.push(CellCount { n: a.n + b.n, ..*a });
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if key(a) < key(b) => {
                    cells.push(*a);
                    i += 1;
                }
                (Some(a), None) => {
                    cells.push(*a);
                    i += 1;
                }
                (_, Some(b)) => {
                    cells.push(*b);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        let add = |a: &[u64], b: &[u64]| a.iter().zip(b).map(|(x, y)| x + y).collect::<Vec<_>>();
        let strata = match (&self.strata, &other.strata) {
            (Some(a), Some(b)) => Some(StratumMargins {
                n_strata: a.n_strata,
                rows: add(&a.rows, &b.rows),
                cols: add(&a.cols, &b.cols),
                totals: add(&a.totals, &b.totals),
            }),
            _ => None,
        };
        Ok(Self {
            n_rows: self.n_rows,
            n_cols: self.n_cols,
            cells,
            row_totals: add(&self.row_totals, &other.row_totals),
            col_totals: add(&self.col_totals, &other.col_totals),
            total: self.total + other.total,
            strata,
        })
    }
}

fn check_ids(ids: &[u32], bound: usize, what: &str) -> Result<(), SignalError> {
    match ids.iter().position(|&id| id as usize >= bound) {
        Some(k) => Err(SignalError::Input(format!(
            "report {k}: {what} id {} is not below {bound}",
            ids[k]
        ))),
        None => Ok(()),
    }
}

/// Dense counting: each thread counts a contiguous slice into its own array; the arrays are added.
fn count_dense(r: &Reports<'_>) -> Vec<CellCount> {
    let size = r.n_rows * r.n_cols;
    let chunk = r
        .rows
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(1 << 16);
    let partial: Vec<Vec<u64>> = (0..r.rows.len())
        .step_by(chunk)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|start| {
            let end = (start + chunk).min(r.rows.len());
            let mut grid = vec![0u64; size];
            for k in start..end {
                let cell = r.rows[k] as usize * r.n_cols + r.cols[k] as usize;
                grid[cell] += r.counts.map_or(1, |c| c[k]);
            }
            grid
        })
        .collect();
    let mut grid = vec![0u64; size];
    for p in &partial {
        grid.par_iter_mut()
            .zip(p.par_iter())
            .for_each(|(g, x)| *g += x);
    }
    grid.iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(cell, &n)| CellCount {
            row: (cell / r.n_cols) as u32,
            col: (cell % r.n_cols) as u32,
            n,
        })
        .collect()
}

/// Sparse counting for tables too large for an array: sort the (row, col) keys and run-length them.
fn count_sorted(r: &Reports<'_>) -> Vec<CellCount> {
    let mut keys: Vec<(u64, u64)> = (0..r.rows.len())
        .map(|k| {
            (
                (u64::from(r.rows[k]) << 32) | u64::from(r.cols[k]),
                r.counts.map_or(1, |c| c[k]),
            )
        })
        .collect();
    keys.par_sort_unstable_by_key(|&(key, _)| key);
    let mut cells: Vec<CellCount> = Vec::new();
    for (key, n) in keys {
        let (row, col) = ((key >> 32) as u32, key as u32);
        match cells.last_mut() {
            Some(last) if last.row == row && last.col == col => last.n += n,
            _ => cells.push(CellCount { row, col, n }),
        }
    }
    cells.retain(|c| c.n > 0);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reports<'a>(rows: &'a [u32], cols: &'a [u32]) -> Reports<'a> {
        Reports {
            n_rows: 3,
            n_cols: 2,
            rows,
            cols,
            counts: None,
            strata: None,
        }
    }

    #[test]
    fn counts_cells_and_margins() {
        let t = Table::count(&reports(&[0, 0, 2, 2, 2], &[1, 1, 0, 1, 0])).unwrap();
        assert_eq!(
            t.cells(),
            &[
                CellCount {
                    row: 0,
                    col: 1,
                    n: 2
                },
                CellCount {
                    row: 2,
                    col: 0,
                    n: 2
                },
                CellCount {
                    row: 2,
                    col: 1,
                    n: 1
                }
            ]
        );
        assert_eq!((t.total(), t.row_total(2), t.col_total(1)), (5, 3, 3));
        // E(2, 0) = 3 · 2 / 5.
        assert!((t.expected(2, 0) - 1.2).abs() < 1e-15);
    }

    #[test]
    fn dense_and_sorted_counting_agree() {
        let rows = [1, 0, 1, 2, 1, 0];
        let cols = [0, 1, 0, 1, 1, 1];
        let counts = [2, 0, 3, 1, 4, 5];
        let r = Reports {
            counts: Some(&counts),
            ..reports(&rows, &cols)
        };
        assert_eq!(count_dense(&r), count_sorted(&r));
        // The zero-count report leaves no cell of its own; (0,1) has 0 + 5.
        assert_eq!(
            count_dense(&r)[0],
            CellCount {
                row: 0,
                col: 1,
                n: 5
            }
        );
    }

    #[test]
    fn stratified_expected_sums_over_strata() {
        // Stratum 0: reports (0,0), (0,1); stratum 1: (0,0), (1,0), (1,0).
        let r = Reports {
            strata: Some((&[0, 0, 1, 1, 1], 2)),
            ..reports(&[0, 0, 0, 1, 1], &[0, 1, 0, 0, 0])
        };
        let t = Table::count(&r).unwrap();
        // E(0,0) = 2·1/2 + 1·3/3 = 2, against the crude 3·4/5 = 2.4.
        assert!((t.expected(0, 0) - 2.0).abs() < 1e-15);
    }

    #[test]
    fn out_of_range_id_names_the_report() {
        let err = Table::count(&reports(&[0, 3], &[0, 0])).unwrap_err();
        assert_eq!(err.to_string(), "report 1: row id 3 is not below 3");
    }

    proptest::proptest! {
        #[test]
        fn counting_agrees_across_methods_and_splits(
            pairs in proptest::collection::vec((0u32..4, 0u32..3, 0u64..3, 0u32..2), 1..60),
            split in 0usize..60,
        ) {
            let rows: Vec<u32> = pairs.iter().map(|p| p.0).collect();
            let cols: Vec<u32> = pairs.iter().map(|p| p.1).collect();
            let counts: Vec<u64> = pairs.iter().map(|p| p.2).collect();
            let strata: Vec<u32> = pairs.iter().map(|p| p.3).collect();
            let r = |lo: usize, hi: usize| Reports {
                n_rows: 4,
                n_cols: 3,
                rows: &rows[lo..hi],
                cols: &cols[lo..hi],
                counts: Some(&counts[lo..hi]),
                strata: Some((&strata[lo..hi], 2)),
            };
            let all = r(0, pairs.len());
            proptest::prop_assert_eq!(count_dense(&all), count_sorted(&all));
            let k = split.min(pairs.len());
            let whole = Table::count(&all).unwrap();
            proptest::prop_assert_eq!(Table::count(&r(0, k)).unwrap().merged(&Table::count(&r(k, pairs.len())).unwrap()).unwrap(), whole.clone());
            // The cells hold every report.
            let total: u64 = whole.cells().iter().map(|c| c.n).sum();
            proptest::prop_assert_eq!(total, whole.total());
        }
    }

    #[test]
    fn merge_equals_counting_all_reports() {
        let (rows, cols) = ([0, 1, 2, 0, 2], [0, 1, 1, 0, 0]);
        let all = Table::count(&reports(&rows, &cols)).unwrap();
        let a = Table::count(&reports(&rows[..2], &cols[..2])).unwrap();
        let b = Table::count(&reports(&rows[2..], &cols[2..])).unwrap();
        assert_eq!(a.merged(&b).unwrap(), all);
    }
}
