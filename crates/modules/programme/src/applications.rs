//! Applications (申报): an enterprise (award, brand) or a city government (benchmark city,
//! demonstration zone) fills the form, self-assesses against the round's rubric and attaches its
//! evidence; the city bureau of an enterprise recommends it (or returns it); the province checks
//! eligibility item by item with reasons. After the review, the shortlist, the decision and the
//! term follow (`rounds`, `review`, `decision`, `terms`).
//!
//! Reviewers of an anonymous round see the blind code, never the applicant's name or
//! organisation; applicants never see reviewers' scores (only the province reads them).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{get_scoped, orgs, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped, unscoped_by_id};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{application, expert, panel, round};
use crate::rounds::{self, VersionInput};
use crate::templates;

pub const ENTITY: &str = "programme_application";

/// The organiser's permission: who sees names, reviewers and scores.
pub const ORGANISER: &str = "programme:round:review";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeAssessmentItem)]
pub struct AssessmentItem {
    /// A leaf criterion of the round's rubric.
    pub criterion: String,
    pub score: f64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeCheckItem)]
pub struct CheckItem {
    pub code: String,
    /// The condition's text (filled in from the round).
    #[serde(default)]
    pub text: String,
    pub passed: bool,
    /// Required when not passed.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeReviewer)]
pub struct Reviewer {
    pub expert_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeApplicationView)]
pub struct ApplicationView {
    pub id: i64,
    pub round_id: i64,
    pub round_name: String,
    pub kind: String,
    /// The blind code (R001 …), drawn when the round closes.
    pub code: Option<String>,
    /// The applicant; for a reviewer of an anonymous round, the blind code.
    pub applicant_name: String,
    pub anonymised: bool,
    pub org_id: Option<i64>,
    pub region_code: String,
    pub region_name: String,
    pub industry: String,
    pub product: String,
    pub summary: String,
    pub contact: String,
    pub self_assessment: Vec<AssessmentItem>,
    pub self_total: f64,
    /// `draft`, `submitted`, `returned`, `recommended`, `eligible`, `ineligible`,
    /// `shortlisted`, `not_shortlisted`, `awarded`, `nominated`, `not_awarded` or `withdrawn`.
    pub status: String,
    pub recommendation_note: Option<String>,
    pub recommended_by: Option<String>,
    pub eligibility: Vec<CheckItem>,
    pub final_score: Option<f64>,
    pub rank: Option<i32>,
    /// `winner` or `nomination`.
    pub outcome: Option<String>,
    /// The certificate's verification code (the holder and the province only).
    pub certificate_code: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub term_until: Option<NaiveDate>,
    /// `active`, `remediating`, `revoked` or `expired`.
    pub term_status: Option<String>,
    /// Forwarded to the China Quality Award (中国质量奖) as the province's nomination.
    pub forwarded_at: Option<chrono::DateTime<Utc>>,
    pub forward_note: Option<String>,
    /// The review panel (the organiser only).
    pub reviewers: Vec<Reviewer>,
    pub attachments: Vec<FileView>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeApplicationInput)]
pub struct ApplicationInput {
    pub round_id: i64,
    pub industry: String,
    #[serde(default)]
    pub product: String,
    pub summary: String,
    pub contact: String,
    #[serde(default)]
    pub self_assessment: Vec<AssessmentItem>,
    /// Uploaded files (`POST /files`); the list replaces the previous one.
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeRecommendInput)]
pub struct RecommendInput {
    /// `recommend` or `return`.
    pub decision: String,
    /// Required to return.
    pub note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeCheckInput)]
pub struct CheckInput {
    pub items: Vec<CheckItem>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeForwardInput)]
pub struct ForwardInput {
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationFilter {
    pub round_id: Option<i64>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub region_code: Option<String>,
    /// Applicant, industry or product contains.
    pub q: Option<String>,
}

pub fn target(a: &application::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: a.id.to_string(),
        region_path: &a.region_path,
        org_id: Some(a.org_id),
    }
}

fn assessment(a: &application::Model) -> Vec<AssessmentItem> {
    serde_json::from_str(&a.self_assessment).unwrap_or_default()
}

