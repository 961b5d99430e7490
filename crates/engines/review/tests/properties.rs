//! Properties of the statistics that hold for any complete matrix of totals.

use longzhi_review::agreement::agreement;
use longzhi_review::{Totals, analyse};
use proptest::prelude::*;

fn totals(n: usize, m: usize, values: &[f64]) -> Totals {
    Totals {
        applications: (0..n).map(|i| format!("A{i}")).collect(),
        reviewers: (0..m).map(|i| format!("R{i}")).collect(),
        cells: values.iter().map(|&v| Some(v)).collect(),
    }
}

/// n applications × m reviewers of integer totals in 0..=100 (so ties occur).
fn matrix() -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
    (3usize..12, 2usize..8).prop_flat_map(|(n, m)| {
        (
            Just(n),
            Just(m),
            proptest::collection::vec((0u32..=100).prop_map(f64::from), n * m),
        )
    })
}

fn near(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (x, y) => x == y,
    }
}

proptest! {
    /// Shifting every total by a constant changes no ICC and no W; the ICCs are shift-invariant
    /// because every mean square is, and W depends on ranks only.
    #[test]
    fn shifting_all_totals_changes_no_agreement_figure((n, m, v) in matrix(), shift in -50.0f64..50.0) {
        let a = agreement(&totals(n, m, &v));
        let shifted: Vec<f64> = v.iter().map(|x| x + shift).collect();
        let b = agreement(&totals(n, m, &shifted));
        for (x, y) in [(a.icc1, b.icc1), (a.icc2_1, b.icc2_1), (a.icc2_k, b.icc2_k), (a.icc3_1, b.icc3_1), (a.icc3_k, b.icc3_k), (a.kendall_w, b.kendall_w)] {
            prop_assert!(near(x, y), "{x:?} vs {y:?}");
        }
    }

    /// W lies in [0, 1] and p in [0, 1]; the single-rater ICCs are at most 1.
    #[test]
    fn agreement_figures_stay_in_range((n, m, v) in matrix()) {
        let a = agreement(&totals(n, m, &v));
        if let Some(w) = a.kendall_w {
            prop_assert!((-1e-12..=1.0 + 1e-12).contains(&w), "W = {w}");
            let p = a.kendall_p.unwrap();
            prop_assert!((0.0..=1.0).contains(&p));
        }
        for icc in [a.icc1, a.icc2_1, a.icc3_1].into_iter().flatten() {
            prop_assert!(icc <= 1.0 + 1e-12, "ICC = {icc}");
        }
    }

    /// Each application's trimmed mean and median lie within its totals, ranks run from 1, and
    /// an application ranked above another never has a lower trimmed mean.
    #[test]
    fn summaries_and_ranks_are_consistent((n, m, v) in matrix()) {
        let report = analyse(&totals(n, m, &v));
        prop_assert_eq!(report.applications.len(), n);
        prop_assert_eq!(report.applications[0].rank, 1);
        for a in &report.applications {
            prop_assert!(a.total_min <= a.total_trimmed && a.total_trimmed <= a.total_max);
            prop_assert!(a.total_min <= a.total_median && a.total_median <= a.total_max);
            prop_assert!(a.rank_loo_best <= a.rank && a.rank <= a.rank_loo_worst);
        }
        for pair in report.applications.windows(2) {
            prop_assert!(pair[0].rank <= pair[1].rank);
            prop_assert!(pair[0].total_trimmed >= pair[1].total_trimmed - 1e-9);
            prop_assert_eq!(pair[0].rank == pair[1].rank, (pair[0].total_trimmed - pair[1].total_trimmed).abs() < 1e-9);
        }
    }

    /// Reordering the reviewers (columns) changes nothing but the reviewer order.
    #[test]
    fn reviewer_order_does_not_matter((n, m, v) in matrix()) {
        let t = totals(n, m, &v);
        let mut reversed = t.clone();
        reversed.reviewers.reverse();
        for a in 0..n {
            reversed.cells[a * m..(a + 1) * m].reverse();
        }
        let (x, y) = (analyse(&t), analyse(&reversed));
        prop_assert!(near(x.agreement.icc2_1, y.agreement.icc2_1) && near(x.agreement.kendall_w, y.agreement.kendall_w));
        prop_assert_eq!(x.applications.iter().map(|a| a.rank).collect::<Vec<_>>(), y.applications.iter().map(|a| a.rank).collect::<Vec<_>>());
    }
}
