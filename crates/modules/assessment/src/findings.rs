//! The national assessment's feedback on the province (国家考核反馈问题): each finding with
//! the organisation that owns its remediation (a department or a city bureau), the measures and
//! a deadline; the owner reports progress, the province closes it. A finding belongs to its
//! owner's scope: a department sees its own, a city its own, the province all.

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{get_scoped, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped, unscoped_by_id};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::finding;

pub const ENTITY: &str = "assessment_finding";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentFindingView)]
pub struct FindingView {
    pub id: i64,
    /// The year of the national assessment.
    pub year: i32,
    pub finding: String,
    pub owner_id: i64,
    pub owner_name: String,
    pub measures: String,
    pub due_on: NaiveDate,
    /// `open` or `closed`.
    pub status: String,
    pub progress: String,
    pub overdue: bool,
    pub closed_at: Option<chrono::DateTime<Utc>>,
    pub close_note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentFindingInput)]
pub struct FindingInput {
    pub year: i32,
    pub finding: String,
    /// The organisation that owns the remediation (a department or a city bureau).
    pub owner_id: i64,
    #[serde(default)]
    pub measures: String,
    pub due_on: NaiveDate,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentFindingProgressInput)]
pub struct ProgressInput {
    pub progress: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentFindingCloseInput)]
pub struct CloseInput {
    #[serde(default)]
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindingFilter {
    pub year: Option<i32>,
    pub status: Option<String>,
    pub owner_id: Option<i64>,
}

fn target(m: &finding::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<finding::Model>) -> Result<Vec<FindingView>> {
    let owners: std::collections::HashMap<i64, String> =
        unscoped::<org::Entity>("the names of the owners of findings the caller sees")
            .filter(org::Column::Id.is_in(rows.iter().map(|m| m.org_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
    let day = today();
    Ok(rows
        .into_iter()
        .map(|m| FindingView {
            owner_name: owners.get(&m.org_id).cloned().unwrap_or_default(),
            overdue: m.status == "open" && m.due_on < day,
            id: m.id,
            year: m.year,
            finding: m.finding,
            owner_id: m.org_id,
            measures: m.measures,
            due_on: m.due_on,
            status: m.status,
            progress: m.progress,
            closed_at: m.closed_at,
            close_note: m.close_note,
            version: m.version,
        })
        .collect())
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<FindingView> {
    let m = get_scoped::<finding::Entity, _>(db, p, id).await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &FindingFilter,
    q: &PageQuery,
) -> Result<Page<FindingView>> {
    let mut s = scoped::<finding::Entity>(p);
    if let Some(y) = f.year {
        s = s.filter(finding::Column::Year.eq(y));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(finding::Column::Status.eq(st));
    }
    if let Some(o) = f.owner_id {
        s = s.filter(finding::Column::OrgId.eq(o));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("due_on", finding::Column::DueOn),
            ("year", finding::Column::Year),
            ("status", finding::Column::Status),
        ],
        "due_on",
        finding::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The checked fields of `i` and its owner (a department or a city bureau).
async fn check<C: ConnectionTrait>(
    db: &C,
    i: &FindingInput,
) -> Result<(String, String, org::Model)> {
    let mut errs = FieldErrors::new();
    if !(2000..=2100).contains(&i.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    let text = errs.text("finding", &i.finding, 5000);
    let measures = errs.optional_text("measures", Some(&i.measures), 5000);
    let owner = unscoped_by_id::<org::Entity, _>(
        i.owner_id,
        "a finding may be given to any department or city",
    )
    .one(db)
    .await?
    .filter(|o| matches!(o.kind.as_str(), "department" | "city_bureau"));
    if owner.is_none() {
        errs.push(FieldError::new("owner_id", Rule::Exists));
    }
    errs.finish()?;
    match (text, owner) {
        (Some(t), Some(o)) => Ok((t, measures.unwrap_or_default(), o)),
        _ => Err(FieldError::new("finding", Rule::Required).into()),
    }
}

async fn notify_owner<C: ConnectionTrait>(db: &C, m: &finding::Model) -> Result<()> {
    notices::to_orgs(
        db,
        &[m.org_id],
        &Notice {
            kind: "task_assigned",
            title: format!("国家质量工作考核反馈问题({} 年度)请整改", m.year),
            body: format!("{}\n整改期限:{}", m.finding, m.due_on),
            link: "/assessment/findings".into(),
        },
    )
    .await
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: FindingInput,
) -> Result<FindingView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let (text, measures, owner) = check(&txn, &i).await?;
    let now = Utc::now();
    let m = finding::ActiveModel {
        year: Set(i.year),
        finding: Set(text),
        measures: Set(measures),
        due_on: Set(i.due_on),
        status: Set("open".into()),
        progress: Set(String::new()),
        region_path: Set(owner.region_path.clone()),
        org_id: Set(owner.id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, target(&m), "create", None, Some(&m)).await?;
    notify_owner(&txn, &m).await?;
    txn.commit().await?;
    get(db, p, m.id).await
}

/// Moves finding `before` under the version check, audited as `action`.
async fn change<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    before: &finding::Model,
    version: i32,
    action: &str,
    mut am: finding::ActiveModel,
) -> Result<FindingView> {
    am.updated_at = Set(Utc::now());
    update_versioned(
        txn,
        finding::Column::Id,
        finding::Column::Version,
        before.id,
        version,
        am,
    )
    .await?;
    let after = get_scoped::<finding::Entity, _>(txn, p, before.id).await?;
    audit::record(txn, p, target(&after), action, Some(before), Some(&after)).await?;
    Ok(views(txn, vec![after]).await?.remove(0))
}

/// An open finding's text, owner, measures or deadline change (a new owner is told).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: FindingInput,
) -> Result<FindingView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<finding::Entity, _>(&txn, p, id).await?;
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let (text, measures, owner) = check(&txn, &i).await?;
    if before.status != "open" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    let after = change(
        &txn,
        p,
        &before,
        version,
        "update",
        finding::ActiveModel {
            year: Set(i.year),
            finding: Set(text),
            measures: Set(measures),
            due_on: Set(i.due_on),
            region_path: Set(owner.region_path.clone()),
            org_id: Set(owner.id),
            ..Default::default()
        },
    )
    .await?;
    if owner.id != before.org_id {
        let m = get_scoped::<finding::Entity, _>(&txn, p, id).await?;
        notify_owner(&txn, &m).await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// The owner reports progress on its open finding.
pub async fn progress(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ProgressInput,
) -> Result<FindingView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<finding::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let text = errs.text("progress", &i.progress, 10_000);
    errs.finish()?;
    if before.status != "open" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    let after = change(
        &txn,
        p,
        &before,
        i.version,
        "progress",
        finding::ActiveModel {
            progress: Set(text.unwrap_or_default()),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The province closes a finding remediated.
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: CloseInput,
) -> Result<FindingView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<finding::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let note = errs.optional_text("note", Some(&i.note), 2000);
    errs.finish()?;
    if before.status != "open" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    let after = change(
        &txn,
        p,
        &before,
        i.version,
        "close",
        finding::ActiveModel {
            status: Set("closed".into()),
            closed_at: Set(Some(Utc::now())),
            close_note: Set(note),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
