//! Sign-in, sessions and passwords. Sessions live in the database (any server accepts any
//! session; a restart keeps them); the token is random and only its SHA-256 is stored.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use longzhi_domain::Status;
use longzhi_domain::{FieldError, PasswordPolicy, Rule};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::entity::{login_log, role, session, user};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::{Principal, scoped, unscoped, unscoped_by_id};
use crate::{Result, StoreError, password};

use super::params::{self, Param};
use super::throttle;

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginRefused {
    InvalidCredentials,
    /// The user name is locked (whether or not such an account exists).
    Locked {
        until: DateTime<Utc>,
    },
    /// Too many failures from the client's address.
    Throttled {
        until: DateTime<Utc>,
    },
    Disabled,
}

/// Why a session is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRefused {
    Unknown,
    Expired,
}

/// A new session.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub user: user::Model,
}

/// Where a request came from, for the login log and the session list.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
}

/// A signed-in request: the principal and its session.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub principal: Principal,
    pub session_id: String,
    pub csrf_token: String,
    pub must_change_password: bool,
}

/// A secret for a bearer (a session, a one-time link): 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a secret: its SHA-256 in hex (the secret itself is never stored).
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The stored id of a session token.
pub fn session_id(token: &str) -> String {
    digest(token)
}

fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

