//! `/system/orgs`: organisations in the caller's data scope, as a list or a tree.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::orgs::{self, NewOrg, OrgFilter, OrgNode, OrgUpdate, OrgView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Path, Query};
use crate::permissions;

permissions! {
    CanOrgList = "system:org:list",
    CanOrgCreate = "system:org:create",
    CanOrgView = "system:org:view",
    CanOrgUpdate = "system:org:update",
    CanOrgDelete = "system:org:delete",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(tree))
        .routes(routes!(get, update, delete))
}

#[utoipa::path(get, path = "/system/orgs", tag = "system", params(PageQuery, OrgFilter), responses((status = 200, body = Page<OrgView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanOrgList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<OrgFilter>,
) -> ApiResult<Json<Page<OrgView>>> {
    Ok(Json(orgs::list(&st.db, auth.principal(), &f, &q).await?))
}

#[utoipa::path(get, path = "/system/orgs/tree", tag = "system", params(OrgFilter), responses((status = 200, body = Vec<OrgNode>)))]
async fn tree(
    State(st): State<AppState>,
    auth: Allowed<CanOrgList>,
    Query(f): Query<OrgFilter>,
) -> ApiResult<Json<Vec<OrgNode>>> {
    Ok(Json(orgs::tree(&st.db, auth.principal(), &f).await?))
}

/// Create an organisation in a region of the caller's scope (enterprises and institutions need a
/// valid 统一社会信用代码).
#[utoipa::path(post, path = "/system/orgs", tag = "system", request_body = NewOrg, responses((status = 201, body = OrgView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanOrgCreate>,
    Json(n): Json<NewOrg>,
) -> ApiResult<(StatusCode, Json<OrgView>)> {
    Ok((
        StatusCode::CREATED,
        Json(orgs::create(&st.db, auth.principal(), n).await?),
    ))
}

#[utoipa::path(get, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 200, body = OrgView)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanOrgView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<OrgView>> {
    Ok(Json(orgs::get(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), request_body = OrgUpdate, responses((status = 200, body = OrgView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanOrgUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<OrgUpdate>,
) -> ApiResult<Json<OrgView>> {
    Ok(Json(orgs::update(&st.db, auth.principal(), id, u).await?))
}

#[utoipa::path(delete, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanOrgDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    orgs::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
