//! The audit log becomes a hash chain: `audit_logs.prev_hash` and `audit_logs.hash`, and the
//! one-row `audit_head` (last id and hash) that every append updates in the change's transaction
//! (see `crate::audit`). Entries written before this migration are chained here, in id order,
//! from the genesis hash, so an upgraded database verifies.

use sea_orm::{ConnectionTrait, DbErr};
use sea_orm_migration::{prelude::*, schema::*};

use super::schema::table_auto_plain;
use crate::audit::{Fields, GENESIS, HEAD_TABLE};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0003_audit_chain"
    }
}

/// Entries chained per query.
const BATCH: u64 = 500;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // The columns, the existing entries' hashes and the head appear together or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in ["prev_hash", "hash"] {
            m.alter_table(
                Table::alter()
                    .table("audit_logs")
                    .add_column(string(col).default(""))
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            table_auto_plain(HEAD_TABLE)
                .col(integer("id").primary_key())
                .col(big_integer("last_id"))
                .col(string("last_hash"))
                .to_owned(),
        )
        .await?;
        let (last_id, last_hash) = chain_existing(m.get_connection()).await?;
        let insert = Query::insert()
            .into_table(HEAD_TABLE)
            .columns(["id", "last_id", "last_hash"])
            .values([1.into(), last_id.into(), last_hash.into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        m.get_connection().execute(&insert).await?;
        Ok(())
    }
}

/// Hashes the entries written before the chain, in id order from the genesis hash; returns the
/// last id and hash (0 and the genesis hash for an empty log). Gaps in their ids (rolled-back
/// PostgreSQL sequence values) are linked over.
async fn chain_existing<C: ConnectionTrait>(db: &C) -> Result<(i64, String), DbErr> {
    let mut last_id = 0i64;
    let mut last_hash = GENESIS.to_owned();
    loop {
        let q = Query::select()
            .columns([
                "id",
                "at",
                "actor_id",
                "actor_name",
                "entity",
                "entity_id",
                "action",
                "before",
                "after",
                "request_id",
                "region_path",
                "org_id",
            ])
            .from("audit_logs")
            .and_where(Expr::col("id").gt(last_id))
            .order_by("id", Order::Asc)
            .limit(BATCH)
            .to_owned();
        let rows = db.query_all(&q).await?;
        if rows.is_empty() {
            break;
        }
        for r in rows {
            let id: i64 = r.try_get("", "id")?;
            let actor_name: String = r.try_get("", "actor_name")?;
            let entity: String = r.try_get("", "entity")?;
            let entity_id: String = r.try_get("", "entity_id")?;
            let action: String = r.try_get("", "action")?;
            let before: Option<String> = r.try_get("", "before")?;
            let after: Option<String> = r.try_get("", "after")?;
            let request_id: Option<String> = r.try_get("", "request_id")?;
            let region_path: String = r.try_get("", "region_path")?;
            let hash = Fields {
                id,
                at: r.try_get("", "at")?,
                actor_id: r.try_get("", "actor_id")?,
                actor_name: &actor_name,
                entity: &entity,
                entity_id: &entity_id,
                action: &action,
                before: before.as_deref(),
                after: after.as_deref(),
                request_id: request_id.as_deref(),
                region_path: &region_path,
                org_id: r.try_get("", "org_id")?,
                prev_hash: &last_hash,
            }
            .hash();
            let update = Query::update()
                .table("audit_logs")
                .value("prev_hash", last_hash.clone())
                .value("hash", hash.clone())
                .and_where(Expr::col("id").eq(id))
                .to_owned();
            db.execute(&update).await?;
            last_id = id;
            last_hash = hash;
        }
    }
    Ok((last_id, last_hash))
}
