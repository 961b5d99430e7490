use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A finding of the national assessment on the province (国家考核反馈问题), owned by a
/// department or a city bureau until the province closes it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_findings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year: i32,
    pub finding: String,
    pub measures: String,
    pub due_on: Date,
    pub status: String,
    pub progress: String,
    pub closed_at: Option<DateTimeUtc>,
    pub close_note: Option<String>,
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
