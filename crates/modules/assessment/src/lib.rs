//! The assessment of city governments' quality work (质量工作考核, seed point 12): every year
//! the province sets an indicator system of 100 points, each city self-evaluates with
//! evidence, the province's departments score the indicators assigned to them, vetoes apply,
//! grades and ranks are signed off and published with a notification (通报); the bottom places
//! and every failing city remediate within the year's period, with follow-up talks (约谈); the
//! national assessment's findings on the province are tracked to closure.
//! See docs/guide/assessment.md and its API contract docs/guide/assessment-api.md.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

mod demo_data;
pub mod entity;
pub mod evaluations;
pub mod findings;
pub mod indicators;
mod migration;
pub mod remediations;
pub mod results;
mod routes;
pub mod scoring;
pub mod years;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "assessment",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[
        Attachable {
            entity: evaluations::ITEM_ENTITY,
            sees: |db, p, id| Box::pin(evaluations::item_visible(db, p, id)),
        },
        Attachable {
            entity: remediations::ENTITY,
            sees: |db, p, id| {
                Box::pin(async move {
                    Ok(p.allows("assessment:remediation:view")
                        && remediations::get(db, p, id).await.is_ok())
                })
            },
        },
    ],
    jobs: &[],
    dicts: &[],
};

fn demo(db: &DatabaseConnection) -> BoxFuture<'_, Result<(), StoreError>> {
    Box::pin(demo_data::seed(db))
}

/// Once a day: reminders of self-evaluation deadlines (three days before and on the day) and of
/// remediation reports overdue (the day after).
fn daily<'a>(
    db: &'a DatabaseConnection,
    holder: &'a str,
    day: NaiveDate,
) -> BoxFuture<'a, Result<Option<String>, StoreError>> {
    Box::pin(async move {
        let lease = format!("assessment-daily:{day}");
        if !longzhi_store::lease::try_acquire(db, &lease, holder, Utc::now(), Duration::hours(23))
            .await?
        {
            return Ok(None);
        }
        let reminded = years::remind_deadlines(db, day).await?;
        let overdue = remediations::remind_overdue(db, day).await?;
        Ok(Some(format!(
            "assessment: {reminded} self-evaluation reminders, {overdue} remediation tasks overdue"
        )))
    })
}
