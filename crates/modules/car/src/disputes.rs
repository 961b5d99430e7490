//! 三包 disputes (三包争议) received by a city bureau, from intake to outcome: the consumer, the
//! seller, the maker and the car (VIN checked), its repair history, the 三包 engine's evaluation
//! (a new version each time the dispute or its repairs change, every version kept), the seller's
//! answer against the Art 28 deadlines in working days, mediation sessions, technical opinions of
//! experts without a conflict with the maker, and the outcome. Every write is audited; the audit
//! entries are the timeline.

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule, Vin};
use longzhi_store::audit::{self, TrailEntry};
use longzhi_store::entity::assignment;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::{by_id, get_scoped, lock_scoped, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::calendar;
use crate::common::{number, pending_number, target};
use crate::dicts::{MEDIATION, OUTCOME, REQUEST};
use crate::entity::{dispute, evaluation, maker, mediation, model, opinion, repair};
use crate::makers;
use crate::repairs::{self, RepairInput, RepairView};

pub const ENTITY: &str = "car_dispute";

/// Art 28: the seller answers within 10 working days, and completes a replacement or a refund
/// within 20.
pub const ANSWER_DAYS: u32 = 10;
pub const COMPLETION_DAYS: u32 = 20;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisputeView {
    pub id: i64,
    /// `SB-<year>-<nnnn>`.
    pub code: String,
    pub consumer_name: String,
    /// Masked (`139****0001`) for whoever may not receive disputes (the maker, experts).
    pub consumer_phone: String,
    pub vin: String,
    pub maker_id: i64,
    pub maker_name: String,
    pub brand: String,
    pub model_id: i64,
    pub model_name: String,
    pub dealer_id: Option<i64>,
    pub seller_name: String,
    pub purchase_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub price_yuan: f64,
    pub odometer_km: f64,
    pub compensation_rate: f64,
    /// `repair`, `replace` or `refund`.
    pub request: String,
    pub complaint: String,
    pub received_on: NaiveDate,
    pub answer_due: NaiveDate,
    pub completion_due: NaiveDate,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// The latest evaluation's remedy: `none`, `repair`, `free_assembly_replacement` or
    /// `refund_or_replace`.
    pub remedy: String,
    pub evaluation_no: i32,
    pub city_code: String,
    /// No answer yet and the 10 working days are over.
    pub answer_overdue: bool,
    /// A replacement or refund asked for, still open after the 20 working days.
    pub completion_overdue: bool,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationView {
    pub number: i32,
    pub remedy: String,
    /// `intake`, `dispute` or `repairs`: what changed.
    pub cause: String,
    /// The input, as `longzhi engine sanbao --input` takes it.
    pub input: Value,
    /// The engine's answer.
    pub result: Value,
    pub created_by: String,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MediationView {
    pub id: i64,
    pub held_on: NaiveDate,
    pub participants: String,
    pub summary: String,
    pub result: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OpinionView {
    pub id: i64,
    pub expert_id: i64,
    pub expert_name: String,
    pub specialty: String,
    pub opinion: Option<String>,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DisputeDetail {
    pub dispute: DisputeView,
    /// In date order: `events[k]` of an evaluation's input is `repairs[k]`.
    pub repairs: Vec<RepairView>,
    /// Newest first.
    pub evaluations: Vec<EvaluationView>,
    pub mediations: Vec<MediationView>,
    pub opinions: Vec<OpinionView>,
    pub attachments: Vec<FileView>,
    pub timeline: Vec<TrailEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DisputeInput {
    pub consumer_name: String,
    pub consumer_phone: String,
    /// 17 characters with the ISO 3779 check digit in the 9th place.
    pub vin: String,
    pub model_id: i64,
    pub dealer_id: Option<i64>,
    /// The seller's name (the dealer's when a dealer is chosen).
    #[serde(default)]
    pub seller_name: String,
    pub purchase_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub price_yuan: f64,
    pub odometer_km: f64,
    /// The maker's n; absent: the model's.
    pub compensation_rate: Option<f64>,
    pub request: String,
    #[serde(default)]
    pub complaint: String,
    /// The day the seller received the request.
    pub received_on: NaiveDate,
    /// The receiving bureau's city (a city officer's own when absent).
    pub city_code: Option<String>,
    /// Repairs entered at intake.
    #[serde(default)]
    pub repairs: Vec<RepairInput>,
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisputeFilter {
    /// Number, consumer, VIN or seller contains.
    pub q: Option<String>,
    pub status: Option<String>,
    pub remedy: Option<String>,
    pub request: Option<String>,
    pub maker_id: Option<i64>,
    pub city_code: Option<String>,
    /// Only those past an Art 28 deadline.
    pub overdue: Option<bool>,
    /// Received on or after.
    pub from: Option<NaiveDate>,
    /// Received on or before.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AnswerInput {
    pub answered_on: NaiveDate,
    pub answer: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MediationInput {
    pub held_on: NaiveDate,
    pub participants: String,
    pub summary: String,
    pub result: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ExpertsInput {
    pub expert_ids: Vec<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DisputeOpinionInput {
    pub opinion: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct CloseInput {
    pub outcome: String,
    #[serde(default)]
    pub note: String,
    pub version: i32,
}

/// Names of makers and models, for the views.
struct Names {
    makers: std::collections::HashMap<i64, maker::Model>,
    models: std::collections::HashMap<i64, model::Model>,
}

impl Names {
    async fn load<C: ConnectionTrait>(db: &C, rows: &[dispute::Model]) -> Result<Self> {
        Ok(Self {
            makers: longzhi_store::repo::by_ids::<maker::Entity, _>(
                db,
                maker::Column::Id,
                rows.iter().map(|d| d.maker_id),
                |m| m.id,
            )
            .await?,
            models: longzhi_store::repo::by_ids::<model::Entity, _>(
                db,
                model::Column::Id,
                rows.iter().map(|d| d.model_id),
                |m| m.id,
            )
            .await?,
        })
    }

    fn view(&self, m: dispute::Model, today: NaiveDate) -> DisputeView {
        let maker = self.makers.get(&m.maker_id);
        let open = m.status == "open";
        DisputeView {
            answer_overdue: open && m.answered_on.is_none() && today > m.answer_due,
            completion_overdue: open && m.request != "repair" && today > m.completion_due,
            maker_name: maker.map(|k| k.name.clone()).unwrap_or_default(),
            brand: maker.map(|k| k.brand.clone()).unwrap_or_default(),
            model_name: self
                .models
                .get(&m.model_id)
                .map(|k| k.name.clone())
                .unwrap_or_default(),
            id: m.id,
            code: m.code,
            consumer_name: m.consumer_name,
            consumer_phone: m.consumer_phone,
            vin: m.vin,
            maker_id: m.maker_id,
            model_id: m.model_id,
            dealer_id: m.dealer_id,
            seller_name: m.seller_name,
            purchase_date: m.purchase_date,
            delivery_date: m.delivery_date,
            price_yuan: m.price_yuan,
            odometer_km: m.odometer_km,
            compensation_rate: m.compensation_rate,
            request: m.request,
            complaint: m.complaint,
            received_on: m.received_on,
            answer_due: m.answer_due,
            completion_due: m.completion_due,
            answered_on: m.answered_on,
            answer: m.answer,
            status: m.status,
            outcome: m.outcome,
            outcome_note: m.outcome_note,
            closed_on: m.closed_on,
            remedy: m.remedy,
            evaluation_no: m.evaluation_no,
            city_code: m.city_code,
            version: m.version,
            created_at: m.created_at,
        }
    }
}

/// The views of `rows` for `p`. Only who may receive disputes (the bureaus) sees the consumer's
/// phone number; the maker and the experts read it masked (`139****0001`), as the bureau mediates.
async fn views<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rows: Vec<dispute::Model>,
) -> Result<Vec<DisputeView>> {
    let names = Names::load(db, &rows).await?;
    let today = today();
    let masked = !p.allows("car:dispute:create");
    Ok(rows
        .into_iter()
        .map(|m| {
            let mut v = names.view(m, today);
            if masked {
                v.consumer_phone = mask(&v.consumer_phone);
            }
            v
        })
        .collect())
}

/// A phone number with all but its first three and last four characters hidden.
fn mask(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let (head, rest) = chars.split_at(3);
    let tail = &rest[rest.len() - 4..];
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(rest.len() - 4),
        tail.iter().collect::<String>()
    )
}

fn audit_target(m: &dispute::Model) -> audit::Target<'_> {
    target(ENTITY, m.id, &m.region_path, m.org_id)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &DisputeFilter,
    q: &PageQuery,
) -> Result<Page<DisputeView>> {
    let s = filtered(p, f);
    let sortable = [
        ("received_on", dispute::Column::ReceivedOn),
        ("answer_due", dispute::Column::AnswerDue),
        ("code", dispute::Column::Code),
        ("created_at", dispute::Column::CreatedAt),
    ];
    let page = paginate(db, s, q, &sortable, "-received_on", dispute::Column::Id).await?;
    let items = views(db, p, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

fn filtered(p: &Principal, f: &DisputeFilter) -> sea_orm::Select<dispute::Entity> {
    let mut s = scoped::<dispute::Entity>(p);
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                dispute::Column::Code,
                dispute::Column::ConsumerName,
                dispute::Column::Vin,
                dispute::Column::SellerName,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    for (col, v) in [
        (dispute::Column::Status, &f.status),
        (dispute::Column::Remedy, &f.remedy),
        (dispute::Column::Request, &f.request),
        (dispute::Column::CityCode, &f.city_code),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    if let Some(m) = f.maker_id {
        s = s.filter(dispute::Column::MakerId.eq(m));
    }
    if let Some(d) = f.from {
        s = s.filter(dispute::Column::ReceivedOn.gte(d));
    }
    if let Some(d) = f.to {
        s = s.filter(dispute::Column::ReceivedOn.lte(d));
    }
    if f.overdue == Some(true) {
        let today = today();
        s = s.filter(dispute::Column::Status.eq("open")).filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(dispute::Column::AnsweredOn.is_null())
                        .add(dispute::Column::AnswerDue.lt(today)),
                )
                .add(
                    sea_orm::Condition::all()
                        .add(dispute::Column::Request.ne("repair"))
                        .add(dispute::Column::CompletionDue.lt(today)),
                ),
        );
    }
    s
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<DisputeDetail> {
    let m = get_scoped::<dispute::Entity, _>(db, p, id).await?;
    let repairs = repairs::of(db, id).await?;
    let evaluations = evaluation::Entity::find()
        .filter(evaluation::Column::DisputeId.eq(id))
        .order_by_desc(evaluation::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|e| EvaluationView {
            number: e.number,
            remedy: e.remedy,
            cause: e.cause,
            input: serde_json::from_str(&e.input).unwrap_or(Value::Null),
            result: serde_json::from_str(&e.result).unwrap_or(Value::Null),
            created_by: e.created_by,
            created_at: e.created_at,
        })
        .collect();
    let mediations = mediation::Entity::find()
        .filter(mediation::Column::DisputeId.eq(id))
        .order_by_asc(mediation::Column::HeldOn)
        .order_by_asc(mediation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| MediationView {
            id: t.id,
            held_on: t.held_on,
            participants: t.participants,
            summary: t.summary,
            result: t.result,
            recorded_by: t.recorded_by,
        })
        .collect();
    let opinions = opinions_of(db, id).await?;
    let attachments = files::attached(db, ENTITY, [id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(DisputeDetail {
        dispute: views(db, p, vec![m]).await?.remove(0),
        repairs: repairs.into_iter().map(RepairView::from).collect(),
        evaluations,
        mediations,
        opinions,
        attachments,
        timeline: audit::history(db, ENTITY, id).await?,
    })
}

async fn opinions_of<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<OpinionView>> {
    use longzhi_recall::entity::expert;
    let rows = opinion::Entity::find()
        .filter(opinion::Column::DisputeId.eq(id))
        .order_by_asc(opinion::Column::Id)
        .all(db)
        .await?;
    let experts = longzhi_store::repo::by_ids::<expert::Entity, _>(
        db,
        expert::Column::Id,
        rows.iter().map(|r| r.expert_id),
        |e| e.id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let e = experts.get(&r.expert_id);
            OpinionView {
                id: r.id,
                expert_id: r.expert_id,
                expert_name: e.map(|e| e.name.clone()).unwrap_or_default(),
                specialty: e.map(|e| e.specialty.clone()).unwrap_or_default(),
                opinion: r.opinion,
                submitted_at: r.submitted_at,
            }
        })
        .collect())
}

/// The checked facts of a dispute input, ready to store.
struct Checked {
    vin: String,
    maker: maker::Model,
    model: model::Model,
    seller_name: String,
    compensation_rate: f64,
    city: (String, String),
}

/// Checks a dispute input (the repairs are checked by the engine with the dispute).
async fn check<C: ConnectionTrait>(db: &C, p: &Principal, i: &DisputeInput) -> Result<Checked> {
    let mut errs = FieldErrors::new();
    errs.text("consumer_name", &i.consumer_name, 50);
    errs.text("consumer_phone", &i.consumer_phone, 30);
    errs.optional_text("complaint", Some(&i.complaint), 4000);
    let vin = match Vin::parse(&i.vin) {
        Ok(v) => v.to_string(),
        Err(e) => {
            errs.push(e.at("vin"));
            String::new()
        }
    };
    let codes = longzhi_injury::dicts::Codes::load(db, &[REQUEST]).await?;
    codes.check(&mut errs, "request", REQUEST, &i.request);
    let found = makers::model_with_maker(db, i.model_id).await?;
    if found.is_none() {
        errs.push(FieldError::new("model_id", Rule::Exists).with("value", i.model_id));
    }
    let mut seller_name = i.seller_name.trim().to_owned();
    if let Some(d) = i.dealer_id {
        match makers::dealer(db, d).await? {
            Some(dealer) => seller_name = dealer.name,
            None => errs.push(FieldError::new("dealer_id", Rule::Exists).with("value", d)),
        }
    } else {
        errs.text("seller_name", &i.seller_name, 100);
    }
    if i.received_on > today() {
        errs.push(FieldError::new("received_on", Rule::Range).with("max", today()));
    }
    let city = match i.city_code.as_deref().filter(|c| !c.is_empty()) {
        Some(code) => match regions::by_code(db, code).await {
            Ok(r) if ["prefecture", "special"].contains(&r.level.as_str()) => {
                Some((r.code, r.path))
            }
            _ => {
                errs.push(FieldError::new("city_code", Rule::Exists).with("value", code));
                None
            }
        },
        None => match regions::city_code(&p.region_path) {
            Some(code) => {
                let r = regions::by_code(db, code).await?;
                Some((r.code, r.path))
            }
            None => {
                errs.push(FieldError::new("city_code", Rule::Required));
                None
            }
        },
    };
    errs.finish()?;
    let (model, maker) = found.ok_or(StoreError::NotFound)?;
    let city = city.ok_or(StoreError::NotFound)?;
    if !p.covers(&city.1, maker.org_id, None) {
        return Err(FieldError::new("city_code", Rule::Exists)
            .with("value", &city.0)
            .into());
    }
    Ok(Checked {
        vin,
        compensation_rate: i.compensation_rate.unwrap_or(model.compensation_rate),
        seller_name,
        maker,
        model,
        city,
    })
}

/// The case as `longzhi engine sanbao --input` takes it: evaluated on the day the seller received
/// the request, at the odometer of that day, with the repairs in date order.
pub fn engine_input(d: &dispute::Model, repairs: &[repair::Model]) -> Value {
    let mut case = json!({
        "purchase_date": d.purchase_date,
        "price_yuan": d.price_yuan,
        "evaluation_date": d.received_on,
        "odometer_km": d.odometer_km,
        "compensation_rate": d.compensation_rate,
        "events": repairs.iter().map(repairs::event).collect::<Vec<_>>(),
    });
    if let Some(dd) = d.delivery_date {
        case["delivery_date"] = json!(dd);
    }
    case
}

/// The engine's input path as the dispute's field: `events[k].x` is `repairs[k].x`, the
/// evaluation date the day the request was received.
fn field_of(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("events") {
        return format!("repairs{rest}");
    }
    match path {
        "evaluation_date" => "received_on".into(),
        other => other.into(),
    }
}

/// Evaluates the dispute as it now stands and keeps the evaluation as the next version; an input
/// the engine rejects is a field error on the dispute's field (and nothing is stored).
async fn evaluate(
    txn: &DatabaseTransaction,
    p: &Principal,
    d: &dispute::Model,
    cause: &str,
) -> Result<dispute::Model> {
    let repairs = repairs::of(txn, d.id).await?;
    let input = engine_input(d, &repairs);
    let decision = longzhi_sanbao::decide_json(&input.to_string()).map_err(|e| {
        StoreError::from(FieldError::new(field_of(&e.path), Rule::Format).with("detail", e.message))
    })?;
    let result = serde_json::to_value(&decision).map_err(|e| StoreError::Io(e.to_string()))?;
    let remedy = result["remedy"].as_str().unwrap_or("none").to_owned();
    let next = d.evaluation_no + 1;
    evaluation::ActiveModel {
        dispute_id: Set(d.id),
        number: Set(next),
        input: Set(input.to_string()),
        result: Set(result.to_string()),
        remedy: Set(remedy.clone()),
        cause: Set(cause.into()),
        created_by: Set(p.display_name.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(dispute::ActiveModel {
        id: Set(d.id),
        remedy: Set(remedy),
        evaluation_no: Set(next),
        ..Default::default()
    }
    .update(txn)
    .await?)
}

/// Receives a dispute: checks it, counts its deadlines, stores it with its repairs and their
/// first evaluation.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: DisputeInput,
) -> Result<DisputeDetail> {
    let c = check(db, p, &i).await?;
    repairs::check_all(&i.repairs)?;
    let cal = calendar::load(db, i.received_on).await?;
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = dispute::ActiveModel {
        code: Set(pending_number()),
        consumer_name: Set(i.consumer_name.trim().into()),
        consumer_phone: Set(i.consumer_phone.trim().into()),
        vin: Set(c.vin),
        maker_id: Set(c.maker.id),
        model_id: Set(c.model.id),
        dealer_id: Set(i.dealer_id),
        seller_name: Set(c.seller_name),
        purchase_date: Set(i.purchase_date),
        delivery_date: Set(i.delivery_date),
        price_yuan: Set(i.price_yuan),
        odometer_km: Set(i.odometer_km),
        compensation_rate: Set(c.compensation_rate),
        request: Set(i.request.clone()),
        complaint: Set(i.complaint.trim().into()),
        received_on: Set(i.received_on),
        answer_due: Set(cal.add_working_days(i.received_on, ANSWER_DAYS)),
        completion_due: Set(cal.add_working_days(i.received_on, COMPLETION_DAYS)),
        answered_on: Set(None),
        answer: Set(None),
        status: Set("open".into()),
        outcome: Set(None),
        outcome_note: Set(None),
        closed_on: Set(None),
        remedy: Set("none".into()),
        evaluation_no: Set(0),
        flagged: Set(None),
        city_code: Set(c.city.0),
        region_path: Set(c.city.1),
        org_id: Set(c.maker.org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let m = dispute::ActiveModel {
        id: Set(m.id),
        code: Set(number("SB", i.received_on, m.id)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    repairs::insert_all(&txn, m.id, &i.repairs).await?;
    let m = evaluate(&txn, p, &m, "intake").await?;
    files::attach(&txn, p, &i.attachment_ids, ENTITY, m.id).await?;
    audit::record(&txn, p, audit_target(&m), "create", None, Some(&m)).await?;
    txn.commit().await?;
    detail(db, p, m.id).await
}

/// Loads an open dispute in the caller's scope inside a write transaction, its row locked.
pub(crate) async fn load_open(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<(DatabaseTransaction, dispute::Model)> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = lock_scoped::<dispute::Entity, _>(&txn, p, id).await?;
    if m.status != "open" {
        return Err(StoreError::Rule(ErrorCode::CarClosed));
    }
    Ok((txn, m))
}

/// Bumps the dispute's version (a concurrent change with the old version is refused) with the
/// fields `more` sets, and audits the change as `action`.
pub(crate) async fn bump(
    txn: &DatabaseTransaction,
    p: &Principal,
    m: &dispute::Model,
    version: i32,
    action: &str,
    more: dispute::ActiveModel,
) -> Result<dispute::Model> {
    let mut am = more;
    am.updated_at = Set(Utc::now());
    update_versioned::<dispute::Entity, _, _>(
        txn,
        dispute::Column::Id,
        dispute::Column::Version,
        m.id,
        version,
        am,
    )
    .await?;
    let after = by_id::<dispute::Entity, _>(txn, m.id).await?;
    audit::record(txn, p, audit_target(&after), action, Some(m), Some(&after)).await?;
    Ok(after)
}

/// Changes an open dispute's facts; the deadlines are counted again and the engine re-evaluates.
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: DisputeInput,
) -> Result<DisputeDetail> {
    // Out of scope is not found, whatever the input.
    get_scoped::<dispute::Entity, _>(db, p, id).await?;
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let c = check(db, p, &i).await?;
    let cal = calendar::load(db, i.received_on).await?;
    let (txn, m) = load_open(db, p, id).await?;
    let after = bump(
        &txn,
        p,
        &m,
        version,
        "update",
        dispute::ActiveModel {
            consumer_name: Set(i.consumer_name.trim().into()),
            consumer_phone: Set(i.consumer_phone.trim().into()),
            vin: Set(c.vin),
            maker_id: Set(c.maker.id),
            model_id: Set(c.model.id),
            dealer_id: Set(i.dealer_id),
            seller_name: Set(c.seller_name),
            purchase_date: Set(i.purchase_date),
            delivery_date: Set(i.delivery_date),
            price_yuan: Set(i.price_yuan),
            odometer_km: Set(i.odometer_km),
            compensation_rate: Set(c.compensation_rate),
            request: Set(i.request),
            complaint: Set(i.complaint.trim().into()),
            received_on: Set(i.received_on),
            answer_due: Set(cal.add_working_days(i.received_on, ANSWER_DAYS)),
            completion_due: Set(cal.add_working_days(i.received_on, COMPLETION_DAYS)),
            city_code: Set(c.city.0),
            region_path: Set(c.city.1),
            org_id: Set(c.maker.org_id),
            ..Default::default()
        },
    )
    .await?;
    if engine_input(&after, &[]) != engine_input(&m, &[]) {
        evaluate(&txn, p, &after, "dispute").await?;
    }
    files::attach(&txn, p, &i.attachment_ids, ENTITY, id).await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// After the repairs changed (in `txn`, dispute locked and version bumped): the new evaluation.
pub(crate) async fn repairs_changed(
    txn: &DatabaseTransaction,
    p: &Principal,
    d: &dispute::Model,
) -> Result<()> {
    evaluate(txn, p, d, "repairs").await.map(|_| ())
}

/// The seller's answer to the request (Art 28), late or not.
pub async fn answer(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: AnswerInput,
) -> Result<DisputeDetail> {
    let (txn, m) = load_open(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("answer", &i.answer, 4000);
    if i.answered_on > today() || i.answered_on < m.received_on {
        errs.push(
            FieldError::new("answered_on", Rule::Range)
                .with("min", m.received_on)
                .with("max", today()),
        );
    }
    errs.finish()?;
    bump(
        &txn,
        p,
        &m,
        i.version,
        "answer",
        dispute::ActiveModel {
            answered_on: Set(Some(i.answered_on)),
            answer: Set(Some(i.answer.trim().into())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// Records a mediation session.
pub async fn mediate(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: MediationInput,
) -> Result<DisputeDetail> {
    let (txn, m) = load_open(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("participants", &i.participants, 500);
    errs.text("summary", &i.summary, 8000);
    let codes = longzhi_injury::dicts::Codes::load(&txn, &[MEDIATION]).await?;
    codes.check(&mut errs, "result", MEDIATION, &i.result);
    if i.held_on > today() || i.held_on < m.received_on {
        errs.push(
            FieldError::new("held_on", Rule::Range)
                .with("min", m.received_on)
                .with("max", today()),
        );
    }
    errs.finish()?;
    let now = Utc::now();
    mediation::ActiveModel {
        dispute_id: Set(id),
        held_on: Set(i.held_on),
        participants: Set(i.participants.trim().into()),
        summary: Set(i.summary.trim().into()),
        result: Set(i.result.clone()),
        recorded_by: Set(p.display_name.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bump(&txn, p, &m, i.version, "mediate", Default::default()).await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// The experts of the pool that may give an opinion on `id`: active, without a declared conflict
/// with its maker (by name or its organisation's credit code) or brand.
pub async fn assignable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Vec<longzhi_recall::experts::ExpertView>> {
    let m = get_scoped::<dispute::Entity, _>(db, p, id).await?;
    let party = makers::party(db, m.maker_id).await?;
    let free = longzhi_recall::experts::all_active(db)
        .await?
        .into_iter()
        .filter(|e| !party.conflicts(e))
        .collect();
    longzhi_recall::experts::views(db, free).await
}

/// Asks experts for a technical opinion; one with a declared conflict with the maker or its brand
/// is refused (`recall.expert_conflict`), as in a defect investigation.
pub async fn assign(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ExpertsInput,
) -> Result<DisputeDetail> {
    let (txn, m) = load_open(db, p, id).await?;
    let party = makers::party(&txn, m.maker_id).await?;
    let chosen =
        longzhi_recall::experts::choose(&txn, &i.expert_ids, |e| party.conflicts(e)).await?;
    let now = Utc::now();
    let mut users = Vec::new();
    for e in &chosen {
        let exists = opinion::Entity::find()
            .filter(opinion::Column::DisputeId.eq(id))
            .filter(opinion::Column::ExpertId.eq(e.id))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            continue;
        }
        opinion::ActiveModel {
            dispute_id: Set(id),
            expert_id: Set(e.id),
            opinion: Set(None),
            submitted_at: Set(None),
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
    }
    let names: Vec<&str> = chosen.iter().map(|e| e.name.as_str()).collect();
    bump(&txn, p, &m, i.version, "assign_expert", Default::default()).await?;
    audit::record(
        &txn,
        p,
        audit_target(&m),
        "experts",
        None,
        Some(&json!({ "experts": names })),
    )
    .await?;
    longzhi_store::repo::notices::to_users(
        &txn,
        users,
        &longzhi_store::repo::notices::Notice {
            kind: "car.opinion",
            title: format!("三包争议技术咨询:{}", m.code),
            body: format!("请对三包争议 {}({})提出技术意见。", m.code, m.vin),
            link: format!("/car/disputes/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// An assigned expert's technical opinion (given again, it replaces theirs).
pub async fn opine(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: DisputeOpinionInput,
) -> Result<DisputeDetail> {
    use longzhi_recall::entity::expert;
    let (txn, m) = load_open(db, p, id).await?;
    let mut errs = FieldErrors::new();
    errs.text("opinion", &i.opinion, 8000);
    errs.finish()?;
    let me = expert::Entity::find()
        .filter(expert::Column::UserId.eq(p.user_id))
        .one(&txn)
        .await?;
    let mine = match me {
        Some(e) => {
            opinion::Entity::find()
                .filter(opinion::Column::DisputeId.eq(id))
                .filter(opinion::Column::ExpertId.eq(e.id))
                .one(&txn)
                .await?
        }
        None => None,
    };
    let r = mine.ok_or(StoreError::Rule(ErrorCode::RecallNotAssigned))?;
    let now = Utc::now();
    opinion::ActiveModel {
        id: Set(r.id),
        opinion: Set(Some(i.opinion.trim().into())),
        submitted_at: Set(Some(now)),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(&txn, p, audit_target(&m), "opinion", None, None::<&()>).await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// Closes the dispute with its outcome.
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: CloseInput,
) -> Result<DisputeDetail> {
    let (txn, m) = load_open(db, p, id).await?;
    let mut errs = FieldErrors::new();
    let codes = longzhi_injury::dicts::Codes::load(&txn, &[OUTCOME]).await?;
    codes.check(&mut errs, "outcome", OUTCOME, &i.outcome);
    errs.optional_text("note", Some(&i.note), 4000);
    errs.finish()?;
    bump(
        &txn,
        p,
        &m,
        i.version,
        "close",
        dispute::ActiveModel {
            status: Set("closed".into()),
            outcome: Set(Some(i.outcome)),
            outcome_note: Set(Some(i.note.trim().into())),
            closed_on: Set(Some(today())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}
