use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One score of one leaf criterion at one stage: an expert's own (independent), or the panel's
/// (consensus, site visit: `expert_id` 0, `comment` the reason).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub application_id: i64,
    pub expert_id: i64,
    pub stage: String,
    pub criterion: String,
    pub score: f64,
    pub comment: String,
    pub entered_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
