//! GB/T 2260 administrative division codes (six digits), and Longzhi's codes for the special areas.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};

/// A six-digit region code. GB/T 2260 codes (`620000` Gansu, `620100` Lanzhou, `620102` a county);
/// areas without a division code of their own (甘肃矿区, 东风场区) get codes in the province's
/// unused `99xx` block, which GB/T 2260 never assigns.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "620100")]
pub struct RegionCode(String);

impl RegionCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim();
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new("code", Rule::Format).with("pattern", "6 digits"));
        }
        if s.starts_with("00") {
            return Err(FieldError::new("code", Rule::Format).with("pattern", "6 digits"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The province this code lies in (`62xxxx` → `620000`).
    pub fn province(&self) -> RegionCode {
        RegionCode(format!("{}0000", &self.0[..2]))
    }
}

impl TryFrom<String> for RegionCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).map_err(|_| format!("invalid region code {s:?}: 6 digits expected"))
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_six_digits_only() {
        assert_eq!(RegionCode::parse(" 620100 ").unwrap().as_str(), "620100");
        for bad in ["62010", "6201000", "62O100", "", "000000"] {
            assert!(RegionCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            RegionCode::parse("620502").unwrap().province().as_str(),
            "620000"
        );
    }
}
