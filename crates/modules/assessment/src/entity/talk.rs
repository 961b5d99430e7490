use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A follow-up talk (约谈) with a city's government about its remediation.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_talks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub remediation_id: i64,
    pub held_on: Date,
    pub participants: String,
    pub summary: String,
    pub recorded_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
