//! Sign-in names.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};

/// 3–32 characters: a letter, then letters, digits, `_`, `.` or `-`. Stored lower-case, so
/// `Admin` and `admin` are one account on both databases.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "tianshui")]
pub struct Username(String);

impl Username {
    pub const MIN: usize = 3;
    pub const MAX: usize = 32;

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let s = s.trim();
        let n = s.chars().count();
        if !(Self::MIN..=Self::MAX).contains(&n) {
            return Err(FieldError::new("username", Rule::Length)
                .with("min", Self::MIN)
                .with("max", Self::MAX));
        }
        let mut chars = s.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) {
            return Err(
                FieldError::new("username", Rule::Format).with("pattern", "[a-z][a-z0-9_.-]*")
            );
        }
        Ok(Self(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).map_err(|e| format!("invalid username ({:?})", e.rule))
    }
}

impl From<Username> for String {
    fn from(u: Username) -> String {
        u.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_cases_and_rejects_bad_shapes() {
        assert_eq!(
            Username::parse("TianShui_01").unwrap().as_str(),
            "tianshui_01"
        );
        assert_eq!(Username::parse("ab").unwrap_err().rule, Rule::Length);
        assert_eq!(Username::parse("1abc").unwrap_err().rule, Rule::Format);
        assert_eq!(Username::parse("ab'; drop").unwrap_err().rule, Rule::Format);
        assert_eq!(Username::parse("张三丰").unwrap_err().rule, Rule::Format);
    }
}
