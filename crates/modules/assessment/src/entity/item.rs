use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One indicator of one city's assessment: the score the city claims with its statement (and
/// evidence files), the score the department awards with its comment.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "assessment_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub evaluation_id: i64,
    pub indicator_id: i64,
    pub claimed: Option<f64>,
    pub statement: String,
    pub score: Option<f64>,
    pub comment: String,
    pub scored_by: Option<String>,
    pub scored_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
