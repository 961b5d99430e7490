//! `/quality/analysis` and `/quality/reports`: the composite index of a year (equal to `longzhi
//! engine index` on the files offered here), its trend, a sensitivity analysis and the yearly
//! report as background jobs, and the report's Excel annex.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel;
use longzhi_server::extract::{Allowed, Json, Query};
use longzhi_store::repo::jobs::{self as job_queue, JobView};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::analysis::{self, Analysis, TrendYear};
use crate::jobs::{self, ReportParams, SensitivityParams};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(analyse))
        .routes(routes!(trend))
        .routes(routes!(data_csv))
        .routes(routes!(sensitivity))
        .routes(routes!(list_reports, create_report))
        .routes(routes!(annex))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct YearQuery {
    framework_id: i64,
    year: i32,
    /// Monte Carlo runs (default: the framework's; 0 for none).
    mc: Option<usize>,
    /// The runs' seed (default 0).
    seed: Option<u64>,
}

/// The composite index of every city with data that year: `engine` is exactly what
/// `longzhi engine index --data data.csv --framework framework.toml --mc <mc_runs> --seed <seed>`
/// prints on the files of `/quality/analysis/data.csv` and `/quality/frameworks/{id}/toml`.
#[utoipa::path(get, path = "/quality/analysis", tag = "quality", params(YearQuery), responses((status = 200, body = Analysis)))]
async fn analyse(
    State(st): State<AppState>,
    _: Allowed<CanAnalysisView>,
    Query(q): Query<YearQuery>,
) -> ApiResult<Json<Analysis>> {
    let a = analysis::analyse(&st.db, q.framework_id, q.year, q.mc, q.seed.unwrap_or(0)).await?;
    Ok(Json(a))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TrendQuery {
    framework_id: i64,
    from: i32,
    to: i32,
}

/// Each year's index and rank of every city (each year computed on its own).
#[utoipa::path(get, path = "/quality/analysis/trend", tag = "quality", params(TrendQuery), responses((status = 200, body = Vec<TrendYear>)))]
async fn trend(
    State(st): State<AppState>,
    _: Allowed<CanAnalysisView>,
    Query(q): Query<TrendQuery>,
) -> ApiResult<Json<Vec<TrendYear>>> {
    Ok(Json(
        analysis::trend(&st.db, q.framework_id, q.from, q.to).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DataQuery {
    framework_id: i64,
    year: i32,
}

/// The engine's data file of a year: a column `unit` (region code), one per indicator.
#[utoipa::path(get, path = "/quality/analysis/data.csv", tag = "quality", params(DataQuery),
    responses((status = 200, description = "The data CSV", content_type = "text/csv")))]
async fn data_csv(
    State(st): State<AppState>,
    _: Allowed<CanAnalysisExport>,
    Query(q): Query<DataQuery>,
) -> ApiResult<Response> {
    let i = analysis::inputs(&st.db, q.framework_id, q.year, 0).await?;
    Ok(excel::attachment(
        i.csv.into_bytes(),
        &format!("quality-{}-{}.csv", i.framework.framework.code, q.year),
        "text/csv; charset=utf-8",
    ))
}

/// Queue a Sobol sensitivity analysis of a year (a background job: follow it at `/jobs/{id}`;
/// its result is the engine's answer with `sensitivity`).
#[utoipa::path(post, path = "/quality/analysis/sensitivity", tag = "quality", request_body = SensitivityParams, responses((status = 202, body = JobView)))]
async fn sensitivity(
    State(st): State<AppState>,
    auth: Allowed<CanAnalysisSensitivity>,
    Json(p): Json<SensitivityParams>,
) -> ApiResult<(StatusCode, Json<JobView>)> {
    let j = jobs::queue_sensitivity(&st.db, auth.principal(), p).await?;
    Ok((StatusCode::ACCEPTED, Json(j)))
}

/// The caller's (and, for the province, everyone's) latest yearly reports, newest first.
#[utoipa::path(get, path = "/quality/reports", tag = "quality", responses((status = 200, body = Vec<JobView>)))]
async fn list_reports(
    State(st): State<AppState>,
    auth: Allowed<CanReportList>,
) -> ApiResult<Json<Vec<JobView>>> {
    Ok(Json(
        job_queue::recent(&st.db, auth.principal(), jobs::REPORT, 50).await?,
    ))
}

/// Queue the yearly quality-status report (PDF) of a year: a background job whose file is the
/// report.
#[utoipa::path(post, path = "/quality/reports", tag = "quality", request_body = ReportParams, responses((status = 202, body = JobView)))]
async fn create_report(
    State(st): State<AppState>,
    auth: Allowed<CanReportCreate>,
    Json(p): Json<ReportParams>,
) -> ApiResult<(StatusCode, Json<JobView>)> {
    let j = jobs::queue_report(&st.db, auth.principal(), p).await?;
    Ok((StatusCode::ACCEPTED, Json(j)))
}

/// The Excel annex of a year's report: every figure of the analysis.
#[utoipa::path(get, path = "/quality/reports/annex", tag = "quality", params(ReportParams),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn annex(
    State(st): State<AppState>,
    _: Allowed<CanAnalysisExport>,
    Query(p): Query<ReportParams>,
) -> ApiResult<Response> {
    let (bytes, name) = jobs::annex(&st.db, p).await?;
    Ok(excel::attachment(bytes, &name, excel::XLSX))
}
