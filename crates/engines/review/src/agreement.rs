//! Inter-rater agreement on the matrix of totals (applications × reviewers): intraclass
//! correlations (Shrout & Fleiss 1979) and Kendall's coefficient of concordance W.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::rank::mid_ranks;
use crate::scores::Totals;

/// Whether every reviewer scored every application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Design {
    Complete,
    Incomplete,
}

/// Agreement statistics; `None` (JSON null) where the design or the data do not define them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub design: Design,
    pub n_applications: usize,
    pub n_reviewers: usize,
    /// The k of the one-way model: ratings / applications.
    pub mean_ratings_per_application: f64,
    /// One-way random, single rater: (MSB − MSW) / (MSB + (k − 1) MSW).
    pub icc1: Option<f64>,
    /// Two-way random, absolute agreement, single rater.
    pub icc2_1: Option<f64>,
    /// Two-way random, absolute agreement, mean of k raters.
    pub icc2_k: Option<f64>,
    /// Two-way mixed, consistency, single rater.
    pub icc3_1: Option<f64>,
    /// Two-way mixed, consistency, mean of k raters.
    pub icc3_k: Option<f64>,
    /// Kendall's W with the tie correction.
    pub kendall_w: Option<f64>,
    /// m (n − 1) W, χ² with n − 1 degrees of freedom under no agreement.
    pub kendall_chi2: Option<f64>,
    pub kendall_df: Option<usize>,
    pub kendall_p: Option<f64>,
    /// How the figures were obtained when the design is incomplete.
    pub note: Option<String>,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Computes every statistic the design allows.
pub fn agreement(t: &Totals) -> Agreement {
    let (n, m) = (t.n_applications(), t.n_reviewers());
    let ratings = t.cells.iter().filter(|c| c.is_some()).count();
    let k_mean = ratings as f64 / n.max(1) as f64;
    let mut a = Agreement {
        design: if t.is_complete() {
            Design::Complete
        } else {
            Design::Incomplete
        },
        n_applications: n,
        n_reviewers: m,
        mean_ratings_per_application: k_mean,
        icc1: icc1_one_way(t, ratings, k_mean),
        icc2_1: None,
        icc2_k: None,
        icc3_1: None,
        icc3_k: None,
        kendall_w: None,
        kendall_chi2: None,
        kendall_df: None,
        kendall_p: None,
        note: None,
    };
    if a.design == Design::Incomplete {
        a.note = Some(format!(
            "incomplete design: not every reviewer scored every application, so ICC(2), ICC(3) and \
             Kendall's W are not computed; ICC(1) uses the one-way model with k = {ratings} ratings / \
             {n} applications = {k_mean}"
        ));
        return a;
    }
    if let Some(ms) = two_way(t) {
        let (k, nf) = (m as f64, n as f64);
        a.icc2_1 = finite(
            (ms.rows - ms.error) / (ms.rows + (k - 1.0) * ms.error + k * (ms.cols - ms.error) / nf),
        );
        a.icc2_k = finite((ms.rows - ms.error) / (ms.rows + (ms.cols - ms.error) / nf));
        a.icc3_1 = finite((ms.rows - ms.error) / (ms.rows + (k - 1.0) * ms.error));
        a.icc3_k = finite((ms.rows - ms.error) / ms.rows);
    }
    if let Some(w) = kendall_w(t) {
        let df = n - 1;
        let chi2 = m as f64 * df as f64 * w;
        a.kendall_w = Some(w);
        a.kendall_chi2 = Some(chi2);
        a.kendall_df = Some(df);
        a.kendall_p = ChiSquared::new(df as f64).ok().map(|d| d.sf(chi2));
    }
    a
}

