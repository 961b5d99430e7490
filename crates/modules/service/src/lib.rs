//! Service-quality monitoring (seed points 7 and 15): satisfaction questionnaires on an
//! ACSI-style model, rounds fielded with quotas per city and service (responses entered by
//! survey staff, imported, or sent from one-time public links, each checked for data quality),
//! the PLS model and the 0–100 satisfaction index per city, service and field with bootstrap
//! intervals — exactly `longzhi engine pls` on the round's export — the notification (通报) to
//! the cities, remediation tasks reviewed like the work plan's reports, and the coordinated
//! handling of major service-quality events. See docs/guide/service.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

mod demo_data;
pub mod dicts;
pub mod entity;
pub mod events;
pub mod jobs;
mod migration;
pub mod notice;
pub mod responses;
pub mod results;
pub mod rounds;
mod routes;
pub mod surveys;
pub mod tasks;

pub use demo_data::COLLECTOR_USER;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "service",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[Attachable {
        entity: tasks::ENTITY,
        sees: |db, p, id| {
            Box::pin(async move {
                Ok(p.allows("service:task:view") && tasks::get(db, p, id).await.is_ok())
            })
        },
    }],
    jobs: jobs::KINDS,
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
        Ok(jobs::run_daily(db, holder, day)
            .await?
            .map(|n| format!("service: {n} remediation tasks overdue")))
    })
}
