//! Column statistics. Sums run over the values in sorted order, so every statistic, and with it
//! every score, is bit-for-bit independent of the order of the rows.

/// The values sorted ascending (NaN last, though callers never pass NaN).
pub fn sorted(x: &[f64]) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Arithmetic mean of values already sorted.
pub fn mean_of_sorted(s: &[f64]) -> f64 {
    s.iter().sum::<f64>() / s.len() as f64
}

/// Sample standard deviation (divisor n − 1) of values already sorted.
pub fn sd_of_sorted(s: &[f64]) -> f64 {
    let m = mean_of_sorted(s);
    let ss: f64 = s.iter().map(|v| (v - m) * (v - m)).sum();
    (ss / (s.len() as f64 - 1.0)).sqrt()
}

/// Quantile by linear interpolation between order statistics (R type 7, numpy's default):
/// h = (n − 1)·p, Q = s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
pub fn quantile_of_sorted(s: &[f64], p: f64) -> f64 {
    let h = (s.len() as f64 - 1.0) * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(s.len() - 1);
    s[lo] + (h - lo as f64) * (s[hi] - s[lo])
}

pub fn median_of_sorted(s: &[f64]) -> f64 {
    quantile_of_sorted(s, 0.5)
}

/// Ascending ranks (1 = lowest); tied values share the average of the ranks they span.
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            ranks[k] = avg;
        }
        i = j + 1;
    }
    ranks
}

/// Scores this close (relative to 1 + their size) are equal when ranking, so that scores equal in
/// exact arithmetic stay tied after rounding (e.g. 2/3·50 + 1/3·0 against 2/3·25 + 1/3·50).
pub const RANK_TIE: f64 = 1e-10;

/// Descending competition ranks ("1224"): 1 = highest score; equal scores (within [`RANK_TIE`])
/// share the smallest rank.
pub fn competition_ranks(scores: &[f64], idx: &mut Vec<usize>, out: &mut [u32]) {
    idx.clear();
    idx.extend(0..scores.len());
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let mut rank = 1;
    let mut leader = f64::NAN;
    for (pos, &u) in idx.iter().enumerate() {
        let s = scores[u];
        // The first unit always opens a group (the leader starts as NaN).
        let tied = (leader - s).abs() <= RANK_TIE * (1.0 + leader.abs().max(s.abs()));
        if !tied {
            rank = pos as u32 + 1;
            leader = s;
        }
        out[u] = rank;
    }
}

/// Adjusted Fisher–Pearson skewness G1 = g1·√(n(n−1))/(n−2), with g1 = m3/m2^{3/2} and central
/// moments m_k = Σ(x−x̄)^k/n (e1071 type 2, Excel SKEW, scipy `skew(bias=False)`, COINr `skew`).
pub fn skewness(x: &[f64]) -> f64 {
    let s = sorted(x);
    let n = s.len() as f64;
    let m = mean_of_sorted(&s);
    let m2: f64 = s.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n;
    let m3: f64 = s.iter().map(|v| (v - m).powi(3)).sum::<f64>() / n;
    m3 / m2.powf(1.5) * (n * (n - 1.0)).sqrt() / (n - 2.0)
}

/// Adjusted excess kurtosis G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)), with g2 = m4/m2² − 3
/// (e1071 type 2, Excel KURT, scipy `kurtosis(bias=False)`, COINr `kurt`).
pub fn kurtosis(x: &[f64]) -> f64 {
    let s = sorted(x);
    let n = s.len() as f64;
    let m = mean_of_sorted(&s);
    let m2: f64 = s.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n;
    let m4: f64 = s.iter().map(|v| (v - m).powi(4)).sum::<f64>() / n;
    let g2 = m4 / (m2 * m2) - 3.0;
    ((n + 1.0) * g2 + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_quantiles() {
        assert_eq!(
            average_ranks(&[3.0, 1.0, 3.0, 2.0]),
            vec![3.5, 1.0, 3.5, 2.0]
        );
        let mut idx = Vec::new();
        let mut r = vec![0; 5];
        competition_ranks(&[5.0, 7.0, 5.0, 1.0, 7.0], &mut idx, &mut r);
        assert_eq!(r, vec![3, 1, 3, 5, 1]);
        competition_ranks(&[0.1 + 0.2, 0.3, 0.3 + 1e-6, 0.0, -1.0], &mut idx, &mut r);
        assert_eq!(r, vec![2, 2, 1, 4, 5]);
        // numpy.quantile([1, 2, 4, 8], 0.05) = 1.15; median 3.
        let s = [1.0, 2.0, 4.0, 8.0];
        assert!((quantile_of_sorted(&s, 0.05) - 1.15).abs() < 1e-12);
        assert_eq!(median_of_sorted(&s), 3.0);
    }

    #[test]
    fn skewness_and_kurtosis_match_excel() {
        // x = 1..10, 30, 100 (COINr's treatment example); expected values from
        // scipy.stats.skew(x, bias=False) and scipy.stats.kurtosis(x, bias=False).
        let x: Vec<f64> = (1..=10).map(f64::from).chain([30.0, 100.0]).collect();
        assert!(
            (skewness(&x) - 3.063_241_034_239_499).abs() < 1e-12,
            "{}",
            skewness(&x)
        );
        assert!(
            (kurtosis(&x) - 9.741_390_834_569_144).abs() < 1e-12,
            "{}",
            kurtosis(&x)
        );
        // A symmetric sample has zero skewness.
        assert!(skewness(&[1.0, 2.0, 3.0, 4.0, 5.0]).abs() < 1e-15);
    }
}
