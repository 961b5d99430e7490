//! Published and hand-worked examples, with the matrix cells they use.
#![allow(clippy::unwrap_used)] // test code: a panic is a failure

use longzhi_risk::{Level, Probability, Scenario, Severity, assess, assess_json};

fn frac(n: u64, d: u64) -> Probability {
    Probability::fraction(n, d).unwrap()
}

fn sev(n: u8) -> Severity {
    Severity::new(n).unwrap()
}

/// 2010/15/EU (and 2019/417) folding-chair example, first scenario: the user unfolds the chair (1),
/// grips the seat at the back corner (1/50), the finger gets caught (1/10), minor pinching (1);
/// severity 1, overall probability 1/500 > 1/1 000 → low risk.
#[test]
fn folding_chair_pinched_finger() {
    let s = Scenario::builder(sev(1))
        .step("unfolding the chair", frac(1, 1))
        .step(
            "gripping the seat at the back corner while unfolding",
            frac(1, 50),
        )
        .step("finger gets caught", frac(1, 10))
        .step("minor pinching", frac(1, 1))
        .build();
    assert_eq!(s.probability(), &frac(1, 500));
    let a = assess(&[s]).unwrap();
    assert_eq!(a.level, Level::Low);
    let r = &a.scenarios[0];
    assert_eq!(r.band, "> 1/1 000");
    assert_eq!(r.probability_exact, "1/500");
    // Before any step the harm is certain: severity 1 at "> 50 %" is high.
    assert_eq!(r.initial_level, Some(Level::High));
    let trail: Vec<(&str, Level, bool)> = r
        .steps
        .iter()
        .map(|t| (t.cumulative_exact.as_str(), t.level, t.changed_level))
        .collect();
    assert_eq!(
        trail,
        [
            ("1", Level::High, false),
            ("1/50", Level::Medium, true), // 0.02 > 1/100: medium
            ("1/500", Level::Low, true),   // 0.002 > 1/1 000: low
            ("1/500", Level::Low, false),
        ]
    );
    let changes: Vec<_> = a
        .reasons
        .iter()
        .filter(|r| r.code == "risk.step.level_change")
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        changes[1].en,
        "scenario 1, step 3 (finger gets caught): probability 1/10 brings the cumulative probability to 1/500 (0.002) (> 1/1 000): medium → low"
    );
    let prob = a
        .reasons
        .iter()
        .find(|r| r.code == "risk.probability")
        .unwrap();
    assert_eq!(
        prob.en,
        "scenario 1: overall probability = 1 × 1/50 × 1/10 × 1 = 1/500 (0.002)"
    );
    // The band one up was checked and not met: 0.002 ≤ 1/100.
    let higher = a
        .reasons
        .iter()
        .find(|r| r.code == "risk.band.higher")
        .unwrap();
    assert!(!higher.met);
    assert_eq!(higher.values["threshold"], 0.01);
    assert_eq!(
        higher.zh,
        "情景 1：总概率 1/500 (0.002) ≤ 1/100，未达到“> 1/100”档"
    );
}

/// Hand-worked: a toy with three scenarios; the product takes the highest level, not a sum.
/// 1. adult, severity 2, 0.0005 > 1/10 000 → medium;
/// 2. child under 36 months, severity 4, 0.00005 > 1/100 000 → high;
/// 3. adult, severity 1, 0.9 > 50 % → high.
#[test]
fn product_level_is_the_highest_scenario() {
    let a = assess(&[
        Scenario::new(sev(2), Probability::from_f64(0.0005).unwrap()),
        Scenario::new(sev(4), Probability::from_f64(0.00005).unwrap()),
        Scenario::new(sev(1), Probability::from_f64(0.9).unwrap()),
    ])
    .unwrap();
    assert_eq!(a.scenario_levels, [Level::Medium, Level::High, Level::High]);
    assert_eq!(a.level, Level::High);
    assert_eq!(a.deciding_scenario, 2);
    let last = a.reasons.last().unwrap();
    assert_eq!(last.code, "risk.product_level");
    assert_eq!(last.values["level"], "high");
}

