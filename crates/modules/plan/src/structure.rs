//! The structure of a plan: parts, points and tasks, edited while the plan is a draft.

use longzhi_domain::PlanStatus;
use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use longzhi_domain::outline::Outline;
use longzhi_domain::{DataScope, FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{plan, plan_part, plan_point, plan_target, plan_task};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};

use crate::plans::{require_status, writable};
use longzhi_store::repo::by_id;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PartView {
    pub id: i64,
    pub seq: i32,
    pub title: String,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PointView {
    pub id: i64,
    pub seq: i32,
    pub title: String,
    pub body: String,
    pub tasks: Vec<TaskView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: i64,
    pub point_id: i64,
    pub seq: i32,
    pub title: String,
    pub lead_dept_id: Option<i64>,
    pub lead_dept_name: Option<String>,
    pub participant_ids: Vec<i64>,
    pub participant_names: Vec<String>,
    /// `all`, `some` or `none`: which city bureaus the task is addressed to.
    pub city_scope: String,
    pub city_codes: Vec<String>,
    pub deadline: NaiveDate,
    pub evidence: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PartInput {
    pub seq: Option<i32>,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PointInput {
    pub seq: Option<i32>,
    pub title: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct TaskInput {
    pub title: String,
    pub lead_dept_id: Option<i64>,
    #[serde(default)]
    pub participant_ids: Vec<i64>,
    pub city_scope: String,
    #[serde(default)]
    pub city_codes: Vec<String>,
    pub deadline: NaiveDate,
    #[serde(default)]
    pub evidence: String,
    /// Required to update.
    pub version: Option<i32>,
}

pub const CITY_SCOPES: [&str; 3] = ["all", "some", "none"];

pub(crate) fn json_ids(s: &str) -> Vec<i64> {
    serde_json::from_str(s).unwrap_or_default()
}

pub(crate) fn json_codes(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Parts → points → tasks of `plan`. Outside the province a principal sees only the tasks
/// addressed to it (every point: the plan's text is no secret).
pub(crate) async fn tree<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &plan::Model,
) -> Result<Vec<PartView>> {
    let parts = plan_part::Entity::find()
        .filter(plan_part::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_part::Column::Seq)
        .order_by_asc(plan_part::Column::Id)
        .all(db)
        .await?;
    let points = plan_point::Entity::find()
        .filter(plan_point::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_point::Column::Seq)
        .order_by_asc(plan_point::Column::Id)
        .all(db)
        .await?;
    let mut tasks = plan_task::Entity::find()
        .filter(plan_task::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_task::Column::Seq)
        .order_by_asc(plan_task::Column::Id)
        .all(db)
        .await?;
    if p.scope != DataScope::All {
        let mine: HashSet<i64> = scoped::<plan_target::Entity>(p)
            .filter(plan_target::Column::PlanId.eq(plan.id))
            .select_only()
            .column(plan_target::Column::TaskId)
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        tasks.retain(|t| mine.contains(&t.id));
    }
    let mut task_views: HashMap<i64, Vec<TaskView>> = HashMap::new();
    for t in task_views_of(db, tasks).await? {
        task_views.entry(t.point_id).or_default().push(t);
    }
    let mut point_views: HashMap<i64, Vec<PointView>> = HashMap::new();
    for pt in points {
        point_views.entry(pt.part_id).or_default().push(PointView {
            tasks: task_views.remove(&pt.id).unwrap_or_default(),
            id: pt.id,
            seq: pt.seq,
            title: pt.title,
            body: pt.body,
        });
    }
    Ok(parts
        .into_iter()
        .map(|pa| PartView {
            points: point_views.remove(&pa.id).unwrap_or_default(),
            id: pa.id,
            seq: pa.seq,
            title: pa.title,
        })
        .collect())
}

pub(crate) async fn task_views_of<C: ConnectionTrait>(
    db: &C,
    tasks: Vec<plan_task::Model>,
) -> Result<Vec<TaskView>> {
    let mut org_ids: Vec<i64> = tasks.iter().filter_map(|t| t.lead_dept_id).collect();
    for t in &tasks {
        org_ids.extend(json_ids(&t.participant_ids));
    }
    let names: HashMap<i64, String> =
        unscoped::<org::Entity>("names of the departments a visible task names")
            .filter(org::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
    Ok(tasks
        .into_iter()
        .map(|t| {
            let participant_ids = json_ids(&t.participant_ids);
            TaskView {
                lead_dept_name: t.lead_dept_id.and_then(|id| names.get(&id).cloned()),
                participant_names: participant_ids
                    .iter()
                    .filter_map(|id| names.get(id).cloned())
                    .collect(),
                participant_ids,
                city_codes: json_codes(&t.city_codes),
                id: t.id,
                point_id: t.point_id,
                seq: t.seq,
                title: t.title,
                lead_dept_id: t.lead_dept_id,
                city_scope: t.city_scope,
                deadline: t.deadline,
                evidence: t.evidence,
                version: t.version,
            }
        })
        .collect())
}

/// A transaction on a draft plan the principal may change.
async fn draft(
    db: &DatabaseConnection,
    p: &Principal,
    plan_id: i64,
) -> Result<(DatabaseTransaction, plan::Model)> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let plan = writable(&txn, p, plan_id).await?;
    require_status(&plan, PlanStatus::Draft)?;
    Ok((txn, plan))
}

fn audit_target<'a>(plan: &'a plan::Model, entity: &'a str, id: i64) -> Target<'a> {
    Target {
        entity,
        id: id.to_string(),
        region_path: &plan.region_path,
        org_id: Some(plan.org_id),
    }
}

/// Audits a change of the structure and commits it with its audit entry.
async fn commit<T: Serialize>(
    txn: DatabaseTransaction,
    p: &Principal,
    target: Target<'_>,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    audit::record(&txn, p, target, action, before, after).await?;
    txn.commit().await?;
    Ok(())
}

fn check_title(field: &str, title: &str, max: usize) -> std::result::Result<String, FieldError> {
    let t = title.trim();
    if t.is_empty() {
        Err(FieldError::new(field, Rule::Required))
    } else if t.chars().count() > max {
        Err(FieldError::new(field, Rule::Length).with("max", max))
    } else {
        Ok(t.to_owned())
    }
}

/// The next sequence number among `seqs`.
fn next_seq(seqs: impl Iterator<Item = i32>) -> i32 {
    seqs.max().unwrap_or(0) + 1
}

async fn insert_part<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &plan::Model,
    seq: Option<i32>,
    title: &str,
) -> Result<plan_part::Model> {
    let title = check_title("title", title, 200)?;
    let seq = match seq {
        Some(s) => s,
        None => next_seq(
            plan_part::Entity::find()
                .filter(plan_part::Column::PlanId.eq(plan.id))
                .all(db)
                .await?
                .iter()
                .map(|x| x.seq),
        ),
    };
    let part = plan_part::ActiveModel {
        plan_id: Set(plan.id),
        seq: Set(seq),
        title: Set(title),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        p,
        audit_target(plan, "plan_part", part.id),
        "create",
        None,
        Some(&part),
    )
    .await?;
    Ok(part)
}

async fn insert_point<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &plan::Model,
    part_id: i64,
    input: &PointInput,
) -> Result<plan_point::Model> {
    let title = check_title("title", &input.title, 500)?;
    let seq = match input.seq {
        Some(s) => s,
        None => next_seq(
            plan_point::Entity::find()
                .filter(plan_point::Column::PlanId.eq(plan.id))
                .all(db)
                .await?
                .iter()
                .map(|x| x.seq),
        ),
    };
    let point = plan_point::ActiveModel {
        plan_id: Set(plan.id),
        part_id: Set(part_id),
        seq: Set(seq),
        title: Set(title),
        body: Set(input.body.trim().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        p,
        audit_target(plan, "plan_point", point.id),
        "create",
        None,
        Some(&point),
    )
    .await?;
    Ok(point)
}

/// Creates the parts and points of an outline (an imported text) in `plan`.
pub(crate) async fn create_outline<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &plan::Model,
    outline: &Outline,
) -> Result<()> {
    for part in &outline.parts {
        let pa = insert_part(db, p, plan, Some(part.seq), &part.title).await?;
        for point in &part.points {
            let input = PointInput {
                seq: Some(point.seq),
                title: point.title.clone(),
                body: point.body.clone(),
            };
            insert_point(db, p, plan, pa.id, &input).await?;
        }
    }
    Ok(())
}

pub async fn create_part(
    db: &DatabaseConnection,
    p: &Principal,
    plan_id: i64,
    input: PartInput,
) -> Result<PartView> {
    let (txn, plan) = draft(db, p, plan_id).await?;
    let part = insert_part(&txn, p, &plan, input.seq, &input.title).await?;
    txn.commit().await?;
    Ok(PartView {
        id: part.id,
        seq: part.seq,
        title: part.title,
        points: vec![],
    })
}

pub async fn update_part(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    input: PartInput,
) -> Result<()> {
    let before = by_id::<plan_part::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, before.plan_id).await?;
    let title = check_title("title", &input.title, 200)?;
    let after = plan_part::ActiveModel {
        id: Set(id),
        seq: Set(input.seq.unwrap_or(before.seq)),
        title: Set(title),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_part", id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}

/// Deletes a part with its points and their tasks.
pub async fn delete_part(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let part = by_id::<plan_part::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, part.plan_id).await?;
    let points: Vec<i64> = plan_point::Entity::find()
        .filter(plan_point::Column::PartId.eq(id))
        .select_only()
        .column(plan_point::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    plan_task::Entity::delete_many()
        .filter(plan_task::Column::PointId.is_in(points))
        .exec(&txn)
        .await?;
    plan_point::Entity::delete_many()
        .filter(plan_point::Column::PartId.eq(id))
        .exec(&txn)
        .await?;
    plan_part::Entity::delete_by_id(id).exec(&txn).await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_part", id),
        "delete",
        Some(&part),
        None,
    )
    .await?;
    Ok(())
}

pub async fn create_point(
    db: &DatabaseConnection,
    p: &Principal,
    part_id: i64,
    input: PointInput,
) -> Result<PointView> {
    let part = by_id::<plan_part::Entity, _>(db, part_id).await?;
    let (txn, plan) = draft(db, p, part.plan_id).await?;
    let point = insert_point(&txn, p, &plan, part_id, &input).await?;
    txn.commit().await?;
    Ok(PointView {
        id: point.id,
        seq: point.seq,
        title: point.title,
        body: point.body,
        tasks: vec![],
    })
}

pub async fn update_point(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    input: PointInput,
) -> Result<()> {
    let before = by_id::<plan_point::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, before.plan_id).await?;
    let title = check_title("title", &input.title, 500)?;
    let after = plan_point::ActiveModel {
        id: Set(id),
        seq: Set(input.seq.unwrap_or(before.seq)),
        title: Set(title),
        body: Set(input.body.trim().to_owned()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_point", id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(())
}

pub async fn delete_point(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let point = by_id::<plan_point::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, point.plan_id).await?;
    plan_task::Entity::delete_many()
        .filter(plan_task::Column::PointId.eq(id))
        .exec(&txn)
        .await?;
    plan_point::Entity::delete_by_id(id).exec(&txn).await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_point", id),
        "delete",
        Some(&point),
        None,
    )
    .await?;
    Ok(())
}

/// The checked fields of a task.
struct TaskFields {
    title: String,
    participant_ids: String,
    city_codes: String,
    evidence: String,
}

async fn check_task<C: ConnectionTrait>(
    db: &C,
    plan: &plan::Model,
    t: &TaskInput,
) -> Result<TaskFields> {
    let mut errs = FieldErrors::new();
    let title = errs.check("title", check_title("title", &t.title, 500));
    let mut dept_ids: Vec<i64> = t.participant_ids.clone();
    dept_ids.extend(t.lead_dept_id);
    let depts: HashSet<i64> =
        unscoped::<org::Entity>("a task may name any department of the bureau")
            .filter(org::Column::Id.is_in(dept_ids))
            .filter(org::Column::Kind.eq("department"))
            .select_only()
            .column(org::Column::Id)
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    if let Some(id) = t.lead_dept_id.filter(|id| !depts.contains(id)) {
        errs.push(FieldError::new("lead_dept_id", Rule::Exists).with("value", id));
    }
    if let Some(id) = t.participant_ids.iter().find(|id| !depts.contains(id)) {
        errs.push(FieldError::new("participant_ids", Rule::Exists).with("value", id));
    }
    if !CITY_SCOPES.contains(&t.city_scope.as_str()) {
        errs.push(FieldError::new("city_scope", Rule::Enum).with("allowed", CITY_SCOPES.join(",")));
    }
    let codes: Vec<String> = if t.city_scope == "some" {
        let mut codes = t.city_codes.clone();
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            errs.push(FieldError::new("city_codes", Rule::Required));
        }
        let known: HashSet<String> = city_regions(db)
            .await?
            .into_iter()
            .map(|r| r.code)
            .collect();
        if let Some(c) = codes.iter().find(|c| !known.contains(*c)) {
            errs.push(FieldError::new("city_codes", Rule::Exists).with("value", c));
        }
        codes
    } else {
        vec![]
    };
    if t.lead_dept_id.is_none() && t.city_scope == "none" {
        errs.push(FieldError::new("lead_dept_id", Rule::Required));
    }
    if t.deadline < plan.start_date || t.deadline > plan.end_date {
        errs.push(
            FieldError::new("deadline", Rule::Range)
                .with("min", plan.start_date)
                .with("max", plan.end_date),
        );
    }
    let evidence = t.evidence.trim();
    if evidence.chars().count() > 2000 {
        errs.push(FieldError::new("evidence", Rule::Length).with("max", 2000));
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    Ok(TaskFields {
        title: title.unwrap_or_default(),
        participant_ids: serde_json::to_string(&t.participant_ids).unwrap_or_else(|_| "[]".into()),
        city_codes: serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into()),
        evidence: evidence.to_owned(),
    })
}

