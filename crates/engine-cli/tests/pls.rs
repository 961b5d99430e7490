//! `longzhi engine pls`: the CLI contract of issue 6 (arguments, JSON keys, exit code 2 naming
//! the construct, item or row). Numbers are checked against hand computation; the agreement with
//! seminr is the engine's reference check.

// Test helpers outside #[test] functions unwrap too: a failure is the test failing.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// A scratch directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("longzhi-pls-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = longzhi_engine_cli::main_with(["pls"].iter().chain(args), &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn ok(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).unwrap()
}

fn fails(args: &[&str], expected: &[&str]) {
    let (code, _, err) = run(args);
    assert_eq!(code, 2, "stderr: {err}");
    for e in expected {
        assert!(err.contains(e), "{err:?} lacks {e:?}");
    }
}

const A: [f64; 8] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
const B: [f64; 8] = [2.0, 1.0, 4.0, 3.0, 6.0, 5.0, 8.0, 7.0];
const CITY: [&str; 8] = [
    "Lanzhou", "Lanzhou", "Tianshui", "Lanzhou", "Tianshui", "Lanzhou", "Tianshui", "Lanzhou",
];

const TWO: &str = r#"scheme = "path"
scale = [1, 10]
[[construct]]
name = "Quality"
mode = "A"
items = ["a"]
[[construct]]
name = "Satisfaction"
mode = "A"
items = ["b"]
[[path]]
from = "Quality"
to = ["Satisfaction"]
"#;

fn two_item_csv() -> String {
    let mut csv = String::from("id,a,b,city\n");
    for i in 0..8 {
        csv += &format!("{},{},{},{}\n", i + 1, A[i], B[i], CITY[i]);
    }
    csv
}

#[test]
fn contract_keys_and_hand_values() {
    let dir = scratch("contract");
    let data = write(&dir, "survey.csv", &two_item_csv());
    let model = write(&dir, "model.toml", TWO);
    let out = ok(&[
        "--data", &data, "--model", &model, "--group", "city", "--format", "json",
    ]);

    // Single items: the path is Pearson's r. b − b̄ = (a − ā) ± 1 alternately, so Σ(a−ā)(b−b̄) =
    // 42 − 4 = 38, and Σ(a−ā)² = Σ(b−b̄)² = 42: r = 38/42.
    let r = 38.0 / 42.0;
    assert_eq!(out["converged"], true);
    assert_eq!(out["iterations"], 1);
    assert_eq!(out["paths"][0]["from"], "Quality");
    assert_eq!(out["paths"][0]["to"], "Satisfaction");
    assert!((out["paths"][0]["coef"].as_f64().unwrap() - r).abs() < 1e-14);
    assert!((out["r2"]["Satisfaction"].as_f64().unwrap() - r * r).abs() < 1e-14);
    assert!(
        out["r2"].get("Quality").is_none(),
        "an exogenous construct has no R²"
    );
    for key in ["outer_weights", "loadings"] {
        assert_eq!(out[key][0]["construct"], "Quality");
        assert_eq!(out[key][0]["item"], "a");
        assert_eq!(out[key][0]["value"], 1.0);
    }
    // Index on the 1–10 scale: mean of a is 4.5 → (4.5 − 1)/9·100; of b also 4.5.
    let expected = 3.5 / 9.0 * 100.0;
    assert!((out["index"]["Quality"].as_f64().unwrap() - expected).abs() < 1e-12);
    // Lanzhou rows 1, 2, 4, 6, 8: a mean 21/5 = 4.2 → 3.2/9·100; Tianshui rows 3, 5, 7: a mean 5.
    let groups = out["index_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        (
            groups[0]["column"].as_str(),
            groups[0]["group"].as_str(),
            groups[0]["n"].as_u64()
        ),
        (Some("city"), Some("Lanzhou"), Some(5))
    );
    assert!((groups[0]["index"]["Quality"].as_f64().unwrap() - 3.2 / 9.0 * 100.0).abs() < 1e-12);
    assert_eq!(groups[1]["n"], 3);
    assert!((groups[1]["index"]["Quality"].as_f64().unwrap() - 4.0 / 9.0 * 100.0).abs() < 1e-12);
    assert_eq!(out["missing"]["rows_used"], 8);
    assert!(out.get("bootstrap").is_none());
}

