//! `/system/regions`: the administrative division tree (reference data, readable by every
//! signed-in user).

use axum::extract::State;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::regions::{self, RegionFilter, RegionNode, RegionUpdate, RegionView};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Allowed, Auth, Json, Path, Query};
use crate::permissions;

permissions! {
    CanRegionUpdate = "system:region:update",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(tree))
        .routes(routes!(update))
}

#[utoipa::path(get, path = "/system/regions", tag = "system", params(PageQuery, RegionFilter), responses((status = 200, body = Page<RegionView>)))]
async fn list(
    State(st): State<AppState>,
    _auth: Auth,
    Query(q): Query<PageQuery>,
    Query(f): Query<RegionFilter>,
) -> ApiResult<Json<Page<RegionView>>> {
    Ok(Json(regions::list(&st.db, &f, &q).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TreeQuery {
    /// A region code: only its subtree.
    root: Option<String>,
}

#[utoipa::path(get, path = "/system/regions/tree", tag = "system", params(TreeQuery), responses((status = 200, body = Vec<RegionNode>)))]
async fn tree(
    State(st): State<AppState>,
    _auth: Auth,
    Query(t): Query<TreeQuery>,
) -> ApiResult<Json<Vec<RegionNode>>> {
    Ok(Json(regions::tree(&st.db, t.root.as_deref()).await?))
}

#[utoipa::path(put, path = "/system/regions/{id}", tag = "system", params(("id" = i64, Path)), request_body = RegionUpdate, responses((status = 200, body = RegionView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanRegionUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<RegionUpdate>,
) -> ApiResult<Json<RegionView>> {
    Ok(Json(
        regions::update(&st.db, auth.principal(), id, u).await?,
    ))
}
