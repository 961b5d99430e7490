use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A producer's periodic progress report on a recall: units notified and corrected per channel
/// (JSON list of [`crate::recalls::ChannelProgress`]) in the period ending `period_end`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub recall_id: i64,
    pub period_end: Date,
    pub channels: String,
    pub notified: i64,
    pub corrected: i64,
    pub note: String,
    pub filed_by: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
