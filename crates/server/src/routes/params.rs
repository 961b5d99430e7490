//! `/system/params`: run-time settings.

use axum::extract::State;
use longzhi_store::repo::params::{self, ParamUpdate, ParamView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Auth, Json, Path};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(update))
}

#[utoipa::path(get, path = "/system/params", tag = "system", responses((status = 200, body = Vec<ParamView>)))]
async fn list(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<ParamView>>> {
    auth.require("system:param:list")?;
    Ok(Json(params::list(&st.db).await?))
}

/// Change a parameter's value (checked against its type and bounds).
#[utoipa::path(put, path = "/system/params/{key}", tag = "system", params(("key" = String, Path)), request_body = ParamUpdate, responses((status = 200, body = ParamView)))]
async fn update(
    State(st): State<AppState>,
    auth: Auth,
    Path(key): Path<String>,
    Json(u): Json<ParamUpdate>,
) -> ApiResult<Json<ParamView>> {
    Ok(Json(
        params::update(&st.db, auth.require("system:param:update")?, &key, u).await?,
    ))
}
