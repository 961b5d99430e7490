use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "orgs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    /// See `longzhi_store::repo::orgs::OrgKind`.
    pub kind: String,
    pub region_id: i64,
    pub parent_id: Option<i64>,
    /// Materialised path of organisation ids, `/1/5/`.
    pub path: String,
    pub credit_code: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub status: longzhi_domain::Status,
    pub sort: i32,
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
