//! The NEISS rule for publishing an estimate: enough cases, a large enough estimate, a small
//! enough coefficient of variation.

use crate::estimate::{DomainEstimate, Statistic};

/// Thresholds of the stability flag; [`Default`] gives the NEISS ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stability {
    /// Minimum number of records (cases) in the domain.
    pub min_n: u64,
    /// Minimum estimate; for a mean or proportion it applies to the domain's estimated size Σ w.
    pub min_estimate: f64,
    /// Maximum coefficient of variation, as a fraction (0.33 = 33%).
    pub max_cv: f64,
}

impl Default for Stability {
    fn default() -> Self {
        Self {
            min_n: 20,
            min_estimate: 1200.0,
            max_cv: 0.33,
        }
    }
}

impl Stability {
    /// True when the estimate meets every threshold; an undefined CV is never stable.
    pub fn is_stable(&self, e: &DomainEstimate, statistic: Statistic) -> bool {
        let size = match statistic {
            Statistic::Total => e.estimate,
            Statistic::Mean | Statistic::Proportion => e.size,
        };
        e.n >= self.min_n && size >= self.min_estimate && e.cv().is_some_and(|cv| cv <= self.max_cv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn est(n: u64, estimate: f64, se: f64) -> DomainEstimate {
        DomainEstimate {
            n,
            size: 5000.0,
            estimate,
            variance: se * se,
        }
    }

    #[test]
    fn neiss_thresholds_are_inclusive() {
        let s = Stability::default();
        // CV = 396 / 1200 = 0.33 exactly: stable.
        assert!(s.is_stable(&est(20, 1200.0, 396.0), Statistic::Total));
        assert!(!s.is_stable(&est(19, 1200.0, 396.0), Statistic::Total));
        assert!(!s.is_stable(&est(20, 1199.0, 100.0), Statistic::Total));
        assert!(!s.is_stable(&est(20, 1200.0, 397.0), Statistic::Total));
        assert!(!s.is_stable(&est(20, 0.0, 0.0), Statistic::Total));
    }

    #[test]
    fn a_mean_is_judged_on_the_domain_size() {
        let s = Stability::default();
        // Mean 0.5 (CV 0.2) over a domain of estimated size 5000 ≥ 1200.
        assert!(s.is_stable(&est(30, 0.5, 0.1), Statistic::Mean));
        let small = DomainEstimate {
            size: 1000.0,
            ..est(30, 0.5, 0.1)
        };
        assert!(!s.is_stable(&small, Statistic::Proportion));
    }
}
