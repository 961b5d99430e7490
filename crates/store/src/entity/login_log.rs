use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "login_logs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub user_id: Option<i64>,
    pub success: bool,
    /// `ok`, `invalid_credentials`, `locked`, `disabled`, `logout`.
    pub reason: String,
    pub ip: String,
    pub user_agent: String,
    pub region_path: String,
    pub org_id: Option<i64>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
