use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An indicator of the province's catalogue (质量指标).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_indicators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    /// 1: higher is better; -1: lower is better.
    pub direction: i32,
    /// The department that supplies it.
    pub source: String,
    /// `year`, `quarter` or `month`.
    pub frequency: String,
    /// How it is computed (notes for whoever fills it in).
    pub formula: String,
    /// The range a value must lie in, where the indicator has one.
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub status: longzhi_domain::Status,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
