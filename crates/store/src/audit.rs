//! The audit log: who changed what, when, with the fields before and after. Written by the
//! repositories inside the transaction of the change, so a change without its entry (or an entry
//! without its change) cannot exist: an audit write that fails fails the change.
//!
//! **The hash chain.** Every entry stores `prev_hash`, the hash of the entry before it (64 zeros
//! for the first), and `hash`, the hex SHA-256 of its canonical encoding ([`Fields::hash`]: every
//! stored field and `prev_hash`). The one row of `audit_head` holds the last id and hash; an append
//! ([`record`]) updates it first, which takes its row lock on PostgreSQL (SQLite write
//! transactions already hold the database's write lock), so appends from concurrent transactions
//! and from several servers form one chain in commit order, with consecutive ids. [`verify`] walks
//! the chain and names the first entry that was changed, removed, reordered or added outside it.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::entity::audit_log;
use crate::scope::{Principal, unscoped};

/// Fields that change on every write and say nothing about it.
const NOISE: [&str; 2] = ["version", "updated_at"];

/// The one-row table that holds the end of the chain (`id` 1, `last_id`, `last_hash`).
pub const HEAD_TABLE: &str = "audit_head";

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The entity, record and scope an audit entry is about.
pub struct Target<'a> {
    pub entity: &'a str,
    pub id: String,
    pub region_path: &'a str,
    pub org_id: Option<i64>,
}

/// Records `action` on `target`. `before`/`after` are the record's states (None for a create /
/// a delete); for an update only the fields that differ are kept.
///
/// `db` must be the transaction of the change: the entry is appended to the chain and the chain's
/// head is updated (and, on PostgreSQL, stays locked) until that transaction ends. Any error must
/// be propagated so that the change is rolled back with it.
pub async fn record<C: ConnectionTrait, T: Serialize>(
    db: &C,
    p: &Principal,
    target: Target<'_>,
    action: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> crate::Result<()> {
    let before = before.map(to_object);
    let after = after.map(to_object);
    let (before, after) = match (before, after) {
        (Some(b), Some(a)) => {
            let (b, a) = diff(b, a);
            (Some(b), Some(a))
        }
        other => other,
    };
    let entry = audit_log::Model {
        id: 0,
        at: Utc::now().trunc_subsecs(6),
        actor_id: p.actor_id(),
        actor_name: p.username.clone(),
        entity: target.entity.to_owned(),
        entity_id: target.id,
        action: action.to_owned(),
        before: before.map(|v| Value::Object(v).to_string()),
        after: after.map(|v| Value::Object(v).to_string()),
        request_id: Some(p.request_id.clone()),
        region_path: target.region_path.to_owned(),
        org_id: target.org_id,
        prev_hash: String::new(),
        hash: String::new(),
    };
    append(db, entry).await?;
    Ok(())
}

/// Appends `entry` (its `id`, `prev_hash` and `hash` are set here) to the chain.
async fn append<C: ConnectionTrait>(
    db: &C,
    mut entry: audit_log::Model,
) -> crate::Result<audit_log::Model> {
    // Reserving the next id is the first write: it locks the head row until the transaction ends
    // (PostgreSQL), so no other transaction can append between this read and the commit.
    let reserve = Query::update()
        .table(HEAD_TABLE)
        .value("last_id", Expr::col("last_id").add(1))
        .and_where(Expr::col("id").eq(1))
        .returning(Query::returning().columns(["last_id", "last_hash"]))
        .to_owned();
    let head = db
        .query_one(&reserve)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("the audit chain has no head ({HEAD_TABLE})")))?;
    entry.id = head.try_get("", "last_id")?;
    entry.prev_hash = head.try_get("", "last_hash")?;
    entry.at = entry.at.trunc_subsecs(6);
    entry.hash = Fields::of(&entry).hash();
    let am = audit_log::ActiveModel {
        id: Set(entry.id),
        at: Set(entry.at),
        actor_id: Set(entry.actor_id),
        actor_name: Set(entry.actor_name.clone()),
        entity: Set(entry.entity.clone()),
        entity_id: Set(entry.entity_id.clone()),
        action: Set(entry.action.clone()),
        before: Set(entry.before.clone()),
        after: Set(entry.after.clone()),
        request_id: Set(entry.request_id.clone()),
        region_path: Set(entry.region_path.clone()),
        org_id: Set(entry.org_id),
        prev_hash: Set(entry.prev_hash.clone()),
        hash: Set(entry.hash.clone()),
    };
    audit_log::Entity::insert(am)
        .exec_without_returning(db)
        .await?;
    let advance = Query::update()
        .table(HEAD_TABLE)
        .value("last_hash", entry.hash.clone())
        .and_where(Expr::col("id").eq(1))
        .to_owned();
    db.execute(&advance).await?;
    Ok(entry)
}

