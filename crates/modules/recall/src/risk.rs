//! Risk assessments (风险评估) by the EU Safety Gate method (the risk engine): the engine's answer
//! to a JSON input, exactly as `longzhi engine risk --input` gives it, and assessments kept with
//! that input and answer, attached to an investigation, a defect report or a register entry.

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_injury::entity::{report, signal};
use longzhi_store::audit;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::get_scoped;
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::common::{number, target};
use crate::entity::{assessment, investigation};

const ENTITY: &str = "recall_assessment";

/// The engine's assessment of `input` (the command's JSON), or the field error naming the JSON
/// path and the engine's words.
pub fn evaluate(input: &Value) -> Result<Value> {
    let a = longzhi_risk::assess_json(&input.to_string()).map_err(|e| {
        StoreError::from(FieldError::new(e.path, Rule::Format).with("detail", e.message))
    })?;
    serde_json::to_value(a).map_err(|e| StoreError::Io(e.to_string()))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AssessmentView {
    pub id: i64,
    /// `RA-<year>-<id>`.
    pub code: String,
    pub title: String,
    pub investigation_id: Option<i64>,
    pub report_id: Option<i64>,
    pub signal_id: Option<i64>,
    /// `low`, `medium`, `high` or `serious`.
    pub level: String,
    /// The input, as `longzhi engine risk --input` takes it.
    pub input: Value,
    /// The engine's answer (its scenarios, steps, levels and reasons).
    pub result: Value,
    pub assessed_by: String,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AssessmentInput {
    pub title: String,
    pub investigation_id: Option<i64>,
    pub report_id: Option<i64>,
    /// A register entry escalated for assessment (marked as followed up by this one).
    pub signal_id: Option<i64>,
    /// The scenarios, as `longzhi engine risk --input` takes them.
    pub input: Value,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentFilter {
    /// Title contains.
    pub q: Option<String>,
    pub level: Option<String>,
    pub investigation_id: Option<i64>,
}

fn view(m: assessment::Model) -> AssessmentView {
    AssessmentView {
        code: number("RA", m.created_at.date_naive(), m.id),
        input: serde_json::from_str(&m.input).unwrap_or(Value::Null),
        result: serde_json::from_str(&m.result).unwrap_or(Value::Null),
        id: m.id,
        title: m.title,
        investigation_id: m.investigation_id,
        report_id: m.report_id,
        signal_id: m.signal_id,
        level: m.level,
        assessed_by: m.assessed_by,
        created_at: m.created_at,
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &AssessmentFilter,
    q: &PageQuery,
) -> Result<Page<AssessmentView>> {
    let mut s = scoped::<assessment::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[assessment::Column::Title], t))
    {
        s = s.filter(e);
    }
    if let Some(v) = f.level.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(assessment::Column::Level.eq(v));
    }
    if let Some(i) = f.investigation_id {
        s = s.filter(assessment::Column::InvestigationId.eq(i));
    }
    let sortable = [("created_at", assessment::Column::CreatedAt)];
    Ok(
        paginate(db, s, q, &sortable, "-created_at", assessment::Column::Id)
            .await?
            .map(view),
    )
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<AssessmentView> {
    scoped::<assessment::Entity>(p)
        .filter(assessment::Column::Id.eq(id))
        .one(db)
        .await?
        .map(view)
        .ok_or(StoreError::NotFound)
}

pub async fn of_investigation<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Vec<AssessmentView>> {
    Ok(scoped::<assessment::Entity>(p)
        .filter(assessment::Column::InvestigationId.eq(id))
        .order_by_asc(assessment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Records `Exists` unless defect report `id` is in the caller's scope.
pub async fn check_report<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    errs: &mut FieldErrors,
    id: i64,
) -> Result<Option<report::Model>> {
    match get_scoped::<report::Entity, _>(db, p, id).await {
        Ok(r) => Ok(Some(r)),
        Err(StoreError::NotFound) => {
            errs.push(FieldError::new("report_id", Rule::Exists).with("value", id));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Records `Exists` unless register entry `id` exists (the register is the province's).
pub async fn check_signal<C: ConnectionTrait>(
    db: &C,
    errs: &mut FieldErrors,
    id: i64,
) -> Result<()> {
    if signal::Entity::find_by_id(id).one(db).await?.is_none() {
        errs.push(FieldError::new("signal_id", Rule::Exists).with("value", id));
    }
    Ok(())
}

/// Assesses and keeps the assessment. It belongs where what it is attached to belongs (the
/// investigation's producer, the report's city), else to the caller's organisation.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: AssessmentInput,
) -> Result<AssessmentView> {
    let mut errs = FieldErrors::new();
    let title = errs.text("title", &i.title, 200);
    let inv = match i.investigation_id {
        Some(id) => match get_scoped::<investigation::Entity, _>(db, p, id).await {
            Ok(m) => Some(m),
            Err(StoreError::NotFound) => {
                errs.push(FieldError::new("investigation_id", Rule::Exists).with("value", id));
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let report = match i.report_id {
        Some(id) => check_report(db, p, &mut errs, id).await?,
        None => None,
    };
    if let Some(s) = i.signal_id {
        check_signal(db, &mut errs, s).await?;
    }
    errs.finish()?;
    let result = evaluate(&i.input).map_err(|e| match e {
        StoreError::Validation(mut f) => {
            for e in &mut f.0 {
                e.field = format!("input.{}", e.field);
            }
            StoreError::Validation(f)
        }
        other => other,
    })?;
    let level = result["level"].as_str().unwrap_or_default().to_owned();
    let (region_path, org_id) = match (&inv, &report) {
        (Some(m), _) => (m.region_path.clone(), m.org_id),
        (None, Some(r)) => (r.region_path.clone(), r.org_id),
        (None, None) => (p.region_path.clone(), p.org_id),
    };
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = assessment::ActiveModel {
        title: Set(title.unwrap_or_default()),
        investigation_id: Set(i.investigation_id),
        report_id: Set(i.report_id),
        signal_id: Set(i.signal_id),
        input: Set(i.input.to_string()),
        result: Set(result.to_string()),
        level: Set(level),
        assessed_by: Set(p.display_name.clone()),
        region_path: Set(region_path),
        org_id: Set(org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        target(ENTITY, m.id, &m.region_path, m.org_id),
        "create",
        None,
        Some(&m),
    )
    .await?;
    let v = view(m);
    if let Some(s) = v.signal_id {
        longzhi_injury::signals::escalate_to(&txn, p, s, "assessment", &v.code).await?;
    }
    txn.commit().await?;
    Ok(v)
}
