//! `/dashboard`: figures for the home page.

use axum::extract::State;
use longzhi_store::repo::dashboard::{self, Metric, RegionValue};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Auth, Json, Query};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(regions))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct MetricQuery {
    metric: Metric,
}

/// One value per city-level region the caller can see.
#[utoipa::path(get, path = "/dashboard/regions", tag = "dashboard", params(MetricQuery), responses((status = 200, body = Vec<RegionValue>)))]
async fn regions(
    State(st): State<AppState>,
    auth: Auth,
    Query(m): Query<MetricQuery>,
) -> ApiResult<Json<Vec<RegionValue>>> {
    Ok(Json(
        dashboard::by_city(&st.db, auth.principal(), m.metric).await?,
    ))
}
