//! One router per module, merged here.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::openapi::ApiDoc;

mod auth;
mod dashboard;
mod dicts;
mod files;
pub mod health;
mod logs;
mod notices;
mod orgs;
mod params;
mod plans;
mod regions;
mod roles;
mod sessions;
mod users;

/// Every API route under `/api/v1`, with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1())
}

fn v1() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(auth::router())
        .merge(users::router())
        .merge(roles::router())
        .merge(orgs::router())
        .merge(regions::router())
        .merge(dicts::router())
        .merge(params::router())
        .merge(logs::router())
        .merge(sessions::router())
        .merge(dashboard::router())
        .merge(plans::router())
        .merge(notices::router())
        .merge(files::router())
}
