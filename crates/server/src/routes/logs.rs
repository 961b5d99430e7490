//! `/system/audit-logs` and `/system/login-logs`, in the caller's data scope.

use axum::extract::State;
use axum::response::Response;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::logs::{self, AuditFilter, AuditView, LoginLogFilter, LoginLogView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::excel::{self, Col, Labels, col};
use crate::extract::{Allowed, Json, Query, SortQuery};
use crate::i18n::Lang;
use crate::permissions;

permissions! {
    CanAuditList = "system:audit:list",
    CanLoginLogList = "system:login-log:list",
    CanAuditExport = "system:audit:export",
    CanLoginLogExport = "system:login-log:export",
}

const AUDIT: [Col; 7] = [
    col("at", "时间", "Time", 20.0),
    col("actor_name", "操作人", "Actor", 14.0),
    col("entity", "对象", "Entity", 12.0),
    col("entity_id", "编号", "Id", 10.0),
    col("action", "操作", "Action", 14.0),
    col("before", "修改前", "Before", 50.0),
    col("after", "修改后", "After", 50.0),
];

const LOGINS: [Col; 6] = [
    col("at", "时间", "Time", 20.0),
    col("username", "用户名", "User name", 16.0),
    col("success", "成功", "Success", 8.0),
    col("reason", "结果", "Result", 20.0).labelled("login_reason"),
    col("ip", "IP 地址", "IP address", 18.0),
    col("user_agent", "浏览器", "User agent", 50.0),
];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(audit))
        .routes(routes!(logins))
        .routes(routes!(audit_export))
        .routes(routes!(logins_export))
}

/// Who changed what and when, with the fields before and after.
#[utoipa::path(get, path = "/system/audit-logs", tag = "system", params(PageQuery, AuditFilter), responses((status = 200, body = Page<AuditView>)))]
async fn audit(
    State(st): State<AppState>,
    auth: Allowed<CanAuditList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<AuditFilter>,
) -> ApiResult<Json<Page<AuditView>>> {
    Ok(Json(logs::audit(&st.db, auth.principal(), &f, &q).await?))
}

/// Sign-ins, failed sign-ins, lock-outs and sign-outs.
#[utoipa::path(get, path = "/system/login-logs", tag = "system", params(PageQuery, LoginLogFilter), responses((status = 200, body = Page<LoginLogView>)))]
async fn logins(
    State(st): State<AppState>,
    auth: Allowed<CanLoginLogList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<LoginLogFilter>,
) -> ApiResult<Json<Page<LoginLogView>>> {
    Ok(Json(logs::logins(&st.db, auth.principal(), &f, &q).await?))
}

/// The audit entries of the current filter as an Excel file.
#[utoipa::path(get, path = "/system/audit-logs/export", tag = "system", params(SortQuery, AuditFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn audit_export(
    State(st): State<AppState>,
    auth: Allowed<CanAuditExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<AuditFilter>,
) -> ApiResult<Response> {
    let page = logs::audit(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    excel::export(
        lang,
        ("操作日志", "Audit log"),
        &AUDIT,
        &Labels::load(&st.db, &AUDIT).await?,
        &page.items,
    )
}

/// The sign-ins of the current filter as an Excel file.
#[utoipa::path(get, path = "/system/login-logs/export", tag = "system", params(SortQuery, LoginLogFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn logins_export(
    State(st): State<AppState>,
    auth: Allowed<CanLoginLogExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<LoginLogFilter>,
) -> ApiResult<Response> {
    let page = logs::logins(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    excel::export(
        lang,
        ("登录日志", "Login log"),
        &LOGINS,
        &Labels::load(&st.db, &LOGINS).await?,
        &page.items,
    )
}
