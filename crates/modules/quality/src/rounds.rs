//! Collection rounds (数据采集): the province opens a round (a year's values of a published
//! framework, the cities addressed, a deadline); each city bureau fills in its submission in the
//! console or through the round's Excel template and submits it; the province approves it (its
//! values become published: shared with the analysis) or returns it with a comment, and can
//! reopen an approved one (audited). Overdue submissions are reminded by the daily job.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::SubmissionStatus as S;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, PlanStatus, RoundStatus, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::{framework_node, indicator, round, submission};
use crate::frameworks::{self, Loaded};
use crate::values::{self, Write};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::{audit_log, org, region};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{by_id, get_scoped, regions};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError, today};

const ROUND: &str = "quality_round";
const SUBMISSION: &str = "quality_submission";
/// Cities are reminded this many days before the deadline, and every day once it passed.
pub const REMIND_DAYS: i64 = 3;

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub draft: u32,
    pub submitted: u32,
    pub approved: u32,
    pub returned: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundView {
    pub id: i64,
    pub framework_id: i64,
    pub framework_name: String,
    pub framework_revision: i32,
    pub year: i32,
    pub title: String,
    pub deadline: NaiveDate,
    pub status: RoundStatus,
    /// The submissions the caller sees, by state.
    pub counts: Counts,
    /// Submissions past the deadline and not yet submitted or approved.
    pub overdue: u32,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubmissionView {
    pub id: i64,
    pub round_id: i64,
    pub year: i32,
    pub region_code: String,
    pub region_name: String,
    pub status: S,
    pub comment: Option<String>,
    pub submitted_at: Option<chrono::DateTime<Utc>>,
    pub submitted_by_name: Option<String>,
    pub reviewed_at: Option<chrono::DateTime<Utc>>,
    pub reviewed_by_name: Option<String>,
    /// Values filled in, of the framework's indicators.
    pub filled: u32,
    pub total: u32,
    pub overdue: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundDetail {
    pub round: RoundView,
    pub submissions: Vec<SubmissionView>,
}

/// One line of a submission's form.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FormLine {
    pub indicator_id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub direction: i32,
    pub formula: String,
    /// The names of the dimensions above it, root first.
    pub path: Vec<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub value: Option<f64>,
    pub note: Option<String>,
    /// Last year's published value.
    pub previous: Option<f64>,
    /// The change on last year beyond the framework's threshold (a share), when there is one.
    pub big_change: Option<f64>,
    pub value_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubmissionEvent {
    pub at: chrono::DateTime<Utc>,
    pub actor_name: String,
    /// `opened`, `saved`, `submitted`, `approved`, `returned`, `reopened`, `reminded`.
    pub action: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SubmissionForm {
    pub submission: SubmissionView,
    pub round: RoundView,
    /// The framework's change threshold (a share).
    pub change_threshold: f64,
    pub lines: Vec<FormLine>,
    pub timeline: Vec<SubmissionEvent>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewRound {
    pub framework_id: i64,
    pub year: i32,
    pub title: String,
    pub deadline: NaiveDate,
    /// The city-level regions addressed; every city with a bureau when absent.
    pub region_codes: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundFilter {
    pub year: Option<i32>,
    #[param(value_type = Option<RoundStatus>)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct LineInput {
    /// The indicator's code.
    pub code: String,
    /// None clears the value.
    pub value: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SaveInput {
    pub lines: Vec<LineInput>,
    /// The submission's version read.
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct SubmissionReview {
    /// `approve` or `return`.
    pub decision: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ReopenInput {
    pub comment: String,
}

/// Whether round `round_id`'s framework asks for indicator `indicator_id`.
pub async fn asks_for<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    indicator_id: i64,
) -> Result<bool> {
    let r = by_id::<round::Entity, _>(db, round_id).await?;
    Ok(framework_node::Entity::find()
        .filter(framework_node::Column::FrameworkId.eq(r.framework_id))
        .filter(framework_node::Column::IndicatorId.eq(indicator_id))
        .count(db)
        .await?
        > 0)
}

fn submission_target(s: &submission::Model) -> Target<'_> {
    Target {
        entity: SUBMISSION,
        id: s.id.to_string(),
        region_path: &s.region_path,
        org_id: Some(s.org_id),
    }
}

fn is_overdue(s: &submission::Model, r: &round::Model, today: NaiveDate) -> bool {
    r.status == RoundStatus::Open
        && matches!(s.status, S::Draft | S::Returned)
        && r.deadline < today
}

async fn round_views<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rounds: Vec<round::Model>,
) -> Result<Vec<RoundView>> {
    let ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let subs = scoped::<submission::Entity>(p)
        .filter(submission::Column::RoundId.is_in(ids))
        .all(db)
        .await?;
    let fws: HashMap<i64, crate::entity::framework::Model> =
        longzhi_store::repo::by_ids::<crate::entity::framework::Entity, _>(
            db,
            crate::entity::framework::Column::Id,
            rounds.iter().map(|r| r.framework_id),
            |f| f.id,
        )
        .await?;
    let today = today();
    Ok(rounds
        .into_iter()
        .map(|r| {
            let mut counts = Counts::default();
            let mut overdue = 0;
            for s in subs.iter().filter(|s| s.round_id == r.id) {
                match s.status {
                    S::Draft => counts.draft += 1,
                    S::Submitted => counts.submitted += 1,
                    S::Approved => counts.approved += 1,
                    S::Returned => counts.returned += 1,
                }
                overdue += u32::from(is_overdue(s, &r, today));
            }
            let fw = fws.get(&r.framework_id);
            RoundView {
                framework_name: fw.map(|f| f.name.clone()).unwrap_or_default(),
                framework_revision: fw.map_or(0, |f| f.revision),
                counts,
                overdue,
                id: r.id,
                framework_id: r.framework_id,
                year: r.year,
                title: r.title,
                deadline: r.deadline,
                status: r.status,
                version: r.version,
                created_at: r.created_at,
            }
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &RoundFilter,
) -> Result<Vec<RoundView>> {
    let mut s = round::Entity::find();
    if let Some(y) = f.year {
        s = s.filter(round::Column::Year.eq(y));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(round::Column::Status.eq(st));
    }
    let rounds = s
        .order_by_desc(round::Column::Year)
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?;
    round_views(db, p, rounds).await
}

async fn submission_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<submission::Model>,
) -> Result<Vec<SubmissionView>> {
    let names = values::region_names(db).await?;
    let rounds: HashMap<i64, round::Model> = longzhi_store::repo::by_ids::<round::Entity, _>(
        db,
        round::Column::Id,
        rows.iter().map(|s| s.round_id),
        |r| r.id,
    )
    .await?;
    let mut totals: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in rounds.values() {
        let leaves = frameworks::load(db, r.framework_id)
            .await?
            .leaves()
            .iter()
            .map(|i| i.id)
            .collect();
        totals.insert(r.id, leaves);
    }
    let today = today();
    let mut out = Vec::with_capacity(rows.len());
    for s in rows {
        let Some(r) = rounds.get(&s.round_id) else {
            continue;
        };
        let leaves = totals.get(&s.round_id).cloned().unwrap_or_default();
        let filled =
            unscoped::<crate::entity::value::Entity>("the values of a submission the caller sees")
                .filter(crate::entity::value::Column::RegionCode.eq(&s.region_code))
                .filter(crate::entity::value::Column::Year.eq(s.year))
                .filter(crate::entity::value::Column::IndicatorId.is_in(leaves.iter().copied()))
                .count(db)
                .await? as u32;
        out.push(SubmissionView {
            region_name: names.get(&s.region_code).cloned().unwrap_or_default(),
            filled,
            total: leaves.len() as u32,
            overdue: is_overdue(&s, r, today),
            id: s.id,
            round_id: s.round_id,
            year: s.year,
            region_code: s.region_code,
            status: s.status,
            comment: s.comment,
            submitted_at: s.submitted_at,
            submitted_by_name: s.submitted_by_name,
            reviewed_at: s.reviewed_at,
            reviewed_by_name: s.reviewed_by_name,
            version: s.version,
        });
    }
    Ok(out)
}

/// A round with the submissions the caller sees (a city: its own).
pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<RoundDetail> {
    let r = by_id::<round::Entity, _>(db, id).await?;
    let subs = scoped::<submission::Entity>(p)
        .filter(submission::Column::RoundId.eq(id))
        .order_by_asc(submission::Column::RegionCode)
        .all(db)
        .await?;
    Ok(RoundDetail {
        round: round_views(db, p, vec![r])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?,
        submissions: submission_views(db, subs).await?,
    })
}

/// Opens a round and tells every city addressed.
pub async fn open(db: &DatabaseConnection, p: &Principal, n: NewRound) -> Result<RoundDetail> {
    let mut errs = FieldErrors::new();
    let title = errs.text("title", &n.title, 200).unwrap_or_default();
    let this_year = today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2000);
    if !(2000..=this_year).contains(&n.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", this_year),
        );
    }
    if n.deadline < today() {
        errs.push(FieldError::new("deadline", Rule::Range).with("min", today()));
    }
    let all = longzhi_store::repo::orgs::city_bureaus(db).await?;
    let addressed: Vec<(String, org::Model)> = match &n.region_codes {
        Some(codes) if codes.is_empty() => {
            errs.push(FieldError::new("region_codes", Rule::Required));
            vec![]
        }
        Some(codes) => {
            for c in codes {
                if !all.iter().any(|(code, _)| code == c) {
                    errs.push(FieldError::new("region_codes", Rule::Exists).with("value", c));
                }
            }
            all.into_iter().filter(|(c, _)| codes.contains(c)).collect()
        }
        None => all,
    };
    let fw = by_id::<crate::entity::framework::Entity, _>(db, n.framework_id)
        .await
        .map_err(|_| StoreError::from(FieldError::new("framework_id", Rule::Exists)))?;
    if fw.status != PlanStatus::Published {
        errs.push(FieldError::new("framework_id", Rule::Exists));
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let twin = round::Entity::find()
        .filter(round::Column::FrameworkId.eq(n.framework_id))
        .filter(round::Column::Year.eq(n.year))
        .count(&txn)
        .await?;
    if twin > 0 {
        return Err(StoreError::Duplicate {
            field: "year".into(),
        });
    }
    let now = Utc::now();
    let r = round::ActiveModel {
        framework_id: Set(n.framework_id),
        year: Set(n.year),
        title: Set(title.clone()),
        deadline: Set(n.deadline),
        status: Set(RoundStatus::Open),
        opened_by: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let cities = regions::cities(&txn).await?;
    for (code, bureau) in &addressed {
        let Some(city) = cities.iter().find(|c| &c.code == code) else {
            continue;
        };
        let s = submission::ActiveModel {
            round_id: Set(r.id),
            year: Set(n.year),
            region_code: Set(code.clone()),
            status: Set(S::Draft),
            region_path: Set(city.path.clone()),
            org_id: Set(bureau.id),
            owner_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            p,
            submission_target(&s),
            "opened",
            None,
            Some(&json!({"round": title, "deadline": n.deadline})),
        )
        .await?;
    }
    audit::record(
        &txn,
        p,
        Target {
            entity: ROUND,
            id: r.id.to_string(),
            region_path: &p.region_path,
            org_id: Some(p.org_id),
        },
        "create",
        None,
        Some(&r),
    )
    .await?;
    let orgs: Vec<i64> = addressed.iter().map(|(_, o)| o.id).collect();
    let notice = Notice {
        kind: "quality_round_opened",
        title: format!("质量数据采集:{title}"),
        body: format!("请于 {} 前填报 {} 年数据", n.deadline, n.year),
        link: format!("/quality/rounds/{}", r.id),
    };
    notices::to_orgs(&txn, &orgs, &notice).await?;
    txn.commit().await?;
    detail(db, p, r.id).await
}

/// Closes a round: nothing more is filled in or submitted (reviews of what was submitted go on).
pub async fn close(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<RoundDetail> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = by_id::<round::Entity, _>(&txn, id).await?;
    if r.status != RoundStatus::Open {
        return Err(StoreError::Rule(ErrorCode::QualityRoundClosed));
    }
    longzhi_store::repo::update_versioned(
        &txn,
        round::Column::Id,
        round::Column::Version,
        id,
        r.version,
        round::ActiveModel {
            status: Set(RoundStatus::Closed),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    audit::record(
        &txn,
        p,
        Target {
            entity: ROUND,
            id: id.to_string(),
            region_path: &p.region_path,
            org_id: Some(p.org_id),
        },
        "close",
        Some(&json!({"status": "open"})),
        Some(&json!({"status": "closed"})),
    )
    .await?;
    txn.commit().await?;
    detail(db, p, id).await
}

/// A submission the principal sees and may act on (its write scope covers it).
async fn actionable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<submission::Model> {
    let s = get_scoped::<submission::Entity, _>(db, p, id).await?;
    if !p.covers(&s.region_path, s.org_id, s.owner_id) {
        return Err(StoreError::NotFound);
    }
    Ok(s)
}

/// Refuses (404) a submission the principal may not act on, before an upload is read.
pub async fn reachable<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<()> {
    actionable(db, p, id).await.map(|_| ())
}

/// What a submission's form needs: its round, framework, region and the indicators' values.
struct Context {
    submission: submission::Model,
    round: round::Model,
    framework: Loaded,
    region: region::Model,
}

async fn context<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<Context> {
    let submission = actionable(db, p, id).await?;
    let round = by_id::<round::Entity, _>(db, submission.round_id).await?;
    let framework = frameworks::load(db, round.framework_id).await?;
    let region = regions::by_code(db, &submission.region_code).await?;
    Ok(Context {
        submission,
        round,
        framework,
        region,
    })
}

fn paths(l: &Loaded) -> HashMap<String, Vec<String>> {
    let by_code: HashMap<&str, &framework_node::Model> =
        l.nodes.iter().map(|n| (n.code.as_str(), n)).collect();
    l.nodes
        .iter()
        .map(|n| {
            let mut path = Vec::new();
            let mut up = n.parent_code.as_deref();
            while let Some(code) = up {
                let Some(parent) = by_code.get(code) else {
                    break;
                };
                path.push(parent.name.clone());
                up = parent.parent_code.as_deref();
                if path.len() > l.nodes.len() {
                    break;
                }
            }
            path.reverse();
            (n.code.clone(), path)
        })
        .collect()
}

async fn lines<C: ConnectionTrait>(db: &C, c: &Context) -> Result<Vec<FormLine>> {
    let leaves = c.framework.leaves();
    let ids: Vec<i64> = leaves.iter().map(|i| i.id).collect();
    let rows =
        unscoped::<crate::entity::value::Entity>("the values of a submission the caller acts on")
            .filter(crate::entity::value::Column::RegionCode.eq(&c.submission.region_code))
            .filter(crate::entity::value::Column::Year.eq(c.round.year))
            .filter(crate::entity::value::Column::IndicatorId.is_in(ids.iter().copied()))
            .all(db)
            .await?;
    let current: HashMap<i64, crate::entity::value::Model> =
        rows.into_iter().map(|v| (v.indicator_id, v)).collect();
    let previous = values::published(db, &ids, c.round.year - 1..=c.round.year - 1).await?;
    let paths = paths(&c.framework);
    let threshold = c.framework.framework.change_threshold;
    Ok(leaves
        .into_iter()
        .map(|i| {
            let v = current.get(&i.id);
            let prev = previous
                .get(&(i.id, c.submission.region_code.clone(), c.round.year - 1))
                .copied();
            FormLine {
                indicator_id: i.id,
                code: i.code.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                direction: i.direction,
                formula: i.formula.clone(),
                path: paths.get(&i.code).cloned().unwrap_or_default(),
                min_value: i.min_value,
                max_value: i.max_value,
                value: v.map(|v| v.value),
                note: v.and_then(|v| v.note.clone()),
                previous: prev,
                big_change: v.and_then(|v| values::big_change(prev, v.value, threshold)),
                value_id: v.map(|v| v.id),
            }
        })
        .collect())
}

async fn timeline<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<SubmissionEvent>> {
    Ok(
        unscoped::<audit_log::Entity>("the history of a submission the caller sees")
            .filter(audit_log::Column::Entity.eq(SUBMISSION))
            .filter(audit_log::Column::EntityId.eq(id.to_string()))
            .order_by_asc(audit_log::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|a| SubmissionEvent {
                comment: a
                    .after
                    .as_deref()
                    .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                    .and_then(|v| v.get("comment").and_then(|c| c.as_str()).map(str::to_owned)),
                at: a.at,
                actor_name: a.actor_name,
                action: a.action,
            })
            .collect(),
    )
}

pub async fn form<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<SubmissionForm> {
    let c = context(db, p, id).await?;
    let lines = lines(db, &c).await?;
    Ok(SubmissionForm {
        change_threshold: c.framework.framework.change_threshold,
        timeline: timeline(db, id).await?,
        round: round_views(db, p, vec![c.round.clone()])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?,
        submission: submission_views(db, vec![c.submission])
            .await?
            .pop()
            .ok_or(StoreError::NotFound)?,
        lines,
    })
}

fn editable(c: &Context) -> Result<()> {
    if c.round.status != RoundStatus::Open {
        return Err(StoreError::Rule(ErrorCode::QualityRoundClosed));
    }
    if !matches!(c.submission.status, S::Draft | S::Returned) {
        return Err(StoreError::Rule(ErrorCode::QualitySubmissionState));
    }
    Ok(())
}

fn clean_note(note: Option<&str>) -> Option<String> {
    note.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(1000).collect())
}

/// Saves lines of a draft or returned submission: each value checked (format, range) with its
/// field named `lines[k].value` (or the row of an import, see [`save_rows`]). Values with a
/// missing or big unexplained change are kept: those are refused at submission.
pub async fn save(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    input: SaveInput,
) -> Result<SubmissionForm> {
    let rows: Vec<(String, LineInput)> = input
        .lines
        .into_iter()
        .enumerate()
        .map(|(k, l)| (format!("lines[{k}]"), l))
        .collect();
    save_rows(db, p, id, Some(input.version), rows).await?;
    form(db, p, id).await
}

/// Saves named lines (`lines[k]` of the form, `row N` of an import): all of them, or none and
/// every error with its line's name.
pub async fn save_rows(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: Option<i32>,
    rows: Vec<(String, LineInput)>,
) -> Result<usize> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let c = context(&txn, p, id).await?;
    editable(&c)?;
    if version.is_some_and(|v| v != c.submission.version) {
        return Err(StoreError::VersionConflict);
    }
    let leaves: HashMap<&str, &indicator::Model> = c
        .framework
        .leaves()
        .into_iter()
        .map(|i| (i.code.as_str(), i))
        .collect();
    let mut errs = FieldErrors::new();
    let mut writes = Vec::new();
    let mut clears = Vec::new();
    for (name, l) in &rows {
        let Some(ind) = leaves.get(l.code.trim()) else {
            errs.push(FieldError::new(format!("{name}.code"), Rule::Exists).with("value", &l.code));
            continue;
        };
        match l.value {
            Some(v) => match values::check(&format!("{name}.value"), ind, v) {
                Ok(()) => writes.push((name.as_str(), *ind, v, clean_note(l.note.as_deref()))),
                Err(e) => errs.push(e),
            },
            None => clears.push(ind.id),
        }
    }
    for (name, ind, _, _) in &writes {
        // A value of an approved submission (of this or another round) waits for a reopening.
        if let Err(StoreError::Rule(ErrorCode::QualityLocked)) =
            values::held(&txn, ind.id, &c.submission.region_code, c.round.year).await
        {
            errs.push(
                FieldError::new(format!("{name}.value"), Rule::Unique).with("reason", "locked"),
            );
        }
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    for (_, ind, v, note) in &writes {
        values::write(
            &txn,
            p,
            Write {
                indicator: ind,
                region: &c.region,
                year: c.round.year,
                value: *v,
                note: note.clone(),
                source: "round",
                published: false,
            },
        )
        .await?;
    }
    if !clears.is_empty() {
        values::clear(&txn, p, &c.submission.region_code, c.round.year, &clears).await?;
    }
    let after = bump(
        &txn,
        &c.submission,
        <submission::ActiveModel as Default>::default(),
    )
    .await?;
    audit::record(
        &txn,
        p,
        submission_target(&after),
        "saved",
        None,
        Some(&json!({"lines": writes.len() + clears.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(writes.len() + clears.len())
}

/// Writes `am` to submission `s` with the next version (a concurrent writer loses).
async fn bump<C: ConnectionTrait>(
    db: &C,
    s: &submission::Model,
    mut am: submission::ActiveModel,
) -> Result<submission::Model> {
    am.updated_at = Set(Utc::now());
    longzhi_store::repo::update_versioned(
        db,
        submission::Column::Id,
        submission::Column::Version,
        s.id,
        s.version,
        am,
    )
    .await?;
    by_id::<submission::Entity, _>(db, s.id).await
}

/// Submits a complete submission: every indicator has a value and every big change a comment
/// (else each missing or unexplained value is a field error naming the indicator's code).
pub async fn submit(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<SubmissionForm> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let c = context(&txn, p, id).await?;
    editable(&c)?;
    let threshold = c.framework.framework.change_threshold;
    let mut errs = FieldErrors::new();
    for l in lines(&txn, &c).await? {
        match (l.value, l.big_change) {
            (None, _) => errs.push(FieldError::new(l.code, Rule::Required)),
            (Some(_), Some(change)) if l.note.is_none() => {
                errs.push(values::unexplained(&l.code, change, threshold));
            }
            _ => {}
        }
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    let after = bump(
        &txn,
        &c.submission,
        submission::ActiveModel {
            status: Set(S::Submitted),
            submitted_at: Set(Some(Utc::now())),
            submitted_by_name: Set(Some(p.display_name.clone())),
            ..Default::default()
        },
    )
    .await?;
    audit::record(
        &txn,
        p,
        submission_target(&after),
        "submitted",
        None,
        Some(&json!({})),
    )
    .await?;
    if let Some(opener) = c.round.opened_by.filter(|o| *o != p.user_id) {
        let notice = Notice {
            kind: "quality_submitted",
            title: format!("质量数据待审核:{}", c.region.name),
            body: c.round.title.clone(),
            link: format!("/quality/rounds/{}", c.round.id),
        };
        notices::to_users(&txn, [opener], &notice).await?;
    }
    txn.commit().await?;
    form(db, p, id).await
}

/// Approves a submitted submission (its values become published) or returns it with a comment.
pub async fn review(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    input: SubmissionReview,
) -> Result<SubmissionForm> {
    let approve = match input.decision.as_str() {
        "approve" => true,
        "return" => false,
        _ => {
            return Err(FieldError::new("decision", Rule::Enum)
                .with("allowed", "approve,return")
                .into());
        }
    };
    let comment = clean_note(input.comment.as_deref());
    if !approve && comment.is_none() {
        return Err(FieldError::new("comment", Rule::Required).into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let c = context(&txn, p, id).await?;
    if c.submission.status != S::Submitted {
        return Err(StoreError::Rule(ErrorCode::QualitySubmissionState));
    }
    let status = if approve { S::Approved } else { S::Returned };
    let after = bump(
        &txn,
        &c.submission,
        submission::ActiveModel {
            status: Set(status),
            comment: Set(comment.clone()),
            reviewed_at: Set(Some(Utc::now())),
            reviewed_by_name: Set(Some(p.display_name.clone())),
            ..Default::default()
        },
    )
    .await?;
    if approve {
        let ids: Vec<i64> = c.framework.leaves().iter().map(|i| i.id).collect();
        values::set_published(&txn, p, &c.submission.region_code, c.round.year, &ids, true).await?;
    }
    let action = if approve { "approved" } else { "returned" };
    audit::record(
        &txn,
        p,
        submission_target(&after),
        action,
        None,
        Some(&json!({"comment": comment})),
    )
    .await?;
    let notice = Notice {
        kind: if approve {
            "quality_approved"
        } else {
            "quality_returned"
        },
        title: format!(
            "{}:{}",
            if approve {
                "质量数据已审核通过"
            } else {
                "质量数据被退回"
            },
            c.round.title
        ),
        body: comment.unwrap_or_default(),
        link: format!("/quality/submissions/{id}"),
    };
    notices::to_orgs(&txn, &[c.submission.org_id], &notice).await?;
    txn.commit().await?;
    form(db, p, id).await
}

/// Reopens an approved submission with a comment: it is returned to the city and its values
/// are no longer published until approved again. Audited on the submission and every value.
pub async fn reopen(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    input: ReopenInput,
) -> Result<SubmissionForm> {
    let Some(comment) = clean_note(Some(&input.comment)) else {
        return Err(FieldError::new("comment", Rule::Required).into());
    };
    let txn = longzhi_store::backend::begin_write(db).await?;
    let c = context(&txn, p, id).await?;
    if c.submission.status != S::Approved {
        return Err(StoreError::Rule(ErrorCode::QualitySubmissionState));
    }
    if c.round.status != RoundStatus::Open {
        return Err(StoreError::Rule(ErrorCode::QualityRoundClosed));
    }
    let after = bump(
        &txn,
        &c.submission,
        submission::ActiveModel {
            status: Set(S::Returned),
            comment: Set(Some(comment.clone())),
            ..Default::default()
        },
    )
    .await?;
    let ids: Vec<i64> = c.framework.leaves().iter().map(|i| i.id).collect();
    values::set_published(
        &txn,
        p,
        &c.submission.region_code,
        c.round.year,
        &ids,
        false,
    )
    .await?;
    audit::record(
        &txn,
        p,
        submission_target(&after),
        "reopened",
        None,
        Some(&json!({"comment": comment})),
    )
    .await?;
    let notice = Notice {
        kind: "quality_reopened",
        title: format!("质量数据已重开:{}", c.round.title),
        body: comment,
        link: format!("/quality/submissions/{id}"),
    };
    notices::to_orgs(&txn, &[c.submission.org_id], &notice).await?;
    txn.commit().await?;
    form(db, p, id).await
}

/// The submissions of open rounds due within [`REMIND_DAYS`] or overdue, not yet submitted, and
/// not reminded today: each city is told once a day. Returns how many were reminded.
pub async fn remind(db: &DatabaseConnection, day: NaiveDate) -> Result<usize> {
    let p = Principal::system("quality-daily");
    let rounds = round::Entity::find()
        .filter(round::Column::Status.eq(RoundStatus::Open.as_str()))
        .filter(round::Column::Deadline.lte(day + chrono::Duration::days(REMIND_DAYS)))
        .all(db)
        .await?;
    let mut reminded = 0;
    for r in rounds {
        let due = unscoped::<submission::Entity>("the daily job reminds every city")
            .filter(submission::Column::RoundId.eq(r.id))
            .filter(submission::Column::Status.is_in([S::Draft.as_str(), S::Returned.as_str()]))
            .all(db)
            .await?;
        for s in due.into_iter().filter(|s| s.reminded_on != Some(day)) {
            let txn = longzhi_store::backend::begin_write(db).await?;
            let after = bump(
                &txn,
                &s,
                submission::ActiveModel {
                    reminded_on: Set(Some(day)),
                    ..Default::default()
                },
            )
            .await?;
            let overdue = r.deadline < day;
            audit::record(
                &txn,
                &p,
                submission_target(&after),
                "reminded",
                None,
                Some(&json!({"deadline": r.deadline, "overdue": overdue})),
            )
            .await?;
            let notice = Notice {
                kind: if overdue { "overdue" } else { "deadline_near" },
                title: format!(
                    "{}:{}",
                    if overdue {
                        "质量数据填报已逾期"
                    } else {
                        "质量数据填报即将截止"
                    },
                    r.title
                ),
                body: format!("截止日期 {}", r.deadline),
                link: format!("/quality/submissions/{}", s.id),
            };
            notices::to_orgs(&txn, &[s.org_id], &notice).await?;
            txn.commit().await?;
            reminded += 1;
        }
    }
    Ok(reminded)
}
