use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A round's sample quota for one city and service (样本配额). It belongs to the city's region
/// and bureau, and to the survey staff member collecting it (`owner_id`), who sees only it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_quotas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub region_code: String,
    pub service: String,
    pub target: i32,
    pub region_path: String,
    pub org_id: i64,
    /// The collector.
    pub owner_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
