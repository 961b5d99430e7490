//! Recalls (召回), after 缺陷消费品召回管理办法 and CPSC practice: voluntary (the producer's own) or
//! ordered (from an investigation). The plan (products, models, batches, production dates,
//! quantity, channels, remedy, deadline) is drafted by the producer or for it; the regulator
//! publishes it; the producer files periodic progress (units notified and corrected by channel),
//! an overdue report is flagged and reminded; the regulator checks effectiveness; the producer
//! summarises; the regulator closes.
//!
//! A recall belongs to the producer's organisation in the producer's region, so the producer
//! sees only its own and a city only its producers'.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, TrailEntry};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{by_id, get_scoped, lock_scoped, notices, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::{self, Producer, number, pending_number, target};
use crate::dicts::{CHANNEL, Codes, HAZARD, PRODUCT, REMEDY};
use crate::entity::{investigation, progress, recall};

pub const ENTITY: &str = "recall_recall";
pub const STATUSES: [&str; 4] = ["draft", "published", "summarised", "closed"];
pub const KINDS: [&str; 2] = ["voluntary", "ordered"];
/// The statuses the public sees.
pub const PUBLIC: [&str; 3] = ["published", "summarised", "closed"];
const EVERY_DAYS: i32 = 30;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecallView {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub investigation_id: Option<i64>,
    pub title: String,
    pub producer_name: String,
    pub producer_code: Option<String>,
    pub category: String,
    pub brand: String,
    pub models: Vec<String>,
    pub batches: Vec<String>,
    pub produced_from: Option<NaiveDate>,
    pub produced_to: Option<NaiveDate>,
    pub quantity: i64,
    pub channels: Vec<String>,
    pub hazard: String,
    pub defect: String,
    pub remedy: String,
    pub consumer_action: String,
    pub contact: String,
    pub ends_on: Option<NaiveDate>,
    pub report_every_days: i32,
    pub status: String,
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub next_report_due: Option<NaiveDate>,
    /// A progress report is past due.
    pub overdue: bool,
    /// Units notified and corrected so far, and corrected / quantity.
    pub notified: i64,
    pub corrected: i64,
    pub correction_rate: f64,
    pub effectiveness: Option<String>,
    pub effectiveness_note: Option<String>,
    pub summary: Option<String>,
    pub closed_at: Option<chrono::DateTime<Utc>>,
    pub city_code: Option<String>,
    pub version: i32,
}

