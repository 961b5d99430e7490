use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A configurable signal rule: a name and an expression of the signal engine (`eb05 >= 2 and
/// n >= 3`), as `longzhi engine signal --rule NAME=EXPR` takes it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_signal_rules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub expr: String,
    pub status: longzhi_domain::Status,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
