//! Comparative analysis (对比分析): the composite index of every city for a year, computed by
//! the index engine on the published values with the framework's method. The engine is given
//! exactly the files the export offers ([`inputs`]: a data CSV and the framework TOML) and
//! answers exactly what `longzhi engine index --data … --framework … --mc N --seed S` prints, so
//! every figure on the page can be reproduced from the command line.

use std::collections::{BTreeMap, HashMap};

use longzhi_domain::{FieldError, Rule};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use crate::frameworks::{self, FrameworkView, Loaded, MAX_MC_RUNS};
use crate::values;
use longzhi_store::cpu::PerCore;
use longzhi_store::repo::regions;
use longzhi_store::{Result, StoreError};

/// The engine's answer, typed: the command's JSON, field for field.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EngineOutput {
    pub units: Vec<EngineUnit>,
    /// Every node's and indicator's weight as used, renormalised among siblings.
    pub weights: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mc: Option<EngineMc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahp: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatments: Option<serde_json::Value>,
    /// Sobol indices (`inputs`, `runs`, `rank_shift`, `units`), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EngineUnit {
    /// The region's code.
    pub unit: String,
    /// Every node's score (the root's is the index).
    pub scores: BTreeMap<String, f64>,
    /// 1 = best.
    pub rank: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributions: Option<BTreeMap<String, f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_median: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_q05: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_q95: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EngineMc {
    pub runs: usize,
    pub seed: u64,
    pub mean_abs_rank_shift: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionName {
    pub code: String,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Change {
    pub region_code: String,
    /// This year's index minus last year's (each year computed on its own).
    pub score_change: Option<f64>,
    /// Last year's rank minus this year's: positive = moved up.
    pub rank_change: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Analysis {
    pub framework: FrameworkView,
    pub year: i32,
    /// The root node's code: `scores[root]` is the index.
    pub root: String,
    /// The cities computed (the units), with their names.
    pub regions: Vec<RegionName>,
    /// What `longzhi engine index --data <year>.csv --framework <framework>.toml --mc runs
    /// --seed seed` prints on the exported files.
    pub engine: EngineOutput,
    pub mc_runs: usize,
    pub seed: u64,
    /// Last year's nominal result, when there are values for it.
    pub previous: Option<EngineOutput>,
    pub changes: Vec<Change>,
    /// The province: the mean of the cities' scores per node.
    pub province: BTreeMap<String, f64>,
    /// The published values: region → indicator code → value (missing ones absent).
    pub values: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The engine's input files for a framework's year.
pub struct Inputs {
    pub framework: Loaded,
    pub csv: String,
    pub toml: String,
    pub units: Vec<RegionName>,
    pub values: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The data CSV (`unit` = region code, one column per indicator code, empty = missing) of the
/// cities with any published value of the framework's indicators that year, and the TOML.
pub async fn inputs<C: ConnectionTrait>(
    db: &C,
    framework_id: i64,
    year: i32,
    sobol: usize,
) -> Result<Inputs> {
    let framework = frameworks::load(db, framework_id).await?;
    let leaves = framework.leaves();
    let ids: Vec<i64> = leaves.iter().map(|i| i.id).collect();
    let published = values::published(db, &ids, year..=year).await?;
    let cities = regions::cities(db).await?;
    let mut table: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for ((ind, region, _), v) in &published {
        if let Some(code) = leaves.iter().find(|i| i.id == *ind).map(|i| &i.code) {
            table
                .entry(region.clone())
                .or_default()
                .insert(code.clone(), *v);
        }
    }
    let units: Vec<RegionName> = cities
        .iter()
        .filter(|c| table.contains_key(&c.code))
        .map(|c| RegionName {
            code: c.code.clone(),
            name: c.name.clone(),
            name_en: c.name_en.clone(),
        })
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("unit").chain(leaves.iter().map(|i| i.code.as_str()));
    w.write_record(header).map_err(io)?;
    for u in &units {
        let row = &table[&u.code];
        let cells = std::iter::once(u.code.clone()).chain(
            leaves
                .iter()
                .map(|i| row.get(&i.code).map(f64::to_string).unwrap_or_default()),
        );
        w.write_record(cells).map_err(io)?;
    }
    let csv = String::from_utf8(w.into_inner().map_err(io)?).map_err(io)?;
    let toml = frameworks::toml(&framework, sobol);
    Ok(Inputs {
        framework,
        csv,
        toml,
        units,
        values: table,
    })
}

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(e.to_string())
}

/// One engine run per core at a time: it is CPU work.
static ENGINE: PerCore = PerCore::new();

/// Runs the engine on the inputs as the command would (`data.csv`, `framework.toml` name the
/// files in its messages); a refusal is a field error on `data` with the engine's words.
pub async fn run_engine(
    csv: String,
    toml: String,
    mc: Option<usize>,
    seed: u64,
) -> Result<EngineOutput> {
    let out = ENGINE
        .run(move || {
            longzhi_engine_cli::index::evaluate(
                ("data.csv", &csv),
                ("framework.toml", &toml),
                mc,
                seed,
            )
        })
        .await
        .map_err(StoreError::Io)?;
    let value = out
        .map_err(|e| StoreError::from(FieldError::new("data", Rule::Format).with("detail", e.0)))?;
    serde_json::from_value(value).map_err(io)
}

fn root(l: &Loaded) -> String {
    l.nodes
        .iter()
        .find(|n| n.parent_code.is_none() && n.indicator_id.is_none())
        .map(|n| n.code.clone())
        .unwrap_or_default()
}

/// Refuses a year without two cities of data (the engine needs two units).
fn enough(i: &Inputs, year: i32) -> Result<()> {
    if i.units.len() < 2 {
        return Err(FieldError::new("year", Rule::Exists)
            .with("value", year)
            .into());
    }
    Ok(())
}

/// The analysis of a framework's year with `mc` Monte Carlo runs (the framework's default when
/// none) from `seed`.
pub async fn analyse<C: ConnectionTrait>(
    db: &C,
    framework_id: i64,
    year: i32,
    mc: Option<usize>,
    seed: u64,
) -> Result<Analysis> {
    let i = inputs(db, framework_id, year, 0).await?;
    enough(&i, year)?;
    let runs = mc.unwrap_or(i.framework.framework.mc_runs.max(0) as usize);
    if runs > MAX_MC_RUNS as usize {
        return Err(FieldError::new("mc", Rule::Range)
            .with("min", 0)
            .with("max", MAX_MC_RUNS)
            .into());
    }
    let root = root(&i.framework);
    let engine = run_engine(
        i.csv.clone(),
        i.toml.clone(),
        (runs > 0).then_some(runs),
        seed,
    )
    .await?;
    let last = inputs(db, framework_id, year - 1, 0).await?;
    let previous = if last.units.len() >= 2 {
        run_engine(last.csv, last.toml, None, 0).await.ok()
    } else {
        None
    };
    let changes = engine
        .units
        .iter()
        .map(|u| {
            let before = previous
                .as_ref()
                .and_then(|p| p.units.iter().find(|x| x.unit == u.unit));
            Change {
                region_code: u.unit.clone(),
                score_change: before
                    .and_then(|b| Some(u.scores.get(&root)? - b.scores.get(&root)?)),
                rank_change: before.map(|b| i64::from(b.rank) - i64::from(u.rank)),
            }
        })
        .collect();
    Ok(Analysis {
        province: province(&engine),
        framework: i.framework.view(),
        year,
        root,
        regions: i.units,
        mc_runs: runs,
        seed,
        engine,
        previous,
        changes,
        values: i.values,
    })
}

/// The mean of the units' scores per node.
pub fn province(e: &EngineOutput) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for u in &e.units {
        for (k, v) in &u.scores {
            *sums.entry(k.clone()).or_default() += v;
        }
    }
    let n = e.units.len().max(1) as f64;
    sums.into_iter().map(|(k, v)| (k, v / n)).collect()
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrendYear {
    pub year: i32,
    /// Region code → index.
    pub scores: BTreeMap<String, f64>,
    /// Region code → rank.
    pub ranks: BTreeMap<String, u32>,
    /// The mean of the cities' indices.
    pub province: f64,
}

/// Each year's index of every city (nominal runs, each year on its own) from `from` to `to`;
/// years without two cities of data are left out.
pub async fn trend<C: ConnectionTrait>(
    db: &C,
    framework_id: i64,
    from: i32,
    to: i32,
) -> Result<Vec<TrendYear>> {
    if to < from || to - from > 30 {
        return Err(FieldError::new("to", Rule::Range)
            .with("min", from)
            .with("max", from + 30)
            .into());
    }
    let mut out = Vec::new();
    for year in from..=to {
        let i = inputs(db, framework_id, year, 0).await?;
        if i.units.len() < 2 {
            continue;
        }
        let root = root(&i.framework);
        let e = run_engine(i.csv, i.toml, None, 0).await?;
        let scores: BTreeMap<String, f64> = e
            .units
            .iter()
            .filter_map(|u| Some((u.unit.clone(), *u.scores.get(&root)?)))
            .collect();
        let province = scores.values().sum::<f64>() / scores.len().max(1) as f64;
        out.push(TrendYear {
            year,
            ranks: e.units.iter().map(|u| (u.unit.clone(), u.rank)).collect(),
            scores,
            province,
        });
    }
    Ok(out)
}

/// Region names by code, for labels.
pub fn names(a: &Analysis) -> HashMap<&str, &str> {
    a.regions
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect()
}
