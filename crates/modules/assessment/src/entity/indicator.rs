use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One indicator of a year's system: its points, scoring rule, the evidence expected and the
/// province department that scores it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_indicators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year_id: i64,
    pub part: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    pub rule: String,
    pub evidence: String,
    pub department_id: i64,
    pub sort: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
