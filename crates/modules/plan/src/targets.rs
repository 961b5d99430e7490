//! Targets: what one addressee owes on one task of a published plan. The addressee reports
//! progress (several times over the year); the province reviews each report, accepting it or
//! returning it with a comment. Every change is audited on the target: its timeline.

use longzhi_domain::{PlanStatus, Review, TargetStatus};
use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::{plan, plan_point, plan_report, plan_target, plan_task};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::{audit_log, org, region};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::scope::{Principal, scoped, unscoped, unscoped_by_id};
use longzhi_store::{Result, StoreError};

use crate::plans::{completed, get_plan, require_status};
use crate::structure::{self, TaskView, json_codes};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{by_id, by_ids, get_scoped};

pub use longzhi_store::today;

pub const REVIEWS: [&str; 4] = ["none", "pending", "accepted", "returned"];
const ENTITY: &str = "plan_target";
const REPORT: &str = "plan_report";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetView {
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub plan_status: longzhi_domain::PlanStatus,
    pub task_id: i64,
    pub task_title: String,
    pub point_id: i64,
    pub point_seq: i32,
    pub point_title: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub region_code: String,
    pub region_name: String,
    pub lead_dept_name: Option<String>,
    pub deadline: NaiveDate,
    pub status: longzhi_domain::TargetStatus,
    pub percent: i32,
    pub review: longzhi_domain::Review,
    /// Past its deadline and not completed.
    pub overdue: bool,
    pub last_report_at: Option<chrono::DateTime<Utc>>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub id: i64,
    pub target_id: i64,
    pub status: longzhi_domain::TargetStatus,
    pub percent: i32,
    pub text: String,
    pub report_date: NaiveDate,
    pub submitted_by_name: String,
    pub submitted_at: chrono::DateTime<Utc>,
    pub review: longzhi_domain::Review,
    pub review_comment: Option<String>,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<chrono::DateTime<Utc>>,
    pub attachments: Vec<FileView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub at: chrono::DateTime<Utc>,
    pub actor_name: String,
    /// `published`, `reported`, `accepted`, `returned`, `reminded`, `overdue`.
    pub action: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TargetDetail {
    pub target: TargetView,
    pub task: TaskView,
    pub evidence: String,
    pub reports: Vec<ReportView>,
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TargetFilter {
    pub plan_id: Option<i64>,
    pub point_id: Option<i64>,
    /// The addressee.
    pub org_id: Option<i64>,
    /// Addressees in this region's subtree (a region code).
    pub region_code: Option<String>,
    /// Tasks led by this department (or addressed to it).
    pub dept_id: Option<i64>,
    #[param(value_type = Option<longzhi_domain::TargetStatus>)]
    pub status: Option<String>,
    #[param(value_type = Option<longzhi_domain::Review>)]
    pub review: Option<String>,
    pub overdue: Option<bool>,
    /// Task title contains.
    pub q: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewReport {
    #[schema(value_type = longzhi_domain::TargetStatus)]
    pub status: String,
    pub percent: i32,
    pub text: String,
    pub report_date: NaiveDate,
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ReviewInput {
    /// `accept` or `return`.
    pub decision: String,
    pub comment: Option<String>,
}

/// `deadline < today` and not completed, as SQL.
pub(crate) fn overdue_condition(today: NaiveDate) -> Condition {
    Condition::all()
        .add(plan_target::Column::Deadline.lt(today))
        .add(
            Condition::any()
                .add(plan_target::Column::Status.ne("done"))
                .add(plan_target::Column::Review.ne("accepted")),
        )
}

fn is_overdue(t: &plan_target::Model, today: NaiveDate) -> bool {
    !completed(t) && (t.overdue || t.deadline < today)
}

async fn filtered<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &TargetFilter,
) -> Result<sea_orm::Select<plan_target::Entity>> {
    let mut s = scoped::<plan_target::Entity>(p);
    if let Some(id) = f.plan_id {
        s = s.filter(plan_target::Column::PlanId.eq(id));
    }
    if let Some(id) = f.point_id {
        s = s.filter(plan_target::Column::PointId.eq(id));
    }
    if let Some(id) = f.org_id {
        s = s.filter(plan_target::Column::OrgId.eq(id));
    }
    if let Some(code) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        let path = longzhi_store::repo::regions::by_code(db, code).await?.path;
        s = s.filter(plan_target::Column::RegionPath.starts_with(path));
    }
    if let Some(dept) = f.dept_id {
        let led = plan_task::Entity::find()
            .select_only()
            .column(plan_task::Column::Id)
            .filter(plan_task::Column::LeadDeptId.eq(dept))
            .into_query();
        s = s.filter(
            Condition::any()
                .add(plan_target::Column::TaskId.in_subquery(led))
                .add(plan_target::Column::OrgId.eq(dept)),
        );
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(plan_target::Column::Status.eq(st));
    }
    if let Some(r) = f.review.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(plan_target::Column::Review.eq(r));
    }
    match f.overdue {
        Some(true) => s = s.filter(overdue_condition(today())),
        Some(false) => s = s.filter(overdue_condition(today()).not()),
        None => {}
    }
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[plan_task::Column::Title], t))
    {
        let tasks = plan_task::Entity::find()
            .select_only()
            .column(plan_task::Column::Id)
            .filter(e)
            .into_query();
        s = s.filter(plan_target::Column::TaskId.in_subquery(tasks));
    }
    Ok(s)
}