/// What `p` may see of applications `rows`.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rows: Vec<application::Model>,
) -> Result<Vec<ApplicationView>> {
    let cities = regions::city_names(db).await?;
    let mut rounds_seen: HashMap<i64, round::Model> = HashMap::new();
    for a in &rows {
        if let std::collections::hash_map::Entry::Vacant(e) = rounds_seen.entry(a.round_id) {
            e.insert(rounds::load(db, a.round_id).await?);
        }
    }
    let organiser = p.allows(ORGANISER);
    let mut panels: HashMap<i64, Vec<Reviewer>> = HashMap::new();
    if organiser {
        let members = panel::Entity::find()
            .filter(panel::Column::ApplicationId.is_in(rows.iter().map(|a| a.id)))
            .all(db)
            .await?;
        let experts = longzhi_store::repo::by_ids::<expert::Entity, _>(
            db,
            expert::Column::Id,
            members.iter().map(|m| m.expert_id),
            |e| e.id,
        )
        .await?;
        for m in members {
            panels.entry(m.application_id).or_default().push(Reviewer {
                expert_id: m.expert_id,
                name: experts
                    .get(&m.expert_id)
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
            });
        }
    }
    let mut files = files::attached(db, ENTITY, rows.iter().map(|a| a.id)).await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let r = &rounds_seen[&a.round_id];
            // A reviewer of an anonymous round: the organiser's permission is what tells them
            // apart from the applicant, the city and the province.
            let anonymised = r.anonymous && !organiser && p.allows("programme:score:submit");
            let items = assessment(&a);
            let eligibility = merge_checklist(&rounds::eligibility(r), &a.eligibility);
            ApplicationView {
                round_name: r.name.clone(),
                kind: r.kind.clone(),
                applicant_name: if anonymised {
                    a.code.clone().unwrap_or_default()
                } else {
                    a.applicant_name.clone()
                },
                anonymised,
                org_id: (!anonymised).then_some(a.org_id),
                region_name: cities.get(&a.region_code).cloned().unwrap_or_default(),
                self_total: items.iter().map(|i| i.score).sum(),
                self_assessment: items,
                eligibility,
                certificate_code: a.certificate_code.clone().filter(|_| !anonymised),
                contact: if anonymised {
                    String::new()
                } else {
                    a.contact.clone()
                },
                reviewers: panels.remove(&a.id).unwrap_or_default(),
                attachments: files.remove(&a.id).unwrap_or_default(),
                id: a.id,
                round_id: a.round_id,
                code: a.code,
                region_code: a.region_code,
                industry: a.industry,
                product: a.product,
                summary: a.summary,
                status: a.status,
                recommendation_note: a.recommendation_note,
                recommended_by: a.recommended_by,
                final_score: a.final_score,
                rank: a.rank,
                outcome: a.outcome,
                issued_on: a.issued_on,
                term_until: a.term_until,
                term_status: a.term_status,
                forwarded_at: a.forwarded_at,
                forward_note: a.forward_note,
                version: a.version,
            }
        })
        .collect())
}

