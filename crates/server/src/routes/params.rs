//! `/system/params`: run-time settings.

use axum::extract::State;
use longzhi_store::repo::params::{self, ParamUpdate, ParamView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Json, Path};
use crate::permissions;

permissions! {
    CanParamList = "system:param:list",
    CanParamUpdate = "system:param:update",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(update))
}

#[utoipa::path(get, path = "/system/params", tag = "system", responses((status = 200, body = Vec<ParamView>)))]
async fn list(
    State(st): State<AppState>,
    _: Allowed<CanParamList>,
) -> ApiResult<Json<Vec<ParamView>>> {
    Ok(Json(params::list(&st.db).await?))
}

/// Change a parameter's value (checked against its type and bounds).
#[utoipa::path(put, path = "/system/params/{key}", tag = "system", params(("key" = String, Path)), request_body = ParamUpdate, responses((status = 200, body = ParamView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanParamUpdate>,
    Path(key): Path<String>,
    Json(u): Json<ParamUpdate>,
) -> ApiResult<Json<ParamView>> {
    Ok(Json(
        params::update(&st.db, auth.principal(), &key, u).await?,
    ))
}
