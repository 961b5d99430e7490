//! The password policy: at least 10 characters from at least 3 of the 4 character classes.

use crate::{FieldError, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_len: usize,
    pub min_classes: usize,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_len: 10,
            min_classes: 3,
        }
    }
}

impl PasswordPolicy {
    /// Longer inputs are refused so hashing cannot be used to burn CPU.
    pub const MAX_LEN: usize = 128;

    pub fn check(&self, password: &str) -> Result<(), FieldError> {
        let n = password.chars().count();
        let classes = [
            password.chars().any(|c| c.is_lowercase()),
            password.chars().any(|c| c.is_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_alphanumeric()),
        ]
        .into_iter()
        .filter(|&b| b)
        .count();
        if n < self.min_len || n > Self::MAX_LEN || classes < self.min_classes {
            return Err(FieldError::new("password", Rule::PasswordPolicy)
                .with("min", self.min_len)
                .with("classes", self.min_classes));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_classes() {
        let p = PasswordPolicy::default();
        assert!(p.check("Longzhi@2023").is_ok());
        assert!(p.check("longzhi2023x").is_err(), "two classes");
        assert!(p.check("Longzhi2023").is_ok(), "three classes, 11 chars");
        assert!(p.check("Lz@20231").is_err(), "too short");
        assert!(
            p.check("质量发展Longzhi1").is_ok(),
            "CJK counts as characters, not bytes"
        );
        assert!(p.check(&"Aa1".repeat(50)).is_err(), "too long");
    }
}
