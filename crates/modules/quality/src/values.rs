//! The values (指标数据): one per indicator, region and year, whoever supplied it — a city in a
//! round, another system through a token, an import. Every write is audited on the value, which
//! is its history (who, when, old → new). A value is *published* (shared with the analysis) when
//! it was pushed, or once its city's submission is approved; a value of an approved submission
//! is locked until the province reopens it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use longzhi_domain::{ErrorCode, FieldError, Rule, SubmissionStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::{indicator, submission, value};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::{audit_log, region};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::regions;
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};

pub const ENTITY: &str = "quality_value";
/// Values further from zero are refused as typing errors.
const MAX_ABS: f64 = 1e12;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueView {
    pub id: i64,
    pub indicator_id: i64,
    pub indicator_code: String,
    pub indicator_name: String,
    pub unit: String,
    pub region_code: String,
    pub region_name: String,
    pub year: i32,
    pub value: f64,
    pub note: Option<String>,
    /// `round`, `push` or `import`.
    pub source: String,
    pub published: bool,
    pub updated_by_name: String,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ValueFilter {
    pub year: Option<i32>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// Regions in this region's subtree.
    pub region_code: Option<String>,
    /// Comma-separated indicator codes.
    pub indicators: Option<String>,
    /// The indicators of this framework.
    pub framework_id: Option<i64>,
    pub published: Option<bool>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor_name: String,
    /// `create`, `update`, `publish`, `unpublish`.
    pub action: String,
    pub old_value: Option<f64>,
    pub new_value: Option<f64>,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// A value to write, checked by [`check`] first.
#[derive(Debug, Clone)]
pub struct Write<'a> {
    pub indicator: &'a indicator::Model,
    pub region: &'a region::Model,
    pub year: i32,
    pub value: f64,
    pub note: Option<String>,
    pub source: &'static str,
    pub published: bool,
}

/// A value's own rules: a finite number in the indicator's range.
pub fn check(field: &str, ind: &indicator::Model, v: f64) -> std::result::Result<(), FieldError> {
    if !v.is_finite() || v.abs() > MAX_ABS {
        return Err(FieldError::new(field, Rule::Format));
    }
    let below = ind.min_value.is_some_and(|lo| v < lo);
    let above = ind.max_value.is_some_and(|hi| v > hi);
    if below || above {
        let mut e = FieldError::new(field, Rule::Range);
        if let Some(lo) = ind.min_value {
            e = e.with("min", lo);
        }
        if let Some(hi) = ind.max_value {
            e = e.with("max", hi);
        }
        return Err(e);
    }
    Ok(())
}

/// The relative change of `v` on `previous`, when it is beyond `threshold` (a share).
pub fn big_change(previous: Option<f64>, v: f64, threshold: f64) -> Option<f64> {
    let prev = previous?;
    let change = if prev == 0.0 {
        if v == 0.0 {
            return None;
        }
        f64::INFINITY
    } else {
        (v - prev) / prev.abs()
    };
    (change.abs() > threshold).then_some(change)
}

/// The error of a big change without a comment.
pub fn unexplained(field: &str, change: f64, threshold: f64) -> FieldError {
    let pct = |x: f64| {
        if x.is_finite() {
            format!("{:+.1}%", x * 100.0)
        } else {
            "∞".to_owned()
        }
    };
    FieldError::new(field, Rule::Required)
        .with("reason", "change")
        .with("change", pct(change))
        .with("threshold", format!("{:.0}%", threshold * 100.0))
}

fn audit_target(v: &value::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: v.id.to_string(),
        region_path: &v.region_path,
        org_id: Some(v.org_id),
    }
}

/// What the history shows of a value.
fn snapshot(v: &value::Model) -> serde_json::Value {
    json!({"value": v.value, "note": v.note, "source": v.source, "published": v.published})
}

/// The value of (indicator, region, year), however the caller's scope reaches it.
async fn existing<C: ConnectionTrait>(
    db: &C,
    indicator_id: i64,
    region_code: &str,
    year: i32,
) -> Result<Option<value::Model>> {
    Ok(
        unscoped::<value::Entity>("the one value of a key, whose writer was checked by the caller")
            .filter(value::Column::IndicatorId.eq(indicator_id))
            .filter(value::Column::RegionCode.eq(region_code))
            .filter(value::Column::Year.eq(year))
            .one(db)
            .await?,
    )
}

