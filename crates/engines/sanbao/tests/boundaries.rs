//! Table-driven: every boundary of the issue and spec §6, each case worked by hand from the
//! article it cites. Start date 2023-03-01: day 7 = 2023-03-08, day 60 = 2023-04-30,
//! 2 years end 2025-03-01 (day 731), 3 years end 2026-03-01 (day 1096).
#![allow(clippy::unwrap_used)] // test code

mod common;

use common::{case, decide, ev, set};
use longzhi_sanbao::Remedy::{
    self, FreeAssemblyReplacement as Assembly, None as Nothing, RefundOrReplace as Refund, Repair,
};
use serde_json::Value;

struct Row {
    name: &'static str,
    case: Value,
    remedy: Remedy,
    articles: &'static [&'static str],
    conditions_met: &'static [&'static str],
}

fn row(
    name: &'static str,
    case: Value,
    remedy: Remedy,
    articles: &'static [&'static str],
    conditions_met: &'static [&'static str],
) -> Row {
    Row {
        name,
        case,
        remedy,
        articles,
        conditions_met,
    }
}

fn part(v: Value, p: &str) -> Value {
    set(v, "part", p)
}

/// `n` visits on `system` from day 100 every 10 days, 100 km apart from 5,000 km, each `days` long.
fn visits(n: u64, system: &str, days: f64) -> Vec<Value> {
    (0..n)
        .map(|i| {
            set(
                ev(100 + 10 * i, 5000 + 100 * i as u32, "repair", system),
                "repair_days",
                days,
            )
        })
        .collect()
}

fn check(rows: Vec<Row>) {
    for r in rows {
        let d = decide(&r.case);
        assert_eq!(d.remedy, r.remedy, "{}: remedy", r.name);
        assert_eq!(d.articles, r.articles, "{}: articles", r.name);
        assert_eq!(
            d.conditions_met, r.conditions_met,
            "{}: conditions met",
            r.name
        );
        // Every reason carries both languages and a source.
        assert!(
            d.reasons
                .iter()
                .all(|x| !x.zh.is_empty() && !x.en.is_empty() && !x.source.en.is_empty())
        );
    }
}

#[test]
fn art22_day_7_in_day_8_out() {
    check(vec![
        // Art 22: assembly replaced on day 7 → refund or replacement, free.
        row(
            "engine assembly day 7",
            case(30, 900, vec![ev(7, 300, "replace_assembly", "engine")]),
            Refund,
            &["22"],
            &["19", "22"],
        ),
        // Day 8 is out; no main part named, so Art 20 does not apply either: repair (Art 19).
        row(
            "engine assembly day 8",
            case(30, 900, vec![ev(8, 300, "replace_assembly", "engine")]),
            Repair,
            &["19"],
            &["19"],
        ),
        // A main part of the gearbox replaced on day 7: Art 22; Art 20 holds too (day 7 ≤ 60, 300 km).
        row(
            "gearbox main part day 7",
            case(
                30,
                900,
                vec![part(ev(7, 300, "replace_part", "gearbox"), "valve body")],
            ),
            Refund,
            &["22"],
            &["19", "20", "22"],
        ),
        // replace_part without a main part is not an Art 22 replacement.
        row(
            "gearbox part unnamed day 7",
            case(30, 900, vec![ev(7, 300, "replace_part", "gearbox")]),
            Repair,
            &["19"],
            &["19"],
        ),
        // A repair (not a replacement) of an engine main part: Art 20 only.
        row(
            "engine main part repaired day 7",
            case(
                30,
                900,
                vec![part(ev(7, 300, "repair", "engine"), "crankshaft")],
            ),
            Assembly,
            &["20"],
            &["19", "20"],
        ),
        // Steering is not one of the four assemblies.
        row(
            "steering assembly day 7",
            case(30, 900, vec![ev(7, 300, "replace_assembly", "steering")]),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "traction battery day 0",
            case(
                30,
                900,
                vec![ev(0, 10, "replace_assembly", "traction_battery")],
            ),
            Refund,
            &["22"],
            &["19", "22"],
        ),
    ]);
}