/// The round's checklist with the check's outcome of each item (unchecked: not passed, no
/// reason).
fn merge_checklist(items: &[templates::EligibilityItem], stored: &str) -> Vec<CheckItem> {
    let done: Vec<CheckItem> = serde_json::from_str(stored).unwrap_or_default();
    items
        .iter()
        .map(|it| {
            let d = done.iter().find(|d| d.code == it.code);
            CheckItem {
                code: it.code.clone(),
                text: it.text.clone(),
                passed: d.is_some_and(|d| d.passed),
                reason: d.and_then(|d| d.reason.clone()),
            }
        })
        .collect()
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<ApplicationView> {
    let a = get_scoped::<application::Entity, _>(db, p, id).await?;
    Ok(views(db, p, vec![a]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &ApplicationFilter,
    q: &PageQuery,
) -> Result<Page<ApplicationView>> {
    let mut s = scoped::<application::Entity>(p);
    if let Some(r) = f.round_id {
        s = s.filter(application::Column::RoundId.eq(r));
    }
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        let ids: Vec<i64> = round::Entity::find()
            .filter(round::Column::Kind.eq(k))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        s = s.filter(application::Column::RoundId.is_in(ids));
    }
    if let Some(st) = f.status.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(application::Column::Status.eq(st));
    }
    if let Some(c) = f.region_code.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(application::Column::RegionCode.eq(c));
    }
    // A reviewer of an anonymous round cannot search by the name they are not shown.
    let names = if p.allows(ORGANISER) || !p.allows("programme:score:submit") {
        vec![
            application::Column::ApplicantName,
            application::Column::Industry,
            application::Column::Product,
        ]
    } else {
        vec![application::Column::Industry, application::Column::Product]
    };
    if let Some(e) = f.q.as_deref().and_then(|t| contains_any(&names, t)) {
        s = s.filter(e);
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("created_at", application::Column::CreatedAt),
            ("rank", application::Column::Rank),
            ("final_score", application::Column::FinalScore),
            ("status", application::Column::Status),
        ],
        "-created_at",
        application::Column::Id,
    )
    .await?;
    let items = views(db, p, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The form's checked fields: self-assessment items must be leaves of the rubric, each on its
/// scale, at most once.
fn validate(
    i: &ApplicationInput,
    r: &round::Model,
    errs: &mut FieldErrors,
) -> Result<(String, String, String, String, String)> {
    let industry = errs.text("industry", &i.industry, 100).unwrap_or_default();
    let product = if r.kind == "brand" {
        errs.text("product", &i.product, 200).unwrap_or_default()
    } else {
        errs.optional_text("product", Some(&i.product), 200)
            .unwrap_or_default()
    };
    let summary = errs.text("summary", &i.summary, 20_000).unwrap_or_default();
    let contact = errs.text("contact", &i.contact, 200).unwrap_or_default();
    let rubric = rounds::rubric(r)?;
    let mut seen = HashSet::new();
    for (n, it) in i.self_assessment.iter().enumerate() {
        if let Err(e) = rubric.check_score(&it.criterion, it.score) {
            errs.push(
                FieldError::new(format!("self_assessment[{n}].score"), Rule::Range)
                    .with("reason", e),
            );
        }
        if !seen.insert(it.criterion.as_str()) {
            errs.push(FieldError::new(
                format!("self_assessment[{n}].criterion"),
                Rule::Unique,
            ));
        }
        if it.note.chars().count() > 2000 {
            errs.push(
                FieldError::new(format!("self_assessment[{n}].note"), Rule::Length)
                    .with("max", 2000),
            );
        }
    }
    Ok((
        industry,
        product,
        summary,
        contact,
        serde_json::to_string(&i.self_assessment).unwrap_or_default(),
    ))
}

/// The caller's organisation as an applicant to `r`: an enterprise to the award and the brand,
/// a city bureau to the city programmes.
async fn applicant<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    r: &round::Model,
) -> Result<(org::Model, String)> {
    let o = unscoped_by_id::<org::Entity, _>(p.org_id, "the caller's own organisation")
        .one(db)
        .await?
        .ok_or(StoreError::Rule(ErrorCode::ProgrammeWrongApplicant))?;
    let ok = if templates::for_cities(&r.kind) {
        orgs::city_bureaus(db)
            .await?
            .iter()
            .any(|(_, b)| b.id == o.id)
    } else {
        o.kind == "enterprise"
    };
    let city = regions::city_code(&o.region_path).map(str::to_owned);
    match (ok, city) {
        (true, Some(city)) => Ok((o, city)),
        _ => Err(StoreError::Rule(ErrorCode::ProgrammeWrongApplicant)),
    }
}

