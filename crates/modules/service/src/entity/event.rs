use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A major service-quality event (重大服务质量事件) handled jointly: the lead organisation
/// (`org_id`) and the participating ones act, the lead resolves it, the province assesses.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub region_code: String,
    pub service: String,
    /// `general`, `serious` or `major`.
    pub severity: String,
    pub occurred_on: Date,
    pub description: String,
    /// `open`, `handling`, `resolved` or `assessed`.
    pub status: String,
    pub assessment: Option<String>,
    pub rating: Option<i32>,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
