//! `/public/recalls` and `/public/warnings`: the portal's JSON API, without login — paged,
//! filterable, readable from any origin and cacheable with an ETag.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Path, Query};
use longzhi_server::public::cached_json;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::portal::{self, PublicRecall, PublicRecallFilter, PublicWarning, PublicWarningFilter};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(recalls))
        .routes(routes!(recall))
        .routes(routes!(warnings))
        .routes(routes!(warning))
}

/// Published recalls, newest first.
#[utoipa::path(get, path = "/public/recalls", tag = "recall", params(PageQuery, PublicRecallFilter),
    responses((status = 200, body = Page<PublicRecall>), (status = 304, description = "Not modified (If-None-Match)")))]
async fn recalls(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Query(f): Query<PublicRecallFilter>,
) -> ApiResult<Response> {
    Ok(cached_json(
        &headers,
        &portal::recalls(&st.db, &f, &q).await?,
    ))
}

/// One published recall by its number (`RC-2026-0001`).
#[utoipa::path(get, path = "/public/recalls/{code}", tag = "recall", params(("code" = String, Path)),
    responses((status = 200, body = PublicRecall), (status = 304, description = "Not modified")))]
async fn recall(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    Ok(cached_json(&headers, &portal::recall(&st.db, &code).await?))
}

/// Published safety warnings, consumer tips and accident-investigation summaries.
#[utoipa::path(get, path = "/public/warnings", tag = "recall", params(PageQuery, PublicWarningFilter),
    responses((status = 200, body = Page<PublicWarning>), (status = 304, description = "Not modified")))]
async fn warnings(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Query(f): Query<PublicWarningFilter>,
) -> ApiResult<Response> {
    Ok(cached_json(
        &headers,
        &portal::warnings(&st.db, &f, &q).await?,
    ))
}

#[utoipa::path(get, path = "/public/warnings/{id}", tag = "recall", params(("id" = i64, Path)),
    responses((status = 200, body = PublicWarning), (status = 304, description = "Not modified")))]
async fn warning(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    Ok(cached_json(&headers, &portal::warning(&st.db, id).await?))
}
