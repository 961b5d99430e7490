use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A seller (经销商): liable to the consumer under the Order (Art 3), in a city of the province.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_dealers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    pub maker_id: Option<i64>,
    pub city_code: String,
    pub address: String,
    pub phone: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
