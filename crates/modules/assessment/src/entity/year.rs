use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The assessment of one year: its settings and where it stands (`draft`, `self_evaluation`,
/// `scoring`, `published`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_years")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub status: String,
    pub self_deadline: Date,
    /// JSON list of `{grade, min}`, highest first.
    pub grades: String,
    pub fail_below: f64,
    pub bottom_count: i32,
    pub remediation_days: i32,
    /// JSON list of the assessed city-level region codes.
    pub cities: String,
    pub published_at: Option<DateTimeUtc>,
    pub published_on: Option<Date>,
    pub reopened: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
