//! Risk assessment, defect investigations, recalls, safety warnings and the public recall
//! portal (seed points 17 and 19): the regulator's workbench from a signal or a report to a
//! closed recall, the producer's part in it through its own account, the experts', and what the
//! public sees. `POST /api/v1/risk/evaluate` answers exactly what `longzhi engine risk` does.
//! See docs/guide/recall.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

pub mod common;
mod demo_data;
pub mod dicts;
pub mod entity;
pub mod experts;
pub mod investigations;
pub mod jobs;
mod migration;
pub mod portal;
pub mod recalls;
pub mod risk;
mod routes;
pub mod warnings;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "recall",
    migrations: || {
        vec![
            Box::new(migration::Migration),
            Box::new(migration::PublishedIndex),
        ]
    },
    router: routes::router,
    site: Some(routes::site),
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[] as &[Attachable],
    jobs: &[],
    dicts: dicts::DICTS,
};

fn demo(db: &DatabaseConnection) -> BoxFuture<'_, Result<(), StoreError>> {
    Box::pin(demo_data::seed(db))
}

fn daily<'a>(
    db: &'a DatabaseConnection,
    holder: &'a str,
    day: NaiveDate,
) -> BoxFuture<'a, Result<Option<String>, StoreError>> {
    Box::pin(async move {
        let run = jobs::run_daily(db, holder, day).await?;
        Ok(run.ran.then(|| {
            format!(
                "recall: {} investigation and {} recall reminders",
                run.investigations, run.recalls
            )
        }))
    })
}
