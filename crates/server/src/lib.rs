//! Longzhi's HTTP API: the platform core's routes and the modules' ([`module`]) under `/api/v1`,
//! the session extractor, the one error type, the OpenAPI document and the embedded web console.
//! A module's routes use [`app`], [`error`], [`excel`], [`extract`] and [`i18n`].

pub mod app;
pub mod config;
pub mod error;
pub mod excel;
pub mod extract;
pub mod i18n;
pub mod jobs;
pub mod module;
pub mod openapi;
pub mod public;
mod routes;
mod web;

pub use app::{AppState, router, serve, start};
pub use config::Config;
pub use error::ApiError;
pub use module::{Module, Modules};
pub use openapi::openapi_json;
