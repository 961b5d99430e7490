use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A recall (召回), voluntary or ordered: its plan, publication, progress, effectiveness and
/// closure (`crate::recalls`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recall_recalls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `RC-<year>-<nnnn>`: the public number.
    pub code: String,
    /// `voluntary` or `ordered`.
    pub kind: String,
    pub investigation_id: Option<i64>,
    pub title: String,
    pub producer_name: String,
    pub producer_code: Option<String>,
    /// Dictionary `injury_product`.
    pub category: String,
    pub brand: String,
    /// Models, one per line.
    pub models: String,
    /// Batches, one per line.
    pub batches: String,
    pub produced_from: Option<Date>,
    pub produced_to: Option<Date>,
    pub quantity: i64,
    /// Dictionary `recall_channel`, comma-separated.
    pub channels: String,
    /// Dictionary `injury_hazard`.
    pub hazard: String,
    pub defect: String,
    /// `repair`, `replace` or `refund` (dictionary `recall_remedy`).
    pub remedy: String,
    /// What consumers should do, in the notice.
    pub consumer_action: String,
    /// The producer's hotline for consumers.
    pub contact: String,
    pub ends_on: Option<Date>,
    /// How often the producer reports progress.
    pub report_every_days: i32,
    pub status: String,
    pub published_at: Option<DateTimeUtc>,
    pub next_report_due: Option<Date>,
    /// The due date a reminder was last sent for.
    pub reminded_due: Option<Date>,
    /// `effective` or `ineffective`, from the regulator's check.
    pub effectiveness: Option<String>,
    pub effectiveness_note: Option<String>,
    pub summary: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
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
