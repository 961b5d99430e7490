//! Filling missing values, column by column.

use std::collections::HashMap;

use crate::data::Dataset;
use crate::error::IndexError;
use crate::framework::Framework;
use crate::stats::{mean_of_sorted, median_of_sorted, sorted};

/// How a missing value is filled. Panels can first carry the last observation forward
/// ([`crate::panel::carry_forward`]); whatever is still missing then goes through this rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imputation {
    /// A missing value is an error naming its row and column.
    None,
    /// The column's mean over the units that have a value.
    Mean,
    /// The column's median over the units that have a value.
    Median,
    /// The column's mean over the units of the same group.
    GroupMean,
    /// The column's median over the units of the same group.
    GroupMedian,
}

impl Imputation {
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Mean => "mean",
            Self::Median => "median",
            Self::GroupMean => "group_mean",
            Self::GroupMedian => "group_median",
        }
    }

    fn statistic(self, values: &[f64]) -> f64 {
        let s = sorted(values);
        match self {
            Self::Mean | Self::GroupMean => mean_of_sorted(&s),
            _ => median_of_sorted(&s),
        }
    }
}

/// Fills the NaNs of `cols` (in the framework's indicator order) in place.
pub fn impute(
    fw: &Framework,
    ds: &Dataset,
    cols: &mut [Vec<f64>],
    method: Imputation,
) -> Result<(), IndexError> {
    let grouped = matches!(method, Imputation::GroupMean | Imputation::GroupMedian);
    let groups = match (&ds.groups, grouped) {
        (Some(g), true) => Some(g),
        (None, true) => {
            return Err(IndexError::field(
                "group",
                "group imputation needs a group for every unit",
            ));
        }
        _ => None,
    };
    for (col, ind) in cols.iter_mut().zip(&fw.indicators) {
        let Some(first_missing) = col.iter().position(|v| v.is_nan()) else {
            continue;
        };
        if method == Imputation::None {
            return Err(IndexError::Missing {
                cell: ds.cell(first_missing, &ind.code),
                reason: "no imputation rule".into(),
            });
        }
        // Keys: the unit's group, or one key for the whole column.
        let key = |u: usize| groups.map_or("", |g| g[u].as_str());
        let mut observed: HashMap<&str, Vec<f64>> = HashMap::new();
        for (u, &v) in col.iter().enumerate() {
            if !v.is_nan() {
                observed.entry(key(u)).or_default().push(v);
            }
        }
        let fill: HashMap<&str, f64> = observed
            .iter()
            .map(|(k, v)| (*k, method.statistic(v)))
            .collect();
        for (u, v) in col.iter_mut().enumerate() {
            if v.is_nan() {
                *v = *fill.get(key(u)).ok_or_else(|| IndexError::Missing {
                    cell: ds.cell(u, &ind.code),
                    reason: if grouped {
                        format!("group \"{}\" has no observed value in the column", key(u))
                    } else {
                        "the column has no observed value".into()
                    },
                })?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::tests::two_pillars;

    fn data(groups: Option<Vec<&str>>) -> Dataset {
        let nan = f64::NAN;
        Dataset {
            units: vec!["u1".into(), "u2".into(), "u3".into(), "u4".into()],
            groups: groups.map(|g| g.into_iter().map(Into::into).collect()),
            columns: vec!["c".into(), "a".into(), "b".into()],
            values: vec![1.0, nan, 5.0, 2.0, 2.0, 6.0, 9.0, 4.0, nan, nan, 10.0, 7.0],
        }
    }

    #[test]
    fn fills_by_column_or_group() {
        let fw = two_pillars().build().unwrap();
        let ds = data(Some(vec!["x", "x", "y", "y"]));
        let mut cols = ds.align(&fw).unwrap();
        impute(&fw, &ds, &mut cols, Imputation::Mean).unwrap();
        // a: observed 2, 4, 10 → mean 16/3; b: 5, 6, 7 → 6; c: 1, 2, 9 → 4.
        assert_eq!(cols[0][0], 16.0 / 3.0);
        assert_eq!(cols[1][2], 6.0);
        assert_eq!(cols[2][3], 4.0);
        let mut cols = ds.align(&fw).unwrap();
        impute(&fw, &ds, &mut cols, Imputation::GroupMedian).unwrap();
        // group x = u1, u2: a observed only 2 → 2; group y = u3, u4: b only 7, c only 9.
        assert_eq!((cols[0][0], cols[1][2], cols[2][3]), (2.0, 7.0, 9.0));
    }

    #[test]
    fn refuses_without_a_rule_naming_the_cell() {
        let fw = two_pillars().build().unwrap();
        let ds = data(None);
        let mut cols = ds.align(&fw).unwrap();
        let e = impute(&fw, &ds, &mut cols, Imputation::None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "row 1 (unit \"u1\"), column \"a\": missing value and no imputation rule"
        );
        let e = impute(&fw, &ds, &mut cols, Imputation::GroupMean).unwrap_err();
        assert!(e.to_string().starts_with("field \"group\""));
    }
}
