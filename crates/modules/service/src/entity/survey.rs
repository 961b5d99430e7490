use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A satisfaction questionnaire (满意度调查问卷): items on one response scale grouped into the
/// constructs of a satisfaction model and its paths, and the services it surveys. Editions: a
/// draft is edited, activated once its model fits the PLS engine, and revised into a new draft
/// edition; an active edition never changes (rounds refer to it).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "service_surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub edition: i32,
    /// `draft`, `active` or `retired` (an older edition once a newer one is active).
    pub status: String,
    pub scale_min: i32,
    pub scale_max: i32,
    /// Answers faster than this are flagged `speeding`.
    pub min_seconds: i32,
    /// The share of blank items a response may have before it is flagged `missing`.
    pub max_missing: f64,
    /// The construct whose index is the satisfaction index.
    pub target: String,
    /// JSON list of service codes (dictionary `service_sector`).
    pub services: String,
    /// JSON `{constructs, paths}` (see `surveys::SurveyModel`).
    pub model: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
