//! Panels: the same framework over several periods, with last-observation-carried-forward
//! imputation and period-over-period (year-over-year) changes.

use std::collections::HashMap;

use crate::aggregate::Aggregation;
use crate::data::Dataset;
use crate::error::IndexError;
use crate::framework::Framework;
use crate::model::{Method, Results, compute};

/// Periods in time order, each a data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub periods: Vec<(String, Dataset)>,
}

/// What the normalisation of a period is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// Each period on its own (min, max, mean, ranks … of that period).
    EachPeriod,
    /// All periods pooled, so that a change of score is a change of the unit, not of the others.
    Pooled,
}

/// A unit's change from one period to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitChange {
    pub unit: String,
    /// Score change of every slot (indicators' normalised values, then nodes).
    pub scores: Vec<f64>,
    /// Previous rank minus current rank: positive means the unit moved up.
    pub rank: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodChange {
    pub from: String,
    pub to: String,
    /// Units present in both periods, in the order of the later one.
    pub units: Vec<UnitChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PanelResults {
    pub periods: Vec<(String, Results)>,
    pub changes: Vec<PeriodChange>,
}

/// Fills each missing value with the same unit's value in the latest earlier period that has one.
pub fn carry_forward(panel: &mut Panel) {
    let mut last: HashMap<(String, String), f64> = HashMap::new();
    for (_, ds) in &mut panel.periods {
        let width = ds.columns.len();
        for (u, unit) in ds.units.iter().enumerate() {
            for (c, col) in ds.columns.iter().enumerate() {
                let v = &mut ds.values[u * width + c];
                let key = (unit.clone(), col.clone());
                if v.is_nan() {
                    if let Some(&prev) = last.get(&key) {
                        *v = prev;
                    }
                } else {
                    last.insert(key, *v);
                }
            }
        }
    }
}

/// Scores and ranks of every period, and the changes between consecutive periods.
pub fn compute_panel(
    fw: &Framework,
    panel: &Panel,
    method: &Method,
    reference: Reference,
) -> Result<PanelResults, IndexError> {
    let periods = match reference {
        Reference::EachPeriod => panel
            .periods
            .iter()
            .map(|(p, ds)| {
                compute(fw, ds, method)
                    .map(|r| (p.clone(), r))
                    .map_err(|e| IndexError::field("period", format!("{p}: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?,
        Reference::Pooled => pooled(fw, panel, method)?,
    };
    let changes = periods
        .windows(2)
        .map(|w| {
            let ((from, a), (to, b)) = (&w[0], &w[1]);
            let index: HashMap<&str, usize> = a
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.as_str(), i))
                .collect();
            let units = b
                .units
                .iter()
                .enumerate()
                .filter_map(|(ub, name)| {
                    let ua = *index.get(name.as_str())?;
                    let scores = (0..fw.n_slots())
                        .map(|s| b.slot(s)[ub] - a.slot(s)[ua])
                        .collect();
                    let rank = i64::from(a.ranks[ua]) - i64::from(b.ranks[ub]);
                    Some(UnitChange {
                        unit: name.clone(),
                        scores,
                        rank,
                    })
                })
                .collect();
            PeriodChange {
                from: from.clone(),
                to: to.clone(),
                units,
            }
        })
        .collect();
    Ok(PanelResults { periods, changes })
}

/// Runs the pooled data set once (imputation, treatment, normalisation and data-driven weights
/// see all periods), then splits it: scores per unit, ranks within each period.
fn pooled(
    fw: &Framework,
    panel: &Panel,
    method: &Method,
) -> Result<Vec<(String, Results)>, IndexError> {
    if method.aggregation == Aggregation::Copeland {
        return Err(IndexError::field(
            "aggregation",
            "Copeland outranking compares units within a period, so it cannot be pooled",
        ));
    }
    let Some((_, first)) = panel.periods.first() else {
        return Err(IndexError::field("period", "the panel has no period"));
    };
    let mut stacked = Dataset {
        units: Vec::new(),
        groups: first.groups.as_ref().map(|_| Vec::new()),
        columns: first.columns.clone(),
        values: Vec::new(),
    };
    for (p, ds) in &panel.periods {
        if ds.columns != first.columns {
            return Err(IndexError::field(
                "period",
                format!("{p}: the columns differ from the first period's"),
            ));
        }
        stacked
            .units
            .extend(ds.units.iter().map(|u| format!("{u} ({p})")));
        match (&mut stacked.groups, &ds.groups) {
            (Some(all), Some(g)) => all.extend(g.iter().cloned()),
            (None, None) => {}
            _ => {
                return Err(IndexError::field(
                    "group",
                    format!("{p}: groups must be given in every period or none"),
                ));
            }
        }
        stacked.values.extend_from_slice(&ds.values);
    }
    let all = compute(fw, &stacked, method)?;
    let total = stacked.units.len();
    let mut start = 0;
    let mut out = Vec::new();
    for (p, ds) in &panel.periods {
        let n = ds.n_units();
        let rows = start..start + n;
        let scores: Vec<f64> = (0..fw.n_slots())
            .flat_map(|s| all.scores[s * total..][rows.clone()].to_vec())
            .collect();
        let root = &scores[fw.root_slot() * n..];
        let mut ranks = vec![0; n];
        crate::stats::competition_ranks(root, &mut Vec::new(), &mut ranks);
        let contributions = all.contributions.as_ref().map(|c| {
            (0..fw.n_indicators())
                .flat_map(|i| c[i * total..][rows.clone()].to_vec())
                .collect()
        });
        out.push((
            p.clone(),
            Results {
                units: ds.units.clone(),
                scores,
                ranks,
                weights: all.weights.clone(),
                contributions,
                treatments: all.treatments.clone(),
                ahp: all.ahp.clone(),
            },
        ));
        start += n;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::tests::two_pillars;
    use crate::impute::Imputation;

    fn period(values: Vec<f64>) -> Dataset {
        Dataset {
            units: vec!["A".into(), "B".into(), "C".into()],
            groups: None,
            columns: vec!["a".into(), "b".into(), "c".into()],
            values,
        }
    }

    #[test]
    fn carries_forward_then_changes() {
        let nan = f64::NAN;
        let mut panel = Panel {
            periods: vec![
                (
                    "2022".into(),
                    period(vec![1.0, 10.0, 5.0, 3.0, 20.0, 1.0, 5.0, 30.0, 3.0]),
                ),
                (
                    "2023".into(),
                    period(vec![2.0, nan, 5.0, 3.0, 20.0, 1.0, 5.0, 30.0, nan]),
                ),
            ],
        };
        carry_forward(&mut panel);
        assert_eq!(panel.periods[1].1.values[1], 10.0);
        assert_eq!(panel.periods[1].1.values[8], 3.0);
        let fw = two_pillars().build().unwrap();
        let method = Method {
            imputation: Imputation::None,
            ..Method::default()
        };
        let r = compute_panel(&fw, &panel, &method, Reference::Pooled).unwrap();
        // Pooled min-max of a over {1, 3, 5, 2, 3, 5}: A moves from 0 to 25, others stay.
        let change = &r.changes[0];
        assert_eq!(change.units[0].unit, "A");
        assert!((change.units[0].scores[0] - 25.0).abs() < 1e-12);
        assert_eq!(change.units[1].scores[0], 0.0);
        // Per-period min-max: A's a stays at the minimum (0) in both periods.
        let each = compute_panel(&fw, &panel, &method, Reference::EachPeriod).unwrap();
        assert_eq!(each.changes[0].units[0].scores[0], 0.0);
        let ranks: i64 = r.changes[0].units.iter().map(|u| u.rank).sum();
        assert_eq!(
            ranks, 0,
            "rank changes within a fixed set of units cancel out when there are no ties"
        );
    }
}
