use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A progress report on a target, and its review.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub target_id: i64,
    pub status: longzhi_domain::TargetStatus,
    pub percent: i32,
    pub text: String,
    pub report_date: Date,
    pub submitted_by: i64,
    pub submitted_by_name: String,
    pub submitted_at: DateTimeUtc,
    pub review: longzhi_domain::Review,
    pub review_comment: Option<String>,
    pub reviewed_by: Option<i64>,
    pub reviewed_by_name: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
