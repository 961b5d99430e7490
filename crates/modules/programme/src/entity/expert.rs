use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A reviewer of the programmes' expert pool (评审专家库), with what decides conflicts of
/// interest: their organisation and region, declared interests and past relations.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_experts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub region_code: String,
    /// JSON list of industries.
    pub specialties: String,
    /// JSON list of organisations or application ids.
    pub interests: String,
    /// JSON list of `{organisation, year}`.
    pub relations: String,
    pub user_id: Option<i64>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
