//! Longzhi's HTTP API: one router per module under `/api/v1`, the session extractor, the one
//! error type, the OpenAPI document and the embedded web console.

mod app;
pub mod config;
mod error;
mod excel;
mod extract;
mod i18n;
mod jobs;
mod openapi;
mod routes;
mod web;

pub use app::{AppState, router, serve, start};
pub use config::Config;
pub use error::ApiError;
pub use openapi::openapi_json;
