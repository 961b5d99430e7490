//! Remediation tasks (整改) after a published round: the province assigns a city's service to
//! the responsible organisation with a deadline; a user of that organisation answers with
//! evidence (text and attachments); the province accepts or returns it with a comment, as the
//! work plan's reports are reviewed — never a reviewer of the responsible organisation.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{by_id, get_scoped, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{survey, task};
use crate::rounds::{self, service_names};
use crate::surveys::Survey;

pub const ENTITY: &str = "service_task";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceTaskView)]
pub struct TaskView {
    pub id: i64,
    pub round_id: i64,
    pub round_name: String,
    pub region_code: String,
    pub region_name: String,
    pub service: String,
    pub service_name: String,
    pub org_id: i64,
    pub org_name: String,
    pub title: String,
    pub requirement: String,
    pub deadline: NaiveDate,
    /// `assigned`, `submitted`, `returned` or `accepted`.
    pub status: String,
    pub evidence: Option<String>,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
    pub submitted_by: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<chrono::DateTime<Utc>>,
    /// Past the deadline and not accepted.
    pub overdue: bool,
    /// The evidence's files.
    pub attachments: Vec<FileView>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceTaskInput)]
pub struct TaskInput {
    pub round_id: i64,
    pub region_code: String,
    pub service: String,
    /// The responsible organisation, in the city's region.
    pub org_id: i64,
    pub title: String,
    pub requirement: String,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceEvidenceInput)]
