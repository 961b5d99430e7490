//! Product-injury monitoring (产品伤害监测, seed point 17): monitoring points and their sampling
//! design, injury cases (form, Excel import, bulk upload for hospital systems), weighted
//! provincial estimates (the survey engine, equal to `longzhi engine survey` on the exported
//! cases), defect reports (a public form among other sources) and disproportionality signals
//! (the signal engine, equal to `longzhi engine signal` on the exported reports) with a weekly
//! register. See docs/guide/injury.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

pub mod cases;
mod demo_data;
pub mod dicts;
pub mod entity;
pub mod estimates;
pub mod jobs;
mod migration;
mod migration_indexes;
pub mod points;
pub mod reports;
mod routes;
pub mod signals;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "injury",
    migrations: || {
        vec![
            Box::new(migration::Migration),
            Box::new(migration_indexes::Migration),
            Box::new(migration_indexes::WindowIndex),
            Box::new(migration::FollowUpRef),
        ]
    },
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[] as &[Attachable],
    jobs: &[],
    dicts: dicts::DICTS,
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
        let fresh = jobs::run_weekly(db, holder, day).await?;
        Ok(fresh.map(|n| format!("injury: {n} new signals registered")))
    })
}
