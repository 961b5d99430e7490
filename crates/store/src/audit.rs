//! The audit log: who changed what, when, with the fields before and after. Written by the
//! repositories inside the transaction of the change, so a change without its entry (or an entry
//! without its change) cannot exist.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::entity::audit_log;
use crate::scope::Principal;

/// Fields that change on every write and say nothing about it.
const NOISE: [&str; 2] = ["version", "updated_at"];

/// The entity, record and scope an audit entry is about.
pub struct Target<'a> {
    pub entity: &'a str,
    pub id: String,
    pub region_path: &'a str,
    pub org_id: Option<i64>,
}

/// Records `action` on `target`. `before`/`after` are the record's states (None for a create /
/// a delete); for an update only the fields that differ are kept.
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
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(p.actor_id()),
        actor_name: Set(p.username.clone()),
        entity: Set(target.entity.to_owned()),
        entity_id: Set(target.id),
        action: Set(action.to_owned()),
        before: Set(before.map(|v| Value::Object(v).to_string())),
        after: Set(after.map(|v| Value::Object(v).to_string())),
        request_id: Set(Some(p.request_id.clone())),
        region_path: Set(target.region_path.to_owned()),
        org_id: Set(target.org_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
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
    fn diff_keeps_changed_fields_only() {
        let (b, a) = diff(
            obj(json!({"name":"a","status":"active","version":1,"gone":1})),
            obj(json!({"name":"b","status":"active","version":2,"new":true})),
        );
        assert_eq!(Value::Object(b), json!({"name":"a","gone":1,"new":null}));
        assert_eq!(Value::Object(a), json!({"name":"b","gone":null,"new":true}));
    }
}
