//! Household-car 三包 (seed point 18): the public self-check (`POST /api/v1/public/sanbao/check`
//! answers exactly what `longzhi engine sanbao` does, and a PDF of it), 三包 disputes received by
//! the city bureaus with their repair histories, engine evaluations, Art 28 deadlines in the
//! province's working days, mediation, experts' opinions and outcomes; makers' models and their
//! voucher terms with their recalls; and the analysis of defect and 三包 information with
//! car-accident injuries. See docs/guide/car.md.

// The self-check PDF's texts are one `json!` literal.
#![recursion_limit = "256"]

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

pub mod analysis;
pub mod calendar;
mod common;
mod demo_data;
pub mod dicts;
pub mod disputes;
pub mod entity;
pub mod injuries;
pub mod jobs;
pub mod makers;
mod migration;
pub mod repairs;
mod routes;
pub mod self_check;

pub use demo_data::MAKER_USER;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "car",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[Attachable {
        entity: disputes::ENTITY,
        sees: |db, p, id| {
            Box::pin(async move {
                Ok(p.allows("car:dispute:view") && disputes::detail(db, p, id).await.is_ok())
            })
        },
    }],
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
        Ok(run
            .ran
            .then(|| format!("car: {} dispute deadlines flagged", run.flagged)))
    })
}
