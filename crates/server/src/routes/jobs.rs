//! `/jobs/{id}`: a background job the caller asked for (or may see): its progress and result.

use axum::extract::State;
use longzhi_store::repo::jobs::{self, JobView};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Auth, Json, Path};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get))
}

#[utoipa::path(get, path = "/jobs/{id}", tag = "jobs", params(("id" = i64, Path)), responses((status = 200, body = JobView)))]
async fn get(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Json<JobView>> {
    Ok(Json(jobs::get(&st.db, auth.principal(), id).await?))
}
