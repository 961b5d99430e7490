//! Roles: a set of permission strings and a data scope. A user's roles fold into one
//! permission set and the widest of their scopes.

use chrono::Utc;
use longzhi_domain::Status;
use longzhi_domain::{
    DataScope, FieldError, FieldErrors, Permission, PermissionSet, Rule, catalogue,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::{role, user_role};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::Principal;
use crate::{Result, StoreError};

use super::{check_status, update_versioned};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub data_scope: DataScope,
    pub permissions: Vec<String>,
    pub builtin: bool,
    pub status: longzhi_domain::Status,
    pub sort: i32,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
}

impl From<role::Model> for RoleView {
    fn from(r: role::Model) -> Self {
        Self {
            permissions: permissions_of(&r).into_iter().map(String::from).collect(),
            data_scope: DataScope::parse(&r.data_scope).unwrap_or(DataScope::Own),
            id: r.id,
            code: r.code,
            name: r.name,
            name_en: r.name_en,
            builtin: r.builtin,
            status: r.status,
            sort: r.sort,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A role as users and forms refer to it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoleRef {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoleFilter {
    /// Name or code contains.
    pub q: Option<String>,
    #[param(value_type = Option<longzhi_domain::Status>)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RoleInput {
    /// Ignored on update: a role's code never changes.
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub data_scope: DataScope,
    pub permissions: Vec<String>,
    #[schema(value_type = longzhi_domain::Status)]
    pub status: String,
    #[serde(default)]
    pub sort: i32,
    /// Required on update.
    pub version: Option<i32>,
}

/// The permissions stored on a role (malformed entries are dropped, never granted).
pub fn permissions_of(r: &role::Model) -> Vec<Permission> {
    serde_json::from_str::<Vec<String>>(&r.permissions)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| Permission::parse(s).ok())
        .collect()
}

/// Every role a user holds, in force or not.
pub async fn held<C: ConnectionTrait>(db: &C, user_id: i64) -> Result<Vec<role::Model>> {
    let links = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::RoleId)
        .filter(user_role::Column::UserId.eq(user_id))
        .into_query();
    Ok(role::Entity::find()
        .filter(role::Column::Id.in_subquery(links))
        .all(db)
        .await?)
}

/// The active roles of a user.
pub async fn of_user<C: ConnectionTrait>(db: &C, user_id: i64) -> Result<Vec<role::Model>> {
    Ok(in_force(held(db, user_id).await?))
}

/// Of the roles a user holds, those in force (active), in menu order.
pub(crate) fn in_force(held: impl IntoIterator<Item = role::Model>) -> Vec<role::Model> {
    let mut roles: Vec<role::Model> = held
        .into_iter()
        .filter(|r| r.status == Status::Active)
        .collect();
    roles.sort_by_key(|r| (r.sort, r.id));
    roles
}

/// Folds roles into (widest scope, all permissions). No role: scope `own`, no permissions.
pub fn fold(roles: &[role::Model]) -> (DataScope, PermissionSet) {
    let scope = roles
        .iter()
        .filter_map(|r| DataScope::parse(&r.data_scope))
        .reduce(DataScope::widest)
        .unwrap_or(DataScope::Own);
    (
        scope,
        PermissionSet(roles.iter().flat_map(permissions_of).collect()),
    )
}

/// Whether `p` may hand out `r` (to a user, or by editing it): `r` grants nothing `p` lacks and
/// sees no more than `p` does.
pub fn assignable(p: &Principal, scope: DataScope, permissions: &[Permission]) -> bool {
    p.user_id == 0 || (scope >= p.scope && p.permissions.includes_all(permissions))
}

/// The active roles `p` may give to a user, in menu order: what the user forms offer to those
/// who may manage users but not read the role list.
pub async fn assignable_by<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Vec<RoleView>> {
    Ok(in_force(role::Entity::find().all(db).await?)
        .into_iter()
        .filter(|r| {
            DataScope::parse(&r.data_scope)
                .is_some_and(|scope| assignable(p, scope, &permissions_of(r)))
        })
        .map(RoleView::from)
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &RoleFilter,
    q: &PageQuery,
) -> Result<Page<RoleView>> {
    let mut s = role::Entity::find();
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[role::Column::Name, role::Column::Code, role::Column::NameEn],
            t,
        )
    }) {
        s = s.filter(e);
    }
    if let Some(st) = &f.status {
        s = s.filter(role::Column::Status.eq(st.as_str()));
    }
    let sortable = [
        ("code", role::Column::Code),
        ("name", role::Column::Name),
        ("sort", role::Column::Sort),
    ];
    Ok(paginate(db, s, q, &sortable, "sort,code", role::Column::Id)
        .await?
        .map(RoleView::from))
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<role::Model> {
    role::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<role::Model> {
    role::Entity::find()
        .filter(role::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

struct Checked {
    name: String,
    name_en: String,
    permissions: Vec<Permission>,
}

fn check(p: &Principal, r: &RoleInput) -> Result<Checked> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &r.name, 64);
    let name_en = errs.text("name_en", &r.name_en, 64);
    errs.check("status", check_status("status", &r.status));
    let mut permissions = Vec::new();
    for s in &r.permissions {
        match Permission::parse(s) {
            Ok(perm) if catalogue::is_known(s) => permissions.push(perm),
            _ => errs.push(FieldError::new("permissions", Rule::Enum).with("value", s)),
        }
    }
    permissions.sort();
    permissions.dedup();
    errs.finish()?;
    if !assignable(p, r.data_scope, &permissions) {
        return Err(FieldError::new("permissions", Rule::Range)
            .with("reason", "exceeds_own")
            .into());
    }
    Ok(Checked {
        name: name.unwrap_or_default(),
        name_en: name_en.unwrap_or_default(),
        permissions,
    })
}

fn permissions_json(perms: &[Permission]) -> String {
    serde_json::Value::from(perms.iter().map(|p| p.as_str()).collect::<Vec<_>>()).to_string()
}

pub async fn create(db: &DatabaseConnection, p: &Principal, r: RoleInput) -> Result<RoleView> {
    let c = check(p, &r)?;
    let code = r.code.trim().to_owned();
    if code.is_empty()
        || code.len() > 32
        || !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(FieldError::new("code", Rule::Format)
            .with("pattern", "[a-z0-9_]{1,32}")
            .into());
    }
    let txn = crate::backend::begin_write(db).await?;
    if role::Entity::find()
        .filter(role::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?
        > 0
    {
        return Err(StoreError::Duplicate {
            field: "code".into(),
        });
    }
    let now = Utc::now();
    let after = role::ActiveModel {
        code: Set(code),
        name: Set(c.name),
        name_en: Set(c.name_en),
        data_scope: Set(r.data_scope.as_str().into()),
        permissions: Set(permissions_json(&c.permissions)),
        builtin: Set(false),
        status: Set(super::parse_status("status", &r.status)?),
        sort: Set(r.sort),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, p, target(&after), "create", None, Some(&after)).await?;
    txn.commit().await?;
    Ok(after.into())
}

fn target(r: &role::Model) -> Target<'static> {
    Target {
        entity: "role",
        id: r.id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    r: RoleInput,
) -> Result<RoleView> {
    let c = check(p, &r)?;
    let version = r
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let txn = crate::backend::begin_write(db).await?;
    let before = get(&txn, id).await?;
    let (old_scope, old_perms) = fold(std::slice::from_ref(&before));
    if !assignable(p, old_scope, &old_perms.0) {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::RoleBeyondOwn));
    }
    let am = role::ActiveModel {
        name: Set(c.name),
        name_en: Set(c.name_en),
        data_scope: Set(r.data_scope.as_str().into()),
        permissions: Set(permissions_json(&c.permissions)),
        status: Set(super::parse_status("status", &r.status)?),
        sort: Set(r.sort),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        role::Column::Id,
        role::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after.into())
}

/// Deletes a role that is neither built in nor held by any user.
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    let before = get(&txn, id).await?;
    if before.builtin {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::RoleBuiltin));
    }
    if user_role::Entity::find()
        .filter(user_role::Column::RoleId.eq(id))
        .count(&txn)
        .await?
        > 0
    {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::RoleInUse));
    }
    role::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, target(&before), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}
