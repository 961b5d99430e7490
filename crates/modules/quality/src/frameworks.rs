//! Indicator frameworks (指标体系): a tree of dimensions over catalogue indicators with weights,
//! and the method the composite-index engine computes it with. A draft changes freely; a
//! published revision never changes (rounds and analyses name it); a new revision is a copy.
//! A framework is written out as the engine's TOML ([`toml`]), which is what the analysis and
//! `longzhi engine index` read.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, PlanStatus, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{framework, framework_node, indicator, round};
use crate::indicators::{by_code, valid_code};
use longzhi_store::audit::{self, Target};
use longzhi_store::repo::{by_id, update_versioned};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};

const ENTITY: &str = "quality_framework";
pub const NORMALISATIONS: [&str; 7] = [
    "minmax",
    "zscore",
    "rank",
    "percentile",
    "goalposts",
    "target",
    "best",
];
pub const AGGREGATIONS: [&str; 4] = ["arithmetic", "geometric", "harmonic", "copeland"];
pub const WEIGHTINGS: [&str; 4] = ["given", "equal", "entropy", "pca"];
pub const IMPUTATIONS: [&str; 3] = ["none", "mean", "median"];
/// Monte Carlo runs the analysis page may ask for.
pub const MAX_MC_RUNS: i32 = 10_000;
const MAX_NODES: usize = 600;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NodeView {
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub weight: f64,
    /// Set on indicator leaves.
    pub indicator_id: Option<i64>,
    pub unit: Option<String>,
    pub direction: Option<i32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FrameworkView {
    pub id: i64,
    pub code: String,
    pub revision: i32,
    pub name: String,
    pub description: String,
    pub normalisation: String,
    pub aggregation: String,
    pub weighting: String,
    pub imputation: String,
    pub weight_noise: f64,
    pub mc_runs: i32,
    pub change_threshold: f64,
    pub status: PlanStatus,
    pub version: i32,
    /// Root first, then every node before its children, in the order given.
    pub nodes: Vec<NodeView>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NodeInput {
    /// A dimension's code, or the indicator's code for a leaf.
    pub code: String,
    #[serde(default)]
    pub name: String,
    pub parent_code: Option<String>,
    #[serde(default = "one")]
    pub weight: f64,
    /// A leaf: this node is the catalogue indicator of that code.
    #[serde(default)]
    pub indicator: bool,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct FrameworkInput {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub normalisation: String,
    pub aggregation: String,
    pub weighting: String,
    pub imputation: String,
    pub weight_noise: f64,
    pub mc_runs: i32,
    pub change_threshold: f64,
    pub nodes: Vec<NodeInput>,
    /// The version read, for an update.
    pub version: Option<i32>,
}

fn one_of(errs: &mut FieldErrors, field: &str, v: &str, allowed: &[&str]) {
    if !allowed.contains(&v) {
        errs.push(FieldError::new(field, Rule::Enum).with("allowed", allowed.join(",")));
    }
}

/// The input checked against its rules and the catalogue; the tree is then checked by the
/// engine itself ([`engine_check`]).
async fn check<C: ConnectionTrait>(db: &C, i: &FrameworkInput) -> Result<FrameworkInput> {
    let mut errs = FieldErrors::new();
    let code = i.code.trim().to_owned();
    if !valid_code(&code) {
        errs.push(FieldError::new("code", Rule::Format));
    }
    let name = errs.text("name", &i.name, 100).unwrap_or_default();
    if i.description.chars().count() > 4000 {
        errs.push(FieldError::new("description", Rule::Length).with("max", 4000));
    }
    one_of(
        &mut errs,
        "normalisation",
        &i.normalisation,
        &NORMALISATIONS,
    );
    one_of(&mut errs, "aggregation", &i.aggregation, &AGGREGATIONS);
    one_of(&mut errs, "weighting", &i.weighting, &WEIGHTINGS);
    one_of(&mut errs, "imputation", &i.imputation, &IMPUTATIONS);
    if !(0.0..=0.9).contains(&i.weight_noise) {
        errs.push(
            FieldError::new("weight_noise", Rule::Range)
                .with("min", 0)
                .with("max", 0.9),
        );
    }
    if !(0..=MAX_MC_RUNS).contains(&i.mc_runs) {
        errs.push(
            FieldError::new("mc_runs", Rule::Range)
                .with("min", 0)
                .with("max", MAX_MC_RUNS),
        );
    }
    if !(i.change_threshold > 0.0 && i.change_threshold <= 10.0) {
        errs.push(
            FieldError::new("change_threshold", Rule::Range)
                .with("min", 0.01)
                .with("max", 10),
        );
    }
    if i.nodes.len() > MAX_NODES {
        errs.push(FieldError::new("nodes", Rule::Length).with("max", MAX_NODES));
    }
    let catalogue = by_code(db).await?;
    let mut seen = HashSet::new();
    for (k, n) in i.nodes.iter().enumerate() {
        let field = |f: &str| format!("nodes[{k}].{f}");
        if !valid_code(n.code.trim()) {
            errs.push(FieldError::new(field("code"), Rule::Format));
        } else if !seen.insert(n.code.trim()) {
            errs.push(FieldError::new(field("code"), Rule::Unique));
        }
        if n.indicator {
            match catalogue.get(n.code.trim()) {
                Some(ind) if ind.status == longzhi_domain::Status::Active => {}
                _ => errs.push(FieldError::new(field("code"), Rule::Exists).with("value", &n.code)),
            }
        } else if n.name.trim().is_empty() {
            errs.push(FieldError::new(field("name"), Rule::Required));
        }
        if !(n.weight.is_finite() && n.weight >= 0.0) {
            errs.push(FieldError::new(field("weight"), Rule::Range).with("min", 0));
        }
    }
    if !errs.0.is_empty() {
        return Err(errs.into());
    }
    Ok(FrameworkInput {
        code,
        name,
        ..i.clone()
    })
}

fn node_views(
    nodes: Vec<framework_node::Model>,
    catalogue: &HashMap<i64, indicator::Model>,
) -> Vec<NodeView> {
    nodes
        .into_iter()
        .map(|n| {
            let ind = n.indicator_id.and_then(|id| catalogue.get(&id));
            NodeView {
                code: n.code,
                name: n.name,
                parent_code: n.parent_code,
                weight: n.weight,
                indicator_id: n.indicator_id,
                unit: ind.map(|i| i.unit.clone()),
                direction: ind.map(|i| i.direction),
            }
        })
        .collect()
}

/// A framework with its tree, in one read.
pub struct Loaded {
    pub framework: framework::Model,
    pub nodes: Vec<framework_node::Model>,
    /// The indicators of its leaves, by id.
    pub indicators: HashMap<i64, indicator::Model>,
}

impl Loaded {
    /// The leaves' indicators in tree order.
    pub fn leaves(&self) -> Vec<&indicator::Model> {
        self.nodes
            .iter()
            .filter_map(|n| n.indicator_id.and_then(|id| self.indicators.get(&id)))
            .collect()
    }

    pub fn view(&self) -> FrameworkView {
        let f = self.framework.clone();
        FrameworkView {
            nodes: node_views(self.nodes.clone(), &self.indicators),
            id: f.id,
            code: f.code,
            revision: f.revision,
            name: f.name,
            description: f.description,
            normalisation: f.normalisation,
            aggregation: f.aggregation,
            weighting: f.weighting,
            imputation: f.imputation,
            weight_noise: f.weight_noise,
            mc_runs: f.mc_runs,
            change_threshold: f.change_threshold,
            status: f.status,
            version: f.version,
        }
    }
}

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<Loaded> {
    let framework = by_id::<framework::Entity, _>(db, id).await?;
    let nodes = framework_node::Entity::find()
        .filter(framework_node::Column::FrameworkId.eq(id))
        .order_by_asc(framework_node::Column::Seq)
        .all(db)
        .await?;
    let ids: Vec<i64> = nodes.iter().filter_map(|n| n.indicator_id).collect();
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    Ok(Loaded {
        framework,
        nodes,
        indicators,
    })
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FrameworkSummary {
    pub id: i64,
    pub code: String,
    pub revision: i32,
    pub name: String,
    pub status: PlanStatus,
    pub indicators: u64,
    pub updated_at: chrono::DateTime<Utc>,
}

/// Every framework revision, newest code revision first within a code.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<FrameworkSummary>> {
    let rows = framework::Entity::find()
        .order_by_asc(framework::Column::Code)
        .order_by_desc(framework::Column::Revision)
        .all(db)
        .await?;
    let counts: HashMap<i64, i64> = framework_node::Entity::find()
        .select_only()
        .column(framework_node::Column::FrameworkId)
        .column_as(framework_node::Column::Id.count(), "n")
        .filter(framework_node::Column::IndicatorId.is_not_null())
        .group_by(framework_node::Column::FrameworkId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|f| FrameworkSummary {
            indicators: counts.get(&f.id).copied().unwrap_or(0) as u64,
            id: f.id,
            code: f.code,
            revision: f.revision,
            name: f.name,
            status: f.status,
            updated_at: f.updated_at,
        })
        .collect())
}

// The engine's TOML: the same file `longzhi engine index --framework` reads.
#[derive(Serialize)]
struct TomlFile<'a> {
    normalisation: &'a str,
    aggregation: &'a str,
    imputation: &'a str,
    weighting: &'a str,
    uncertainty: TomlUncertainty,
    node: Vec<TomlNode<'a>>,
    indicator: Vec<TomlIndicator<'a>>,
}

#[derive(Serialize)]
struct TomlUncertainty {
    weight_noise: f64,
    sobol: usize,
}

#[derive(Serialize)]
struct TomlNode<'a> {
    code: &'a str,
    name: &'a str,
    weight: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
}

