//! The module's background jobs (the platform's queue, `longzhi_store::repo::jobs`): the yearly
//! report and a sensitivity analysis, both too slow for a request. And its daily job: the
//! reminders of submissions due or overdue.

use chrono::NaiveDate;
use longzhi_domain::{FieldError, Rule};
use longzhi_server::jobs::{JobContext, JobKind, wake};
use longzhi_server::module::BoxFuture;
use longzhi_store::repo::jobs::{self, JobView, Output, OutputFile};
use longzhi_store::scope::Principal;
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use serde::{Deserialize, Serialize};

use crate::analysis;
use crate::frameworks::MAX_MC_RUNS;
use crate::report;

pub const REPORT: &str = "quality_report";
pub const SENSITIVITY: &str = "quality_sensitivity";
/// Base rows of a Saltelli design the console may ask for.
pub const MAX_SOBOL: usize = 4096;

pub const KINDS: &[JobKind] = &[
    JobKind {
        kind: REPORT,
        run: run_report,
    },
    JobKind {
        kind: SENSITIVITY,
        run: run_sensitivity,
    },
];

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    pub year: i32,
    /// The framework (default: that of the year's round).
    pub framework_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SensitivityParams {
    pub framework_id: i64,
    pub year: i32,
    /// Monte Carlo runs of the rank intervals.
    pub runs: usize,
    /// Base rows N of the Saltelli design: N·(k + 2) runs for k uncertain inputs.
    pub sobol: usize,
    #[serde(default)]
    pub seed: u64,
}

async fn resolve(db: &DatabaseConnection, p: &ReportParams) -> Result<ReportParams> {
    let framework_id = match p.framework_id {
        Some(id) => {
            crate::frameworks::load(db, id)
                .await
                .map_err(|_| StoreError::from(FieldError::new("framework_id", Rule::Exists)))?;
            id
        }
        None => report::framework_of_year(db, p.year).await?,
    };
    Ok(ReportParams {
        year: p.year,
        framework_id: Some(framework_id),
    })
}

/// Queues a report after checking there is something to report on (so the asker hears of a
/// year without data at once, not from a failed job).
pub async fn queue_report(
    db: &DatabaseConnection,
    p: &Principal,
    params: ReportParams,
) -> Result<JobView> {
    let params = resolve(db, &params).await?;
    let i = analysis::inputs(db, params.framework_id.unwrap_or_default(), params.year, 0).await?;
    if i.units.len() < 2 {
        return Err(FieldError::new("year", Rule::Exists)
            .with("value", params.year)
            .into());
    }
    let j = jobs::enqueue(
        db,
        p,
        REPORT,
        &serde_json::to_value(&params).unwrap_or_default(),
    )
    .await?;
    wake();
    Ok(j)
}

pub async fn queue_sensitivity(
    db: &DatabaseConnection,
    p: &Principal,
    params: SensitivityParams,
) -> Result<JobView> {
    if params.runs > MAX_MC_RUNS as usize {
        return Err(FieldError::new("runs", Rule::Range)
            .with("min", 0)
            .with("max", MAX_MC_RUNS)
            .into());
    }
    if !(1..=MAX_SOBOL).contains(&params.sobol) {
        return Err(FieldError::new("sobol", Rule::Range)
            .with("min", 1)
            .with("max", MAX_SOBOL)
            .into());
    }
    crate::frameworks::load(db, params.framework_id)
        .await
        .map_err(|_| StoreError::from(FieldError::new("framework_id", Rule::Exists)))?;
    let j = jobs::enqueue(
        db,
        p,
        SENSITIVITY,
        &serde_json::to_value(&params).unwrap_or_default(),
    )
    .await?;
    wake();
    Ok(j)
}

fn params<T: for<'de> Deserialize<'de>>(ctx: &JobContext<'_>) -> std::result::Result<T, String> {
    serde_json::from_str(&ctx.job.params).map_err(|e| format!("bad parameters: {e}"))
}

fn run_report(ctx: JobContext<'_>) -> BoxFuture<'_, std::result::Result<Output, String>> {
    Box::pin(async move {
        let p: ReportParams = params(&ctx)?;
        let framework_id = p.framework_id.ok_or("no framework")?;
        ctx.progress.set(5, "analysis");
        let input = report::input(ctx.db, framework_id, p.year, today())
            .await
            .map_err(|e| e.to_string())?;
        let progress = ctx.progress.clone();
        let bytes = report::pdf(input, move |pct| {
            progress.set(10 + i32::from(pct) * 9 / 10, "typesetting");
        })
        .await
        .map_err(|e| e.to_string())?;
        Ok(Output {
            result: Some(serde_json::json!({"year": p.year, "framework_id": framework_id})),
            file: Some(OutputFile {
                name: format!("{}年甘肃省质量状况分析报告.pdf", p.year),
                mime: "application/pdf",
                bytes,
            }),
        })
    })
}

fn run_sensitivity(ctx: JobContext<'_>) -> BoxFuture<'_, std::result::Result<Output, String>> {
    Box::pin(async move {
        let p: SensitivityParams = params(&ctx)?;
        ctx.progress.set(5, "inputs");
        let i = analysis::inputs(ctx.db, p.framework_id, p.year, p.sobol)
            .await
            .map_err(|e| e.to_string())?;
        ctx.progress.set(10, "sobol");
        let out = analysis::run_engine(i.csv, i.toml, Some(p.runs.max(1)), p.seed)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Output {
            result: Some(serde_json::to_value(out).map_err(|e| e.to_string())?),
            file: None,
        })
    })
}

/// The report's Excel annex (fast enough for a request) and its file name.
pub async fn annex(db: &DatabaseConnection, p: ReportParams) -> Result<(Vec<u8>, String)> {
    let p = resolve(db, &p).await?;
    let input = report::input(db, p.framework_id.unwrap_or_default(), p.year, today()).await?;
    let bytes = report::annex(&input)?;
    Ok((
        bytes,
        format!("{}年甘肃省质量状况分析报告-附表.xlsx", p.year),
    ))
}

/// The daily reminders, once per day across servers (lease `quality-daily:<day>`).
pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    day: NaiveDate,
) -> Result<Option<usize>> {
    let lease = format!("quality-daily:{day}");
    let now = chrono::Utc::now();
    if !longzhi_store::lease::try_acquire(db, &lease, holder, now, chrono::Duration::hours(23))
        .await?
    {
        return Ok(None);
    }
    Ok(Some(crate::rounds::remind(db, day).await?))
}
