use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A talk with the producer (约谈) during an investigation.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_talks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub investigation_id: i64,
    pub held_on: Date,
    pub place: String,
    pub participants: String,
    pub summary: String,
    pub recorded_by: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
