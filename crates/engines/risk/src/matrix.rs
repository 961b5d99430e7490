//! Severity levels, probability bands and the risk matrix (Decision (EU) 2019/417, Annex Part III).

use serde::Serialize;

use crate::probability::Probability;

/// A scenario's (and the product's) risk level; the order is the severity of the risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    Medium,
    High,
    Serious,
}

impl Level {
    pub const fn en(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Serious => "serious",
        }
    }

    pub const fn zh(self) -> &'static str {
        match self {
            Self::Low => "低风险",
            Self::Medium => "中等风险",
            Self::High => "高风险",
            Self::Serious => "严重风险",
        }
    }
}

/// Severity of the injury, 1 (first aid) to 4 (fatal or > ~10 % disability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Severity(u8);

impl Severity {
    pub const ALL: [Self; 4] = [Self(1), Self(2), Self(3), Self(4)];

    pub const fn new(level: u8) -> Option<Self> {
        if level >= 1 && level <= 4 {
            Some(Self(level))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }

    /// Summary of the level's definition (the guidelines' Table 3).
    pub const fn en(self) -> &'static str {
        match self.0 {
            1 => {
                "harm that after basic first aid does not substantially hamper functioning; usually fully reversible"
            }
            2 => {
                "harm that may need accident & emergency, usually without hospital stay; functioning affected up to about 6 months"
            }
            3 => {
                "harm that normally needs hospitalisation; functioning affected over 6 months or permanently"
            }
            _ => {
                "harm that is or could be fatal, affects reproduction or offspring, or leads to more than about 10 % disability"
            }
        }
    }

    pub const fn zh(self) -> &'static str {
        match self.0 {
            1 => "经基本急救即可、不明显影响机能、通常完全可逆的伤害",
            2 => "可能需急诊、通常无需住院、机能受影响至多约 6 个月的伤害",
            3 => "通常需住院、机能受影响超过 6 个月或永久丧失的伤害",
            _ => "致命或可能致命、影响生殖或后代、或致约 10% 以上残疾的伤害",
        }
    }
}

/// Band thresholds: a band is "probability > 1/d"; 0.5 = 1/2.
const THRESHOLD_DENOMINATORS: [u32; 7] = [2, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
const THRESHOLD_LABELS: [&str; 7] = [
    "50 %",
    "1/10",
    "1/100",
    "1/1 000",
    "1/10 000",
    "1/100 000",
    "1/1 000 000",
];
const BAND_LABELS: [&str; Band::COUNT] = [
    "> 50 %",
    "> 1/10",
    "> 1/100",
    "> 1/1 000",
    "> 1/10 000",
    "> 1/100 000",
    "> 1/1 000 000",
    "≤ 1/1 000 000",
];
const THRESHOLD_VALUES: [f64; 7] = [0.5, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001];

/// A band boundary: the overall probability is compared with it by "strictly greater than".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub label: &'static str,
    pub value: f64,
}

/// A row of the matrix: 0 = "> 50 %", …, 6 = "> 1/1 000 000", 7 = "≤ 1/1 000 000".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Band(usize);

impl Band {
    pub const COUNT: usize = 8;

    /// The first band whose threshold the probability strictly exceeds (spec §5.1–2).
    pub fn of(p: &Probability) -> Self {
        Self(
            THRESHOLD_DENOMINATORS
                .iter()
                .position(|&d| p.exceeds_reciprocal(d))
                .unwrap_or(THRESHOLD_DENOMINATORS.len()),
        )
    }

    /// All bands, most probable first.
    pub fn all() -> impl Iterator<Item = Self> {
        (0..Self::COUNT).map(Self)
    }

    pub fn label(self) -> &'static str {
        BAND_LABELS[self.0]
    }

    /// The threshold the probability exceeds to be in this band (none for the last row).
    pub fn exceeded(self) -> Option<Threshold> {
        threshold(self.0)
    }

    /// The threshold the probability does not exceed (none for "> 50 %").
    pub fn not_exceeded(self) -> Option<Threshold> {
        self.0.checked_sub(1).and_then(threshold)
    }
}

