//! `/injury/estimates`: weighted estimates and the data file that reproduces them.

use axum::extract::State;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel;
use longzhi_server::extract::{Allowed, Json, Query};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::estimates::{self, EstimateQuery, Estimates};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get))
        .routes(routes!(data_csv))
}

/// Weighted estimates by one or two dimensions with SE, CV, 95 % interval and the publication
/// rule; `command` on `/injury/estimates/data.csv` gives the same numbers.
#[utoipa::path(get, path = "/injury/estimates", tag = "injury", params(EstimateQuery), responses((status = 200, body = Estimates)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanEstimateView>,
    Query(q): Query<EstimateQuery>,
) -> ApiResult<Json<Estimates>> {
    Ok(Json(
        estimates::estimates(&st.db, auth.principal(), &q).await?,
    ))
}

/// The cases behind an estimate, one line each, as `longzhi engine survey` reads them.
#[utoipa::path(get, path = "/injury/estimates/data.csv", tag = "injury", params(EstimateQuery),
    responses((status = 200, description = "The data CSV", content_type = "text/csv")))]
async fn data_csv(
    State(st): State<AppState>,
    auth: Allowed<CanEstimateExport>,
    Query(q): Query<EstimateQuery>,
) -> ApiResult<Response> {
    let bytes = estimates::data_csv(&st.db, auth.principal(), &q).await?;
    Ok(excel::attachment(
        bytes,
        "injury-estimates-data.csv",
        "text/csv; charset=utf-8",
    ))
}
