//! The JSON input of `longzhi engine risk`, validated with errors that name the JSON path.

use longzhi_explain::{InputError, from_json};
use serde::Deserialize;
use serde_json::Value;

use crate::matrix::Severity;
use crate::probability::Probability;
use crate::scenario::{Context, Scenario, Step};

fn error(path: impl Into<String>, message: impl Into<String>) -> InputError {
    InputError::new(path, message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    scenarios: Vec<ScenarioDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioDoc {
    severity: i64,
    #[serde(default)]
    probability: Option<Value>,
    #[serde(default)]
    steps: Option<Vec<StepDoc>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    hazard: Option<String>,
    #[serde(default)]
    injury: Option<String>,
    #[serde(default)]
    consumer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepDoc {
    probability: Value,
    #[serde(default)]
    description: Option<String>,
}

/// Parses `{"scenarios":[{"severity":1..4,"probability":p,"steps":[…]}, …]}`.
///
/// A probability is a JSON number in [0, 1] or a string `"a/b"` / `"0.002"`. A scenario needs
/// `probability`, `steps` or both; with both, they must agree exactly.
pub fn parse(json: &str) -> Result<Vec<Scenario>, InputError> {
    let doc: Doc = from_json(json)?;
    if doc.scenarios.is_empty() {
        return Err(error("scenarios", "at least one scenario is required"));
    }
    doc.scenarios
        .into_iter()
        .enumerate()
        .map(|(i, s)| scenario(&format!("scenarios[{i}]"), s))
        .collect()
}

fn scenario(path: &str, doc: ScenarioDoc) -> Result<Scenario, InputError> {
    let severity = u8::try_from(doc.severity)
        .ok()
        .and_then(Severity::new)
        .ok_or_else(|| {
            error(
                format!("{path}.severity"),
                format!("must be 1, 2, 3 or 4, got {}", doc.severity),
            )
        })?;
    let given = doc
        .probability
        .as_ref()
        .map(|v| probability(&format!("{path}.probability"), v))
        .transpose()?;
    let context = Context {
        description: doc.description,
        hazard: doc.hazard,
        injury: doc.injury,
        consumer: doc.consumer,
    };
    let Some(steps) = doc.steps else {
        let p = given.ok_or_else(|| error(path, "give `probability`, `steps` or both"))?;
        return Ok(Scenario::new(severity, p).with_context(context));
    };
    if steps.is_empty() {
        return Err(error(
            format!("{path}.steps"),
            "must not be empty (omit it to give only `probability`)",
        ));
    }
    let mut builder = Scenario::builder(severity).context(context);
    for (j, st) in steps.into_iter().enumerate() {
        let p = probability(&format!("{path}.steps[{j}].probability"), &st.probability)?;
        builder = builder.push(Step {
            description: st.description,
            probability: p,
        });
    }
    let built = builder.build();
    if let Some(p) = given
        && p != *built.probability()
    {
        return Err(error(
            format!("{path}.probability"),
            format!(
                "{p} ({}) is not the product of the steps, {} ({}); give it exactly or omit it",
                p.to_f64(),
                built.probability(),
                built.probability().to_f64()
            ),
        ));
    }
    Ok(built)
}

fn probability(path: &str, v: &Value) -> Result<Probability, InputError> {
    let p = match v {
        Value::Number(n) => n.as_f64().and_then(Probability::from_f64),
        Value::String(s) => Probability::parse(s),
        _ => None,
    };
    p.ok_or_else(|| {
        error(
            path,
            format!("must be a number in [0, 1] or a fraction \"a/b\" ≤ 1, got {v}"),
        )
    })
}
