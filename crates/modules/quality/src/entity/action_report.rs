use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A progress report on an improvement action.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_action_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: i64,
    pub report_date: Date,
    pub progress: i32,
    pub text: String,
    pub by_name: String,
    pub created_at: DateTimeUtc,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