/// The city-level regions: the province's direct children (prefectures and special areas).
pub(crate) use longzhi_store::repo::regions::cities as city_regions;

pub async fn create_task(
    db: &DatabaseConnection,
    p: &Principal,
    point_id: i64,
    t: TaskInput,
) -> Result<TaskView> {
    let point = by_id::<plan_point::Entity, _>(db, point_id).await?;
    let (txn, plan) = draft(db, p, point.plan_id).await?;
    let f = check_task(&txn, &plan, &t).await?;
    let seq = next_seq(
        plan_task::Entity::find()
            .filter(plan_task::Column::PointId.eq(point_id))
            .all(&txn)
            .await?
            .iter()
            .map(|x| x.seq),
    );
    let now = Utc::now();
    let task = plan_task::ActiveModel {
        plan_id: Set(plan.id),
        point_id: Set(point_id),
        seq: Set(seq),
        title: Set(f.title),
        lead_dept_id: Set(t.lead_dept_id),
        participant_ids: Set(f.participant_ids),
        city_scope: Set(t.city_scope),
        city_codes: Set(f.city_codes),
        deadline: Set(t.deadline),
        evidence: Set(f.evidence),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_task", task.id),
        "create",
        None,
        Some(&task),
    )
    .await?;
    task_views_of(db, vec![task])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub async fn update_task(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    t: TaskInput,
) -> Result<TaskView> {
    let before = by_id::<plan_task::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, before.plan_id).await?;
    let version = t
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let f = check_task(&txn, &plan, &t).await?;
    let am = plan_task::ActiveModel {
        title: Set(f.title),
        lead_dept_id: Set(t.lead_dept_id),
        participant_ids: Set(f.participant_ids),
        city_scope: Set(t.city_scope),
        city_codes: Set(f.city_codes),
        deadline: Set(t.deadline),
        evidence: Set(f.evidence),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    longzhi_store::repo::update_versioned::<plan_task::Entity, _, _>(
        &txn,
        plan_task::Column::Id,
        plan_task::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = by_id::<plan_task::Entity, _>(&txn, id).await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_task", id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    task_views_of(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub async fn delete_task(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let task = by_id::<plan_task::Entity, _>(db, id).await?;
    let (txn, plan) = draft(db, p, task.plan_id).await?;
    plan_task::Entity::delete_by_id(id).exec(&txn).await?;
    commit(
        txn,
        p,
        audit_target(&plan, "plan_task", id),
        "delete",
        Some(&task),
        None,
    )
    .await?;
    Ok(())
}

/// Removes the structure of a plan (before the plan itself is deleted).
pub(crate) async fn delete_all<C: ConnectionTrait>(db: &C, plan_id: i64) -> Result<()> {
    plan_task::Entity::delete_many()
        .filter(plan_task::Column::PlanId.eq(plan_id))
        .exec(db)
        .await?;
    plan_point::Entity::delete_many()
        .filter(plan_point::Column::PlanId.eq(plan_id))
        .exec(db)
        .await?;
    plan_part::Entity::delete_many()
        .filter(plan_part::Column::PlanId.eq(plan_id))
        .exec(db)
        .await?;
    Ok(())
}
