//! A field that breaks a rule: the one shape of validation failure, from domain to HTTP client.

use serde::Serialize;

/// The rule a value broke; a stable code the UI translates (`fields[].rule` in the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    Length,
    Format,
    Range,
    Checksum,
    Unique,
    Exists,
    PasswordPolicy,
    Enum,
}

/// One broken rule on one field, with the numbers a message needs (e.g. `min`, `max`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub rule: Rule,
    /// Parameters of the rule, e.g. `[("min","10")]`, used to phrase the message.
    #[serde(skip)]
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
            params: Vec::new(),
        }
    }

    pub fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        self.params.push((key, value.to_string()));
        self
    }

    /// The same error on another field name (domain types do not know the field they fill).
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Collects every broken rule of a form, so the user sees all of them at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps the value of a successful parse; records the error (under `field`) otherwise.
    pub fn check<T>(&mut self, field: &str, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e.at(field));
                None
            }
        }
    }

    /// A required text field: trimmed, non-empty, at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            self.0.push(FieldError::new(field, Rule::Required));
            None
        } else if v.chars().count() > max {
            self.0
                .push(FieldError::new(field, Rule::Length).with("max", max));
            None
        } else {
            Some(v.to_owned())
        }
    }

    /// An optional text field: `None` when blank, an error when longer than `max` characters.
    pub fn optional_text(
        &mut self,
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        if v.chars().count() > max {
            self.0
                .push(FieldError::new(field, Rule::Length).with("max", max));
            None
        } else {
            Some(v.to_owned())
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was recorded.
    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_trims_and_bounds_by_characters_not_bytes() {
        let mut errs = FieldErrors::new();
        assert_eq!(
            errs.text("name", "  兰州市  ", 3).as_deref(),
            Some("兰州市")
        );
        assert_eq!(errs.text("name", "兰州市局", 3), None);
        assert_eq!(errs.text("title", "   ", 3), None);
        let rules: Vec<_> = errs.0.iter().map(|e| (e.field.as_str(), e.rule)).collect();
        assert_eq!(rules, [("name", Rule::Length), ("title", Rule::Required)]);
    }
}
