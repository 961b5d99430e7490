use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One evaluation of a dispute by the 三包 engine: the input as `longzhi engine sanbao` takes it
/// and its answer; a new one each time the dispute or its repairs change, none ever replaced.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_evaluations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dispute_id: i64,
    /// 1, 2, … per dispute.
    pub number: i32,
    pub input: String,
    pub result: String,
    pub remedy: String,
    /// What changed: `intake`, `dispute`, `repairs`.
    pub cause: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
