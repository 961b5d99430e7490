use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A mediation session (调解) between consumer and seller.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_mediations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dispute_id: i64,
    pub held_on: Date,
    pub participants: String,
    pub summary: String,
    /// `agreement`, `no_agreement` or `adjourned`.
    pub result: String,
    pub recorded_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
