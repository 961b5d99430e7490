use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// SHA-256 of the bearer token: a leaked table does not leak sessions.
    #[sea_orm(primary_key, auto_increment = false)]
    #[serde(skip)]
    pub id: String,
    pub user_id: i64,
    #[serde(skip)]
    pub csrf_token: String,
    pub ip: String,
    pub user_agent: String,
    pub region_path: String,
    pub org_id: i64,
    /// The idle timeout in force when the session began.
    pub idle_minutes: i32,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// A session's user: read with it on every authenticated request.
impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(super::user::Entity)
            .from(Column::UserId)
            .to(super::user::Column::Id)
            .into()
    }
}

impl ActiveModelBehavior for ActiveModel {}
