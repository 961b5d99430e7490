//! Case builders for the tests: JSON as the CLI takes it, with defaults for what a test ignores.
//!
//! Every input the example tests decide or reject is listed in `tests/cases.json`, so that other
//! tests (the public API's) can replay exactly these cases: [`decide`] and [`reject`] fail on an
//! input missing from it, and record it instead when `SANBAO_RECORD_CASES=1` (see [`record`]).
#![allow(dead_code, clippy::unwrap_used)] // test code, each test file uses a part

use std::collections::BTreeSet;
use std::fs::OpenOptions;
use std::io::{Read, Seek, Write};
use std::sync::{LazyLock, Mutex};

use chrono::{Days, NaiveDate};
use longzhi_sanbao::{Decision, decide_json};
use serde_json::{Value, json};

pub const START: &str = "2023-03-01";

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases.json");
const REGENERATE: &str = "SANBAO_RECORD_CASES=1 cargo test -p longzhi-sanbao --test boundaries --test decisions --test properties";

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

/// The decision on `case`, which must be valid and listed in `tests/cases.json`.
pub fn decide(case: &Value) -> Decision {
    let d = decide_unlisted(case);
    listed(&case.to_string(), true);
    d
}

/// The error for `text`, which must be invalid input and listed in `tests/cases.json`. Text,
/// not a [`Value`], so that input which is not JSON can be tested too.
pub fn reject(text: &str) -> String {
    let e = decide_json(text).err();
    let e = e.unwrap_or_else(|| panic!("accepted: {text}"));
    listed(text, false);
    e.to_string()
}

/// [`decide`] for generated cases (properties.rs): they change every run, so they are not listed.
pub fn decide_unlisted(case: &Value) -> Decision {
    decide_json(&case.to_string()).unwrap_or_else(|e| panic!("{e}\n{case}"))
}

/// Checks, or records, that the running test passes `text` to the engine, which finds it valid
/// or not. Entries are `{"test", "valid", "input"}` with the input as JSON; text that is not
/// one JSON value (e.g. trailing characters) is kept as it is in `"text"` instead of `"input"`.
fn listed(text: &str, valid: bool) {
    // The default test harness runs each test in a thread named after it.
    let test = std::thread::current().name().unwrap().to_owned();
    let entry = match serde_json::from_str::<Value>(text) {
        Ok(input) => json!({"test": test, "valid": valid, "input": input}),
        Err(_) => json!({"test": test, "valid": valid, "text": text}),
    };
    if std::env::var("SANBAO_RECORD_CASES").is_ok_and(|v| v == "1") {
        record(&test, entry);
    } else {
        static LISTED: LazyLock<Vec<Value>> = LazyLock::new(|| {
            let text = std::fs::read_to_string(CASES)
                .unwrap_or_else(|e| panic!("{CASES}: {e}; generate it with `{REGENERATE}`"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{CASES}: {e}"))
        });
        assert!(
            LISTED.contains(&entry),
            "this case of {test} is not in {CASES}; after changing the tests' cases regenerate \
             it with `{REGENERATE}`:\n{entry}"
        );
    }
}

/// Record mode: merges `entry` into `tests/cases.json` under an exclusive lock on the file, so
/// the tests' parallel threads and the test binaries (separate processes) all add to one file,
/// sorted by test and input and deduplicated after every write. A test's first case in the
/// process first drops what that test had recorded before, so changed cases leave no stale
/// entries; those of a removed or renamed test stay until the file is deleted and regenerated.
fn record(test: &str, entry: Value) {
    static CLEARED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(CASES)
        .unwrap();
    // flock: also excludes the other threads, which open the file separately.
    file.lock().unwrap();
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    let mut all: Vec<Value> = if text.is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&text).unwrap()
    };
    if CLEARED.lock().unwrap().insert(test.to_owned()) {
        all.retain(|e| e["test"] != test);
    }
    all.push(entry);
    all.sort_by_cached_key(|e| (e["test"].to_string(), e.to_string()));
    all.dedup();
    // One entry a line, so that a changed case is a one-line diff.
    let lines: Vec<String> = all.iter().map(Value::to_string).collect();
    file.set_len(0).unwrap();
    file.rewind().unwrap();
    write!(file, "[\n{}\n]\n", lines.join(",\n")).unwrap();
}
