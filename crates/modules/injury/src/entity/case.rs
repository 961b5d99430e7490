use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An injury case seen at a monitoring point, coded like NEISS and China's injury report card;
/// the coded fields hold dictionary values (`injury_*`). Scope columns are the point's.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub point_id: i64,
    /// The point's own number for the case (unique per point; a hospital system's key).
    pub case_no: String,
    pub treated_on: Date,
    /// `treated_on`'s year: the design period and the `year` domain.
    pub year: i32,
    pub age: i32,
    /// `0-4`, `5-14`, `15-24`, `25-44`, `45-64` or `65+`, derived from `age`.
    pub age_group: String,
    pub sex: String,
    pub place: String,
    pub activity: String,
    pub intent: String,
    pub body_part: String,
    pub diagnosis: String,
    pub severity: String,
    pub disposition: String,
    pub product1: String,
    pub product2: Option<String>,
    pub product3: Option<String>,
    pub narrative: String,
    pub city_code: String,
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
