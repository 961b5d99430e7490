use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An expert assigned to an investigation, and their opinion once given.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub investigation_id: i64,
    pub expert_id: i64,
    pub opinion: Option<String>,
    /// Whether the expert finds a defect.
    pub defect: Option<bool>,
    pub submitted_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