/// A draft application of the caller's organisation.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: ApplicationInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = rounds::load(&txn, i.round_id)
        .await
        .map_err(|_| StoreError::from(FieldError::new("round_id", Rule::Exists)))?;
    let mut errs = FieldErrors::new();
    let (industry, product, summary, contact, items) = validate(&i, &r, &mut errs)?;
    errs.finish()?;
    if r.status != "open" {
        return Err(StoreError::Rule(ErrorCode::ProgrammeClosed));
    }
    let (o, city) = applicant(&txn, p, &r).await?;
    let taken = unscoped::<application::Entity>("one application per organisation and round")
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::OrgId.eq(o.id))
        .one(&txn)
        .await?
        .is_some();
    if taken {
        return Err(StoreError::Rule(ErrorCode::ProgrammeDuplicate));
    }
    let now = Utc::now();
    let a = application::ActiveModel {
        round_id: Set(r.id),
        applicant_name: Set(o.name.clone()),
        region_code: Set(city),
        industry: Set(industry),
        product: Set(product),
        summary: Set(summary),
        contact: Set(contact),
        self_assessment: Set(items),
        status: Set("draft".into()),
        eligibility: Set("[]".into()),
        region_path: Set(o.region_path.clone()),
        org_id: Set(o.id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    files::attach(&txn, p, &i.attachment_ids, ENTITY, a.id).await?;
    audit::record(&txn, p, target(&a), "create", None, Some(&a)).await?;
    txn.commit().await?;
    get(db, p, a.id).await
}

/// The applicant edits a draft or a returned application.
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ApplicationInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let r = rounds::load(&txn, before.round_id).await?;
    let mut errs = FieldErrors::new();
    let (industry, product, summary, contact, items) = validate(&i, &r, &mut errs)?;
    errs.finish()?;
    if before.org_id != p.org_id || !matches!(before.status.as_str(), "draft" | "returned") {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    update_versioned(
        &txn,
        application::Column::Id,
        application::Column::Version,
        id,
        version,
        application::ActiveModel {
            industry: Set(industry),
            product: Set(product),
            summary: Set(summary),
            contact: Set(contact),
            self_assessment: Set(items),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    files::attach(&txn, p, &i.attachment_ids, ENTITY, id).await?;
    let after = load(&txn, id).await?;
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

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<application::Model> {
    unscoped_by_id::<application::Entity, _>(id, "a record already found in the caller's scope")
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Moves application `before` from one of `from` to `to` with `extra`, audited as `action`.
pub async fn step<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    before: &application::Model,
    version: i32,
    (from, to, action): (&[&str], &str, &str),
    extra: application::ActiveModel,
) -> Result<application::Model> {
    if !from.contains(&before.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let mut am = extra;
    am.status = Set(to.into());
    am.updated_at = Set(Utc::now());
    update_versioned(
        txn,
        application::Column::Id,
        application::Column::Version,
        before.id,
        version,
        am,
    )
    .await?;
    let after = load(txn, before.id).await?;
    audit::record(txn, p, target(&after), action, Some(before), Some(&after)).await?;
    Ok(after)
}

/// Submitted while the round takes applications, with every leaf self-assessed. An enterprise's
/// application goes to its city bureau for recommendation; a city's goes to the province.
pub async fn submit(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let r = rounds::load(&txn, a.round_id).await?;
    let day = today();
    if r.status != "open" || day < r.apply_from || day > r.apply_until {
        return Err(StoreError::Rule(ErrorCode::ProgrammeClosed));
    }
    let done: HashSet<String> = assessment(&a).into_iter().map(|i| i.criterion).collect();
    let missing: Vec<String> = rounds::rubric(&r)?
        .criteria()
        .iter()
        .filter(|c| c.is_leaf() && !done.contains(&c.code))
        .map(|c| c.code.clone())
        .collect();
    if !missing.is_empty() {
        return Err(FieldError::new("self_assessment", Rule::Required)
            .with("missing", missing.join(","))
            .into());
    }
    if a.org_id != p.org_id {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let after = step(
        &txn,
        p,
        &a,
        v.version,
        (&["draft", "returned"], "submitted", "submit"),
        Default::default(),
    )
    .await?;
    let to: Vec<i64> = if templates::for_cities(&r.kind) {
        vec![]
    } else {
        orgs::city_bureaus(&txn)
            .await?
            .into_iter()
            .filter(|(c, _)| *c == a.region_code)
            .map(|(_, o)| o.id)
            .collect()
    };
    notices::to_orgs(
        &txn,
        &to,
        &Notice {
            kind: "programme_submitted",
            title: format!("{}:{} 已提交申报", r.name, a.applicant_name),
            body: "请审核并推荐。".into(),
            link: format!("/programme/applications/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    get(db, p, after.id).await
}

/// The applicant's city bureau recommends the enterprise's application, or returns it with a
/// note. Another city's application is not found, whatever is sent.
pub async fn recommend(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RecommendInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let note = i.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let (to, action) = match (i.decision.as_str(), note) {
        ("recommend", _) => ("recommended", "recommend"),
        ("return", Some(_)) => ("returned", "return"),
        ("return", None) => return Err(FieldError::new("note", Rule::Required).into()),
        _ => {
            return Err(FieldError::new("decision", Rule::Enum)
                .with("allowed", "recommend,return")
                .into());
        }
    };
    let r = rounds::load(&txn, a.round_id).await?;
    if templates::for_cities(&r.kind) {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let after = step(
        &txn,
        p,
        &a,
        i.version,
        (&["submitted"], to, action),
        application::ActiveModel {
            recommendation_note: Set(note.map(str::to_owned)),
            recommended_by: Set(Some(p.display_name.clone())),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    get(db, p, after.id).await
}

/// The province's eligibility check (资格审查): every condition of the round passed or failed,
/// each failure with its reason; eligible only when all pass.
pub async fn check(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: CheckInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let r = rounds::load(&txn, a.round_id).await?;
    let items = rounds::eligibility(&r);
    let mut errs = FieldErrors::new();
    let mut out = Vec::new();
    for (n, it) in items.iter().enumerate() {
        match i.items.iter().find(|c| c.code == it.code) {
            None => errs.push(
                FieldError::new(format!("items[{n}]"), Rule::Required).with("code", &it.code),
            ),
            Some(c) => {
                let reason =
                    errs.optional_text(&format!("items[{n}].reason"), c.reason.as_deref(), 1000);
                if !c.passed && reason.is_none() {
                    errs.push(FieldError::new(
                        format!("items[{n}].reason"),
                        Rule::Required,
                    ));
                }
                out.push(CheckItem {
                    code: it.code.clone(),
                    text: String::new(),
                    passed: c.passed,
                    reason,
                });
            }
        }
    }
    for (n, c) in i.items.iter().enumerate() {
        if !items.iter().any(|it| it.code == c.code) {
            errs.push(FieldError::new(format!("items[{n}].code"), Rule::Exists));
        }
    }
    errs.finish()?;
    if r.status != "open" {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let from: &[&str] = if templates::for_cities(&r.kind) {
        &["submitted", "eligible", "ineligible"]
    } else {
        &["recommended", "eligible", "ineligible"]
    };
    let to = if out.iter().all(|c| c.passed) {
        "eligible"
    } else {
        "ineligible"
    };
    let after = step(
        &txn,
        p,
        &a,
        i.version,
        (from, to, "check"),
        application::ActiveModel {
            eligibility: Set(serde_json::to_string(&out).unwrap_or_default()),
            ..Default::default()
        },
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[a.org_id],
        &Notice {
            kind: "programme_checked",
            title: format!("{}:资格审查结果", r.name),
            body: if to == "eligible" {
                "资格审查通过。".into()
            } else {
                "资格审查未通过,请查看原因。".into()
            },
            link: format!("/programme/applications/{id}"),
        },
    )
    .await?;
    txn.commit().await?;
    get(db, p, after.id).await
}

/// The province forwards an award winner or nomination to the China Quality Award (中国质量奖).
pub async fn forward(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ForwardInput,
) -> Result<ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let note = errs.text("note", &i.note, 2000);
    errs.finish()?;
    let r = rounds::load(&txn, a.round_id).await?;
    if r.kind != "award" || a.forwarded_at.is_some() {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let status = a.status.clone();
    let after = step(
        &txn,
        p,
        &a,
        i.version,
        (&["awarded", "nominated"], &status, "forward"),
        application::ActiveModel {
            forwarded_at: Set(Some(Utc::now())),
            forward_note: Set(note),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    get(db, p, after.id).await
}
