//! Rounds (评选批次): the province sets a programme's rubric, eligibility checklist, quotas,
//! dates, notice period and terms (draft), takes applications (open), runs the review (review:
//! independent → consensus → site visit → closed), publishes the shortlist for the public notice
//! (notice) and decides (decided).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_review::Rubric;
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{application, objection, round};
use crate::templates::{self, EligibilityItem};

pub const ENTITY: &str = "programme_round";
pub const STATUSES: [&str; 5] = ["draft", "open", "review", "notice", "decided"];
/// The review stages in order; `closed` once the site visit is locked.
pub const STAGES: [&str; 4] = ["independent", "consensus", "site_visit", "closed"];

/// A criterion of the round's rubric, in tree order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeCriterion)]
pub struct CriterionView {
    pub code: String,
    pub name: Option<String>,
    pub max: f64,
    pub parent: Option<String>,
    /// Scored by reviewers (a parent's points are its children's sum).
    pub leaf: bool,
    pub depth: usize,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeCounts)]
pub struct Counts {
    pub applications: i64,
    pub submitted: i64,
    pub eligible: i64,
    pub shortlisted: i64,
    pub awarded: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeRoundView)]
pub struct RoundView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub year: i32,
    /// `draft`, `open`, `review`, `notice` or `decided`.
    pub status: String,
    /// `independent`, `consensus`, `site_visit` or `closed`.
    pub stage: String,
    pub rubric: String,
    pub criteria: Vec<CriterionView>,
    pub total_max: f64,
    pub eligibility: Vec<EligibilityItem>,
    pub winners_quota: i32,
    pub nominations_quota: i32,
    pub apply_from: NaiveDate,
    pub apply_until: NaiveDate,
    pub notice_days: i32,
    pub notice_from: Option<NaiveDate>,
    pub notice_until: Option<NaiveDate>,
    pub anonymous: bool,
    pub reviewers_per_application: i32,
    pub same_region_conflict: bool,
    pub term_years: i32,
    pub surveillance_years: i32,
    pub decided_on: Option<NaiveDate>,
    pub counts: Counts,
    /// Objections received and not yet handled.
    pub objections_open: i64,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeRoundInput)]
pub struct RoundInput {
    pub kind: String,
    pub name: String,
    pub year: i32,
    /// The review engine's rubric (TOML); absent: the kind's default.
    pub rubric: Option<String>,
    /// Absent: the kind's default checklist.
    pub eligibility: Option<Vec<EligibilityItem>>,
    pub winners_quota: i32,
    #[serde(default)]
    pub nominations_quota: i32,
    pub apply_from: NaiveDate,
    pub apply_until: NaiveDate,
    /// Working days, at least 5.
    pub notice_days: i32,
    #[serde(default)]
    pub anonymous: bool,
    pub reviewers_per_application: i32,
    #[serde(default)]
    pub same_region_conflict: bool,
    pub term_years: i32,
    #[serde(default)]
    pub surveillance_years: i32,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeVersionInput)]
pub struct VersionInput {
    pub version: i32,
}

pub fn round_target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

/// The criteria of `r` in tree order (each parent before its children).
pub fn criteria(r: &Rubric) -> Vec<CriterionView> {
    let all = r.criteria();
    let mut out = Vec::with_capacity(all.len());
    let mut stack: Vec<(usize, usize)> = r.roots().map(|i| (i, 0)).collect();
    stack.reverse();
    while let Some((i, depth)) = stack.pop() {
        let c = &all[i];
        out.push(CriterionView {
            code: c.code.clone(),
            name: c.name.clone(),
            max: c.max,
            parent: c.parent.map(|p| all[p].code.clone()),
            leaf: c.is_leaf(),
            depth,
        });
        stack.extend(c.children.iter().rev().map(|&ch| (ch, depth + 1)));
    }
    out
}

/// The stored rubric (checked when it was saved).
pub fn rubric(m: &round::Model) -> Result<Rubric> {
    Rubric::from_toml(&m.rubric).map_err(|e| StoreError::Io(format!("round {}: {e}", m.id)))
}

