//! Data sharing (数据共享): tokens issued to other systems (a statistics bureau's, a city's
//! platform), which push values with `Authorization: Bearer lzq_…`. A push is idempotent on
//! (indicator, region, year): the same value twice changes nothing; each rejected value comes
//! back with its index and a clear error, the others are stored.

use chrono::{DateTime, Utc};
use longzhi_domain::{FieldError, Rule};
use rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::entity::token;
use crate::indicators::by_code;
use crate::values::{self, Write};
use longzhi_store::audit::{self, Target};
use longzhi_store::repo::{by_id, regions};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};

const ENTITY: &str = "quality_token";
const PREFIX: &str = "lzq_";
/// Values in one push.
pub const MAX_PUSH: usize = 5000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    /// The token's first characters.
    pub prefix: String,
    /// The city whose values it may push; all when none.
    pub region_code: Option<String>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<token::Model> for TokenView {
    fn from(t: token::Model) -> Self {
        Self {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            region_code: t.region_code,
            created_by_name: t.created_by_name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A new token: shown this once, only its hash is kept.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssuedToken {
    pub token: String,
    pub view: TokenView,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewToken {
    /// The system it is issued to.
    pub name: String,
    /// Restrict it to one city's values.
    pub region_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PushValue {
    /// The indicator's code.
    pub indicator: String,
    /// The city-level region's code.
    pub region: String,
    pub year: i32,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct Push {
    pub values: Vec<PushValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rejected {
    /// The value's position in `values`, from 0.
    pub index: usize,
    pub field: String,
    pub code: Rule,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PushResult {
    /// Values stored or already equal.
    pub accepted: usize,
    pub rejected: Vec<Rejected>,
}

fn hash(token: &str) -> String {
    longzhi_store::repo::auth::digest(token)
}

fn audit_target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<TokenView>> {
    Ok(token::Entity::find()
        .order_by_desc(token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn issue(db: &DatabaseConnection, p: &Principal, n: NewToken) -> Result<IssuedToken> {
    let name = n.name.trim().to_owned();
    if name.is_empty() {
        return Err(FieldError::new("name", Rule::Required).into());
    }
    if name.chars().count() > 100 {
        return Err(FieldError::new("name", Rule::Length)
            .with("max", 100)
            .into());
    }
    let region_code = n.region_code.filter(|c| !c.is_empty());
    if let Some(code) = &region_code
        && !regions::cities(db).await?.iter().any(|r| &r.code == code)
    {
        return Err(FieldError::new("region_code", Rule::Exists).into());
    }
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let plain = format!("{PREFIX}{secret}");
    let txn = longzhi_store::backend::begin_write(db).await?;
    let t = token::ActiveModel {
        name: Set(name),
        prefix: Set(plain.chars().take(PREFIX.len() + 6).collect()),
        token_hash: Set(hash(&plain)),
        region_code: Set(region_code),
        created_by_name: Set(p.display_name.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let view = TokenView::from(t);
    audit::record(&txn, p, audit_target(view.id), "create", None, Some(&view)).await?;
    txn.commit().await?;
    Ok(IssuedToken { token: plain, view })
}

pub async fn revoke(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<TokenView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<token::Entity, _>(&txn, id).await?;
    if before.revoked_at.is_some() {
        return Ok(before.into());
    }
    let after = token::ActiveModel {
        id: Set(id),
        revoked_at: Set(Some(Utc::now())),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        audit_target(id),
        "revoke",
        Some(&TokenView::from(before)),
        Some(&TokenView::from(after.clone())),
    )
    .await?;
    txn.commit().await?;
    Ok(after.into())
}

/// The live token `plain` names, marked used; `None` for an unknown or revoked one.
pub async fn authenticate(db: &DatabaseConnection, plain: &str) -> Result<Option<token::Model>> {
    if !plain.starts_with(PREFIX) || plain.len() > 100 {
        return Ok(None);
    }
    let Some(t) = token::Entity::find()
        .filter(token::Column::TokenHash.eq(hash(plain)))
        .filter(token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    token::Entity::update_many()
        .col_expr(
            token::Column::LastUsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(token::Column::Id.eq(t.id))
        .exec(db)
        .await?;
    Ok(Some(t))
}

/// Who a token acts as in the audit log: the system, under the token's name.
pub fn principal(t: &token::Model, request_id: String) -> Principal {
    let mut p = Principal::system(request_id);
    p.username = format!("token:{}", t.name);
    p.display_name = t.name.clone();
    p
}

/// Stores the pushed values a token may push; rejects the others one by one.
pub async fn push(
    db: &DatabaseConnection,
    t: &token::Model,
    p: &Principal,
    push: Push,
    message: impl Fn(&FieldError) -> String,
) -> Result<PushResult> {
    if push.values.len() > MAX_PUSH {
        return Err(FieldError::new("values", Rule::Length)
            .with("max", MAX_PUSH)
            .into());
    }
    let catalogue = by_code(db).await?;
    let cities = regions::cities(db).await?;
    let this_year = longzhi_store::today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(2000);
    let txn = longzhi_store::backend::begin_write(db).await?;
    let mut accepted = 0;
    let mut rejected = Vec::new();
    for (index, v) in push.values.into_iter().enumerate() {
        let mut reject = |e: FieldError| {
            rejected.push(Rejected {
                index,
                message: message(&e),
                field: e.field.clone(),
                code: e.rule,
            });
        };
        let Some(ind) = catalogue
            .get(&v.indicator)
            .filter(|i| i.status == longzhi_domain::Status::Active)
        else {
            reject(FieldError::new("indicator", Rule::Exists).with("value", &v.indicator));
            continue;
        };
        let Some(region) = cities
            .iter()
            .find(|r| r.code == v.region)
            .filter(|r| t.region_code.as_ref().is_none_or(|c| *c == r.code))
        else {
            reject(FieldError::new("region", Rule::Exists).with("value", &v.region));
            continue;
        };
        if !(2000..=this_year).contains(&v.year) {
            reject(
                FieldError::new("year", Rule::Range)
                    .with("min", 2000)
                    .with("max", this_year),
            );
            continue;
        }
        if let Err(e) = values::check("value", ind, v.value) {
            reject(e);
            continue;
        }
        let held = match values::held(&txn, ind.id, &region.code, v.year).await {
            Ok(h) => h,
            Err(StoreError::Rule(_)) => {
                reject(FieldError::new("value", Rule::Unique).with("reason", "locked"));
                continue;
            }
            Err(e) => return Err(e),
        };
        values::write(
            &txn,
            p,
            Write {
                indicator: ind,
                region,
                year: v.year,
                value: v.value,
                note: v
                    .note
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| n.chars().take(1000).collect()),
                source: "push",
                published: !held,
            },
        )
        .await?;
        accepted += 1;
    }
    audit::record(
        &txn,
        p,
        audit_target(t.id),
        "push",
        None,
        Some(&json!({"accepted": accepted, "rejected": rejected.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(PushResult { accepted, rejected })
}