#[derive(Serialize)]
struct TomlIndicator<'a> {
    code: &'a str,
    name: &'a str,
    unit: &'a str,
    direction: i32,
    weight: f64,
    parent: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upper: Option<f64>,
}

/// The framework as the engine's TOML; `sobol` base rows for a sensitivity analysis (0: none).
pub fn toml(l: &Loaded, sobol: usize) -> String {
    let f = &l.framework;
    let goalposts = f.normalisation == "goalposts";
    let file = TomlFile {
        normalisation: &f.normalisation,
        aggregation: &f.aggregation,
        imputation: &f.imputation,
        weighting: &f.weighting,
        uncertainty: TomlUncertainty {
            weight_noise: f.weight_noise,
            sobol,
        },
        node: l
            .nodes
            .iter()
            .filter(|n| n.indicator_id.is_none())
            .map(|n| TomlNode {
                code: &n.code,
                name: &n.name,
                weight: n.weight,
                parent: n.parent_code.as_deref(),
            })
            .collect(),
        indicator: l
            .nodes
            .iter()
            .filter_map(|n| Some((n, l.indicators.get(&n.indicator_id?)?)))
            .map(|(n, i)| TomlIndicator {
                code: &i.code,
                name: &i.name,
                unit: &i.unit,
                direction: i.direction,
                weight: n.weight,
                parent: n.parent_code.as_deref().unwrap_or_default(),
                lower: i.min_value.filter(|_| goalposts),
                upper: i.max_value.filter(|_| goalposts),
            })
            .collect(),
    };
    toml::to_string(&file).unwrap_or_default()
}

