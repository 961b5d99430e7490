//! The assessment of a year (考核年度): its settings (grades, the failing line, how many of the
//! bottom remediate and within how long, the cities assessed) and its workflow: `draft` (the
//! indicator system is edited) → `self_evaluation` (each city claims its scores) → `scoring`
//! (the departments score, the province may veto) → `published` (totals, grades and ranks
//! stored, remediation tasks opened). Reopening a published year goes back to `scoring`, with its
//! reason in the audit trail.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{orgs, regions, update_versioned};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{evaluation, item, year};
use crate::{indicators, remediations, results};

pub const ENTITY: &str = "assessment_year";

/// The permission that signs results off: who sees them before publication, vetoes and reopens.
pub const PUBLISH: &str = "assessment:year:publish";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentGrade)]
pub struct Grade {
    pub grade: String,
    /// The lowest total with this grade.
    pub min: f64,
}

/// The national assessment's grades: A ≥ 90, B 80–89, C 60–79, D below 60.
pub fn default_grades() -> Vec<Grade> {
    [("A", 90.0), ("B", 80.0), ("C", 60.0), ("D", 0.0)]
        .into_iter()
        .map(|(g, min)| Grade {
            grade: g.into(),
            min,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentCity)]
pub struct City {
    pub code: String,
    pub name: String,
}

/// How far the year has come: cities that submitted, items scored.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentProgress)]
pub struct Progress {
    pub total: u64,
    pub submitted: u64,
    pub items: u64,
    pub scored_items: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentYearView)]
pub struct YearView {
    pub id: i64,
    pub year: i32,
    pub title: String,
    /// `draft`, `self_evaluation`, `scoring` or `published`.
    pub status: String,
    pub self_deadline: NaiveDate,
    pub grades: Vec<Grade>,
    pub fail_below: f64,
    pub bottom_count: i32,
    pub remediation_days: i32,
    pub cities: Vec<City>,
    pub indicator_count: u64,
    pub points_total: f64,
    pub evaluations: Progress,
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub reopened: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentYearInput)]
pub struct YearInput {
    pub year: i32,
    pub title: String,
    pub self_deadline: NaiveDate,
    /// Default A 90, B 80, C 60, D 0; highest first, the last from 0.
    pub grades: Option<Vec<Grade>>,
    /// Default 60.
    pub fail_below: Option<f64>,
    /// Default 3.
    pub bottom_count: Option<i32>,
    /// Default 30.
    pub remediation_days: Option<i32>,
    /// City-level region codes; default the prefectures.
    pub cities: Option<Vec<String>>,
    /// The year whose indicator system a new year copies (default the latest year).
    pub from_year: Option<i64>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentVersionInput)]
pub struct VersionInput {
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentReopenInput)]
pub struct ReopenInput {
    pub reason: String,
    pub version: i32,
}

pub fn target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub fn grades(y: &year::Model) -> Vec<Grade> {
    serde_json::from_str(&y.grades).unwrap_or_else(|_| default_grades())
}

pub fn cities(y: &year::Model) -> Vec<String> {
    serde_json::from_str(&y.cities).unwrap_or_default()
}

