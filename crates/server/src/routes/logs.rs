//! `/system/audit-logs` and `/system/login-logs`, in the caller's data scope.

use axum::extract::State;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::logs::{self, AuditFilter, AuditView, LoginLogFilter, LoginLogView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Query};
use crate::permissions;

permissions! {
    CanAuditList = "system:audit:list",
    CanLoginLogList = "system:login-log:list",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(audit))
        .routes(routes!(logins))
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
