//! Background jobs: what a user asks for that takes longer than a request (a yearly report, a
//! sensitivity analysis). The request queues a job; whichever server takes it first runs it under
//! a lease it renews with every progress step, so a job whose server died is taken again once the
//! lease runs out (at most [`MAX_ATTEMPTS`] times). The asker follows its progress and downloads
//! its file. Jobs are scoped records: the asker's organisation and region, the asker as owner.

use chrono::{DateTime, Duration, Utc};
use longzhi_domain::JobStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::entity::{file, job};
use crate::repo::get_scoped;
use crate::scope::{Principal, scoped, unscoped};
use crate::storage::Storage;
use crate::{Result, StoreError};

/// How long a server holds a job without a sign of life before another may take it.
pub const LEASE: Duration = Duration::seconds(60);
/// A job taken this often without finishing fails: it would kill every server that runs it.
pub const MAX_ATTEMPTS: i32 = 3;
/// The record kind a job's file is attached to.
pub const ENTITY: &str = "job";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JobView {
    pub id: i64,
    pub kind: String,
    pub params: Value,
    pub status: JobStatus,
    /// 0–100.
    pub progress: i32,
    /// The last progress step, or why it failed.
    pub message: Option<String>,
    pub result: Option<Value>,
    /// The file it produced, downloadable at `/files/{id}`.
    pub file_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<job::Model> for JobView {
    fn from(j: job::Model) -> Self {
        let json = |s: &str| serde_json::from_str(s).unwrap_or(Value::Null);
        Self {
            params: json(&j.params),
            result: j.result.as_deref().map(json),
            id: j.id,
            kind: j.kind,
            status: j.status,
            progress: j.progress,
            message: j.message,
            file_id: j.file_id,
            created_at: j.created_at,
            started_at: j.started_at,
            finished_at: j.finished_at,
        }
    }
}

/// Queues a job of `kind` with `params` for the principal.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    kind: &str,
    params: &Value,
) -> Result<JobView> {
    let j = job::ActiveModel {
        kind: Set(kind.to_owned()),
        params: Set(params.to_string()),
        status: Set(JobStatus::Queued),
        progress: Set(0),
        attempts: Set(0),
        created_at: Set(Utc::now()),
        region_path: Set(p.region_path.clone()),
        org_id: Set(p.org_id),
        owner_id: Set(p.actor_id()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(j.into())
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<JobView> {
    Ok(get_scoped::<job::Entity, _>(db, p, id).await?.into())
}

/// The principal's latest jobs of `kind`, newest first.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    kind: &str,
    limit: u64,
) -> Result<Vec<JobView>> {
    Ok(scoped::<job::Entity>(p)
        .filter(job::Column::Kind.eq(kind))
        .order_by_desc(job::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Whether the principal may see job `id` (and so download its file).
pub async fn visible(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<bool> {
    Ok(get_scoped::<job::Entity, _>(db, p, id).await.is_ok())
}

/// A queued job, or one whose holder's lease ran out, becomes `holder`'s: the oldest of `kinds`.
/// The conditional update makes the taking atomic among servers.
pub async fn claim(
    db: &DatabaseConnection,
    holder: &str,
    kinds: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<job::Model>> {
    let takeable = || {
        Condition::any()
            .add(job::Column::Status.eq(JobStatus::Queued.as_str()))
            .add(
                Condition::all()
                    .add(job::Column::Status.eq(JobStatus::Running.as_str()))
                    .add(job::Column::LeaseUntil.lt(now)),
            )
    };
    let candidates = unscoped::<job::Entity>("the worker takes any asker's job")
        .filter(job::Column::Kind.is_in(kinds.iter().copied()))
        .filter(takeable())
        .order_by_asc(job::Column::Id)
        .limit(5)
        .all(db)
        .await?;
    for j in candidates {
        if j.attempts >= MAX_ATTEMPTS {
            fail(
                db,
                j.id,
                None,
                "gave up: the job stopped its server every time",
            )
            .await?;
            continue;
        }
        let taken = job::Entity::update_many()
            .col_expr(
                job::Column::Status,
                Expr::value(JobStatus::Running.as_str()),
            )
            .col_expr(job::Column::Holder, Expr::value(holder))
            .col_expr(job::Column::LeaseUntil, Expr::value(now + LEASE))
            .col_expr(job::Column::Attempts, Expr::value(j.attempts + 1))
            .col_expr(job::Column::StartedAt, Expr::value(now))
            .filter(job::Column::Id.eq(j.id))
            .filter(job::Column::Attempts.eq(j.attempts))
            .filter(takeable())
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(unscoped::<job::Entity>("the job just taken")
                .filter(job::Column::Id.eq(j.id))
                .one(db)
                .await?);
        }
    }
    Ok(None)
}

/// Records progress and renews the lease; `false` when the job is no longer `holder`'s (its
/// lease ran out and another server took it), so the caller stops.
pub async fn progress(
    db: &DatabaseConnection,
    id: i64,
    holder: &str,
    percent: i32,
    message: &str,
) -> Result<bool> {
    let r = job::Entity::update_many()
        .col_expr(job::Column::Progress, Expr::value(percent.clamp(0, 100)))
        .col_expr(job::Column::Message, Expr::value(message))
        .col_expr(job::Column::LeaseUntil, Expr::value(Utc::now() + LEASE))
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::Holder.eq(holder))
        .filter(job::Column::Status.eq(JobStatus::Running.as_str()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// What a finished job leaves: an answer, and a file.
#[derive(Debug, Default)]
pub struct Output {
    pub result: Option<Value>,
    pub file: Option<OutputFile>,
}

#[derive(Debug)]
pub struct OutputFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Stores the job's output (its file attached to the job, owned by the asker) and marks it done.
pub async fn finish(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    j: &job::Model,
    holder: &str,
    out: Output,
) -> Result<()> {
    let file_id = match out.file {
        Some(f) => Some(store_file(db, storage, j, f).await?),
        None => None,
    };
    let r = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(JobStatus::Done.as_str()))
        .col_expr(job::Column::Progress, Expr::value(100))
        .col_expr(
            job::Column::Result,
            Expr::value(out.result.map(|v| v.to_string())),
        )
        .col_expr(job::Column::FileId, Expr::value(file_id))
        .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
        .col_expr(job::Column::Holder, Expr::value(Option::<String>::None))
        .filter(job::Column::Id.eq(j.id))
        .filter(job::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Marks a job failed with `message` (when `holder` still holds it, or whoever did).
pub async fn fail(
    db: &DatabaseConnection,
    id: i64,
    holder: Option<&str>,
    message: &str,
) -> Result<()> {
    let mut q = job::Entity::update_many()
        .col_expr(job::Column::Status, Expr::value(JobStatus::Failed.as_str()))
        .col_expr(job::Column::Message, Expr::value(message))
        .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
        .col_expr(job::Column::Holder, Expr::value(Option::<String>::None))
        .filter(job::Column::Id.eq(id));
    if let Some(h) = holder {
        q = q.filter(job::Column::Holder.eq(h));
    }
    q.exec(db).await?;
    Ok(())
}

async fn store_file(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    j: &job::Model,
    f: OutputFile,
) -> Result<i64> {
    let sha256: String = Sha256::digest(&f.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = super::files::new_key();
    let size = f.bytes.len() as i64;
    storage.put(&key, f.bytes).await?;
    let row = file::ActiveModel {
        name: Set(f.name),
        mime: Set(f.mime.into()),
        size: Set(size),
        sha256: Set(sha256),
        storage_key: Set(key.clone()),
        entity: Set(Some(ENTITY.into())),
        entity_id: Set(Some(j.id)),
        created_at: Set(Utc::now()),
        region_path: Set(j.region_path.clone()),
        org_id: Set(j.org_id),
        owner_id: Set(j.owner_id),
        ..Default::default()
    }
    .insert(db)
    .await;
    match row {
        Ok(f) => Ok(f.id),
        Err(e) => {
            let _ = storage.delete(&key).await;
            Err(e.into())
        }
    }
}
