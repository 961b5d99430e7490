use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One city's part of a round: its values, submitted and approved or returned.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_submissions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub year: i32,
    pub region_code: String,
    pub status: longzhi_domain::SubmissionStatus,
    /// Why the province returned it, or reopened it.
    pub comment: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by_name: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by_name: Option<String>,
    /// When the city was last reminded of the deadline.
    pub reminded_on: Option<Date>,
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
