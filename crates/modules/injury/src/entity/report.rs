use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A defect report (缺陷信息): from a consumer, an enterprise, an injury case, a failed sampling
/// inspection or an imported complaint, about one product and one hazard. Scope: the city it
/// came from (the province when unknown); an enterprise's own reports are its organisation's.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The receipt number given to the reporter.
    pub report_no: String,
    /// Dictionary `injury_report_source`.
    pub source: String,
    pub received_on: Date,
    /// Dictionary `injury_product`.
    pub category: String,
    pub brand: String,
    pub model: String,
    pub producer_name: String,
    /// The producer's unified social credit code, checked.
    pub producer_code: Option<String>,
    /// Dictionary `injury_hazard`.
    pub hazard: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub reporter_email: Option<String>,
    /// The injury case it was filed from.
    pub case_id: Option<i64>,
    pub city_code: Option<String>,
    /// `new`, `triaged` or `closed`.
    pub status: String,
    pub note: Option<String>,
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