/// What the hash of an entry covers, in its canonical order (version 1 of the encoding).
///
/// The encoding is the compact JSON array `["longzhi-audit/1", id, at, actor_id, actor_name,
/// entity, entity_id, action, before, after, request_id, region_path, org_id, prev_hash]`:
/// absent values are `null`, `at` is RFC 3339 UTC with exactly six fractional digits, `before` and
/// `after` are the stored JSON texts as strings. Changing it would break every existing chain.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub region_path: &'a str,
    pub org_id: Option<i64>,
    pub prev_hash: &'a str,
}

impl<'a> Fields<'a> {
    pub fn of(m: &'a audit_log::Model) -> Self {
        Fields {
            id: m.id,
            at: m.at,
            actor_id: m.actor_id,
            actor_name: &m.actor_name,
            entity: &m.entity,
            entity_id: &m.entity_id,
            action: &m.action,
            before: m.before.as_deref(),
            after: m.after.as_deref(),
            request_id: m.request_id.as_deref(),
            region_path: &m.region_path,
            org_id: m.org_id,
            prev_hash: &m.prev_hash,
        }
    }

    /// The canonical encoding the hash is taken of.
    pub fn canonical(&self) -> String {
        let at = self
            .at
            .trunc_subsecs(6)
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string();
        serde_json::json!([
            "longzhi-audit/1",
            self.id,
            at,
            self.actor_id,
            self.actor_name,
            self.entity,
            self.entity_id,
            self.action,
            self.before,
            self.after,
            self.request_id,
            self.region_path,
            self.org_id,
            self.prev_hash,
        ])
        .to_string()
    }

    /// Hex SHA-256 of [`Self::canonical`].
    pub fn hash(&self) -> String {
        Sha256::digest(self.canonical().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The first broken link of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Break {
    /// The entry's fields no longer give its stored hash: a field was changed.
    Altered {
        id: i64,
        expected: String,
        stored: String,
    },
    /// The entry does not follow the one before it: its `prev_hash` is not that entry's hash
    /// (entries reordered, or the entry before replaced and re-hashed).
    Unlinked {
        id: i64,
        expected: String,
        stored: String,
    },
    /// Entries `from..=to` are missing: deleted (at the end of the chain too).
    Missing { from: i64, to: i64 },
    /// The last entry is not the one the head records (`expected` is the head's hash).
    Head {
        id: i64,
        expected: String,
        stored: String,
    },
    /// The entry lies beyond the head: it was added without appending to the chain.
    Unchained { id: i64 },
    /// The entry's hash is not the one an earlier verification gave for it ([`Anchor`]): the
    /// chain was rewritten from this entry or before it, the head included.
    Rewritten {
        id: i64,
        expected: String,
        stored: String,
    },
}

impl Break {
    /// The entry the break is reported at (the first missing one for [`Break::Missing`]).
    pub fn id(&self) -> i64 {
        match self {
            Break::Altered { id, .. }
            | Break::Unlinked { id, .. }
            | Break::Head { id, .. }
            | Break::Unchained { id }
            | Break::Rewritten { id, .. } => *id,
            Break::Missing { from, .. } => *from,
        }
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Altered {
                id,
                expected,
                stored,
            } => write!(
                f,
                "entry {id} was altered: its fields hash to {expected}, stored hash {stored}"
            ),
            Break::Unlinked {
                id,
                expected,
                stored,
            } => write!(
                f,
                "entry {id} does not follow the entry before it: expected prev_hash {expected}, \
                 stored {stored}"
            ),
            Break::Missing { from, to } if from == to => {
                write!(f, "entry {from} is missing (deleted)")
            }
            Break::Missing { from, to } => {
                write!(f, "entries {from} to {to} are missing (deleted)")
            }
            Break::Head {
                id,
                expected,
                stored,
            } => write!(
                f,
                "entry {id} is not the head of the chain: the head records hash {expected}, \
                 the entry has {stored}"
            ),
            Break::Unchained { id } => write!(
                f,
                "entry {id} lies beyond the head of the chain (added outside the audit log)"
            ),
            Break::Rewritten {
                id,
                expected,
                stored,
            } => write!(
                f,
                "entry {id} was rewritten: its hash was {expected} when anchored, now {stored}"
            ),
        }
    }
}

/// An entry's id and hash from an earlier verification (its head line), kept outside the
/// database; written and parsed as `ID:HASH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: i64,
    pub hash: String,
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.id, self.hash)
    }
}

