use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A value of an indicator for a region and year. Its history is the audit log's.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_values")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub indicator_id: i64,
    pub region_code: String,
    pub year: i32,
    pub value: f64,
    /// Why it changed much on the last period, or where it comes from.
    pub note: Option<String>,
    /// `round`, `push` (another system, through a token) or `import`.
    pub source: String,
    /// Shared with the analysis: pushed, or of an approved submission.
    pub published: bool,
    pub updated_by_name: String,
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
