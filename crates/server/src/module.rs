//! What a business module adds to the platform core. A module (`crates/modules/<name>`) builds
//! one [`Module`]; the binary lists them (`longzhi::modules()`), and the core asks the list for
//! migrations, routes, demo data, daily jobs, dashboard metrics and the records files attach to.
//! The recipe: docs/guide/adding-a-module.md.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::NaiveDate;
use longzhi_store::migration::MigrationSet;
use longzhi_store::repo::dashboard::Metric;
use longzhi_store::repo::files::Attachable;
use longzhi_store::{DatabaseConnection, StoreError};
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;

/// A future a module's hook returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A module's daily job: runs for a day as a holder (a server's id), takes its own lease, and
/// answers what it did (`None` when another holder ran it).
pub type DailyJob = for<'a> fn(
    &'a DatabaseConnection,
    &'a str,
    NaiveDate,
) -> BoxFuture<'a, Result<Option<String>, StoreError>>;

/// A module's demo data, loaded by `longzhi seed --demo` after the core's.
pub type Demo = for<'a> fn(&'a DatabaseConnection) -> BoxFuture<'a, Result<(), StoreError>>;

pub struct Module {
    /// The module's name: its permission prefix (`plan` of `plan:task:report`) and OpenAPI tag.
    pub name: &'static str,
    /// Its migrations, in order, after the core's; each name unique across modules
    /// (`<module>_mNNNN_<what>`).
    pub migrations: MigrationSet,
    /// Its routes under `/api/v1`.
    pub router: fn() -> OpenApiRouter<AppState>,
    /// Its routes outside `/api/v1` and the API document (feeds such as `/feeds/recalls.atom`).
    pub site: Option<fn() -> axum::Router<AppState>>,
    pub demo: Option<Demo>,
    pub daily: Option<DailyJob>,
    /// Figures per city the home dashboard's map can be coloured by.
    pub metrics: &'static [Metric],
    /// The records files can be attached to, and who may see them.
    pub attachables: &'static [Attachable],
    /// The background jobs it runs (`crate::jobs`).
    pub jobs: &'static [crate::jobs::JobKind],
    /// Its dictionaries (the codes its forms offer), created with the core's reference data and
    /// then the administrator's to edit.
    pub dicts: &'static [longzhi_store::seed::Dict],
}

/// The modules of this build, shared by every request.
pub type Modules = Arc<[Module]>;

/// Every module's migrations, to run after the core's.
pub fn migrations(modules: &[Module]) -> Vec<MigrationSet> {
    modules.iter().map(|m| m.migrations).collect()
}

/// Migrates the core and every module.
pub async fn migrate(db: &DatabaseConnection, modules: &[Module]) -> Result<(), sea_orm::DbErr> {
    longzhi_store::migrate(db, &migrations(modules)).await
}

/// The reference data of the core and of every module; whether anything was added.
pub async fn seed_base(db: &DatabaseConnection, modules: &[Module]) -> Result<bool, StoreError> {
    let fresh = longzhi_store::seed::base(db).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let p = longzhi_store::scope::Principal::system("seed");
    for m in modules {
        longzhi_store::seed::seed_dicts(&txn, &p, m.dicts).await?;
    }
    txn.commit().await?;
    Ok(fresh)
}

/// The core's and every module's reference data, then the core's demo data and every module's.
pub async fn seed_demo(db: &DatabaseConnection, modules: &[Module]) -> Result<(), StoreError> {
    seed_base(db, modules).await?;
    longzhi_store::seed::demo(db).await?;
    for m in modules {
        if let Some(demo) = m.demo {
            demo(db).await?;
        }
    }
    Ok(())
}

/// Every metric of the dashboard: the core's, then the modules'.
pub fn metrics(modules: &[Module]) -> Vec<&'static Metric> {
    longzhi_store::repo::dashboard::CORE_METRICS
        .iter()
        .chain(modules.iter().flat_map(|m| m.metrics))
        .collect()
}

/// Every kind of record files can be attached to: the core's (a job's output), then the modules'.
pub fn attachables(modules: &[Module]) -> Vec<&'static Attachable> {
    std::iter::once(&crate::jobs::JOB_FILES)
        .chain(modules.iter().flat_map(|m| m.attachables))
        .collect()
}
