//! `/dashboard`: figures for the home page.

use axum::extract::State;
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_store::repo::dashboard::{self, RegionValue};
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
    #[param(value_type = String)]
    metric: String,
}

/// One value per city-level region the caller can see.
#[utoipa::path(get, path = "/dashboard/regions", tag = "dashboard", params(MetricQuery), responses((status = 200, body = Vec<RegionValue>)))]
async fn regions(
    State(st): State<AppState>,
    auth: Auth,
    Query(m): Query<MetricQuery>,
) -> ApiResult<Json<Vec<RegionValue>>> {
    let metrics = crate::module::metrics(&st.modules);
    let Some(metric) = metrics.iter().find(|x| x.code == m.metric) else {
        let allowed: Vec<&str> = metrics.iter().map(|x| x.code).collect();
        let e = FieldError::new("metric", Rule::Enum).with("allowed", allowed.join(","));
        return Err(FieldErrors(vec![e]).into());
    };
    Ok(Json(
        dashboard::by_city(&st.db, auth.principal(), metric).await?,
    ))
}
