use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A day of the province's working calendar that differs from the week: a public holiday on a
/// weekday, or a working Saturday or Sunday (调休).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_holidays")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub day: Date,
    /// `holiday` or `workday`.
    pub kind: String,
    pub name: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
