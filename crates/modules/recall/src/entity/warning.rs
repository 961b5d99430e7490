use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A safety warning (消费提示 / 风险警示), an accident-investigation summary or a guidance notice
/// to enterprises: drafted, reviewed by someone else, published.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_warnings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `consumer_tip`, `risk_warning`, `accident` or `guidance`.
    pub kind: String,
    pub title: String,
    pub category: Option<String>,
    pub hazard: Option<String>,
    pub body: String,
    pub status: String,
    pub drafted_by: i64,
    pub review_note: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
