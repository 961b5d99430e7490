use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A point's place in the sampling design for one year: its stratum, its PSU id and its weight
/// (the number of cases in the province each of its cases stands for).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_point_periods")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub point_id: i64,
    pub year: i32,
    pub stratum: String,
    pub psu: String,
    pub weight: f64,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
