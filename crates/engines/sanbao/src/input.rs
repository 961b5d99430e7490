//! The JSON input of `longzhi engine sanbao` (spec §6), validated with errors that name the path.

use std::str::FromStr;

use chrono::NaiveDate;
use longzhi_explain::{InputError, from_json};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::case::{Case, Event, FaultKind, Kind, System};

fn error(path: impl Into<String>, message: impl Into<String>) -> InputError {
    InputError::new(path, message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseDoc {
    purchase_date: NaiveDate,
    #[serde(default)]
    delivery_date: Option<NaiveDate>,
    price_yuan: f64,
    evaluation_date: NaiveDate,
    odometer_km: f64,
    compensation_rate: f64,
    events: Vec<EventDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDoc {
    date: NaiveDate,
    odometer_km: f64,
    kind: Kind,
    system: System,
    #[serde(default)]
    part: Option<String>,
    fault_id: String,
    #[serde(default)]
    serious_safety: bool,
    #[serde(default)]
    fault_kind: Option<FaultKind>,
    repair_days: f64,
    #[serde(default)]
    consumer_fault: bool,
}

/// Upper bounds that keep the arithmetic exact and catch unit mistakes.
const MAX_PRICE_YUAN: f64 = 1e10;
const MAX_KM: f64 = 1e7;
const MAX_REPAIR_DAYS: f64 = 3650.0;

/// Parses and validates one case.
pub fn parse(json: &str) -> Result<Case, InputError> {
    let doc: CaseDoc = from_json(json)?;

    let case = Case {
        purchase_date: doc.purchase_date,
        delivery_date: doc.delivery_date,
        price_yuan: decimal(
            "price_yuan",
            doc.price_yuan,
            f64::MIN_POSITIVE,
            MAX_PRICE_YUAN,
        )?,
        evaluation_date: doc.evaluation_date,
        odometer_km: decimal("odometer_km", doc.odometer_km, 0.0, MAX_KM)?,
        compensation_rate: decimal("compensation_rate", doc.compensation_rate, 0.0, 1.0)?,
        events: doc
            .events
            .into_iter()
            .enumerate()
            .map(|(i, e)| event(i, e))
            .collect::<Result<_, _>>()?,
    };
    check_dates_and_odometers(&case)?;
    Ok(case)
}

fn event(i: usize, e: EventDoc) -> Result<Event, InputError> {
    let path = |field: &str| format!("events[{i}].{field}");
    let part = match e.part.map(|p| p.trim().to_owned()) {
        Some(p) if p.is_empty() => {
            return Err(error(path("part"), "empty; use null for no main part"));
        }
        other => other,
    };
    let fault_id = e.fault_id.trim().to_owned();
    if fault_id.is_empty() {
        return Err(error(path("fault_id"), "must not be empty"));
    }
    Ok(Event {
        date: e.date,
        odometer_km: decimal(&path("odometer_km"), e.odometer_km, 0.0, MAX_KM)?,
        kind: e.kind,
        system: e.system,
        part,
        fault_id,
        serious_safety: e.serious_safety,
        fault_kind: e.fault_kind,
        repair_days: decimal(&path("repair_days"), e.repair_days, 0.0, MAX_REPAIR_DAYS)?,
        consumer_fault: e.consumer_fault,
    })
}

/// The decimal a JSON number is written as (its shortest round-trip form), within [min, max].
fn decimal(path: &str, x: f64, min: f64, max: f64) -> Result<Decimal, InputError> {
    if !(min..=max).contains(&x) {
        let lower = if min > 0.0 {
            "> 0".to_owned()
        } else {
            format!("≥ {min}")
        };
        return Err(error(path, format!("must be {lower} and ≤ {max}, got {x}")));
    }
    Decimal::from_str(&x.abs().to_string())
        .map_err(|e| error(path, format!("cannot be used exactly ({x}): {e}")))
}

/// The evaluation is not before the start; odometers never go back, and no counted visit shows
/// more kilometres than the case's odometer at the evaluation date.
fn check_dates_and_odometers(case: &Case) -> Result<(), InputError> {
    let start = case.start_date();
    if case.evaluation_date < start {
        let field = if case.delivery_date.is_some() {
            "delivery_date"
        } else {
            "purchase_date"
        };
        return Err(error(
            "evaluation_date",
            format!(
                "{} is before the start date {start} ({field})",
                case.evaluation_date
            ),
        ));
    }
    let mut order: Vec<usize> = (0..case.events.len()).collect();
    order.sort_by_key(|&i| case.events[i].date);
    for pair in order.windows(2) {
        let (a, b) = (&case.events[pair[0]], &case.events[pair[1]]);
        if b.odometer_km < a.odometer_km {
            return Err(error(
                format!("events[{}].odometer_km", pair[1]),
                format!(
                    "{} km on {} is below the {} km of events[{}] on {}: odometers do not go back",
                    b.odometer_km, b.date, a.odometer_km, pair[0], a.date
                ),
            ));
        }
    }
    for (i, e) in case.events.iter().enumerate() {
        if e.date <= case.evaluation_date && e.odometer_km > case.odometer_km {
            return Err(error(
                format!("events[{i}].odometer_km"),
                format!(
                    "{} km on {} exceeds the case odometer_km {} at the evaluation date {}",
                    e.odometer_km, e.date, case.odometer_km, case.evaluation_date
                ),
            ));
        }
    }
    Ok(())
}
