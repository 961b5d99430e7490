//! `/recall/warnings`: safety warnings, accident investigations and guidance notices.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::recalls::VersionInput;
use crate::warnings::{
    self, WarningDetail, WarningFilter, WarningInput, WarningReview, WarningView,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(submit))
        .routes(routes!(review))
        .routes(routes!(publish))
}

#[utoipa::path(get, path = "/recall/warnings", tag = "recall", params(PageQuery, WarningFilter), responses((status = 200, body = Page<WarningView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanWarningList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<WarningFilter>,
) -> ApiResult<Json<Page<WarningView>>> {
    Ok(Json(
        warnings::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

#[utoipa::path(post, path = "/recall/warnings", tag = "recall", request_body = WarningInput, responses((status = 201, body = WarningView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanWarningCreate>,
    Json(i): Json<WarningInput>,
) -> ApiResult<(StatusCode, Json<WarningView>)> {
    Ok((
        StatusCode::CREATED,
        Json(warnings::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/warnings/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = WarningDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanWarningView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<WarningDetail>> {
    Ok(Json(warnings::detail(&st.db, auth.principal(), id).await?))
}

/// Edit a draft.
#[utoipa::path(put, path = "/recall/warnings/{id}", tag = "recall", params(("id" = i64, Path)), request_body = WarningInput, responses((status = 200, body = WarningView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanWarningUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<WarningInput>,
) -> ApiResult<Json<WarningView>> {
    Ok(Json(
        warnings::update(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// Submit a draft for review.
    submit, "/recall/warnings/{id}/submit", CanWarningUpdate, VersionInput, WarningView, warnings::submit
);
step!(
    /// Approve or send back (with a note); never one's own draft.
    review, "/recall/warnings/{id}/review", CanWarningReview, WarningReview, WarningView, warnings::review
);
step!(
    /// Publish an approved warning (guidance: to the region's enterprises).
    publish, "/recall/warnings/{id}/publish", CanWarningPublish, VersionInput, WarningView, warnings::publish
);
