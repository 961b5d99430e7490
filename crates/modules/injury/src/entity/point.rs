use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A monitoring point (哨点医院 or another injury-information source). Its scope columns are its
/// own organisation's, so the point's staff (users of that organisation, scope `org`) see only
/// it and its cases.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "injury_points")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Dictionary `injury_point_kind`.
    pub kind: String,
    /// The county or city the point is in.
    pub region_code: String,
    /// Its prefecture-level city (the estimates' `city` domain).
    pub city_code: String,
    pub contact: String,
    pub status: longzhi_domain::Status,
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