pub(crate) async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<plan_target::Model>,
) -> Result<Vec<TargetView>> {
    let plans: HashMap<i64, plan::Model> =
        by_ids::<plan::Entity, _>(db, plan::Column::Id, rows.iter().map(|t| t.plan_id), |x| {
            x.id
        })
        .await?;
    let tasks: HashMap<i64, plan_task::Model> = by_ids::<plan_task::Entity, _>(
        db,
        plan_task::Column::Id,
        rows.iter().map(|t| t.task_id),
        |x| x.id,
    )
    .await?;
    let points: HashMap<i64, plan_point::Model> = by_ids::<plan_point::Entity, _>(
        db,
        plan_point::Column::Id,
        rows.iter().map(|t| t.point_id),
        |x| x.id,
    )
    .await?;
    let org_ids = rows
        .iter()
        .map(|t| t.org_id)
        .chain(tasks.values().filter_map(|t| t.lead_dept_id));
    let orgs: HashMap<i64, org::Model> =
        by_ids::<org::Entity, _>(db, org::Column::Id, org_ids, |x| x.id).await?;
    let regions: HashMap<i64, region::Model> = by_ids::<region::Entity, _>(
        db,
        region::Column::Id,
        orgs.values().map(|o| o.region_id),
        |x| x.id,
    )
    .await?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|t| {
            let plan = plans.get(&t.plan_id);
            let task = tasks.get(&t.task_id);
            let point = points.get(&t.point_id);
            let owner = orgs.get(&t.org_id);
            let region = owner.and_then(|o| regions.get(&o.region_id));
            TargetView {
                overdue: is_overdue(&t, today),
                plan_title: plan.map(|x| x.title.clone()).unwrap_or_default(),
                plan_status: plan.map_or(PlanStatus::Draft, |x| x.status),
                task_title: task.map(|x| x.title.clone()).unwrap_or_default(),
                lead_dept_name: task
                    .and_then(|x| x.lead_dept_id)
                    .and_then(|id| orgs.get(&id))
                    .map(|o| o.name.clone()),
                point_seq: point.map(|x| x.seq).unwrap_or_default(),
                point_title: point.map(|x| x.title.clone()).unwrap_or_default(),
                org_name: owner.map(|o| o.name.clone()).unwrap_or_default(),
                org_kind: owner.map(|o| o.kind.clone()).unwrap_or_default(),
                region_code: region.map(|r| r.code.clone()).unwrap_or_default(),
                region_name: region.map(|r| r.name.clone()).unwrap_or_default(),
                id: t.id,
                plan_id: t.plan_id,
                task_id: t.task_id,
                point_id: t.point_id,
                org_id: t.org_id,
                deadline: t.deadline,
                status: t.status,
                percent: t.percent,
                review: t.review,
                last_report_at: t.last_report_at,
                version: t.version,
            }
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &TargetFilter,
    q: &PageQuery,
) -> Result<Page<TargetView>> {
    let sortable = [
        ("deadline", plan_target::Column::Deadline),
        ("status", plan_target::Column::Status),
        ("percent", plan_target::Column::Percent),
        ("last_report_at", plan_target::Column::LastReportAt),
        ("point", plan_target::Column::PointId),
    ];
    let page = paginate(
        db,
        filtered(db, p, f).await?,
        q,
        &sortable,
        "deadline,point",
        plan_target::Column::Id,
    )
    .await?;
    Ok(Page {
        items: views(db, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// The targets of the filter, all of them (the matrix, the dashboard).
pub(crate) async fn all<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &TargetFilter,
) -> Result<Vec<plan_target::Model>> {
    Ok(filtered(db, p, f).await?.all(db).await?)
}

async fn report_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<plan_report::Model>,
) -> Result<Vec<ReportView>> {
    let mut files = files::attached(db, REPORT, rows.iter().map(|r| r.id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| ReportView {
            attachments: files.remove(&r.id).unwrap_or_default(),
            id: r.id,
            target_id: r.target_id,
            status: r.status,
            percent: r.percent,
            text: r.text,
            report_date: r.report_date,
            submitted_by_name: r.submitted_by_name,
            submitted_at: r.submitted_at,
            review: r.review,
            review_comment: r.review_comment,
            reviewed_by_name: r.reviewed_by_name,
            reviewed_at: r.reviewed_at,
        })
        .collect())
}

fn timeline_detail(action: &str, after: Option<&str>) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(after?).ok()?;
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    match action {
        "reported" => Some(format!(
            "{} {}%",
            text("status")?,
            v.get("percent").and_then(serde_json::Value::as_i64)?
        )),
        _ => text("comment"),
    }
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<TargetDetail> {
    let t = get_scoped::<plan_target::Entity, _>(db, p, id).await?;
    let task = by_id::<plan_task::Entity, _>(db, t.task_id).await?;
    let evidence = task.evidence.clone();
    let task = structure::task_views_of(db, vec![task])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)?;
    let reports = unscoped::<plan_report::Entity>("the reports of a target the caller sees")
        .filter(plan_report::Column::TargetId.eq(id))
        .order_by_desc(plan_report::Column::Id)
        .all(db)
        .await?;
    let timeline = unscoped::<audit_log::Entity>("the history of a target the caller sees")
        .filter(audit_log::Column::Entity.eq(ENTITY))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| TimelineEntry {
            detail: timeline_detail(&a.action, a.after.as_deref()),
            at: a.at,
            actor_name: a.actor_name,
            action: a.action,
        })
        .collect();
    Ok(TargetDetail {
        target: views(db, vec![t])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?,
        task,
        evidence,
        reports: report_views(db, reports).await?,
        timeline,
    })
}

pub(crate) fn audit_target(t: &plan_target::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: t.id.to_string(),
        region_path: &t.region_path,
        org_id: Some(t.org_id),
    }
}

