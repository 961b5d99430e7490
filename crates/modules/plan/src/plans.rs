//! Annual work plans (督办): a plan is structured into parts, points and tasks while it is a
//! draft; publishing it gives every addressee (the task's lead department, every addressed city
//! bureau) a *target* to report on, which the province reviews. See docs/guide/plan.md.

use longzhi_domain::{PlanStatus, Review, TargetStatus};
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::outline::Outline;
use longzhi_domain::{DataScope, FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{plan, plan_target};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};

pub use crate::structure::{PartView, PointView, TaskView};
use crate::{structure, targets};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::update_versioned;

/// The entity name of a plan in the audit log and on attachments.
const ENTITY: &str = "plan";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub doc_no: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub status: longzhi_domain::PlanStatus,
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub task_count: u64,
    pub target_count: u64,
    pub completed_count: u64,
    /// Completed targets / targets (0 when there is none).
    pub completion: f64,
    pub attachments: Vec<FileView>,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanDetail {
    pub plan: PlanView,
    pub parts: Vec<PartView>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanFilter {
    /// Title or document number contains.
    pub q: Option<String>,
    pub year: Option<i32>,
    #[param(value_type = Option<longzhi_domain::PlanStatus>)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewPlan {
    pub year: i32,
    pub title: String,
    pub doc_no: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    /// Parts and points to create with the plan (an imported text's corrected preview).
    pub outline: Option<Outline>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PlanUpdate {
    pub year: i32,
    pub title: String,
    pub doc_no: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    pub version: i32,
}

/// Whether a target is completed: reported done and the report accepted.
pub(crate) fn completed(t: &plan_target::Model) -> bool {
    t.status == TargetStatus::Done && t.review == Review::Accepted
}

/// The plans a principal may read: all of them for the province (scope all); for everyone else
/// the published and closed plans in which they have a target — the target's scope decides.
pub(crate) fn visible(p: &Principal) -> sea_orm::Select<plan::Entity> {
    if p.scope == DataScope::All {
        return scoped::<plan::Entity>(p);
    }
    let mine = scoped::<plan_target::Entity>(p)
        .select_only()
        .column(plan_target::Column::PlanId)
        .into_query();
    unscoped::<plan::Entity>("the condition below is the plan scope: own or through targets")
        .filter(
            Condition::any().add(p.condition::<plan::Entity>()).add(
                Condition::all()
                    .add(plan::Column::Status.ne("draft"))
                    .add(plan::Column::Id.in_subquery(mine)),
            ),
        )
}

pub async fn get_plan<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<plan::Model> {
    visible(p)
        .filter(plan::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The plan `id` if the principal may change it (the plan's own scope, not a target's).
pub(crate) async fn writable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<plan::Model> {
    let plan = get_plan(db, p, id).await?;
    if !p.covers(&plan.region_path, plan.org_id, plan.owner_id) {
        return Err(StoreError::NotFound);
    }
    Ok(plan)
}

pub(crate) fn require_status(plan: &plan::Model, status: PlanStatus) -> Result<()> {
    if plan.status == status {
        return Ok(());
    }
    Err(StoreError::Rule(match (status, plan.status) {
        (_, PlanStatus::Closed) => longzhi_domain::ErrorCode::PlanClosed,
        (PlanStatus::Draft, _) => longzhi_domain::ErrorCode::PlanNotDraft,
        _ => longzhi_domain::ErrorCode::PlanNotPublished,
    }))
}

async fn views<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rows: Vec<plan::Model>,
) -> Result<Vec<PlanView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tasks: Vec<i64> = crate::entity::plan_task::Entity::find()
        .select_only()
        .column(crate::entity::plan_task::Column::PlanId)
        .filter(crate::entity::plan_task::Column::PlanId.is_in(ids.clone()))
        .into_tuple()
        .all(db)
        .await?;
    // Counted over the targets the principal can see: a city's completion is its own.
    let targets = scoped::<plan_target::Entity>(p)
        .filter(plan_target::Column::PlanId.is_in(ids.clone()))
        .all(db)
        .await?;
    let mut counts: HashMap<i64, (u64, u64, u64)> = HashMap::new();
    for t in tasks {
        counts.entry(t).or_default().0 += 1;
    }
    for t in &targets {
        let c = counts.entry(t.plan_id).or_default();
        c.1 += 1;
        c.2 += u64::from(completed(t));
    }
    let mut files = files::attached(db, ENTITY, ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (task_count, target_count, completed_count) =
                counts.get(&r.id).copied().unwrap_or_default();
            PlanView {
                attachments: files.remove(&r.id).unwrap_or_default(),
                task_count,
                target_count,
                completed_count,
                completion: rate(completed_count, target_count),
                id: r.id,
                year: r.year,
                title: r.title,
                doc_no: r.doc_no,
                start_date: r.start_date,
                end_date: r.end_date,
                status: r.status,
                published_at: r.published_at,
                version: r.version,
                created_at: r.created_at,
                updated_at: r.updated_at,
            }
        })
        .collect())
}

