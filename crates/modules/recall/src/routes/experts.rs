//! `/recall/experts`: the expert pool with declared conflicts of interest.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::experts::{self, ExpertFilter, ExpertInput, ExpertView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
}

#[utoipa::path(get, path = "/recall/experts", tag = "recall", params(PageQuery, ExpertFilter), responses((status = 200, body = Page<ExpertView>)))]
async fn list(
    State(st): State<AppState>,
    _: Allowed<CanExpertList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ExpertFilter>,
) -> ApiResult<Json<Page<ExpertView>>> {
    Ok(Json(experts::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/recall/experts", tag = "recall", request_body = ExpertInput, responses((status = 201, body = ExpertView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanExpertCreate>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<(StatusCode, Json<ExpertView>)> {
    Ok((
        StatusCode::CREATED,
        Json(experts::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/experts/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = ExpertView)))]
async fn get(
    State(st): State<AppState>,
    _: Allowed<CanExpertView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExpertView>> {
    Ok(Json(experts::get(&st.db, id).await?))
}

#[utoipa::path(put, path = "/recall/experts/{id}", tag = "recall", params(("id" = i64, Path)), request_body = ExpertInput, responses((status = 200, body = ExpertView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanExpertUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<Json<ExpertView>> {
    Ok(Json(
        experts::update(&st.db, auth.principal(), id, i).await?,
    ))
}
