//! `/quality/actions`: quality-improvement actions, their progress reports and indicators.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::actions::{
    self, ActionDetail, ActionFilter, ActionInput, ActionReportInput, ActionReportView, ActionView,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(report))
}

#[utoipa::path(get, path = "/quality/actions", tag = "quality", params(PageQuery, ActionFilter), responses((status = 200, body = Page<ActionView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanActionList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ActionFilter>,
) -> ApiResult<Json<Page<ActionView>>> {
    Ok(Json(actions::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Start an improvement action for an industry or a region in the caller's scope.
#[utoipa::path(post, path = "/quality/actions", tag = "quality", request_body = ActionInput, responses((status = 201, body = ActionView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanActionCreate>,
    Json(i): Json<ActionInput>,
) -> ApiResult<(StatusCode, Json<ActionView>)> {
    let a = actions::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// An action with its reports and its indicators' published values over the years.
#[utoipa::path(get, path = "/quality/actions/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = ActionDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanActionView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ActionDetail>> {
    Ok(Json(actions::detail(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/quality/actions/{id}", tag = "quality", params(("id" = i64, Path)), request_body = ActionInput, responses((status = 200, body = ActionView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanActionUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<ActionInput>,
) -> ApiResult<Json<ActionView>> {
    Ok(Json(
        actions::update(&st.db, auth.principal(), id, i).await?,
    ))
}

/// Report progress on an action; 100 % completes it.
#[utoipa::path(post, path = "/quality/actions/{id}/reports", tag = "quality", params(("id" = i64, Path)), request_body = ActionReportInput, responses((status = 201, body = ActionReportView)))]
async fn report(
    State(st): State<AppState>,
    auth: Allowed<CanActionReport>,
    Path(id): Path<i64>,
    Json(r): Json<ActionReportInput>,
) -> ApiResult<(StatusCode, Json<ActionReportView>)> {
    let v = actions::report(&st.db, auth.principal(), id, r).await?;
    Ok((StatusCode::CREATED, Json(v)))
}