#[test]
fn art20_and_art23_day_60_and_3000_km() {
    let brake = |day, km| {
        set(
            ev(day, km, "repair", "brake"),
            "fault_kind",
            "brake_failure",
        )
    };
    check(vec![
        row(
            "engine main part day 60 at 3000 km",
            case(
                90,
                4000,
                vec![part(ev(60, 3000, "repair", "engine"), "piston")],
            ),
            Assembly,
            &["20"],
            &["19", "20"],
        ),
        row(
            "engine main part day 61",
            case(
                90,
                4000,
                vec![part(ev(61, 2000, "repair", "engine"), "piston")],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "engine main part 3001 km",
            case(
                90,
                4000,
                vec![part(ev(30, 3001, "repair", "engine"), "piston")],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "drive motor main part day 60",
            case(
                90,
                4000,
                vec![part(ev(60, 3000, "replace_part", "drive_motor"), "rotor")],
            ),
            Assembly,
            &["20"],
            &["19", "20"],
        ),
        row(
            "engine, no main part",
            case(90, 4000, vec![ev(10, 500, "repair", "engine")]),
            Repair,
            &["19"],
            &["19"],
        ),
        // Art 23: brake failure on day 60 at 3,000 km → refund or replacement, free.
        row(
            "brake failure day 60 at 3000 km",
            case(90, 4000, vec![brake(60, 3000)]),
            Refund,
            &["23"],
            &["19", "23"],
        ),
        row(
            "brake failure day 61",
            case(90, 4000, vec![brake(61, 2000)]),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "brake failure 3001 km",
            case(90, 4000, vec![brake(30, 3001)]),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "battery fire day 1",
            case(
                90,
                4000,
                vec![set(
                    ev(1, 50, "repair", "traction_battery"),
                    "fault_kind",
                    "battery_fire",
                )],
            ),
            Refund,
            &["23"],
            &["19", "23"],
        ),
        row(
            "other fault kind",
            case(
                90,
                4000,
                vec![set(ev(1, 50, "repair", "brake"), "fault_kind", "other")],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
    ]);
}

#[test]
fn sanbao_period_2_years_50000_km() {
    // 31 repair days in the first year: Art 24(4) holds; the request must come in the sanbao period.
    let history = || visits(3, "body", 10.5); // ceil(10.5) × 3 = 33 > 30
    check(vec![
        row(
            "evaluated on the last day",
            case(731, 20000, history()),
            Refund,
            &["24(4)"],
            &["19", "24(4)"],
        ),
        row(
            "evaluated the day after",
            case(732, 20000, history()),
            Repair,
            &["19"],
            &["19", "24(4)"],
        ),
        row(
            "evaluated at 50000 km",
            case(400, 50000, history()),
            Refund,
            &["24(4)"],
            &["19", "24(4)"],
        ),
        row(
            "evaluated at 50001 km",
            case(400, 50001, history()),
            Repair,
            &["19"],
            &["19", "24(4)"],
        ),
    ]);
    // A visit past 50,000 km is not counted for Art 24: 10 + 10 + 11 > 30 only with the third.
    let mut v = visits(2, "body", 10.0);
    v.push(set(ev(300, 50001, "repair", "body"), "repair_days", 11));
    check(vec![row(
        "third visit at 50001 km",
        case(400, 55000, v),
        Repair,
        &["19"],
        &["19"],
    )]);
    let mut v = visits(2, "body", 10.0);
    v.push(set(ev(300, 50000, "repair", "body"), "repair_days", 11));
    check(vec![row(
        "third visit at 50000 km",
        case(400, 50000, v),
        Refund,
        &["24(4)"],
        &["19", "24(4)"],
    )]);
}

#[test]
fn warranty_period_3_years_60000_km() {
    let one = |km| vec![ev(1000, km, "repair", "suspension")];
    check(vec![
        row(
            "last day of the warranty",
            case(1096, 59000, one(55000)),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "day after the warranty",
            case(1097, 59000, one(55000)),
            Nothing,
            &[],
            &["19"],
        ),
        row(
            "at 60000 km",
            case(1096, 60000, one(55000)),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "at 60001 km",
            case(1096, 60001, one(55000)),
            Nothing,
            &[],
            &["19"],
        ),
        // The visit itself past 60,000 km is outside the warranty.
        row(
            "visit at 60001 km",
            case(1000, 60001, one(60001)),
            Nothing,
            &[],
            &[],
        ),
        row("no events", case(100, 1000, vec![]), Nothing, &[], &[]),
    ]);
    for (eval, km, sanbao, warranty) in [
        (731, 50000, true, true),
        (732, 100, false, true),
        (1096, 60000, false, true),
        (1097, 100, false, false),
    ] {
        let d = decide(&case(eval, km, vec![]));
        assert_eq!(
            (d.in_sanbao_period, d.in_warranty_period),
            (sanbao, warranty),
            "day {eval}, {km} km"
        );
    }
}

#[test]
fn art24_4_30_and_31_days_4_and_5_repairs() {
    let same = |n| visits(n, "suspension", 1.0);
    check(vec![
        row(
            "30 days",
            case(500, 20000, visits(3, "body", 10.0)),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "31 days",
            case(
                500,
                20000,
                [visits(2, "body", 10.0), visits(1, "other", 11.0)].concat(),
            ),
            Refund,
            &["24(4)"],
            &["19", "24(4)"],
        ),
        // Fractions round up per repair: 10 + 10 + ceil(10.01) = 31.
        row(
            "30.01 days",
            case(
                500,
                20000,
                [visits(2, "body", 10.0), visits(1, "other", 10.01)].concat(),
            ),
            Refund,
            &["24(4)"],
            &["19", "24(4)"],
        ),
        row(
            "same problem 4 times",
            case(500, 20000, same(4)),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "same problem 5 times",
            case(500, 20000, same(5)),
            Refund,
            &["24(4)"],
            &["19", "24(4)"],
        ),
    ]);
    // Five repairs of five different problems are not "the same problem".
    let distinct: Vec<Value> = same(5)
        .into_iter()
        .enumerate()
        .map(|(i, v)| set(v, "fault_id", format!("f{i}")))
        .collect();
    check(vec![row(
        "5 different problems",
        case(500, 20000, distinct),
        Repair,
        &["19"],
        &["19"],
    )]);
}

#[test]
fn art24_1_serious_safety() {
    let serious = |n| {
        visits(n, "brake", 1.0)
            .into_iter()
            .enumerate()
            .map(|(i, v)| set(set(v, "serious_safety", true), "fault_id", format!("s{i}")))
            .collect::<Vec<_>>()
    };
    check(vec![
        row(
            "2 serious repairs",
            case(500, 20000, serious(2)),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "3rd serious fault",
            case(500, 20000, serious(3)),
            Refund,
            &["24(1)"],
            &["19", "24(1)"],
        ),
    ]);
}

#[test]
fn art24_2_and_3_two_replacements_then_again() {
    let at = |day, kind, system, p: Option<&str>| {
        let v = ev(day, 5000 + day as u32, kind, system);
        match p {
            Some(p) => part(v, p),
            None => v,
        }
    };
    let ra = |day| at(day, "replace_assembly", "engine", None);
    let rp = |day, p| at(day, "replace_part", "brake", Some(p));
    check(vec![
        row(
            "engine replaced twice, no later visit",
            case(500, 20000, vec![ra(100), ra(110)]),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "engine replaced twice, then repaired",
            case(
                500,
                20000,
                vec![ra(100), ra(110), at(120, "repair", "engine", None)],
            ),
            Refund,
            &["24(2)"],
            &["19", "24(2)"],
        ),
        row(
            "engine replaced twice, then gearbox",
            case(
                500,
                20000,
                vec![ra(100), ra(110), at(120, "repair", "gearbox", None)],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "engine replaced three times",
            case(500, 20000, vec![ra(100), ra(110), ra(120)]),
            Refund,
            &["24(2)"],
            &["19", "24(2)"],
        ),
        row(
            "caliper replaced twice, then again",
            case(
                500,
                20000,
                vec![
                    rp(100, "caliper"),
                    rp(110, "caliper"),
                    at(120, "repair", "brake", Some("caliper")),
                ],
            ),
            Refund,
            &["24(3)"],
            &["19", "24(3)"],
        ),
        row(
            "caliper twice, then disc",
            case(
                500,
                20000,
                vec![
                    rp(100, "caliper"),
                    rp(110, "caliper"),
                    at(120, "repair", "brake", Some("disc")),
                ],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "caliper once, then again twice",
            case(
                500,
                20000,
                vec![
                    rp(100, "caliper"),
                    at(110, "repair", "brake", Some("caliper")),
                    at(120, "repair", "brake", Some("caliper")),
                ],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        // Art 24 para 2: assembly and main-part replacements are counted separately.
        row(
            "assembly + main part of the engine",
            case(
                500,
                20000,
                vec![
                    ra(100),
                    at(110, "replace_part", "engine", Some("crankshaft")),
                    at(120, "repair", "engine", Some("crankshaft")),
                ],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        // `other` is not a system of Art 24(3).
        row(
            "other part replaced twice",
            case(
                500,
                20000,
                vec![
                    at(100, "replace_part", "other", Some("mirror")),
                    at(110, "replace_part", "other", Some("mirror")),
                    at(120, "repair", "other", Some("mirror")),
                ],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
    ]);
}

/// Spec §6.6: date order, input order breaking ties.
#[test]
fn same_day_events_keep_input_order() {
    let v = |kind| ev(100, 5000, kind, "engine");
    check(vec![
        row(
            "repair listed first",
            case(
                500,
                20000,
                vec![v("repair"), v("replace_assembly"), v("replace_assembly")],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "repair listed last",
            case(
                500,
                20000,
                vec![v("replace_assembly"), v("replace_assembly"), v("repair")],
            ),
            Refund,
            &["24(2)"],
            &["19", "24(2)"],
        ),
    ]);
}

#[test]
fn consumer_fault_is_ignored_everywhere() {
    let fault = |v| set(v, "consumer_fault", true);
    check(vec![
        row(
            "assembly day 3, consumer fault",
            case(
                30,
                900,
                vec![fault(ev(3, 100, "replace_assembly", "engine"))],
            ),
            Nothing,
            &["32"],
            &[],
        ),
        row(
            "consumer fault and a quality problem",
            case(
                30,
                900,
                vec![
                    fault(ev(3, 100, "repair", "body")),
                    ev(10, 300, "repair", "body"),
                ],
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        row(
            "31 days only with the consumer's",
            case(
                500,
                20000,
                [
                    visits(3, "body", 10.0),
                    vec![fault(set(
                        ev(200, 9000, "repair", "body"),
                        "repair_days",
                        1,
                    ))],
                ]
                .concat(),
            ),
            Repair,
            &["19"],
            &["19"],
        ),
        // After the warranty a consumer-fault event gives no Art 32 article: nothing is owed anyway.
        row(
            "consumer fault, warranty ended",
            case(1200, 30000, vec![fault(ev(100, 5000, "repair", "body"))]),
            Nothing,
            &[],
            &[],
        ),
    ]);
}

#[test]
fn start_date_delivery_and_29_february() {
    // Delivered 9 days after the invoice: day 7 counts from delivery (2023-03-10 + 7 = 2023-03-17).
    let c = |date: &str| {
        serde_json::json!({"purchase_date": "2023-03-01", "delivery_date": "2023-03-10", "price_yuan": 100000,
            "evaluation_date": "2023-04-01", "odometer_km": 900, "compensation_rate": 0.005,
            "events": [{"date": date, "odometer_km": 300, "kind": "replace_assembly", "system": "gearbox", "fault_id": "g", "repair_days": 2}]})
    };
    assert_eq!(decide(&c("2023-03-17")).articles, ["22"]);
    assert_eq!(decide(&c("2023-03-18")).articles, ["19"]);
    // An event before the delivery date is not counted.
    assert_eq!(decide(&c("2023-03-09")).remedy, Nothing);

    // Civil Code Art 202: from 2024-02-29 two years end on 2026-02-28.
    let leap = |eval: &str| {
        serde_json::json!({"purchase_date": "2024-02-29", "price_yuan": 100000, "evaluation_date": eval,
            "odometer_km": 1000, "compensation_rate": 0.005, "events": []})
    };
    assert!(decide(&leap("2026-02-28")).in_sanbao_period);
    assert!(!decide(&leap("2026-03-01")).in_sanbao_period);
    assert_eq!(
        decide(&leap("2026-03-01")).periods.sanbao.end.to_string(),
        "2026-02-28"
    );
}

#[test]
fn events_after_the_evaluation_date_are_not_considered() {
    let d = decide(&case(
        30,
        900,
        vec![ev(40, 950, "replace_assembly", "engine")],
    ));
    assert_eq!(d.remedy, Nothing);
    assert!(d.reasons.iter().any(|r| r.code == "event.outside_dates"));
}