pub struct EvidenceInput {
    pub evidence: String,
    /// Uploaded files (`POST /files`) attached to the evidence; the list replaces the previous one.
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceReviewInput)]
pub struct ReviewInput {
    /// `accept` or `return`.
    pub decision: String,
    /// Required to return.
    pub comment: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskFilter {
    pub round_id: Option<i64>,
    pub region_code: Option<String>,
    pub status: Option<String>,
}

fn target(t: &task::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: t.id.to_string(),
        region_path: &t.region_path,
        org_id: Some(t.org_id),
    }
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<task::Model>) -> Result<Vec<TaskView>> {
    let regions: HashMap<String, String> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let services = service_names(db).await?;
    let orgs = longzhi_store::repo::by_ids::<org::Entity, _>(
        db,
        org::Column::Id,
        rows.iter().map(|t| t.org_id),
        |o| o.id,
    )
    .await?;
    let mut files = files::attached(db, ENTITY, rows.iter().map(|t| t.id)).await?;
    let mut rounds_seen = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        if let std::collections::hash_map::Entry::Vacant(e) = rounds_seen.entry(t.round_id) {
            e.insert(rounds::load(db, t.round_id).await?.name);
        }
        out.push(TaskView {
            id: t.id,
            round_id: t.round_id,
            round_name: rounds_seen[&t.round_id].clone(),
            region_name: regions.get(&t.region_code).cloned().unwrap_or_default(),
            service_name: services
                .get(&t.service)
                .map(|s| s.0.clone())
                .unwrap_or_default(),
            org_name: orgs
                .get(&t.org_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            overdue: t.status != "accepted" && t.deadline < today(),
            attachments: files.remove(&t.id).unwrap_or_default(),
            region_code: t.region_code,
            service: t.service,
            org_id: t.org_id,
            title: t.title,
            requirement: t.requirement,
            deadline: t.deadline,
            status: t.status,
            evidence: t.evidence,
            submitted_at: t.submitted_at,
            submitted_by: t.submitted_by,
            review_comment: t.review_comment,
            reviewed_by_name: t.reviewed_by,
            reviewed_at: t.reviewed_at,
            version: t.version,
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<TaskView> {
    let t = get_scoped::<task::Entity, _>(db, p, id).await?;
    Ok(views(db, vec![t]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &TaskFilter,
    q: &PageQuery,
) -> Result<Page<TaskView>> {
    let mut s = scoped::<task::Entity>(p);
    if let Some(r) = f.round_id {
        s = s.filter(task::Column::RoundId.eq(r));
    }
    if let Some(c) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(task::Column::RegionCode.eq(c));
    }
    if let Some(st) = f.status.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(task::Column::Status.eq(st));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("deadline", task::Column::Deadline),
            ("created_at", task::Column::CreatedAt),
            ("status", task::Column::Status),
        ],
        "deadline",
        task::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: TaskInput) -> Result<TaskView> {
    let mut errs = FieldErrors::new();
    let title = errs.text("title", &i.title, 100);
    let requirement = errs.text("requirement", &i.requirement, 4000);
    if i.deadline < today() {
        errs.push(FieldError::new("deadline", Rule::Range).with("min", today()));
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = rounds::load(&txn, i.round_id)
        .await
        .map_err(|_| StoreError::from(FieldError::new("round_id", Rule::Exists)))?;
    if r.status != "published" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let s = Survey::of(by_id::<survey::Entity, _>(&txn, r.survey_id).await?)?;
    if !s.services.contains(&i.service) {
        errs.push(FieldError::new("service", Rule::Enum).with("allowed", s.services.join(",")));
    }
    let city = regions::cities(&txn)
        .await?
        .into_iter()
        .find(|c| c.code == i.region_code);
    if city.is_none() {
        errs.push(FieldError::new("region_code", Rule::Exists).with("value", &i.region_code));
    }
    let org = unscoped::<org::Entity>("the responsible organisation may be any in the city")
        .filter(org::Column::Id.eq(i.org_id))
        .filter(org::Column::Status.eq("active"))
        .one(&txn)
        .await?;
    let in_city = match (&org, &city) {
        (Some(o), Some(c)) => regions::by_id(&txn, o.region_id)
            .await?
            .path
            .starts_with(&c.path),
        _ => false,
    };
    if !in_city {
        errs.push(FieldError::new("org_id", Rule::Exists).with("value", i.org_id));
    }
    errs.finish()?;
    let (Some(city), Some(org)) = (city, org) else {
        return Err(StoreError::NotFound);
    };
    if !p.covers(&city.path, org.id, Some(p.user_id)) {
        return Err(FieldError::new("region_code", Rule::Exists).into());
    }
    let now = Utc::now();
    let t = task::ActiveModel {
        round_id: Set(r.id),
        region_code: Set(city.code),
        service: Set(i.service),
        title: Set(title.unwrap_or_default()),
        requirement: Set(requirement.unwrap_or_default()),
        deadline: Set(i.deadline),
        status: Set("assigned".into()),
        region_path: Set(city.path),
        org_id: Set(org.id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, target(&t), "create", None, Some(&t)).await?;
    notices::to_orgs(
        &txn,
        &[org.id],
        &Notice {
            kind: "task_assigned",
            title: format!("整改任务:{}", t.title),
            body: format!("请于 {} 前完成整改并报送材料。", t.deadline),
            link: format!("/service/tasks/{}", t.id),
        },
    )
    .await?;
    let v = views(&txn, vec![t]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}

/// The responsible organisation's answer: evidence, while assigned or returned.
pub async fn submit(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: EvidenceInput,
) -> Result<TaskView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let t = get_scoped::<task::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let evidence = errs.text("evidence", &i.evidence, 4000);
    errs.finish()?;
    if t.org_id != p.org_id || !["assigned", "returned"].contains(&t.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let am = task::ActiveModel {
        status: Set("submitted".into()),
        evidence: Set(evidence),
        submitted_at: Set(Some(Utc::now())),
        submitted_by: Set(Some(p.display_name.clone())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        task::Column::Id,
        task::Column::Version,
        id,
        i.version,
        am,
    )
    .await?;
    files::attach(&txn, p, &i.attachment_ids, ENTITY, id).await?;
    let after = by_id::<task::Entity, _>(&txn, id).await?;
    audit::record(&txn, p, target(&t), "submit", Some(&t), Some(&after)).await?;
    let v = views(&txn, vec![after]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}

/// The province's review of submitted evidence: accepted (done) or returned with a comment.
pub async fn review(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ReviewInput,
) -> Result<TaskView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let t = get_scoped::<task::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let accept = match i.decision.as_str() {
        "accept" => true,
        "return" => false,
        _ => {
            errs.push(FieldError::new("decision", Rule::Enum).with("allowed", "accept,return"));
            false
        }
    };
    let comment = errs.optional_text("comment", i.comment.as_deref(), 2000);
    if !accept && comment.is_none() && i.decision == "return" {
        errs.push(FieldError::new("comment", Rule::Required));
    }
    errs.finish()?;
    if t.status != "submitted" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    if t.org_id == p.org_id {
        return Err(StoreError::Rule(ErrorCode::ServiceOwnTask));
    }
    let am = task::ActiveModel {
        status: Set(if accept { "accepted" } else { "returned" }.into()),
        review_comment: Set(comment),
        reviewed_by: Set(Some(p.display_name.clone())),
        reviewed_at: Set(Some(Utc::now())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        task::Column::Id,
        task::Column::Version,
        id,
        i.version,
        am,
    )
    .await?;
    let after = by_id::<task::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(&t),
        if accept { "accept" } else { "return" },
        Some(&t),
        Some(&after),
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[t.org_id],
        &Notice {
            kind: if accept {
                "report_accepted"
            } else {
                "report_returned"
            },
            title: format!(
                "整改任务{}:{}",
                if accept { "已通过" } else { "被退回" },
                t.title
            ),
            body: after.review_comment.clone().unwrap_or_default(),
            link: format!("/service/tasks/{id}"),
        },
    )
    .await?;
    let v = views(&txn, vec![after]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}
