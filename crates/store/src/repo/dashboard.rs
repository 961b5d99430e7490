//! Per-region figures for the home dashboard's map, in the caller's scope.

use longzhi_domain::DataScope;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::entity::region;
use crate::scope::Principal;

/// The metrics a map can be coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Users,
    /// Targets of published plans not completed yet.
    OpenTasks,
    /// Targets past their deadline and not completed.
    OverdueTasks,
}

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
pub async fn by_city<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    metric: Metric,
) -> Result<Vec<RegionValue>> {
    let counts = match metric {
        Metric::Users => super::users::count_by_city(db, p).await?,
        Metric::OpenTasks => super::plans::targets::count_by_city(db, p, false).await?,
        Metric::OverdueTasks => super::plans::targets::count_by_city(db, p, true).await?,
    };
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
