//! Vehicle identification number (VIN, 车辆识别代号): 17 characters of ISO 3779 / GB 16735, the
//! 9th being the check digit (mandatory in China and North America).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};

/// Weights of positions 1–17 (the 9th, the check digit itself, weighs 0).
const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The transliteration of a VIN character (I, O and Q are not used: they look like 1 and 0).
fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

/// The check character of a VIN's 17 characters (its 9th position is ignored): `0`–`9` or `X`.
fn check_char(vin: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (&c, w) in vin.iter().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    Some(match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    })
}

/// A 17-character VIN whose 9th character is its check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "LSVAU2180N2183294")]
pub struct Vin(String);

impl Vin {
    /// Parses a VIN (case and surrounding spaces ignored): `Length` unless 17 characters,
    /// `Format` for a character outside the VIN alphabet (I, O, Q and non-alphanumerics),
    /// `Checksum` when the 9th character is not the check digit.
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim().to_ascii_uppercase();
        if s.chars().count() != 17 {
            return Err(FieldError::new("vin", Rule::Length).with("len", 17));
        }
        let check = check_char(s.as_bytes())
            .ok_or_else(|| FieldError::new("vin", Rule::Format).with("pattern", "vin"))?;
        if s.as_bytes()[8] != check {
            return Err(FieldError::new("vin", Rule::Checksum));
        }
        Ok(Self(s))
    }

    /// Puts the check digit into the 9th place of 17 characters (for generating demo data).
    pub fn complete(s: &str) -> Result<Self, FieldError> {
        let mut bytes = s.trim().to_ascii_uppercase().into_bytes();
        if bytes.len() != 17 {
            return Err(FieldError::new("vin", Rule::Length).with("len", 17));
        }
        bytes[8] = check_char(&bytes).ok_or_else(|| FieldError::new("vin", Rule::Format))?;
        Self::parse(&String::from_utf8_lossy(&bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The world manufacturer identifier: the first three characters.
    pub fn wmi(&self) -> &str {
        &self.0[..3]
    }
}

impl TryFrom<String> for Vin {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).map_err(|e| format!("invalid VIN ({:?})", e.rule))
    }
}

impl From<Vin> for String {
    fn from(v: Vin) -> String {
        v.0
    }
}

impl fmt::Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_vins_pass() {
        // The worked example of the NHTSA VIN rule (49 CFR 565) and US DOT's sample VIN.
        for v in [
            "1M8GDM9AXKP042788",
            "11111111111111111",
            "1HGCM82633A004352",
        ] {
            assert!(Vin::parse(v).is_ok(), "{v}");
        }
        assert_eq!(
            Vin::parse(" 1m8gdm9axkp042788 ").unwrap().as_str(),
            "1M8GDM9AXKP042788"
        );
    }

    #[test]
    fn each_rule_names_itself() {
        assert_eq!(
            Vin::parse("1M8GDM9AXKP04278").unwrap_err().rule,
            Rule::Length
        );
        assert_eq!(
            Vin::parse("1M8GDM9AXKP04278O").unwrap_err().rule,
            Rule::Format
        );
        assert_eq!(
            Vin::parse("1M8GDM9A1KP042788").unwrap_err().rule,
            Rule::Checksum
        );
        assert_eq!(
            Vin::parse("1M8GDM9AXKP04278中").unwrap_err().rule,
            Rule::Format
        );
    }

    #[test]
    fn a_changed_character_is_caught() {
        let good = "1M8GDM9AXKP042788";
        for i in (0..17).filter(|&i| i != 8) {
            let mut b = good.as_bytes().to_vec();
            b[i] = if b[i] == b'3' { b'4' } else { b'3' };
            let bad = String::from_utf8(b).unwrap();
            // Characters of equal value (e.g. A and J) would pass; 3 and 4 never are.
            assert!(Vin::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn complete_computes_the_check_digit() {
        assert_eq!(
            Vin::complete("1M8GDM9A0KP042788").unwrap().as_str(),
            "1M8GDM9AXKP042788"
        );
    }
}
