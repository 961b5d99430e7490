//! Remediation (整改) after a published assessment: the bottom places and every failing city
//! write a report within the year's remediation period; the province closes it or returns it,
//! and records its follow-up talks (约谈) with the city. The daily job tells a city the day after
//! its deadline passes.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{get_scoped, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{evaluation, remediation, talk, year};
use crate::results::{self, Results};

pub const ENTITY: &str = "assessment_remediation";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentTalkView)]
pub struct TalkView {
    pub id: i64,
    pub held_on: NaiveDate,
    pub participants: String,
    pub summary: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentRemediationView)]
pub struct RemediationView {
    pub id: i64,
    pub year_id: i64,
    pub year: i32,
    pub evaluation_id: i64,
    pub city_code: String,
    pub city_name: String,
    /// `bottom`, `failing` or `bottom_failing`.
    pub reason: String,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub rank: Option<i32>,
    pub due_on: NaiveDate,
    /// `open`, `submitted`, `returned`, `closed` or `cancelled`.
    pub status: String,
    pub overdue: bool,
    pub report: String,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
    pub review_note: Option<String>,
    pub closed_at: Option<chrono::DateTime<Utc>>,
    pub attachments: Vec<FileView>,
    pub talks: Vec<TalkView>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentReportInput)]
pub struct ReportInput {
    pub report: String,
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentReviewInput)]
pub struct ReviewInput {
    /// `close` or `return`.
    pub decision: String,
    /// Required to return.
    #[serde(default)]
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentTalkInput)]
pub struct TalkInput {
    pub held_on: NaiveDate,
    pub participants: String,
    pub summary: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RemediationFilter {
    pub year_id: Option<i64>,
    pub status: Option<String>,
    pub city_code: Option<String>,
}

fn target(m: &remediation::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

fn waiting(status: &str) -> bool {
    matches!(status, "open" | "returned")
}

pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<remediation::Model>,
) -> Result<Vec<RemediationView>> {
    let names = regions::city_names(db).await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let evals: std::collections::HashMap<i64, evaluation::Model> =
        unscoped::<evaluation::Entity>("the results of the cities whose tasks the caller sees")
            .filter(evaluation::Column::Id.is_in(rows.iter().map(|m| m.evaluation_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
    let year_of = longzhi_store::repo::by_ids::<year::Entity, _>(
        db,
        year::Column::Id,
        rows.iter().map(|m| m.year_id),
        |y| y.id,
    )
    .await?;
    let mut talks: std::collections::HashMap<i64, Vec<TalkView>> = Default::default();
    for t in talk::Entity::find()
        .filter(talk::Column::RemediationId.is_in(ids.clone()))
        .order_by_asc(talk::Column::HeldOn)
        .all(db)
        .await?
    {
        talks.entry(t.remediation_id).or_default().push(TalkView {
            id: t.id,
            held_on: t.held_on,
            participants: t.participants,
            summary: t.summary,
            recorded_by: t.recorded_by,
        });
    }
    let mut files = files::attached(db, ENTITY, ids).await?;
    let day = today();
    Ok(rows
        .into_iter()
        .map(|m| {
            let e = evals.get(&m.evaluation_id);
            RemediationView {
                year: year_of.get(&m.year_id).map_or(0, |y| y.year),
                city_name: names.get(&m.city_code).cloned().unwrap_or_default(),
                total: e.and_then(|e| e.total),
                grade: e.and_then(|e| e.grade.clone()),
                rank: e.and_then(|e| e.rank),
                overdue: waiting(&m.status) && m.due_on < day,
                attachments: files.remove(&m.id).unwrap_or_default(),
                talks: talks.remove(&m.id).unwrap_or_default(),
                id: m.id,
                year_id: m.year_id,
                evaluation_id: m.evaluation_id,
                city_code: m.city_code,
                reason: m.reason,
                due_on: m.due_on,
                status: m.status,
                report: m.report,
                submitted_at: m.submitted_at,
                review_note: m.review_note,
                closed_at: m.closed_at,
                version: m.version,
            }
        })
        .collect())
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<RemediationView> {
    let m = get_scoped::<remediation::Entity, _>(db, p, id).await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &RemediationFilter,
    q: &PageQuery,
) -> Result<Page<RemediationView>> {
    let mut s = scoped::<remediation::Entity>(p);
    if let Some(y) = f.year_id {
        s = s.filter(remediation::Column::YearId.eq(y));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(remediation::Column::Status.eq(st));
    }
    if let Some(c) = f.city_code.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(remediation::Column::CityCode.eq(c));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("due_on", remediation::Column::DueOn),
            ("status", remediation::Column::Status),
            ("created_at", remediation::Column::CreatedAt),
        ],
        "-created_at",
        remediation::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// At publication: a task for each city among the bottom places or failing that has none for
/// the year yet (a republication after a reopening keeps what was already reported).
pub async fn open_after<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    y: &year::Model,
    outcome: &Results,
    day: NaiveDate,
) -> Result<()> {
    let keys: Vec<(f64, bool)> = outcome.rows.iter().map(|r| (r.total, r.veto)).collect();
    let flags = results::remediating(&keys, y.bottom_count.max(0) as usize, y.fail_below);
    let due = day + Duration::days(i64::from(y.remediation_days));
    for (row, (bottom, failing)) in outcome.rows.iter().zip(flags) {
        let reason = match (bottom, failing) {
            (true, true) => "bottom_failing",
            (true, false) => "bottom",
            (false, true) => "failing",
            (false, false) => continue,
        };
        let kept = unscoped::<remediation::Entity>("one live task per city and year")
            .filter(remediation::Column::YearId.eq(y.id))
            .filter(remediation::Column::EvaluationId.eq(row.evaluation_id))
            .filter(remediation::Column::Status.ne("cancelled"))
            .one(txn)
            .await?
            .is_some();
        if kept {
            continue;
        }
        let e = unscoped::<evaluation::Entity>("the city of a remediation task")
            .filter(evaluation::Column::Id.eq(row.evaluation_id))
            .one(txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let now = Utc::now();
        let m = remediation::ActiveModel {
            year_id: Set(y.id),
            evaluation_id: Set(e.id),
            city_code: Set(e.city_code.clone()),
            reason: Set(reason.into()),
            due_on: Set(due),
            status: Set("open".into()),
            report: Set(String::new()),
            region_path: Set(e.region_path.clone()),
            org_id: Set(e.org_id),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        audit::record(txn, p, target(&m), "create", None, Some(&m)).await?;
        notices::to_orgs(
            txn,
            &[e.org_id],
            &Notice {
                kind: "task_assigned",
                title: format!("{}:请限期整改", y.title),
                body: format!(
                    "本市州考核得分 {:.2} 分、等级 {},请于 {due} 前报送书面整改报告。",
                    row.total, row.grade
                ),
                link: format!("/assessment/remediations/{}", m.id),
            },
        )
        .await?;
    }
    Ok(())
}

/// At a reopening: tasks the city has not reported on are cancelled.
pub async fn cancel_unreported<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    year_id: i64,
) -> Result<()> {
    let open = unscoped::<remediation::Entity>("a reopening cancels every unreported task")
        .filter(remediation::Column::YearId.eq(year_id))
        .filter(remediation::Column::Status.eq("open"))
        .all(txn)
        .await?;
    for before in open {
        let mut am: remediation::ActiveModel = before.clone().into();
        am.status = Set("cancelled".into());
        am.version = Set(before.version + 1);
        am.updated_at = Set(Utc::now());
        let after = am.update(txn).await?;
        audit::record(
            txn,
            p,
            target(&after),
            "cancel",
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    Ok(())
}

/// Moves task `id` under the version check and audits it as `action`.
async fn change<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    before: &remediation::Model,
    version: i32,
    action: &str,
    mut am: remediation::ActiveModel,
) -> Result<RemediationView> {
    am.updated_at = Set(Utc::now());
    update_versioned(
        txn,
        remediation::Column::Id,
        remediation::Column::Version,
        before.id,
        version,
        am,
    )
    .await?;
    let after = get_scoped::<remediation::Entity, _>(txn, p, before.id).await?;
    audit::record(txn, p, target(&after), action, Some(before), Some(&after)).await?;
    Ok(views(txn, vec![after]).await?.remove(0))
}

/// The city's written report (open or returned → submitted).
pub async fn report(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ReportInput,
) -> Result<RemediationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<remediation::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let text = errs.text("report", &i.report, 20_000);
    errs.finish()?;
    if !waiting(&before.status) {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    files::attach(&txn, p, &i.attachment_ids, ENTITY, id).await?;
    let after = change(
        &txn,
        p,
        &before,
        i.version,
        "report",
        remediation::ActiveModel {
            status: Set("submitted".into()),
            report: Set(text.unwrap_or_default()),
            submitted_at: Set(Some(Utc::now())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The province closes a submitted report or returns it with a note.
pub async fn review(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ReviewInput,
) -> Result<RemediationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<remediation::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let (status, note) = match i.decision.as_str() {
        "close" => ("closed", errs.optional_text("note", Some(&i.note), 2000)),
        "return" => ("returned", errs.text("note", &i.note, 2000)),
        _ => {
            errs.push(FieldError::new("decision", Rule::Enum).with("values", "close, return"));
            ("", None)
        }
    };
    errs.finish()?;
    if before.status != "submitted" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    let after = change(
        &txn,
        p,
        &before,
        i.version,
        if status == "closed" {
            "close"
        } else {
            "return"
        },
        remediation::ActiveModel {
            status: Set(status.into()),
            review_note: Set(note.clone()),
            closed_at: Set((status == "closed").then(Utc::now)),
            ..Default::default()
        },
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[before.org_id],
        &Notice {
            kind: if status == "closed" {
                "report_accepted"
            } else {
                "report_returned"
            },
            title: if status == "closed" {
                "质量工作考核整改报告已通过".into()
            } else {
                "质量工作考核整改报告被退回".into()
            },
            body: note.unwrap_or_default(),
            link: format!("/assessment/remediations/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The province records a follow-up talk (约谈) with the city of task `id`.
pub async fn talk(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: TalkInput,
) -> Result<RemediationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = get_scoped::<remediation::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let participants = errs.text("participants", &i.participants, 1000);
    let summary = errs.text("summary", &i.summary, 10_000);
    if i.held_on > today() {
        errs.push(FieldError::new("held_on", Rule::Range).with("max", today()));
    }
    errs.finish()?;
    if m.status == "cancelled" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    let t = talk::ActiveModel {
        remediation_id: Set(id),
        held_on: Set(i.held_on),
        participants: Set(participants.unwrap_or_default()),
        summary: Set(summary.unwrap_or_default()),
        recorded_by: Set(p.display_name.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, target(&m), "talk", None, Some(&t)).await?;
    txn.commit().await?;
    get(db, p, id).await
}

/// The day after a deadline passes, the city is told (each task once: only that day).
pub async fn remind_overdue<C: ConnectionTrait>(db: &C, day: NaiveDate) -> Result<usize> {
    let late = unscoped::<remediation::Entity>("the daily job tells every late city")
        .filter(remediation::Column::Status.is_in(["open", "returned"]))
        .filter(remediation::Column::DueOn.eq(day - Duration::days(1)))
        .all(db)
        .await?;
    for m in &late {
        notices::to_orgs(
            db,
            &[m.org_id],
            &Notice {
                kind: "overdue",
                title: "质量工作考核整改已逾期".into(),
                body: format!("整改报告应于 {} 前报送,请尽快提交。", m.due_on),
                link: format!("/assessment/remediations/{}", m.id),
            },
        )
        .await?;
    }
    Ok(late.len())
}
