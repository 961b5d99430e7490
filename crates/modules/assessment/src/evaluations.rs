//! A city's self-evaluation (自评): its targets, then for each indicator the score it claims,
//! a statement and evidence files; submitted by the deadline. The city sees its own evaluation
//! only, and the departments' scores only once the year is published; the province may veto
//! a city (a regional or systemic quality-safety incident: the lowest grade whatever the points).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::{get_scoped, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::entity::{evaluation, indicator, item, year};
use crate::{indicators, results, years};

pub const ENTITY: &str = "assessment_evaluation";
/// The files of one claim (an item).
pub const ITEM_ENTITY: &str = "assessment_item";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentEvaluationView)]
pub struct EvaluationView {
    pub id: i64,
    pub year_id: i64,
    pub year: i32,
    pub city_code: String,
    pub city_name: String,
    /// `draft` or `submitted`.
    pub status: String,
    pub targets: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub claimed_total: f64,
    pub veto: bool,
    pub veto_reason: Option<String>,
    /// Once published (the province: also before).
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub rank: Option<i32>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentItemView)]
pub struct ItemView {
    pub id: i64,
    pub indicator_id: i64,
    pub part: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    pub rule: String,
    pub evidence: String,
    pub department_name: String,
    pub claimed: Option<f64>,
    pub statement: String,
    pub attachments: Vec<FileView>,
    /// The department's score and comment, the province's mean of the indicator and whether the
    /// city is below it: shown once the results may be seen.
    pub score: Option<f64>,
    pub comment: Option<String>,
    pub province_mean: Option<f64>,
    pub weak: Option<bool>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentEvaluationDetail)]
pub struct EvaluationDetail {
    #[serde(flatten)]
    pub evaluation: EvaluationView,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentClaimInput)]
pub struct ClaimInput {
    pub indicator_id: i64,
    pub claimed: Option<f64>,
    #[serde(default)]
    pub statement: String,
    /// Uploaded files (`POST /files`); the list replaces the previous one.
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentEvaluationInput)]
pub struct EvaluationInput {
    #[serde(default)]
    pub targets: String,
    #[serde(default)]
    pub items: Vec<ClaimInput>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentVetoInput)]
pub struct VetoInput {
    pub veto: bool,
    /// Required to veto.
    pub reason: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluationFilter {
    pub year_id: Option<i64>,
    pub status: Option<String>,
    pub city_code: Option<String>,
}

pub fn target(e: &evaluation::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: e.id.to_string(),
        region_path: &e.region_path,
        org_id: Some(e.org_id),
    }
}

pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<item::Model>> {
    Ok(item::Entity::find()
        .filter(item::Column::EvaluationId.is_in(ids))
        .all(db)
        .await?)
}

