//! The expert review of a round's eligible applications through the review engine: panels
//! (conflicts of interest refused, the engine's greedy assignment or the organiser's choice),
//! independent scores of every leaf by each panel member, the consensus score of every item,
//! site-visit adjustments with reasons, each stage locked before the next opens; then the final
//! scores and ranks. The analysis is exactly `longzhi engine review` on the round's exported
//! scores (`scores_csv`) and rubric.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_review::{Rubric, Totals, analyse, panel, rank, read_scores_csv, rubric::band_of};
use longzhi_store::entity::assignment;
use longzhi_store::repo::get_scoped;
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError, audit};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::applications::{self, ENTITY as APPLICATION};
use crate::entity::{application, expert, panel as panel_row, round, score};
use crate::experts;
use crate::rounds::{self, RoundView, STAGES, VersionInput};

/// The reviewer column of the panel's own scores (consensus, site visit) in the scores file.
const PANEL: &str = "panel";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeChosen)]
pub struct Chosen {
    pub expert_id: i64,
    pub name: String,
    pub specialty_match: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeRefused)]
pub struct Refused {
    pub expert_id: i64,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammePanel)]
pub struct PanelView {
    pub application_id: i64,
    /// The application's blind code.
    pub label: String,
    pub reviewers: Vec<Chosen>,
    pub refused: Vec<Refused>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeAssignment)]
pub struct AssignmentView {
    pub panels: Vec<PanelView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeCandidate)]
pub struct Candidate {
    pub expert_id: i64,
    pub name: String,
    pub organisation: String,
    pub region_code: String,
    pub specialties: Vec<String>,
    pub specialty_match: bool,
    pub load: i64,
    pub assigned: bool,
    /// Why the expert may not review the application; empty: no conflict.
    pub conflicts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeReviewersInput)]
pub struct ReviewersInput {
    pub expert_ids: Vec<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeScoreItem)]
pub struct ScoreItem {
    pub criterion: String,
    pub score: f64,
    /// Consensus: the panel's comment; site visit: the reason for the change (both required).
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeScoreInput)]
pub struct ScoreInput {
    /// `independent`, `consensus` or `site_visit`: the round's current stage.
    pub stage: String,
    pub items: Vec<ScoreItem>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeSheet)]
pub struct Sheet {
    pub stage: String,
    /// `E<id>` for an expert, `panel` for the consensus and the site visit.
    pub reviewer_code: String,
    /// The organiser only.
    pub reviewer_name: Option<String>,
    pub scores: Vec<ScoreItem>,
    pub total: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeScores)]
pub struct ScoresView {
    pub stage: String,
    pub criteria: Vec<rounds::CriterionView>,
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StageQuery {
    /// `independent` (default), `consensus` or `site_visit`.
    pub stage: Option<String>,
}

impl StageQuery {
    fn stage(&self) -> Result<&str> {
        let s = self.stage.as_deref().unwrap_or(STAGES[0]);
        if STAGES[..3].contains(&s) {
            Ok(s)
        } else {
            Err(FieldError::new("stage", Rule::Enum)
                .with("allowed", STAGES[..3].join(","))
                .into())
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeLabel)]
pub struct Label {
    pub code: String,
    pub application_id: i64,
    pub applicant_name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeReviewerLabel)]
pub struct ReviewerLabel {
    pub code: String,
    pub expert_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeStanding)]
pub struct Standing {
    pub application_id: i64,
    pub code: String,
    pub applicant_name: String,
    /// The trimmed mean of the reviewers' totals.
    pub independent: Option<f64>,
    pub consensus: Option<f64>,
    /// The consensus with the site visit's adjustments.
    pub site_visit: Option<f64>,
    pub final_score: Option<f64>,
    pub rank: Option<i32>,
    /// The Baldrige band (1–6) of the final or latest score.
    pub band: Option<u8>,
    pub status: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeAnalysis)]
pub struct Analysis {
    pub stage: String,
    /// Exactly `longzhi engine review --scores scores.csv --rubric rubric.toml --stage <stage>`;
    /// null while the stage has no scores.
    #[schema(value_type = Option<Object>)]
    pub report: Option<serde_json::Value>,
    pub labels: Vec<Label>,
    pub reviewers: Vec<ReviewerLabel>,
    pub standings: Vec<Standing>,
}