fn threshold(i: usize) -> Option<Threshold> {
    Some(Threshold {
        label: THRESHOLD_LABELS.get(i)?,
        value: *THRESHOLD_VALUES.get(i)?,
    })
}

use Level::{High as H, Low as L, Medium as M, Serious as S};

/// Rows: bands (> 50 % first); columns: severity 1–4 (spec §3).
const MATRIX: [[Level; 4]; Band::COUNT] = [
    [H, S, S, S],
    [M, S, S, S],
    [M, S, S, S],
    [L, H, S, S],
    [L, M, H, S],
    [L, L, M, H],
    [L, L, L, M],
    [L, L, L, L],
];

/// The matrix cell for a severity and a band.
pub fn level(severity: Severity, band: Band) -> Level {
    MATRIX[band.0][usize::from(severity.0 - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(p: f64) -> Band {
        Band::of(&Probability::from_f64(p).unwrap())
    }

    /// Every cell of the spec's §3 table, written out again row by row from the spec.
    #[test]
    fn every_matrix_cell() {
        let table = [
            (0.9, "> 50 %", ["high", "serious", "serious", "serious"]),
            (0.2, "> 1/10", ["medium", "serious", "serious", "serious"]),
            (0.05, "> 1/100", ["medium", "serious", "serious", "serious"]),
            (0.005, "> 1/1 000", ["low", "high", "serious", "serious"]),
            (0.0005, "> 1/10 000", ["low", "medium", "high", "serious"]),
            (0.00005, "> 1/100 000", ["low", "low", "medium", "high"]),
            (0.000005, "> 1/1 000 000", ["low", "low", "low", "medium"]),
            (0.0000005, "≤ 1/1 000 000", ["low", "low", "low", "low"]),
        ];
        for (p, label, levels) in table {
            assert_eq!(band(p).label(), label, "p = {p}");
            for (sev, want) in Severity::ALL.into_iter().zip(levels) {
                assert_eq!(
                    level(sev, band(p)).en(),
                    want,
                    "p = {p}, severity {}",
                    sev.get()
                );
            }
        }
    }

    /// Spec §5.1–2: a probability exactly on a threshold belongs to the lower band.
    #[test]
    fn thresholds_belong_to_the_lower_band() {
        let cases = [
            (1.0, "> 50 %"),
            (0.5, "> 1/10"),
            (0.500_000_000_000_001, "> 50 %"),
            (0.1, "> 1/100"),
            (0.100_000_000_000_001, "> 1/10"),
            (0.01, "> 1/1 000"),
            (0.001, "> 1/10 000"),
            (0.0001, "> 1/100 000"),
            (0.00001, "> 1/1 000 000"),
            (0.000001, "≤ 1/1 000 000"),
            (0.000_001_000_000_001, "> 1/1 000 000"),
            (0.0, "≤ 1/1 000 000"),
        ];
        for (p, label) in cases {
            assert_eq!(band(p).label(), label, "p = {p}");
        }
        // A literal beyond double precision is the double it rounds to: here 0.5 itself.
        let p: f64 = "0.50000000000000001".parse().unwrap();
        assert_eq!(band(p).label(), "> 1/10");
    }

    #[test]
    fn folding_chair_cell() {
        // 2010/15/EU folding-chair example: severity 1, probability > 1/1 000 → low risk.
        assert_eq!(
            level(Severity::new(1).unwrap(), band(1.0 / 500.0)),
            Level::Low
        );
    }

    #[test]
    fn matrix_is_monotone_in_severity_and_probability() {
        for b in Band::all() {
            for w in Severity::ALL.windows(2) {
                assert!(level(w[0], b) <= level(w[1], b));
            }
        }
        for s in Severity::ALL {
            let col: Vec<Level> = Band::all().map(|b| level(s, b)).collect();
            assert!(col.windows(2).all(|w| w[0] >= w[1]), "severity {}", s.get());
        }
    }

    #[test]
    fn severity_range() {
        assert!(Severity::new(0).is_none());
        assert!(Severity::new(5).is_none());
        assert_eq!(Severity::new(4).map(Severity::get), Some(4));
    }
}
