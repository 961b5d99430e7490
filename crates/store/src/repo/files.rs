//! Uploaded files: the type is decided by the content (magic bytes), never by the name a client
//! sends; the bytes go to the [`Storage`](crate::storage::Storage), the metadata to `files`.
//! A file is uploaded first, then attached to the record (a plan, a report) that refers to it.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use chrono::Utc;
use rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::entity::file;
use crate::scope::{Principal, unscoped, unscoped_by_id};
use crate::storage::Storage;
use crate::{Result, StoreError};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FileView {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: chrono::DateTime<Utc>,
}

impl From<file::Model> for FileView {
    fn from(f: file::Model) -> Self {
        Self {
            id: f.id,
            name: f.name,
            mime: f.mime,
            size: f.size,
            sha256: f.sha256,
            created_at: f.created_at,
        }
    }
}

/// The types a file may have, as `infer` names them.
const ALLOWED: [&str; 11] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/zip",
    "text/plain",
];

/// The content type of `bytes`, if it is one the platform accepts. Text (UTF-8 without control
/// characters other than whitespace) has no magic number and is recognised as such.
pub fn sniff(bytes: &[u8]) -> Result<&'static str> {
    let mime = match infer::get(bytes) {
        Some(t) => t.mime_type(),
        None if is_text(bytes) => "text/plain",
        None => {
            return Err(StoreError::Rule(
                longzhi_domain::ErrorCode::FileTypeNotAllowed,
            ));
        }
    };
    ALLOWED
        .iter()
        .find(|m| **m == mime)
        .copied()
        .ok_or(StoreError::Rule(
            longzhi_domain::ErrorCode::FileTypeNotAllowed,
        ))
}

fn is_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && std::str::from_utf8(bytes)
            .is_ok_and(|s| s.chars().all(|c| !c.is_control() || c.is_whitespace()))
}

/// The name a file is stored under: its base name, without path or control characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "file".into()
    } else {
        clean
    }
}

pub(crate) fn new_key() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Files never attached are removed after this long.
pub const UNATTACHED_TTL: chrono::Duration = chrono::Duration::days(1);

/// Refuses (`file.quota`) an upload that would take the caller past `upload.daily_quota_mb` in
/// the last 24 hours.
async fn check_quota<C: ConnectionTrait>(db: &C, p: &Principal, size: i64) -> Result<()> {
    let quota = super::params::get_int(db, super::params::Param::UploadDailyQuotaMb).await?;
    let since = Utc::now() - chrono::Duration::days(1);
    // A day's uploads of one user are few: summed here, the same on both databases.
    let used: i64 = unscoped::<file::Entity>("the caller's own uploads of the last day")
        .select_only()
        .column(file::Column::Size)
        .filter(file::Column::OwnerId.eq(p.actor_id()))
        .filter(file::Column::CreatedAt.gt(since))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .iter()
        .sum();
    if used + size > quota * 1024 * 1024 {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::FileQuota));
    }
    Ok(())
}

