//! Whole decisions worked by hand: usage compensation (Art 27), the reasons' texts and numbers,
//! and bad input.
#![allow(clippy::unwrap_used)] // test code

mod common;

use common::{case, decide, ev, reject, set};
use longzhi_sanbao::Remedy;
use rust_decimal::Decimal;
use serde_json::json;

fn yuan(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// Same problem repaired five times (Art 24(4)) on days 100…140, evaluated at `km`.
fn five_repairs(km: u32) -> serde_json::Value {
    let events = (0..5)
        .map(|i| ev(100 + 10 * i, 5000 + 100 * i as u32, "repair", "suspension"))
        .collect();
    case(300, km, events)
}

#[test]
fn usage_compensation_art27() {
    // 100,000 yuan × 12,000 km / 1000 × 0.005 = 6,000.00 yuan.
    let d = decide(&five_repairs(12000));
    assert_eq!(d.remedy, Remedy::RefundOrReplace);
    assert_eq!(d.usage_compensation_yuan, yuan("6000.00"));
    let r = d
        .reasons
        .iter()
        .find(|r| r.code == "art27.usage_compensation")
        .unwrap();
    assert_eq!(
        r.en,
        "usage compensation = 100000 yuan × 12000 km / 1000 × 0.005 = 6000.00 yuan"
    );

    // Half-up to 0.01 in decimal: 123,400.5 × 2,000 / 1000 × 0.005 = 1,234.005 → 1,234.01
    // (half-even, or doubles, give 1,234.00).
    let mut c = five_repairs(6000);
    c["price_yuan"] = json!(123400.5);
    c["odometer_km"] = json!(2000);
    for e in c["events"].as_array_mut().unwrap() {
        e["odometer_km"] = json!(1000);
    }
    assert_eq!(decide(&c).usage_compensation_yuan, yuan("1234.01"));

    // n above the 0.5 % cap is capped: 100,000 × 12,000 / 1000 × 0.005, not × 0.008.
    let mut c = five_repairs(12000);
    c["compensation_rate"] = json!(0.008);
    let d = decide(&c);
    assert_eq!(d.usage_compensation_yuan, yuan("6000.00"));
    assert!(
        d.reasons
            .iter()
            .any(|r| r.code == "art27.rate_cap" && r.met)
    );
    // A lower n is the maker's: 0.003 → 3,600.00.
    c["compensation_rate"] = json!(0.003);
    assert_eq!(decide(&c).usage_compensation_yuan, yuan("3600.00"));

    // Art 22 or 23 among the grounds: free, even with Art 24 grounds as well.
    let mut c = five_repairs(12000);
    c["events"]
        .as_array_mut()
        .unwrap()
        .insert(0, ev(5, 100, "replace_assembly", "gearbox"));
    let d = decide(&c);
    assert_eq!(d.articles, ["22", "24(4)"]);
    assert_eq!(d.usage_compensation_yuan, yuan("0"));

    // Other remedies: null.
    assert_eq!(
        decide(&case(30, 900, vec![ev(10, 300, "repair", "body")])).usage_compensation_yuan,
        None
    );
    let out = serde_json::to_value(decide(&case(30, 900, vec![]))).unwrap();
    assert_eq!(out["usage_compensation_yuan"], serde_json::Value::Null);
}

#[test]
fn reasons_state_the_numbers() {
    // 10 + 10 + ceil(10.5) = 31 repair days.
    let events = (0..3)
        .map(|i| {
            set(
                ev(100 + 10 * i, 5000, "repair", "body"),
                "repair_days",
                [10.0, 10.0, 10.5][i as usize],
            )
        })
        .collect();
    let d = decide(&case(300, 9000, events));
    let days = d
        .reasons
        .iter()
        .find(|r| r.code == "art24_4.cumulative_days")
        .unwrap();
    assert!(days.met);
    assert_eq!(
        days.en,
        "cumulative repair days in the sanbao period 31 > 30 (each repair rounded up to whole days)"
    );
    assert_eq!(
        days.zh,
        "三包有效期内累计修理时间 31 日 > 30 日（每次修理不足 1 日按 1 日计）"
    );
    assert_eq!(days.values["cumulative_repair_days"], 31);
    assert_eq!(days.values["limit_days"], 30);
    let same = d
        .reasons
        .iter()
        .find(|r| r.code == "art24_4.same_problem")
        .unwrap();
    assert!(!same.met);
    assert_eq!(
        same.en,
        "the same problem \"f\" repaired 3 times ≤ 4 (events[0], events[1], events[2])"
    );

    // A rule checked and not met names the closest candidate and its numbers.
    let d = decide(&case(
        90,
        4000,
        vec![set(ev(61, 2000, "repair", "engine"), "part", "piston")],
    ));
    let r = d
        .reasons
        .iter()
        .find(|r| r.code == "art20.main_part_within_60_days")
        .unwrap();
    assert!(!r.met);
    assert_eq!(
        r.en,
        "events[0] (2023-05-01, day 61, 2000 km): repair of the engine (main part piston), but not within 60 days and 3,000 km (day 61 > 60, 2000 km ≤ 3000)"
    );
    let sanbao = d
        .reasons
        .iter()
        .find(|r| r.code == "art18.sanbao_period")
        .unwrap();
    assert_eq!(
        sanbao.en,
        "sanbao period (2 years or 50000 km, whichever first) ends 2025-03-01: evaluation date 2023-05-30 ≤ 2025-03-01, odometer 4000 km ≤ 50000: inside"
    );
    // Met conditions that the sanbao expiry makes moot are stated as such.
    let d = decide(&five_repairs(50001));
    let r = d
        .reasons
        .iter()
        .find(|r| r.code == "remedy.refund_or_replace")
        .unwrap();
    assert!(!r.met);
    assert!(
        r.en.contains("Art 24(4) are met, but the sanbao period has ended"),
        "{}",
        r.en
    );
}

/// Spec §6 field names in, contract keys out.
#[test]
fn contract_keys() {
    let out = serde_json::to_value(decide(&five_repairs(12000))).unwrap();
    for key in [
        "remedy",
        "articles",
        "usage_compensation_yuan",
        "in_sanbao_period",
        "in_warranty_period",
        "reasons",
    ] {
        assert!(out.get(key).is_some(), "{key}");
    }
    assert_eq!(out["remedy"], "refund_or_replace");
    assert_eq!(out["usage_compensation_yuan"], 6000.0);
    for (remedy, c) in [
        (
            "free_assembly_replacement",
            case(
                30,
                900,
                vec![set(ev(7, 300, "repair", "engine"), "part", "piston")],
            ),
        ),
        ("repair", case(30, 900, vec![ev(7, 300, "repair", "body")])),
        ("none", case(30, 900, vec![])),
    ] {
        assert_eq!(serde_json::to_value(decide(&c)).unwrap()["remedy"], remedy);
    }
}

#[test]
fn bad_input_names_the_field() {
    let good = || five_repairs(12000);
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (set(good(), "price_yuan", 0), "price_yuan: must be > 0"),
        (
            set(good(), "price_yuan", "100000"),
            "price_yuan: invalid type: string",
        ),
        (set(good(), "odometer_km", -1), "odometer_km: must be ≥ 0"),
        (
            set(good(), "compensation_rate", 2),
            "compensation_rate: must be ≥ 0 and ≤ 1",
        ),
        (
            set(good(), "purchase_date", "2023-02-30"),
            "purchase_date: input is out of range",
        ),
        (
            set(good(), "evaluation_date", "2023-02-01"),
            "evaluation_date: 2023-02-01 is before the start date 2023-03-01 (purchase_date)",
        ),
        (
            set(good(), "colour", "red"),
            "colour: unknown field `colour`",
        ),
        (
            {
                let mut c = good();
                c.as_object_mut().unwrap().remove("events");
                c
            },
            "input: missing field `events`",
        ),
        (
            {
                let mut c = good();
                c["events"][2]["kind"] = json!("swap");
                c
            },
            "events[2].kind: unknown variant `swap`",
        ),
        (
            {
                let mut c = good();
                c["events"][1]["system"] = json!("wheels");
                c
            },
            "events[1].system: unknown variant `wheels`",
        ),
        (
            {
                let mut c = good();
                c["events"][0]["fault_kind"] = json!("smoke");
                c
            },
            "events[0].fault_kind: unknown variant `smoke`",
        ),
        (
            {
                let mut c = good();
                c["events"][3]["repair_days"] = json!(-0.5);
                c
            },
            "events[3].repair_days: must be ≥ 0",
        ),
        (
            {
                let mut c = good();
                c["events"][4]["part"] = json!(" ");
                c
            },
            "events[4].part: empty; use null",
        ),
        (
            {
                let mut c = good();
                c["events"][4]["fault_id"] = json!("");
                c
            },
            "events[4].fault_id: must not be empty",
        ),
        (
            {
                let mut c = good();
                c["events"][0]["mileage"] = json!(1);
                c
            },
            "events[0].mileage: unknown field `mileage`",
        ),
        (
            {
                let mut c = good();
                c["events"][0].as_object_mut().unwrap().remove("date");
                c
            },
            "events[0]: missing field `date`",
        ),
        (
            {
                let mut c = good();
                c["events"][3]["odometer_km"] = json!(4000);
                c
            },
            "events[3].odometer_km: 4000 km on 2023-07-09 is below the 5200 km of events[2] on 2023-06-29",
        ),
        (
            {
                let mut c = good();
                c["events"][4]["odometer_km"] = json!(13000);
                c
            },
            "events[4].odometer_km: 13000 km on 2023-07-19 exceeds the case odometer_km 12000",
        ),
    ];
    for (c, want) in cases {
        let err = reject(&c.to_string());
        assert!(err.starts_with(want), "gave {err}\n want {want}…");
    }
    assert!(reject("{} {}").starts_with("input: missing field"));
    assert!(reject(&format!("{} x", good())).starts_with("input: trailing characters"));
}
