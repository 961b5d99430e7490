use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A defect investigation (缺陷调查) of one product of one producer, from a signal, a report or
/// an assessment, through its stages (`crate::investigations::Stage`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_investigations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `DI-<year>-<nnnn>`.
    pub code: String,
    pub title: String,
    /// Dictionary `injury_product`.
    pub category: String,
    pub brand: String,
    pub model: String,
    /// Dictionary `injury_hazard`.
    pub hazard: String,
    pub description: String,
    /// The producer: an enterprise organisation of the platform.
    pub producer_org_id: i64,
    pub producer_name: String,
    pub producer_code: Option<String>,
    /// `signal`, `report`, `assessment` or `manual`.
    pub source: String,
    pub signal_id: Option<i64>,
    pub report_id: Option<i64>,
    pub status: String,
    /// When the current stage should be done.
    pub due_on: Option<Date>,
    /// The stage a reminder was last sent for (one per stage).
    pub reminded_status: Option<String>,
    /// The producer's defect analysis.
    pub analysis: Option<String>,
    pub conclusion: Option<String>,
    pub opened_by_org_id: i64,
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
