use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A technical opinion asked of an expert of the pool (the recall module's experts).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_opinions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dispute_id: i64,
    pub expert_id: i64,
    pub opinion: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
