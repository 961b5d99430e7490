//! `longzhi engine signal` end to end: a table small enough to check by hand, the output
//! formats, stratification, rules and periods, and bad input (exit code 2 naming the place).

// Test helpers outside #[test] functions: a failure should panic.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use serde_json::Value;

fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("longzhi-signal-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut full = vec!["signal"];
    full.extend_from_slice(args);
    let code = longzhi_engine_cli::main_with(full, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// P1×H1 4, P1×H2 1, P2×H1 1, P2×H2 4, P3×H3 2 (P3 and H3 only meet each other); N = 12.
/// Lines carry a year and a region; P1×H1 has 2 reports in 2023 and 2 in 2024.
const REPORTS: &str = "product,hazard,year,region
P1,H1,2023,A
P1,H1,2023,A
P1,H1,2024,B
P1,H1,2024,B
P1,H2,2023,A
P2,H1,2023,B
P2,H2,2023,A
P2,H2,2023,B
P2,H2,2024,A
P2,H2,2024,B
P3,H3,2024,A
P3,H3,2024,A
";

fn cell<'a>(json: &'a Value, row: &str, col: &str) -> &'a Value {
    json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == row && c["col"] == col)
        .unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn statistics_of_a_hand_checked_table() {
    let path = write("hand.csv", REPORTS);
    let (code, out, err) = run(&[
        "--reports",
        path.to_str().unwrap(),
        "--row",
        "product",
        "--col",
        "hazard",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["n_total"], 12);
    let keys: Vec<&str> = json["prior"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 7);
    for k in [
        "alpha1",
        "beta1",
        "alpha2",
        "beta2",
        "p",
        "converged",
        "active_bounds",
    ] {
        assert!(keys.contains(&k));
    }
    assert!(json["prior"]["converged"].is_boolean());
    assert!(json["prior"]["active_bounds"].is_array());
    // Canonical labels: component 1 has the larger prior mean.
    let p = &json["prior"];
    assert!(num(&p["alpha1"]) / num(&p["beta1"]) >= num(&p["alpha2"]) / num(&p["beta2"]));
    let order: Vec<(String, String)> = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["row"].as_str().unwrap().into(),
                c["col"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(order.len(), 5);
    assert_eq!(order[0], ("P1".into(), "H1".into()));

    // P1×H1: a = 4, b = 1, c = 1, d = 6.
    let c = cell(&json, "P1", "H1");
    assert_eq!(c["n"], 4);
    assert!((num(&c["expected"]) - 25.0 / 12.0).abs() < 1e-14);
    assert!((num(&c["prr"]) - 0.8 / (1.0 / 7.0)).abs() < 1e-12);
    // χ² = 12·(|24 − 1| − 6)² / (5·7·5·7) = 3468/1225.
    assert!((num(&c["prr_chi2"]) - 3468.0 / 1225.0).abs() < 1e-12);
    assert!((num(&c["ror"]) - 24.0).abs() < 1e-12);
    let half = 1.96 * (1.0f64 / 4.0 + 1.0 + 1.0 + 1.0 / 6.0).sqrt();
    assert!((num(&c["ror_lo95"]) - (24.0f64.ln() - half).exp()).abs() < 1e-12);
    assert!((num(&c["ic"]) - (54.0f64 / 31.0).log2()).abs() < 1e-14);
    let (ebgm, eb05, eb95) = (num(&c["ebgm"]), num(&c["eb05"]), num(&c["eb95"]));
    assert!(0.0 < eb05 && eb05 < ebgm && ebgm < eb95);

    // P3×H3: b = c = 0, so PRR and the ROR triple are null; χ² is defined (no empty margin):
    // 12·(|2·10 − 0| − 6)² / (2·10·2·10) = 5.88.
    let c = cell(&json, "P3", "H3");
    assert!(
        c["prr"].is_null()
            && c["ror"].is_null()
            && c["ror_lo95"].is_null()
            && c["ror_hi95"].is_null()
    );
    assert!((num(&c["prr_chi2"]) - 5.88).abs() < 1e-12);
}

#[test]
fn a_count_column_is_the_same_as_repeated_lines() {
    let repeated = write("repeated.csv", REPORTS);
    let counted = write(
        "counted.csv",
        "product,hazard,count\nP1,H1,4\nP1,H2,1\nP2,H1,1\nP2,H2,3\nP2,H2,1\nP3,H3,2\nP3,H1,0\n",
    );
    let base = ["--row", "product", "--col", "hazard"];
    let (_, a, _) = run(&[&["--reports", repeated.to_str().unwrap()][..], &base].concat());
    let (code, b, err) = run(&[
        &["--reports", counted.to_str().unwrap(), "--count", "count"][..],
        &base,
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(a, b);
}

#[test]
fn csv_output_leaves_nulls_empty() {
    let path = write("csv.csv", REPORTS);
    let (code, out, err) = run(&[
        "--reports",
        path.to_str().unwrap(),
        "--row",
        "product",
        "--col",
        "hazard",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "row,col,n,expected,prr,prr_chi2,ror,ror_lo95,ror_hi95,ic,ic025,ic975,ebgm,eb05,eb95"
    );
    assert_eq!(lines.len(), 6);
    let p3: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("P3,H3,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!((p3[4], p3[6], p3[7], p3[8]), ("", "", "", ""));
    assert_eq!(p3[5], "5.88");
}

#[test]
fn stratified_expected_counts() {
    let path = write("strata.csv", REPORTS);
    let args = [
        "--reports",
        path.to_str().unwrap(),
        "--row",
        "product",
        "--col",
        "hazard",
        "--strata",
        "year,region",
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    // P1×H1 by (year, region): 2023/A has P1 3, H1 2, N 4 → 1.5; 2023/B has P1 0; 2024/A has
    // P1 0; 2024/B has P1 2, H1 2, N 3 → 4/3. E = 1.5 + 4/3.
    let c = cell(&json, "P1", "H1");
    assert!((num(&c["expected"]) - (1.5 + 4.0 / 3.0)).abs() < 1e-14);
    // PRR stays the crude one.
    assert!((num(&c["prr"]) - 5.6).abs() < 1e-12);
}

#[test]
fn rules_mark_cells_and_periods_list_new_signals() {
    let path = write("periods.csv", REPORTS);
    let rules = write(
        "rules.toml",
        "[[rule]]\nname = \"many\"\nwhen = \"n >= 3\"\n",
    );
    let base = [
        "--reports",
        path.to_str().unwrap(),
        "--row",
        "product",
        "--col",
        "hazard",
    ];
    let (code, out, err) = run(&[
        &base[..],
        &["--rule", "evans", "--rules-file", rules.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    // P1×H1: PRR 5.6 ≥ 2 but χ² 2.83 < 4: not Evans; n = 4 ≥ 3: "many".
    assert_eq!(
        cell(&json, "P1", "H1")["signals"],
        serde_json::json!(["many"])
    );
    assert_eq!(cell(&json, "P3", "H3")["signals"], serde_json::json!([]));

    let (code, out, err) = run(&[
        &base[..],
        &["--rules-file", rules.to_str().unwrap(), "--period", "year"],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let periods = json["periods"].as_array().unwrap();
    // 2023 alone: P2×H2 has 2, P1×H1 has 2: nothing. Through 2024: P1×H1 4, P2×H2 4.
    assert_eq!(periods[0]["period"], "2023");
    assert_eq!(periods[0]["n_total"], 6);
    assert!(periods[0]["new_signals"].as_array().unwrap().is_empty());
    let new: Vec<(&str, &str, &str)> = periods[1]["new_signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["rule"].as_str().unwrap(),
                s["row"].as_str().unwrap(),
                s["col"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(new, vec![("many", "P1", "H1"), ("many", "P2", "H2")]);
    assert_eq!(periods[1]["n_total"], 12);

    // Each period alone: no cell reaches 3 in either year.
    let (_, out, _) = run(&[
        &base[..],
        &[
            "--rule",
            "many=n>=3",
            "--period",
            "year",
            "--window",
            "period",
            "--format",
            "csv",
        ],
    ]
    .concat());
    assert_eq!(out.lines().count(), 1, "only the header: {out}");
}

#[test]
fn bad_input_names_the_place() {
    let path = write("bad.csv", "product,hazard,count\nP1,H1,2\nP2,H1,-3\n");
    let p = path.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["--row", "product", "--col", "injury"],
            "unknown column \"injury\" given to --col",
        ),
        (
            &["--row", "product", "--col", "hazard", "--count", "count"],
            "line 3 (report 2), column \"count\"",
        ),
        (
            &[
                "--row",
                "product",
                "--col",
                "hazard",
                "--rule",
                "x=lift > 2",
            ],
            "unknown statistic \"lift\"",
        ),
        (
            &["--row", "product", "--col", "hazard", "--period", "product"],
            "--period needs at least one",
        ),
        (
            &["--row", "product", "--col", "hazard", "--strata", "year"],
            "unknown column \"year\" given to --strata",
        ),
        (
            &["--row", "product", "--col", "hazard", "--rule", "nosuch"],
            "neither NAME=EXPR nor a preset",
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = run(&[&["--reports", p][..], args].concat());
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let empty = write("empty.csv", "product,hazard\nP1,\n");
    let (code, _, err) = run(&[
        "--reports",
        empty.to_str().unwrap(),
        "--row",
        "product",
        "--col",
        "hazard",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2 (report 1), column \"hazard\": empty value"),
        "{err}"
    );
    let (code, _, err) = run(&["--reports", "/nonexistent.csv", "--row", "a", "--col", "b"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent.csv"), "{err}");
}

#[test]
fn quoted_and_crlf_files_parse_as_plain_ones() {
    // Plain CSV takes the parallel fast path; a quote or CRLF line ends change nothing.
    let args = |path: &PathBuf| {
        vec![
            "--reports".to_string(),
            path.to_str().unwrap().to_string(),
            "--row".into(),
            "product".into(),
            "--col".into(),
            "hazard".into(),
        ]
    };
    let output = |name: &str, text: &str| {
        let path = write(name, text);
        let a = args(&path);
        let (code, out, err) = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(code, 0, "{err}");
        out
    };
    let plain = output("plain.csv", REPORTS);
    let quoted = REPORTS.replacen("P3,H3", "\"P3\",H3", 1);
    assert_eq!(output("quoted.csv", &quoted), plain);
    assert_eq!(output("crlf.csv", &REPORTS.replace('\n', "\r\n")), plain);
    // A long label (hashed as bytes, not as one integer) and no final line end.
    let long = REPORTS.replace("P2", "a-product-label-longer-than-eight-bytes");
    let json: Value = serde_json::from_str(&output("long.csv", long.trim_end())).unwrap();
    assert_eq!(json["n_total"], 12);
    assert_eq!(
        cell(&json, "a-product-label-longer-than-eight-bytes", "H2")["n"],
        4
    );
    // An empty label on the fast path still names its line.
    let path = write("empty.csv", &REPORTS.replacen("P2,H1", ",H1", 1));
    let a = args(&path);
    let (code, _, err) = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 2);
    assert!(
        err.contains("line 7") && err.contains("empty value"),
        "{err}"
    );
}
