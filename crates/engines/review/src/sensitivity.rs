//! Sensitivity of the ranking to dropping any one reviewer.

use crate::describe::trimmed_sorted;
use crate::rank::{mid_ranks, ranks_descending};
use crate::scores::Totals;

/// What dropping one reviewer does to the ranking by trimmed mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Influence {
    /// Applications that reviewer alone scored (they leave the ranking).
    pub dropped_applications: usize,
    /// Largest |rank without the reviewer − rank with all|, over the remaining applications
    /// (both rankings taken over the remaining applications only).
    pub max_rank_change: usize,
    /// Remaining applications whose rank changes.
    pub n_rank_changes: usize,
    /// Spearman's ρ between the two rankings (mid-ranks); `None` when undefined.
    pub spearman: Option<f64>,
}

/// Influence of each reviewer and, per application, its best and worst rank over the
/// leave-one-reviewer-out rankings in which it remains (its full rank when there are none).
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub by_reviewer: Vec<Influence>,
    pub rank_best: Vec<usize>,
    pub rank_worst: Vec<usize>,
}

/// `trimmed[a]` is application a's trimmed mean with every reviewer, `ranks` its rank.
pub fn leave_one_reviewer_out(t: &Totals, trimmed: &[f64], ranks: &[usize]) -> Sensitivity {
    let n = t.n_applications();
    let mut rank_best = ranks.to_vec();
    let mut rank_worst = ranks.to_vec();
    let mut buffer = Vec::with_capacity(t.n_reviewers());
    let mut kept = Vec::with_capacity(n);
    let (mut with_all, mut without) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let by_reviewer = (0..t.n_reviewers())
        .map(|dropped| {
            kept.clear();
            without.clear();
            for a in 0..n {
                buffer.clear();
                buffer.extend(
                    t.row(a)
                        .iter()
                        .enumerate()
                        .filter(|&(r, _)| r != dropped)
                        .filter_map(|(_, v)| *v),
                );
                if buffer.is_empty() {
                    continue;
                }
                buffer.sort_by(f64::total_cmp);
                kept.push(a);
                without.push(trimmed_sorted(&buffer));
            }
            with_all.clear();
            with_all.extend(kept.iter().map(|&a| trimmed[a]));
            let before = ranks_descending(&with_all);
            let after = ranks_descending(&without);
            let mut influence = Influence {
                dropped_applications: n - kept.len(),
                max_rank_change: 0,
                n_rank_changes: 0,
                spearman: spearman(&with_all, &without),
            };
            for (i, &a) in kept.iter().enumerate() {
                let change = before[i].abs_diff(after[i]);
                influence.max_rank_change = influence.max_rank_change.max(change);
                influence.n_rank_changes += usize::from(change > 0);
                rank_best[a] = rank_best[a].min(after[i]);
                rank_worst[a] = rank_worst[a].max(after[i]);
            }
            influence
        })
        .collect();
    Sensitivity {
        by_reviewer,
        rank_best,
        rank_worst,
    }
}

/// Pearson correlation of the mid-ranks of `x` and `y`.
fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len();
    let mut order = Vec::new();
    let (mut rx, mut ry) = (vec![0.0; n], vec![0.0; n]);
    mid_ranks(x, &mut rx, &mut order);
    mid_ranks(y, &mut ry, &mut order);
    let mean = (n as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mean) * (b - mean);
        sxx += (a - mean).powi(2);
        syy += (b - mean).powi(2);
    }
    let rho = sxy / (sxx * syy).sqrt();
    rho.is_finite().then_some(rho)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decisive_reviewer_swaps_two_applications() {
        // Reviewers r0, r1, r2 (means, fewer than 5 reviewers):
        //   a: 10 10 40 → 20      b: 20 20 14 → 18      c: 5 5 5 → 5
        // Ranks a 1, b 2, c 3. Without r2: a 10, b 20 → b 1, a 2 (two changes of 1); ρ = 0.5.
        // Without r0 or r1: a 25, b 17 → unchanged.
        let t = Totals {
            applications: vec!["a".into(), "b".into(), "c".into()],
            reviewers: vec!["r0".into(), "r1".into(), "r2".into()],
            cells: [10.0, 10.0, 40.0, 20.0, 20.0, 14.0, 5.0, 5.0, 5.0]
                .map(Some)
                .to_vec(),
        };
        let s = leave_one_reviewer_out(&t, &[20.0, 18.0, 5.0], &[1, 2, 3]);
        assert_eq!(
            (
                s.by_reviewer[2].max_rank_change,
                s.by_reviewer[2].n_rank_changes
            ),
            (1, 2)
        );
        assert!((s.by_reviewer[2].spearman.unwrap() - 0.5).abs() < 1e-15);
        assert_eq!(
            (s.by_reviewer[0].n_rank_changes, s.by_reviewer[0].spearman),
            (0, Some(1.0))
        );
        assert_eq!((s.rank_best, s.rank_worst), (vec![1, 1, 3], vec![2, 2, 3]));
    }

    #[test]
    fn an_application_scored_by_one_reviewer_leaves_that_ranking() {
        let t = Totals {
            applications: vec!["a".into(), "b".into()],
            reviewers: vec!["r0".into(), "r1".into()],
            cells: vec![Some(1.0), None, Some(2.0), Some(3.0)],
        };
        let s = leave_one_reviewer_out(&t, &[1.0, 2.5], &[2, 1]);
        assert_eq!(s.by_reviewer[0].dropped_applications, 1);
        assert_eq!(s.by_reviewer[1].dropped_applications, 0);
    }
}
