use sea_orm::entity::prelude::*;
use serde::Serialize;

/// What one addressee (a department or a city bureau, `org_id`) owes on one task.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub point_id: i64,
    pub task_id: i64,
    pub deadline: Date,
    /// `not_started`, `in_progress`, `done` (from the latest report).
    pub status: longzhi_domain::TargetStatus,
    pub percent: i32,
    /// Review of the latest report: `none`, `pending`, `accepted`, `returned`.
    pub review: longzhi_domain::Review,
    pub overdue: bool,
    /// When the owner was last reminded of the deadline.
    pub reminded_on: Option<Date>,
    pub last_report_at: Option<DateTimeUtc>,
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
