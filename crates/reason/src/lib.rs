//! Bilingual, structured reasons for the explainable rule engines.
//!
//! A decision of a rule engine comes with one [`Reason`] per rule it checked: a stable code,
//! whether the rule's condition was met, the article or table it comes from, the same sentence in
//! zh-CN and English, and the numbers of the sentence as structured values, so that a caller can
//! show, translate or test a reason without parsing its text.

use std::collections::BTreeMap;

use serde::Serialize;
pub use serde_json::Value;

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