impl std::str::FromStr for Anchor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?} is not ID:HASH (an entry id and its 64 hex digits)");
        let (id, hash) = s.split_once(':').ok_or_else(bad)?;
        let id = id.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Anchor { id, hash })
    }
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Entries checked (up to the head read at the start).
    pub entries: u64,
    /// The head: the last entry's id and hash (0 and [`GENESIS`] for an empty log).
    pub last_id: i64,
    pub last_hash: String,
    /// The first broken link, if any.
    pub broken: Option<Break>,
}

/// Entries read per query while verifying.
const BATCH: u64 = 1000;

async fn head<C: ConnectionTrait>(db: &C) -> crate::Result<(i64, String)> {
    let q = Query::select()
        .columns(["last_id", "last_hash"])
        .from(HEAD_TABLE)
        .and_where(Expr::col("id").eq(1))
        .to_owned();
    let row = db
        .query_one(&q)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("the audit chain has no head ({HEAD_TABLE})")))?;
    Ok((row.try_get("", "last_id")?, row.try_get("", "last_hash")?))
}

/// Walks the chain in id order up to the head (read first, so appends running meanwhile do not
/// disturb it) and returns the first broken link: an entry whose fields do not give its hash, an
/// entry that does not follow the one before it, missing entries (deleted in the middle or at the
/// end), or entries beyond the head.
pub async fn verify<C: ConnectionTrait>(db: &C) -> crate::Result<Verification> {
    verify_anchored(db, &[]).await
}

