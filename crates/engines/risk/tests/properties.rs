//! Properties: a more severe or more probable scenario, or one more scenario, never lowers the
//! product's level; one more step never raises a scenario's level.
#![allow(clippy::unwrap_used)] // test code: a panic is a failure

use longzhi_risk::{Band, Level, Probability, Scenario, Severity, assess, level};
use proptest::prelude::*;

/// Probabilities spread over every band, including the exact thresholds.
fn probability() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        prop::sample::select(vec![0.5, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001]),
        (0u32..8, 1u32..1000).prop_map(|(e, m)| f64::from(m) / 1000.0 / 10f64.powi(e as i32)),
    ]
}

fn scenario() -> impl Strategy<Value = (u8, f64)> {
    (1u8..=4, probability())
}

fn build(s: &[(u8, f64)]) -> Vec<Scenario> {
    s.iter()
        .map(|&(sv, p)| {
            Scenario::new(
                Severity::new(sv).unwrap(),
                Probability::from_f64(p).unwrap(),
            )
        })
        .collect()
}

fn product_level(s: &[(u8, f64)]) -> Level {
    assess(&build(s)).unwrap().level
}

proptest! {
    #[test]
    fn product_level_is_the_max_of_matrix_cells(s in prop::collection::vec(scenario(), 1..6)) {
        let a = assess(&build(&s)).unwrap();
        for (got, &(sv, p)) in a.scenario_levels.iter().zip(&s) {
            let cell = level(Severity::new(sv).unwrap(), Band::of(&Probability::from_f64(p).unwrap()));
            prop_assert_eq!(*got, cell);
        }
        prop_assert_eq!(Some(a.level), a.scenario_levels.iter().copied().max());
        prop_assert_eq!(a.scenario_levels[a.deciding_scenario - 1], a.level);
    }

    #[test]
    fn more_severe_scenario_never_lowers_the_level(
        s in prop::collection::vec(scenario(), 1..6),
        pick in any::<prop::sample::Index>(),
        up in 0u8..4,
        extra in probability(),
    ) {
        let before = product_level(&s);
        let i = pick.index(s.len());
        let mut worse = s.clone();
        worse[i].0 = (worse[i].0 + up).min(4);
        worse[i].1 = worse[i].1.max(extra);
        prop_assert!(product_level(&worse) >= before);
    }

    #[test]
    fn another_scenario_never_lowers_the_level(
        s in prop::collection::vec(scenario(), 1..6),
        more in scenario(),
    ) {
        let mut with = s.clone();
        with.push(more);
        prop_assert!(product_level(&with) >= product_level(&s));
    }

    #[test]
    fn steps_never_raise_the_level(sv in 1u8..=4, steps in prop::collection::vec(probability(), 1..6)) {
        let mut b = Scenario::builder(Severity::new(sv).unwrap());
        for (i, p) in steps.iter().enumerate() {
            b = b.step(format!("step {i}"), Probability::from_f64(*p).unwrap());
        }
        let a = assess(&[b.build()]).unwrap();
        let r = &a.scenarios[0];
        let mut prev = r.initial_level.unwrap();
        for t in &r.steps {
            prop_assert_eq!(t.level_before, prev);
            prop_assert!(t.level <= prev);
            prop_assert_eq!(t.changed_level, t.level != prev);
            prev = t.level;
        }
        prop_assert_eq!(prev, r.level);
    }
}
