//! What the module's repositories share: record numbers, the producer an investigation or a
//! recall belongs to, audit targets and text checks.

use chrono::{Datelike, NaiveDate};
use longzhi_domain::{CreditCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::Target;
use longzhi_store::entity::org;
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

/// `DI-2026-0042`: the prefix, the year and the record's id (unique because the id is).
pub fn number(prefix: &str, on: NaiveDate, id: i64) -> String {
    format!("{prefix}-{}-{id:04}", on.year())
}

/// A placeholder number until the id is known (replaced in the same transaction).
pub fn pending_number() -> String {
    format!("pending-{}", uuid_like())
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos:x}-{:x}", std::process::id())
}

pub fn target<'a>(entity: &'a str, id: i64, region_path: &'a str, org_id: i64) -> Target<'a> {
    Target {
        entity,
        id: id.to_string(),
        region_path,
        org_id: Some(org_id),
    }
}

/// A producer: an enterprise organisation of the platform (its scope columns are where its
/// investigations and recalls belong).
pub type Producer = org::Model;

/// The enterprise whose unified social credit code is `code`, checked (a bad check character is
/// `Checksum`, an unknown enterprise `Exists` with the hint to register it under 组织管理).
pub async fn producer<C: ConnectionTrait>(
    db: &C,
    errs: &mut FieldErrors,
    field: &str,
    code: &str,
) -> Result<Option<Producer>> {
    let code = code.trim().to_uppercase();
    if code.is_empty() {
        errs.push(FieldError::new(field, Rule::Required));
        return Ok(None);
    }
    if let Err(e) = CreditCode::parse(&code) {
        errs.push(e.at(field));
        return Ok(None);
    }
    let found = unscoped::<org::Entity>("a producer is named by its credit code, in any region")
        .filter(org::Column::CreditCode.eq(code.as_str()))
        .filter(org::Column::Kind.eq("enterprise"))
        .one(db)
        .await?;
    let Some(org) = found else {
        errs.push(FieldError::new(field, Rule::Exists).with("value", code));
        return Ok(None);
    };
    Ok(Some(org))
}

/// The enterprise organisation `id` (the caller's own, for an enterprise user).
pub async fn producer_by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<Producer> {
    unscoped::<org::Entity>("the producer of a record the caller may write")
        .filter(org::Column::Id.eq(id))
        .filter(org::Column::Kind.eq("enterprise"))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The caller's own organisation when it is an enterprise (which then acts only for itself).
pub async fn own_enterprise<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Option<Producer>> {
    match producer_by_id(db, p.org_id).await {
        Ok(pr) => Ok(Some(pr)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}
