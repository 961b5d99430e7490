use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A version of an indicator framework: its tree (`framework_node`) and the method the index
/// engine computes it with. Published versions never change; a new version is a copy.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_frameworks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    /// 1, 2, … per code.
    pub revision: i32,
    pub name: String,
    pub description: String,
    /// The engine's vocabulary (docs/engines/index.md).
    pub normalisation: String,
    pub aggregation: String,
    pub weighting: String,
    pub imputation: String,
    /// Monte Carlo: relative noise on the weights and the number of runs.
    pub weight_noise: f64,
    pub mc_runs: i32,
    /// A value changing on the last period by more than this share needs a comment (0.3 = 30 %).
    pub change_threshold: f64,
    pub status: longzhi_domain::PlanStatus,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
