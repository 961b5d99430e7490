use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Never serialised: not into API answers, not into the audit log.
    #[serde(skip)]
    pub password_hash: String,
    pub must_change_password: bool,
    /// `active` or `disabled`.
    pub status: longzhi_domain::Status,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    pub password_changed_at: DateTimeUtc,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// A user's roles, through `user_roles`.
impl Related<super::role::Entity> for Entity {
    fn to() -> RelationDef {
        super::user_role::Entity::belongs_to(super::role::Entity)
            .from(super::user_role::Column::RoleId)
            .to(super::role::Column::Id)
            .into()
    }

    fn via() -> Option<RelationDef> {
        let held_by: RelationDef = super::user_role::Entity::belongs_to(Entity)
            .from(super::user_role::Column::UserId)
            .to(Column::Id)
            .into();
        Some(held_by.rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