async fn log_login<C: ConnectionTrait>(
    db: &C,
    username: &str,
    u: Option<&user::Model>,
    reason: &str,
    client: &Client,
) -> Result<()> {
    login_log::ActiveModel {
        username: Set(clip(username, 64)),
        user_id: Set(u.map(|u| u.id)),
        success: Set(reason == "ok"),
        reason: Set(reason.into()),
        ip: Set(clip(&client.ip, 64)),
        user_agent: Set(clip(&client.user_agent, 256)),
        region_path: Set(u.map_or_else(|| "/".to_owned(), |u| u.region_path.clone())),
        org_id: Set(u.map(|u| u.org_id)),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Checks the password (always running argon2, so unknown names take as long as known ones),
/// applies the lock-out and the address throttle, writes the login log and opens a session.
pub async fn login(
    db: &DatabaseConnection,
    username: &str,
    pw: &str,
    client: &Client,
) -> Result<std::result::Result<NewSession, LoginRefused>> {
    let now = Utc::now();
    let keys = (throttle::user_key(username), throttle::ip_key(&client.ip));
    let found = super::users::by_username(db, username).await?;
    // While a lock is on, a guess costs one read and no hashing.
    if let Some(refused) = throttled(db, &keys, now, false).await? {
        log_login(db, username, found.as_ref(), refused.reason(), client).await?;
        return Ok(Err(refused));
    }
    let hash = found.as_ref().map_or_else(
        || password::dummy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = password::verify_limited(pw.to_owned(), hash).await?;
    let txn = crate::backend::begin_write(db).await?;
    // Concurrent guesses may have locked the name or the address while this one was hashing: the
    // check is repeated under the rows' locks, so not even the right password passes a lock.
    if let Some(refused) = throttled(&txn, &keys, now, true).await? {
        log_login(&txn, username, found.as_ref(), refused.reason(), client).await?;
        txn.commit().await?;
        return Ok(Err(refused));
    }
    let u = match found {
        Some(u) if matches => u,
        found => {
            let refused = count_failure(&txn, &keys, found.as_ref(), now).await?;
            log_login(&txn, username, found.as_ref(), refused.reason(), client).await?;
            txn.commit().await?;
            return Ok(Err(refused));
        }
    };
    if u.status != Status::Active {
        log_login(&txn, username, Some(&u), "disabled", client).await?;
        txn.commit().await?;
        return Ok(Err(LoginRefused::Disabled));
    }
    let idle = params::get_int(&txn, Param::SessionIdleMinutes).await?;
    let absolute = params::get_int(&txn, Param::SessionAbsoluteHours).await?;
    let token = random_token();
    let csrf_token = random_token();
    session::ActiveModel {
        id: Set(session_id(&token)),
        user_id: Set(u.id),
        csrf_token: Set(csrf_token.clone()),
        ip: Set(clip(&client.ip, 64)),
        user_agent: Set(clip(&client.user_agent, 256)),
        region_path: Set(u.region_path.clone()),
        org_id: Set(u.org_id),
        idle_minutes: Set(idle as i32),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(absolute)),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    throttle::clear(&txn, &keys.0).await?;
    user::Entity::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::LastLoginAt, Expr::value(now))
        .filter(user::Column::Id.eq(u.id))
        .exec(&txn)
        .await?;
    log_login(&txn, username, Some(&u), "ok", client).await?;
    txn.commit().await?;
    Ok(Ok(NewSession {
        token,
        csrf_token,
        user: u,
    }))
}

impl LoginRefused {
    /// The reason written to the login log.
    fn reason(&self) -> &'static str {
        match self {
            Self::InvalidCredentials => "invalid_credentials",
            Self::Locked { .. } => "locked",
            Self::Throttled { .. } => "throttled",
            Self::Disabled => "disabled",
        }
    }
}

/// The refusal a lock on the user name or on the client address imposes now, if any.
async fn throttled<C: ConnectionTrait>(
    db: &C,
    (name, ip): &(String, String),
    now: DateTime<Utc>,
    for_update: bool,
) -> Result<Option<LoginRefused>> {
    if let Some(until) = throttle::locked_until(db, name, now, for_update).await? {
        return Ok(Some(LoginRefused::Locked { until }));
    }
    Ok(throttle::locked_until(db, ip, now, for_update)
        .await?
        .map(|until| LoginRefused::Throttled { until }))
}

/// Counts a wrong password (or an unknown name) against the name and the address; the user's
/// row mirrors its count and lock for the administrators' list.
async fn count_failure<C: ConnectionTrait>(
    txn: &C,
    (name, ip): &(String, String),
    u: Option<&user::Model>,
    now: DateTime<Utc>,
) -> Result<LoginRefused> {
    let lock = Duration::minutes(params::get_int(txn, Param::AuthLockMinutes).await?);
    let max = params::get_int(txn, Param::AuthMaxFailures).await?;
    let ip_max = params::get_int(txn, Param::AuthIpMaxFailures).await?;
    let (failures, locked) = throttle::fail(txn, name, max, lock, now).await?;
    let (_, ip_locked) = throttle::fail(txn, ip, ip_max, lock, now).await?;
    if let Some(u) = u {
        user::Entity::update_many()
            .col_expr(user::Column::FailedLogins, Expr::value(failures))
            .col_expr(user::Column::LockedUntil, Expr::value(locked))
            .filter(user::Column::Id.eq(u.id))
            .exec(txn)
            .await?;
    }
    Ok(match (locked, ip_locked) {
        (Some(until), _) => LoginRefused::Locked { until },
        (None, Some(until)) => LoginRefused::Throttled { until },
        (None, None) => LoginRefused::InvalidCredentials,
    })
}

/// Last-seen times are written at most this often: a busy user does not write on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The principal behind a session token, if the session is live.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    token: &str,
    request_id: &str,
) -> Result<std::result::Result<Authenticated, SessionRefused>> {
    let now = Utc::now();
    let id = session_id(token);
    // It runs on every authenticated request: the session, its user and the user's roles come in
    // one round trip (a row per role).
    let mut rows = unscoped_by_id::<session::Entity, _>(
        id.clone(),
        "authentication finds the session of a token",
    )
    .find_also_related(user::Entity)
    .find_also(user::Entity, role::Entity)
    .all(db)
    .await?
    .into_iter();
    let Some((s, u, role)) = rows.next() else {
        return Ok(Err(SessionRefused::Unknown));
    };
    if s.revoked_at.is_some() {
        return Ok(Err(SessionRefused::Unknown));
    }
    if s.expires_at <= now || s.last_seen_at + Duration::minutes(s.idle_minutes.into()) <= now {
        return Ok(Err(SessionRefused::Expired));
    }
    let Some(u) = u.filter(|u| u.status == Status::Active) else {
        return Ok(Err(SessionRefused::Unknown));
    };
    let must_change_password = u.must_change_password;
    let roles = super::roles::in_force(role.into_iter().chain(rows.filter_map(|(_, _, r)| r)));
    let principal = principal(u, roles, request_id);
    if now - s.last_seen_at >= TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id.clone()))
            .exec(db)
            .await?;
    }
    Ok(Ok(Authenticated {
        principal,
        session_id: id,
        csrf_token: s.csrf_token,
        must_change_password,
    }))
}

