//! `/car/analysis` (defect and 三包 information) and `/car/injuries` (car-accident injury cases
//! and their vehicles).

use axum::extract::State;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::analysis::{self, AnalysisFilter, CarAnalysis};
use crate::injuries::{self, InjuryFilter, InjuryView, LinkInput};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(analyse))
        .routes(routes!(injuries_list))
        .routes(routes!(link))
}

/// Disputes by city, month, remedy and outcome; faults by make, model and component; make/model
/// × component signals; car-accident injuries linked to vehicles.
#[utoipa::path(get, path = "/car/analysis", tag = "car", params(AnalysisFilter), responses((status = 200, body = CarAnalysis)))]
async fn analyse(
    State(st): State<AppState>,
    auth: Allowed<CanAnalysisView>,
    Query(f): Query<AnalysisFilter>,
) -> ApiResult<Json<CarAnalysis>> {
    Ok(Json(analysis::analyse(&st.db, auth.principal(), &f).await?))
}

/// The injury module's cases involving a car, with their linked vehicles.
#[utoipa::path(get, path = "/car/injuries", tag = "car", params(PageQuery, InjuryFilter), responses((status = 200, body = Page<InjuryView>)))]
async fn injuries_list(
    State(st): State<AppState>,
    auth: Allowed<CanInjuryList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<InjuryFilter>,
) -> ApiResult<Json<Page<InjuryView>>> {
    Ok(Json(
        injuries::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

step!(
    /// Link a car-accident injury case to the vehicle (VIN, maker, model).
    link, "/car/injuries/{id}/vehicle", CanInjuryLink, LinkInput, InjuryView, injuries::link
);
