use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A city's remediation (整改) after a published assessment: a written report within the
/// deadline, reviewed by the province; `open`, `submitted`, `returned`, `closed` or
/// `cancelled` (the assessment was reopened before the city reported).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_remediations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year_id: i64,
    pub evaluation_id: i64,
    pub city_code: String,
    /// `bottom`, `failing` or `bottom_failing`.
    pub reason: String,
    pub due_on: Date,
    pub status: String,
    pub report: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub review_note: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
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