/// Whether `p` sees the scores, totals and grades of year `y`: everybody once published, before
/// that only who signs them off.
pub fn results_visible(p: &Principal, y: &year::Model) -> bool {
    y.status == "published" || p.allows(PUBLISH)
}

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<year::Model> {
    year::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Year `id` in state `status`, else `assessment.wrong_state`.
pub async fn in_state<C: ConnectionTrait>(db: &C, id: i64, status: &str) -> Result<year::Model> {
    let y = load(db, id).await?;
    if y.status != status {
        return Err(StoreError::Rule(ErrorCode::AssessmentWrongState));
    }
    Ok(y)
}

async fn progress<C: ConnectionTrait>(db: &C, id: i64) -> Result<Progress> {
    let evals = || {
        unscoped::<evaluation::Entity>("progress counts of a year everybody may list")
            .filter(evaluation::Column::YearId.eq(id))
    };
    let ids: Vec<i64> = evals().all(db).await?.into_iter().map(|e| e.id).collect();
    let items = || item::Entity::find().filter(item::Column::EvaluationId.is_in(ids.clone()));
    Ok(Progress {
        total: ids.len() as u64,
        submitted: evals()
            .filter(evaluation::Column::SubmittedAt.is_not_null())
            .count(db)
            .await?,
        items: items().count(db).await?,
        scored_items: items()
            .filter(item::Column::Score.is_not_null())
            .count(db)
            .await?,
    })
}

pub async fn view<C: ConnectionTrait>(db: &C, y: year::Model) -> Result<YearView> {
    let names = regions::city_names(db).await?;
    let system = indicators::of_year(db, y.id).await?;
    Ok(YearView {
        grades: grades(&y),
        cities: cities(&y)
            .into_iter()
            .map(|code| City {
                name: names.get(&code).cloned().unwrap_or_default(),
                code,
            })
            .collect(),
        indicator_count: system.len() as u64,
        points_total: system.iter().map(|i| i.points).sum(),
        evaluations: progress(db, y.id).await?,
        id: y.id,
        year: y.year,
        title: y.title,
        status: y.status,
        self_deadline: y.self_deadline,
        fail_below: y.fail_below,
        bottom_count: y.bottom_count,
        remediation_days: y.remediation_days,
        published_at: y.published_at,
        reopened: y.reopened,
        version: y.version,
    })
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<YearView> {
    view(db, load(db, id).await?).await
}

pub async fn list(db: &DatabaseConnection, q: &PageQuery) -> Result<Page<YearView>> {
    let mut page = paginate(
        db,
        year::Entity::find(),
        q,
        &[("year", year::Column::Year)],
        "-year",
        year::Column::Id,
    )
    .await?;
    let mut items = Vec::new();
    for y in std::mem::take(&mut page.items) {
        items.push(view(db, y).await?);
    }
    Ok(page.with(items))
}

/// The settings of `i`, checked: (title, grades, fail_below, bottom_count, remediation_days,
/// cities), each as JSON where stored so.
struct Settings {
    title: String,
    grades: String,
    fail_below: f64,
    bottom_count: i32,
    remediation_days: i32,
    cities: String,
}

async fn validate<C: ConnectionTrait>(db: &C, i: &YearInput) -> Result<Settings> {
    let mut errs = FieldErrors::new();
    if !(2000..=2100).contains(&i.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    let title = errs.text("title", &i.title, 200).unwrap_or_default();
    let grades = i.grades.clone().unwrap_or_else(default_grades);
    let descending = grades.windows(2).all(|w| w[0].min > w[1].min);
    let names_ok = grades
        .iter()
        .all(|g| !g.grade.trim().is_empty() && g.grade.chars().count() <= 10);
    let mins_ok = grades.iter().all(|g| (0.0..=100.0).contains(&g.min));
    if grades.is_empty()
        || !descending
        || !names_ok
        || !mins_ok
        || grades.last().is_some_and(|g| g.min != 0.0)
    {
        errs.push(FieldError::new("grades", Rule::Format));
    }
    let fail_below = i.fail_below.unwrap_or(60.0);
    if !(0.0..=100.0).contains(&fail_below) {
        errs.push(
            FieldError::new("fail_below", Rule::Range)
                .with("min", 0)
                .with("max", 100),
        );
    }
    let bottom_count = i.bottom_count.unwrap_or(3);
    if !(0..=20).contains(&bottom_count) {
        errs.push(
            FieldError::new("bottom_count", Rule::Range)
                .with("min", 0)
                .with("max", 20),
        );
    }
    let remediation_days = i.remediation_days.unwrap_or(30);
    if !(1..=365).contains(&remediation_days) {
        errs.push(
            FieldError::new("remediation_days", Rule::Range)
                .with("min", 1)
                .with("max", 365),
        );
    }
    let all = regions::cities(db).await?;
    let cities: Vec<String> = match &i.cities {
        Some(list) => {
            for (n, c) in list.iter().enumerate() {
                if !all.iter().any(|r| &r.code == c) {
                    errs.push(FieldError::new(format!("cities[{n}]"), Rule::Exists));
                }
            }
            if list.is_empty() {
                errs.push(FieldError::new("cities", Rule::Required));
            }
            list.iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        }
        None => all
            .into_iter()
            .filter(|r| r.level == "prefecture")
            .map(|r| r.code)
            .collect(),
    };
    errs.finish()?;
    Ok(Settings {
        title,
        grades: serde_json::to_string(&grades).unwrap_or_default(),
        fail_below,
        bottom_count,
        remediation_days,
        cities: serde_json::to_string(&cities).unwrap_or_default(),
    })
}

async fn year_taken<C: ConnectionTrait>(db: &C, year: i32, other_than: i64) -> Result<bool> {
    Ok(year::Entity::find()
        .filter(year::Column::Year.eq(year))
        .filter(year::Column::Id.ne(other_than))
        .count(db)
        .await?
        > 0)
}

/// A new year in draft, its indicator system copied from `from_year`, else the latest year, else
/// the built-in system.
pub async fn create(db: &DatabaseConnection, p: &Principal, i: YearInput) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let s = validate(&txn, &i).await?;
    let source = match i.from_year {
        Some(id) => Some(
            load(&txn, id)
                .await
                .map_err(|_| StoreError::from(FieldError::new("from_year", Rule::Exists)))?,
        ),
        None => {
            year::Entity::find()
                .order_by_desc(year::Column::Year)
                .one(&txn)
                .await?
        }
    };
    if year_taken(&txn, i.year, 0).await? {
        return Err(StoreError::Rule(ErrorCode::AssessmentDuplicate));
    }
    let now = Utc::now();
    let y = year::ActiveModel {
        year: Set(i.year),
        title: Set(s.title),
        status: Set("draft".into()),
        self_deadline: Set(i.self_deadline),
        grades: Set(s.grades),
        fail_below: Set(s.fail_below),
        bottom_count: Set(s.bottom_count),
        remediation_days: Set(s.remediation_days),
        cities: Set(s.cities),
        reopened: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    match source {
        Some(src) => indicators::copy(&txn, src.id, y.id).await?,
        None => indicators::builtin(&txn, y.id).await?,
    }
    let after = view(&txn, y).await?;
    audit::record(&txn, p, target(after.id), "create", None, Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// A draft changes freely; during the self-evaluation only its title and deadline.
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: YearInput,
) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = load(&txn, id).await?;
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let s = validate(&txn, &i).await?;
    let locked_changed = i.year != before.year
        || s.grades != before.grades
        || s.fail_below != before.fail_below
        || s.bottom_count != before.bottom_count
        || s.remediation_days != before.remediation_days
        || s.cities != before.cities;
    match before.status.as_str() {
        "draft" => {}
        "self_evaluation" if !locked_changed => {}
        _ => return Err(StoreError::Rule(ErrorCode::AssessmentWrongState)),
    }
    if year_taken(&txn, i.year, id).await? {
        return Err(StoreError::Rule(ErrorCode::AssessmentDuplicate));
    }
    update_versioned(
        &txn,
        year::Column::Id,
        year::Column::Version,
        id,
        version,
        year::ActiveModel {
            year: Set(i.year),
            title: Set(s.title),
            self_deadline: Set(i.self_deadline),
            grades: Set(s.grades),
            fail_below: Set(s.fail_below),
            bottom_count: Set(s.bottom_count),
            remediation_days: Set(s.remediation_days),
            cities: Set(s.cities),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let before = view(&txn, before).await?;
    let after = get(&txn, id).await?;
    audit::record(&txn, p, target(id), "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves year `id` from `from` to `to` (other fields in `extra`) under the version check.
async fn step<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    version: i32,
    (from, to): (&str, &str),
    extra: year::ActiveModel,
) -> Result<year::Model> {
    let before = in_state(txn, id, from).await?;
    let mut am = extra;
    am.status = Set(to.into());
    am.updated_at = Set(Utc::now());
    update_versioned(
        txn,
        year::Column::Id,
        year::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    Ok(before)
}

/// Audits a step and answers the year's view.
async fn stepped<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    before: year::Model,
    action: &str,
) -> Result<YearView> {
    let id = before.id;
    let before = view(txn, before).await?;
    let after = get(txn, id).await?;
    audit::record(txn, p, target(id), action, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// The self-evaluation opens: the system must add up to 100 points; every assessed city gets its
/// evaluation with one item per indicator, and its bureau a notice.
pub async fn open(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let system = indicators::of_year(&txn, id).await?;
    let points: f64 = system.iter().map(|i| i.points).sum();
    let before = step(
        &txn,
        id,
        v.version,
        ("draft", "self_evaluation"),
        Default::default(),
    )
    .await?;
    if system.is_empty() || (points - 100.0).abs() > 1e-6 {
        return Err(StoreError::Rule(ErrorCode::AssessmentPointsTotal));
    }
    let bureaus: HashMap<String, _> = orgs::city_bureaus(&txn).await?.into_iter().collect();
    let now = Utc::now();
    for code in cities(&before) {
        let Some(bureau) = bureaus.get(&code) else {
            return Err(FieldError::new("cities", Rule::Exists)
                .with("code", &code)
                .into());
        };
        let e = evaluation::ActiveModel {
            year_id: Set(id),
            city_code: Set(code.clone()),
            status: Set("draft".into()),
            targets: Set(String::new()),
            veto: Set(false),
            region_path: Set(bureau.region_path.clone()),
            org_id: Set(bureau.id),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let rows: Vec<item::ActiveModel> = system
            .iter()
            .map(|i| item::ActiveModel {
                evaluation_id: Set(e.id),
                indicator_id: Set(i.id),
                statement: Set(String::new()),
                comment: Set(String::new()),
                ..Default::default()
            })
            .collect();
        item::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
        notices::to_orgs(
            &txn,
            &[bureau.id],
            &Notice {
                kind: "assessment_opened",
                title: format!("{}:请完成自评", before.title),
                body: format!(
                    "请于 {} 前填报目标、各项指标自评分和说明,并上传佐证材料。",
                    before.self_deadline
                ),
                link: format!("/assessment/evaluations/{}", e.id),
            },
        )
        .await?;
    }
    let after = stepped(&txn, p, before, "open").await?;
    txn.commit().await?;
    Ok(after)
}

/// The self-evaluation closes and the departments score; each department is told.
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = step(
        &txn,
        id,
        v.version,
        ("self_evaluation", "scoring"),
        Default::default(),
    )
    .await?;
    let departments: Vec<i64> = indicators::of_year(&txn, id)
        .await?
        .into_iter()
        .map(|i| i.department_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    notices::to_orgs(
        &txn,
        &departments,
        &Notice {
            kind: "assessment_scoring",
            title: format!("{}:请评分", before.title),
            body: "各市州自评已截止,请对本处室负责的指标逐市评分并填写扣分理由。".into(),
            link: "/assessment/scoring".into(),
        },
    )
    .await?;
    let after = stepped(&txn, p, before, "close").await?;
    txn.commit().await?;
    Ok(after)
}

/// Sign-off: every item must be scored; totals, grades and ranks are stored on the evaluations,
/// the bottom and failing cities get their remediation tasks, every city its result.
pub async fn publish(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let day = today();
    let before = step(
        &txn,
        id,
        v.version,
        ("scoring", "published"),
        year::ActiveModel {
            published_at: Set(Some(Utc::now())),
            published_on: Set(Some(day)),
            ..Default::default()
        },
    )
    .await?;
    let progress = progress(&txn, id).await?;
    if progress.scored_items < progress.items {
        return Err(StoreError::Rule(ErrorCode::AssessmentIncomplete));
    }
    let outcome = results::compute(&txn, &before).await?;
    for r in &outcome.rows {
        evaluation::Entity::update_many()
            .col_expr(evaluation::Column::Total, r.total.into())
            .col_expr(evaluation::Column::Grade, Some(r.grade.clone()).into())
            .col_expr(evaluation::Column::Rank, Some(r.rank).into())
            .filter(evaluation::Column::Id.eq(r.evaluation_id))
            .exec(&txn)
            .await?;
    }
    remediations::open_after(&txn, p, &before, &outcome, day).await?;
    let after = stepped(&txn, p, before, "publish").await?;
    txn.commit().await?;
    Ok(after)
}

/// A published year goes back to scoring: its reason is audited, stored results are cleared and
/// remediation tasks the cities have not reported on yet are cancelled.
pub async fn reopen(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ReopenInput,
) -> Result<YearView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let current = load(&txn, id).await?;
    let mut errs = FieldErrors::new();
    let reason = errs.text("reason", &i.reason, 2000);
    errs.finish()?;
    let before = step(
        &txn,
        id,
        i.version,
        ("published", "scoring"),
        year::ActiveModel {
            published_at: Set(None),
            published_on: Set(None),
            reopened: Set(current.reopened + 1),
            ..Default::default()
        },
    )
    .await?;
    evaluation::Entity::update_many()
        .col_expr(evaluation::Column::Total, Option::<f64>::None.into())
        .col_expr(evaluation::Column::Grade, Option::<String>::None.into())
        .col_expr(evaluation::Column::Rank, Option::<i32>::None.into())
        .filter(evaluation::Column::YearId.eq(id))
        .exec(&txn)
        .await?;
    remediations::cancel_unreported(&txn, p, id).await?;
    let before_view = view(&txn, before).await?;
    let after = get(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(id),
        "reopen",
        Some(&serde_json::json!({ "status": before_view.status })),
        Some(&serde_json::json!({ "status": after.status, "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The organisations that may score indicators: the departments of the provincial bureau.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentDepartment)]
pub struct Department {
    pub id: i64,
    pub code: String,
    pub name: String,
}

pub async fn departments<C: ConnectionTrait>(db: &C) -> Result<Vec<Department>> {
    Ok(indicators::departments(db)
        .await?
        .into_iter()
        .map(|o| Department {
            id: o.id,
            code: o.code,
            name: o.name,
        })
        .collect())
}

/// The years whose self-evaluation ends within `days` of `day`, with the evaluations not yet
/// submitted: the cities the daily job reminds.
pub async fn remind_deadlines<C: ConnectionTrait>(db: &C, day: NaiveDate) -> Result<usize> {
    let mut sent = 0;
    let open = year::Entity::find()
        .filter(year::Column::Status.eq("self_evaluation"))
        .all(db)
        .await?;
    for y in open {
        let left = (y.self_deadline - day).num_days();
        if !matches!(left, 0 | 3) {
            continue;
        }
        let late = unscoped::<evaluation::Entity>("the daily job reminds every late city")
            .filter(evaluation::Column::YearId.eq(y.id))
            .filter(evaluation::Column::Status.eq("draft"))
            .all(db)
            .await?;
        for e in late {
            notices::to_orgs(
                db,
                &[e.org_id],
                &Notice {
                    kind: "deadline_near",
                    title: format!("{}:自评将于 {} 截止", y.title, y.self_deadline),
                    body: "本市州的自评尚未提交,请在截止日前完成填报并提交。".into(),
                    link: format!("/assessment/evaluations/{}", e.id),
                },
            )
            .await?;
            sent += 1;
        }
    }
    Ok(sent)
}
