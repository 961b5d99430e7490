//! `/system/users`: accounts in the caller's data scope.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::users::{self, NewUser, UserFilter, UserUpdate, UserView};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Path, Query};
use crate::permissions;

permissions! {
    CanUserList = "system:user:list",
    CanUserCreate = "system:user:create",
    CanUserView = "system:user:view",
    CanUserUpdate = "system:user:update",
    CanUserDelete = "system:user:delete",
    CanUserReset = "system:user:reset",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update, delete))
        .routes(routes!(reset_password))
        .routes(routes!(set_status))
}

/// Users in the caller's scope.
#[utoipa::path(get, path = "/system/users", tag = "system", params(PageQuery, UserFilter), responses((status = 200, body = Page<UserView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanUserList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<UserFilter>,
) -> ApiResult<Json<Page<UserView>>> {
    Ok(Json(users::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Create a user; they must change the initial password at first sign-in.
#[utoipa::path(post, path = "/system/users", tag = "system", request_body = NewUser,
    responses((status = 201, body = UserView), (status = 422, body = crate::i18n::ErrorBody), (status = 409, body = crate::i18n::ErrorBody)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanUserCreate>,
    Json(n): Json<NewUser>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    Ok((
        StatusCode::CREATED,
        Json(users::create(&st.db, auth.principal(), n).await?),
    ))
}

#[utoipa::path(get, path = "/system/users/{id}", tag = "system", params(("id" = i64, Path)),
    responses((status = 200, body = UserView), (status = 404, body = crate::i18n::ErrorBody)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanUserView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(users::get(&st.db, auth.principal(), id).await?))
}

/// Update a user (send back the `version` read); roles beyond the caller's own are kept as they are.
#[utoipa::path(put, path = "/system/users/{id}", tag = "system", params(("id" = i64, Path)), request_body = UserUpdate,
    responses((status = 200, body = UserView), (status = 409, body = crate::i18n::ErrorBody)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanUserUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<UserUpdate>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(users::update(&st.db, auth.principal(), id, u).await?))
}

#[utoipa::path(delete, path = "/system/users/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanUserDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    users::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
struct ResetPassword {
    password: String,
}

/// Set a new initial password (the user must change it; their sessions end).
#[utoipa::path(post, path = "/system/users/{id}/reset-password", tag = "system", params(("id" = i64, Path)), request_body = ResetPassword, responses((status = 204)))]
async fn reset_password(
    State(st): State<AppState>,
    auth: Allowed<CanUserReset>,
    Path(id): Path<i64>,
    Json(r): Json<ResetPassword>,
) -> ApiResult<StatusCode> {
    users::reset_password(&st.db, auth.principal(), id, &r.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
struct StatusChange {
    /// `active` or `disabled`.
    status: String,
    version: i32,
}

/// Enable or disable an account (disabling ends its sessions).
#[utoipa::path(put, path = "/system/users/{id}/status", tag = "system", params(("id" = i64, Path)), request_body = StatusChange, responses((status = 200, body = UserView)))]
async fn set_status(
    State(st): State<AppState>,
    auth: Allowed<CanUserUpdate>,
    Path(id): Path<i64>,
    Json(s): Json<StatusChange>,
) -> ApiResult<Json<UserView>> {
    Ok(Json(
        users::set_status(&st.db, auth.principal(), id, &s.status, s.version).await?,
    ))
}
