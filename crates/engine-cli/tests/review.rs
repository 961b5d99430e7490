//! `longzhi engine review`: the CLI contract of issue 9, on data computed by hand.

// The helpers below are test code too, but not `#[test]` functions, which clippy.toml covers.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use serde_json::Value;

/// Writes the files of one test into a fresh directory.
fn files(name: &str, scores: &str, rubric: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("longzhi-review-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (s, r) = (dir.join("scores.csv"), dir.join("rubric.toml"));
    std::fs::write(&s, scores).unwrap();
    std::fs::write(&r, rubric).unwrap();
    (s, r)
}

fn run(name: &str, scores: &str, rubric: &str, extra: &[&str]) -> (i32, String, String) {
    let (s, r) = files(name, scores, rubric);
    let mut args = vec![
        "review".to_string(),
        "--scores".into(),
        s.display().to_string(),
    ];
    args.extend([
        "--rubric".into(),
        r.display().to_string(),
        "--format".into(),
        "json".into(),
    ]);
    args.extend(extra.iter().map(|a| a.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = longzhi_engine_cli::main_with(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn json(name: &str, scores: &str, rubric: &str, extra: &[&str]) -> Value {
    let (code, out, err) = run(name, scores, rubric, extra);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

const ONE_ITEM: &str = "[[criterion]]\ncode = \"c1\"\nmax = 10\n";
const TWO_ITEMS: &str = "[[criterion]]\ncode = \"all\"\n[[criterion]]\ncode = \"c1\"\nparent = \"all\"\nmax = 60\n\
                         [[criterion]]\ncode = \"c2\"\nparent = \"all\"\nmax = 40\n";

fn csv(rows: &[(&str, &str, &str, f64)]) -> String {
    let mut s = String::from("application,reviewer,criterion,score\n");
    for (a, r, c, v) in rows {
        s.push_str(&format!("{a},{r},{c},{v}\n"));
    }
    s
}

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
}

/// Shrout & Fleiss (1979), table 2: 6 targets × 4 judges, as one-criterion totals.
fn shrout_fleiss_csv() -> String {
    let data = [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ];
    let mut rows = Vec::new();
    for (a, row) in data.iter().enumerate() {
        for (r, &v) in row.iter().enumerate() {
            rows.push((format!("T{}", a + 1), format!("J{}", r + 1), v));
        }
    }
    let rows: Vec<(&str, &str, &str, f64)> = rows
        .iter()
        .map(|(a, r, v)| (a.as_str(), r.as_str(), "c1", f64::from(*v)))
        .collect();
    csv(&rows)
}

#[test]
fn agreement_of_the_shrout_fleiss_example() {
    let v = json("sf", &shrout_fleiss_csv(), ONE_ITEM, &[]);
    let a = &v["agreement"];
    assert_eq!(a["design"], "complete");
    // Exact fractions by hand (see the engine's unit test): MSR = 1349/120, MSC = 2339/72,
    // MSE = 367/360, MSW = 2703/432.
    close(&a["icc1"], 0.165_741_768_405_475_4);
    close(&a["icc2_1"], 0.289_763_779_527_559_05);
    close(&a["icc2_k"], 0.620_050_547_598_989);
    close(&a["icc3_1"], 0.714_840_714_840_714_9);
    close(&a["icc3_k"], 0.909_315_542_377_069_5);
    // Mid-ranks per judge give rank sums 17, 6, 19, 7.5, 23.5, 11; S = 479/2; ties Σ(t³−t) = 30;
    // W = 12 S / (16 · 210 − 4 · 30) = 479/540; χ² = 4 · 5 · W; p = scipy.stats.chi2.sf(χ², 5).
    close(&a["kendall_w"], 479.0 / 540.0);
    close(&a["kendall_chi2"], 20.0 * 479.0 / 540.0);
    assert_eq!(a["kendall_df"], 5);
    close(&a["kendall_p"], 0.003_289_509_243_680_281);
}

#[test]
fn totals_medians_trimmed_means_and_tied_ranks() {
    // Totals (c1 + c2) by reviewers r1..r5:
    //   A: 70 80 75 90 60 → mean 75, median 75, trimmed (70 + 75 + 80) / 3 = 75
    //   B: 80 85 70 95 75 → mean 81, median 80, trimmed (75 + 80 + 85) / 3 = 80
    //   C: 75 × 5        → 75
    // Ranks by trimmed mean: B 1, A and C tied at 2.
    let totals = [
        ("A", [70.0, 80.0, 75.0, 90.0, 60.0]),
        ("B", [80.0, 85.0, 70.0, 95.0, 75.0]),
        ("C", [75.0; 5]),
    ];
    let mut rows = Vec::new();
    for (a, ts) in &totals {
        for (r, &t) in ["r1", "r2", "r3", "r4", "r5"].iter().zip(ts) {
            let c2 = if t >= 80.0 { 40.0 } else { 30.0 };
            rows.push((*a, *r, "c1", t - c2));
            rows.push((*a, *r, "c2", c2));
        }
    }
    let v = json("ranks", &csv(&rows), TWO_ITEMS, &[]);
    let apps = v["applications"].as_array().unwrap();
    let by = |id: &str| {
        apps.iter()
            .find(|a| a["application"] == id)
            .unwrap()
            .clone()
    };
    let (a, b, c) = (by("A"), by("B"), by("C"));
    assert_eq!(
        (
            a["n_reviewers"].as_u64(),
            a["total_mean"].as_f64(),
            a["total_median"].as_f64()
        ),
        (Some(5), Some(75.0), Some(75.0))
    );
    assert_eq!(
        (
            b["total_mean"].as_f64(),
            b["total_median"].as_f64(),
            b["total_trimmed"].as_f64()
        ),
        (Some(81.0), Some(80.0), Some(80.0))
    );
    assert_eq!(
        (a["rank"].as_u64(), b["rank"].as_u64(), c["rank"].as_u64()),
        (Some(2), Some(1), Some(2))
    );
    assert_eq!(apps[0]["application"], "B", "listed in rank order");
    // d = −5/3, 10/3, −10/3, 10, −20/3 (medians 75, 80, 75); median −5/3, MAD 5: no |z| > 3.5.
    assert_eq!(v["outlier_reviewers"], Value::Array(vec![]));
    let r4 = v["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reviewer"] == "r4")
        .unwrap();
    close(&r4["d"], 10.0);
    close(&r4["z"], (10.0 + 5.0 / 3.0) / (1.4826 * 5.0));
}

#[test]
fn a_reviewer_far_from_the_panel_is_an_outlier() {
    // Every application b: r1..r4 give b − 2, b − 1, b + 1, b + 2 and r5 gives b + 30, so each
    // median is b + 1 and d = −3, −2, 0, 1, 29; median(d) = 0, MAD = 2; z(r5) = 29 / (1.4826 · 2).
    let mut rows = Vec::new();
    let ids: Vec<String> = (0..6).map(|i| format!("A{i}")).collect();
    for (i, a) in ids.iter().enumerate() {
        let b = 10.0 + 3.0 * i as f64;
        for (r, off) in [
            ("r1", -2.0),
            ("r2", -1.0),
            ("r3", 1.0),
            ("r4", 2.0),
            ("r5", 30.0),
        ] {
            rows.push((a.as_str(), r, "c1", b + off));
        }
    }
    let v = json("outlier", &csv(&rows), TWO_ITEMS, &[]);
    let out = v["outlier_reviewers"].as_array().unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["reviewer"], "r5");
    close(&out[0]["d"], 29.0);
    close(&out[0]["z"], 29.0 / (1.4826 * 2.0));
}

#[test]
fn incomplete_design_uses_the_one_way_model_and_nulls_the_rest() {
    // A: r1 4, r2 6; B: r1 8, r3 9, r2 10. N = 5 ratings, n = 2, k = 2.5; grand mean 7.4.
    // MSB = (2·(5 − 7.4)² + 3·(9 − 7.4)²) / 1 = 19.2; MSW = (1 + 1 + 1 + 0 + 1) / 3 = 4/3.
    // ICC(1) = (19.2 − 4/3) / (19.2 + 1.5 · 4/3) = 17.8667 / 21.2.
    let rows = [
        ("A", "r1", "c1", 4.0),
        ("A", "r2", "c1", 6.0),
        ("B", "r1", "c1", 8.0),
        ("B", "r3", "c1", 9.0),
        ("B", "r2", "c1", 10.0),
    ];
    let v = json("incomplete", &csv(&rows), ONE_ITEM, &[]);
    let a = &v["agreement"];
    assert_eq!(a["design"], "incomplete");
    close(&a["mean_ratings_per_application"], 2.5);
    close(&a["icc1"], (19.2 - 4.0 / 3.0) / (19.2 + 1.5 * 4.0 / 3.0));
    for key in [
        "icc2_1",
        "icc2_k",
        "icc3_1",
        "icc3_k",
        "kendall_w",
        "kendall_chi2",
        "kendall_p",
    ] {
        assert_eq!(a[key], Value::Null, "{key}");
    }
    assert!(a["note"].as_str().unwrap().contains("one-way model"));
}

#[test]
fn stage_selects_rows() {
    let scores = "application,reviewer,criterion,score,stage\nA,r1,c1,4,independent\nA,r2,c1,6,independent\n\
                  A,lead,c1,5,consensus\nB,lead,c1,7,consensus\n";
    let v = json("stage-default", scores, ONE_ITEM, &[]);
    assert_eq!(v["applications"].as_array().unwrap().len(), 1);
    close(&v["applications"][0]["total_mean"], 5.0);
    let v = json(
        "stage-consensus",
        scores,
        ONE_ITEM,
        &["--stage", "consensus"],
    );
    assert_eq!(v["applications"][0]["application"], "B");
    assert_eq!(v["applications"][0]["rank"], 1);
    let (code, _, err) = run("stage-none", scores, ONE_ITEM, &["--stage", "judges"]);
    assert_eq!(
        (code, err.contains("no rows for stage \"judges\"")),
        (2, true),
        "{err}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_row() {
    let cases = [
        (
            "A,r1,c1,10.5\n",
            "row 1 (line 2), column score: score 10.5 is above the maximum 10",
        ),
        (
            "A,r1,c1,3\nA,r2,c1,-0.5\n",
            "row 2 (line 3), column score: score -0.5 is below 0",
        ),
        (
            "A,r1,c7,3\n",
            "row 1 (line 2), column criterion: unknown criterion \"c7\"",
        ),
        (
            "A,r1,c1,3\nA,r1,c1,4\n",
            "row 2 (line 3): duplicate of row 1",
        ),
    ];
    for (i, (rows, want)) in cases.iter().enumerate() {
        let (code, out, err) = run(
            &format!("bad{i}"),
            &format!("application,reviewer,criterion,score\n{rows}"),
            ONE_ITEM,
            &[],
        );
        assert_eq!(code, 2, "{rows}");
        assert!(out.is_empty());
        assert!(err.contains(want), "{err:?} should contain {want:?}");
    }
    let (code, _, err) = run(
        "badrubric",
        "application,reviewer,criterion,score\n",
        "[[criterion]]\ncode = \"x\"\n",
        &[],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("criterion #1 (code \"x\"): field max is missing"),
        "{err}"
    );
}
