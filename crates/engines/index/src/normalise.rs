//! Normalisation of one indicator column. The values are first multiplied by the indicator's
//! direction (−1 flips "lower is better"); goalposts and targets are given in the indicator's own
//! units and flipped with it.

use crate::error::IndexError;
use crate::framework::Indicator;
use crate::stats::{average_ranks, mean_of_sorted, sd_of_sorted, sorted};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalisation {
    /// 100·(x − min)/(max − min); 1 + 99·(x − min)/(max − min) when scores must be positive.
    MinMax,
    /// (x − mean)/s with the sample standard deviation s (divisor n − 1).
    ZScore,
    /// Ascending rank, 1 = lowest; ties share their average rank.
    Rank,
    /// 100·(rank − 1)/(n − 1) with the average ranks above: 0 = lowest, 100 = highest.
    PercentileRank,
    /// 100·clamp((x − lower)/(upper − lower), 0, 1) with the indicator's goalposts.
    Goalposts,
    /// 100·min((x − min)/(target − min), 1): the share of the way from the worst value to the target.
    DistanceToTarget,
    /// 100·x/max (100·min/x for direction −1): the ratio to the best unit; needs x > 0.
    DistanceToBest,
}

impl Normalisation {
    pub fn name(self) -> &'static str {
        match self {
            Self::MinMax => "minmax",
            Self::ZScore => "zscore",
            Self::Rank => "rank",
            Self::PercentileRank => "percentile",
            Self::Goalposts => "goalposts",
            Self::DistanceToTarget => "target",
            Self::DistanceToBest => "best",
        }
    }

    pub const ALL: [Self; 7] = [
        Self::MinMax,
        Self::ZScore,
        Self::Rank,
        Self::PercentileRank,
        Self::Goalposts,
        Self::DistanceToTarget,
        Self::DistanceToBest,
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.name() == name)
    }
}

/// A share v ∈ [0, 1] on the 0–100 scale, or on 1–100 when the aggregation needs positive scores.
fn scale(v: f64, positive: bool) -> f64 {
    if positive { 1.0 + 99.0 * v } else { 100.0 * v }
}

/// Normalises one column of raw values (no NaN). `bad_row` receives the row of a value the method
/// cannot take. The output may still hold non-positive values (z-scores); the caller checks them
/// against the aggregation.
pub fn normalise(
    x: &[f64],
    ind: &Indicator,
    method: Normalisation,
    positive: bool,
) -> Result<Vec<f64>, NormaliseError> {
    let d = ind.direction;
    let y: Vec<f64> = x.iter().map(|v| d * v).collect();
    let s = sorted(&y);
    let (lo, hi) = (s[0], s[s.len() - 1]);
    let constant = |method| NormaliseError::Constant {
        value: d * lo,
        method,
    };
    Ok(match method {
        Normalisation::MinMax => {
            if lo == hi {
                return Err(constant("min-max"));
            }
            if positive {
                y.iter()
                    .map(|v| 1.0 + 99.0 * (v - lo) / (hi - lo))
                    .collect()
            } else {
                y.iter().map(|v| 100.0 * (v - lo) / (hi - lo)).collect()
            }
        }
        Normalisation::ZScore => {
            if lo == hi {
                return Err(constant("z-score"));
            }
            let (m, sd) = (mean_of_sorted(&s), sd_of_sorted(&s));
            y.iter().map(|v| (v - m) / sd).collect()
        }
        Normalisation::Rank => average_ranks(&y),
        Normalisation::PercentileRank => {
            let n = y.len() as f64;
            average_ranks(&y)
                .into_iter()
                .map(|r| scale((r - 1.0) / (n - 1.0), positive))
                .collect()
        }
        Normalisation::Goalposts => {
            let (gl, gu) = ind
                .goalposts
                .ok_or(NormaliseError::Parameter("no goalposts (lower, upper)"))?;
            if gl.is_nan() || gu.is_nan() || gl >= gu {
                return Err(NormaliseError::Parameter(
                    "the lower goalpost must be below the upper one",
                ));
            }
            let (l, u) = if d > 0.0 { (gl, gu) } else { (-gu, -gl) };
            y.iter()
                .map(|v| scale(((v - l) / (u - l)).clamp(0.0, 1.0), positive))
                .collect()
        }
        Normalisation::DistanceToTarget => {
            let t = d * ind.target.ok_or(NormaliseError::Parameter("no target"))?;
            if t.is_nan() || t <= lo {
                return Err(NormaliseError::Parameter(
                    "the target is not better than the worst value",
                ));
            }
            y.iter()
                .map(|v| scale(((v - lo) / (t - lo)).min(1.0), positive))
                .collect()
        }
        Normalisation::DistanceToBest => {
            if let Some(row) = x.iter().position(|&v| v <= 0.0) {
                return Err(NormaliseError::NonPositive(row));
            }
            if d > 0.0 {
                x.iter().map(|v| 100.0 * v / hi).collect()
            } else {
                x.iter().map(|v| 100.0 * (-hi) / v).collect()
            }
        }
    })
}

