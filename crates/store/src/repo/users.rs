//! Users: accounts of one organisation, with roles. The data scope applies to users like to any
//! business record: a city administrator manages the users of its region's organisations only.

use longzhi_domain::Status;
use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, PasswordPolicy, Rule, Username};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::{org, role, session, user, user_role};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::{Principal, scoped, unscoped, unscoped_by_id};
use crate::{Result, StoreError, password};

use super::roles::{RoleRef, assignable, permissions_of};
use super::{get_scoped, update_versioned};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: longzhi_domain::Status,
    pub must_change_password: bool,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub region_code: String,
    pub region_name: String,
    pub roles: Vec<RoleRef>,
    pub locked_until: Option<chrono::DateTime<Utc>>,
    pub last_login_at: Option<chrono::DateTime<Utc>>,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilter {
    /// User name, display name, phone or e-mail contains.
    pub q: Option<String>,
    pub org_id: Option<i64>,
    #[param(value_type = Option<longzhi_domain::Status>)]
    pub status: Option<String>,
    pub role_id: Option<i64>,
    /// Only users of organisations in this region's subtree.
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// The initial password; the user must change it at first sign-in.
    pub password: String,
    pub org_id: i64,
    #[serde(default)]
    pub role_ids: Vec<i64>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct UserUpdate {
    pub display_name: String,
    pub org_id: i64,
    pub role_ids: Vec<i64>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub version: i32,
}

/// Fills organisation, region and role names into views (three queries for any number of users).
pub(crate) async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<user::Model>,
) -> Result<Vec<UserView>> {
    let org_ids: Vec<i64> = rows.iter().map(|u| u.org_id).collect();
    let orgs: HashMap<i64, org::Model> =
        unscoped::<org::Entity>("names of the organisations of visible users")
            .filter(org::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    let regions = super::orgs::regions_by_id(db, orgs.values().map(|o| o.region_id)).await?;
    let links = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(rows.iter().map(|u| u.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let roles: HashMap<i64, role::Model> = role::Entity::find()
        .filter(role::Column::Id.is_in(links.iter().map(|l| l.role_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(rows
        .into_iter()
        .map(|u| {
            let o = orgs.get(&u.org_id);
            let r = o.and_then(|o| regions.get(&o.region_id));
            let user_roles = links
                .iter()
                .filter(|l| l.user_id == u.id)
                .filter_map(|l| roles.get(&l.role_id))
                .map(|r| RoleRef {
                    id: r.id,
                    code: r.code.clone(),
                    name: r.name.clone(),
                    name_en: r.name_en.clone(),
                })
                .collect();
            UserView {
                org_name: o.map(|o| o.name.clone()).unwrap_or_default(),
                org_kind: o.map(|o| o.kind.clone()).unwrap_or_default(),
                region_code: r.map(|r| r.code.clone()).unwrap_or_default(),
                region_name: r.map(|r| r.name.clone()).unwrap_or_default(),
                roles: user_roles,
                id: u.id,
                username: u.username,
                display_name: u.display_name,
                email: u.email,
                phone: u.phone,
                status: u.status,
                must_change_password: u.must_change_password,
                org_id: u.org_id,
                locked_until: u.locked_until,
                last_login_at: u.last_login_at,
                created_at: u.created_at,
                updated_at: u.updated_at,
                version: u.version,
            }
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &UserFilter,
    q: &PageQuery,
) -> Result<Page<UserView>> {
    let mut s = scoped::<user::Entity>(p);
    let cols = [
        user::Column::Username,
        user::Column::DisplayName,
        user::Column::Phone,
        user::Column::Email,
    ];
    if let Some(e) = f.q.as_deref().and_then(|t| contains_any(&cols, t)) {
        s = s.filter(e);
    }
    if let Some(o) = f.org_id {
        s = s.filter(user::Column::OrgId.eq(o));
    }
    if let Some(st) = &f.status {
        s = s.filter(user::Column::Status.eq(st.as_str()));
    }
    if let Some(code) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        let path = super::regions::by_code(db, code).await?.path;
        s = s.filter(user::Column::RegionPath.starts_with(path.as_str()));
    }
    if let Some(rid) = f.role_id {
        s = s.filter(
            user::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::RoleId.eq(rid))
                    .to_owned(),
            ),
        );
    }
    let sortable = [
        ("username", user::Column::Username),
        ("display_name", user::Column::DisplayName),
        ("status", user::Column::Status),
        ("created_at", user::Column::CreatedAt),
        ("last_login_at", user::Column::LastLoginAt),
    ];
    let page = paginate(db, s, q, &sortable, "username", user::Column::Id).await?;
    let items = views(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<UserView> {
    let u = get_scoped::<user::Entity, _>(db, p, id).await?;
    views(db, vec![u]).await?.pop().ok_or(StoreError::NotFound)
}

pub async fn by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<user::Model>> {
    Ok(
        unscoped::<user::Entity>("sign-in finds an account by its name")
            .filter(user::Column::Username.eq(username.trim().to_ascii_lowercase()))
            .one(db)
            .await?,
    )
}

/// The organisation a user is put in, which must be within the actor's scope.
async fn org_in_scope<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    org_id: i64,
) -> Result<Option<org::Model>> {
    match get_scoped::<org::Entity, _>(db, p, org_id).await {
        Ok(o) if p.covers(&o.region_path, o.id, None) || p.user_id == 0 => Ok(Some(o)),
        Ok(_) | Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The roles to give, each existing, active and assignable by the actor.
async fn roles_to_assign<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    ids: &[i64],
    errs: &mut FieldErrors,
) -> Result<Vec<i64>> {
    let roles = role::Entity::find()
        .filter(role::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?;
    for id in ids {
        match roles.iter().find(|r| r.id == *id) {
            None => errs.push(FieldError::new("role_ids", Rule::Exists).with("value", id)),
            Some(r) => {
                let scope = longzhi_domain::DataScope::parse(&r.data_scope)
                    .unwrap_or(longzhi_domain::DataScope::Own);
                if !assignable(p, scope, &permissions_of(r)) {
                    errs.push(
                        FieldError::new("role_ids", Rule::Range)
                            .with("value", id)
                            .with("reason", "exceeds_own"),
                    );
                }
            }
        }
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

async fn set_roles<C: ConnectionTrait>(db: &C, user_id: i64, role_ids: &[i64]) -> Result<()> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if !role_ids.is_empty() {
        user_role::Entity::insert_many(role_ids.iter().map(|r| user_role::ActiveModel {
            user_id: Set(user_id),
            role_id: Set(*r),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn check_contact(
    errs: &mut FieldErrors,
    email: Option<&str>,
    phone: Option<&str>,
) -> (Option<String>, Option<String>) {
    let email = errs.optional_text("email", email, 128);
    if let Some(e) = &email {
        let ok = e
            .split_once('@')
            .is_some_and(|(a, d)| !a.is_empty() && d.contains('.') && !d.starts_with('.'));
        if !ok {
            errs.push(FieldError::new("email", Rule::Format));
        }
    }
    let phone = errs.optional_text("phone", phone, 32);
    if let Some(ph) = &phone
        && !ph
            .chars()
            .all(|c| c.is_ascii_digit() || "+- ()".contains(c))
    {
        errs.push(FieldError::new("phone", Rule::Format));
    }
    (email, phone)
}

/// What the user snapshot in the audit log shows of roles.
#[derive(Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    user: &'a user::Model,
    role_ids: Vec<i64>,
}

async fn audited<'a, C: ConnectionTrait>(db: &C, u: &'a user::Model) -> Result<Audited<'a>> {
    let mut role_ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.role_id)
        .collect();
    role_ids.sort_unstable();
    Ok(Audited { user: u, role_ids })
}

fn target(u: &user::Model) -> Target<'_> {
    Target {
        entity: "user",
        id: u.id.to_string(),
        region_path: &u.region_path,
        org_id: Some(u.org_id),
    }
}

pub async fn create(db: &DatabaseConnection, p: &Principal, n: NewUser) -> Result<UserView> {
    let hash = password::hash_limited(n.password.clone()).await?;
    let txn = crate::backend::begin_write(db).await?;
    let after = create_in(&txn, p, n, &hash, true).await?;
    txn.commit().await?;
    views(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Creates a user in the caller's transaction, with `hash`, the hash of `n.password`, made before
/// the transaction began (argon2 takes tens of milliseconds: not while holding the write lock).
/// `must_change` forces a new password at first sign-in (always, except for demo users).
pub async fn create_in<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    n: NewUser,
    hash: &str,
    must_change: bool,
) -> Result<user::Model> {
    let mut errs = FieldErrors::new();
    let username = errs.check("username", Username::parse(&n.username));
    let display_name = errs.text("display_name", &n.display_name, 64);
    errs.check("password", PasswordPolicy::default().check(&n.password));
    let (email, phone) = check_contact(&mut errs, n.email.as_deref(), n.phone.as_deref());
    let org = org_in_scope(db, p, n.org_id).await?;
    if org.is_none() {
        errs.push(FieldError::new("org_id", Rule::Exists));
    }
    let role_ids = roles_to_assign(db, p, &n.role_ids, &mut errs).await?;
    errs.finish()?;
    let (Some(username), Some(org)) = (username, org) else {
        return Err(StoreError::NotFound);
    };
    if unscoped::<user::Entity>("user names are unique across every scope")
        .filter(user::Column::Username.eq(username.as_str()))
        .count(db)
        .await?
        > 0
    {
        return Err(StoreError::Duplicate {
            field: "username".into(),
        });
    }
    let now = Utc::now();
    let inserted = user::ActiveModel {
        username: Set(username.to_string()),
        display_name: Set(display_name.unwrap_or_default()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(hash.to_owned()),
        must_change_password: Set(must_change),
        status: Set(Status::Active),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(now),
        region_path: Set(org.region_path.clone()),
        org_id: Set(org.id),
        owner_id: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // A user's own record is theirs (the `own` scope).
    let mut am: user::ActiveModel = inserted.clone().into();
    am.owner_id = Set(Some(inserted.id));
    let after = am.update(db).await?;
    set_roles(db, after.id, &role_ids).await?;
    audit::record(
        db,
        p,
        target(&after),
        "create",
        None,
        Some(&audited(db, &after).await?),
    )
    .await?;
    Ok(after)
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    u: UserUpdate,
) -> Result<UserView> {
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<user::Entity, _>(&txn, p, id).await?;
    ensure_manageable(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let display_name = errs.text("display_name", &u.display_name, 64);
    let (email, phone) = check_contact(&mut errs, u.email.as_deref(), u.phone.as_deref());
    let org = org_in_scope(&txn, p, u.org_id).await?;
    if org.is_none() {
        errs.push(FieldError::new("org_id", Rule::Exists));
    }
    let role_ids = roles_to_assign(&txn, p, &u.role_ids, &mut errs).await?;
    errs.finish()?;
    let Some(org) = org else {
        return Err(StoreError::NotFound);
    };
    let before_audit = audited(&txn, &before).await?;
    let am = user::ActiveModel {
        display_name: Set(display_name.unwrap_or_default()),
        email: Set(email),
        phone: Set(phone),
        org_id: Set(org.id),
        region_path: Set(org.region_path.clone()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        user::Column::Id,
        user::Column::Version,
        id,
        u.version,
        am,
    )
    .await?;
    set_roles(&txn, id, &role_ids).await?;
    // The user's sessions carry the scope columns too.
    session::Entity::update_many()
        .col_expr(
            session::Column::RegionPath,
            sea_orm::sea_query::Expr::value(org.region_path.clone()),
        )
        .col_expr(
            session::Column::OrgId,
            sea_orm::sea_query::Expr::value(org.id),
        )
        .filter(session::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    let after = unscoped_by_id::<user::Entity, _>(id, "re-read after the scoped update")
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    audit::record(
        &txn,
        p,
        target(&after),
        "update",
        Some(&before_audit),
        Some(&audited(&txn, &after).await?),
    )
    .await?;
    txn.commit().await?;
    views(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// An actor manages (edits, enables or disables, resets, deletes) only a user whose every role,
/// in force or not, it could grant itself (`user.beyond_own` otherwise): else a city
/// administrator could reset the password of a province account placed in its city and sign in
/// as it.
async fn ensure_manageable<C: ConnectionTrait>(db: &C, p: &Principal, user_id: i64) -> Result<()> {
    let beyond = super::roles::held(db, user_id).await?.iter().any(|r| {
        let scope = longzhi_domain::DataScope::parse(&r.data_scope)
            .unwrap_or(longzhi_domain::DataScope::Own);
        !assignable(p, scope, &permissions_of(r))
    });
    if beyond {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::UserBeyondOwn));
    }
    Ok(())
}

/// Enables or disables an account; disabling also ends its sessions.
pub async fn set_status(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    status: &str,
    version: i32,
) -> Result<UserView> {
    let status = Status::parse("status", status)?;
    if id == p.user_id {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::UserSelf));
    }
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<user::Entity, _>(&txn, p, id).await?;
    ensure_manageable(&txn, p, id).await?;
    let am = user::ActiveModel {
        status: Set(status),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        user::Column::Id,
        user::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    if status == Status::Disabled {
        super::auth::revoke_all(&txn, id, None).await?;
    }
    let after = get_scoped::<user::Entity, _>(&txn, p, id).await?;
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
    views(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Sets a new initial password: the user must change it at next sign-in; their sessions end and
/// a lock-out is lifted.
pub async fn reset_password(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    new_password: &str,
) -> Result<()> {
    PasswordPolicy::default().check(new_password)?;
    let hash = password::hash_limited(new_password.to_owned()).await?;
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<user::Entity, _>(&txn, p, id).await?;
    ensure_manageable(&txn, p, id).await?;
    let mut am: user::ActiveModel = before.clone().into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(true);
    am.failed_logins = Set(0);
    am.locked_until = Set(None);
    am.version = Set(before.version + 1);
    am.updated_at = Set(Utc::now());
    let after = am.update(&txn).await?;
    super::auth::revoke_all(&txn, id, None).await?;
    super::throttle::clear(&txn, &super::throttle::user_key(&after.username)).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "reset_password",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes an account (never one's own), its role links and sessions.
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    if id == p.user_id {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::UserSelf));
    }
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<user::Entity, _>(&txn, p, id).await?;
    ensure_manageable(&txn, p, id).await?;
    let before_audit = audited(&txn, &before).await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    user::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        p,
        target(&before),
        "delete",
        Some(&before_audit),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Users per city-level region in the caller's scope (the dashboard's `users` metric).
pub async fn count_by_city<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
) -> Result<HashMap<String, u64>> {
    let paths: Vec<String> = scoped::<user::Entity>(p)
        .select_only()
        .column(user::Column::RegionPath)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = HashMap::new();
    for path in paths {
        if let Some(city) = super::regions::city_code(&path) {
            *counts.entry(city.to_owned()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// A user as an import file gives it: organisation and roles by code.
#[derive(Debug, Clone, Default)]
pub struct UserImport {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub org_code: String,
    /// Role codes separated by commas (either width) or 、.
    pub role_codes: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Creates the users of an import file, all or none.
pub async fn import(
    db: &DatabaseConnection,
    p: &Principal,
    rows: Vec<(usize, UserImport)>,
) -> Result<super::ImportOutcome> {
    // Every password is hashed before the write transaction opens: a few thousand rows of argon2
    // inside it would hold the write lock, and so every sign-in, for the whole request.
    let mut hashing = tokio::task::JoinSet::new();
    for (i, (_, u)) in rows.iter().enumerate() {
        if PasswordPolicy::default().check(&u.password).is_ok() {
            let pw = u.password.clone();
            hashing.spawn(async move { (i, password::hash_limited(pw).await) });
        }
    }
    let mut hashes = vec![String::new(); rows.len()];
    while let Some(done) = hashing.join_next().await {
        let (i, hash) = done.map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        hashes[i] = hash?;
    }
    let rows = rows
        .into_iter()
        .zip(hashes)
        .map(|((row, u), hash)| (row, Hashed(u, hash)))
        .collect();
    super::import_rows(db, p, rows).await
}

/// An imported user and the hash of its password (empty when the password breaks the policy,
/// which `create_in` reports).
struct Hashed(UserImport, String);

impl super::ImportRow for Hashed {
    async fn create(self, txn: &sea_orm::DatabaseTransaction, p: &Principal) -> Result<()> {
        let Hashed(row, hash) = self;
        // An unknown organisation becomes id -1, which `create_in` reports with every other
        // broken rule of the row; unknown role codes are reported here.
        let org_id = match super::orgs::by_code(txn, row.org_code.trim()).await {
            Ok(o) => o.id,
            Err(StoreError::NotFound) => -1,
            Err(e) => return Err(e),
        };
        let mut errs = FieldErrors::new();
        let mut role_ids = Vec::new();
        for code in row
            .role_codes
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            match super::roles::by_code(txn, code).await {
                Ok(role) => role_ids.push(role.id),
                Err(StoreError::NotFound) => {
                    errs.push(FieldError::new("role_codes", Rule::Exists).with("value", code))
                }
                Err(e) => return Err(e),
            }
        }
        let n = NewUser {
            username: row.username,
            display_name: row.display_name,
            password: row.password,
            org_id,
            role_ids,
            email: row.email,
            phone: row.phone,
        };
        match create_in(txn, p, n, &hash, true).await {
            Ok(_) => errs.finish().map_err(Into::into),
            Err(StoreError::Validation(found)) => {
                let renamed = found.0.into_iter().map(|e| match e.field.as_str() {
                    "org_id" => e.at("org_code"),
                    "role_ids" => e.at("role_codes"),
                    _ => e,
                });
                errs.0.extend(renamed);
                Err(StoreError::Validation(errs))
            }
            Err(e) => Err(e),
        }
    }
}
