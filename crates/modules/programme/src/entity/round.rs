use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A round of a programme (评选批次): the 8th provincial quality award, a 陇字号 batch, a
/// benchmark-city or demonstration-zone creation round, with its rubric, eligibility checklist,
/// quotas, dates, notice period and terms.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `award`, `brand`, `benchmark_city` or `demo_zone`.
    pub kind: String,
    pub name: String,
    pub year: i32,
    /// `draft`, `open`, `review`, `notice` or `decided`.
    pub status: String,
    /// The review stage: `independent`, `consensus`, `site_visit` or `closed`.
    pub stage: String,
    /// The review engine's rubric (TOML).
    pub rubric: String,
    /// JSON list of `{code, text}`.
    pub eligibility: String,
    pub winners_quota: i32,
    pub nominations_quota: i32,
    pub apply_from: Date,
    pub apply_until: Date,
    pub notice_days: i32,
    pub notice_from: Option<Date>,
    pub notice_until: Option<Date>,
    pub anonymous: bool,
    pub reviewers_per_application: i32,
    pub same_region_conflict: bool,
    pub term_years: i32,
    pub surveillance_years: i32,
    /// Seeds the blind codes (R001 …), drawn when applications close.
    pub blind_seed: i64,
    pub decided_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