/// The principal of the user named `username` (demo data act as the users they belong to).
pub async fn principal_named<C: ConnectionTrait>(
    db: &C,
    username: &str,
    request_id: &str,
) -> Result<Principal> {
    let u = super::users::by_username(db, username)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    principal_of(db, u, request_id).await
}

/// The principal of user `u`: its roles folded into one scope and one permission set.
pub async fn principal_of<C: ConnectionTrait>(
    db: &C,
    u: user::Model,
    request_id: &str,
) -> Result<Principal> {
    let roles = super::roles::of_user(db, u.id).await?;
    Ok(principal(u, roles, request_id))
}

fn principal(u: user::Model, roles: Vec<role::Model>, request_id: &str) -> Principal {
    let (scope, permissions) = super::roles::fold(&roles);
    Principal {
        user_id: u.id,
        username: u.username,
        display_name: u.display_name,
        org_id: u.org_id,
        region_path: u.region_path,
        scope,
        permissions,
        role_codes: roles.into_iter().map(|r| r.code).collect(),
        request_id: request_id.to_owned(),
    }
}

/// Ends the session of `token` (logging out) and records it in the login log.
pub async fn logout(db: &DatabaseConnection, a: &Authenticated, client: &Client) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    revoke(&txn, &a.session_id).await?;
    let u = unscoped_by_id::<user::Entity, _>(a.principal.user_id, "the caller's own account")
        .one(&txn)
        .await?;
    log_login(&txn, &a.principal.username, u.as_ref(), "logout", client).await?;
    txn.commit().await?;
    Ok(())
}

async fn revoke<C: ConnectionTrait>(db: &C, id: &str) -> Result<bool> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Ends every session of a user, except `keep` (the session changing its own password).
pub async fn revoke_all<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    keep: Option<&str>,
) -> Result<()> {
    let mut q = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(k) = keep {
        q = q.filter(session::Column::Id.ne(k));
    }
    q.exec(db).await?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    pub old_password: String,
    pub new_password: String,
}

