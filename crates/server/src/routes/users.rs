//! `/system/users`: accounts in the caller's data scope.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::roles::{self, RoleView};
use longzhi_store::repo::users::{self, NewUser, UserFilter, UserImport, UserUpdate, UserView};
use serde::Deserialize;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::excel::{self, Col, ImportResult, Labels, col, input};
use crate::extract::{Allowed, Json, Path, Query, SortQuery};
use crate::i18n::Lang;
use crate::permissions;

permissions! {
    CanUserList = "system:user:list",
    CanUserCreate = "system:user:create",
    CanUserView = "system:user:view",
    CanUserUpdate = "system:user:update",
    CanUserDelete = "system:user:delete",
    CanUserReset = "system:user:reset",
    CanUserExport = "system:user:export",
    CanUserImport = "system:user:import",
}

const SHEET: (&str, &str) = ("用户", "Users");

const EXPORT: [Col; 10] = [
    col("username", "用户名", "User name", 16.0),
    col("display_name", "姓名", "Name", 16.0),
    col("org_name", "所属组织", "Organisation", 28.0),
    col("region_name", "区域", "Region", 12.0),
    col("roles", "角色", "Roles", 24.0),
    col("status", "状态", "Status", 8.0).labelled("status"),
    col("email", "电子邮箱", "E-mail", 22.0),
    col("phone", "电话", "Phone", 16.0),
    col("last_login_at", "最近登录", "Last sign-in", 20.0),
    col("created_at", "创建时间", "Created", 20.0),
];

const IMPORT: [Col; 7] = [
    input(
        "username",
        "用户名",
        "User name",
        true,
        "3–32 位字母、数字、_ . -,以字母开头",
        "3–32 letters, digits, _ . -, starting with a letter",
    ),
    input(
        "display_name",
        "姓名",
        "Name",
        true,
        "不超过 64 字",
        "at most 64 characters",
    ),
    input(
        "password",
        "初始密码",
        "Initial password",
        true,
        "至少 10 位,含大写、小写、数字、符号中的 3 类;首次登录须修改",
        "at least 10 characters from 3 of upper case, lower case, digits, symbols; changed at first sign-in",
    ),
    input(
        "org_code",
        "组织编码",
        "Organisation code",
        true,
        "组织机构页面中的编码,如 620500-bureau",
        "the code on the organisations page, e.g. 620500-bureau",
    ),
    input(
        "role_codes",
        "角色编码",
        "Role codes",
        false,
        "多个用逗号分隔,如 city_staff",
        "several separated by commas, e.g. city_staff",
    ),
    input("email", "电子邮箱", "E-mail", false, "", ""),
    input("phone", "电话", "Phone", false, "", ""),
];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(assignable_roles))
        .routes(routes!(get, update, delete))
        .routes(routes!(reset_password))
        .routes(routes!(set_status))
        .routes(routes!(export))
        .routes(routes!(import_template))
        .routes(routes!(import).layer(DefaultBodyLimit::disable()))
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

/// The roles the caller may give: the choices of the user forms and filters.
#[utoipa::path(get, path = "/system/users/assignable-roles", tag = "system",
    responses((status = 200, body = Vec<RoleView>), (status = 401, body = crate::i18n::ErrorBody), (status = 403, body = crate::i18n::ErrorBody)))]
async fn assignable_roles(
    State(st): State<AppState>,
    auth: Allowed<CanUserList>,
) -> ApiResult<Json<Vec<RoleView>>> {
    Ok(Json(roles::assignable_by(&st.db, auth.principal()).await?))
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

/// The users of the current filter as an Excel file.
#[utoipa::path(get, path = "/system/users/export", tag = "system", params(SortQuery, UserFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanUserExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<UserFilter>,
) -> ApiResult<Response> {
    let page = users::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    excel::export(
        lang,
        SHEET,
        &EXPORT,
        &Labels::load(&st.db, &EXPORT).await?,
        &page.items,
    )
}

/// The Excel template of a user import, with notes on every column.
#[utoipa::path(get, path = "/system/users/import-template", tag = "system",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanUserImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &IMPORT)
}

/// Create the users of an Excel file (multipart field `file`): all rows, or none and every row
/// error.
#[utoipa::path(post, path = "/system/users/import", tag = "system", request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = crate::i18n::ErrorBody), (status = 415, body = crate::i18n::ErrorBody), (status = 422, body = crate::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanUserImport>,
    lang: Lang,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &IMPORT, &Labels::load(&st.db, &IMPORT).await?)
        .await?
        .into_iter()
        .map(|r| {
            let u = UserImport {
                username: r.get("username"),
                display_name: r.get("display_name"),
                password: r.get("password"),
                org_code: r.get("org_code"),
                role_codes: r.get("role_codes"),
                email: r.optional("email"),
                phone: r.optional("phone"),
            };
            (r.number, u)
        })
        .collect();
    Ok(Json(ImportResult::new(
        users::import(&st.db, auth.principal(), rows).await?,
        lang,
    )))
}
