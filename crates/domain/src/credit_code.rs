//! 统一社会信用代码 (unified social credit code), GB 32100-2015.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};

/// The 31 characters of the code: digits and capitals without I, O, Z, S, V.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 (3^(i−1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// An 18-character credit code whose 18th character is its GB 32100 check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "91620100MA71H5XW40")]
pub struct CreditCode(String);

impl CreditCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim().to_ascii_uppercase();
        if s.len() != 18 {
            return Err(FieldError::new("credit_code", Rule::Length).with("len", 18));
        }
        let values: Vec<u32> = s
            .bytes()
            .map(|b| CHARSET.iter().position(|&c| c == b).map(|p| p as u32))
            .collect::<Option<_>>()
            .ok_or_else(|| FieldError::new("credit_code", Rule::Format))?;
        if values[17] != check_value(&values[..17]) {
            return Err(FieldError::new("credit_code", Rule::Checksum));
        }
        Ok(Self(s))
    }

    /// Completes the first 17 characters with their check character (for generating demo data).
    pub fn complete(first17: &str) -> Result<Self, FieldError> {
        let values: Vec<u32> = first17
            .bytes()
            .map(|b| CHARSET.iter().position(|&c| c == b).map(|p| p as u32))
            .collect::<Option<_>>()
            .filter(|v: &Vec<u32>| v.len() == 17)
            .ok_or_else(|| FieldError::new("credit_code", Rule::Format))?;
        let check = CHARSET[check_value(&values) as usize] as char;
        Self::parse(&format!("{first17}{check}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

impl TryFrom<String> for CreditCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).map_err(|e| format!("invalid credit code ({:?})", e.rule))
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Codes published by the organisations themselves (national enterprise credit system).
    #[test]
    fn accepts_published_codes() {
        for code in [
            "91110000802100433B", // China Petroleum & Chemical Corporation (Sinopec)
            "91350100M000100Y43", // the example code widely quoted with GB 32100
            "91440300708461136T", // Shenzhen Tencent Computer Systems Co., Ltd.
            "914403001922038216", // Huawei Technologies Co., Ltd.
        ] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for expected in WEIGHTS {
            assert_eq!(w, expected);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn names_the_broken_rule() {
        assert_eq!(
            CreditCode::parse("9111000080210043").unwrap_err().rule,
            Rule::Length
        );
        assert_eq!(
            CreditCode::parse("91110000802100433I").unwrap_err().rule,
            Rule::Format
        );
        assert_eq!(
            CreditCode::parse("91110000802100433C").unwrap_err().rule,
            Rule::Checksum
        );
    }

    proptest! {
        #[test]
        fn any_single_character_change_is_caught(pos in 0usize..18, delta in 1usize..31) {
            let good = "91110000802100433B";
            let mut bytes = good.as_bytes().to_vec();
            let idx = CHARSET.iter().position(|&c| c == bytes[pos]).unwrap();
            bytes[pos] = CHARSET[(idx + delta) % 31];
            let bad = String::from_utf8(bytes).unwrap();
            prop_assert!(CreditCode::parse(&bad).is_err());
        }

        #[test]
        fn completed_codes_parse(body in "[0-9A-HJ-NP-RTUWXY]{17}") {
            let code = CreditCode::complete(&body).unwrap();
            prop_assert_eq!(&code.as_str()[..17], body.as_str());
        }
    }
}
