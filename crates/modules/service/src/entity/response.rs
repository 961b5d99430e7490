use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One respondent's answers in a quota, with the data-quality flags computed when it arrived.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub quota_id: i64,
    pub region_code: String,
    pub service: String,
    /// `staff`, `import` or `link`.
    pub channel: String,
    /// JSON `{item code: number | null}`.
    pub answers: String,
    pub duration_seconds: Option<i32>,
    /// Comma-separated flags (`straight_line`, `speeding`, `out_of_range`, `missing`); empty
    /// when clean. A flagged response is excluded from the results.
    pub flags: String,
    pub excluded: bool,
    pub entered_by: Option<String>,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