/// One-way ANOVA with unequal group sizes: MSB = Σ nᵢ (ȳᵢ − ȳ)² / (n − 1),
/// MSW = Σ (y − ȳᵢ)² / (N − n); k is the mean number of ratings per application.
fn icc1_one_way(t: &Totals, ratings: usize, k: f64) -> Option<f64> {
    let n = t.n_applications();
    if n < 2 || ratings <= n {
        return None;
    }
    let grand = t.cells.iter().flatten().sum::<f64>() / ratings as f64;
    let (mut between, mut within) = (0.0, 0.0);
    for a in 0..n {
        let row = t.row(a);
        let count = row.iter().flatten().count() as f64;
        let mean = row.iter().flatten().sum::<f64>() / count;
        between += count * (mean - grand).powi(2);
        within += row
            .iter()
            .flatten()
            .map(|y| (y - mean).powi(2))
            .sum::<f64>();
    }
    let msb = between / (n - 1) as f64;
    let msw = within / (ratings - n) as f64;
    finite((msb - msw) / (msb + (k - 1.0) * msw))
}

/// Mean squares of the two-way ANOVA without replication.
struct MeanSquares {
    rows: f64,
    cols: f64,
    error: f64,
}

fn two_way(t: &Totals) -> Option<MeanSquares> {
    let (n, m) = (t.n_applications(), t.n_reviewers());
    if n < 2 || m < 2 {
        return None;
    }
    let y = |a: usize, r: usize| t.get(a, r).unwrap_or(f64::NAN);
    let grand = t.cells.iter().flatten().sum::<f64>() / (n * m) as f64;
    let row_means: Vec<f64> = (0..n)
        .map(|a| (0..m).map(|r| y(a, r)).sum::<f64>() / m as f64)
        .collect();
    let col_means: Vec<f64> = (0..m)
        .map(|r| (0..n).map(|a| y(a, r)).sum::<f64>() / n as f64)
        .collect();
    let ss_rows = m as f64 * row_means.iter().map(|v| (v - grand).powi(2)).sum::<f64>();
    let ss_cols = n as f64 * col_means.iter().map(|v| (v - grand).powi(2)).sum::<f64>();
    let mut ss_error = 0.0;
    for (a, row_mean) in row_means.iter().enumerate() {
        for (r, col_mean) in col_means.iter().enumerate() {
            ss_error += (y(a, r) - row_mean - col_mean + grand).powi(2);
        }
    }
    Some(MeanSquares {
        rows: ss_rows / (n - 1) as f64,
        cols: ss_cols / (m - 1) as f64,
        error: ss_error / ((n - 1) * (m - 1)) as f64,
    })
}

