//! Quality-improvement actions (质量提升行动, seed point 6): an action for an industry or a region
//! with the indicators it works on and what it is to achieve, tracked by progress reports and by
//! the indicators' published values over the years.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ActionStatus, FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::{action, action_report};
use crate::indicators::by_code;
use crate::values;
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{get_scoped, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError, today};

const ENTITY: &str = "quality_action";
pub const KINDS: [&str; 2] = ["industry", "region"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActionView {
    pub id: i64,
    pub title: String,
    /// `industry` or `region`.
    pub kind: String,
    pub industry: Option<String>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub indicator_codes: Vec<String>,
    pub targets: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: ActionStatus,
    pub progress: i32,
    /// Past its end date and not completed.
    pub overdue: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActionReportView {
    pub id: i64,
    pub report_date: NaiveDate,
    pub progress: i32,
    pub text: String,
    pub by_name: String,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorSeries {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub direction: i32,
    /// Year → the region's value (a region action) or the mean of the cities (an industry one).
    pub values: BTreeMap<i32, f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ActionDetail {
    pub action: ActionView,
    pub reports: Vec<ActionReportView>,
    pub series: Vec<IndicatorSeries>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ActionInput {
    pub title: String,
    pub kind: String,
    pub industry: Option<String>,
    /// The region of a region action.
    pub region_code: Option<String>,
    pub indicator_codes: Vec<String>,
    pub targets: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The version read, for an update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ActionReportInput {
    pub report_date: NaiveDate,
    /// 0–100; 100 completes the action.
    pub progress: i32,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    /// Title or industry contains.
    pub q: Option<String>,
    pub kind: Option<String>,
    #[param(value_type = Option<ActionStatus>)]
    pub status: Option<String>,
    pub region_code: Option<String>,
}

fn view(a: action::Model, names: &std::collections::HashMap<String, String>) -> ActionView {
    ActionView {
        region_name: a.region_code.as_ref().and_then(|c| names.get(c).cloned()),
        indicator_codes: serde_json::from_str(&a.indicator_codes).unwrap_or_default(),
        overdue: a.status != ActionStatus::Completed && a.end_date < today(),
        id: a.id,
        title: a.title,
        kind: a.kind,
        industry: a.industry,
        region_code: a.region_code,
        targets: a.targets,
        start_date: a.start_date,
        end_date: a.end_date,
        status: a.status,
        progress: a.progress,
        version: a.version,
    }
}

fn audit_target(a: &action::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: a.id.to_string(),
        region_path: &a.region_path,
        org_id: Some(a.org_id),
    }
}

/// The checked input and the region path the action belongs to (its region's, or the
/// caller's for an industry action).
async fn check<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    i: &ActionInput,
) -> Result<(ActionInput, String)> {
    let mut errs = FieldErrors::new();
    let title = errs.text("title", &i.title, 200).unwrap_or_default();
    if !KINDS.contains(&i.kind.as_str()) {
        errs.push(FieldError::new("kind", Rule::Enum).with("allowed", KINDS.join(",")));
    }
    let industry = errs.optional_text("industry", i.industry.as_deref(), 100);
    if i.kind == "industry" && industry.is_none() {
        errs.push(FieldError::new("industry", Rule::Required));
    }
    let mut path = p.region_path.clone();
    let region_code = i.region_code.clone().filter(|c| !c.is_empty());
    match (&region_code, i.kind.as_str()) {
        (None, "region") => errs.push(FieldError::new("region_code", Rule::Required)),
        (Some(code), _) => match regions::by_code(db, code).await {
            Ok(r) if p.covers(&r.path, p.org_id, p.actor_id()) => path = r.path,
            _ => errs.push(FieldError::new("region_code", Rule::Exists).with("value", code)),
        },
        _ => {}
    }
    let catalogue = by_code(db).await?;
    if i.indicator_codes.is_empty() {
        errs.push(FieldError::new("indicator_codes", Rule::Required));
    }
    for c in &i.indicator_codes {
        if !catalogue.contains_key(c) {
            errs.push(FieldError::new("indicator_codes", Rule::Exists).with("value", c));
        }
    }
    let targets = errs.text("targets", &i.targets, 4000).unwrap_or_default();
    if i.end_date < i.start_date {
        errs.push(FieldError::new("end_date", Rule::Range).with("min", i.start_date));
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    Ok((
        ActionInput {
            title,
            industry,
            region_code,
            targets,
            ..i.clone()
        },
        path,
    ))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &ActionFilter,
    q: &PageQuery,
) -> Result<Page<ActionView>> {
    let mut s = scoped::<action::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[action::Column::Title, action::Column::Industry], t))
    {
        s = s.filter(e);
    }
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(action::Column::Kind.eq(k));
    }
    if let Some(st) = f.status.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(action::Column::Status.eq(st));
    }
    if let Some(code) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        let path = regions::by_code(db, code).await?.path;
        s = s.filter(action::Column::RegionPath.starts_with(path));
    }
    let sortable = [
        ("end_date", action::Column::EndDate),
        ("start_date", action::Column::StartDate),
        ("progress", action::Column::Progress),
        ("title", action::Column::Title),
    ];
    let names = values::region_names(db).await?;
    Ok(
        paginate(db, s, q, &sortable, "-start_date", action::Column::Id)
            .await?
            .map(|a| view(a, &names)),
    )
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: ActionInput) -> Result<ActionView> {
    let (i, path) = check(db, p, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    let a = action::ActiveModel {
        title: Set(i.title),
        kind: Set(i.kind),
        industry: Set(i.industry),
        region_code: Set(i.region_code),
        indicator_codes: Set(json!(i.indicator_codes).to_string()),
        targets: Set(i.targets),
        start_date: Set(i.start_date),
        end_date: Set(i.end_date),
        status: Set(ActionStatus::Ongoing),
        progress: Set(0),
        region_path: Set(path),
        org_id: Set(p.org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, audit_target(&a), "create", None, Some(&a)).await?;
    txn.commit().await?;
    Ok(view(a, &values::region_names(db).await?))
}

/// An action the principal may change: in its scope and its write scope.
async fn actionable<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<action::Model> {
    let a = get_scoped::<action::Entity, _>(db, p, id).await?;
    if !p.covers(&a.region_path, a.org_id, a.owner_id) {
        return Err(StoreError::NotFound);
    }
    Ok(a)
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ActionInput,
) -> Result<ActionView> {
    let (i, path) = check(db, p, &i).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = actionable(&txn, p, id).await?;
    update_versioned(
        &txn,
        action::Column::Id,
        action::Column::Version,
        id,
        version,
        action::ActiveModel {
            title: Set(i.title),
            kind: Set(i.kind),
            industry: Set(i.industry),
            region_code: Set(i.region_code),
            indicator_codes: Set(json!(i.indicator_codes).to_string()),
            targets: Set(i.targets),
            start_date: Set(i.start_date),
            end_date: Set(i.end_date),
            region_path: Set(path),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = get_scoped::<action::Entity, _>(&txn, p, id).await?;
    audit::record(
        &txn,
        p,
        audit_target(&after),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, &values::region_names(db).await?))
}

/// Reports progress; 100 % completes the action.
pub async fn report(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    r: ActionReportInput,
) -> Result<ActionReportView> {
    let mut errs = FieldErrors::new();
    if !(0..=100).contains(&r.progress) {
        errs.push(
            FieldError::new("progress", Rule::Range)
                .with("min", 0)
                .with("max", 100),
        );
    }
    let text = errs.text("text", &r.text, 4000).unwrap_or_default();
    if r.report_date > today() {
        errs.push(FieldError::new("report_date", Rule::Range).with("max", today()));
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = actionable(&txn, p, id).await?;
    let rep = action_report::ActiveModel {
        action_id: Set(id),
        report_date: Set(r.report_date),
        progress: Set(r.progress),
        text: Set(text),
        by_name: Set(p.display_name.clone()),
        created_at: Set(Utc::now()),
        region_path: Set(before.region_path.clone()),
        org_id: Set(before.org_id),
        owner_id: Set(p.actor_id()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let status = if r.progress == 100 {
        ActionStatus::Completed
    } else {
        ActionStatus::Ongoing
    };
    let after = action::ActiveModel {
        id: Set(id),
        progress: Set(r.progress),
        status: Set(status),
        version: Set(before.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(&after),
        "reported",
        Some(&json!({"progress": before.progress, "status": before.status})),
        Some(&json!({"progress": after.progress, "status": after.status})),
    )
    .await?;
    txn.commit().await?;
    Ok(report_view(rep))
}

fn report_view(r: action_report::Model) -> ActionReportView {
    ActionReportView {
        id: r.id,
        report_date: r.report_date,
        progress: r.progress,
        text: r.text,
        by_name: r.by_name,
        created_at: r.created_at,
    }
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<ActionDetail> {
    let a = get_scoped::<action::Entity, _>(db, p, id).await?;
    let reports = unscoped::<action_report::Entity>("the reports of an action the caller sees")
        .filter(action_report::Column::ActionId.eq(id))
        .order_by_desc(action_report::Column::ReportDate)
        .order_by_desc(action_report::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(report_view)
        .collect();
    let a = view(a, &values::region_names(db).await?);
    let catalogue = by_code(db).await?;
    let inds: Vec<_> = a
        .indicator_codes
        .iter()
        .filter_map(|c| catalogue.get(c))
        .collect();
    let ids: Vec<i64> = inds.iter().map(|i| i.id).collect();
    let this_year = today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2000);
    let published = values::published(db, &ids, this_year - 10..=this_year).await?;
    let series = inds
        .iter()
        .map(|i| {
            let mut per_year: BTreeMap<i32, (f64, usize)> = BTreeMap::new();
            for ((ind, region, year), v) in &published {
                let mine = a.region_code.as_ref().is_none_or(|c| c == region);
                if *ind == i.id && mine {
                    let e = per_year.entry(*year).or_default();
                    e.0 += v;
                    e.1 += 1;
                }
            }
            IndicatorSeries {
                code: i.code.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                direction: i.direction,
                values: per_year
                    .into_iter()
                    .map(|(y, (s, n))| (y, s / n as f64))
                    .collect(),
            }
        })
        .collect();
    Ok(ActionDetail {
        action: a,
        reports,
        series,
    })
}
