use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A remediation task (整改任务) after a published round: a city's service to improve, assigned
/// to the responsible organisation (`org_id`) with a deadline, answered with evidence and
/// reviewed by the province.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub region_code: String,
    pub service: String,
    pub title: String,
    pub requirement: String,
    pub deadline: Date,
    /// `assigned`, `submitted`, `returned` or `accepted`.
    pub status: String,
    pub evidence: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<DateTimeUtc>,
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
