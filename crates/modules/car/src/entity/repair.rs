use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One repair visit of a dispute's car: the engine's event (rules-sanbao.md §6), with who
/// repaired it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_repairs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dispute_id: i64,
    pub date: Date,
    pub odometer_km: f64,
    pub kind: String,
    pub system: String,
    pub part: Option<String>,
    pub fault_id: String,
    pub serious_safety: bool,
    pub fault_kind: Option<String>,
    pub repair_days: f64,
    pub consumer_fault: bool,
    pub repairer: String,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