/// W = 12 S / (m² (n³ − n) − m Σ T), S = Σᵢ (Rᵢ − m (n + 1) / 2)², each of the m reviewers ranking
/// the n applications by total with mid-ranks, T = Σ (t³ − t) over that reviewer's tied groups.
fn kendall_w(t: &Totals) -> Option<f64> {
    let (n, m) = (t.n_applications(), t.n_reviewers());
    if n < 2 || m < 2 {
        return None;
    }
    let mut rank_sums = vec![0.0; n];
    let (mut column, mut ranks, mut order) = (vec![0.0; n], vec![0.0; n], Vec::new());
    let mut ties = 0.0;
    for r in 0..m {
        for (a, v) in column.iter_mut().enumerate() {
            *v = t.get(a, r)?;
        }
        ties += mid_ranks(&column, &mut ranks, &mut order);
        rank_sums.iter_mut().zip(&ranks).for_each(|(s, x)| *s += x);
    }
    let (nf, mf) = (n as f64, m as f64);
    let expected = mf * (nf + 1.0) / 2.0;
    let s: f64 = rank_sums.iter().map(|r| (r - expected).powi(2)).sum();
    let denominator = mf * mf * (nf.powi(3) - nf) - mf * ties;
    (denominator > 0.0).then(|| 12.0 * s / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(rows: &[&[f64]]) -> Totals {
        let m = rows[0].len();
        Totals {
            applications: (0..rows.len()).map(|i| format!("a{i}")).collect(),
            reviewers: (0..m).map(|i| format!("r{i}")).collect(),
            cells: rows
                .iter()
                .flat_map(|r| r.iter().map(|&v| Some(v)))
                .collect(),
        }
    }

    /// Shrout & Fleiss (1979), table 2: 6 targets × 4 judges.
    fn shrout_fleiss() -> Totals {
        totals(&[
            &[9.0, 2.0, 5.0, 8.0],
            &[6.0, 1.0, 3.0, 2.0],
            &[8.0, 4.0, 6.0, 8.0],
            &[7.0, 1.0, 2.0, 6.0],
            &[10.0, 5.0, 6.0, 9.0],
            &[6.0, 2.0, 4.0, 7.0],
        ])
    }

    #[test]
    fn shrout_fleiss_published_example() {
        let a = agreement(&shrout_fleiss());
        // Published (table 4): ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71, ICC(2,4) .62, ICC(3,4) .91.
        let close = |x: Option<f64>, want: f64| {
            assert!((x.unwrap() - want).abs() < 0.005, "{x:?} vs {want}")
        };
        close(a.icc1, 0.17);
        close(a.icc2_1, 0.29);
        close(a.icc3_1, 0.71);
        close(a.icc2_k, 0.62);
        close(a.icc3_k, 0.91);
        // By hand (exact fractions): grand mean 127/24; SS rows 1349/24, SS cols 2339/24,
        // SS total 4055/24, SS error 367/24; MSR = SSR/5, MSC = SSC/3, MSE = SSE/15,
        // MSW = (SST − SSR)/18. ICC(1) = 0.1657417684054754, ICC(2,1) = 0.28976377952755905,
        // ICC(3,1) = 0.7148407148407149, ICC(2,k) = 0.620050547598989, ICC(3,k) = 0.9093155423770695.
        let exact = [
            (a.icc1, 0.165_741_768_405_475_4),
            (a.icc2_1, 0.289_763_779_527_559_05),
            (a.icc3_1, 0.714_840_714_840_714_9),
            (a.icc2_k, 0.620_050_547_598_989),
            (a.icc3_k, 0.909_315_542_377_069_5),
        ];
        for (got, want) in exact {
            assert!((got.unwrap() - want).abs() < 1e-12, "{got:?} vs {want}");
        }
    }

    #[test]
    fn kendall_w_with_ties_by_hand() {
        // 3 reviewers rank 4 applications (mid-ranks, ascending):
        //   r0: 10 20 30 40 → 1 2 3 4
        //   r1: 10 10 30 40 → 1.5 1.5 3 4   (one pair: T = 6)
        //   r2: 40 30 20 10 → 4 3 2 1
        // R = 6.5, 6.5, 8, 9; mean 7.5; S = 1 + 1 + 0.25 + 2.25 = 4.5;
        // W = 12 · 4.5 / (9 · 60 − 3 · 6) = 54 / 522.
        let t = totals(&[
            &[10.0, 10.0, 40.0],
            &[20.0, 10.0, 30.0],
            &[30.0, 30.0, 20.0],
            &[40.0, 40.0, 10.0],
        ]);
        let a = agreement(&t);
        let w = 54.0 / 522.0;
        assert!((a.kendall_w.unwrap() - w).abs() < 1e-15);
        assert!((a.kendall_chi2.unwrap() - 9.0 * w).abs() < 1e-14);
        assert_eq!(a.kendall_df, Some(3));
        // χ²(3) survival at x = 54/58: for 3 df, sf = 2·(1 − Φ(√x)) + √(2x/π)·e^(−x/2) = 0.8179327434528…
        assert!(
            (a.kendall_p.unwrap() - 0.817_932_743_452_844).abs() < 1e-12,
            "{:?}",
            a.kendall_p
        );
    }

    #[test]
    fn perfect_agreement_gives_w_one() {
        let t = totals(&[&[1.0, 2.0], &[2.0, 3.0], &[3.0, 5.0]]);
        assert!((agreement(&t).kendall_w.unwrap() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn incomplete_design_keeps_only_the_one_way_icc() {
        let mut t = shrout_fleiss();
        t.cells[3] = None;
        let a = agreement(&t);
        assert_eq!(a.design, Design::Incomplete);
        assert!(a.icc1.is_some() && a.note.is_some());
        assert_eq!(
            (a.icc2_1, a.icc3_k, a.kendall_w, a.kendall_p),
            (None, None, None, None)
        );
        assert!((a.mean_ratings_per_application - 23.0 / 6.0).abs() < 1e-15);
    }
}