/// The engine's verdict on the tree (one root, parents known, no cycle, weights, goalposts):
/// its message on the field `nodes`.
fn engine_check(l: &Loaded) -> Result<()> {
    let built = longzhi_index::parse::parse_framework(&toml(l, 0))
        .map_err(|e| e.to_string())
        .and_then(|c| c.spec.build().map(|_| ()).map_err(|e| e.to_string()));
    built.map_err(|detail| {
        FieldError::new("nodes", Rule::Format)
            .with("detail", detail)
            .into()
    })
}

fn audit_target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

async fn write_nodes<C: ConnectionTrait>(db: &C, id: i64, nodes: &[NodeInput]) -> Result<()> {
    framework_node::Entity::delete_many()
        .filter(framework_node::Column::FrameworkId.eq(id))
        .exec(db)
        .await?;
    let catalogue = by_code(db).await?;
    let rows: Vec<framework_node::ActiveModel> = nodes
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let ind = n.indicator.then(|| catalogue.get(n.code.trim())).flatten();
            framework_node::ActiveModel {
                framework_id: Set(id),
                code: Set(n.code.trim().to_owned()),
                name: Set(ind.map_or_else(|| n.name.trim().to_owned(), |i| i.name.clone())),
                parent_code: Set(n
                    .parent_code
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)),
                weight: Set(n.weight),
                indicator_id: Set(ind.map(|i| i.id)),
                seq: Set(k as i32),
                ..Default::default()
            }
        })
        .collect();
    if !rows.is_empty() {
        framework_node::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

fn method(f: &FrameworkInput) -> framework::ActiveModel {
    framework::ActiveModel {
        name: Set(f.name.clone()),
        description: Set(f.description.clone()),
        normalisation: Set(f.normalisation.clone()),
        aggregation: Set(f.aggregation.clone()),
        weighting: Set(f.weighting.clone()),
        imputation: Set(f.imputation.clone()),
        weight_noise: Set(f.weight_noise),
        mc_runs: Set(f.mc_runs),
        change_threshold: Set(f.change_threshold),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

/// Creates a draft framework (revision 1 of a new code).
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: FrameworkInput,
) -> Result<FrameworkView> {
    let i = check(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let taken = framework::Entity::find()
        .filter(framework::Column::Code.eq(&i.code))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(StoreError::Duplicate {
            field: "code".into(),
        });
    }
    let now = Utc::now();
    let mut am = method(&i);
    am.code = Set(i.code.clone());
    am.revision = Set(1);
    am.status = Set(PlanStatus::Draft);
    am.version = Set(1);
    am.created_at = Set(now);
    let f = am.insert(&txn).await?;
    write_nodes(&txn, f.id, &i.nodes).await?;
    let l = load(&txn, f.id).await?;
    engine_check(&l)?;
    audit::record(&txn, p, audit_target(f.id), "create", None, Some(&l.view())).await?;
    txn.commit().await?;
    Ok(l.view())
}

async fn draft<C: ConnectionTrait>(db: &C, id: i64) -> Result<framework::Model> {
    let f = by_id::<framework::Entity, _>(db, id).await?;
    if f.status != PlanStatus::Draft {
        return Err(StoreError::Rule(ErrorCode::QualityNotDraft));
    }
    Ok(f)
}

/// Changes a draft: its method and its whole tree.
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: FrameworkInput,
) -> Result<FrameworkView> {
    let i = check(db, &i).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = draft(&txn, id).await?;
    if before.code != i.code {
        return Err(FieldError::new("code", Rule::Unique).into());
    }
    let before = load(&txn, before.id).await?.view();
    update_versioned(
        &txn,
        framework::Column::Id,
        framework::Column::Version,
        id,
        version,
        method(&i),
    )
    .await?;
    write_nodes(&txn, id, &i.nodes).await?;
    let l = load(&txn, id).await?;
    engine_check(&l)?;
    audit::record(
        &txn,
        p,
        audit_target(id),
        "update",
        Some(&before),
        Some(&l.view()),
    )
    .await?;
    txn.commit().await?;
    Ok(l.view())
}

async fn set_status(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    from: PlanStatus,
    to: PlanStatus,
) -> Result<FrameworkView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let f = by_id::<framework::Entity, _>(&txn, id).await?;
    if f.status != from {
        return Err(StoreError::Rule(if from == PlanStatus::Draft {
            ErrorCode::QualityNotDraft
        } else {
            ErrorCode::PlanNotPublished
        }));
    }
    let l = load(&txn, id).await?;
    if to == PlanStatus::Published {
        if l.leaves().is_empty() {
            return Err(FieldError::new("nodes", Rule::Required).into());
        }
        engine_check(&l)?;
    }
    update_versioned(
        &txn,
        framework::Column::Id,
        framework::Column::Version,
        id,
        f.version,
        framework::ActiveModel {
            status: Set(to),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(id),
        to.as_str(),
        Some(&serde_json::json!({"status": from})),
        Some(&serde_json::json!({"status": to})),
    )
    .await?;
    txn.commit().await?;
    Ok(load(db, id).await?.view())
}

/// Publishes a draft: rounds can then ask for it and analyses compute it; it never changes again.
pub async fn publish(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<FrameworkView> {
    set_status(db, p, id, PlanStatus::Draft, PlanStatus::Published).await
}

/// Retires a published revision: no new round asks for it (its data and analyses stay).
pub async fn retire(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<FrameworkView> {
    set_status(db, p, id, PlanStatus::Published, PlanStatus::Closed).await
}

/// A new draft revision of a framework: a copy of it with the next revision number.
pub async fn new_revision(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<FrameworkView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let src = load(&txn, id).await?;
    let code = src.framework.code.clone();
    let drafts = framework::Entity::find()
        .filter(framework::Column::Code.eq(&code))
        .filter(framework::Column::Status.eq(PlanStatus::Draft.as_str()))
        .count(&txn)
        .await?;
    if drafts > 0 {
        return Err(StoreError::Rule(ErrorCode::QualityNotDraft));
    }
    let last = framework::Entity::find()
        .filter(framework::Column::Code.eq(&code))
        .order_by_desc(framework::Column::Revision)
        .one(&txn)
        .await?
        .map_or(0, |f| f.revision);
    let now = Utc::now();
    // A copy: every field set from the source, then the copy's own.
    let mut copy = framework::ActiveModel::from(src.framework.clone()).reset_all();
    copy.id = sea_orm::ActiveValue::NotSet;
    copy.revision = Set(last + 1);
    copy.status = Set(PlanStatus::Draft);
    copy.version = Set(1);
    copy.created_at = Set(now);
    copy.updated_at = Set(now);
    let f = copy.insert(&txn).await?;
    let nodes: Vec<framework_node::ActiveModel> = src
        .nodes
        .iter()
        .map(|n| {
            let mut copy = framework_node::ActiveModel::from(n.clone()).reset_all();
            copy.id = sea_orm::ActiveValue::NotSet;
            copy.framework_id = Set(f.id);
            copy
        })
        .collect();
    if !nodes.is_empty() {
        framework_node::Entity::insert_many(nodes)
            .exec(&txn)
            .await?;
    }
    let l = load(&txn, f.id).await?;
    audit::record(&txn, p, audit_target(f.id), "create", None, Some(&l.view())).await?;
    txn.commit().await?;
    Ok(l.view())
}

/// Deletes a draft no round asks for.
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    draft(&txn, id).await?;
    let rounds = round::Entity::find()
        .filter(round::Column::FrameworkId.eq(id))
        .count(&txn)
        .await?;
    if rounds > 0 {
        return Err(StoreError::Rule(ErrorCode::QualityInUse));
    }
    let before = load(&txn, id).await?.view();
    framework_node::Entity::delete_many()
        .filter(framework_node::Column::FrameworkId.eq(id))
        .exec(&txn)
        .await?;
    framework::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, audit_target(id), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}
