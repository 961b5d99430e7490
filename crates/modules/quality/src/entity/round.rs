use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A collection round: the province asks the cities for a year's values of a framework. Every
/// city sees the rounds (their submissions are scoped).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub framework_id: i64,
    pub year: i32,
    pub title: String,
    pub deadline: Date,
    pub status: longzhi_domain::RoundStatus,
    /// Who opened it: told of each submission.
    pub opened_by: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
