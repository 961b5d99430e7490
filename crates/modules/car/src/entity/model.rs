use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A model of a maker with the terms of its 三包凭证 (voucher): the compensation rate n of Art 27
/// and the periods the maker promises (at least the statutory 2 years / 50,000 km and 3 years /
/// 60,000 km, Art 18).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_models")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub maker_id: i64,
    pub name: String,
    /// Dictionary `car_powertrain`.
    pub powertrain: String,
    /// The maker's n, a fraction (0.005 = 0.5 %).
    pub compensation_rate: f64,
    pub sanbao_years: i32,
    pub sanbao_km: i32,
    pub warranty_years: i32,
    pub warranty_km: i32,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
