//! Quality monitoring (质量监测, seed points 5 and 6): the indicator catalogue and versioned
//! frameworks, collection rounds the cities fill in and the province approves, data sharing
//! with other systems, the composite-index analysis (the index engine, equal to `longzhi engine
//! index` on the exported files), the yearly quality-status report and improvement actions.
//! See docs/guide/quality.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

pub mod actions;
pub mod analysis;
mod demo_data;
pub mod entity;
pub mod frameworks;
pub mod indicators;
pub mod jobs;
mod migration;
pub mod report;
pub mod rounds;
mod routes;
pub mod sharing;
pub mod values;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "quality",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[] as &[Attachable],
    jobs: jobs::KINDS,
    dicts: &[],
};

fn demo(db: &DatabaseConnection) -> BoxFuture<'_, Result<(), StoreError>> {
    Box::pin(demo_data::seed(db, longzhi_store::today()))
}

fn daily<'a>(
    db: &'a DatabaseConnection,
    holder: &'a str,
    day: NaiveDate,
) -> BoxFuture<'a, Result<Option<String>, StoreError>> {
    Box::pin(async move {
        let reminded = jobs::run_daily(db, holder, day).await?;
        Ok(reminded.map(|n| format!("quality: {n} submissions reminded")))
    })
}
