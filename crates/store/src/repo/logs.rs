//! The audit log and the login log, read in the caller's data scope.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::entity::{audit_log, login_log};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::{Principal, scoped};

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Actor user name contains.
    pub actor: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    /// From this instant (inclusive, RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (exclusive, RFC 3339).
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuditView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// The changed fields before (all fields for a delete).
    pub before: Option<serde_json::Value>,
    /// The changed fields after (all fields for a create).
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

impl From<audit_log::Model> for AuditView {
    fn from(m: audit_log::Model) -> Self {
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        Self {
            id: m.id,
            at: m.at,
            actor_id: m.actor_id,
            actor_name: m.actor_name,
            entity: m.entity,
            entity_id: m.entity_id,
            action: m.action,
            before: parse(m.before),
            after: parse(m.after),
            request_id: m.request_id,
        }
    }
}

pub async fn audit<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &AuditFilter,
    q: &PageQuery,
) -> Result<Page<AuditView>> {
    let mut s = scoped::<audit_log::Entity>(p);
    if let Some(e) = f
        .actor
        .as_deref()
        .and_then(|t| contains_any(&[audit_log::Column::ActorName], t))
    {
        s = s.filter(e);
    }
    if let Some(v) = &f.entity {
        s = s.filter(audit_log::Column::Entity.eq(v.as_str()));
    }
    if let Some(v) = &f.entity_id {
        s = s.filter(audit_log::Column::EntityId.eq(v.as_str()));
    }
    if let Some(v) = &f.action {
        s = s.filter(audit_log::Column::Action.eq(v.as_str()));
    }
    if let Some(t) = f.from {
        s = s.filter(audit_log::Column::At.gte(t));
    }
    if let Some(t) = f.to {
        s = s.filter(audit_log::Column::At.lt(t));
    }
    let sortable = [
        ("at", audit_log::Column::At),
        ("entity", audit_log::Column::Entity),
        ("actor_name", audit_log::Column::ActorName),
    ];
    Ok(paginate(db, s, q, &sortable, "-at", audit_log::Column::Id)
        .await?
        .map(Into::into))
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LoginLogFilter {
    /// User name or IP contains.
    pub q: Option<String>,
    pub success: Option<bool>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LoginLogView {
    pub id: i64,
    pub username: String,
    pub user_id: Option<i64>,
    pub success: bool,
    pub reason: String,
    pub ip: String,
    pub user_agent: String,
    pub at: DateTime<Utc>,
}

impl From<login_log::Model> for LoginLogView {
    fn from(m: login_log::Model) -> Self {
        Self {
            id: m.id,
            username: m.username,
            user_id: m.user_id,
            success: m.success,
            reason: m.reason,
            ip: m.ip,
            user_agent: m.user_agent,
            at: m.at,
        }
    }
}

pub async fn logins<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &LoginLogFilter,
    q: &PageQuery,
) -> Result<Page<LoginLogView>> {
    let mut s = scoped::<login_log::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[login_log::Column::Username, login_log::Column::Ip], t))
    {
        s = s.filter(e);
    }
    if let Some(v) = f.success {
        s = s.filter(login_log::Column::Success.eq(v));
    }
    if let Some(t) = f.from {
        s = s.filter(login_log::Column::At.gte(t));
    }
    if let Some(t) = f.to {
        s = s.filter(login_log::Column::At.lt(t));
    }
    let sortable = [
        ("at", login_log::Column::At),
        ("username", login_log::Column::Username),
    ];
    Ok(paginate(db, s, q, &sortable, "-at", login_log::Column::Id)
        .await?
        .map(Into::into))
}
