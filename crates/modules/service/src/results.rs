//! A round's results: the PLS model fitted by `longzhi engine pls` itself (through
//! `longzhi_engine_cli::pls::evaluate`, on the round's export and its questionnaire's
//! `MODEL.toml`), stored on the round as the command's JSON; and what the console shows of it —
//! the satisfaction index with its bootstrap interval per city, service, field and city ×
//! service, rankings and the change since the previous round, the importance–performance
//! matrix, the paths with their intervals and the model's quality figures. A city sees only its
//! own figures until the round is published.

use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use longzhi_domain::{DataScope, ErrorCode, FieldError, Rule};
use longzhi_engine_cli::pls::{Options, evaluate};
use longzhi_pls::Missing;
use longzhi_store::audit;
use longzhi_store::cpu::PerCore;
use longzhi_store::repo::{by_id, regions};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entity::{response, round, survey};
use crate::rounds::{self, RoundView, service_names};
use crate::surveys::{GROUP_COLUMNS, Survey};

/// Fewest valid responses a round is computed on.
pub const MIN_RESPONSES: u64 = 30;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceIndexRow)]
pub struct IndexRow {
    /// City code, service code, `public`/`life`, or `province`.
    pub code: String,
    pub name: String,
    pub n: u64,
    /// The satisfaction index, 0–100.
    pub index: f64,
    /// Bootstrap percentile 95% interval.
    pub ci_lo: Option<f64>,
    pub ci_hi: Option<f64>,
    pub rank: Option<u32>,
    /// Index points since the previous round.
    pub change: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceCell)]
pub struct CellRow {
    pub region_code: String,
    pub service: String,
    pub n: u64,
    pub index: f64,
    pub ci_lo: Option<f64>,
    pub ci_hi: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServicePathRow)]
pub struct PathRow {
    pub from: String,
    pub to: String,
    pub coef: f64,
    pub se: Option<f64>,
    pub ci_lo: Option<f64>,
    pub ci_hi: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceFigure)]
pub struct Figure {
    pub construct: String,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceReliability)]
pub struct Reliability {
    pub construct: String,
    pub alpha: f64,
    pub rho_c: f64,
    pub ave: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceIpaPoint)]
pub struct IpaPoint {
    pub construct: String,
    pub name: String,
    /// Total effect on the target construct.
    pub importance: f64,
    /// The construct's own index.
    pub performance: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServicePrevious)]
pub struct Previous {
    pub round_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceResults)]
pub struct Results {
    pub round: RoundView,
    pub computed_at: chrono::DateTime<Utc>,
    /// Valid responses the model was fitted on (the province's; a city's own before publication).
    pub n: u64,
    /// Responses excluded, by flag (one response may carry several).
    pub excluded: BTreeMap<String, u64>,
    pub target: String,
    pub target_name: String,
    pub overall: Option<IndexRow>,
    pub regions: Vec<IndexRow>,
    pub services: Vec<IndexRow>,
    pub fields: Vec<IndexRow>,
    pub cells: Vec<CellRow>,
    pub paths: Vec<PathRow>,
    pub r2: Vec<Figure>,
    pub reliability: Vec<Reliability>,
    pub ipa: Vec<IpaPoint>,
    pub gof: Option<f64>,
    pub previous: Option<Previous>,
    pub published: bool,
    /// The command's JSON, whole (absent for a city before publication).
    pub engine: Option<Value>,
}

/// How a round is computed: the command line equal to it is
/// `longzhi engine pls --data <export> --model <model.toml> --missing mean --group region
/// --group service --group field --group cell --bootstrap <resamples> --seed <seed>`.
pub fn options(r: &round::Model) -> Options {
    Options {
        missing: Missing::Mean,
        groups: GROUP_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        bootstrap: Some(usize::try_from(r.resamples).unwrap_or(0)),
        seed: u64::try_from(r.seed).unwrap_or(0),
        scores: false,
    }
}

/// One engine run per core at a time.
static ENGINE: PerCore = PerCore::new();

