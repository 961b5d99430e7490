use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A surveillance (年度监督) or re-evaluation (届满复评) of a holder before its term ends,
/// concluded keep, remediate (整改, with a deadline) or revoke.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_terms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    /// `surveillance` or `re_evaluation`.
    pub review: String,
    pub due_on: Date,
    /// `open`, `kept`, `remediate` or `revoked`.
    pub status: String,
    pub deadline: Option<Date>,
    pub note: Option<String>,
    pub concluded_by: Option<String>,
    pub concluded_at: Option<DateTimeUtc>,
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