/// Stores an upload of the caller's; it belongs to them until it is attached.
pub async fn upload(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    p: &Principal,
    name: &str,
    bytes: Vec<u8>,
) -> Result<FileView> {
    let mime = sniff(&bytes)?;
    check_quota(db, p, bytes.len() as i64).await?;
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let size = bytes.len() as i64;
    let key = new_key();
    storage.put(&key, bytes).await?;
    let row = file::ActiveModel {
        name: Set(clean_name(name)),
        mime: Set(mime.into()),
        size: Set(size),
        sha256: Set(sha256),
        storage_key: Set(key.clone()),
        entity: Set(None),
        entity_id: Set(None),
        created_at: Set(Utc::now()),
        region_path: Set(p.region_path.clone()),
        org_id: Set(p.org_id),
        owner_id: Set(p.actor_id()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match row {
        Ok(f) => Ok(f.into()),
        Err(e) => {
            // No metadata, no bytes: the blob would be unreachable.
            let _ = storage.delete(&key).await;
            Err(e.into())
        }
    }
}

/// Attaches files to `entity`/`entity_id`: each must be an unattached upload of the caller's, or
/// already attached there. Files attached there before and not listed any more are detached.
pub async fn attach<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    ids: &[i64],
    entity: &str,
    entity_id: i64,
) -> Result<()> {
    let rows = unscoped::<file::Entity>("files to attach, each checked below")
        .filter(file::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    for id in ids {
        let ok = rows.iter().find(|f| f.id == *id).is_some_and(|f| {
            (f.entity.is_none() && f.owner_id == p.actor_id())
                || (f.entity.as_deref() == Some(entity) && f.entity_id == Some(entity_id))
        });
        if !ok {
            return Err(longzhi_domain::FieldError::new(
                "attachment_ids",
                longzhi_domain::Rule::Exists,
            )
            .with("value", id)
            .into());
        }
    }
    file::Entity::update_many()
        .col_expr(
            file::Column::Entity,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .col_expr(
            file::Column::EntityId,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .filter(file::Column::Entity.eq(entity))
        .filter(file::Column::EntityId.eq(entity_id))
        .filter(file::Column::Id.is_not_in(ids.iter().copied()))
        .exec(db)
        .await?;
    file::Entity::update_many()
        .col_expr(
            file::Column::Entity,
            sea_orm::sea_query::Expr::value(entity),
        )
        .col_expr(
            file::Column::EntityId,
            sea_orm::sea_query::Expr::value(entity_id),
        )
        .filter(file::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// The files attached to each of `ids` of `entity`.
pub async fn attached<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<FileView>>> {
    let rows = unscoped::<file::Entity>("the files of records the caller sees")
        .filter(file::Column::Entity.eq(entity))
        .filter(file::Column::EntityId.is_in(ids))
        .order_by_asc(file::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<i64, Vec<FileView>> = HashMap::new();
    for f in rows {
        if let Some(id) = f.entity_id {
            out.entry(id).or_default().push(f.into());
        }
    }
    Ok(out)
}

/// Whether a principal may see record `id`: a record kind's own permission and scope.
pub type SeesRecord = for<'a> fn(
    &'a DatabaseConnection,
    &'a Principal,
    i64,
) -> Pin<Box<dyn Future<Output = Result<bool>> + Send + 'a>>;

/// A kind of record files are attached to (`file.entity`), and who may see it: whoever may, may
/// download its files. Modules declare theirs (a plan, a progress report …).
pub struct Attachable {
    pub entity: &'static str,
    pub sees: SeesRecord,
}

/// A file and its bytes, for its uploader or whoever may see what it is attached to (`kinds`:
/// every kind of record files attach to).
pub async fn download(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    p: &Principal,
    id: i64,
    kinds: &[&Attachable],
) -> Result<(FileView, Vec<u8>)> {
    let f = unscoped_by_id::<file::Entity, _>(
        id,
        "a file is seen through what it is attached to, checked below",
    )
    .one(db)
    .await?
    .ok_or(StoreError::NotFound)?;
    // Whoever may see the record may download its files: the record's own permission and scope.
    let visible = match (f.entity.as_deref(), f.entity_id) {
        _ if f.owner_id.is_some() && f.owner_id == p.actor_id() => true,
        (Some(entity), Some(record)) => match kinds.iter().find(|k| k.entity == entity) {
            Some(kind) => (kind.sees)(db, p, record).await?,
            None => false,
        },
        _ => false,
    };
    if !visible {
        return Err(StoreError::NotFound);
    }
    let bytes = storage.get(&f.storage_key).await?;
    Ok((f.into(), bytes))
}

/// The daily purge ([`purge_unattached`]) for `day`, run by the holder that takes the day's lease:
/// how many files it removed, `None` when another holder had the lease.
pub async fn purge_daily(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    holder: &str,
    day: chrono::NaiveDate,
) -> Result<Option<usize>> {
    let now = Utc::now();
    let lease = format!("files-daily:{day}");
    if !crate::lease::try_acquire(db, &lease, holder, now, chrono::Duration::hours(36)).await? {
        return Ok(None);
    }
    purge_unattached(db, storage, now).await.map(Some)
}

/// Removes the files uploaded more than [`UNATTACHED_TTL`] before `now` and never attached, bytes
/// first (a row without bytes would fail its download; bytes without a row are unreachable and
/// are only wasted space if the row's removal then fails). Returns how many were removed.
pub async fn purge_unattached(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    now: chrono::DateTime<Utc>,
) -> Result<usize> {
    // System job: every user's unattached uploads, whatever their scope.
    let stale = unscoped::<file::Entity>("the daily purge of every user's stale uploads")
        .filter(file::Column::Entity.is_null())
        .filter(file::Column::CreatedAt.lt(now - UNATTACHED_TTL))
        .all(db)
        .await?;
    for f in &stale {
        storage.delete(&f.storage_key).await?;
        file::Entity::delete_by_id(f.id).exec(db).await?;
    }
    Ok(stale.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n...").unwrap(), "application/pdf");
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).unwrap(),
            "image/png"
        );
        assert_eq!(sniff("进展说明\n".as_bytes()).unwrap(), "text/plain");
        // An executable stays refused whatever it is called.
        assert!(matches!(
            sniff(b"MZ\x90\x00\x03\x00\x00\x00"),
            Err(StoreError::Rule(
                longzhi_domain::ErrorCode::FileTypeNotAllowed
            ))
        ));
        assert!(sniff(b"\x00\x01\x02binary").is_err());
        assert!(sniff(b"").is_err());
    }

    #[test]
    fn names_lose_their_paths() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\docs\\报告.pdf"), "报告.pdf");
        assert_eq!(clean_name(""), "file");
    }
}