pub fn eligibility(m: &round::Model) -> Vec<EligibilityItem> {
    serde_json::from_str(&m.eligibility).unwrap_or_default()
}

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<round::Model> {
    round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<round::Model>) -> Result<Vec<RoundView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let by_status: Vec<(i64, String, i64)> = unscoped::<application::Entity>(
        "a round's counts of applications, shown to whoever sees the round",
    )
    .select_only()
    .column(application::Column::RoundId)
    .column(application::Column::Status)
    .column_as(application::Column::Id.count(), "n")
    .filter(application::Column::RoundId.is_in(ids.clone()))
    .group_by(application::Column::RoundId)
    .group_by(application::Column::Status)
    .into_tuple()
    .all(db)
    .await?;
    let mut counts: HashMap<i64, Counts> = HashMap::new();
    for (round_id, status, n) in by_status {
        let c = counts.entry(round_id).or_default();
        c.applications += n;
        if !matches!(status.as_str(), "draft" | "returned" | "withdrawn") {
            c.submitted += n;
        }
        if !matches!(
            status.as_str(),
            "draft" | "returned" | "withdrawn" | "submitted" | "recommended" | "ineligible"
        ) {
            c.eligible += n;
        }
        if matches!(status.as_str(), "shortlisted" | "awarded" | "nominated") {
            c.shortlisted += n;
        }
        if matches!(status.as_str(), "awarded" | "nominated") {
            c.awarded += n;
        }
    }
    let open: Vec<(i64, i64)> = objection::Entity::find()
        .select_only()
        .column(objection::Column::RoundId)
        .column_as(objection::Column::Id.count(), "n")
        .filter(objection::Column::RoundId.is_in(ids))
        .filter(objection::Column::Status.eq("received"))
        .group_by(objection::Column::RoundId)
        .into_tuple()
        .all(db)
        .await?;
    let open: HashMap<i64, i64> = open.into_iter().collect();
    rows.into_iter()
        .map(|m| {
            let r = rubric(&m)?;
            Ok(RoundView {
                criteria: criteria(&r),
                total_max: r.total_max(),
                eligibility: eligibility(&m),
                counts: counts.remove(&m.id).unwrap_or_default(),
                objections_open: open.get(&m.id).copied().unwrap_or(0),
                id: m.id,
                kind: m.kind,
                name: m.name,
                year: m.year,
                status: m.status,
                stage: m.stage,
                rubric: m.rubric,
                winners_quota: m.winners_quota,
                nominations_quota: m.nominations_quota,
                apply_from: m.apply_from,
                apply_until: m.apply_until,
                notice_days: m.notice_days,
                notice_from: m.notice_from,
                notice_until: m.notice_until,
                anonymous: m.anonymous,
                reviewers_per_application: m.reviewers_per_application,
                same_region_conflict: m.same_region_conflict,
                term_years: m.term_years,
                surveillance_years: m.surveillance_years,
                decided_on: m.decided_on,
                version: m.version,
            })
        })
        .collect()
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<RoundView> {
    let m = load(db, id).await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &RoundFilter,
    q: &PageQuery,
) -> Result<Page<RoundView>> {
    let mut s = round::Entity::find();
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(round::Column::Kind.eq(k));
    }
    if let Some(st) = f.status.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(round::Column::Status.eq(st));
    }
    if let Some(y) = f.year {
        s = s.filter(round::Column::Year.eq(y));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("year", round::Column::Year),
            ("created_at", round::Column::CreatedAt),
            ("name", round::Column::Name),
        ],
        "-created_at",
        round::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The checked fields of `i`, every broken rule reported at once.
