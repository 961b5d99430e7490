use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A risk assessment (风险评估): the risk engine's input and answer, kept as given, attached to
/// an investigation or a defect report.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub investigation_id: Option<i64>,
    pub report_id: Option<i64>,
    pub signal_id: Option<i64>,
    /// The JSON of `longzhi engine risk --input`.
    pub input: String,
    /// The engine's JSON answer.
    pub result: String,
    /// `low`, `medium`, `high` or `serious`.
    pub level: String,
    pub assessed_by: String,
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