/// Runs the command on a round's valid responses and stores its answer on the round.
pub async fn compute(
    db: &longzhi_store::DatabaseConnection,
    p: &Principal,
    round_id: i64,
) -> Result<()> {
    let r = rounds::load(db, round_id).await?;
    let s = Survey::of(by_id::<survey::Entity, _>(db, r.survey_id).await?)?;
    let data =
        crate::responses::export_csv(db, &Principal::system("service-compute"), round_id).await?;
    let model = s.toml();
    let opts = options(&r);
    let out = ENGINE
        .run(move || evaluate(("responses.csv", &data), ("model.toml", &model), &opts))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| {
            StoreError::from(FieldError::new("responses", Rule::Format).with("detail", e.0))
        })?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    round::Entity::update_many()
        .set(round::ActiveModel {
            results: Set(Some(out.to_string())),
            computed_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(round::Column::Id.eq(round_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        p,
        rounds::round_target(round_id),
        "compute",
        None,
        Some(&serde_json::json!({"computed_at": now, "n": out["n"]})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks a round may be computed now (in fieldwork for an interim look, or closed; never once
/// published) and has enough valid responses.
pub async fn computable<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<()> {
    let v = rounds::get(db, round_id).await?;
    if !["fieldwork", "closed"].contains(&v.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    if v.valid < MIN_RESPONSES {
        return Err(FieldError::new("responses", Rule::Range)
            .with("min", MIN_RESPONSES)
            .into());
    }
    Ok(())
}

/// A group's size, index of the target and bootstrap interval.
type Figures = (u64, f64, Option<f64>, Option<f64>);

/// `{column, group}` → the engine's figures of the target.
struct Groups(HashMap<(String, String), Figures>);

impl Groups {
    fn of(engine: &Value, target: &str) -> Self {
        let mut map = HashMap::new();
        let key = |g: &Value| {
            (
                g["column"].as_str().unwrap_or("").to_owned(),
                g["group"].as_str().unwrap_or("").to_owned(),
            )
        };
        for g in engine["index_groups"].as_array().into_iter().flatten() {
            if let Some(index) = g["index"][target].as_f64() {
                map.insert(key(g), (g["n"].as_u64().unwrap_or(0), index, None, None));
            }
        }
        for g in engine["bootstrap"]["index_groups"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(e) = map.get_mut(&key(g)) {
                e.2 = g["index"][target]["ci_lo"].as_f64();
                e.3 = g["index"][target]["ci_hi"].as_f64();
            }
        }
        Self(map)
    }

    fn rows(&self, column: &str, name: impl Fn(&str) -> String) -> Vec<IndexRow> {
        let mut rows: Vec<IndexRow> = self
            .0
            .iter()
            .filter(|((c, _), _)| c == column)
            .map(|((_, g), &(n, index, ci_lo, ci_hi))| IndexRow {
                code: g.clone(),
                name: name(g),
                n,
                index,
                ci_lo,
                ci_hi,
                rank: None,
                change: None,
            })
            .collect();
        rows.sort_by(|a, b| b.index.total_cmp(&a.index).then(a.code.cmp(&b.code)));
        for (k, r) in rows.iter_mut().enumerate() {
            r.rank = Some(k as u32 + 1);
        }
        rows
    }
}

/// The latest earlier round of the same questionnaire (any edition) with results.
async fn previous<C: ConnectionTrait>(
    db: &C,
    r: &round::Model,
    code: &str,
) -> Result<Option<round::Model>> {
    let editions: Vec<i64> = survey::Entity::find()
        .filter(survey::Column::Code.eq(code))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    Ok(round::Entity::find()
        .filter(round::Column::SurveyId.is_in(editions))
        .filter(round::Column::StartsOn.lt(r.starts_on))
        .filter(round::Column::Results.is_not_null())
        .order_by_desc(round::Column::StartsOn)
        .one(db)
        .await?)
}

fn engine_of(r: &round::Model) -> Result<Value> {
    let text = r
        .results
        .as_deref()
        .ok_or(StoreError::Rule(ErrorCode::ServiceNotComputed))?;
    serde_json::from_str(text).map_err(|e| StoreError::Io(e.to_string()))
}

/// Whether `p` sees every city's figures of round `r` (the province; everybody once published).
fn sees_all(p: &Principal, r: &round::Model) -> bool {
    p.scope == DataScope::All || r.status == "published"
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, round_id: i64) -> Result<Results> {
    let r = rounds::load(db, round_id).await?;
    let engine = engine_of(&r)?;
    let s = Survey::of(by_id::<survey::Entity, _>(db, r.survey_id).await?)?;
    let target = s.row.target.clone();
    let construct_name = |c: &str| {
        s.model
            .construct(c)
            .map_or_else(|| c.to_owned(), |c| c.name.clone())
    };
    let regions: HashMap<String, String> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let services = service_names(db).await?;
    let groups = Groups::of(&engine, &target);
    let mut region_rows = groups.rows("region", |c| regions.get(c).cloned().unwrap_or_default());
    if let Some(prev) = previous(db, &r, &s.row.code).await? {
        let before = Groups::of(&engine_of(&prev)?, &target);
        for row in &mut region_rows {
            row.change = before
                .0
                .get(&("region".to_owned(), row.code.clone()))
                .map(|b| row.index - b.1);
        }
    }
    let prev = previous(db, &r, &s.row.code).await?.map(|p| Previous {
        round_id: p.id,
        name: p.name,
    });
    let all = sees_all(p, &r);
    let own = regions::city_code(&p.region_path).map(str::to_owned);
    let mine = |code: &str| all || own.as_deref() == Some(code);
    region_rows.retain(|row| mine(&row.code));
    let cells = groups
        .0
        .iter()
        .filter(|((c, _), _)| c == "cell")
        .filter_map(|((_, g), &(n, index, ci_lo, ci_hi))| {
            let (region, service) = g.split_once(':')?;
            mine(region).then(|| CellRow {
                region_code: region.into(),
                service: service.into(),
                n,
                index,
                ci_lo,
                ci_hi,
            })
        })
        .collect();
    let mut excluded = BTreeMap::new();
    for row in scoped::<response::Entity>(p)
        .filter(response::Column::RoundId.eq(round_id))
        .filter(response::Column::Excluded.eq(true))
        .all(db)
        .await?
    {
        for f in row.flags.split(',').filter(|f| !f.is_empty()) {
            *excluded.entry(f.to_owned()).or_insert(0) += 1;
        }
    }
    let round = rounds::view(db, r.clone()).await?;
    let mut out = Results {
        computed_at: r.computed_at.unwrap_or_else(Utc::now),
        n: region_rows.iter().map(|r| r.n).sum(),
        excluded,
        target_name: construct_name(&target),
        overall: None,
        regions: region_rows,
        services: vec![],
        fields: vec![],
        cells,
        paths: vec![],
        r2: vec![],
        reliability: vec![],
        ipa: vec![],
        gof: None,
        previous: prev,
        published: r.status == "published",
        engine: None,
        round,
        target,
    };
    if !all {
        return Ok(out);
    }
    out.n = engine["n"].as_u64().unwrap_or(0);
    out.services = groups.rows("service", |c| {
        services.get(c).map(|n| n.0.clone()).unwrap_or_default()
    });
    out.fields = groups.rows("field", |c| {
        if c == "life" {
            "生活服务".into()
        } else {
            "公共服务".into()
        }
    });
    let boot = &engine["bootstrap"]["index"][&out.target];
    out.overall = engine["index"][&out.target].as_f64().map(|index| IndexRow {
        code: "province".into(),
        name: String::new(),
        n: out.n,
        index,
        ci_lo: boot["ci_lo"].as_f64(),
        ci_hi: boot["ci_hi"].as_f64(),
        rank: None,
        change: None,
    });
    let boot_paths = engine["bootstrap"]["paths"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    out.paths = engine["paths"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let b = boot_paths
                .iter()
                .find(|b| b["from"] == e["from"] && b["to"] == e["to"]);
            PathRow {
                from: e["from"].as_str().unwrap_or("").into(),
                to: e["to"].as_str().unwrap_or("").into(),
                coef: e["coef"].as_f64().unwrap_or(f64::NAN),
                se: b.and_then(|b| b["se"].as_f64()),
                ci_lo: b.and_then(|b| b["ci_lo"].as_f64()),
                ci_hi: b.and_then(|b| b["ci_hi"].as_f64()),
            }
        })
        .collect();
    out.r2 = engine["r2"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(c, v)| {
            Some(Figure {
                construct: c.clone(),
                value: v.as_f64()?,
            })
        })
        .collect();
    out.reliability = engine["reliability"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(c, v)| Reliability {
            construct: c.clone(),
            alpha: v["alpha"].as_f64().unwrap_or(f64::NAN),
            rho_c: v["rho_c"].as_f64().unwrap_or(f64::NAN),
            ave: v["ave"].as_f64().unwrap_or(f64::NAN),
        })
        .collect();
    out.ipa = engine["effects"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["to"] == out.target.as_str())
        .filter_map(|e| {
            let c = e["from"].as_str()?;
            Some(IpaPoint {
                construct: c.into(),
                name: construct_name(c),
                importance: e["total"].as_f64()?,
                performance: engine["index"][c].as_f64()?,
            })
        })
        .collect();
    out.gof = engine["gof"].as_f64();
    out.engine = Some(engine);
    Ok(out)
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceComputeParams)]
pub struct ComputeParams {
    pub round_id: i64,
}

/// The results as a workbook: the index per city, service, field and city × service.
pub fn workbook(r: &Results, english: bool) -> Result<Vec<u8>> {
    use longzhi_reports::xlsx::{Cell, Column};
    let pick = |zh: &str, en: &str| {
        if english {
            en.to_owned()
        } else {
            zh.to_owned()
        }
    };
    let columns: Vec<Column> = [
        ("level", pick("层级", "Level"), 10.0),
        ("code", pick("代码", "Code"), 14.0),
        ("name", pick("名称", "Name"), 16.0),
        ("n", "n".to_owned(), 8.0),
        ("index", pick("满意度指数", "Index"), 12.0),
        ("ci_lo", pick("95%区间下限", "95% CI low"), 12.0),
        ("ci_hi", pick("95%区间上限", "95% CI high"), 12.0),
        ("rank", pick("排名", "Rank"), 8.0),
        ("change", pick("较上轮变化", "Change"), 12.0),
    ]
    .into_iter()
    .map(|(key, title, width)| Column {
        key: key.into(),
        title,
        width,
    })
    .collect();
    let opt = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let index_row = |level: String, x: &IndexRow| {
        vec![
            Cell::Text(level),
            Cell::Text(x.code.clone()),
            Cell::Text(x.name.clone()),
            Cell::Number(x.n as f64),
            Cell::Number(x.index),
            opt(x.ci_lo),
            opt(x.ci_hi),
            x.rank.map_or(Cell::Empty, |k| Cell::Number(f64::from(k))),
            opt(x.change),
        ]
    };
    let mut rows = Vec::new();
    rows.extend(
        r.overall
            .iter()
            .map(|x| index_row(pick("全省", "Province"), x)),
    );
    rows.extend(r.regions.iter().map(|x| index_row(pick("城市", "City"), x)));
    rows.extend(
        r.services
            .iter()
            .map(|x| index_row(pick("行业", "Service"), x)),
    );
    rows.extend(r.fields.iter().map(|x| index_row(pick("领域", "Field"), x)));
    rows.extend(r.cells.iter().map(|c| {
        vec![
            Cell::Text(pick("城市×行业", "City × service")),
            Cell::Text(format!("{}:{}", c.region_code, c.service)),
            Cell::Empty,
            Cell::Number(c.n as f64),
            Cell::Number(c.index),
            opt(c.ci_lo),
            opt(c.ci_hi),
            Cell::Empty,
            Cell::Empty,
        ]
    }));
    longzhi_reports::xlsx::write_table(
        &pick("满意度指数", "Satisfaction index"),
        &columns,
        &rows,
        None,
    )
    .map_err(|e| StoreError::Io(e.to_string()))
}
