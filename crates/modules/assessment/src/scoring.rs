//! Scoring by the province's departments: each department scores, city by city, the indicators
//! assigned to it, with a comment for every point deducted. Who scores is decided by
//! organisation, not role: a user scores an indicator only when their organisation is its
//! department (`assessment.not_your_indicator`), whatever their permissions.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit;
use longzhi_store::repo::files::{self, FileView};
use longzhi_store::repo::regions;
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::entity::{evaluation, item};
use crate::evaluations::ITEM_ENTITY;
use crate::{indicators, years};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentScoringRow)]
pub struct ScoringRow {
    pub item_id: i64,
    pub evaluation_id: i64,
    pub city_code: String,
    pub city_name: String,
    pub indicator_id: i64,
    pub part: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    pub department_id: i64,
    pub department_name: String,
    pub claimed: Option<f64>,
    pub statement: String,
    pub attachments: Vec<FileView>,
    pub score: Option<f64>,
    pub comment: String,
    pub scored_by: Option<String>,
    pub scored_at: Option<DateTime<Utc>>,
    /// The caller's department scores it.
    pub mine: bool,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScoringFilter {
    pub indicator_id: Option<i64>,
    pub city_code: Option<String>,
    /// Only the indicators of the caller's department (a department sees only those anyway).
    pub mine: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentScoreInput)]
pub struct ScoreInput {
    pub item_id: i64,
    pub score: f64,
    /// Required when points are deducted.
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentScoresInput)]
pub struct ScoresInput {
    pub items: Vec<ScoreInput>,
}

/// The scoring sheet of year `year_id`: the rows of the caller's department; the province (who
/// signs off) sees every row.
pub async fn rows(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
    f: &ScoringFilter,
) -> Result<Vec<ScoringRow>> {
    years::load(db, year_id).await?;
    let only_mine = f.mine.unwrap_or(false) || !p.allows(years::PUBLISH);
    let system: Vec<_> = indicators::views(db, indicators::of_year(db, year_id).await?)
        .await?
        .into_iter()
        .filter(|i| !only_mine || i.department_id == p.org_id)
        .filter(|i| f.indicator_id.is_none_or(|id| id == i.id))
        .collect();
    let mut evals =
        unscoped::<evaluation::Entity>("a department scores its indicators in every city")
            .filter(evaluation::Column::YearId.eq(year_id));
    if let Some(c) = f.city_code.as_deref().filter(|c| !c.is_empty()) {
        evals = evals.filter(evaluation::Column::CityCode.eq(c));
    }
    let evals: HashMap<i64, evaluation::Model> = evals
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let items = item::Entity::find()
        .filter(item::Column::IndicatorId.is_in(system.iter().map(|i| i.id)))
        .filter(item::Column::EvaluationId.is_in(evals.keys().copied()))
        .all(db)
        .await?;
    let mut files = files::attached(db, ITEM_ENTITY, items.iter().map(|i| i.id)).await?;
    let names = regions::city_names(db).await?;
    let by_indicator: HashMap<i64, _> = system.iter().map(|i| (i.id, i)).collect();
    let mut out: Vec<ScoringRow> = items
        .into_iter()
        .map(|it| {
            let ind = by_indicator[&it.indicator_id];
            let e = &evals[&it.evaluation_id];
            ScoringRow {
                item_id: it.id,
                evaluation_id: e.id,
                city_code: e.city_code.clone(),
                city_name: names.get(&e.city_code).cloned().unwrap_or_default(),
                indicator_id: ind.id,
                part: ind.part.clone(),
                code: ind.code.clone(),
                name: ind.name.clone(),
                points: ind.points,
                department_id: ind.department_id,
                department_name: ind.department_name.clone(),
                claimed: it.claimed,
                statement: it.statement,
                attachments: files.remove(&it.id).unwrap_or_default(),
                score: it.score,
                comment: it.comment,
                scored_by: it.scored_by,
                scored_at: it.scored_at,
                mine: ind.department_id == p.org_id,
            }
        })
        .collect();
    let order: HashMap<i64, usize> = system.iter().enumerate().map(|(n, i)| (i.id, n)).collect();
    out.sort_by(|a, b| {
        order[&a.indicator_id]
            .cmp(&order[&b.indicator_id])
            .then_with(|| a.city_code.cmp(&b.city_code))
    });
    Ok(out)
}

/// A department enters scores (each audited on its city's evaluation) while the year is scored.
pub async fn put(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
    i: ScoresInput,
) -> Result<Vec<ScoringRow>> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    years::in_state(&txn, year_id, "scoring").await?;
    let system: HashMap<i64, _> = indicators::of_year(&txn, year_id)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let stored: HashMap<i64, item::Model> = item::Entity::find()
        .filter(item::Column::Id.is_in(i.items.iter().map(|s| s.item_id)))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|it| system.contains_key(&it.indicator_id))
        .map(|it| (it.id, it))
        .collect();
    let mut errs = FieldErrors::new();
    if i.items.is_empty() {
        errs.push(FieldError::new("items", Rule::Required));
    }
    for (n, s) in i.items.iter().enumerate() {
        let Some(it) = stored.get(&s.item_id) else {
            errs.push(FieldError::new(format!("items[{n}].item_id"), Rule::Exists));
            continue;
        };
        let ind = &system[&it.indicator_id];
        if ind.department_id != p.org_id {
            return Err(StoreError::Rule(ErrorCode::AssessmentNotYourIndicator));
        }
        if !(0.0..=ind.points).contains(&s.score) {
            errs.push(
                FieldError::new(format!("items[{n}].score"), Rule::Range)
                    .with("min", 0)
                    .with("max", ind.points),
            );
        } else if s.score < ind.points && s.comment.trim().is_empty() {
            errs.push(FieldError::new(
                format!("items[{n}].comment"),
                Rule::Required,
            ));
        }
        if s.comment.chars().count() > 2000 {
            errs.push(
                FieldError::new(format!("items[{n}].comment"), Rule::Length).with("max", 2000),
            );
        }
    }
    errs.finish()?;
    let evals: HashMap<i64, evaluation::Model> =
        unscoped::<evaluation::Entity>("the cities of the items a department scores")
            .filter(evaluation::Column::Id.is_in(stored.values().map(|it| it.evaluation_id)))
            .all(&txn)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
    let now = Utc::now();
    for s in &i.items {
        let before = &stored[&s.item_id];
        item::Entity::update_many()
            .col_expr(item::Column::Score, Some(s.score).into())
            .col_expr(item::Column::Comment, s.comment.trim().to_owned().into())
            .col_expr(item::Column::ScoredBy, Some(p.display_name.clone()).into())
            .col_expr(item::Column::ScoredAt, Some(now).into())
            .filter(item::Column::Id.eq(s.item_id))
            .exec(&txn)
            .await?;
        let e = &evals[&before.evaluation_id];
        let code = &system[&before.indicator_id].code;
        audit::record(
            &txn,
            p,
            crate::evaluations::target(e),
            "score",
            Some(&serde_json::json!({ "indicator": code, "score": before.score, "comment": before.comment })),
            Some(&serde_json::json!({ "indicator": code, "score": s.score, "comment": s.comment.trim() })),
        )
        .await?;
    }
    txn.commit().await?;
    rows(
        db,
        p,
        year_id,
        &ScoringFilter {
            mine: Some(true),
            ..Default::default()
        },
    )
    .await
}
