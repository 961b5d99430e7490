//! The sanbao and warranty periods (Art 18) and day counting (Civil Code Arts 201–202).

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::case::Case;

/// A period of whole years or a distance, whichever is exceeded first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub years: u32,
    /// The last day inside the period.
    pub end: NaiveDate,
    /// The last kilometre inside the period.
    pub limit_km: u32,
}

impl Period {
    /// Y years from `start` end on the same month and day Y years later, or on the last day of
    /// that month if the day does not exist (29 February); the end day is inside.
    fn years_from(start: NaiveDate, years: u32, limit_km: u32) -> Self {
        let end = start
            .checked_add_months(Months::new(12 * years))
            .unwrap_or(NaiveDate::MAX);
        Self {
            years,
            end,
            limit_km,
        }
    }

    pub fn date_inside(&self, start: NaiveDate, date: NaiveDate) -> bool {
        start <= date && date <= self.end
    }

    pub fn km_inside(&self, km: Decimal) -> bool {
        km <= Decimal::from(self.limit_km)
    }
}

/// Both periods of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Periods {
    pub start: NaiveDate,
    /// `delivery_date` or `purchase_date`: which date the periods start on.
    pub start_basis: &'static str,
    pub sanbao: Period,
    pub warranty: Period,
}

impl Periods {
    pub fn of(case: &Case) -> Self {
        let start = case.start_date();
        Self {
            start,
            start_basis: if case.delivery_date.is_some() {
                "delivery_date"
            } else {
                "purchase_date"
            },
            sanbao: Period::years_from(start, 2, 50_000),
            warranty: Period::years_from(start, 3, 60_000),
        }
    }

    /// Days after the start (the start day itself is day 0 and not counted).
    pub fn day(&self, date: NaiveDate) -> i64 {
        (date - self.start).num_days()
    }

    pub fn in_sanbao(&self, date: NaiveDate, km: Decimal) -> bool {
        self.sanbao.date_inside(self.start, date) && self.sanbao.km_inside(km)
    }

    pub fn in_warranty(&self, date: NaiveDate, km: Decimal) -> bool {
        self.warranty.date_inside(self.start, date) && self.warranty.km_inside(km)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn years_end_on_the_same_day_or_the_month_end() {
        assert_eq!(
            Period::years_from(d("2023-03-05"), 2, 0).end,
            d("2025-03-05")
        );
        assert_eq!(
            Period::years_from(d("2023-03-05"), 3, 0).end,
            d("2026-03-05")
        );
        // Civil Code Art 202: no 29 February in 2026, so the period ends on 28 February.
        assert_eq!(
            Period::years_from(d("2024-02-29"), 2, 0).end,
            d("2026-02-28")
        );
        assert_eq!(
            Period::years_from(d("2024-02-29"), 3, 0).end,
            d("2027-02-28")
        );
        assert_eq!(
            Period::years_from(d("2023-02-28"), 1, 0).end,
            d("2024-02-28")
        );
    }
}
