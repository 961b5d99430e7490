//! Defect investigations (缺陷调查), after 缺陷消费品召回管理办法 and NHTSA's defect process: opened
//! (from a signal, a report, an assessment or by hand) → producer notified → producer's analysis
//! → expert review → conclusion (defect / no defect) → recall ordered (责令召回) or closed. Each
//! step is its own permission and has a deadline; talks with the producer (约谈) are recorded;
//! every step is audited, and the audit entries are the timeline.
//!
//! The record belongs to the producer's organisation in the producer's region: the producer's
//! city and the producer itself see it, an expert sees it once assigned.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, TrailEntry};
use longzhi_store::entity::assignment;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{by_id, get_scoped, lock_scoped, notices, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::{self, number, pending_number, target};
use crate::dicts::{Codes, HAZARD, PRODUCT};
use crate::entity::{expert, investigation, review, talk};
use crate::experts::{self, ExpertView};

pub const ENTITY: &str = "recall_investigation";

/// The stages, in order; `defect` and `no_defect` are the two conclusions.
pub const STAGES: [&str; 8] = [
    "opened",
    "notified",
    "analysed",
    "expert_review",
    "defect",
    "no_defect",
    "recall_ordered",
    "closed",
];
pub const SOURCES: [&str; 4] = ["signal", "report", "assessment", "manual"];

/// Days allowed for the stage a record has just entered (none for the final ones). The producer
/// has 15 days for its analysis, the experts 20 for their review.
fn days_for(stage: &str) -> Option<i64> {
    match stage {
        "opened" => Some(5),
        "notified" => Some(15),
        "analysed" => Some(10),
        "expert_review" => Some(20),
        "defect" => Some(10),
        _ => None,
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvestigationView {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub category: String,
    pub brand: String,
    pub model: String,
    pub hazard: String,
    pub description: String,
    pub producer_org_id: i64,
    pub producer_name: String,
    pub producer_code: Option<String>,
    pub source: String,
    pub signal_id: Option<i64>,
    pub report_id: Option<i64>,
    pub status: String,
    pub due_on: Option<NaiveDate>,
    /// The current stage's deadline has passed.
    pub overdue: bool,
    pub analysis: Option<String>,
    pub conclusion: Option<String>,
    pub opened_at: chrono::DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    pub id: i64,
    pub expert_id: i64,
    pub expert_name: String,
    pub specialty: String,
    pub opinion: Option<String>,
    pub defect: Option<bool>,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TalkView {
    pub id: i64,
    pub held_on: NaiveDate,
    pub place: String,
    pub participants: String,
    pub summary: String,
    pub recorded_by: String,
}

/// An investigation with its experts, talks, assessments, recall and timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvestigationDetail {
    pub investigation: InvestigationView,
    pub reviews: Vec<ReviewView>,
    pub talks: Vec<TalkView>,
    pub assessments: Vec<crate::risk::AssessmentView>,
    /// The recall it led to.
    pub recall_id: Option<i64>,
    pub timeline: Vec<TrailEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct InvestigationInput {
    pub title: String,
    pub category: String,
    pub brand: String,
    pub model: String,
    pub hazard: String,
    #[serde(default)]
    pub description: String,
    /// The producer's unified social credit code (an enterprise registered under 组织管理).
    pub producer_code: String,
    /// `signal`, `report`, `assessment` or `manual` (default).
    #[serde(default)]
    pub source: Option<String>,
    /// The signal-register entry it comes from (its follow-up becomes this investigation).
    pub signal_id: Option<i64>,
    pub report_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct StepInput {
    #[serde(default)]
    pub note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AnalysisInput {
    /// The producer's analysis of the suspected defect: cause, units affected, its view.
    pub analysis: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AssignInput {
    pub expert_ids: Vec<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct OpinionInput {
    pub opinion: String,
    /// Whether the expert finds a defect.
    pub defect: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ConclusionInput {
    /// `defect` or `no_defect`.
    pub conclusion: String,
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct TalkInput {
    pub held_on: NaiveDate,
    pub place: String,
    pub participants: String,
    pub summary: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvestigationFilter {
    /// Number, title, brand, model or producer contains.
    pub q: Option<String>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub hazard: Option<String>,
    /// Only those past their stage's deadline.
    pub overdue: Option<bool>,
}

pub(crate) fn view(m: investigation::Model, today: NaiveDate) -> InvestigationView {
    InvestigationView {
        overdue: m.due_on.is_some_and(|d| d < today),
        id: m.id,
        code: m.code,
        title: m.title,
        category: m.category,
        brand: m.brand,
        model: m.model,
        hazard: m.hazard,
        description: m.description,
        producer_org_id: m.producer_org_id,
        producer_name: m.producer_name,
        producer_code: m.producer_code,
        source: m.source,
        signal_id: m.signal_id,
        report_id: m.report_id,
        status: m.status,
        due_on: m.due_on,
        analysis: m.analysis,
        conclusion: m.conclusion,
        opened_at: m.created_at,
        version: m.version,
    }
}

fn audit_target(m: &investigation::Model) -> audit::Target<'_> {
    target(ENTITY, m.id, &m.region_path, m.org_id)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &InvestigationFilter,
    q: &PageQuery,
) -> Result<Page<InvestigationView>> {
    let mut s = scoped::<investigation::Entity>(p);
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                investigation::Column::Code,
                investigation::Column::Title,
                investigation::Column::Brand,
                investigation::Column::Model,
                investigation::Column::ProducerName,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    for (col, v) in [
        (investigation::Column::Status, &f.status),
        (investigation::Column::Category, &f.category),
        (investigation::Column::Hazard, &f.hazard),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    let today = today();
    if f.overdue == Some(true) {
        s = s.filter(investigation::Column::DueOn.lt(today));
    }
    let sortable = [
        ("created_at", investigation::Column::CreatedAt),
        ("due_on", investigation::Column::DueOn),
        ("code", investigation::Column::Code),
    ];
    Ok(paginate(
        db,
        s,
        q,
        &sortable,
        "-created_at",
        investigation::Column::Id,
    )
    .await?
    .map(|m| view(m, today)))
}

pub async fn detail<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<InvestigationDetail> {
    let m = get_scoped::<investigation::Entity, _>(db, p, id).await?;
    let reviews = review::Entity::find()
        .filter(review::Column::InvestigationId.eq(id))
        .order_by_asc(review::Column::Id)
        .all(db)
        .await?;
    let experts = longzhi_store::repo::by_ids::<expert::Entity, _>(
        db,
        expert::Column::Id,
        reviews.iter().map(|r| r.expert_id),
        |e| e.id,
    )
    .await?;
    let reviews = reviews
        .into_iter()
        .map(|r| {
            let e = experts.get(&r.expert_id);
            ReviewView {
                id: r.id,
                expert_id: r.expert_id,
                expert_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                specialty: e.map(|e| e.specialty.clone()).unwrap_or_default(),
                opinion: r.opinion,
                defect: r.defect,
                submitted_at: r.submitted_at,
            }
        })
        .collect();
    let talks = talk::Entity::find()
        .filter(talk::Column::InvestigationId.eq(id))
        .order_by_asc(talk::Column::HeldOn)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TalkView {
            id: t.id,
            held_on: t.held_on,
            place: t.place,
            participants: t.participants,
            summary: t.summary,
            recorded_by: t.recorded_by,
        })
        .collect();
    Ok(InvestigationDetail {
        reviews,
        talks,
        assessments: crate::risk::of_investigation(db, p, id).await?,
        recall_id: crate::recalls::of_investigation(db, p, id).await?,
        timeline: audit::history(db, ENTITY, id).await?,
        investigation: view(m, today()),
    })
}

/// Opens an investigation of a registered producer's product. From a register entry, the entry
/// is marked escalated to this investigation in the same transaction.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: InvestigationInput,
) -> Result<InvestigationView> {
    let mut errs = FieldErrors::new();
    errs.text("title", &i.title, 200);
    errs.text("brand", &i.brand, 100);
    errs.text("model", &i.model, 100);
    if i.description.chars().count() > 4000 {
        errs.push(FieldError::new("description", Rule::Length).with("max", 4000));
    }
    let codes = Codes::load(db, &[PRODUCT, HAZARD]).await?;
    codes.check(&mut errs, "category", PRODUCT, &i.category);
    codes.check(&mut errs, "hazard", HAZARD, &i.hazard);
    let source = i.source.clone().unwrap_or_else(|| {
        if i.signal_id.is_some() {
            "signal".into()
        } else if i.report_id.is_some() {
            "report".into()
        } else {
            "manual".into()
        }
    });
    if !SOURCES.contains(&source.as_str()) {
        errs.push(FieldError::new("source", Rule::Enum).with("allowed", SOURCES.join(",")));
    }
    let producer = common::producer(db, &mut errs, "producer_code", &i.producer_code).await?;
    if let Some(r) = i.report_id {
        crate::risk::check_report(db, p, &mut errs, r).await?;
    }
    if let Some(s) = i.signal_id {
        crate::risk::check_signal(db, &mut errs, s).await?;
    }
    errs.finish()?;
    let producer = producer.ok_or(StoreError::NotFound)?;
    if !p.covers(&producer.region_path, producer.id, None) {
        return Err(FieldError::new("producer_code", Rule::Exists)
            .with("value", &i.producer_code)
            .into());
    }
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = investigation::ActiveModel {
        code: Set(pending_number()),
        title: Set(i.title.trim().into()),
        category: Set(i.category),
        brand: Set(i.brand.trim().into()),
        model: Set(i.model.trim().into()),
        hazard: Set(i.hazard),
        description: Set(i.description),
        producer_org_id: Set(producer.id),
        producer_name: Set(producer.name.clone()),
        producer_code: Set(producer.credit_code.clone()),
        source: Set(source),
        signal_id: Set(i.signal_id),
        report_id: Set(i.report_id),
        status: Set("opened".into()),
        due_on: Set(days_for("opened").map(|d| today() + Duration::days(d))),
        reminded_status: Set(None),
        analysis: Set(None),
        conclusion: Set(None),
        opened_by_org_id: Set(p.org_id),
        region_path: Set(producer.region_path.clone()),
        org_id: Set(producer.id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let m = investigation::ActiveModel {
        id: Set(m.id),
        code: Set(number("DI", today(), m.id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(&txn, p, audit_target(&m), "create", None, Some(&m)).await?;
    if let Some(s) = m.signal_id {
        longzhi_injury::signals::escalate_to(&txn, p, s, "investigation", &m.code).await?;
    }
    txn.commit().await?;
    Ok(view(m, today()))
}

/// Moves `id` from one of `from` to `to` (with its new deadline) after `more` set its own fields,
/// audited under `action` with the note.
#[allow(clippy::too_many_arguments)]
async fn step(
    txn: &DatabaseTransaction,
    p: &Principal,
    m: &investigation::Model,
    version: i32,
    from: &[&str],
    to: &str,
    action: &str,
    more: investigation::ActiveModel,
) -> Result<investigation::Model> {
    if !from.contains(&m.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    let mut am = more;
    am.status = Set(to.into());
    am.due_on = Set(days_for(to).map(|d| today() + Duration::days(d)));
    am.updated_at = Set(Utc::now());
    update_versioned::<investigation::Entity, _, _>(
        txn,
        investigation::Column::Id,
        investigation::Column::Version,
        m.id,
        version,
        am,
    )
    .await?;
    let after = by_id::<investigation::Entity, _>(txn, m.id).await?;
    audit::record(txn, p, audit_target(&after), action, Some(m), Some(&after)).await?;
    Ok(after)
}

/// Loads `id` in the caller's scope inside a write transaction.
async fn load(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<(DatabaseTransaction, investigation::Model)> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = lock_scoped::<investigation::Entity, _>(&txn, p, id).await?;
    Ok((txn, m))
}

/// The producer is told of the investigation and asked for its analysis (notice to its users).
pub async fn notify(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: StepInput,
) -> Result<InvestigationView> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.optional_text("note", i.note.as_deref(), 4000);
    errs.finish()?;
    let after = step(
        &txn,
        p,
        &m,
        i.version,
        &["opened"],
        "notified",
        "notify",
        Default::default(),
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[m.producer_org_id],
        &notices::Notice {
            kind: "recall.investigation",
            title: format!("缺陷调查通知:{}", m.title),
            body: format!(
                "{} 已对贵单位的 {} {} 启动缺陷调查,请于 {} 前提交缺陷分析报告。{}",
                m.code,
                m.brand,
                m.model,
                after.due_on.map(|d| d.to_string()).unwrap_or_default(),
                i.note.unwrap_or_default()
            ),
            link: format!("/recall/investigations/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, today()))
}

/// The producer's defect analysis.
pub async fn analyse(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: AnalysisInput,
) -> Result<InvestigationView> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("analysis", &i.analysis, 8000);
    errs.finish()?;
    let after = step(
        &txn,
        p,
        &m,
        i.version,
        &["notified"],
        "analysed",
        "analysis",
        investigation::ActiveModel {
            analysis: Set(Some(i.analysis.trim().into())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, today()))
}

/// Assigns experts (more may join during the review). An expert who declared a conflict with the
/// producer or the brand is refused (`recall.expert_conflict`), and so is an inactive one.
pub async fn assign(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: AssignInput,
) -> Result<InvestigationDetail> {
    let (txn, m) = load(db, p, id).await?;
    let chosen = experts::choose(&txn, &i.expert_ids, |e| experts::conflicts_with(e, &m)).await?;
    let after = if m.status == "expert_review" {
        update_versioned::<investigation::Entity, _, _>(
            &txn,
            investigation::Column::Id,
            investigation::Column::Version,
            m.id,
            i.version,
            investigation::ActiveModel {
                updated_at: Set(Utc::now()),
                ..Default::default()
            },
        )
        .await?;
        by_id::<investigation::Entity, _>(&txn, m.id).await?
    } else {
        step(
            &txn,
            p,
            &m,
            i.version,
            &["analysed"],
            "expert_review",
            "assign",
            Default::default(),
        )
        .await?
    };
    let now = Utc::now();
    let mut users = Vec::new();
    for e in &chosen {
        let exists = review::Entity::find()
            .filter(review::Column::InvestigationId.eq(id))
            .filter(review::Column::ExpertId.eq(e.id))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        review::ActiveModel {
            investigation_id: Set(id),
            expert_id: Set(e.id),
            opinion: Set(None),
            defect: Set(None),
            submitted_at: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if let Some(u) = e.user_id {
            assignment::ActiveModel {
                entity: Set(ENTITY.into()),
                entity_id: Set(id),
                user_id: Set(u),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            users.push(u);
        }
        audit::record(
            &txn,
            p,
            audit_target(&after),
            "assign_expert",
            None,
            Some(&serde_json::json!({ "expert": e.name, "specialty": e.specialty })),
        )
        .await?;
    }
    notices::to_users(
        &txn,
        users,
        &notices::Notice {
            kind: "recall.review",
            title: format!("缺陷调查专家评审:{}", m.title),
            body: format!("请对 {} 提出专家意见。", m.code),
            link: format!("/recall/investigations/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// An assigned expert's opinion (the caller is the expert; given again, it replaces theirs).
pub async fn opine(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: OpinionInput,
) -> Result<InvestigationDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("opinion", &i.opinion, 8000);
    errs.finish()?;
    if m.status != "expert_review" {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    let me = expert::Entity::find()
        .filter(expert::Column::UserId.eq(p.user_id))
        .one(&txn)
        .await?;
    let mine = match me {
        Some(e) => {
            review::Entity::find()
                .filter(review::Column::InvestigationId.eq(id))
                .filter(review::Column::ExpertId.eq(e.id))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let r = mine.ok_or(StoreError::Rule(ErrorCode::RecallNotAssigned))?;
    let now = Utc::now();
    review::ActiveModel {
        id: Set(r.id),
        opinion: Set(Some(i.opinion.trim().into())),
        defect: Set(Some(i.defect)),
        submitted_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(&m),
        "opinion",
        None,
        Some(&serde_json::json!({ "defect": i.defect })),
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// The conclusion, once at least one expert has given an opinion.
pub async fn conclude(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ConclusionInput,
) -> Result<InvestigationView> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    if !["defect", "no_defect"].contains(&i.conclusion.as_str()) {
        errs.push(FieldError::new("conclusion", Rule::Enum).with("allowed", "defect,no_defect"));
    }
    errs.text("note", &i.note, 8000);
    errs.finish()?;
    if m.status != "expert_review" {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    let opinions = review::Entity::find()
        .filter(review::Column::InvestigationId.eq(id))
        .filter(review::Column::SubmittedAt.is_not_null())
        .count(&txn)
        .await?;
    if opinions == 0 {
        return Err(StoreError::Rule(ErrorCode::RecallNoOpinion));
    }
    let after = step(
        &txn,
        p,
        &m,
        i.version,
        &["expert_review"],
        &i.conclusion,
        "conclude",
        investigation::ActiveModel {
            conclusion: Set(Some(i.note.trim().into())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, today()))
}

/// Orders the producer to recall (责令召回): a draft ordered recall is created for the producer to
/// complete its plan, and the producer is told.
pub async fn order(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: StepInput,
) -> Result<InvestigationDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.optional_text("note", i.note.as_deref(), 4000);
    errs.finish()?;
    let after = step(
        &txn,
        p,
        &m,
        i.version,
        &["defect"],
        "recall_ordered",
        "order",
        Default::default(),
    )
    .await?;
    let recall = crate::recalls::ordered(&txn, p, &after).await?;
    notices::to_orgs(
        &txn,
        &[m.producer_org_id],
        &notices::Notice {
            kind: "recall.order",
            title: format!("责令召回通知:{}", m.title),
            body: format!(
                "经调查认定 {} {} 存在缺陷,请立即停止生产销售,并在召回 {} 中提交召回计划。{}",
                m.brand,
                m.model,
                recall.code,
                i.note.unwrap_or_default()
            ),
            link: format!("/recall/recalls/{}", recall.id),
        },
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// Closes a concluded investigation (no defect, or a defect the producer recalls on its own, or
/// after the ordered recall).
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: StepInput,
) -> Result<InvestigationView> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.optional_text("note", i.note.as_deref(), 4000);
    errs.finish()?;
    let after = step(
        &txn,
        p,
        &m,
        i.version,
        &["defect", "no_defect", "recall_ordered"],
        "closed",
        "close",
        Default::default(),
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, today()))
}

/// Records a talk with the producer (约谈), at any stage before closing.
pub async fn talk(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: TalkInput,
) -> Result<InvestigationDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("place", &i.place, 200);
    errs.text("participants", &i.participants, 500);
    errs.text("summary", &i.summary, 8000);
    if i.held_on > today() {
        errs.push(FieldError::new("held_on", Rule::Range).with("max", today()));
    }
    errs.finish()?;
    if m.status == "closed" {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    let now = Utc::now();
    let t = talk::ActiveModel {
        investigation_id: Set(id),
        held_on: Set(i.held_on),
        place: Set(i.place.trim().into()),
        participants: Set(i.participants.trim().into()),
        summary: Set(i.summary.trim().into()),
        recorded_by: Set(p.display_name.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, audit_target(&m), "talk", None, Some(&t)).await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// The experts that may be assigned to `id` (active, without a conflict), for the assign form.
pub async fn assignable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Vec<ExpertView>> {
    let m = get_scoped::<investigation::Entity, _>(db, p, id).await?;
    let free = experts::all_active(db)
        .await?
        .into_iter()
        .filter(|e| !experts::conflicts_with(e, &m))
        .collect();
    experts::views(db, free).await
}