/// [`verify`], and each anchored entry must still have its anchored hash: this catches a chain
/// rewritten from some entry on together with its head, which is consistent in itself.
pub async fn verify_anchored<C: ConnectionTrait>(
    db: &C,
    anchors: &[Anchor],
) -> crate::Result<Verification> {
    let (head_id, head_hash) = head(db).await?;
    let mut prev_id = 0;
    let mut prev_hash = GENESIS.to_owned();
    let mut entries = 0;
    let done = |entries, broken| {
        Ok(Verification {
            entries,
            last_id: head_id,
            last_hash: head_hash.clone(),
            broken: Some(broken),
        })
    };
    loop {
        let batch = unscoped::<audit_log::Entity>("the audit chain is verified whole")
            .filter(audit_log::Column::Id.gt(prev_id))
            .filter(audit_log::Column::Id.lte(head_id))
            .order_by_asc(audit_log::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let last = batch.len() < BATCH as usize;
        for e in batch {
            if e.prev_hash != prev_hash {
                // Ids before the chain existed may have gaps that the upgrade linked over; a gap
                // with a broken link is a deletion.
                let broken = if e.id > prev_id + 1 {
                    Break::Missing {
                        from: prev_id + 1,
                        to: e.id - 1,
                    }
                } else {
                    Break::Unlinked {
                        id: e.id,
                        expected: prev_hash,
                        stored: e.prev_hash,
                    }
                };
                return done(entries, broken);
            }
            let expected = Fields::of(&e).hash();
            if expected != e.hash {
                return done(
                    entries,
                    Break::Altered {
                        id: e.id,
                        expected,
                        stored: e.hash,
                    },
                );
            }
            if let Some(a) = anchors.iter().find(|a| a.id == e.id && a.hash != e.hash) {
                return done(
                    entries,
                    Break::Rewritten {
                        id: e.id,
                        expected: a.hash.clone(),
                        stored: e.hash,
                    },
                );
            }
            entries += 1;
            prev_id = e.id;
            prev_hash = e.hash;
        }
        if last {
            break;
        }
    }
    if prev_id < head_id {
        return done(
            entries,
            Break::Missing {
                from: prev_id + 1,
                to: head_id,
            },
        );
    }
    if prev_hash != head_hash {
        return done(
            entries,
            Break::Head {
                id: prev_id,
                expected: head_hash.clone(),
                stored: prev_hash,
            },
        );
    }
    // An anchored entry beyond the head: the chain was cut back and its head rewritten.
    if let Some(a) = anchors
        .iter()
        .filter(|a| a.id > head_id)
        .min_by_key(|a| a.id)
    {
        return done(
            entries,
            Break::Missing {
                from: head_id + 1,
                to: a.id,
            },
        );
    }
    // Entries beyond the head: the largest id is read before the head again, so an append that
    // commits in between raises the head as well and is not mistaken for one.
    let max: Option<i64> = unscoped::<audit_log::Entity>("the audit chain is verified whole")
        .select_only()
        .column_as(audit_log::Column::Id.max(), "max")
        .into_tuple()
        .one(db)
        .await?
        .flatten();
    let (now_id, _) = head(db).await?;
    if max.is_some_and(|m| m > now_id) {
        let first: Option<i64> = unscoped::<audit_log::Entity>("the audit chain is verified whole")
            .select_only()
            .column(audit_log::Column::Id)
            .filter(audit_log::Column::Id.gt(now_id))
            .order_by_asc(audit_log::Column::Id)
            .into_tuple()
            .one(db)
            .await?;
        return done(
            entries,
            Break::Unchained {
                id: first.unwrap_or(now_id + 1),
            },
        );
    }
    Ok(Verification {
        entries,
        last_id: head_id,
        last_hash: head_hash,
        broken: None,
    })
}

fn to_object<T: Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        Ok(other) => Map::from_iter([("value".to_owned(), other)]),
        Err(e) => Map::from_iter([("error".to_owned(), Value::String(e.to_string()))]),
    }
}

