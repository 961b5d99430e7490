//! `/injury/points`: monitoring points and their design per year.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::points::{
    self, MonitoringPoint, MonitoringPointDetail, MonitoringPointInput, PeriodInput, PeriodView,
    PointFilter,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(set_period))
}

#[utoipa::path(get, path = "/injury/points", tag = "injury", params(PageQuery, PointFilter), responses((status = 200, body = Page<MonitoringPoint>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanPointList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<PointFilter>,
) -> ApiResult<Json<Page<MonitoringPoint>>> {
    Ok(Json(points::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Register a monitoring point: its organisation's users become its staff.
#[utoipa::path(post, path = "/injury/points", tag = "injury", request_body = MonitoringPointInput, responses((status = 201, body = MonitoringPoint)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanPointCreate>,
    Json(i): Json<MonitoringPointInput>,
) -> ApiResult<(StatusCode, Json<MonitoringPoint>)> {
    let v = points::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

#[utoipa::path(get, path = "/injury/points/{id}", tag = "injury", params(("id" = i64, Path)), responses((status = 200, body = MonitoringPointDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanPointView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<MonitoringPointDetail>> {
    Ok(Json(points::detail(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/injury/points/{id}", tag = "injury", params(("id" = i64, Path)), request_body = MonitoringPointInput, responses((status = 200, body = MonitoringPoint)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanPointUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<MonitoringPointInput>,
) -> ApiResult<Json<MonitoringPoint>> {
    Ok(Json(points::update(&st.db, auth.principal(), id, i).await?))
}

/// Set the point's stratum, PSU and weight for a year.
#[utoipa::path(put, path = "/injury/points/{id}/periods", tag = "injury", params(("id" = i64, Path)), request_body = PeriodInput, responses((status = 200, body = PeriodView)))]
async fn set_period(
    State(st): State<AppState>,
    auth: Allowed<CanPointUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<PeriodInput>,
) -> ApiResult<Json<PeriodView>> {
    Ok(Json(
        points::set_period(&st.db, auth.principal(), id, i).await?,
    ))
}
