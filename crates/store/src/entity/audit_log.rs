use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "audit_logs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub entity: String,
    pub entity_id: String,
    /// `create`, `update`, `delete`, or a domain verb (`publish`, `reset_password` …).
    pub action: String,
    /// JSON object: the changed fields before (all fields for a delete).
    pub before: Option<String>,
    /// JSON object: the changed fields after (all fields for a create).
    pub after: Option<String>,
    pub request_id: Option<String>,
    pub region_path: String,
    pub org_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
