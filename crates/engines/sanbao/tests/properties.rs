//! Properties of the remedy under more repair history.
//!
//! What holds (for a fixed evaluation date and odometer): adding a valid repair event never
//! lowers the remedy in the order none < repair < free_assembly_replacement < refund_or_replace,
//! never removes a met condition, removes an article from `articles` only when the remedy rises,
//! and never raises the usage compensation of a refund or replacement.
//!
//! What does not hold, found here and documented in docs/engines/sanbao.md: "adding an event
//! never removes a remedy the consumer had" read literally. (1) A free Art 20 assembly
//! replacement is superseded by refund_or_replace when the new event meets only Art 24, which
//! carries an Art 27 deduction: the output no longer offers the free remedy. (2) When the new
//! visit moves the evaluation point (later date or more kilometres), the periods can end and
//! the remedy fall: the request must come within the period.
#![allow(clippy::unwrap_used)] // test code

mod common;

use common::{START, case, day_of, decide, decide_unlisted, ev, set};
use longzhi_sanbao::Remedy;
use proptest::prelude::*;
use serde_json::{Value, json};

/// A visit on `day` at `rate` km a day, so odometers never go back.
fn event(rate: u32) -> impl Strategy<Value = Value> {
    (
        0u64..900,
        prop::sample::select(vec!["repair", "replace_part", "replace_assembly"]),
        prop::sample::select(vec!["engine", "gearbox", "traction_battery", "steering", "brake", "body", "other"]),
        prop::option::weighted(0.6, prop::sample::select(vec!["p1", "p2"])),
        prop::sample::select(vec!["A", "B", "C"]),
        prop::bool::weighted(0.2),
        prop::sample::select(vec![None, Some("brake_failure"), Some("fuel_leak"), Some("other")]),
        prop::sample::select(vec![0.0, 0.5, 1.0, 3.0, 7.5, 12.0]),
        prop::bool::weighted(0.15),
    )
        .prop_map(move |(day, kind, system, part, fault, serious, fault_kind, days, consumer)| {
            let km = u32::try_from(day).unwrap() * rate;
            json!({"date": day_of(START, day), "odometer_km": km, "kind": kind, "system": system,
                   "part": part, "fault_id": fault, "serious_safety": serious, "fault_kind": fault_kind,
                   "repair_days": days, "consumer_fault": consumer})
        })
}

/// A case evaluated on some day up to past the warranty, with a history and one more visit
/// (dated up to the evaluation date, so it is always valid input).
fn case_and_extra() -> impl Strategy<Value = (Value, Value)> {
    (prop::sample::select(vec![3u32, 8, 40, 80]), 0u64..1200).prop_flat_map(|(rate, eval)| {
        let km = u32::try_from(eval).unwrap() * rate;
        (
            prop::collection::vec(event(rate), 0..12)
                .prop_map(move |events| case(eval, km, events)),
            event(rate).prop_filter("on or before the evaluation", move |e| {
                e["date"].as_str().unwrap() <= day_of(START, eval).as_str()
            }),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn another_event_never_lowers_the_remedy((c, extra) in case_and_extra(), at in any::<prop::sample::Index>()) {
        let before = decide_unlisted(&c);
        let mut more = c.clone();
        let events = more["events"].as_array_mut().unwrap();
        let i = at.index(events.len() + 1);
        events.insert(i, extra);
        let after = decide_unlisted(&more);

        prop_assert!(after.remedy >= before.remedy, "{:?} → {:?}", before.remedy, after.remedy);
        for a in &before.conditions_met {
            prop_assert!(after.conditions_met.contains(a), "condition {a} lost");
        }
        if before.articles.iter().any(|a| !after.articles.contains(a)) {
            prop_assert!(after.remedy > before.remedy, "article lost without a stronger remedy");
        }
        if before.remedy == Remedy::RefundOrReplace {
            prop_assert!(after.usage_compensation_yuan <= before.usage_compensation_yuan);
        }
        prop_assert_eq!(
            (after.in_sanbao_period, after.in_warranty_period),
            (before.in_sanbao_period, before.in_warranty_period)
        );
    }

    /// Spec §6.13–6.15: the remedy, articles and compensation agree with each other.
    #[test]
    fn decision_is_consistent((c, _) in case_and_extra()) {
        let d = decide_unlisted(&c);
        match d.remedy {
            Remedy::RefundOrReplace => {
                prop_assert!(d.in_sanbao_period && !d.articles.is_empty());
                let free = d.articles.iter().any(|a| *a == "22" || *a == "23");
                let comp = d.usage_compensation_yuan.unwrap();
                prop_assert_eq!(comp.is_zero(), free || c["odometer_km"] == 0);
            }
            Remedy::FreeAssemblyReplacement => prop_assert_eq!(&d.articles, &["20"]),
            Remedy::Repair => prop_assert_eq!(&d.articles, &["19"]),
            Remedy::None => prop_assert!(d.articles.is_empty() || d.articles == ["32"]),
        }
        prop_assert_eq!(d.usage_compensation_yuan.is_some(), d.remedy == Remedy::RefundOrReplace);
        for a in &d.articles {
            prop_assert!(*a == "32" || d.conditions_met.contains(a));
        }
    }
}

/// The corner of the literal property: a free Art 20 replacement becomes a refund or
/// replacement with a usage deduction when a new visit meets only Art 24(4).
#[test]
fn free_assembly_replacement_superseded_by_art24_with_deduction() {
    // Day 20, 1,500 km: engine main part "piston" fails, 25 days in the workshop (Art 20).
    let piston = set(
        set(ev(20, 1500, "repair", "engine"), "part", "piston"),
        "repair_days",
        25,
    );
    let before = decide(&case(59, 2900, vec![piston.clone()]));
    assert_eq!(before.remedy, Remedy::FreeAssemblyReplacement);
    assert_eq!(before.usage_compensation_yuan, None);

    // Day 50: a body repair of 6 days makes 31 cumulative days > 30 (Art 24(4)).
    let body = set(ev(50, 2500, "repair", "body"), "repair_days", 6);
    let after = decide(&case(59, 2900, vec![piston, body]));
    assert_eq!(after.remedy, Remedy::RefundOrReplace);
    assert_eq!(after.articles, ["24(4)"]);
    // 100,000 × 2,900 / 1000 × 0.005 = 1,450.00 yuan: the free remedy now costs a deduction,
    // though Art 20 still holds and is listed among the conditions met.
    assert_eq!(
        after.usage_compensation_yuan,
        Some("1450.00".parse().unwrap())
    );
    assert!(after.conditions_met.contains(&"20"));
}

/// The other corner: the same history evaluated after the sanbao period ends loses the refund.
#[test]
fn time_passing_can_end_the_refund() {
    let history: Vec<Value> = (0..5)
        .map(|i| ev(100 + 10 * i, 5000, "repair", "suspension"))
        .collect();
    assert_eq!(
        decide(&case(731, 20000, history.clone())).remedy,
        Remedy::RefundOrReplace
    );
    assert_eq!(decide(&case(732, 20000, history)).remedy, Remedy::Repair);
}
