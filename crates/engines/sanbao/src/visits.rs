//! Which repair visits count, and for which periods (spec §6.6).

use longzhi_explain::Reason;
use rust_decimal::Decimal;

use crate::case::{Case, Event};
use crate::number::number;
use crate::periods::Periods;
use crate::sources::{ART32, COUNTING};

/// A visit that counts: dated from the start to the evaluation date, not the consumer's fault.
#[derive(Debug, Clone, Copy)]
pub struct Visit<'a> {
    /// Position in the input's `events`.
    pub index: usize,
    pub event: &'a Event,
    /// Days after the start date.
    pub day: i64,
    pub in_sanbao: bool,
    pub in_warranty: bool,
}

impl Visit<'_> {
    /// "events[2] (2023-03-08, day 3, 1200 km)", in zh and en.
    pub fn at(&self) -> (String, String) {
        let (i, e, d) = (self.index, self.event, self.day);
        let km = e.odometer_km.normalize();
        (
            format!("events[{i}]（{}，第 {d} 日，{km} 公里）", e.date),
            format!("events[{i}] ({}, day {d}, {km} km)", e.date),
        )
    }

    /// Within 60 days and 3,000 km of the start (Art 20, 23).
    pub fn early(&self) -> bool {
        self.day <= 60 && self.event.odometer_km <= Decimal::from(3_000)
    }
}

/// The counted visits in date order (input order breaking ties), and how many events inside the
/// warranty period were set aside as the consumer's fault.
pub struct Screened<'a> {
    pub visits: Vec<Visit<'a>>,
    pub consumer_fault_in_warranty: usize,
}

pub fn screen<'a>(case: &'a Case, periods: &Periods, reasons: &mut Vec<Reason>) -> Screened<'a> {
    let mut order: Vec<usize> = (0..case.events.len()).collect();
    order.sort_by_key(|&i| case.events[i].date);
    let mut visits = Vec::with_capacity(order.len());
    let mut consumer_fault_in_warranty = 0;
    for index in order {
        let event = &case.events[index];
        let day = periods.day(event.date);
        if event.date < periods.start || event.date > case.evaluation_date {
            reasons.push(
                Reason::new(
                    "event.outside_dates",
                    false,
                    COUNTING,
                    format!(
                        "events[{index}]（{}）不在起算日 {} 至评估日 {} 之间，不予计入",
                        event.date, periods.start, case.evaluation_date
                    ),
                    format!(
                        "events[{index}] ({}) is not between the start date {} and the evaluation date {}: not considered",
                        event.date, periods.start, case.evaluation_date
                    ),
                )
                .with("event", index)
                .with("date", event.date.to_string()),
            );
            continue;
        }
        let in_sanbao = periods.in_sanbao(event.date, event.odometer_km);
        let in_warranty = periods.in_warranty(event.date, event.odometer_km);
        if event.consumer_fault {
            consumer_fault_in_warranty += usize::from(in_warranty);
            reasons.push(
                Reason::new(
                    "art32.consumer_fault",
                    true,
                    ART32,
                    format!("events[{index}]（{}）系消费者原因造成，不承担三包责任，不予计入", event.date),
                    format!(
                        "events[{index}] ({}) was the consumer's fault: excluded from the 三包 and not counted",
                        event.date
                    ),
                )
                .with("event", index),
            );
            continue;
        }
        let visit = Visit {
            index,
            event,
            day,
            in_sanbao,
            in_warranty,
        };
        if !in_sanbao {
            reasons.push(outside(
                &visit,
                "event.outside_sanbao",
                ["三包有效期", "sanbao period"],
                ["第二十四条", "Art 24"],
            ));
        }
        if !in_warranty {
            reasons.push(outside(
                &visit,
                "event.outside_warranty",
                ["包修期", "warranty period"],
                ["第十九条", "Art 19"],
            ));
        }
        visits.push(visit);
    }
    Screened {
        visits,
        consumer_fault_in_warranty,
    }
}

/// A visit outside a period: `period` and `article` are [zh, en].
fn outside(v: &Visit, code: &'static str, period: [&str; 2], article: [&str; 2]) -> Reason {
    let (at_zh, at_en) = v.at();
    let ([zh, en], [art_zh, art_en]) = (period, article);
    Reason::new(
        code,
        false,
        COUNTING,
        format!("{at_zh} 在{zh}之外（日期或里程已超出），不计入{art_zh}"),
        format!(
            "{at_en} is outside the {en} (date or distance exceeded): not counted for {art_en}"
        ),
    )
    .with("event", v.index)
    .with("day", v.day)
    .with("odometer_km", number(v.event.odometer_km))
}
