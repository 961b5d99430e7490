//! The province's working calendar (法定节假日与调休): working days are Monday to Friday, except
//! the public holidays the province enters, plus the Saturdays and Sundays it enters as working
//! days. The seller's Art 28 deadlines count working days from the day after the request.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_store::audit;
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::target;
use crate::entity::holiday;

const ENTITY: &str = "car_holiday";
pub const KINDS: [&str; 2] = ["holiday", "workday"];

/// The days that differ from the week: `true` a working day, `false` a day off.
#[derive(Debug, Clone, Default)]
pub struct Calendar(HashMap<NaiveDate, bool>);

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, bool)>) -> Self {
        Self(days.into_iter().collect())
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.0
            .get(&d)
            .copied()
            .unwrap_or(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The `n`-th working day after `from` (the day itself not counted, as the Civil Code counts
    /// periods): the last day of a period of `n` working days.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The working days after `from` up to and including `to` (0 when `to` is not later).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut d = from;
        let mut n = 0;
        while d < to {
            d += Duration::days(1);
            n += i64::from(self.is_working_day(d));
        }
        n
    }
}

/// The calendar entered for the days from `from` on (a deadline a month or two ahead needs no
/// more; a year covers the slowest).
pub async fn load<C: ConnectionTrait>(db: &C, from: NaiveDate) -> Result<Calendar> {
    let rows = holiday::Entity::find()
        .filter(holiday::Column::Day.gte(from))
        .filter(holiday::Column::Day.lte(from + Duration::days(400)))
        .all(db)
        .await?;
    Ok(Calendar::new(
        rows.into_iter().map(|h| (h.day, h.kind == "workday")),
    ))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HolidayView {
    pub id: i64,
    pub day: NaiveDate,
    /// `holiday` (a day off) or `workday` (a working weekend day).
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct HolidayInput {
    pub day: NaiveDate,
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HolidayFilter {
    /// The year (default: this year).
    pub year: Option<i32>,
}

fn view(m: holiday::Model) -> HolidayView {
    HolidayView {
        id: m.id,
        day: m.day,
        kind: m.kind,
        name: m.name,
    }
}

pub async fn list<C: ConnectionTrait>(db: &C, year: i32) -> Result<Vec<HolidayView>> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(FieldError::new("year", Rule::Range).into());
    };
    Ok(holiday::Entity::find()
        .filter(holiday::Column::Day.between(from, to))
        .order_by_asc(holiday::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Enters a day (a day already entered is `conflict.duplicate` on `day`). A holiday falls on a
/// weekday and a working day on a weekend; anything else would change nothing.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: HolidayInput,
) -> Result<HolidayView> {
    let mut errs = FieldErrors::new();
    errs.text("name", &i.name, 50);
    if !KINDS.contains(&i.kind.as_str()) {
        errs.push(FieldError::new("kind", Rule::Enum).with("allowed", KINDS.join(",")));
    } else if (i.kind == "workday") != matches!(i.day.weekday(), Weekday::Sat | Weekday::Sun) {
        errs.push(FieldError::new("day", Rule::Format).with(
            "pattern",
            if i.kind == "workday" {
                "weekend"
            } else {
                "weekday"
            },
        ));
    }
    errs.finish()?;
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = holiday::ActiveModel {
        day: Set(i.day),
        kind: Set(i.kind),
        name: Set(i.name.trim().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| StoreError::from(e).on_duplicate("day"))?;
    audit::record(
        &txn,
        p,
        target(ENTITY, m.id, "/", p.org_id),
        "create",
        None,
        Some(&m),
    )
    .await?;
    txn.commit().await?;
    Ok(view(m))
}

pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = holiday::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    holiday::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        p,
        target(ENTITY, id, "/", p.org_id),
        "delete",
        Some(&m),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The 2025 National Day week as the State Council set it: 1–8 October off, Sunday
    /// 28 September and Saturday 11 October worked.
    fn october_2025() -> Calendar {
        let mut days: Vec<(NaiveDate, bool)> = (1..=8)
            .map(|k| (d("2025-09-30") + Duration::days(k), false))
            .collect();
        days.extend([(d("2025-09-28"), true), (d("2025-10-11"), true)]);
        Calendar::new(days)
    }

    #[test]
    fn weekends_are_off_without_a_calendar() {
        let c = Calendar::default();
        // Friday 2025-09-26 + 10 working days = Friday 2025-10-10.
        assert_eq!(c.add_working_days(d("2025-09-26"), 10), d("2025-10-10"));
        assert_eq!(c.add_working_days(d("2025-09-27"), 1), d("2025-09-29"));
        assert_eq!(c.add_working_days(d("2025-09-26"), 0), d("2025-09-26"));
    }

    #[test]
    fn holidays_are_skipped_and_make_up_days_count() {
        let c = october_2025();
        // From Friday 26 September: Sun 28 (worked), Mon 29, Tue 30, then 9, 10, 11 (Sat,
        // worked), 13, 14, 15, 16.
        assert_eq!(c.add_working_days(d("2025-09-26"), 10), d("2025-10-16"));
        assert_eq!(c.add_working_days(d("2025-09-30"), 1), d("2025-10-09"));
        assert!(c.is_working_day(d("2025-10-11")));
        assert!(!c.is_working_day(d("2025-10-06")));
        assert_eq!(c.working_days_between(d("2025-09-26"), d("2025-10-16")), 10);
        assert_eq!(c.working_days_between(d("2025-10-16"), d("2025-09-26")), 0);
    }
}
