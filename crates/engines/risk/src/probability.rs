//! Exact probabilities.
//!
//! A step probability is a decimal (`0.02`) or a fraction (`"1/50"`); the overall probability is
//! their product. Multiplying doubles would misplace exact products on the band thresholds
//! (0.1 × 0.1 = 0.010000000000000002 > 0.01), so every probability is kept as an exact rational:
//! a JSON number stands for the decimal it is written as (its shortest round-trip form).

use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

/// Integers up to 2^53 are exact as doubles.
const EXACT: u64 = 1 << 53;

/// A probability in [0, 1], exact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Probability(BigRational);

impl Probability {
    pub fn one() -> Self {
        Self(BigRational::one())
    }

    /// The decimal a double is written as (shortest round-trip form); `None` outside [0, 1].
    pub fn from_f64(p: f64) -> Option<Self> {
        if !(0.0..=1.0).contains(&p) {
            return None;
        }
        // `Display` for f64 never uses an exponent and gives the shortest round-trip digits;
        // `abs` turns -0.0 (which prints as "-0") into 0.
        Self::parse_decimal(&p.abs().to_string())
    }

    /// `numerator / denominator`; `None` if the denominator is 0 or the value exceeds 1.
    pub fn fraction(numerator: u64, denominator: u64) -> Option<Self> {
        if denominator == 0 || numerator > denominator {
            return None;
        }
        Some(Self(BigRational::new(numerator.into(), denominator.into())))
    }

    /// Parses `"a/b"` (non-negative integers) or a plain decimal such as `"0.002"`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        match text.split_once('/') {
            Some((n, d)) => {
                let n = parse_digits(n.trim())?;
                let d = parse_digits(d.trim())?;
                if d.is_zero() {
                    return None;
                }
                Self::checked(BigRational::new(n, d))
            }
            None => Self::parse_decimal(text),
        }
    }

    fn parse_decimal(text: &str) -> Option<Self> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let digits = format!("{int}{frac}");
        let scale = u32::try_from(frac.len()).ok()?;
        let numer = parse_digits(&digits)?;
        Self::checked(BigRational::new(numer, BigInt::from(10u8).pow(scale)))
    }

    fn checked(r: BigRational) -> Option<Self> {
        (r >= BigRational::zero() && r <= BigRational::one()).then_some(Self(r))
    }

    /// Whether this probability is strictly greater than `1 / denominator`.
    pub fn exceeds_reciprocal(&self, denominator: u32) -> bool {
        // p > 1/d  ⇔  numer · d > denom (denominators are positive)
        self.0.numer() * denominator > *self.0.denom()
    }

    /// The nearest double, for display and JSON output.
    pub fn to_f64(&self) -> f64 {
        match self.small() {
            // Both exact as doubles: IEEE division rounds the quotient correctly.
            Some((n, d)) if n <= EXACT && d <= EXACT => n as f64 / d as f64,
            _ => self.0.to_f64().unwrap_or(0.0),
        }
    }

    /// Numerator and denominator when both fit in a u64 (the common case; formatting and
    /// converting big integers is slow).
    fn small(&self) -> Option<(u64, u64)> {
        Some((self.0.numer().to_u64()?, self.0.denom().to_u64()?))
    }
}

fn parse_digits(s: &str) -> Option<BigInt> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl std::ops::Mul<&Probability> for &Probability {
    type Output = Probability;
    fn mul(self, rhs: &Probability) -> Probability {
        Probability(&self.0 * &rhs.0)
    }
}

/// The reduced fraction: `1/500`, `1`, `0`.
impl fmt::Display for Probability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((n, d)) = self.small() {
            return if d == 1 {
                write!(f, "{n}")
            } else {
                write!(f, "{n}/{d}")
            };
        }
        if self.0.is_integer() {
            write!(f, "{}", self.0.numer())
        } else {
            write!(f, "{}/{}", self.0.numer(), self.0.denom())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_are_the_decimals_they_are_written_as() {
        let tenth = Probability::from_f64(0.1).unwrap();
        assert_eq!(tenth.to_string(), "1/10");
        // In doubles 0.1 × 0.1 = 0.010000000000000002; exactly it is 1/100.
        assert_eq!((&tenth * &tenth).to_string(), "1/100");
        assert_eq!(Probability::from_f64(0.002).unwrap().to_string(), "1/500");
        assert_eq!(Probability::from_f64(1.0).unwrap().to_string(), "1");
        assert_eq!(Probability::from_f64(0.0).unwrap().to_string(), "0");
        assert_eq!(Probability::from_f64(-0.0).unwrap().to_string(), "0");
        assert_eq!(
            Probability::from_f64(1e-7).unwrap().to_string(),
            "1/10000000"
        );
    }

    #[test]
    fn parses_fractions_and_decimal_strings() {
        assert_eq!(Probability::parse("1/50"), Probability::fraction(1, 50));
        assert_eq!(Probability::parse(" 2 / 4 ").unwrap().to_string(), "1/2");
        assert_eq!(Probability::parse("0.002").unwrap().to_string(), "1/500");
        assert_eq!(Probability::parse(".5").unwrap().to_string(), "1/2");
        for bad in ["", ".", "1/0", "3/2", "-1/2", "1.5", "abc", "1e-3", "1/2/3"] {
            assert!(
                Probability::parse(bad).is_none(),
                "{bad:?} must be rejected"
            );
        }
        assert!(Probability::from_f64(1.000_000_1).is_none());
        assert!(Probability::from_f64(-0.1).is_none());
        assert!(Probability::from_f64(f64::NAN).is_none());
    }

    #[test]
    fn compares_with_reciprocals_exactly() {
        let p = Probability::from_f64(0.01).unwrap();
        assert!(!p.exceeds_reciprocal(100), "0.01 is not > 1/100");
        assert!(p.exceeds_reciprocal(101));
        assert!(
            Probability::fraction(1, 99)
                .unwrap()
                .exceeds_reciprocal(100)
        );
    }
}
