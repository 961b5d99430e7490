use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One entry of an event's handling record: who did what.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_event_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// `report`, `act`, `resolve` or `assess`.
    pub kind: String,
    pub org_id: i64,
    pub user_name: String,
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