fn validate(i: &RoundInput) -> std::result::Result<round::ActiveModel, FieldErrors> {
    let mut errs = FieldErrors::new();
    let template = templates::of(&i.kind);
    if template.is_none() {
        errs.push(FieldError::new("kind", Rule::Enum).with("allowed", templates::KINDS.join(",")));
    }
    let name = errs.text("name", &i.name, 100);
    if !(2000..=2100).contains(&i.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    let rubric_text = i
        .rubric
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| template.as_ref().map(|t| t.rubric.clone()))
        .unwrap_or_default();
    if let Err(e) = Rubric::from_toml(&rubric_text) {
        errs.push(FieldError::new("rubric", Rule::Format).with("reason", e));
    } else if rubric_text.len() > 100_000 {
        errs.push(FieldError::new("rubric", Rule::Length).with("max", 100_000));
    }
    let items = i
        .eligibility
        .clone()
        .or_else(|| template.as_ref().map(|t| t.eligibility.clone()))
        .unwrap_or_default();
    if items.is_empty() {
        errs.push(FieldError::new("eligibility", Rule::Required));
    }
    let mut seen = std::collections::HashSet::new();
    for (n, it) in items.iter().enumerate() {
        errs.text(&format!("eligibility[{n}].code"), &it.code, 40);
        errs.text(&format!("eligibility[{n}].text"), &it.text, 500);
        if !seen.insert(it.code.trim()) {
            errs.push(FieldError::new(
                format!("eligibility[{n}].code"),
                Rule::Unique,
            ));
        }
    }
    let mut range = |field: &str, v: i32, min: i32, max: i32| {
        if !(min..=max).contains(&v) {
            errs.push(
                FieldError::new(field, Rule::Range)
                    .with("min", min)
                    .with("max", max),
            );
        }
    };
    range("winners_quota", i.winners_quota, 0, 1000);
    range("nominations_quota", i.nominations_quota, 0, 1000);
    // 甘政发〔2021〕81号 and the brand rules: a public notice of at least five working days.
    range("notice_days", i.notice_days, 5, 30);
    range(
        "reviewers_per_application",
        i.reviewers_per_application,
        1,
        15,
    );
    range("term_years", i.term_years, 1, 10);
    range(
        "surveillance_years",
        i.surveillance_years,
        0,
        i.term_years.max(0),
    );
    if i.apply_until < i.apply_from {
        errs.push(FieldError::new("apply_until", Rule::Range).with("min", i.apply_from));
    }
    errs.finish()?;
    let now = Utc::now();
    Ok(round::ActiveModel {
        kind: Set(i.kind.clone()),
        name: Set(name.unwrap_or_default()),
        year: Set(i.year),
        rubric: Set(rubric_text),
        eligibility: Set(serde_json::to_string(&items).unwrap_or_default()),
        winners_quota: Set(i.winners_quota),
        nominations_quota: Set(i.nominations_quota),
        apply_from: Set(i.apply_from),
        apply_until: Set(i.apply_until),
        notice_days: Set(i.notice_days),
        anonymous: Set(i.anonymous),
        reviewers_per_application: Set(i.reviewers_per_application),
        same_region_conflict: Set(i.same_region_conflict),
        term_years: Set(i.term_years),
        surveillance_years: Set(i.surveillance_years),
        updated_at: Set(now),
        ..Default::default()
    })
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: RoundInput) -> Result<RoundView> {
    let mut am = validate(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    am.status = Set("draft".into());
    am.stage = Set(STAGES[0].into());
    am.blind_seed = Set(Utc::now().timestamp_subsec_nanos().into());
    am.version = Set(1);
    am.created_at = Set(Utc::now());
    let m = am.insert(&txn).await?;
    let after = get(&txn, m.id).await?;
    audit::record(&txn, p, round_target(m.id), "create", None, Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// A draft changes freely; an open round only its name and dates (applicants rely on the rest).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RoundInput,
) -> Result<RoundView> {
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let checked = validate(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get(&txn, id).await?;
    let am = match before.status.as_str() {
        "draft" if i.kind == before.kind => checked,
        "draft" => {
            return Err(FieldError::new("kind", Rule::Enum)
                .with("allowed", &before.kind)
                .into());
        }
        "open" => round::ActiveModel {
            name: checked.name,
            apply_from: checked.apply_from,
            apply_until: checked.apply_until,
            updated_at: checked.updated_at,
            ..Default::default()
        },
        _ => return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState)),
    };
    longzhi_store::repo::update_versioned(
        &txn,
        round::Column::Id,
        round::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(&txn, id).await?;
    audit::record(
        &txn,
        p,
        round_target(id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves round `id` from status `from` to `to` (stage and other fields in `extra`), audited as
/// `action`.
pub async fn step<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    id: i64,
    version: i32,
    (from, to, action): (&str, &str, &str),
    extra: round::ActiveModel,
) -> Result<RoundView> {
    let before = get(txn, id).await?;
    if before.status != from {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let mut am = extra;
    am.status = Set(to.into());
    am.updated_at = Set(Utc::now());
    longzhi_store::repo::update_versioned(
        txn,
        round::Column::Id,
        round::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(txn, id).await?;
    audit::record(
        txn,
        p,
        round_target(id),
        action,
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

pub async fn open(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let after = step(
        &txn,
        p,
        id,
        v.version,
        ("draft", "open", "open"),
        Default::default(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Applications close and the review starts with the eligible ones, each given its blind code
/// (R001 … in a seeded shuffled order, so the numbering says nothing about the applicant).
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = load(&txn, id).await?;
    let eligible = unscoped::<application::Entity>("the round's eligible applications get codes")
        .filter(application::Column::RoundId.eq(id))
        .filter(application::Column::Status.eq("eligible"))
        .all(&txn)
        .await?;
    if eligible.is_empty() && m.status == "open" {
        return Err(FieldError::new("applications", Rule::Required).into());
    }
    let after = step(
        &txn,
        p,
        id,
        v.version,
        ("open", "review", "close"),
        round::ActiveModel {
            stage: Set(STAGES[0].into()),
            ..Default::default()
        },
    )
    .await?;
    let ids: Vec<String> = eligible.iter().map(|a| a.id.to_string()).collect();
    let codes = longzhi_review::panel::BlindCodes::new(&ids, m.blind_seed as u64);
    for a in eligible {
        let code = codes.code(&a.id.to_string()).map(str::to_owned);
        application::Entity::update_many()
            .set(application::ActiveModel {
                code: Set(code),
                ..Default::default()
            })
            .filter(application::Column::Id.eq(a.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Bumps the round's version for a change made to its records (its panels), so that two
/// organisers acting on one round at once cannot both pass.
pub async fn touch<C: ConnectionTrait>(txn: &C, id: i64, version: i32) -> Result<()> {
    longzhi_store::repo::update_versioned(
        txn,
        round::Column::Id,
        round::Column::Version,
        id,
        version,
        round::ActiveModel {
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
}
