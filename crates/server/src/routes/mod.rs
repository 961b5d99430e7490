//! The core's routers and the modules', merged here.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::module::Module;
use crate::openapi::ApiDoc;

mod auth;
mod dashboard;
mod dicts;
mod files;
pub mod health;
mod jobs;
mod logs;
mod notices;
mod orgs;
mod params;
mod regions;
mod roles;
mod sessions;
mod users;

/// Every API route under `/api/v1`, with its OpenAPI description.
pub fn api(modules: &[Module]) -> OpenApiRouter<AppState> {
    let v1 = modules.iter().fold(core(), |v1, m| v1.merge((m.router)()));
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

fn core() -> OpenApiRouter<AppState> {
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
        .merge(notices::router())
        .merge(files::router())
        .merge(jobs::router())
}
