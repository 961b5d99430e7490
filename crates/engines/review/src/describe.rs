//! Per-application summaries of the reviewers' totals.

/// Mean, median, trimmed mean and spread of one application's totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    /// Of an even count: the mean of the two middle values.
    pub median: f64,
    /// The mean after dropping one highest and one lowest value when n ≥ 5, else the mean.
    pub trimmed: f64,
    /// Sample standard deviation (n − 1); `None` for one value.
    pub sd: Option<f64>,
    pub min: f64,
    pub max: f64,
}

/// Values at least this many may be trimmed.
pub const TRIM_FROM: usize = 5;

/// Summarises `values`, sorting them in place (so that equal multisets give identical sums).
/// `None` when empty.
pub fn summarise(values: &mut [f64]) -> Option<Summary> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mean = mean(values);
    let sd = (n > 1).then(|| {
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (ss / (n - 1) as f64).sqrt()
    });
    Some(Summary {
        n,
        mean,
        median: median_sorted(values),
        trimmed: trimmed_sorted(values),
        sd,
        min: values[0],
        max: values[n - 1],
    })
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The trimmed mean of sorted, non-empty values (see [`Summary::trimmed`]).
pub fn trimmed_sorted(sorted: &[f64]) -> f64 {
    if sorted.len() >= TRIM_FROM {
        mean(&sorted[1..sorted.len() - 1])
    } else {
        mean(sorted)
    }
}

/// The median of sorted, non-empty values.
pub fn median_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The median of non-empty values, sorting them in place.
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    median_sorted(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_values_drop_one_highest_and_one_lowest() {
        // 10, 20, 30, 40, 100: trimmed = (20 + 30 + 40) / 3 = 30; mean = 200 / 5 = 40.
        let s = summarise(&mut [40.0, 100.0, 10.0, 30.0, 20.0]).unwrap();
        assert_eq!(
            (s.mean, s.median, s.trimmed, s.min, s.max),
            (40.0, 30.0, 30.0, 10.0, 100.0)
        );
        // Deviations −30, −20, −10, 0, 60: squares sum 1400 + 3600 = 5000; sd = sqrt(5000 / 4).
        assert!((s.sd.unwrap() - 1250f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn four_values_are_not_trimmed_and_the_median_averages_the_middle_pair() {
        let s = summarise(&mut [1.0, 9.0, 3.0, 4.0]).unwrap();
        assert_eq!((s.mean, s.median, s.trimmed), (4.25, 3.5, 4.25));
    }

    #[test]
    fn one_value_has_no_spread() {
        let s = summarise(&mut [7.0]).unwrap();
        assert_eq!((s.median, s.trimmed, s.sd), (7.0, 7.0, None));
        assert!(summarise(&mut []).is_none());
    }
}