/// Units notified and corrected through one channel in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChannelProgress {
    /// Dictionary `recall_channel`.
    pub channel: String,
    pub notified: i64,
    pub corrected: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProgressView {
    pub id: i64,
    pub period_end: NaiveDate,
    pub channels: Vec<ChannelProgress>,
    pub notified: i64,
    pub corrected: i64,
    /// Totals up to and including this report.
    pub cumulative_notified: i64,
    pub cumulative_corrected: i64,
    /// Cumulative corrected / quantity.
    pub cumulative_rate: f64,
    pub note: String,
    pub filed_by: String,
    pub filed_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecallDetail {
    pub recall: RecallView,
    pub progress: Vec<ProgressView>,
    pub timeline: Vec<TrailEntry>,
}

/// The plan, as the producer (or the regulator for it) drafts it. A draft may be incomplete;
/// publication checks it whole.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RecallInput {
    pub title: String,
    /// The producer's credit code; an enterprise's own recall is always its own.
    #[serde(default)]
    pub producer_code: Option<String>,
    pub category: String,
    pub brand: String,
    #[serde(default)]
    pub models: Vec<String>,
    #[serde(default)]
    pub batches: Vec<String>,
    pub produced_from: Option<NaiveDate>,
    pub produced_to: Option<NaiveDate>,
    #[serde(default)]
    pub quantity: i64,
    #[serde(default)]
    pub channels: Vec<String>,
    pub hazard: String,
    #[serde(default)]
    pub defect: String,
    #[serde(default)]
    pub remedy: String,
    #[serde(default)]
    pub consumer_action: String,
    #[serde(default)]
    pub contact: String,
    pub ends_on: Option<NaiveDate>,
    /// Days between progress reports (30 when absent).
    pub report_every_days: Option<i32>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ProgressInput {
    pub period_end: NaiveDate,
    pub channels: Vec<ChannelProgress>,
    #[serde(default)]
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct EffectivenessInput {
    /// `effective` or `ineffective`.
    pub verdict: String,
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SummaryInput {
    pub summary: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct VersionInput {
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecallFilter {
    /// Number, title, brand, models or producer contains.
    pub q: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub category: Option<String>,
    pub hazard: Option<String>,
    /// Only those with a progress report past due.
    pub overdue: Option<bool>,
}

/// The entries of a one-per-line field (models, batches), blank lines dropped.
pub(crate) fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn rate(corrected: i64, quantity: i64) -> f64 {
    if quantity > 0 {
        corrected as f64 / quantity as f64
    } else {
        0.0
    }
}

fn is_overdue(m: &recall::Model, today: NaiveDate) -> bool {
    m.status == "published" && m.next_report_due.is_some_and(|d| d < today)
}

pub(crate) fn view(m: recall::Model, totals: (i64, i64), today: NaiveDate) -> RecallView {
    RecallView {
        overdue: is_overdue(&m, today),
        notified: totals.0,
        corrected: totals.1,
        correction_rate: rate(totals.1, m.quantity),
        city_code: regions::city_code(&m.region_path).map(str::to_owned),
        models: lines(&m.models),
        batches: lines(&m.batches),
        channels: m
            .channels
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        id: m.id,
        code: m.code,
        kind: m.kind,
        investigation_id: m.investigation_id,
        title: m.title,
        producer_name: m.producer_name,
        producer_code: m.producer_code,
        category: m.category,
        brand: m.brand,
        produced_from: m.produced_from,
        produced_to: m.produced_to,
        quantity: m.quantity,
        hazard: m.hazard,
        defect: m.defect,
        remedy: m.remedy,
        consumer_action: m.consumer_action,
        contact: m.contact,
        ends_on: m.ends_on,
        report_every_days: m.report_every_days,
        status: m.status,
        published_at: m.published_at,
        next_report_due: m.next_report_due,
        effectiveness: m.effectiveness,
        effectiveness_note: m.effectiveness_note,
        summary: m.summary,
        closed_at: m.closed_at,
        version: m.version,
    }
}

/// Units notified and corrected so far per recall of `ids`.
pub(crate) async fn totals<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, (i64, i64)>> {
    use sea_orm::sea_query::ExprTrait;
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = progress::Entity::find()
        .select_only()
        .column(progress::Column::RecallId)
        // SUM of a bigint is NUMERIC on PostgreSQL: cast back to read it as i64.
        .column_as(
            Expr::col(progress::Column::Notified)
                .sum()
                .cast_as(Alias::new("bigint")),
            "notified",
        )
        .column_as(
            Expr::col(progress::Column::Corrected)
                .sum()
                .cast_as(Alias::new("bigint")),
            "corrected",
        )
        .filter(progress::Column::RecallId.is_in(ids))
        .group_by(progress::Column::RecallId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n, c)| (id, (n.unwrap_or(0), c.unwrap_or(0))))
        .collect())
}

/// Views of a page of rows, with their totals.
pub(crate) async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<recall::Model>,
) -> Result<Vec<RecallView>> {
    let t = totals(db, rows.iter().map(|m| m.id)).await?;
    let today = today();
    Ok(rows
        .into_iter()
        .map(|m| {
            let sums = t.get(&m.id).copied().unwrap_or_default();
            view(m, sums, today)
        })
        .collect())
}

pub fn select(p: &Principal, f: &RecallFilter) -> Select<recall::Entity> {
    let mut s = scoped::<recall::Entity>(p);
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                recall::Column::Code,
                recall::Column::Title,
                recall::Column::Brand,
                recall::Column::Models,
                recall::Column::ProducerName,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    for (col, v) in [
        (recall::Column::Status, &f.status),
        (recall::Column::Kind, &f.kind),
        (recall::Column::Category, &f.category),
        (recall::Column::Hazard, &f.hazard),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    if f.overdue == Some(true) {
        s = s
            .filter(recall::Column::Status.eq("published"))
            .filter(recall::Column::NextReportDue.lt(today()));
    }
    s
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &RecallFilter,
    q: &PageQuery,
) -> Result<Page<RecallView>> {
    let sortable = [
        ("created_at", recall::Column::CreatedAt),
        ("published_at", recall::Column::PublishedAt),
        ("code", recall::Column::Code),
    ];
    let page = paginate(
        db,
        select(p, f),
        q,
        &sortable,
        "-created_at",
        recall::Column::Id,
    )
    .await?;
    let items = views(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

pub async fn progress_of<C: ConnectionTrait>(
    db: &C,
    m: &recall::Model,
) -> Result<Vec<ProgressView>> {
    let rows = progress::Entity::find()
        .filter(progress::Column::RecallId.eq(m.id))
        .order_by_asc(progress::Column::PeriodEnd)
        .order_by_asc(progress::Column::Id)
        .all(db)
        .await?;
    let (mut n, mut c) = (0, 0);
    Ok(rows
        .into_iter()
        .map(|r| {
            n += r.notified;
            c += r.corrected;
            ProgressView {
                channels: serde_json::from_str(&r.channels).unwrap_or_default(),
                cumulative_notified: n,
                cumulative_corrected: c,
                cumulative_rate: rate(c, m.quantity),
                id: r.id,
                period_end: r.period_end,
                notified: r.notified,
                corrected: r.corrected,
                note: r.note,
                filed_by: r.filed_by,
                filed_at: r.created_at,
            }
        })
        .collect())
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<RecallDetail> {
    let m = get_scoped::<recall::Entity, _>(db, p, id).await?;
    let progress = progress_of(db, &m).await?;
    let sums = progress
        .last()
        .map_or((0, 0), |l| (l.cumulative_notified, l.cumulative_corrected));
    Ok(RecallDetail {
        timeline: audit::history(db, ENTITY, id).await?,
        progress,
        recall: view(m, sums, today()),
    })
}

/// The recall an investigation led to, if the caller sees it.
pub async fn of_investigation<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Option<i64>> {
    Ok(scoped::<recall::Entity>(p)
        .filter(recall::Column::InvestigationId.eq(id))
        .one(db)
        .await?
        .map(|m| m.id))
}

fn audit_target(m: &recall::Model) -> audit::Target<'_> {
    target(ENTITY, m.id, &m.region_path, m.org_id)
}

/// The checked plan fields (a draft's; `complete` also requires what publication needs).
async fn plan<C: ConnectionTrait>(
    db: &C,
    i: &RecallInput,
    errs: &mut FieldErrors,
) -> Result<recall::ActiveModel> {
    let title = errs.text("title", &i.title, 200);
    let brand = errs.text("brand", &i.brand, 100);
    let codes = Codes::load(db, &[PRODUCT, HAZARD, CHANNEL, REMEDY]).await?;
    codes.check(errs, "category", PRODUCT, &i.category);
    codes.check(errs, "hazard", HAZARD, &i.hazard);
    for (k, c) in i.channels.iter().enumerate() {
        codes.check(errs, &format!("channels[{k}]"), CHANNEL, c);
    }
    if !i.remedy.is_empty() {
        codes.check(errs, "remedy", REMEDY, &i.remedy);
    }
    for (field, list) in [("models", &i.models), ("batches", &i.batches)] {
        if list.len() > 200 || list.iter().any(|m| m.chars().count() > 100) {
            errs.push(FieldError::new(field, Rule::Length).with("max", 100));
        }
    }
    for (field, v, max) in [
        ("defect", &i.defect, 4000),
        ("consumer_action", &i.consumer_action, 2000),
        ("contact", &i.contact, 100),
    ] {
        if v.chars().count() > max {
            errs.push(FieldError::new(field, Rule::Length).with("max", max));
        }
    }
    if !(0..=1_000_000_000).contains(&i.quantity) {
        errs.push(
            FieldError::new("quantity", Rule::Range)
                .with("min", 0)
                .with("max", 1_000_000_000),
        );
    }
    if let (Some(a), Some(b)) = (i.produced_from, i.produced_to)
        && a > b
    {
        errs.push(FieldError::new("produced_to", Rule::Range).with("min", a));
    }
    let every = i.report_every_days.unwrap_or(EVERY_DAYS);
    if !(7..=180).contains(&every) {
        errs.push(
            FieldError::new("report_every_days", Rule::Range)
                .with("min", 7)
                .with("max", 180),
        );
    }
    let joined = |l: &[String]| {
        l.iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok(recall::ActiveModel {
        title: Set(title.unwrap_or_default()),
        category: Set(i.category.clone()),
        brand: Set(brand.unwrap_or_default()),
        models: Set(joined(&i.models)),
        batches: Set(joined(&i.batches)),
        produced_from: Set(i.produced_from),
        produced_to: Set(i.produced_to),
        quantity: Set(i.quantity),
        channels: Set(i.channels.join(",")),
        hazard: Set(i.hazard.clone()),
        defect: Set(i.defect.trim().into()),
        remedy: Set(i.remedy.clone()),
        consumer_action: Set(i.consumer_action.trim().into()),
        contact: Set(i.contact.trim().into()),
        ends_on: Set(i.ends_on),
        report_every_days: Set(every),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// What publication needs beyond a draft's fields, all reported at once.
fn check_complete(m: &recall::Model) -> Result<()> {
    let mut errs = FieldErrors::new();
    for (field, blank) in [
        ("models", m.models.trim().is_empty()),
        ("channels", m.channels.is_empty()),
        ("defect", m.defect.is_empty()),
        ("remedy", m.remedy.is_empty()),
        ("consumer_action", m.consumer_action.is_empty()),
        ("contact", m.contact.is_empty()),
        ("ends_on", m.ends_on.is_none()),
    ] {
        if blank {
            errs.push(FieldError::new(field, Rule::Required));
        }
    }
    if m.quantity < 1 {
        errs.push(FieldError::new("quantity", Rule::Range).with("min", 1));
    }
    if m.ends_on.is_some_and(|d| d <= today()) {
        errs.push(FieldError::new("ends_on", Rule::Range).with("min", today()));
    }
    errs.finish()?;
    Ok(())
}

/// A voluntary recall: an enterprise's own, or one the regulator records for a producer.
pub async fn create(db: &DatabaseConnection, p: &Principal, i: RecallInput) -> Result<RecallView> {
    let mut errs = FieldErrors::new();
    let producer: Option<Producer> = match common::own_enterprise(db, p).await? {
        Some(own) => Some(own),
        None => {
            common::producer(
                db,
                &mut errs,
                "producer_code",
                i.producer_code.as_deref().unwrap_or_default(),
            )
            .await?
        }
    };
    let mut am = plan(db, &i, &mut errs).await?;
    errs.finish()?;
    let producer = producer.ok_or(StoreError::NotFound)?;
    if !p.covers(&producer.region_path, producer.id, None) {
        return Err(FieldError::new("producer_code", Rule::Exists).into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    am.kind = Set("voluntary".into());
    am.investigation_id = Set(None);
    let m = insert(&txn, p, am, &producer).await?;
    txn.commit().await?;
    Ok(view(m, (0, 0), today()))
}

async fn insert(
    txn: &DatabaseTransaction,
    p: &Principal,
    mut am: recall::ActiveModel,
    producer: &Producer,
) -> Result<recall::Model> {
    let now = Utc::now();
    am.code = Set(pending_number());
    am.producer_name = Set(producer.name.clone());
    am.producer_code = Set(producer.credit_code.clone());
    am.status = Set("draft".into());
    am.region_path = Set(producer.region_path.clone());
    am.org_id = Set(producer.id);
    am.owner_id = Set(p.actor_id());
    am.version = Set(1);
    am.created_at = Set(now);
    am.updated_at = Set(now);
    let m = am.insert(txn).await?;
    let m = recall::ActiveModel {
        id: Set(m.id),
        code: Set(number("RC", today(), m.id)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    audit::record(txn, p, audit_target(&m), "create", None, Some(&m)).await?;
    Ok(m)
}

/// The draft an order creates: what the investigation established, for the producer to complete.
pub(crate) async fn ordered(
    txn: &DatabaseTransaction,
    p: &Principal,
    i: &investigation::Model,
) -> Result<recall::Model> {
    let producer = common::producer_by_id(txn, i.producer_org_id).await?;
    let am = recall::ActiveModel {
        kind: Set("ordered".into()),
        investigation_id: Set(Some(i.id)),
        title: Set(format!("{}召回", i.title)),
        category: Set(i.category.clone()),
        brand: Set(i.brand.clone()),
        models: Set(i.model.clone()),
        batches: Set(String::new()),
        produced_from: Set(None),
        produced_to: Set(None),
        quantity: Set(0),
        channels: Set(String::new()),
        hazard: Set(i.hazard.clone()),
        defect: Set(i.conclusion.clone().unwrap_or_default()),
        remedy: Set(String::new()),
        consumer_action: Set(String::new()),
        contact: Set(String::new()),
        ends_on: Set(None),
        report_every_days: Set(EVERY_DAYS),
        ..Default::default()
    };
    insert(txn, p, am, &producer).await
}

async fn load(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<(DatabaseTransaction, recall::Model)> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = lock_scoped::<recall::Entity, _>(&txn, p, id).await?;
    Ok((txn, m))
}

/// Writes `am` to `m` if it is in one of `from` (else `recall.wrong_stage`), audited as `action`.
async fn write(
    txn: &DatabaseTransaction,
    p: &Principal,
    m: &recall::Model,
    version: i32,
    from: &[&str],
    action: &str,
    mut am: recall::ActiveModel,
) -> Result<recall::Model> {
    if !from.contains(&m.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    am.updated_at = Set(Utc::now());
    update_versioned::<recall::Entity, _, _>(
        txn,
        recall::Column::Id,
        recall::Column::Version,
        m.id,
        version,
        am,
    )
    .await?;
    let after = by_id::<recall::Entity, _>(txn, m.id).await?;
    audit::record(txn, p, audit_target(&after), action, Some(m), Some(&after)).await?;
    Ok(after)
}

async fn finish(
    db: &DatabaseConnection,
    p: &Principal,
    txn: DatabaseTransaction,
    id: i64,
) -> Result<RecallDetail> {
    txn.commit().await?;
    detail(db, p, id).await
}

/// Edits the plan of a draft (the producer of its own, the regulator of any in scope).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RecallInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    let version = i.version;
    if version.is_none() {
        errs.push(FieldError::new("version", Rule::Required));
    }
    let am = plan(&txn, &i, &mut errs).await?;
    errs.finish()?;
    write(
        &txn,
        p,
        &m,
        version.unwrap_or_default(),
        &["draft"],
        "update",
        am,
    )
    .await?;
    finish(db, p, txn, id).await
}

/// Publishes a complete plan: the public sees it, the producer's first report is due.
pub async fn publish(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: VersionInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    if m.status == "draft" {
        check_complete(&m)?;
    }
    let after = write(
        &txn,
        p,
        &m,
        i.version,
        &["draft"],
        "publish",
        recall::ActiveModel {
            status: Set("published".into()),
            published_at: Set(Some(Utc::now())),
            next_report_due: Set(Some(today() + Duration::days(m.report_every_days.into()))),
            ..Default::default()
        },
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[m.org_id],
        &notices::Notice {
            kind: "recall.published",
            title: format!("召回已发布:{}", m.code),
            body: format!(
                "召回 {} 已向社会公布,请按计划实施,并于 {} 前报送首次召回进展。",
                m.title,
                after
                    .next_report_due
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ),
            link: format!("/recall/recalls/{id}"),
        },
    )
    .await?;
    finish(db, p, txn, id).await
}

/// A progress report: the period ends after the last one and not after today; per channel, the
/// units corrected so far never outnumber those notified so far; the total corrected never
/// exceeds the quantity.
pub async fn report_progress(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ProgressInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    // A report checked against a stale state would be judged on the wrong totals: refuse it as
    // stale before judging it.
    if m.version != i.version {
        return Err(StoreError::VersionConflict);
    }
    let mut errs = FieldErrors::new();
    let codes = Codes::load(&txn, &[CHANNEL]).await?;
    if i.channels.is_empty() {
        errs.push(FieldError::new("channels", Rule::Required));
    }
    let before = progress_of(&txn, &m).await?;
    // Units of a channel corrected so far can never outnumber those notified so far (a period
    // may correct more than it notifies: people told before come back).
    let mut so_far: std::collections::HashMap<&str, (i64, i64)> = std::collections::HashMap::new();
    for c in before.iter().flat_map(|r| &r.channels) {
        let e = so_far.entry(c.channel.as_str()).or_default();
        *e = (e.0 + c.notified, e.1 + c.corrected);
    }
    let mut seen = std::collections::HashSet::new();
    for (k, c) in i.channels.iter().enumerate() {
        codes.check(
            &mut errs,
            &format!("channels[{k}].channel"),
            CHANNEL,
            &c.channel,
        );
        if !seen.insert(c.channel.as_str()) {
            errs.push(FieldError::new(
                format!("channels[{k}].channel"),
                Rule::Unique,
            ));
        }
        if !(0..=1_000_000_000).contains(&c.notified) {
            errs.push(
                FieldError::new(format!("channels[{k}].notified"), Rule::Range).with("min", 0),
            );
        }
        let (notified, corrected) = so_far.get(c.channel.as_str()).copied().unwrap_or_default();
        let most = (notified + c.notified.max(0) - corrected).max(0);
        if c.corrected < 0 || c.corrected > most {
            errs.push(
                FieldError::new(format!("channels[{k}].corrected"), Rule::Range)
                    .with("min", 0)
                    .with("max", most),
            );
        }
    }
    if i.note.chars().count() > 2000 {
        errs.push(FieldError::new("note", Rule::Length).with("max", 2000));
    }
    let last = before.last();
    if i.period_end > today() {
        errs.push(FieldError::new("period_end", Rule::Range).with("max", today()));
    }
    if let Some(l) = last
        && i.period_end <= l.period_end
    {
        errs.push(
            FieldError::new("period_end", Rule::Range)
                .with("min", l.period_end + Duration::days(1)),
        );
    }
    let corrected: i64 = i.channels.iter().map(|c| c.corrected).sum();
    let notified: i64 = i.channels.iter().map(|c| c.notified).sum();
    let so_far = last.map_or(0, |l| l.cumulative_corrected);
    if errs.is_empty() && so_far + corrected > m.quantity {
        errs.push(FieldError::new("channels", Rule::Range).with("max", m.quantity - so_far));
    }
    errs.finish()?;
    let now = Utc::now();
    let row = progress::ActiveModel {
        recall_id: Set(id),
        period_end: Set(i.period_end),
        channels: Set(
            serde_json::to_string(&i.channels).map_err(|e| StoreError::Io(e.to_string()))?
        ),
        notified: Set(notified),
        corrected: Set(corrected),
        note: Set(i.note.trim().into()),
        filed_by: Set(p.display_name.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write(
        &txn,
        p,
        &m,
        i.version,
        &["published"],
        "progress",
        recall::ActiveModel {
            next_report_due: Set(Some(
                i.period_end.max(today()) + Duration::days(m.report_every_days.into()),
            )),
            ..Default::default()
        },
    )
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(&m),
        "progress_report",
        None,
        Some(&row),
    )
    .await?;
    finish(db, p, txn, id).await
}

/// The regulator's effectiveness check; an ineffective recall goes on, and the producer is told.
pub async fn check_effectiveness(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: EffectivenessInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    if !["effective", "ineffective"].contains(&i.verdict.as_str()) {
        errs.push(FieldError::new("verdict", Rule::Enum).with("allowed", "effective,ineffective"));
    }
    let note = errs.text("note", &i.note, 4000);
    errs.finish()?;
    write(
        &txn,
        p,
        &m,
        i.version,
        &["published", "summarised"],
        "effectiveness",
        recall::ActiveModel {
            effectiveness: Set(Some(i.verdict.clone())),
            effectiveness_note: Set(note.clone()),
            ..Default::default()
        },
    )
    .await?;
    if i.verdict == "ineffective" {
        notices::to_orgs(
            &txn,
            &[m.org_id],
            &notices::Notice {
                kind: "recall.ineffective",
                title: format!("召回效果评估未通过:{}", m.code),
                body: note.unwrap_or_default(),
                link: format!("/recall/recalls/{id}"),
            },
        )
        .await?;
    }
    finish(db, p, txn, id).await
}

/// The producer's summary report (召回总结) once the recall has run its course.
pub async fn summarise(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: SummaryInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    let summary = errs.text("summary", &i.summary, 8000);
    errs.finish()?;
    write(
        &txn,
        p,
        &m,
        i.version,
        &["published"],
        "summary",
        recall::ActiveModel {
            status: Set("summarised".into()),
            summary: Set(summary),
            ..Default::default()
        },
    )
    .await?;
    finish(db, p, txn, id).await
}

/// Closes a summarised recall found effective (`recall.not_effective` otherwise).
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: VersionInput,
) -> Result<RecallDetail> {
    let (txn, m) = load(db, p, id).await?;
    if m.status == "summarised" && m.effectiveness.as_deref() != Some("effective") {
        return Err(StoreError::Rule(ErrorCode::RecallNotEffective));
    }
    write(
        &txn,
        p,
        &m,
        i.version,
        &["summarised"],
        "close",
        recall::ActiveModel {
            status: Set("closed".into()),
            closed_at: Set(Some(Utc::now())),
            ..Default::default()
        },
    )
    .await?;
    finish(db, p, txn, id).await
}
