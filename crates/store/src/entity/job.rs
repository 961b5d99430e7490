use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A background job someone asked for; see `repo::jobs`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What runs it: a kind a module registered (`quality_report`).
    pub kind: String,
    /// The asker's parameters, JSON.
    pub params: String,
    pub status: longzhi_domain::JobStatus,
    /// 0–100.
    pub progress: i32,
    /// The last progress line, or the error of a failed job.
    pub message: Option<String>,
    /// What the job answered, JSON.
    pub result: Option<String>,
    /// The file it produced (attached to `job`/`id`).
    pub file_id: Option<i64>,
    /// The server running it, while its lease lasts.
    pub holder: Option<String>,
    pub lease_until: Option<DateTimeUtc>,
    pub attempts: i32,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