/// Why a column could not be normalised; the caller adds the column (and row) names.
#[derive(Debug, Clone, PartialEq)]
pub enum NormaliseError {
    Constant { value: f64, method: &'static str },
    Parameter(&'static str),
    NonPositive(usize),
}

impl NormaliseError {
    pub fn locate(self, ds: &crate::data::Dataset, column: &str) -> IndexError {
        match self {
            Self::Constant { value, method } => IndexError::Constant {
                column: column.to_owned(),
                value,
                method,
            },
            Self::Parameter(message) => IndexError::column(column, message),
            Self::NonPositive(row) => IndexError::NonPositive(ds.cell(row, column)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(direction: f64) -> Indicator {
        Indicator {
            code: "x".into(),
            name: None,
            direction,
            unit: None,
            goalposts: Some((2.0, 6.0)),
            target: Some(5.0),
        }
    }

    #[test]
    fn each_method_by_hand() {
        let x = [2.0, 4.0, 4.0, 10.0];
        let n = |m, d, p| normalise(&x, &ind(d), m, p).unwrap();
        assert_eq!(
            n(Normalisation::MinMax, 1.0, false),
            vec![0.0, 25.0, 25.0, 100.0]
        );
        assert_eq!(
            n(Normalisation::MinMax, -1.0, false),
            vec![100.0, 75.0, 75.0, 0.0]
        );
        assert_eq!(
            n(Normalisation::MinMax, 1.0, true),
            vec![1.0, 25.75, 25.75, 100.0]
        );
        // mean 5, s = √((9+1+1+25)/3) = √12.
        let z = n(Normalisation::ZScore, 1.0, false);
        assert!(
            (z[0] + 3.0 / 12f64.sqrt()).abs() < 1e-15 && (z[3] - 5.0 / 12f64.sqrt()).abs() < 1e-15
        );
        assert_eq!(n(Normalisation::Rank, 1.0, false), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(
            n(Normalisation::Rank, -1.0, false),
            vec![4.0, 2.5, 2.5, 1.0]
        );
        assert_eq!(
            n(Normalisation::PercentileRank, 1.0, false),
            vec![0.0, 50.0, 50.0, 100.0]
        );
        // Goalposts 2..6: (x − 2)/4 capped; reversed: (6 − x)/4.
        assert_eq!(
            n(Normalisation::Goalposts, 1.0, false),
            vec![0.0, 50.0, 50.0, 100.0]
        );
        assert_eq!(
            n(Normalisation::Goalposts, -1.0, false),
            vec![100.0, 50.0, 50.0, 0.0]
        );
        // Target 5 from the worst 2: (x − 2)/3 capped at 1.
        let t = n(Normalisation::DistanceToTarget, 1.0, false);
        assert_eq!((t[0], t[3]), (0.0, 100.0));
        assert!((t[1] - 200.0 / 3.0).abs() < 1e-12);
        // Reversed: worst is 10, target 5: (10 − x)/5.
        assert_eq!(
            n(Normalisation::DistanceToTarget, -1.0, false),
            vec![100.0, 100.0, 100.0, 0.0]
        );
        assert_eq!(
            n(Normalisation::DistanceToBest, 1.0, false),
            vec![20.0, 40.0, 40.0, 100.0]
        );
        assert_eq!(
            n(Normalisation::DistanceToBest, -1.0, false),
            vec![100.0, 50.0, 50.0, 20.0]
        );
    }

    #[test]
    fn refuses_what_it_cannot_scale() {
        let c = [3.0, 3.0, 3.0];
        assert!(matches!(
            normalise(&c, &ind(1.0), Normalisation::MinMax, false),
            Err(NormaliseError::Constant { .. })
        ));
        assert!(matches!(
            normalise(&c, &ind(1.0), Normalisation::ZScore, false),
            Err(NormaliseError::Constant { .. })
        ));
        assert!(matches!(
            normalise(&[1.0, 0.0], &ind(1.0), Normalisation::DistanceToBest, false),
            Err(NormaliseError::NonPositive(1))
        ));
        let mut i = ind(1.0);
        i.target = Some(1.0);
        assert!(matches!(
            normalise(&[2.0, 3.0], &i, Normalisation::DistanceToTarget, false),
            Err(NormaliseError::Parameter(_))
        ));
    }
}
