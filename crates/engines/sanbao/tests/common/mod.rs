//! Case builders for the tests: JSON as the CLI takes it, with defaults for what a test ignores.
#![allow(dead_code, clippy::unwrap_used)] // test code, each test file uses a part

use chrono::{Days, NaiveDate};
use longzhi_sanbao::{Decision, decide_json};
use serde_json::{Value, json};

pub const START: &str = "2023-03-01";

/// The date `days` after `start`.
pub fn day_of(start: &str, days: u64) -> String {
    let d: NaiveDate = start.parse().unwrap();
    (d + Days::new(days)).to_string()
}

/// A repair visit on `day` after [`START`] at `km`: `kind` on `system`, no main part, fault "f",
/// 1 repair day.
pub fn ev(day: u64, km: u32, kind: &str, system: &str) -> Value {
    json!({"date": day_of(START, day), "odometer_km": km, "kind": kind, "system": system,
           "part": null, "fault_id": "f", "repair_days": 1})
}

/// `v` with `key` set to `value`.
pub fn set(mut v: Value, key: &str, value: impl Into<Value>) -> Value {
    v[key] = value.into();
    v
}

/// A case bought (and delivered) on [`START`], 100,000 yuan, n = 0.005, evaluated on day
/// `eval_day` at `km`.
pub fn case(eval_day: u64, km: u32, events: Vec<Value>) -> Value {
    json!({"purchase_date": START, "price_yuan": 100000, "evaluation_date": day_of(START, eval_day),
           "odometer_km": km, "compensation_rate": 0.005, "events": events})
}

pub fn decide(case: &Value) -> Decision {
    decide_json(&case.to_string()).unwrap_or_else(|e| panic!("{e}\n{case}"))
}
