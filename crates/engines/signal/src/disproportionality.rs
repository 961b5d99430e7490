//! The closed-form statistics of one cell's 2×2 table: PRR with Yates' χ², ROR with its 95%
//! interval, and the BCPNN information component with the Norén–Hopstadius–Bate limits.

/// The 2×2 table of one cell: a = n, b = row total − a, c = column total − a, d = N − a − b − c.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwoByTwo {
    pub a: u64,
    pub b: u64,
    pub c: u64,
    pub d: u64,
}

/// z of the two-sided 95% normal interval, as the issue fixes it.
const Z95: f64 = 1.96;

impl TwoByTwo {
    /// The table of a cell with count `n` in a row of total `row`, a column of total `col`, of `N`.
    pub fn new(n: u64, row: u64, col: u64, total: u64) -> Self {
        let (b, c) = (row - n, col - n);
        Self {
            a: n,
            b,
            c,
            d: total - n - b - c,
        }
    }

    /// PRR = [a/(a+b)] / [c/(c+d)], null when c = 0.
    pub fn prr(&self) -> Option<f64> {
        let (a, b, c, d) = self.f64s();
        (self.c > 0).then(|| (a / (a + b)) / (c / (c + d)))
    }

    /// Yates-corrected χ² = N·max(0, |ad − bc| − N/2)² / ((a+b)(c+d)(a+c)(b+d)), null when a
    /// margin is 0. The correction stops at zero (as scipy's `chi2_contingency` does): it never
    /// moves an observed count past its expectation.
    pub fn yates_chi2(&self) -> Option<f64> {
        let Self { a, b, c, d } = *self;
        let margins = [a + b, c + d, a + c, b + d];
        if margins.contains(&0) {
            return None;
        }
        let n = (a + b + c + d) as f64;
        // ad − bc exactly: the products exceed 2^53 for large N.
        let diff =
            (i128::from(a) * i128::from(d) - i128::from(b) * i128::from(c)).unsigned_abs() as f64;
        let excess = (diff - n / 2.0).max(0.0);
        let [r1, r2, c1, c2] = margins.map(|m| m as f64);
        Some(n / (r1 * r2) * (excess / c1) * (excess / c2))
    }

    /// ROR = ad/bc with exp(ln ROR ∓ 1.96·√(1/a+1/b+1/c+1/d)); all three null when b, c or d is 0.
    pub fn ror(&self) -> Option<(f64, f64, f64)> {
        if self.b == 0 || self.c == 0 || self.d == 0 {
            return None;
        }
        let (a, b, c, d) = self.f64s();
        let ln_ror = (a / b).ln() + (d / c).ln();
        let half = Z95 * (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt();
        Some((ln_ror.exp(), (ln_ror - half).exp(), (ln_ror + half).exp()))
    }

    fn f64s(&self) -> (f64, f64, f64, f64) {
        (self.a as f64, self.b as f64, self.c as f64, self.d as f64)
    }
}

/// The information component and its closed-form 95% limits (Norén, Hopstadius & Bate 2013):
/// IC = log2((n+0.5)/(E+0.5)), IC025 = IC − 3.3(n+0.5)^−½ − 2(n+0.5)^−3/2,
/// IC975 = IC + 2.4(n+0.5)^−½ − 0.5(n+0.5)^−3/2.
pub fn information_component(n: u64, expected: f64) -> (f64, f64, f64) {
    let shifted = n as f64 + 0.5;
    let ic = (shifted / (expected + 0.5)).log2();
    let (r, r3) = (shifted.powf(-0.5), shifted.powf(-1.5));
    (ic, ic - 3.3 * r - 2.0 * r3, ic + 2.4 * r - 0.5 * r3)
}

#[cfg(test)]
mod tests {
    use super::*;

    // a = 10, b = 90, c = 20, d = 880 (N = 1000), worked by hand:
    // PRR = 0.1 / (20/900) = 4.5; ROR = 8800/1800 = 4.888…;
    // se = √(1/10 + 1/90 + 1/20 + 1/880) = √0.1622475… = 0.4028;
    // χ² = 1000·(|8800 − 1800| − 500)² / (100·900·30·970) = 1000·6500² / 2 619 000 000 = 16.1321…
    const T: TwoByTwo = TwoByTwo {
        a: 10,
        b: 90,
        c: 20,
        d: 880,
    };

    #[test]
    fn prr_and_chi2_by_hand() {
        assert!((T.prr().unwrap() - 4.5).abs() < 1e-12);
        assert!((T.yates_chi2().unwrap() - 42_250_000_000.0 / 2_619_000_000.0).abs() < 1e-12);
    }

    #[test]
    fn ror_interval_by_hand() {
        let (ror, lo, hi) = T.ror().unwrap();
        let se = (1.0f64 / 10.0 + 1.0 / 90.0 + 1.0 / 20.0 + 1.0 / 880.0).sqrt();
        assert!((ror - 8800.0 / 1800.0).abs() < 1e-12);
        assert!((lo - ((8800.0f64 / 1800.0).ln() - 1.96 * se).exp()).abs() < 1e-12);
        assert!(
            (hi * lo - ror * ror).abs() < 1e-9,
            "the interval is symmetric on the log scale"
        );
    }

    #[test]
    fn nulls_where_the_issue_says() {
        // The product fills its whole row (b = 0) and no other product has the event (c = 0).
        let t = TwoByTwo::new(5, 5, 5, 100);
        assert_eq!((t.b, t.c, t.d), (0, 0, 95));
        assert_eq!(t.prr(), None);
        assert_eq!(t.ror(), None);
        // Margins a+b = 5, c+d = 95, a+c = 5, b+d = 95 are all positive: χ² is defined.
        assert!(t.yates_chi2().is_some());
        // A single-row table: c + d = 0.
        assert_eq!(TwoByTwo::new(3, 10, 3, 10).yates_chi2(), None);
    }

    #[test]
    fn yates_correction_stops_at_zero() {
        // ad − bc = 1·1 − 1·1 = 0 < N/2: χ² is 0, not (N/2)²-inflated.
        assert_eq!(
            TwoByTwo {
                a: 1,
                b: 1,
                c: 1,
                d: 1
            }
            .yates_chi2(),
            Some(0.0)
        );
    }

    #[test]
    fn information_component_limits() {
        // n = 3, E = 0.375: IC = log2(3.5/0.875) = log2 4 = 2 exactly.
        let (ic, lo, hi) = information_component(3, 0.375);
        assert!((ic - 2.0).abs() < 1e-15);
        let s = 3.5f64;
        assert!((lo - (2.0 - 3.3 / s.sqrt() - 2.0 / s.powf(1.5))).abs() < 1e-15);
        assert!((hi - (2.0 + 2.4 / s.sqrt() - 0.5 / s.powf(1.5))).abs() < 1e-15);
    }
}