pub(crate) fn rate(done: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &PlanFilter,
    q: &PageQuery,
) -> Result<Page<PlanView>> {
    let mut s = visible(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[plan::Column::Title, plan::Column::DocNo], t))
    {
        s = s.filter(e);
    }
    if let Some(y) = f.year {
        s = s.filter(plan::Column::Year.eq(y));
    }
    if let Some(st) = &f.status {
        s = s.filter(plan::Column::Status.eq(st.as_str()));
    }
    let sortable = [
        ("year", plan::Column::Year),
        ("title", plan::Column::Title),
        ("status", plan::Column::Status),
        ("created_at", plan::Column::CreatedAt),
    ];
    let page = paginate(db, s, q, &sortable, "-year,-created_at", plan::Column::Id).await?;
    Ok(Page {
        items: views(db, p, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<PlanView> {
    let plan = get_plan(db, p, id).await?;
    views(db, p, vec![plan])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<PlanDetail> {
    let plan = get_plan(db, p, id).await?;
    let parts = structure::tree(db, p, &plan).await?;
    Ok(PlanDetail {
        plan: views(db, p, vec![plan])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?,
        parts,
    })
}

/// The plan's fields, checked: every broken rule at once.
struct PlanFields {
    year: i32,
    title: String,
    doc_no: Option<String>,
    start_date: NaiveDate,
    end_date: NaiveDate,
}

fn check_fields(
    year: i32,
    title: &str,
    doc_no: Option<&str>,
    start_date: NaiveDate,
    end_date: NaiveDate,
) -> Result<PlanFields> {
    let mut errs = FieldErrors::new();
    if !(2000..=2100).contains(&year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    let title = title.trim();
    if title.is_empty() {
        errs.push(FieldError::new("title", Rule::Required));
    } else if title.chars().count() > 200 {
        errs.push(FieldError::new("title", Rule::Length).with("max", 200));
    }
    let doc_no = doc_no.map(str::trim).filter(|d| !d.is_empty());
    if doc_no.is_some_and(|d| d.chars().count() > 64) {
        errs.push(FieldError::new("doc_no", Rule::Length).with("max", 64));
    }
    if end_date < start_date {
        errs.push(FieldError::new("end_date", Rule::Range).with("min", start_date));
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    Ok(PlanFields {
        year,
        title: title.to_owned(),
        doc_no: doc_no.map(str::to_owned),
        start_date,
        end_date,
    })
}

fn target(plan: &plan::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: plan.id.to_string(),
        region_path: &plan.region_path,
        org_id: Some(plan.org_id),
    }
}

pub async fn create(db: &DatabaseConnection, p: &Principal, n: NewPlan) -> Result<PlanView> {
    let f = check_fields(
        n.year,
        &n.title,
        n.doc_no.as_deref(),
        n.start_date,
        n.end_date,
    )?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    let plan = plan::ActiveModel {
        year: Set(f.year),
        title: Set(f.title),
        doc_no: Set(f.doc_no),
        start_date: Set(f.start_date),
        end_date: Set(f.end_date),
        status: Set(PlanStatus::Draft),
        published_at: Set(None),
        closed_at: Set(None),
        region_path: Set(p.region_path.clone()),
        org_id: Set(p.org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    files::attach(&txn, p, &n.attachment_ids, ENTITY, plan.id).await?;
    audit::record(&txn, p, target(&plan), "create", None, Some(&plan)).await?;
    if let Some(outline) = &n.outline {
        structure::create_outline(&txn, p, &plan, outline).await?;
    }
    txn.commit().await?;
    get(db, p, plan.id).await
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    u: PlanUpdate,
) -> Result<PlanView> {
    let f = check_fields(
        u.year,
        &u.title,
        u.doc_no.as_deref(),
        u.start_date,
        u.end_date,
    )?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = writable(&txn, p, id).await?;
    if before.status == PlanStatus::Closed {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::PlanClosed));
    }
    let am = plan::ActiveModel {
        year: Set(f.year),
        title: Set(f.title),
        doc_no: Set(f.doc_no),
        start_date: Set(f.start_date),
        end_date: Set(f.end_date),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned::<plan::Entity, _, _>(
        &txn,
        plan::Column::Id,
        plan::Column::Version,
        id,
        u.version,
        am,
    )
    .await?;
    files::attach(&txn, p, &u.attachment_ids, ENTITY, id).await?;
    let after = writable(&txn, p, id).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    get(db, p, id).await
}

/// Deletes a draft with its structure; its attachments stay stored but detached.
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let plan = writable(&txn, p, id).await?;
    require_status(&plan, PlanStatus::Draft)?;
    structure::delete_all(&txn, id).await?;
    files::attach(&txn, p, &[], ENTITY, id).await?;
    plan::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, target(&plan), "delete", Some(&plan), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes a draft: creates the targets of every task and tells each addressee.
pub async fn publish(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<PlanView> {
    transition(
        db,
        p,
        id,
        (PlanStatus::Draft, PlanStatus::Published, "publish"),
    )
    .await
}

/// Closes a published plan: no more reports.
pub async fn close(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<PlanView> {
    transition(
        db,
        p,
        id,
        (PlanStatus::Published, PlanStatus::Closed, "close"),
    )
    .await
}

/// Moves plan `id` from one status to the next, stamping the moment and auditing `action`;
/// publishing also creates the targets (and refuses a plan without any).
async fn transition(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    (from, to, action): (PlanStatus, PlanStatus, &str),
) -> Result<PlanView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = writable(&txn, p, id).await?;
    require_status(&before, from)?;
    let now = Utc::now();
    let mut am = plan::ActiveModel {
        id: Set(id),
        status: Set(to),
        updated_at: Set(now),
        version: Set(before.version + 1),
        ..Default::default()
    };
    if to == PlanStatus::Published {
        am.published_at = Set(Some(now));
    } else {
        am.closed_at = Set(Some(now));
    }
    // The plan's row is locked by its update before the targets' audit entries take the
    // chain's head: an edit of the plan meanwhile waits instead of deadlocking.
    let after = am.update(&txn).await?;
    if to == PlanStatus::Published && targets::create_for_plan(&txn, p, &before).await? == 0 {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::PlanEmpty));
    }
    audit::record(&txn, p, target(&after), action, Some(&before), Some(&after)).await?;
    txn.commit().await?;
    get(db, p, id).await
}
