//! Ranking with ties.

/// Totals this close (relative to their size, at least 1) are treated as equal: sums of decimal
/// scores in different orders may differ in the last bits.
pub const TIE_TOLERANCE: f64 = 1e-9;

fn tied(a: f64, b: f64) -> bool {
    (a - b).abs() <= TIE_TOLERANCE * a.abs().max(b.abs()).max(1.0)
}

/// Groups of tied positions after sorting `values` ascending: each group is a run of
/// `order` positions whose values are within tolerance of the run's first value.
fn tie_groups(values: &[f64], order: &mut Vec<usize>) -> Vec<(usize, usize)> {
    order.clear();
    order.extend(0..values.len());
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=order.len() {
        if i == order.len() || !tied(values[order[start]], values[order[i]]) {
            groups.push((start, i));
            start = i;
        }
    }
    groups
}

/// Competition ranks, largest first: 1 = best, tied values share the smallest rank ("1224").
pub fn ranks_descending(values: &[f64]) -> Vec<usize> {
    let mut order = Vec::new();
    let groups = tie_groups(values, &mut order);
    let mut ranks = vec![0; values.len()];
    let mut better = 0;
    for &(lo, hi) in groups.iter().rev() {
        for &i in &order[lo..hi] {
            ranks[i] = better + 1;
        }
        better += hi - lo;
    }
    ranks
}

/// Mid-ranks, smallest first (ties get the mean of the ranks they span, as scipy's `rankdata`),
/// written to `ranks`; returns the tie term Σ (t³ − t) over the groups of tied values.
pub fn mid_ranks(values: &[f64], ranks: &mut [f64], order: &mut Vec<usize>) -> f64 {
    let groups = tie_groups(values, order);
    let mut tie_term = 0.0;
    for &(lo, hi) in &groups {
        let mid = (lo + hi + 1) as f64 / 2.0;
        for &i in &order[lo..hi] {
            ranks[i] = mid;
        }
        let t = (hi - lo) as f64;
        tie_term += t * t * t - t;
    }
    tie_term
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_smallest_rank() {
        assert_eq!(
            ranks_descending(&[80.0, 95.0, 80.0, 60.0, 95.0]),
            vec![3, 1, 3, 5, 1]
        );
    }

    #[test]
    fn nearly_equal_sums_tie() {
        assert_eq!(ranks_descending(&[0.1 + 0.2, 0.3, 0.2]), vec![1, 1, 3]);
    }

    #[test]
    fn mid_ranks_match_rankdata_and_count_ties() {
        // scipy.stats.rankdata([3, 1, 3, 2, 3]) = [4, 1, 4, 2, 4]; one triple: 27 − 3 = 24.
        let mut ranks = [0.0; 5];
        let t = mid_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0], &mut ranks, &mut Vec::new());
        assert_eq!(ranks, [4.0, 1.0, 4.0, 2.0, 4.0]);
        assert_eq!(t, 24.0);
    }
}