/// Changes one's own password: the old one must match, the new one must meet the policy and
/// differ; the other sessions of the user end.
pub async fn change_password(
    db: &DatabaseConnection,
    a: &Authenticated,
    c: &PasswordChange,
) -> Result<()> {
    let u = unscoped_by_id::<user::Entity, _>(a.principal.user_id, "the caller's own account")
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let ok = password::verify_limited(c.old_password.clone(), u.password_hash.clone()).await?;
    if !ok {
        return Err(FieldError::new("old_password", Rule::Exists).into());
    }
    PasswordPolicy::default()
        .check(&c.new_password)
        .map_err(|e| e.at("new_password"))?;
    if c.new_password == c.old_password {
        return Err(FieldError::new("new_password", Rule::Unique).into());
    }
    let hash = password::hash_limited(c.new_password.clone()).await?;
    let txn = crate::backend::begin_write(db).await?;
    let now = Utc::now();
    let mut am: user::ActiveModel = u.clone().into();
    am.password_hash = Set(hash);
    am.must_change_password = Set(false);
    am.password_changed_at = Set(now);
    am.version = Set(u.version + 1);
    am.updated_at = Set(now);
    let after = am.update(&txn).await?;
    revoke_all(&txn, u.id, Some(&a.session_id)).await?;
    let target = crate::audit::Target {
        entity: "user",
        id: u.id.to_string(),
        region_path: &u.region_path,
        org_id: Some(u.org_id),
    };
    crate::audit::record(
        &txn,
        &a.principal,
        target,
        "change_password",
        Some(&u),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A session as listed to its owner or to an administrator.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SessionView {
    /// The session's public id (the SHA-256 of its token; not a credential).
    pub id: String,
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Whether it is the session making the request.
    pub current: bool,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SessionFilter {
    /// IP or user agent contains.
    pub q: Option<String>,
    pub user_id: Option<i64>,
}

fn live(now: DateTime<Utc>) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(session::Column::RevokedAt.is_null())
        .add(session::Column::ExpiresAt.gt(now))
}

async fn session_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<session::Model>,
    current: &str,
) -> Result<Vec<SessionView>> {
    let users: std::collections::HashMap<i64, user::Model> =
        unscoped::<user::Entity>("names of the users of sessions already in scope")
            .filter(user::Column::Id.is_in(rows.iter().map(|s| s.user_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
    let now = Utc::now();
    Ok(rows
        .into_iter()
        // Idle-expired sessions are dead although their row says nothing yet.
        .filter(|s| s.last_seen_at + Duration::minutes(s.idle_minutes.into()) > now)
        .map(|s| {
            let u = users.get(&s.user_id);
            SessionView {
                current: s.id == current,
                username: u.map(|u| u.username.clone()).unwrap_or_default(),
                display_name: u.map(|u| u.display_name.clone()).unwrap_or_default(),
                id: s.id,
                user_id: s.user_id,
                ip: s.ip,
                user_agent: s.user_agent,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                expires_at: s.expires_at,
            }
        })
        .collect())
}

/// The caller's own live sessions.
pub async fn own_sessions<C: ConnectionTrait>(
    db: &C,
    a: &Authenticated,
) -> Result<Vec<SessionView>> {
    let rows = unscoped::<session::Entity>("the caller's own sessions")
        .filter(session::Column::UserId.eq(a.principal.user_id))
        .filter(live(Utc::now()))
        .all(db)
        .await?;
    session_views(db, rows, &a.session_id).await
}

/// Ends one of the caller's own sessions.
pub async fn revoke_own(db: &DatabaseConnection, a: &Authenticated, id: &str) -> Result<()> {
    let own = unscoped_by_id::<session::Entity, _>(
        id.to_owned(),
        "the caller's own sessions, checked below",
    )
    .one(db)
    .await?
    .filter(|s| s.user_id == a.principal.user_id && s.revoked_at.is_none());
    if own.is_none() {
        return Err(StoreError::NotFound);
    }
    revoke(db, id).await?;
    Ok(())
}

/// Live sessions in the administrator's scope.
pub async fn online<C: ConnectionTrait>(
    db: &C,
    a: &Authenticated,
    f: &SessionFilter,
    q: &PageQuery,
) -> Result<Page<SessionView>> {
    let mut s = scoped::<session::Entity>(&a.principal).filter(live(Utc::now()));
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[session::Column::Ip, session::Column::UserAgent], t))
    {
        s = s.filter(e);
    }
    if let Some(u) = f.user_id {
        s = s.filter(session::Column::UserId.eq(u));
    }
    let sortable = [
        ("created_at", session::Column::CreatedAt),
        ("last_seen_at", session::Column::LastSeenAt),
    ];
    let page = paginate(db, s, q, &sortable, "-last_seen_at", session::Column::Id).await?;
    let items = session_views(db, page.items, &a.session_id).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// Forces a session in the administrator's scope to end.
pub async fn force_logout(db: &DatabaseConnection, a: &Authenticated, id: &str) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    let s = scoped::<session::Entity>(&a.principal)
        .filter(session::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !revoke(&txn, id).await? {
        return Err(StoreError::NotFound);
    }
    let target = crate::audit::Target {
        entity: "session",
        id: s.user_id.to_string(),
        region_path: &s.region_path,
        org_id: Some(s.org_id),
    };
    crate::audit::record(&txn, &a.principal, target, "force_logout", Some(&s), None).await?;
    txn.commit().await?;
    Ok(())
}
