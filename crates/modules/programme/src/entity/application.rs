use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An application (申报) of an organisation to a round, through recommendation, eligibility
/// check, review, notice and decision, and then its term (valid until, surveillance, revocation).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub applicant_name: String,
    pub region_code: String,
    pub industry: String,
    pub product: String,
    pub summary: String,
    pub contact: String,
    /// JSON list of `{criterion, score, note}`.
    pub self_assessment: String,
    pub status: String,
    /// The blind code (R001 …), drawn when the round closes.
    pub code: Option<String>,
    pub recommendation_note: Option<String>,
    pub recommended_by: Option<String>,
    /// JSON list of `{code, passed, reason}`.
    pub eligibility: String,
    pub final_score: Option<f64>,
    pub rank: Option<i32>,
    /// `winner` or `nomination` once shortlisted.
    pub outcome: Option<String>,
    pub certificate_code: Option<String>,
    pub issued_on: Option<Date>,
    pub term_until: Option<Date>,
    /// `active`, `remediating`, `revoked` or `expired`.
    pub term_status: Option<String>,
    pub forwarded_at: Option<DateTimeUtc>,
    pub forward_note: Option<String>,
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
