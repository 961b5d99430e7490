use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A city's assessment of a year: its self-evaluation (targets, then claims per indicator), the
/// province's veto and, once published, the total, grade and rank.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_evaluations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year_id: i64,
    pub city_code: String,
    pub status: String,
    pub targets: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub veto: bool,
    pub veto_reason: Option<String>,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub rank: Option<i32>,
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
