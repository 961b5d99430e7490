use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An injury case of the injury module (a car accident) linked to the vehicle involved.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_injury_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The injury module's case.
    pub case_id: i64,
    pub vin: String,
    pub maker_id: i64,
    pub model_id: Option<i64>,
    pub note: String,
    pub linked_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
