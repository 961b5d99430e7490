use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A quality-improvement action (质量提升行动, seed point 6) for an industry or a region, tracked
/// with its indicators and targets.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    /// `industry` or `region`.
    pub kind: String,
    pub industry: Option<String>,
    pub region_code: Option<String>,
    /// JSON array of the indicator codes it works on.
    pub indicator_codes: String,
    /// What it is to achieve.
    pub targets: String,
    pub start_date: Date,
    pub end_date: Date,
    pub status: longzhi_domain::ActionStatus,
    pub progress: i32,
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