/// Steps 1/10 × 1/10 are exactly 1/100, on the threshold, hence in the lower band "> 1/1 000":
/// severity 2 → high. Multiplying doubles (0.010000000000000002) would give "> 1/100" → serious.
#[test]
fn exact_product_on_a_threshold_takes_the_lower_band() {
    let json =
        r#"{"scenarios":[{"severity":2,"steps":[{"probability":0.1},{"probability":0.1}]}]}"#;
    let a = assess_json(json).unwrap();
    assert_eq!(a.scenarios[0].band, "> 1/1 000");
    assert_eq!(a.level, Level::High);
    assert_eq!(a.scenarios[0].probability, 0.01);
}

#[test]
fn json_with_fraction_strings_and_context() {
    let json = r#"{"scenarios":[{"severity":1,"probability":"1/500","description":"folding chair",
        "consumer":"adult","steps":[{"probability":1,"description":"unfold"},{"probability":"1/50"},
        {"probability":"1/10"},{"probability":"1"}]}]}"#;
    let a = assess_json(json).unwrap();
    assert_eq!(a.level, Level::Low);
    assert_eq!(a.scenarios[0].description.as_deref(), Some("folding chair"));
    assert_eq!(
        a.scenarios[0].steps[0].description.as_deref(),
        Some("unfold")
    );
}

#[test]
fn bad_input_names_the_path() {
    let cases = [
        (r#"{"scenarios":[]}"#, "scenarios: at least one"),
        (
            r#"{"scenarios":[{"severity":5,"probability":0.1}]}"#,
            "scenarios[0].severity: must be 1, 2, 3 or 4, got 5",
        ),
        (
            r#"{"scenarios":[{"severity":1,"probability":0.1},{"severity":0,"probability":0.1}]}"#,
            "scenarios[1].severity",
        ),
        (
            r#"{"scenarios":[{"severity":"2","probability":0.1}]}"#,
            "scenarios[0].severity: invalid type",
        ),
        (
            r#"{"scenarios":[{"severity":2,"probability":1.5}]}"#,
            "scenarios[0].probability: must be a number in [0, 1]",
        ),
        (
            r#"{"scenarios":[{"severity":2,"probability":"3/2"}]}"#,
            "scenarios[0].probability",
        ),
        (
            r#"{"scenarios":[{"severity":2,"probability":null}]}"#,
            "scenarios[0]: give `probability`, `steps` or both",
        ),
        (r#"{"scenarios":[{"severity":2}]}"#, "scenarios[0]: give"),
        (
            r#"{"scenarios":[{"severity":2,"steps":[]}]}"#,
            "scenarios[0].steps: must not be empty",
        ),
        (
            r#"{"scenarios":[{"severity":2,"steps":[{"probability":-1}]}]}"#,
            "scenarios[0].steps[0].probability",
        ),
        (
            r#"{"scenarios":[{"severity":2,"steps":[{"p":0.5}]}]}"#,
            "scenarios[0].steps[0].p: unknown field `p`",
        ),
        (
            r#"{"scenarios":[{"severity":2,"probability":0.1,"colour":"red"}]}"#,
            "scenarios[0].colour: unknown field `colour`",
        ),
        (
            r#"{"scenarios":[{"severity":2,"probability":0.0025,"steps":[{"probability":0.05},{"probability":0.04}]}]}"#,
            "scenarios[0].probability: 1/400 (0.0025) is not the product of the steps, 1/500 (0.002)",
        ),
        (r#"{"scenario":[]}"#, "scenario: unknown field `scenario`"),
        (
            r#"{"scenarios":[{"severity":1,"probability":0.1}]} x"#,
            "input: trailing characters",
        ),
    ];
    for (json, want) in cases {
        let err = assess_json(json).unwrap_err().to_string();
        assert!(
            err.starts_with(want),
            "{json}\n  gave {err}\n  want {want}…"
        );
    }
}
