//! Per-region figures for the home dashboard's map, in the caller's scope.

use longzhi_domain::DataScope;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::Result;
use crate::entity::region;
use crate::scope::Principal;

/// How many records of some kind each city-level region holds (keyed by region code), in the
/// caller's scope.
pub type CountByCity =
    for<'a> fn(
        &'a DatabaseConnection,
        &'a Principal,
    ) -> Pin<Box<dyn Future<Output = Result<HashMap<String, u64>>> + Send + 'a>>;

/// A figure the home dashboard's map can be coloured by: the core's users, and what modules add
/// (the work plans' open and overdue tasks …).
pub struct Metric {
    /// `metric` of `GET /dashboard/regions`; the console's label is `dashboard.metrics.<code>`.
    pub code: &'static str,
    pub count: CountByCity,
}

/// The core's metrics.
pub const CORE_METRICS: &[Metric] = &[Metric {
    code: "users",
    count: |db, p| Box::pin(super::users::count_by_city(db, p)),
}];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionValue {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    pub value: f64,
}

/// One value per city-level region the caller can see (all of them for the province, its own for
/// a city bureau).
pub async fn by_city(
    db: &DatabaseConnection,
    p: &Principal,
    metric: &Metric,
) -> Result<Vec<RegionValue>> {
    let counts = (metric.count)(db, p).await?;
    let cities = region::Entity::find()
        .filter(region::Column::Level.is_in(["prefecture", "special"]))
        .order_by_asc(region::Column::Code)
        .all(db)
        .await?;
    Ok(cities
        .into_iter()
        // Below the caller's region (a province-level user) or containing it (a city or county user).
        .filter(|c| {
            p.scope == DataScope::All
                || c.path.starts_with(&p.region_path)
                || p.region_path.starts_with(&c.path)
        })
        .map(|c| RegionValue {
            value: counts.get(&c.code).copied().unwrap_or(0) as f64,
            code: c.code,
            name: c.name,
            name_en: c.name_en,
            level: c.level,
        })
        .collect())
}
