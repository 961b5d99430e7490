//! New signals per period: the statistics are recomputed for each period's window of reports
//! (all reports up to the period, or the period alone) and a signal — a rule holding for a cell —
//! is new when it did not hold in the previous period's window.

use std::collections::HashSet;

use crate::{CellStats, FitStatus, Prior, Rule, SignalError, Table, analyse};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Every report up to and including the period (the usual periodic re-screening).
    Cumulative,
    /// The period's reports alone.
    Period,
}

/// A rule (index into the rules given) holding for a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    pub rule: usize,
    pub cell: CellStats,
}

/// One period's window: its size, the prior fitted to it (none when it has no reports) and
/// the signals that are new in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSignals {
    pub n_total: u64,
    pub prior: Option<Prior>,
    /// The fit's convergence and active bounds (none when there is no prior).
    pub fit: Option<FitStatus>,
    pub new_signals: Vec<Signal>,
}

/// `periods` holds one table per period, in time order, all of the same shape.
pub fn signals_by_period(
    periods: &[Table],
    window: Window,
    rules: &[Rule],
) -> Result<Vec<PeriodSignals>, SignalError> {
    let mut previous: HashSet<(usize, u32, u32)> = HashSet::new();
    let mut cumulative: Option<Table> = None;
    let mut out = Vec::with_capacity(periods.len());
    for table in periods {
        let current = match window {
            Window::Period => table.clone(),
            Window::Cumulative => match cumulative.take() {
                Some(sofar) => sofar.merged(table)?,
                None => table.clone(),
            },
        };
        let mut holding = HashSet::new();
        let mut result = PeriodSignals {
            n_total: current.total(),
            prior: None,
            fit: None,
            new_signals: Vec::new(),
        };
        if current.total() > 0 {
            let analysis = analyse(&current, None)?;
            result.prior = Some(analysis.prior);
            result.fit = analysis.fit.clone();
            for cell in &analysis.cells {
                for (rule, r) in rules.iter().enumerate() {
                    if r.holds(cell) {
                        holding.insert((rule, cell.row, cell.col));
                        if !previous.contains(&(rule, cell.row, cell.col)) {
                            result.new_signals.push(Signal { rule, cell: *cell });
                        }
                    }
                }
            }
        }
        out.push(result);
        previous = holding;
        if window == Window::Cumulative {
            cumulative = Some(current);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reports;

    fn table(pairs: &[(u32, u32)]) -> Table {
        let rows: Vec<u32> = pairs.iter().map(|p| p.0).collect();
        let cols: Vec<u32> = pairs.iter().map(|p| p.1).collect();
        Table::count(&Reports {
            n_rows: 2,
            n_cols: 2,
            rows: &rows,
            cols: &cols,
            counts: None,
            strata: None,
        })
        .unwrap()
    }

    #[test]
    fn a_signal_is_reported_in_the_period_it_first_holds() {
        let rules = [Rule::from_spec("many=n >= 3").unwrap()];
        let periods = [
            table(&[(0, 0), (0, 0), (1, 1)]),
            table(&[(0, 0), (1, 1)]),
            table(&[(0, 0), (1, 1), (1, 1), (1, 0)]),
            table(&[]),
        ];
        let out = signals_by_period(&periods, Window::Cumulative, &rules).unwrap();
        let new: Vec<Vec<(u32, u32)>> = out
            .iter()
            .map(|p| {
                p.new_signals
                    .iter()
                    .map(|s| (s.cell.row, s.cell.col))
                    .collect()
            })
            .collect();
        // Cumulative counts of (0,0): 2, 3, 4, 4; of (1,1): 1, 2, 4, 4.
        assert_eq!(new, vec![vec![], vec![(0, 0)], vec![(1, 1)], vec![]]);
        assert_eq!(
            out.iter().map(|p| p.n_total).collect::<Vec<_>>(),
            vec![3, 5, 9, 9]
        );

        // Period by period no cell reaches 3 reports, so nothing fires; the empty period has
        // no prior.
        let alone = signals_by_period(&periods, Window::Period, &rules).unwrap();
        assert!(alone.iter().all(|p| p.new_signals.is_empty()));
        assert_eq!(alone[3].prior, None);
    }
}
