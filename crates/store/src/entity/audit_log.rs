use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One entry of the audit log, a link of the hash chain (see `crate::audit`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "audit_logs")]
pub struct Model {
    /// Assigned by the chain (the head's last id + 1), not by the database: consecutive, so a
    /// deleted entry shows as a missing number.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    /// Truncated to microseconds (what PostgreSQL stores), so that it hashes the same once read
    /// back.
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
    /// The hash of the entry before (64 zeros for the first).
    pub prev_hash: String,
    /// Hex SHA-256 of the entry's canonical encoding, `prev_hash` included.
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
