use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A task of a point, addressed to a lead department and/or city bureaus.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "plan_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub point_id: i64,
    pub seq: i32,
    pub title: String,
    pub lead_dept_id: Option<i64>,
    /// JSON array of organisation ids.
    pub participant_ids: String,
    /// `all`, `some` or `none`.
    pub city_scope: String,
    /// JSON array of city-level region codes (for `some`).
    pub city_codes: String,
    pub deadline: Date,
    pub evidence: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
