//! `/system/dicts` (administration) and `/dicts/{type}` (labels for every signed-in user).

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::dicts::{
    self, DictFilter, DictItemInput, DictItemView, DictTypeInput, DictTypeView,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Auth, Json, Path, Query};
use crate::permissions;

permissions! {
    CanDictList = "system:dict:list",
    CanDictCreate = "system:dict:create",
    CanDictUpdate = "system:dict:update",
    CanDictDelete = "system:dict:delete",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_types, create_type))
        .routes(routes!(update_type, delete_type))
        .routes(routes!(list_items, create_item))
        .routes(routes!(update_item, delete_item))
        .routes(routes!(labels))
}

#[utoipa::path(get, path = "/system/dicts", tag = "system", params(PageQuery, DictFilter), responses((status = 200, body = Page<DictTypeView>)))]
async fn list_types(
    State(st): State<AppState>,
    _: Allowed<CanDictList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<DictFilter>,
) -> ApiResult<Json<Page<DictTypeView>>> {
    Ok(Json(dicts::list_types(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/system/dicts", tag = "system", request_body = DictTypeInput, responses((status = 201, body = DictTypeView)))]
async fn create_type(
    State(st): State<AppState>,
    auth: Allowed<CanDictCreate>,
    Json(i): Json<DictTypeInput>,
) -> ApiResult<(StatusCode, Json<DictTypeView>)> {
    Ok((
        StatusCode::CREATED,
        Json(dicts::create_type(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(put, path = "/system/dicts/{id}", tag = "system", params(("id" = i64, Path)), request_body = DictTypeInput, responses((status = 200, body = DictTypeView)))]
async fn update_type(
    State(st): State<AppState>,
    auth: Allowed<CanDictUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<DictTypeInput>,
) -> ApiResult<Json<DictTypeView>> {
    Ok(Json(
        dicts::update_type(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/system/dicts/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_type(
    State(st): State<AppState>,
    auth: Allowed<CanDictDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    dicts::delete_type(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// All items of a dictionary type, switched-off ones included.
#[utoipa::path(get, path = "/system/dicts/{type}/items", tag = "system", params(("type" = String, Path)), responses((status = 200, body = Vec<DictItemView>)))]
async fn list_items(
    State(st): State<AppState>,
    _: Allowed<CanDictList>,
    Path(t): Path<String>,
) -> ApiResult<Json<Vec<DictItemView>>> {
    Ok(Json(dicts::items(&st.db, &t, false).await?))
}

#[utoipa::path(post, path = "/system/dicts/{type}/items", tag = "system", params(("type" = String, Path)), request_body = DictItemInput, responses((status = 201, body = DictItemView)))]
async fn create_item(
    State(st): State<AppState>,
    auth: Allowed<CanDictCreate>,
    Path(t): Path<String>,
    Json(i): Json<DictItemInput>,
) -> ApiResult<(StatusCode, Json<DictItemView>)> {
    Ok((
        StatusCode::CREATED,
        Json(dicts::create_item(&st.db, auth.principal(), &t, i).await?),
    ))
}

#[utoipa::path(put, path = "/system/dict-items/{id}", tag = "system", params(("id" = i64, Path)), request_body = DictItemInput, responses((status = 200, body = DictItemView)))]
async fn update_item(
    State(st): State<AppState>,
    auth: Allowed<CanDictUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<DictItemInput>,
) -> ApiResult<Json<DictItemView>> {
    Ok(Json(
        dicts::update_item(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/system/dict-items/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_item(
    State(st): State<AppState>,
    auth: Allowed<CanDictDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    dicts::delete_item(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The active items of a dictionary, for forms and labels.
#[utoipa::path(get, path = "/dicts/{type}", tag = "system", params(("type" = String, Path)), responses((status = 200, body = Vec<DictItemView>)))]
async fn labels(
    State(st): State<AppState>,
    _auth: Auth,
    Path(t): Path<String>,
) -> ApiResult<Json<Vec<DictItemView>>> {
    Ok(Json(dicts::items(&st.db, &t, true).await?))
}
