//! What the explainable rule engines share.
//!
//! A decision of a rule engine comes with one [`Reason`] per rule it checked: a stable code,
//! whether the rule's condition was met, the article or table it comes from, the same sentence in
//! zh-CN and English, and the numbers of the sentence as structured values, so that a caller can
//! show, translate or test a reason without parsing its text. Bad input is an [`InputError`]
//! naming the JSON path of the offending node.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
pub use serde_json::Value;

/// Bad input; `path` is the JSON path of the offending node, e.g. `events[2].odometer_km`
/// (`input` for the document as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// Deserialises one JSON document; a type error, unknown field or missing field names its path.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." {
            "input".to_owned()
        } else {
            path
        };
        InputError::new(path, e.into_inner().to_string())
    })?;
    de.end()
        .map_err(|e| InputError::new("input", e.to_string()))?;
    Ok(value)
}

/// Where a rule comes from (instrument, article, table), cited in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    pub zh: &'static str,
    pub en: &'static str,
}

/// One rule that was checked, met or not, with its numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Stable identifier of the check, e.g. `art24_4.cumulative_days`.
    pub code: &'static str,
    /// Whether the rule's condition holds for this input.
    pub met: bool,
    pub source: Source,
    pub zh: String,
    pub en: String,
    /// The numbers (and dates, names) the sentence states, by name.
    pub values: BTreeMap<&'static str, Value>,
}

impl Reason {
    pub fn new(
        code: &'static str,
        met: bool,
        source: Source,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Self {
            code,
            met,
            source,
            zh: zh.into(),
            en: en.into(),
            values: BTreeMap::new(),
        }
    }

    /// Adds a structured value; a later value under the same name replaces the earlier one.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.values.insert(name, value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // fields are read by serde only
    struct Doc {
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: u8,
    }

    #[test]
    fn json_errors_name_the_path() {
        let err = |json| from_json::<Doc>(json).unwrap_err().to_string();
        assert!(err(r#"{"items":[{"n":1},{"n":"x"}]}"#).starts_with("items[1].n: invalid type"));
        assert!(err(r#"{"items":[{"n":1,"m":2}]}"#).starts_with("items[0].m: unknown field `m`"));
        assert!(err(r#"{"items":[{}]}"#).starts_with("items[0]: missing field `n`"));
        assert!(err(r#"{}"#).starts_with("input: missing field `items`"));
        assert!(err(r#"{"items":[]} []"#).starts_with("input: trailing characters"));
        assert!(from_json::<Doc>(r#"{"items":[{"n":3}]}"#).is_ok());
    }

    #[test]
    fn serialises_code_texts_and_values() {
        const SRC: Source = Source {
            zh: "第二十四条",
            en: "Art 24",
        };
        let r = Reason::new(
            "days",
            true,
            SRC,
            "累计修理 31 日 > 30 日",
            "cumulative repair days 31 > 30",
        )
        .with("days", 31)
        .with("limit", 30);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["code"], "days");
        assert_eq!(json["met"], true);
        assert_eq!(json["source"]["en"], "Art 24");
        assert_eq!(json["zh"], "累计修理 31 日 > 30 日");
        assert_eq!(json["values"]["days"], 31);
        assert_eq!(json["values"]["limit"], 30);
    }
}
