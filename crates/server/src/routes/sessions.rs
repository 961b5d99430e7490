//! `/system/sessions`: online sessions in the caller's scope, and forced logout.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::auth::{self, SessionFilter, SessionView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Path, Query};
use crate::permissions;

permissions! {
    CanSessionList = "system:session:list",
    CanSessionForceLogout = "system:session:force-logout",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(online))
        .routes(routes!(force_logout))
}

#[utoipa::path(get, path = "/system/sessions", tag = "system", params(PageQuery, SessionFilter), responses((status = 200, body = Page<SessionView>)))]
async fn online(
    State(st): State<AppState>,
    auth: Allowed<CanSessionList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<SessionFilter>,
) -> ApiResult<Json<Page<SessionView>>> {
    Ok(Json(auth::online(&st.db, &auth.0, &f, &q).await?))
}

/// End someone's session now.
#[utoipa::path(delete, path = "/system/sessions/{id}", tag = "system", params(("id" = String, Path)), responses((status = 204)))]
async fn force_logout(
    State(st): State<AppState>,
    auth: Allowed<CanSessionForceLogout>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth::force_logout(&st.db, &auth.0, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
