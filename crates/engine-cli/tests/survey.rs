//! `longzhi engine survey`: the JSON contract and exit code 2 on bad input.

// Test helpers outside #[test] functions panic on broken fixtures by design.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Writes `text` to a file private to this test and returns its path.
fn csv_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("longzhi-survey-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = longzhi_engine_cli::main_with(args.iter().copied(), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Two strata; the "Y" record of stratum B sits alone in PSU 2, so for domain X that PSU scores 0.
/// PSU ids restart in each stratum (B's PSU 1 is not A's PSU 1).
const CASES: &str = "hospital_stratum,hospital,weight,product,days\n\
A,1,10,X,2\nA,1,20,Y,1\nA,2,30,X,4\nB,1,5,X,3\nB,2,15,Y,1\nB,3,25,X,2\n";

fn survey(file: &Path, extra: &[&str]) -> (i32, String, String) {
    let path = file.to_str().unwrap();
    let mut args = vec![
        "survey",
        "--data",
        path,
        "--weight",
        "weight",
        "--strata",
        "hospital_stratum",
        "--psu",
        "hospital",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn close(v: &Value, expected: f64) -> bool {
    let got = v.as_f64().unwrap();
    (got - expected).abs() <= 1e-12 * expected.abs().max(1.0)
}

#[test]
fn totals_by_domain_follow_the_contract() {
    let file = csv_file("totals", CASES);
    let (code, out, err) = survey(
        &file,
        &[
            "--by",
            "product",
            "--value",
            "days",
            "--min-n",
            "4",
            "--min-estimate",
            "200",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let domains = json["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 2);
    let x = &domains[0];
    assert_eq!(x["by"], serde_json::json!({"product": "X"}));
    assert_eq!(x["n"], 4);
    // Total 205 (10·2 + 30·4 + 5·3 + 25·2); PSU scores (20, 120) and (15, 0, 50):
    // V = 2·5000 + 1.5·(3950/3) = 11975 (hand computation, as in the engine's tests).
    let se = 11975f64.sqrt();
    assert!(close(&x["estimate"], 205.0));
    assert!(close(&x["se"], se));
    assert!(close(&x["cv"], se / 205.0));
    assert!(close(&x["ci_lo"], 205.0 - 1.959963984540054 * se));
    assert!(close(&x["ci_hi"], 205.0 + 1.959963984540054 * se));
    // n 4 ≥ 4, 205 ≥ 200, CV 0.53 > 0.33: unstable; with --max-cv 0.6 stable.
    assert_eq!(x["stable"], false);
    let (_, out, _) = survey(
        &file,
        &[
            "--by",
            "product",
            "--value",
            "days",
            "--min-n",
            "4",
            "--min-estimate",
            "200",
            "--max-cv",
            "0.6",
        ],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["domains"][0]["stable"], true);
    // Y: 20·1 + 15·1 = 35 with 2 cases.
    assert_eq!(json["domains"][1]["by"]["product"], "Y");
    assert!(close(&json["domains"][1]["estimate"], 35.0));
}

#[test]
fn without_by_or_value_the_estimate_is_the_number_of_cases() {
    let file = csv_file("count", CASES);
    let (code, out, err) = survey(&file, &[]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["design"],
        serde_json::json!({"records": 6, "strata": 2, "psus": 5})
    );
    let all = &json["domains"][0];
    assert_eq!(all["by"], serde_json::json!({}));
    // Σ w = 105; PSU totals (30, 30) and (5, 15, 25): 0 + 1.5·200 = 300; 6 cases < 20: unstable.
    assert!(close(&all["estimate"], 105.0));
    assert!(close(&all["se"], 300f64.sqrt()));
    assert_eq!(all["stable"], false);
}

#[test]
fn means_and_level_proportions() {
    let file = csv_file("mean", CASES);
    let (code, out, err) = survey(
        &file,
        &["--by", "product", "--value", "days", "--statistic", "mean"],
    );
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    // R = 205/70, V = 17747/38416 (exact fractions, see the engine's tests).
    assert!(close(&json["domains"][0]["estimate"], 205.0 / 70.0));
    assert!(close(
        &json["domains"][0]["se"],
        (17747f64 / 38416.0).sqrt()
    ));
    // Share of records with days = "1" among all cases: weights 20 + 15 of 105.
    let (code, out, err) = survey(
        &file,
        &[
            "--value",
            "days",
            "--level",
            "1",
            "--statistic",
            "proportion",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(close(&json["domains"][0]["estimate"], 35.0 / 105.0));
}

#[test]
fn domains_sort_numerically_where_levels_are_numbers() {
    let file = csv_file("order", "s,p,w,age\na,1,1,10\na,2,1,9\na,1,1,x\na,2,1,10\n");
    let (code, out, err) = run(&[
        "survey",
        "--data",
        file.to_str().unwrap(),
        "--weight",
        "w",
        "--strata",
        "s",
        "--psu",
        "p",
        "--by",
        "age",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let levels: Vec<&str> = json["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["by"]["age"].as_str().unwrap())
        .collect();
    assert_eq!(levels, vec!["9", "10", "x"]);
}

#[test]
fn bad_input_exits_2_naming_row_and_column() {
    let cases = [
        (
            "negative",
            "hospital_stratum,hospital,weight\nA,1,3\nA,2,-1\n",
            "row 2 (line 3), column \"weight\": negative weight \"-1\"",
        ),
        (
            "missing",
            "hospital_stratum,hospital,weight\nA,1,\nA,2,1\n",
            "row 1 (line 2), column \"weight\": missing weight",
        ),
        (
            "text",
            "hospital_stratum,hospital,weight\nA,1,heavy\n",
            "row 1 (line 2), column \"weight\": weight \"heavy\" is not a number",
        ),
    ];
    for (name, text, message) in cases {
        let (code, _, err) = survey(&csv_file(name, text), &[]);
        assert_eq!(code, 2, "{name}");
        assert!(err.contains(message), "{name}: {err}");
    }
    let file = csv_file(
        "value",
        "hospital_stratum,hospital,weight,days\nA,1,1,2\nA,2,1,two\n",
    );
    let (code, _, err) = survey(&file, &["--value", "days"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("row 2 (line 3), column \"days\": value \"two\" is not a number"),
        "{err}"
    );
    let (code, _, err) = survey(&file, &["--by", "sex"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown column \"sex\""), "{err}");
    let (code, _, err) = survey(&file, &["--statistic", "mean"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs --value"), "{err}");
}

#[test]
fn a_lonely_psu_is_an_error_naming_the_stratum_unless_treated() {
    let file = csv_file(
        "lonely",
        "hospital_stratum,hospital,weight\nA,1,2\nA,2,4\nB,7,6\n",
    );
    let (code, _, err) = survey(&file, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("column \"hospital_stratum\": stratum \"B\" has a single PSU"),
        "{err}"
    );
    // PSU totals: A (2, 4), B (6). A alone: 2·((2−3)² + (4−3)²) = 4.
    let expected = [("certainty", 4.0), ("scale", 8.0), ("center", 4.0 + 4.0)];
    // center: grand mean of (2, 4, 6) is 4, (6 − 4)² = 4; scale: 4 · 2 strata / 1.
    for (rule, variance) in expected {
        let (code, out, err) = survey(&file, &["--lonely-psu", rule]);
        assert_eq!(code, 0, "{rule}: {err}");
        let json: Value = serde_json::from_str(&out).unwrap();
        assert!(
            close(&json["domains"][0]["se"], f64::sqrt(variance)),
            "{rule}: {out}"
        );
    }
}

#[test]
fn a_mean_over_zero_weights_is_null() {
    let file = csv_file("zero", "s,p,w,d,y\na,1,0,Z,5\na,2,2,K,1\na,2,2,K,3\n");
    let (code, out, err) = run(&[
        "survey",
        "--data",
        file.to_str().unwrap(),
        "--weight",
        "w",
        "--strata",
        "s",
        "--psu",
        "p",
        "--by",
        "d",
        "--value",
        "y",
        "--statistic",
        "mean",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    // K: (2·1 + 2·3)/4 = 2, both records in PSU 2, scores (0, 0): SE 0, CV 0.
    assert_eq!(json["domains"][0]["by"]["d"], "K");
    assert!(close(&json["domains"][0]["estimate"], 2.0));
    assert_eq!(json["domains"][0]["cv"], 0.0);
    let z = &json["domains"][1];
    assert_eq!(
        (
            z["n"].as_u64(),
            z["estimate"].is_null(),
            z["se"].is_null(),
            z["cv"].is_null()
        ),
        (Some(1), true, true, true)
    );
    assert_eq!(z["stable"], false);
}