/// Writes (creates or changes) a value, audited; unchanged values are left alone. The caller
/// has checked the value and that the principal may write the region's values.
pub async fn write<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    w: Write<'_>,
) -> Result<value::Model> {
    let now = Utc::now();
    match existing(db, w.indicator.id, &w.region.code, w.year).await? {
        Some(before) => {
            if before.value == w.value
                && before.note == w.note
                && before.published == w.published
                && before.source == w.source
            {
                return Ok(before);
            }
            let after = value::ActiveModel {
                id: Set(before.id),
                value: Set(w.value),
                note: Set(w.note),
                source: Set(w.source.into()),
                published: Set(w.published),
                updated_by_name: Set(p.display_name.clone()),
                updated_at: Set(now),
                version: Set(before.version + 1),
                ..Default::default()
            }
            .update(db)
            .await?;
            audit::record(
                db,
                p,
                audit_target(&after),
                "update",
                Some(&snapshot(&before)),
                Some(&snapshot(&after)),
            )
            .await?;
            Ok(after)
        }
        None => {
            let bureau = regions_bureau(db, &w.region.code).await?;
            let v = value::ActiveModel {
                indicator_id: Set(w.indicator.id),
                region_code: Set(w.region.code.clone()),
                year: Set(w.year),
                value: Set(w.value),
                note: Set(w.note),
                source: Set(w.source.into()),
                published: Set(w.published),
                updated_by_name: Set(p.display_name.clone()),
                region_path: Set(w.region.path.clone()),
                org_id: Set(bureau),
                owner_id: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            audit::record(db, p, audit_target(&v), "create", None, Some(&snapshot(&v))).await?;
            Ok(v)
        }
    }
}

/// Deletes the values of a city and year for `indicator_ids` (a line cleared in a form), audited.
pub async fn clear<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    region_code: &str,
    year: i32,
    indicator_ids: &[i64],
) -> Result<()> {
    let rows = unscoped::<value::Entity>("the values of a submission the caller acts on")
        .filter(value::Column::RegionCode.eq(region_code))
        .filter(value::Column::Year.eq(year))
        .filter(value::Column::IndicatorId.is_in(indicator_ids.iter().copied()))
        .all(db)
        .await?;
    for before in rows {
        value::Entity::delete_by_id(before.id).exec(db).await?;
        audit::record(
            db,
            p,
            audit_target(&before),
            "delete",
            Some(&snapshot(&before)),
            None,
        )
        .await?;
    }
    Ok(())
}

/// The market-regulation bureau of a city-level region (its values' organisation), 0 if none.
async fn regions_bureau<C: ConnectionTrait>(db: &C, code: &str) -> Result<i64> {
    Ok(longzhi_store::repo::orgs::city_bureaus(db)
        .await?
        .into_iter()
        .find(|(c, _)| c == code)
        .map_or(0, |(_, o)| o.id))
}

/// Marks the values of a city and year for `indicator_ids` published or not (a submission
/// approved or reopened), audited one by one.
pub async fn set_published<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    region_code: &str,
    year: i32,
    indicator_ids: &[i64],
    published: bool,
) -> Result<()> {
    let rows = unscoped::<value::Entity>("the values of a submission the caller reviews")
        .filter(value::Column::RegionCode.eq(region_code))
        .filter(value::Column::Year.eq(year))
        .filter(value::Column::IndicatorId.is_in(indicator_ids.iter().copied()))
        .filter(value::Column::Published.eq(!published))
        .all(db)
        .await?;
    for before in rows {
        let after = value::ActiveModel {
            id: Set(before.id),
            published: Set(published),
            version: Set(before.version + 1),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .update(db)
        .await?;
        let action = if published { "publish" } else { "unpublish" };
        audit::record(
            db,
            p,
            audit_target(&after),
            action,
            Some(&snapshot(&before)),
            Some(&snapshot(&after)),
        )
        .await?;
    }
    Ok(())
}

/// Whether a city's value of a year is held by a submission: locked once approved (`Err`),
/// unpublished while the submission is under way (`Ok(true)`), free otherwise (`Ok(false)`).
pub async fn held<C: ConnectionTrait>(
    db: &C,
    indicator_id: i64,
    region_code: &str,
    year: i32,
) -> Result<bool> {
    let subs = unscoped::<submission::Entity>("whether any submission holds a value")
        .filter(submission::Column::RegionCode.eq(region_code))
        .filter(submission::Column::Year.eq(year))
        .all(db)
        .await?;
    let mut held = false;
    for s in subs {
        if !crate::rounds::asks_for(db, s.round_id, indicator_id).await? {
            continue;
        }
        if s.status == SubmissionStatus::Approved {
            return Err(StoreError::Rule(ErrorCode::QualityLocked));
        }
        held = true;
    }
    Ok(held)
}

/// The published values of `indicator_ids` for `years`: (indicator id, region, year) → value.
/// Published values are the network's shared data: every user of the analysis sees them.
pub async fn published<C: ConnectionTrait>(
    db: &C,
    indicator_ids: &[i64],
    years: std::ops::RangeInclusive<i32>,
) -> Result<HashMap<(i64, String, i32), f64>> {
    Ok(
        unscoped::<value::Entity>("published values are shared province-wide for the analysis")
            .filter(value::Column::Published.eq(true))
            .filter(value::Column::Year.between(*years.start(), *years.end()))
            .filter(value::Column::IndicatorId.is_in(indicator_ids.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|v| ((v.indicator_id, v.region_code, v.year), v.value))
            .collect(),
    )
}

async fn filtered<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &ValueFilter,
) -> Result<sea_orm::Select<value::Entity>> {
    let mut s = scoped::<value::Entity>(p);
    if let Some(y) = f.year {
        s = s.filter(value::Column::Year.eq(y));
    }
    if let Some(y) = f.year_from {
        s = s.filter(value::Column::Year.gte(y));
    }
    if let Some(y) = f.year_to {
        s = s.filter(value::Column::Year.lte(y));
    }
    if let Some(code) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        let path = regions::by_code(db, code).await?.path;
        s = s.filter(value::Column::RegionPath.starts_with(path));
    }
    let mut ids: Option<Vec<i64>> = None;
    if let Some(codes) = f.indicators.as_deref().filter(|c| !c.is_empty()) {
        let codes: Vec<&str> = codes.split(',').map(str::trim).collect();
        let found = indicator::Entity::find()
            .filter(indicator::Column::Code.is_in(codes))
            .all(db)
            .await?;
        ids = Some(found.into_iter().map(|i| i.id).collect());
    }
    if let Some(fw) = f.framework_id {
        let leaves: Vec<i64> = crate::frameworks::load(db, fw)
            .await?
            .leaves()
            .iter()
            .map(|i| i.id)
            .collect();
        ids = Some(match ids {
            Some(a) => a.into_iter().filter(|i| leaves.contains(i)).collect(),
            None => leaves,
        });
    }
    if let Some(ids) = ids {
        s = s.filter(value::Column::IndicatorId.is_in(ids));
    }
    if let Some(pb) = f.published {
        s = s.filter(value::Column::Published.eq(pb));
    }
    Ok(s)
}