fn expert_code(id: i64) -> String {
    format!("E{id:03}")
}

/// The eligible applications under review in round `id` (after the close, those with a code).
pub(crate) async fn reviewed<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Vec<application::Model>> {
    Ok(
        unscoped::<application::Entity>("the round's applications under review, for the organiser")
            .filter(application::Column::RoundId.eq(id))
            .filter(application::Column::Code.is_not_null())
            .order_by_asc(application::Column::Code)
            .all(db)
            .await?,
    )
}

async fn experts_by_id<C: ConnectionTrait>(db: &C) -> Result<HashMap<i64, expert::Model>> {
    Ok(expert::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect())
}

/// Adds each expert to the panel of `a`, with the assignment that shows it to them and a notice.
async fn seat<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    r: &round::Model,
    a: &application::Model,
    e: &expert::Model,
) -> Result<()> {
    panel_row::ActiveModel {
        round_id: Set(r.id),
        application_id: Set(a.id),
        expert_id: Set(e.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if let Some(u) = e.user_id {
        assignment::ActiveModel {
            entity: Set(APPLICATION.into()),
            entity_id: Set(a.id),
            user_id: Set(u),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        notices::to_users(
            txn,
            [u],
            &Notice {
                kind: "programme_review",
                title: format!("{}:请评审 {}", r.name, a.code.clone().unwrap_or_default()),
                body: "您已被指派为评审专家,请在系统中独立评分。".into(),
                link: format!("/programme/applications/{}", a.id),
            },
        )
        .await?;
    }
    audit::record(
        txn,
        p,
        applications::target(a),
        "assign_expert",
        None,
        Some(&serde_json::json!({ "expert": e.name })),
    )
    .await
}

/// Round `id` in the review at stage `stage`, else `programme.wrong_state`.
async fn at_stage<C: ConnectionTrait>(db: &C, id: i64, stage: &str) -> Result<round::Model> {
    let r = rounds::load(db, id).await?;
    if r.status != "review" || r.stage != stage {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    Ok(r)
}

/// Panels for every application under review that has none, by the review engine: k experts
/// each, conflicts refused, specialists and the least loaded preferred; each refusal explained.
pub async fn assign(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<AssignmentView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = at_stage(&txn, id, STAGES[0]).await?;
    rounds::touch(&txn, id, v.version).await?;
    let seated: HashSet<i64> = panel_row::Entity::find()
        .filter(panel_row::Column::RoundId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.application_id)
        .collect();
    let apps: Vec<application::Model> = reviewed(&txn, id)
        .await?
        .into_iter()
        .filter(|a| !seated.contains(&a.id))
        .collect();
    let pool: Vec<expert::Model> = expert::Entity::find()
        .filter(expert::Column::Active.eq(true))
        .order_by_asc(expert::Column::Id)
        .all(&txn)
        .await?;
    let result = panel::assign(
        &pool.iter().map(experts::for_engine).collect::<Vec<_>>(),
        &apps
            .iter()
            .map(experts::application_for_engine)
            .collect::<Vec<_>>(),
        &panel::AssignOptions {
            per_application: r.reviewers_per_application as usize,
            max_load: None,
            rules: experts::rules(&r),
        },
    )
    .map_err(|e| {
        StoreError::from(
            FieldError::new("reviewers_per_application", Rule::Range).with("reason", e),
        )
    })?;
    let by_id: HashMap<String, &expert::Model> =
        pool.iter().map(|e| (e.id.to_string(), e)).collect();
    let apps_by_id: HashMap<String, &application::Model> =
        apps.iter().map(|a| (a.id.to_string(), a)).collect();
    let mut out = Vec::new();
    for pnl in result.panels {
        let a = apps_by_id[&pnl.application];
        let mut reviewers = Vec::new();
        for c in &pnl.reviewers {
            let e = by_id[&c.expert];
            seat(&txn, p, &r, a, e).await?;
            reviewers.push(Chosen {
                expert_id: e.id,
                name: e.name.clone(),
                specialty_match: c.specialty_match,
            });
        }
        out.push(PanelView {
            application_id: a.id,
            label: a.code.clone().unwrap_or_default(),
            reviewers,
            refused: pnl
                .passed_over
                .iter()
                .map(|(e, why)| Refused {
                    expert_id: by_id[e].id,
                    name: by_id[e].name.clone(),
                    reasons: vec![why.to_string()],
                })
                .collect(),
        });
    }
    txn.commit().await?;
    Ok(AssignmentView { panels: out })
}

/// Every active expert for application `id`, with their conflicts (the organiser's choice).
pub async fn candidates<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<Vec<Candidate>> {
    let a = get_scoped::<application::Entity, _>(db, p, id).await?;
    let r = rounds::load(db, a.round_id).await?;
    let seated: HashSet<i64> = panel_row::Entity::find()
        .filter(panel_row::Column::ApplicationId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.expert_id)
        .collect();
    let loads = experts::loads(db).await?;
    let app = experts::application_for_engine(&a);
    let rules = experts::rules(&r);
    Ok(expert::Entity::find()
        .filter(expert::Column::Active.eq(true))
        .order_by_asc(expert::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let engine = experts::for_engine(&e);
            Candidate {
                conflicts: panel::conflicts(&engine, &app, &rules)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                specialty_match: engine.specialties.contains(&a.industry),
                specialties: engine.specialties,
                load: loads.get(&e.id).copied().unwrap_or(0),
                assigned: seated.contains(&e.id),
                expert_id: e.id,
                name: e.name,
                organisation: e.organisation,
                region_code: e.region_code,
            }
        })
        .collect())
}

/// The organiser seats experts on the panel of application `id`; any with a conflict of
/// interest refuses the whole choice (`programme.conflict`).
pub async fn add_reviewers(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ReviewersInput,
) -> Result<crate::applications::ApplicationView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    if i.expert_ids.is_empty() {
        return Err(FieldError::new("expert_ids", Rule::Required).into());
    }
    let pool = experts_by_id(&txn).await?;
    let mut errs = FieldErrors::new();
    for (k, e) in i.expert_ids.iter().enumerate() {
        if !pool.get(e).is_some_and(|e| e.active) {
            errs.push(FieldError::new(format!("expert_ids[{k}]"), Rule::Exists).with("value", e));
        }
    }
    errs.finish()?;
    let r = at_stage(&txn, a.round_id, STAGES[0]).await?;
    if a.code.is_none() {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let app = experts::application_for_engine(&a);
    let rules = experts::rules(&r);
    if i.expert_ids
        .iter()
        .any(|e| !panel::conflicts(&experts::for_engine(&pool[e]), &app, &rules).is_empty())
    {
        return Err(StoreError::Rule(ErrorCode::ProgrammeConflict));
    }
    applications::step(
        &txn,
        p,
        &a,
        i.version,
        (&["eligible"], "eligible", "reviewers"),
        Default::default(),
    )
    .await?;
    let seated: HashSet<i64> = panel_row::Entity::find()
        .filter(panel_row::Column::ApplicationId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.expert_id)
        .collect();
    for e in i
        .expert_ids
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
    {
        if !seated.contains(e) {
            seat(&txn, p, &r, &a, &pool[e]).await?;
        }
    }
    txn.commit().await?;
    applications::get(db, p, id).await
}

/// The expert record of the signed-in user, if any.
async fn expert_of<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Option<expert::Model>> {
    Ok(expert::Entity::find()
        .filter(expert::Column::UserId.eq(p.user_id))
        .one(db)
        .await?)
}

/// Scores application `id` at the round's current stage: an assigned expert their own
/// (independent), the organiser the panel's (consensus with a comment per item, site-visit
/// changes with a reason). A score given again replaces the earlier one.
pub async fn put_scores(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ScoreInput,
) -> Result<ScoresView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = get_scoped::<application::Entity, _>(&txn, p, id).await?;
    let r = rounds::load(&txn, a.round_id).await?;
    let rubric = rounds::rubric(&r)?;
    let mut errs = FieldErrors::new();
    if !STAGES[..3].contains(&i.stage.as_str()) {
        errs.push(FieldError::new("stage", Rule::Enum).with("allowed", STAGES[..3].join(",")));
    }
    if i.items.is_empty() {
        errs.push(FieldError::new("items", Rule::Required));
    }
    let mut seen = HashSet::new();
    for (n, it) in i.items.iter().enumerate() {
        if let Err(e) = rubric.check_score(&it.criterion, it.score) {
            errs.push(FieldError::new(format!("items[{n}].score"), Rule::Range).with("reason", e));
        }
        if !seen.insert(&it.criterion) {
            errs.push(FieldError::new(
                format!("items[{n}].criterion"),
                Rule::Unique,
            ));
        }
        if i.stage != STAGES[0] && it.comment.trim().is_empty() {
            errs.push(FieldError::new(
                format!("items[{n}].comment"),
                Rule::Required,
            ));
        }
        if it.comment.chars().count() > 2000 {
            errs.push(
                FieldError::new(format!("items[{n}].comment"), Rule::Length).with("max", 2000),
            );
        }
    }
    errs.finish()?;
    if r.status != "review" || r.stage != i.stage || a.code.is_none() {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let expert_id = if i.stage == STAGES[0] {
        let me = expert_of(&txn, p).await?;
        let on_panel = match &me {
            Some(e) => panel_row::Entity::find()
                .filter(panel_row::Column::ApplicationId.eq(id))
                .filter(panel_row::Column::ExpertId.eq(e.id))
                .one(&txn)
                .await?
                .is_some(),
            None => false,
        };
        match me {
            Some(e) if on_panel => e.id,
            _ => return Err(StoreError::Rule(ErrorCode::ProgrammeNotAssigned)),
        }
    } else if p.allows("programme:score:consensus") {
        0
    } else {
        return Err(StoreError::Rule(ErrorCode::ProgrammeNotAssigned));
    };
    let now = Utc::now();
    for it in &i.items {
        let existing = score::Entity::find()
            .filter(score::Column::ApplicationId.eq(id))
            .filter(score::Column::ExpertId.eq(expert_id))
            .filter(score::Column::Stage.eq(&i.stage))
            .filter(score::Column::Criterion.eq(&it.criterion))
            .one(&txn)
            .await?;
        let mut am = score::ActiveModel {
            score: Set(it.score),
            comment: Set(it.comment.trim().to_owned()),
            entered_by: Set(p.display_name.clone()),
            updated_at: Set(now),
            ..Default::default()
        };
        match existing {
            Some(row) => {
                am.id = Set(row.id);
                am.update(&txn).await?;
            }
            None => {
                am.round_id = Set(r.id);
                am.application_id = Set(id);
                am.expert_id = Set(expert_id);
                am.stage = Set(i.stage.clone());
                am.criterion = Set(it.criterion.clone());
                am.insert(&txn).await?;
            }
        }
    }
    audit::record(
        &txn,
        p,
        applications::target(&a),
        "score",
        None,
        Some(&serde_json::json!({ "stage": i.stage, "items": i.items })),
    )
    .await?;
    txn.commit().await?;
    scores(db, p, id).await
}

/// The score sheets of application `id`: the organiser reads every sheet, an expert only their
/// own; nobody else any.
pub async fn scores<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<ScoresView> {
    let a = get_scoped::<application::Entity, _>(db, p, id).await?;
    let r = rounds::load(db, a.round_id).await?;
    let mut q = score::Entity::find().filter(score::Column::ApplicationId.eq(id));
    let organiser = p.allows(applications::ORGANISER);
    if !organiser {
        let me = expert_of(db, p).await?.map_or(-1, |e| e.id);
        q = q.filter(score::Column::ExpertId.eq(me));
    }
    let rows = q.order_by_asc(score::Column::Id).all(db).await?;
    let names = if organiser {
        experts_by_id(db).await?
    } else {
        HashMap::new()
    };
    let rubric = rounds::rubric(&r)?;
    let order: HashMap<String, usize> = rounds::criteria(&rubric)
        .iter()
        .enumerate()
        .map(|(n, c)| (c.code.clone(), n))
        .collect();
    let mut sheets: BTreeMap<(usize, i64), Vec<score::Model>> = BTreeMap::new();
    for s in rows {
        let st = STAGES.iter().position(|x| *x == s.stage).unwrap_or(0);
        sheets.entry((st, s.expert_id)).or_default().push(s);
    }
    Ok(ScoresView {
        stage: r.stage.clone(),
        criteria: rounds::criteria(&rubric),
        sheets: sheets
            .into_iter()
            .map(|((st, e), mut rows)| {
                rows.sort_by_key(|s| order.get(&s.criterion).copied().unwrap_or(usize::MAX));
                Sheet {
                    stage: STAGES[st].into(),
                    reviewer_code: if e == 0 { PANEL.into() } else { expert_code(e) },
                    reviewer_name: names.get(&e).map(|x| x.name.clone()),
                    total: rows.iter().map(|s| s.score).sum(),
                    scores: rows
                        .into_iter()
                        .map(|s| ScoreItem {
                            criterion: s.criterion,
                            score: s.score,
                            comment: s.comment,
                        })
                        .collect(),
                }
            })
            .collect(),
    })
}

/// The round's scores as the review engine's CSV (`application,reviewer,criterion,score,stage`;
/// applications by blind code, experts as `E<id>`, the panel's own as `panel`), every stage.
pub async fn scores_csv<C: ConnectionTrait>(db: &C, id: i64) -> Result<String> {
    let r = rounds::load(db, id).await?;
    let rubric = rounds::rubric(&r)?;
    let order: HashMap<String, usize> = rubric
        .criteria()
        .iter()
        .enumerate()
        .map(|(n, c)| (c.code.clone(), n))
        .collect();
    let codes: HashMap<i64, String> = reviewed(db, id)
        .await?
        .into_iter()
        .filter_map(|a| a.code.map(|c| (a.id, c)))
        .collect();
    let mut rows: Vec<(usize, String, String, usize, String, f64)> = score::Entity::find()
        .filter(score::Column::RoundId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            let code = codes.get(&s.application_id)?.clone();
            let who = if s.expert_id == 0 {
                PANEL.into()
            } else {
                expert_code(s.expert_id)
            };
            let st = STAGES.iter().position(|x| *x == s.stage).unwrap_or(0);
            Some((
                st,
                code,
                who,
                order.get(&s.criterion).copied().unwrap_or(0),
                s.criterion,
                s.score,
            ))
        })
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1, &a.2, a.3).cmp(&(b.0, &b.1, &b.2, b.3)));
    let mut out = String::from("application,reviewer,criterion,score,stage\n");
    for (st, code, who, _, criterion, value) in rows {
        out.push_str(&format!(
            "{code},{who},{criterion},{value},{}\n",
            STAGES[st]
        ));
    }
    Ok(out)
}

