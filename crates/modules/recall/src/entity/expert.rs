use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An expert of the defect-investigation pool (专家库), with the producers and brands they
/// declared a conflict of interest with (JSON list of [`crate::experts::Conflict`]).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_experts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// Dictionary `recall_specialty`.
    pub specialty: String,
    pub title: String,
    pub employer: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The expert's own account (role `expert`), through which they see what they are assigned.
    pub user_id: Option<i64>,
    pub conflicts: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
