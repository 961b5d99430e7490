//! `longzhi engine risk`: the JSON contract and exit codes.
#![allow(clippy::unwrap_used)] // test code: a panic is a failure

use std::path::PathBuf;

use serde_json::Value;

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
        .join("tests/data/risk")
        .join(name)
        .display()
        .to_string()
}

fn temp_json(name: &str, json: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("longzhi-risk-{}-{name}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    path.display().to_string()
}

/// The published folding-chair scenario (2010/15/EU): severity 1, 1/500 → low.
#[test]
fn folding_chair_contract() {
    let (code, out, err) = run(&["risk", "--input", &data("folding-chair.json")]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scenario_levels"], serde_json::json!(["low"]));
    assert_eq!(v["level"], "low");
    let reasons = v["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .all(|r| r["zh"].is_string() && r["en"].is_string() && r["code"].is_string())
    );
    let matrix = reasons.iter().find(|r| r["code"] == "risk.matrix").unwrap();
    assert_eq!(
        matrix["en"],
        "scenario 1: severity 1 × probability > 1/1 000 → low risk"
    );
    assert_eq!(v["scenarios"][0]["steps"][1]["level"], "medium");
    assert_eq!(v["scenarios"][0]["steps"][1]["changed_level"], true);
}

/// Levels are exactly the four contract strings; several scenarios keep their order.
#[test]
fn several_scenarios_in_order() {
    // severity 4 at 0.5 (on the threshold → "> 1/10") → serious; severity 1 at 0.000001 → low;
    // severity 3 at 0.00005 → medium; severity 2 at 0.005 → high.
    let path = temp_json(
        "several",
        r#"{"scenarios":[{"severity":4,"probability":0.5},{"severity":1,"probability":0.000001},
            {"severity":3,"probability":0.00005},{"severity":2,"probability":0.005}]}"#,
    );
    let (code, out, _) = run(&["risk", "--input", &path]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["scenario_levels"],
        serde_json::json!(["serious", "low", "medium", "high"])
    );
    assert_eq!(v["level"], "serious");
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let path = temp_json(
        "bad",
        r#"{"scenarios":[{"severity":2,"probability":0.1},{"severity":7,"probability":0.1}]}"#,
    );
    let (code, out, err) = run(&["risk", "--input", &path]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("scenarios[1].severity: must be 1, 2, 3 or 4, got 7"),
        "{err}"
    );

    let (code, _, err) = run(&["risk", "--input", "/nonexistent/risk.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/risk.json"), "{err}");

    let (code, _, _) = run(&["risk"]);
    assert_eq!(code, 2, "missing --input is a usage error");
}
