use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The signal register: a (product or brand/model) × hazard cell that met a signal rule, kept
/// from the weekly run that first found it, with what staff decided about it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_signals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `product` or `model`.
    pub dimension: String,
    pub row_label: String,
    pub hazard: String,
    pub first_detected_on: Date,
    pub last_detected_on: Date,
    pub n: i64,
    pub prr: Option<f64>,
    pub ror: Option<f64>,
    pub ic025: f64,
    pub eb05: f64,
    /// The rules it met, comma-separated.
    pub rules: String,
    /// `new`, `reviewing`, `escalated` or `closed`.
    pub status: String,
    /// `assessment` or `investigation` once escalated (the recall module's entry point).
    pub follow_up: Option<String>,
    /// The number of the investigation or assessment it was escalated to.
    pub follow_up_ref: Option<String>,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
