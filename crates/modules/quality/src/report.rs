//! The yearly quality-status report (质量状况分析报告): the analysis of a year laid out by
//! `longzhi-quality-report` as a PDF (a background job, or `longzhi report quality-status`) and
//! an Excel annex of every figure. The figures are the analysis page's: the same engine run.

use std::collections::BTreeMap;

use longzhi_domain::{FieldError, RoundStatus, Rule};
use longzhi_quality_report as qr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::analysis;
use crate::entity::round;
use longzhi_store::{Result, StoreError};

/// The prefecture boundaries the report's map draws: the console's own copy (one file; its
/// provenance in web/src/assets/geo/README.md).
const GEOJSON: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../web/src/assets/geo/gansu_prefectures.geojson"
));
/// Years of trend the report shows.
const TREND_YEARS: i32 = 5;

/// The framework a year's report is about: that of the year's latest round.
pub async fn framework_of_year<C: ConnectionTrait>(db: &C, year: i32) -> Result<i64> {
    round::Entity::find()
        .filter(round::Column::Year.eq(year))
        .order_by_asc(round::Column::Status.ne(RoundStatus::Open.as_str()))
        .order_by_desc(round::Column::Id)
        .one(db)
        .await?
        .map(|r| r.framework_id)
        .ok_or_else(|| StoreError::from(FieldError::new("year", Rule::Exists).with("value", year)))
}

/// The report's input: the analysis of `year` (with its Monte Carlo), last year's values and
/// the trend of the years before.
pub async fn input<C: ConnectionTrait>(
    db: &C,
    framework_id: i64,
    year: i32,
    today: chrono::NaiveDate,
) -> Result<qr::ReportInput> {
    let a = analysis::analyse(db, framework_id, year, None, 0).await?;
    let last = analysis::inputs(db, framework_id, year - 1, 0)
        .await?
        .values;
    let trend = analysis::trend(db, framework_id, year - TREND_YEARS + 1, year).await?;
    let f = &a.framework;
    // A region's value of every indicator, `None` where it has none.
    let of = |table: &BTreeMap<String, BTreeMap<String, f64>>, region: &str| {
        f.nodes
            .iter()
            .filter(|n| n.indicator_id.is_some())
            .map(|n| {
                let v = table.get(region).and_then(|v| v.get(&n.code)).copied();
                (n.code.clone(), v)
            })
            .collect::<BTreeMap<_, _>>()
    };
    let weights = &a.engine.weights;
    let nodes = f
        .nodes
        .iter()
        .filter(|n| n.indicator_id.is_none())
        .map(|n| qr::NodeInfo {
            code: n.code.clone(),
            name: n.name.clone(),
            parent: n.parent_code.clone(),
            weight: weights.get(&n.code).copied().unwrap_or(n.weight),
        })
        .collect();
    let indicators = f
        .nodes
        .iter()
        .filter(|n| n.indicator_id.is_some())
        .map(|n| qr::IndicatorInfo {
            code: n.code.clone(),
            name: n.name.clone(),
            unit: n.unit.clone().unwrap_or_default(),
            direction: n.direction.unwrap_or(1),
            parent: n.parent_code.clone().unwrap_or_default(),
            weight: weights.get(&n.code).copied().unwrap_or(n.weight),
        })
        .collect::<Vec<_>>();
    let regions = a
        .regions
        .iter()
        .filter_map(|r| {
            let u = a.engine.units.iter().find(|u| u.unit == r.code)?;
            let values = of(&a.values, &r.code);
            let previous = a
                .previous
                .as_ref()
                .and_then(|p| p.units.iter().find(|x| x.unit == r.code))
                .map(|p| qr::Previous {
                    scores: p.scores.clone(),
                    rank: p.rank,
                    values: of(&last, &r.code),
                });
            Some(qr::RegionResult {
                code: r.code.clone(),
                name: r.name.clone(),
                scores: u.scores.clone(),
                rank: u.rank,
                rank_interval: match (u.rank_q05, u.rank_median, u.rank_q95) {
                    (Some(a), Some(b), Some(c)) => Some((a, b, c)),
                    _ => None,
                },
                contributions: u.contributions.clone().unwrap_or_default(),
                values,
                previous,
            })
        })
        .collect();
    Ok(qr::ReportInput {
        year,
        province: "甘肃省".into(),
        generated_on: today,
        framework: qr::FrameworkInfo {
            code: f.code.clone(),
            name: f.name.clone(),
            version: f.revision,
            method: qr::MethodInfo {
                normalisation: f.normalisation.clone(),
                aggregation: f.aggregation.clone(),
                weighting: f.weighting.clone(),
                imputation: f.imputation.clone(),
            },
            nodes,
            indicators,
        },
        regions,
        trend: trend
            .into_iter()
            .map(|t| qr::YearScores {
                year: t.year,
                scores: t.scores,
            })
            .collect(),
        mc: a.engine.mc.as_ref().map(|m| qr::McInfo {
            runs: m.runs,
            seed: m.seed,
            mean_abs_rank_shift: m.mean_abs_rank_shift,
            weight_noise: f.weight_noise,
        }),
        sensitivity: None,
        geojson: GEOJSON.to_owned(),
    })
}

/// The PDF of `input`, rendered on the blocking pool (one per core), reporting progress.
pub async fn pdf(
    input: qr::ReportInput,
    progress: impl FnMut(u8) + Send + 'static,
) -> Result<Vec<u8>> {
    static RENDER: longzhi_store::cpu::PerCore = longzhi_store::cpu::PerCore::new();
    let mut progress = progress;
    RENDER
        .run(move || qr::pdf(&input, &mut progress))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| StoreError::Io(e.to_string()))
}

/// The Excel annex of `input`.
pub fn annex(input: &qr::ReportInput) -> Result<Vec<u8>> {
    qr::annex(input).map_err(|e| StoreError::Io(e.to_string()))
}
