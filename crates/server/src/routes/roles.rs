//! `/system/roles` and the permission catalogue.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_domain::catalogue::{PermissionGroup, catalogue};
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::roles::{self, RoleFilter, RoleInput, RoleView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Path, Query};
use crate::permissions;

permissions! {
    CanRoleList = "system:role:list",
    CanRoleCreate = "system:role:create",
    CanRoleView = "system:role:view",
    CanRoleUpdate = "system:role:update",
    CanRoleDelete = "system:role:delete",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update, delete))
        .routes(routes!(permissions))
}

#[utoipa::path(get, path = "/system/roles", tag = "system", params(PageQuery, RoleFilter), responses((status = 200, body = Page<RoleView>)))]
async fn list(
    State(st): State<AppState>,
    _: Allowed<CanRoleList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RoleFilter>,
) -> ApiResult<Json<Page<RoleView>>> {
    Ok(Json(roles::list(&st.db, &f, &q).await?))
}

/// Create a role; it may grant only what the caller holds, with a scope no wider than theirs.
#[utoipa::path(post, path = "/system/roles", tag = "system", request_body = RoleInput, responses((status = 201, body = RoleView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanRoleCreate>,
    Json(r): Json<RoleInput>,
) -> ApiResult<(StatusCode, Json<RoleView>)> {
    Ok((
        StatusCode::CREATED,
        Json(roles::create(&st.db, auth.principal(), r).await?),
    ))
}

#[utoipa::path(get, path = "/system/roles/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 200, body = RoleView)))]
async fn get(
    State(st): State<AppState>,
    _: Allowed<CanRoleView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RoleView>> {
    Ok(Json(roles::get(&st.db, id).await?.into()))
}

#[utoipa::path(put, path = "/system/roles/{id}", tag = "system", params(("id" = i64, Path)), request_body = RoleInput, responses((status = 200, body = RoleView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanRoleUpdate>,
    Path(id): Path<i64>,
    Json(r): Json<RoleInput>,
) -> ApiResult<Json<RoleView>> {
    Ok(Json(roles::update(&st.db, auth.principal(), id, r).await?))
}

#[utoipa::path(delete, path = "/system/roles/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanRoleDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    roles::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every permission the platform checks, grouped, with Chinese and English labels.
#[utoipa::path(get, path = "/system/permissions", tag = "system", responses((status = 200, body = Vec<PermissionGroup>)))]
async fn permissions(_: Allowed<CanRoleList>) -> ApiResult<Json<Vec<PermissionGroup>>> {
    Ok(Json(catalogue()))
}
