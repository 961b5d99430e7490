//! `longzhi engine sanbao`: the JSON contract and exit codes on hand-worked cases.
#![allow(clippy::unwrap_used)] // test code: a panic is a failure

use std::path::PathBuf;

use serde_json::{Value, json};

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = longzhi_engine_cli::main_with(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sanbao")
        .join(name)
        .display()
        .to_string()
}

fn decide(name: &str) -> Value {
    let (code, out, err) = run(&["sanbao", "--input", &data(name)]);
    assert_eq!(code, 0, "{name}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn met_codes(v: &Value) -> Vec<&str> {
    v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == true)
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

/// Delivered 2023-03-05; visits of 10, 9.5 and 10.25 days count as 10 + 10 + 11 = 31 > 30
/// (Art 24(4), Art 40 rounding up); the 5-day consumer-fault visit is excluded (Art 32).
/// Usage compensation (Art 27): 150,000 × 8,000 / 1000 × 0.005 = 6,000.00 yuan.
#[test]
fn cumulative_31_days_refund_or_replace() {
    let v = decide("cumulative-31-days.json");
    assert_eq!(v["remedy"], "refund_or_replace");
    assert_eq!(v["articles"], json!(["24(4)"]));
    assert_eq!(v["usage_compensation_yuan"], 6000.0);
    assert_eq!(v["in_sanbao_period"], true);
    assert_eq!(v["in_warranty_period"], true);
    let days = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "art24_4.cumulative_days")
        .unwrap();
    assert_eq!(days["values"]["cumulative_repair_days"], 31);
    assert!(days["en"].as_str().unwrap().contains("31 > 30"));
    assert!(days["zh"].as_str().unwrap().contains("31 日 > 30 日"));
    assert!(met_codes(&v).contains(&"art32.consumer_fault"));
}

/// Gearbox assembly replaced on day 3 (2023-06-04, invoice 2023-06-01): Art 22, free
/// (usage compensation 0). One serious-safety visit is far from the 3 of Art 24(1).
#[test]
fn day3_gearbox_replaced_is_free_refund_or_replace() {
    let v = decide("day3-gearbox-replaced.json");
    assert_eq!(v["remedy"], "refund_or_replace");
    assert_eq!(v["articles"], json!(["22"]));
    assert_eq!(v["usage_compensation_yuan"], 0.0);
    let r = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "art22.replacement_within_7_days")
        .unwrap();
    assert_eq!(
        r["en"],
        "events[0] (2023-06-04, day 3, 180 km): assembly replacement of the gearbox within 7 days (day 3 ≤ 7)"
    );
}

/// Delivered 2023-06-03; the engine's cylinder head replaced on 2023-07-18 (day 45, 2,400 km):
/// Art 20 (≤ 60 days and ≤ 3,000 km), not Art 22 (day 45 > 7).
#[test]
fn day45_engine_main_part_free_assembly_replacement() {
    let v = decide("day45-engine-main-part.json");
    assert_eq!(v["remedy"], "free_assembly_replacement");
    assert_eq!(v["articles"], json!(["20"]));
    assert_eq!(v["usage_compensation_yuan"], Value::Null);
    let r = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "art22.replacement_within_7_days")
        .unwrap();
    assert_eq!(r["met"], false);
    assert!(
        r["en"].as_str().unwrap().ends_with("(day 45 > 7)"),
        "{}",
        r["en"]
    );
}

/// The only visit inside the warranty was the consumer's fault (Art 32): no remedy.
#[test]
fn consumer_fault_only_none_art32() {
    let v = decide("consumer-fault-only.json");
    assert_eq!(v["remedy"], "none");
    assert_eq!(v["articles"], json!(["32"]));
    assert_eq!(v["in_warranty_period"], true);
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let mut case: Value = serde_json::from_str(
        &std::fs::read_to_string(data("day45-engine-main-part.json")).unwrap(),
    )
    .unwrap();
    case["events"][0]["repair_days"] = json!("two");
    let path = std::env::temp_dir().join(format!("longzhi-sanbao-{}-bad.json", std::process::id()));
    std::fs::write(&path, case.to_string()).unwrap();
    let (code, out, err) = run(&["sanbao", "--input", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("events[0].repair_days: invalid type: string \"two\""),
        "{err}"
    );
}
