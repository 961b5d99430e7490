//! Work-plan supervision (督办, seed points 1–4): the province's annual plan structured into
//! parts, points and tasks; a target per addressee to report on; reviews; the supervision matrix;
//! deadline reminders. See docs/guide/plan.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::dashboard::Metric;
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

mod demo_data;
pub mod entity;
pub mod jobs;
pub mod matrix;
mod migration;
pub mod plans;
mod routes;
pub mod structure;
pub mod targets;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "plan",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[
        Metric {
            code: "open_tasks",
            count: |db, p| Box::pin(targets::count_by_city(db, p, false)),
        },
        Metric {
            code: "overdue_tasks",
            count: |db, p| Box::pin(targets::count_by_city(db, p, true)),
        },
    ],
    jobs: &[],
    dicts: &[],
    attachables: &[
        Attachable {
            entity: "plan",
            sees: |db, p, id| {
                Box::pin(async move {
                    Ok(p.allows("plan:plan:view") && plans::get_plan(db, p, id).await.is_ok())
                })
            },
        },
        Attachable {
            entity: "plan_report",
            sees: |db, p, id| {
                Box::pin(async move {
                    Ok(p.allows("plan:task:view") && targets::report_visible(db, p, id).await?)
                })
            },
        },
    ],
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
        let run = jobs::run_daily(db, holder, day).await?;
        Ok(run.ran.then(|| {
            format!(
                "plans: {} reminded, {} flagged overdue",
                run.reminded, run.flagged
            )
        }))
    })
}