#[test]
fn bootstrap_object_is_reproducible_across_threads() {
    let dir = scratch("bootstrap");
    let data = write(&dir, "survey.csv", &two_item_csv());
    let model = write(&dir, "model.toml", TWO);
    let base = [
        "--data",
        data.as_str(),
        "--model",
        model.as_str(),
        "--bootstrap",
        "200",
        "--seed",
        "7",
    ];
    let one = run(&[&base[..], &["--threads", "1"]].concat());
    let two = run(&[&base[..], &["--threads", "2"]].concat());
    assert_eq!(one.0, 0, "{}", one.2);
    assert_eq!(one.1, two.1, "the thread count must not change the output");
    let out: Value = serde_json::from_str(&one.1).unwrap();
    let b = &out["bootstrap"];
    assert_eq!(
        (b["resamples"].as_u64(), b["seed"].as_u64()),
        (Some(200), Some(7))
    );
    let p = &b["paths"][0];
    assert_eq!(
        (p["from"].as_str(), p["to"].as_str()),
        (Some("Quality"), Some("Satisfaction"))
    );
    let (lo, hi, se) = (
        p["ci_lo"].as_f64().unwrap(),
        p["ci_hi"].as_f64().unwrap(),
        p["se"].as_f64().unwrap(),
    );
    let mean = p["mean"].as_f64().unwrap();
    assert!(lo <= mean && mean <= hi && hi <= 1.0 && se > 0.0, "{p}");
    assert_eq!(
        (b["failed"].as_u64(), b["not_converged"].as_u64()),
        (Some(0), Some(0))
    );
    let other = ok(&[&base[..4], &["--bootstrap", "200", "--seed", "8"]].concat());
    assert_ne!(other["bootstrap"]["paths"][0]["mean"], p["mean"]);

    // With a group column the indices get intervals too, around the unresampled values.
    let grouped = ok(&[&base[..], &["--group", "city"]].concat());
    let index = &grouped["bootstrap"]["index"]["Satisfaction"];
    assert_eq!(index["estimate"], grouped["index"]["Satisfaction"]);
    let groups = grouped["bootstrap"]["index_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    for (g, plain) in groups
        .iter()
        .zip(grouped["index_groups"].as_array().unwrap())
    {
        assert_eq!((&g["group"], &g["n"]), (&plain["group"], &plain["n"]));
        let s = &g["index"]["Quality"];
        assert_eq!(s["estimate"], plain["index"]["Quality"]);
        let (lo, hi) = (s["ci_lo"].as_f64().unwrap(), s["ci_hi"].as_f64().unwrap());
        assert!(lo < hi && (0.0..=100.0).contains(&lo) && hi <= 100.0, "{g}");
    }
    assert_eq!(
        grouped["bootstrap"]["paths"], b["paths"],
        "groups change no other figure"
    );
}

#[test]
fn given_resamples_replace_the_random_ones() {
    let dir = scratch("indices");
    let data = write(&dir, "survey.csv", &two_item_csv());
    let model = write(&dir, "model.toml", TWO);
    // Two resamples, both the data itself: mean = estimate, se = 0.
    let idx = write(&dir, "idx.csv", "0,1,2,3,4,5,6,7\n7,6,5,4,3,2,1,0\n");
    let out = ok(&[
        "--data",
        &data,
        "--model",
        &model,
        "--bootstrap-indices",
        &idx,
    ]);
    let p = &out["bootstrap"]["paths"][0];
    assert!((p["mean"].as_f64().unwrap() - 38.0 / 42.0).abs() < 1e-14);
    assert!(p["se"].as_f64().unwrap() < 1e-14);
    let bad = write(&dir, "bad.csv", "0,1,2\n0,1,8\n");
    fails(
        &[
            "--data",
            &data,
            "--model",
            &model,
            "--bootstrap-indices",
            &bad,
        ],
        &["bad.csv", "line 2", "out of range"],
    );
}

#[test]
fn missing_cells_are_counted() {
    let dir = scratch("missing");
    let data = write(
        &dir,
        "survey.csv",
        "a,b\n1,2\n2,\n3,4\nNA,3\n5,6\n6,5\n7,8\n8,7\n",
    );
    let model = write(&dir, "model.toml", TWO);
    let out = ok(&["--data", &data, "--model", &model]);
    let m = &out["missing"];
    assert_eq!(
        (
            m["method"].as_str(),
            m["rows_dropped"].as_u64(),
            m["cells_missing"].as_u64()
        ),
        (Some("listwise"), Some(2), Some(2))
    );
    assert_eq!(out["n"], 6);
    let out = ok(&["--data", &data, "--model", &model, "--missing", "mean"]);
    assert_eq!(
        (out["n"].as_u64(), out["missing"]["cells_replaced"].as_u64()),
        (Some(8), Some(2))
    );
}

#[test]
fn bad_input_exits_2_naming_the_culprit() {
    let dir = scratch("bad");
    let data = write(&dir, "survey.csv", &two_item_csv());
    let model = write(&dir, "model.toml", TWO);
    let with_model = |name: &str, text: &str| write(&dir, name, text);

    let unknown = with_model("unknown.toml", &TWO.replace("[\"b\"]", "[\"b9\"]"));
    fails(
        &["--data", &data, "--model", &unknown],
        &["item b9 of construct Satisfaction is not a column"],
    );

    let constant = write(&dir, "constant.csv", "a,b\n1,3\n2,3\n3,3\n4,3\n");
    fails(
        &["--data", &constant, "--model", &model],
        &["item b of construct Satisfaction is constant"],
    );

    let empty = with_model("empty.toml", &TWO.replace("[\"b\"]", "[]"));
    fails(
        &["--data", &data, "--model", &empty],
        &["construct Satisfaction has no items"],
    );

    let cycle = with_model(
        "cycle.toml",
        &format!("{TWO}[[path]]\nfrom = \"Satisfaction\"\nto = [\"Quality\"]\n"),
    );
    fails(
        &["--data", &data, "--model", &cycle],
        &["cycle", "Quality -> Satisfaction -> Quality"],
    );

    let text = write(&dir, "text.csv", "a,b\n1,2\n2,1\n3,good\n4,3\n");
    fails(
        &["--data", &text, "--model", &model],
        &["row 3 (line 4), column b: \"good\" is not a number"],
    );

    fails(
        &["--data", &data, "--model", &model, "--group", "province"],
        &["group column province is not a column"],
    );

    let mode = with_model(
        "mode.toml",
        &TWO.replacen("mode = \"A\"", "mode = \"C\"", 1),
    );
    fails(&["--data", &data, "--model", &mode], &["mode.toml", "mode"]);

    fails(
        &[
            "--data",
            &dir.join("none.csv").to_string_lossy(),
            "--model",
            &model,
        ],
        &["cannot read", "none.csv"],
    );
}
