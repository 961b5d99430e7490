//! Leases for scheduled jobs: of several servers, the one that takes the lease runs the job.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entity::lease;

/// Takes the lease `name` for `holder` until `now + ttl` if it is free or expired (or already
/// held by `holder`). Returns whether `holder` holds it now. Atomic on both databases: one
/// conditional `INSERT … ON CONFLICT DO UPDATE … WHERE`.
pub async fn try_acquire<C: ConnectionTrait>(
    db: &C,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> crate::Result<bool> {
    let row = lease::ActiveModel {
        name: Set(name.to_owned()),
        holder: Set(holder.to_owned()),
        expires_at: Set(now + ttl),
    };
    let mut on_conflict = OnConflict::column(lease::Column::Name);
    on_conflict
        .update_columns([lease::Column::Holder, lease::Column::ExpiresAt])
        .action_and_where(
            lease::Column::ExpiresAt
                .lt(now)
                .or(lease::Column::Holder.eq(holder)),
        );
    match lease::Entity::insert(row)
        .on_conflict(on_conflict)
        .exec_without_returning(db)
        .await
    {
        // A conflict refused by the WHERE inserts nothing: someone else holds the lease.
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
        Err(e) => return Err(e.into()),
    }
    let held = lease::Entity::find()
        .filter(lease::Column::Name.eq(name))
        .filter(lease::Column::Holder.eq(holder))
        .one(db)
        .await?;
    Ok(held.is_some_and(|l| l.expires_at > now))
}