/// What `p` may see of evaluations `rows`.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rows: Vec<evaluation::Model>,
) -> Result<Vec<EvaluationView>> {
    let names = regions::city_names(db).await?;
    let mut years_seen: HashMap<i64, year::Model> = HashMap::new();
    for e in &rows {
        if let std::collections::hash_map::Entry::Vacant(v) = years_seen.entry(e.year_id) {
            v.insert(years::load(db, e.year_id).await?);
        }
    }
    let mut claimed: HashMap<i64, f64> = HashMap::new();
    for i in items_of(db, rows.iter().map(|e| e.id)).await? {
        *claimed.entry(i.evaluation_id).or_default() += i.claimed.unwrap_or(0.0);
    }
    Ok(rows
        .into_iter()
        .map(|e| {
            let y = &years_seen[&e.year_id];
            let visible = years::results_visible(p, y);
            EvaluationView {
                year: y.year,
                city_name: names.get(&e.city_code).cloned().unwrap_or_default(),
                claimed_total: claimed.get(&e.id).copied().unwrap_or(0.0),
                total: e.total.filter(|_| visible),
                grade: e.grade.filter(|_| visible),
                rank: e.rank.filter(|_| visible),
                id: e.id,
                year_id: e.year_id,
                city_code: e.city_code,
                status: e.status,
                targets: e.targets,
                submitted_at: e.submitted_at,
                veto: e.veto,
                veto_reason: e.veto_reason,
                version: e.version,
            }
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &EvaluationFilter,
    q: &PageQuery,
) -> Result<Page<EvaluationView>> {
    let mut s = scoped::<evaluation::Entity>(p);
    if let Some(y) = f.year_id {
        s = s.filter(evaluation::Column::YearId.eq(y));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(evaluation::Column::Status.eq(st));
    }
    if let Some(c) = f.city_code.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(evaluation::Column::CityCode.eq(c));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("city_code", evaluation::Column::CityCode),
            ("rank", evaluation::Column::Rank),
            ("status", evaluation::Column::Status),
        ],
        "city_code",
        evaluation::Column::Id,
    )
    .await?;
    let items = views(db, p, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<EvaluationDetail> {
    let e = get_scoped::<evaluation::Entity, _>(db, p, id).await?;
    let y = years::load(db, e.year_id).await?;
    let visible = years::results_visible(p, &y);
    let means = if visible {
        results::indicator_means(db, y.id).await?
    } else {
        HashMap::new()
    };
    let system = indicators::views(db, indicators::of_year(db, y.id).await?).await?;
    let stored: HashMap<i64, item::Model> = items_of(db, [e.id])
        .await?
        .into_iter()
        .map(|i| (i.indicator_id, i))
        .collect();
    let mut files = files::attached(db, ITEM_ENTITY, stored.values().map(|i| i.id)).await?;
    let items = system
        .into_iter()
        .filter_map(|ind| {
            let it = stored.get(&ind.id)?;
            let mean = means.get(&ind.id).copied();
            let score = it.score.filter(|_| visible);
            Some(ItemView {
                id: it.id,
                indicator_id: ind.id,
                part: ind.part,
                code: ind.code,
                name: ind.name,
                points: ind.points,
                rule: ind.rule,
                evidence: ind.evidence,
                department_name: ind.department_name,
                claimed: it.claimed,
                statement: it.statement.clone(),
                attachments: files.remove(&it.id).unwrap_or_default(),
                comment: visible.then(|| it.comment.clone()),
                province_mean: mean,
                weak: score.zip(mean).map(|(s, m)| s + 1e-9 < m),
                score,
            })
        })
        .collect();
    Ok(EvaluationDetail {
        evaluation: views(db, p, vec![e]).await?.remove(0),
        items,
    })
}

/// The city's evaluation `id` while it may still change it: a draft, the year in
/// self-evaluation, the deadline not passed.
async fn editable<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<(evaluation::Model, year::Model)> {
    let e = get_scoped::<evaluation::Entity, _>(db, p, id).await?;
    let y = years::in_state(db, e.year_id, "self_evaluation").await?;
    if e.status != "draft" {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    if today() > y.self_deadline {
        return Err(StoreError::Rule(ErrorCode::AssessmentDeadlinePassed));
    }
    Ok((e, y))
}

/// The city saves its targets and claims (the items it sends; the others stay as they are).
pub async fn fill(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: EvaluationInput,
) -> Result<EvaluationDetail> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let (e, y) = editable(&txn, p, id).await?;
    let system: HashMap<i64, indicator::Model> = indicators::of_year(&txn, y.id)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut errs = FieldErrors::new();
    let targets = errs.optional_text("targets", Some(&i.targets), 10_000);
    for (n, c) in i.items.iter().enumerate() {
        let Some(ind) = system.get(&c.indicator_id) else {
            errs.push(FieldError::new(
                format!("items[{n}].indicator_id"),
                Rule::Exists,
            ));
            continue;
        };
        if c.claimed.is_some_and(|v| !(0.0..=ind.points).contains(&v)) {
            errs.push(
                FieldError::new(format!("items[{n}].claimed"), Rule::Range)
                    .with("min", 0)
                    .with("max", ind.points),
            );
        }
        if c.statement.chars().count() > 5000 {
            errs.push(
                FieldError::new(format!("items[{n}].statement"), Rule::Length).with("max", 5000),
            );
        }
    }
    errs.finish()?;
    let before = get(&txn, p, id).await?;
    let stored: HashMap<i64, item::Model> = items_of(&txn, [id])
        .await?
        .into_iter()
        .map(|i| (i.indicator_id, i))
        .collect();
    for c in &i.items {
        let it = &stored[&c.indicator_id];
        item::Entity::update_many()
            .col_expr(item::Column::Claimed, c.claimed.into())
            .col_expr(
                item::Column::Statement,
                c.statement.trim().to_owned().into(),
            )
            .filter(item::Column::Id.eq(it.id))
            .exec(&txn)
            .await?;
        files::attach(&txn, p, &c.attachment_ids, ITEM_ENTITY, it.id).await?;
    }
    update_versioned(
        &txn,
        evaluation::Column::Id,
        evaluation::Column::Version,
        id,
        i.version,
        evaluation::ActiveModel {
            targets: Set(targets.unwrap_or_default()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = get(&txn, p, id).await?;
    audit::record(&txn, p, target(&e), "fill", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// The city submits: every indicator claimed.
pub async fn submit(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: years::VersionInput,
) -> Result<EvaluationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let (e, _) = editable(&txn, p, id).await?;
    if items_of(&txn, [id])
        .await?
        .iter()
        .any(|i| i.claimed.is_none())
    {
        return Err(StoreError::Rule(ErrorCode::AssessmentIncomplete));
    }
    update_versioned(
        &txn,
        evaluation::Column::Id,
        evaluation::Column::Version,
        id,
        v.version,
        evaluation::ActiveModel {
            status: Set("submitted".into()),
            submitted_at: Set(Some(Utc::now())),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = step_done(&txn, p, e, "submit").await?;
    txn.commit().await?;
    Ok(after)
}

/// Audits a change of evaluation `before` and answers its view.
async fn step_done<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    before: evaluation::Model,
    action: &str,
) -> Result<EvaluationView> {
    let after = get_scoped::<evaluation::Entity, _>(txn, p, before.id).await?;
    audit::record(txn, p, target(&after), action, Some(&before), Some(&after)).await?;
    Ok(views(txn, p, vec![after]).await?.remove(0))
}

/// The province vetoes a city (or lifts the veto) while the year is scored.
pub async fn veto(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: VetoInput,
) -> Result<EvaluationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let e = get_scoped::<evaluation::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let reason = if i.veto {
        errs.text("reason", i.reason.as_deref().unwrap_or_default(), 2000)
    } else {
        None
    };
    errs.finish()?;
    years::in_state(&txn, e.year_id, "scoring").await?;
    update_versioned(
        &txn,
        evaluation::Column::Id,
        evaluation::Column::Version,
        id,
        i.version,
        evaluation::ActiveModel {
            veto: Set(i.veto),
            veto_reason: Set(reason),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = step_done(&txn, p, e, "veto").await?;
    txn.commit().await?;
    Ok(after)
}

/// One row per city and indicator of year `year_id` the caller sees, for the workbook.
#[derive(Debug, Serialize)]
pub struct ExportRow {
    pub city_name: String,
    pub status: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    pub claimed: Option<f64>,
    pub statement: String,
    pub score: Option<f64>,
    pub comment: Option<String>,
}

pub async fn export_rows(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
) -> Result<Vec<ExportRow>> {
    let f = EvaluationFilter {
        year_id: Some(year_id),
        ..Default::default()
    };
    let page = list(db, p, &f, &PageQuery::everything(None)).await?;
    let mut out = Vec::new();
    for e in page.items {
        let d = get(db, p, e.id).await?;
        out.extend(d.items.into_iter().map(|i| ExportRow {
            city_name: e.city_name.clone(),
            status: e.status.clone(),
            code: i.code,
            name: i.name,
            points: i.points,
            claimed: i.claimed,
            statement: i.statement,
            score: i.score,
            comment: i.comment,
        }));
    }
    Ok(out)
}

/// Whether `p` may see item `id`'s evidence: whoever sees its evaluation, the department that
/// scores it, and the province.
pub async fn item_visible(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<bool> {
    let Some(it) = item::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    if p.allows("assessment:evaluation:view")
        && get_scoped::<evaluation::Entity, _>(db, p, it.evaluation_id)
            .await
            .is_ok()
    {
        return Ok(true);
    }
    let scorer = indicator::Entity::find_by_id(it.indicator_id)
        .one(db)
        .await?
        .is_some_and(|i| i.department_id == p.org_id);
    Ok(p.allows("assessment:score:list") && (scorer || p.allows(years::PUBLISH)))
}