/// Creates the targets of every task of `plan` (being published) and tells each addressee.
/// Returns how many were created.
pub(crate) async fn create_for_plan<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &plan::Model,
) -> Result<usize> {
    let tasks = plan_task::Entity::find()
        .filter(plan_task::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_task::Column::Id)
        .all(db)
        .await?;
    let bureaus = longzhi_store::repo::orgs::city_bureaus(db).await?;
    let depts: HashMap<i64, org::Model> = by_ids::<org::Entity, _>(
        db,
        org::Column::Id,
        tasks.iter().filter_map(|t| t.lead_dept_id),
        |x| x.id,
    )
    .await?;
    let now = Utc::now();
    let mut per_org: HashMap<i64, usize> = HashMap::new();
    let mut created = 0;
    for task in &tasks {
        let codes = json_codes(&task.city_codes);
        let mut owners: Vec<&org::Model> = task
            .lead_dept_id
            .and_then(|d| depts.get(&d))
            .into_iter()
            .collect();
        owners.extend(bureaus.iter().filter_map(|(code, o)| {
            (task.city_scope == "all" || (task.city_scope == "some" && codes.contains(code)))
                .then_some(o)
        }));
        for owner in owners {
            let t = plan_target::ActiveModel {
                plan_id: Set(plan.id),
                point_id: Set(task.point_id),
                task_id: Set(task.id),
                deadline: Set(task.deadline),
                status: Set(TargetStatus::NotStarted),
                percent: Set(0),
                review: Set(Review::None),
                overdue: Set(false),
                reminded_on: Set(None),
                last_report_at: Set(None),
                region_path: Set(owner.region_path.clone()),
                org_id: Set(owner.id),
                owner_id: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            audit::record(
                db,
                p,
                audit_target(&t),
                "published",
                None,
                Some(&json!({"task": task.title, "org": owner.name, "deadline": task.deadline})),
            )
            .await?;
            *per_org.entry(owner.id).or_default() += 1;
            created += 1;
        }
    }
    for (org_id, n) in per_org {
        let notice = Notice {
            kind: "task_assigned",
            title: format!("新的督办任务:{}", plan.title),
            body: format!("{n} 项任务待办理"),
            link: format!("/plan/tasks?plan_id={}", plan.id),
        };
        notices::to_orgs(db, &[org_id], &notice).await?;
    }
    Ok(created)
}

/// A status as the notices (written in Chinese, the bureau's language) name it.
fn status_label(status: &str) -> &str {
    match status {
        "not_started" => "未开始",
        "in_progress" => "进行中",
        "done" => "已完成",
        other => other,
    }
}

/// The report's text and status once every field keeps its rules.
fn check_report(r: &NewReport) -> Result<(String, TargetStatus)> {
    let mut errs = FieldErrors::new();
    let status = errs.check("status", TargetStatus::parse("status", &r.status));
    if !(0..=100).contains(&r.percent) {
        errs.push(
            FieldError::new("percent", Rule::Range)
                .with("min", 0)
                .with("max", 100),
        );
    } else if status == Some(TargetStatus::Done) && r.percent != 100 {
        errs.push(
            FieldError::new("percent", Rule::Range)
                .with("min", 100)
                .with("max", 100),
        );
    }
    let text = r.text.trim();
    if text.is_empty() {
        errs.push(FieldError::new("text", Rule::Required));
    } else if text.chars().count() > 4000 {
        errs.push(FieldError::new("text", Rule::Length).with("max", 4000));
    }
    if r.report_date > today() {
        errs.push(FieldError::new("report_date", Rule::Range).with("max", today()));
    }
    match status {
        Some(status) if errs.0.is_empty() => Ok((text.to_owned(), status)),
        _ => Err(errs.into()),
    }
}

/// The target `id` if the principal may act on it (see it and have it in its write scope).
async fn actionable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<plan_target::Model> {
    let t = get_scoped::<plan_target::Entity, _>(db, p, id).await?;
    if !p.covers(&t.region_path, t.org_id, t.owner_id) {
        return Err(StoreError::NotFound);
    }
    Ok(t)
}

/// Reports progress on a target of a published plan.
pub async fn report(
    db: &DatabaseConnection,
    p: &Principal,
    target_id: i64,
    r: NewReport,
) -> Result<ReportView> {
    let (text, status) = check_report(&r)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = actionable(&txn, p, target_id).await?;
    let plan = by_id::<plan::Entity, _>(&txn, before.plan_id).await?;
    require_status(&plan, PlanStatus::Published)?;
    if before.review == Review::Pending {
        return Err(StoreError::Rule(
            longzhi_domain::ErrorCode::PlanReportPending,
        ));
    }
    let now = Utc::now();
    let report = plan_report::ActiveModel {
        plan_id: Set(plan.id),
        target_id: Set(target_id),
        status: Set(status),
        percent: Set(r.percent),
        text: Set(text),
        report_date: Set(r.report_date),
        submitted_by: Set(p.user_id),
        submitted_by_name: Set(p.display_name.clone()),
        submitted_at: Set(now),
        review: Set(Review::Pending),
        review_comment: Set(None),
        reviewed_by: Set(None),
        reviewed_by_name: Set(None),
        reviewed_at: Set(None),
        region_path: Set(before.region_path.clone()),
        org_id: Set(before.org_id),
        owner_id: Set(p.actor_id()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    files::attach(&txn, p, &r.attachment_ids, REPORT, report.id).await?;
    let after = plan_target::ActiveModel {
        id: Set(target_id),
        status: Set(status),
        percent: Set(r.percent),
        review: Set(Review::Pending),
        last_report_at: Set(Some(now)),
        updated_at: Set(now),
        version: Set(before.version + 1),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(&after),
        "reported",
        None,
        Some(&json!({"status": r.status, "percent": r.percent, "report": report.id})),
    )
    .await?;
    // The plan's owner hears of the report, unless they wrote it themselves.
    if let Some(owner) = plan.owner_id.filter(|o| *o != p.user_id) {
        let org = unscoped_by_id::<org::Entity, _>(
            after.org_id,
            "the addressee of a target the caller acts on",
        )
        .one(&txn)
        .await?;
        let notice = Notice {
            kind: "report_submitted",
            title: format!("进展待审核:{}", org.map(|o| o.name).unwrap_or_default()),
            body: format!("{} {}%", status_label(&r.status), r.percent),
            link: format!("/plan/tasks?target={target_id}"),
        };
        notices::to_users(&txn, [owner], &notice).await?;
    }
    txn.commit().await?;
    report_views(db, vec![report])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Accepts or returns a pending report; the addressee is told either way.
pub async fn review(
    db: &DatabaseConnection,
    p: &Principal,
    report_id: i64,
    input: ReviewInput,
) -> Result<ReportView> {
    let accept = match input.decision.as_str() {
        "accept" => true,
        "return" => false,
        _ => {
            return Err(FieldError::new("decision", Rule::Enum)
                .with("allowed", "accept,return")
                .into());
        }
    };
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if !accept && comment.is_none() {
        return Err(FieldError::new("comment", Rule::Required).into());
    }
    if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
        return Err(FieldError::new("comment", Rule::Length)
            .with("max", 2000)
            .into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let report = get_scoped::<plan_report::Entity, _>(&txn, p, report_id).await?;
    let before = actionable(&txn, p, report.target_id).await?;
    // A pending report is reviewed even after the plan closed: closing stops reporting only.
    get_plan(&txn, p, report.plan_id).await?;
    if report.review != Review::Pending {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::PlanNotPending));
    }
    // Separation of duties: nobody reviews a report they filed, or one of their organisation.
    if report.submitted_by == p.user_id || report.org_id == p.org_id {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::PlanOwnReport));
    }
    let verdict = if accept {
        Review::Accepted
    } else {
        Review::Returned
    };
    let now = Utc::now();
    let report = plan_report::ActiveModel {
        id: Set(report_id),
        review: Set(verdict),
        review_comment: Set(comment.clone()),
        reviewed_by: Set(p.actor_id()),
        reviewed_by_name: Set(Some(p.display_name.clone())),
        reviewed_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let mut am = plan_target::ActiveModel {
        id: Set(before.id),
        review: Set(verdict),
        updated_at: Set(now),
        version: Set(before.version + 1),
        ..Default::default()
    };
    if accept && before.status == TargetStatus::Done {
        am.overdue = Set(false);
    }
    let after = am.update(&txn).await?;
    audit::record(
        &txn,
        p,
        audit_target(&after),
        verdict.as_str(),
        None,
        Some(&json!({"report": report_id, "comment": comment})),
    )
    .await?;
    let task = plan_task::Entity::find_by_id(after.task_id)
        .one(&txn)
        .await?;
    let notice = Notice {
        kind: if accept {
            "report_accepted"
        } else {
            "report_returned"
        },
        title: format!(
            "{}:{}",
            if accept {
                "进展已通过"
            } else {
                "进展被退回"
            },
            task.map(|t| t.title).unwrap_or_default()
        ),
        body: comment.unwrap_or_default(),
        link: format!("/plan/tasks?target={}", after.id),
    };
    notices::to_orgs(&txn, &[after.org_id], &notice).await?;
    txn.commit().await?;
    report_views(db, vec![report])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Whether the principal may see report `id` (and so its attachments).
pub async fn report_visible<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<bool> {
    Ok(scoped::<plan_report::Entity>(p)
        .filter(plan_report::Column::Id.eq(id))
        .count(db)
        .await?
        > 0)
}

/// Open (not completed) targets of published plans per city-level region code, in scope; only
/// the overdue ones when `overdue`.
pub async fn count_by_city<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    overdue: bool,
) -> Result<HashMap<String, u64>> {
    let published =
        unscoped::<plan::Entity>("ids of published plans; the targets counted are scoped")
            .select_only()
            .column(plan::Column::Id)
            .filter(plan::Column::Status.eq("published"))
            .into_query();
    let today = today();
    let mut counts = HashMap::new();
    for t in scoped::<plan_target::Entity>(p)
        .filter(plan_target::Column::PlanId.in_subquery(published))
        .all(db)
        .await?
    {
        if completed(&t) || (overdue && !is_overdue(&t, today)) {
            continue;
        }
        if let Some(city) = longzhi_store::repo::regions::city_code(&t.region_path) {
            *counts.entry(city.to_owned()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}
