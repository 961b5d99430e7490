use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An uploaded file: its metadata here, its bytes in the storage under `storage_key`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    /// What the file is attached to (`plan`, `plan_report`); none until it is attached.
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