pub async fn views<C: ConnectionTrait>(db: &C, rows: Vec<value::Model>) -> Result<Vec<ValueView>> {
    let inds: HashMap<i64, indicator::Model> = longzhi_store::repo::by_ids::<indicator::Entity, _>(
        db,
        indicator::Column::Id,
        rows.iter().map(|v| v.indicator_id),
        |i| i.id,
    )
    .await?;
    let names = region_names(db).await?;
    Ok(rows
        .into_iter()
        .map(|v| {
            let ind = inds.get(&v.indicator_id);
            ValueView {
                indicator_code: ind.map(|i| i.code.clone()).unwrap_or_default(),
                indicator_name: ind.map(|i| i.name.clone()).unwrap_or_default(),
                unit: ind.map(|i| i.unit.clone()).unwrap_or_default(),
                region_name: names.get(&v.region_code).cloned().unwrap_or_default(),
                id: v.id,
                indicator_id: v.indicator_id,
                region_code: v.region_code,
                year: v.year,
                value: v.value,
                note: v.note,
                source: v.source,
                published: v.published,
                updated_by_name: v.updated_by_name,
                updated_at: v.updated_at,
                version: v.version,
            }
        })
        .collect())
}

/// Every region's name by code.
/// City code → name (the values are the cities').
pub use longzhi_store::repo::regions::city_names as region_names;

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &ValueFilter,
    q: &PageQuery,
) -> Result<Page<ValueView>> {
    let sortable = [
        ("year", value::Column::Year),
        ("region", value::Column::RegionCode),
        ("indicator", value::Column::IndicatorId),
        ("updated_at", value::Column::UpdatedAt),
    ];
    let page = paginate(
        db,
        filtered(db, p, f).await?,
        q,
        &sortable,
        "-year,region,indicator",
        value::Column::Id,
    )
    .await?;
    Ok(Page {
        items: views(db, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// A value's history, oldest first: every write with who, when, old → new.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Vec<HistoryEntry>> {
    longzhi_store::repo::get_scoped::<value::Entity, _>(db, p, id).await?;
    let entries = unscoped::<audit_log::Entity>("the history of a value the caller sees")
        .filter(audit_log::Column::Entity.eq(ENTITY))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let parse = |s: &Option<String>| -> serde_json::Value {
        s.as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    };
    Ok(entries
        .into_iter()
        .map(|a| {
            let before = parse(&a.before);
            let after = parse(&a.after);
            HistoryEntry {
                old_value: before.get("value").and_then(serde_json::Value::as_f64),
                new_value: after.get("value").and_then(serde_json::Value::as_f64),
                note: after
                    .get("note")
                    .and_then(|n| n.as_str())
                    .map(str::to_owned),
                source: after
                    .get("source")
                    .and_then(|n| n.as_str())
                    .map(str::to_owned),
                at: a.at,
                actor_name: a.actor_name,
                action: a.action,
            }
        })
        .collect())
}

/// The values of a selection, all of them (the exports).
pub async fn all<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &ValueFilter,
) -> Result<Vec<ValueView>> {
    let rows = filtered(db, p, f)
        .await?
        .order_by_asc(value::Column::Year)
        .order_by_asc(value::Column::RegionCode)
        .order_by_asc(value::Column::IndicatorId)
        .all(db)
        .await?;
    views(db, rows).await
}

/// The selection as CSV, one value per line (the data-sharing export).
pub fn csv(rows: &[ValueView]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "indicator",
        "indicator_name",
        "unit",
        "region",
        "region_name",
        "year",
        "value",
        "note",
        "source",
        "published",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.indicator_code.as_str(),
            &r.indicator_name,
            &r.unit,
            &r.region_code,
            &r.region_name,
            &r.year.to_string(),
            &r.value.to_string(),
            r.note.as_deref().unwrap_or_default(),
            &r.source,
            &r.published.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