/// The totals per application code of `stage` (consensus; site visit: the consensus with the
/// site visit's changes).
fn panel_totals(csv: &str, rubric: &Rubric, stage: &str) -> HashMap<String, f64> {
    let mut per: HashMap<(String, String), f64> = HashMap::new();
    for st in [STAGES[1], stage] {
        if let Ok(sheet) = read_scores_csv(csv, rubric, st) {
            for s in &sheet.scores {
                per.insert(
                    (
                        sheet.applications[s.application as usize].clone(),
                        s.criterion.to_string(),
                    ),
                    s.value,
                );
            }
        }
    }
    let mut out = HashMap::new();
    for ((app, _), v) in per {
        *out.entry(app).or_insert(0.0) += v;
    }
    out
}

/// The engine's report of `stage` with the names behind the codes and the standings.
pub async fn analysis<C: ConnectionTrait>(db: &C, id: i64, q: &StageQuery) -> Result<Analysis> {
    let stage = q.stage()?.to_owned();
    let r = rounds::load(db, id).await?;
    let rubric = rounds::rubric(&r)?;
    let csv = scores_csv(db, id).await?;
    let report = read_scores_csv(&csv, &rubric, &stage)
        .ok()
        .map(|sheet| analyse(&Totals::from_sheet(&sheet)));
    let independent = read_scores_csv(&csv, &rubric, STAGES[0])
        .ok()
        .map(|sheet| analyse(&Totals::from_sheet(&sheet)));
    let trimmed: HashMap<String, f64> = independent
        .iter()
        .flat_map(|rep| rep.applications.iter())
        .map(|a| (a.application.clone(), a.total_trimmed))
        .collect();
    let consensus = panel_totals(&csv, &rubric, STAGES[1]);
    let site = panel_totals(&csv, &rubric, STAGES[2]);
    let apps = reviewed(db, id).await?;
    let pool = experts_by_id(db).await?;
    let seated: Vec<i64> = panel_row::Entity::find()
        .filter(panel_row::Column::RoundId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.expert_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let max = rubric.total_max();
    Ok(Analysis {
        report: report.map(|rep| serde_json::to_value(rep).unwrap_or_default()),
        labels: apps
            .iter()
            .map(|a| Label {
                code: a.code.clone().unwrap_or_default(),
                application_id: a.id,
                applicant_name: a.applicant_name.clone(),
            })
            .collect(),
        reviewers: seated
            .iter()
            .map(|e| ReviewerLabel {
                code: expert_code(*e),
                expert_id: *e,
                name: pool.get(e).map(|x| x.name.clone()).unwrap_or_default(),
            })
            .collect(),
        standings: apps
            .into_iter()
            .map(|a| {
                let code = a.code.clone().unwrap_or_default();
                let independent = trimmed.get(&code).copied();
                let consensus = consensus.get(&code).copied();
                let site_visit = site.get(&code).copied().filter(|_| consensus.is_some());
                let latest = a.final_score.or(site_visit).or(consensus).or(independent);
                Standing {
                    application_id: a.id,
                    applicant_name: a.applicant_name,
                    independent,
                    consensus,
                    site_visit,
                    final_score: a.final_score,
                    rank: a.rank,
                    band: latest
                        .filter(|_| max > 0.0)
                        .and_then(|v| band_of(100.0 * v / max))
                        .map(|b| b.level),
                    status: a.status,
                    outcome: a.outcome,
                    code,
                }
            })
            .collect(),
        stage,
    })
}

/// Locks the round's current stage and opens the next; a stage locks only complete (every panel
/// member scored every leaf; the consensus scored every item). Locking the site visit sets each
/// application's final score (the consensus with the site visit's changes) and rank.
pub async fn lock(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = rounds::load(&txn, id).await?;
    let at = STAGES.iter().position(|s| *s == r.stage).unwrap_or(3);
    if r.status != "review" || at >= 3 {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let rubric = rounds::rubric(&r)?;
    let leaves = rubric.criteria().iter().filter(|c| c.is_leaf()).count();
    let apps = reviewed(&txn, id).await?;
    let scored = score::Entity::find()
        .filter(score::Column::RoundId.eq(id))
        .filter(score::Column::Stage.eq(&r.stage))
        .all(&txn)
        .await?;
    let mut count: HashMap<(i64, i64), usize> = HashMap::new();
    for s in &scored {
        *count.entry((s.application_id, s.expert_id)).or_default() += 1;
    }
    let panels = panel_row::Entity::find()
        .filter(panel_row::Column::RoundId.eq(id))
        .all(&txn)
        .await?;
    let complete = |a: &application::Model| match at {
        0 => {
            let members: Vec<i64> = panels
                .iter()
                .filter(|m| m.application_id == a.id)
                .map(|m| m.expert_id)
                .collect();
            !members.is_empty()
                && members
                    .iter()
                    .all(|e| count.get(&(a.id, *e)) == Some(&leaves))
        }
        1 => count.get(&(a.id, 0)) == Some(&leaves),
        _ => true,
    };
    if let Some(a) = apps.iter().find(|a| !complete(a)) {
        let _ = a;
        return Err(StoreError::Rule(ErrorCode::ProgrammeIncomplete));
    }
    if at == 2 {
        let csv = scores_csv(&txn, id).await?;
        let totals = panel_totals(&csv, &rubric, STAGES[2]);
        let finals: Vec<f64> = apps
            .iter()
            .map(|a| {
                totals
                    .get(a.code.as_deref().unwrap_or_default())
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect();
        let ranks = rank::ranks_descending(&finals);
        for ((a, f), rk) in apps.iter().zip(&finals).zip(ranks) {
            application::Entity::update_many()
                .set(application::ActiveModel {
                    final_score: Set(Some(*f)),
                    rank: Set(Some(rk as i32)),
                    ..Default::default()
                })
                .filter(application::Column::Id.eq(a.id))
                .exec(&txn)
                .await?;
        }
    }
    let after = rounds::step(
        &txn,
        p,
        id,
        v.version,
        ("review", "review", "lock"),
        round::ActiveModel {
            stage: Set(STAGES[at + 1].into()),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
