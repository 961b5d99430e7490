use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A survey round (调查轮次): one edition of a questionnaire fielded in a period with quotas per
/// city and service, then computed and published.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    pub name: String,
    pub year: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    /// `design`, `fieldwork`, `closed` or `published`.
    pub status: String,
    /// Bootstrap resamples and seed of the computation.
    pub resamples: i32,
    pub seed: i64,
    /// The engine's answer (`longzhi engine pls` JSON) of the last computation.
    pub results: Option<String>,
    pub computed_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
