//! Programmes decided by expert review (seed points 9, 10, 11 and 13): the provincial
//! government quality award (省政府质量奖) and its re-evaluation at term expiry, the 陇字号
//! brand certification with yearly surveillance and its public catalogue, quality benchmark
//! cities (质量标杆城市) and quality-brand demonstration zones (质量品牌提升示范区).
//!
//! One shape for all four: a round with its rubric (the review engine's format, GB/T 19580's
//! 1000 points for the award), eligibility checklist, quotas and dates; applications with
//! self-assessment and evidence, recommended by the city and checked by the province; review by
//! expert panels through the review engine (conflicts refused, applicants anonymous when the
//! round says so, independent → consensus → site visit, the engine's statistics for the
//! organiser); the shortlist under public notice with objections; the decision with verifiable
//! certificates; terms with surveillance and re-evaluation. See docs/guide/programme.md.

use chrono::NaiveDate;
use longzhi_server::module::{BoxFuture, Module};
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};

pub mod applications;
pub mod decision;
mod demo_data;
pub mod entity;
pub mod experts;
mod migration;
pub mod review;
pub mod rounds;
mod routes;
pub mod templates;
pub mod terms;

/// The module, as the binary registers it.
pub const MODULE: Module = Module {
    name: "programme",
    migrations: || vec![Box::new(migration::Migration)],
    router: routes::router,
    site: None,
    demo: Some(demo),
    daily: Some(daily),
    metrics: &[],
    attachables: &[Attachable {
        entity: applications::ENTITY,
        sees: |db, p, id| {
            Box::pin(async move {
                Ok(p.allows("programme:application:view")
                    && applications::get(db, p, id).await.is_ok())
            })
        },
    }],
    jobs: &[],
    dicts: &[],
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
        Ok(terms::run_daily(db, holder, day)
            .await?
            .map(|n| format!("programme: {n} surveillance or re-evaluation reviews opened")))
    })
}