/// The fields whose values differ, as (before, after).
fn diff(
    before: Map<String, Value>,
    mut after: Map<String, Value>,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut b = Map::new();
    let mut a = Map::new();
    for (k, v) in before {
        let new = after.remove(&k).unwrap_or(Value::Null);
        if v != new && !NOISE.contains(&k.as_str()) {
            b.insert(k.clone(), v);
            a.insert(k, new);
        }
    }
    for (k, v) in after {
        if !NOISE.contains(&k.as_str()) {
            b.insert(k.clone(), Value::Null);
            a.insert(k, v);
        }
    }
    (b, a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn the_canonical_encoding_covers_every_field_and_truncates_time_to_microseconds() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T00:31:44.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        let f = Fields {
            id: 7,
            at,
            actor_id: Some(1),
            actor_name: "admin",
            entity: "org",
            entity_id: "5",
            action: "update",
            before: Some(r#"{"name":"甲"}"#),
            after: None,
            request_id: Some("r-1"),
            region_path: "/620000/",
            org_id: None,
            prev_hash: GENESIS,
        };
        assert_eq!(
            f.canonical(),
            format!(
                r#"["longzhi-audit/1",7,"2026-12-06T00:31:44.123456Z",1,"admin","org","5","update","{{\"name\":\"甲\"}}",null,"r-1","/620000/",null,"{GENESIS}"]"#
            )
        );
        let h = f.hash();
        assert_eq!(h.len(), 64);
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        // The time as stored (microseconds) hashes the same; every field changes the hash.
        assert_eq!(
            Fields {
                at: at.trunc_subsecs(6),
                ..f
            }
            .hash(),
            h
        );
        let variants = [
            Fields { id: 8, ..f },
            Fields {
                at: at + chrono::Duration::microseconds(1),
                ..f
            },
            Fields {
                actor_id: None,
                ..f
            },
            Fields {
                actor_name: "admin2",
                ..f
            },
            Fields {
                entity: "user",
                ..f
            },
            Fields {
                entity_id: "6",
                ..f
            },
            Fields {
                action: "delete",
                ..f
            },
            Fields { before: None, ..f },
            Fields {
                after: Some("{}"),
                ..f
            },
            Fields {
                request_id: Some(""),
                ..f
            },
            Fields {
                region_path: "/",
                ..f
            },
            Fields {
                org_id: Some(0),
                ..f
            },
            Fields { prev_hash: &h, ..f },
        ];
        for v in variants {
            assert_ne!(v.hash(), h, "{v:?}");
        }
    }

    /// An audit write that fails must fail the change: every call in the store propagates the
    /// error (`….await?`), none drops it (`let _ =`, `.ok()`).
    #[test]
    fn every_audit_write_propagates_its_error() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    files(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut paths = Vec::new();
        files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut paths,
        );
        let mut calls = 0;
        for path in paths.iter().filter(|p| !p.ends_with("audit.rs")) {
            let text = std::fs::read_to_string(path).unwrap();
            for (at, _) in text.match_indices("audit::record(") {
                calls += 1;
                let open = at + "audit::record".len();
                let mut depth = 0;
                let mut close = open;
                for (i, c) in text[open..].char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                close = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let rest: String = text[close..]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(8)
                    .collect();
                let start = text[..at].rfind([';', '{', '}']).map_or(0, |i| i + 1);
                let head = text[start..at].trim();
                let line = text[..at].lines().count();
                assert!(
                    rest.starts_with(".await?") && !head.starts_with("let _"),
                    "{}:{line}: the audit write's error must be propagated",
                    path.display()
                );
            }
        }
        assert!(calls > 20, "found only {calls} audit writes");
    }

    #[test]
    fn diff_keeps_changed_fields_only() {
        let (b, a) = diff(
            obj(json!({"name":"a","status":"active","version":1,"gone":1})),
            obj(json!({"name":"b","status":"active","version":2,"new":true})),
        );
        assert_eq!(Value::Object(b), json!({"name":"a","gone":1,"new":null}));
        assert_eq!(Value::Object(a), json!({"name":"b","gone":null,"new":true}));
    }
}

/// One step of a record's history, as a timeline shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TrailEntry {
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub action: String,
    /// The fields the step set (the audit entry's `after`).
    pub after: Option<Value>,
}

/// The audit entries of record `id` of `entity`, oldest first: the timeline of a record whose
/// scope the caller was checked for.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    id: i64,
) -> crate::Result<Vec<TrailEntry>> {
    Ok(
        unscoped::<audit_log::Entity>("the history of a record the caller sees")
            .filter(audit_log::Column::Entity.eq(entity))
            .filter(audit_log::Column::EntityId.eq(id.to_string()))
            .order_by_asc(audit_log::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|a| TrailEntry {
                after: a
                    .after
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok()),
                at: a.at,
                actor_name: a.actor_name,
                action: a.action,
            })
            .collect(),
    )
}
