use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "dict_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub type_code: String,
    pub value: String,
    pub label: String,
    pub label_en: String,
    pub sort: i32,
    pub status: longzhi_domain::Status,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
