//! Signal rules as data: a rule is a name and a conjunction of comparisons of a cell's
//! statistics with numbers, written as text, e.g. `prr >= 2 and prr_chi2 >= 4 and n >= 3`.
//! A comparison with a null statistic is false.

use crate::{CellStats, SignalError};

/// A statistic a rule can test; the names are the output field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    N,
    Expected,
    Prr,
    PrrChi2,
    Ror,
    RorLo95,
    RorHi95,
    Ic,
    Ic025,
    Ic975,
    Ebgm,
    Eb05,
    Eb95,
}

const STATS: [(&str, Stat); 13] = [
    ("n", Stat::N),
    ("expected", Stat::Expected),
    ("prr", Stat::Prr),
    ("prr_chi2", Stat::PrrChi2),
    ("ror", Stat::Ror),
    ("ror_lo95", Stat::RorLo95),
    ("ror_hi95", Stat::RorHi95),
    ("ic", Stat::Ic),
    ("ic025", Stat::Ic025),
    ("ic975", Stat::Ic975),
    ("ebgm", Stat::Ebgm),
    ("eb05", Stat::Eb05),
    ("eb95", Stat::Eb95),
];

impl Stat {
    fn of(self, c: &CellStats) -> Option<f64> {
        match self {
            Self::N => Some(c.n as f64),
            Self::Expected => Some(c.expected),
            Self::Prr => c.prr,
            Self::PrrChi2 => c.prr_chi2,
            Self::Ror => c.ror.map(|r| r.0),
            Self::RorLo95 => c.ror.map(|r| r.1),
            Self::RorHi95 => c.ror.map(|r| r.2),
            Self::Ic => Some(c.ic.0),
            Self::Ic025 => Some(c.ic.1),
            Self::Ic975 => Some(c.ic.2),
            Self::Ebgm => Some(c.posterior.ebgm),
            Self::Eb05 => Some(c.posterior.eb05),
            Self::Eb95 => Some(c.posterior.eb95),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

const OPS: [(&str, Op); 5] = [
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("==", Op::Eq),
    (">", Op::Gt),
    ("<", Op::Lt),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Condition {
    pub stat: Stat,
    pub op: Op,
    pub value: f64,
}

impl Condition {
    fn holds(&self, cell: &CellStats) -> bool {
        self.stat.of(cell).is_some_and(|x| match self.op {
            Op::Ge => x >= self.value,
            Op::Gt => x > self.value,
            Op::Le => x <= self.value,
            Op::Lt => x < self.value,
            Op::Eq => x == self.value,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub all: Vec<Condition>,
}

/// The usual rules: Evans et al. (2001), the MGPS lower bound, and the BCPNN lower limit.
pub const PRESETS: [(&str, &str); 3] = [
    ("evans", "prr >= 2 and prr_chi2 >= 4 and n >= 3"),
    ("eb05", "eb05 >= 2"),
    ("ic025", "ic025 > 0"),
];

impl Rule {
    /// Parses `expr`, comparisons joined by `and` (or `&&`), each `stat op number` with op one
    /// of `>=`, `>`, `<=`, `<`, `==`.
    pub fn parse(name: &str, expr: &str) -> Result<Self, SignalError> {
        let bad = |msg: String| SignalError::Rule(format!("rule {name:?}: {msg}"));
        let mut all = Vec::new();
        for part in expr.replace("&&", " and ").split(" and ") {
            let part = part.trim();
            if part.is_empty() {
                return Err(bad(format!("empty comparison in {expr:?}")));
            }
            let (at, op_text, op) = OPS
                .iter()
                .filter_map(|&(t, op)| part.find(t).map(|at| (at, t, op)))
                .min_by_key(|&(at, t, _)| (at, std::cmp::Reverse(t.len())))
                .ok_or_else(|| bad(format!("no comparison operator in {part:?}")))?;
            let stat_name = part[..at].trim();
            let stat = STATS
                .iter()
                .find(|(s, _)| *s == stat_name)
                .map(|&(_, s)| s)
                .ok_or_else(|| {
                    let known: Vec<&str> = STATS.iter().map(|(s, _)| *s).collect();
                    bad(format!(
                        "unknown statistic {stat_name:?} (known: {})",
                        known.join(", ")
                    ))
                })?;
            let number = part[at + op_text.len()..].trim();
            let value = number
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| bad(format!("{number:?} is not a number")))?;
            all.push(Condition { stat, op, value });
        }
        Ok(Self {
            name: name.to_string(),
            all,
        })
    }

    /// A rule from `NAME=EXPR`, or the name of a preset (`evans`, `eb05`, `ic025`).
    pub fn from_spec(spec: &str) -> Result<Self, SignalError> {
        match spec
            .split_once('=')
            .filter(|(name, _)| !name.trim().is_empty() && !name.contains(['<', '>']))
        {
            Some((name, expr)) if !expr.starts_with('=') => Self::parse(name.trim(), expr),
            _ => {
                let preset = PRESETS
                    .iter()
                    .find(|(name, _)| *name == spec.trim())
                    .ok_or_else(|| {
                        SignalError::Rule(format!(
                            "rule {spec:?} is neither NAME=EXPR nor a preset (evans, eb05, ic025)"
                        ))
                    })?;
                Self::parse(preset.0, preset.1)
            }
        }
    }

    pub fn holds(&self, cell: &CellStats) -> bool {
        self.all.iter().all(|c| c.holds(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posterior::Posterior;

    fn cell(n: u64, prr: Option<f64>, chi2: Option<f64>) -> CellStats {
        CellStats {
            row: 0,
            col: 0,
            n,
            expected: 1.0,
            prr,
            prr_chi2: chi2,
            ror: None,
            ic: (0.5, -0.1, 1.0),
            posterior: Posterior {
                ebgm: 2.5,
                eb05: 2.0,
                eb95: 3.0,
            },
        }
    }

    #[test]
    fn evans_needs_all_three() {
        let evans = Rule::from_spec("evans").unwrap();
        assert!(evans.holds(&cell(3, Some(2.0), Some(4.0))));
        assert!(!evans.holds(&cell(2, Some(2.0), Some(4.0))));
        assert!(!evans.holds(&cell(3, Some(1.99), Some(4.0))));
        // A null PRR fails the rule rather than passing it.
        assert!(!evans.holds(&cell(3, None, Some(9.0))));
    }

    #[test]
    fn presets_and_custom_rules() {
        assert!(Rule::from_spec("eb05").unwrap().holds(&cell(1, None, None)));
        assert!(
            !Rule::from_spec("ic025")
                .unwrap()
                .holds(&cell(1, None, None))
        );
        let custom = Rule::from_spec("strong=ebgm>2&&ic>=0.5").unwrap();
        assert_eq!(custom.name, "strong");
        assert_eq!(
            custom.all[0],
            Condition {
                stat: Stat::Ebgm,
                op: Op::Gt,
                value: 2.0
            }
        );
        assert!(custom.holds(&cell(1, None, None)));
        assert!(
            !Rule::from_spec("x=ror_lo95 > 1")
                .unwrap()
                .holds(&cell(9, None, None))
        );
    }

    #[test]
    fn errors_name_the_rule_and_the_part() {
        let e = Rule::from_spec("r=prr >= 2 and lift > 1")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("rule \"r\"") && e.contains("unknown statistic \"lift\""),
            "{e}"
        );
        let e = Rule::from_spec("r=prr >= two").unwrap_err().to_string();
        assert!(e.contains("\"two\" is not a number"), "{e}");
        assert!(
            Rule::from_spec("nosuch")
                .unwrap_err()
                .to_string()
                .contains("neither")
        );
    }
}
