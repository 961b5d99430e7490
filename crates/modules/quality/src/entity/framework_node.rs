use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A node of a framework's tree: a dimension or sub-dimension, or (with `indicator_id`) an
/// indicator leaf, whose code is the indicator's.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_framework_nodes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub framework_id: i64,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub weight: f64,
    pub indicator_id: Option<i64>,
    pub seq: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
