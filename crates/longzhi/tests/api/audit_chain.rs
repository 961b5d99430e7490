//! The audit log is a hash chain (issue 13): it verifies after writes through the API, names the
//! entry that was changed, deleted, reordered or added outside it, stays one chain under
//! concurrent writes to two servers, survives the upgrade of a database written before it, and an
//! audit write that fails fails the change.

use longzhi_store::audit::{self, Anchor, Break, Fields, Verification};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, sql};

fn department(code: &str) -> Value {
    json!({"code":code,"name":format!("审计测试科{code}"),"kind":"department","region_code":"620100"})
}

async fn create_org(c: &Client, code: &str) {
    let (s, b) = c.post("/api/v1/system/orgs", department(code)).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

async fn verify(app: &TestApp) -> Verification {
    audit::verify(&app.db).await.expect("verify runs")
}

/// Verifies and expects an intact chain covering every stored entry.
async fn intact(app: &TestApp) -> Verification {
    let v = verify(app).await;
    assert_eq!(v.broken, None, "{v:?}");
    let stored = longzhi_store::entity::audit_log::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(v.entries, stored);
    v
}

/// The ids of the audit entries, ascending.
async fn ids(app: &TestApp) -> Vec<i64> {
    longzhi_store::entity::audit_log::Entity::find()
        .order_by_asc(longzhi_store::entity::audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// A few writes of different kinds through the API.
async fn some_writes(app: &TestApp) -> Client {
    let admin = app.login("admin").await;
    create_org(&admin, "audit-a").await;
    create_org(&admin, "audit-b").await;
    let params = admin.ok("/api/v1/system/params").await;
    let idle = params
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "session.idle_minutes")
        .unwrap()
        .clone();
    let (s, b) = admin
        .put(
            "/api/v1/system/params/session.idle_minutes",
            json!({"value":"45","version":idle["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    admin
}

#[tokio::test]
async fn the_audit_chain_verifies_after_writes_and_names_a_changed_entry() {
    let app = TestApp::spawn().await;
    let seeded = intact(&app).await;
    assert!(seeded.entries > 0, "the demo data is audited");
    some_writes(&app).await;
    let v = intact(&app).await;
    assert_eq!(v.entries, seeded.entries + 3);
    // Ids are consecutive: the chain numbers its entries.
    let all = ids(&app).await;
    assert_eq!(all, (1..=v.last_id).collect::<Vec<_>>());

    // A changed field is reported at its entry, with the hash its fields give and the stored one.
    let k = v.last_id - 1;
    sql(
        &app,
        &format!("UPDATE audit_logs SET actor_name = 'mallory' WHERE id = {k}"),
    )
    .await;
    match verify(&app).await.broken {
        Some(Break::Altered {
            id,
            expected,
            stored,
        }) => {
            assert_eq!(id, k);
            assert_ne!(expected, stored);
            assert_eq!(stored.len(), 64);
        }
        other => panic!("{other:?}"),
    }
    sql(
        &app,
        &format!("UPDATE audit_logs SET actor_name = 'admin' WHERE id = {k}"),
    )
    .await;
    intact(&app).await;

    // So is a changed time, and a changed `before`/`after`.
    sql(
        &app,
        "UPDATE audit_logs SET after = '{\"name\":\"x\"}' WHERE id = 3",
    )
    .await;
    assert_eq!(verify(&app).await.broken.map(|b| b.id()), Some(3));
}

#[tokio::test]
async fn a_changed_time_is_reported() {
    let app = TestApp::spawn().await;
    let v = intact(&app).await;
    let k = v.last_id / 2;
    // One second earlier, portable: read, shift, write.
    let e = longzhi_store::entity::audit_log::Entity::find_by_id(k)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut am: longzhi_store::entity::audit_log::ActiveModel = e.clone().into();
    am.at = sea_orm::Set(e.at - chrono::Duration::seconds(1));
    sea_orm::ActiveModelTrait::update(am, &app.db)
        .await
        .unwrap();
    match verify(&app).await.broken {
        Some(Break::Altered { id, .. }) => assert_eq!(id, k),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_deleted_entry_is_reported_in_the_middle_and_at_the_end() {
    let app = TestApp::spawn().await;
    some_writes(&app).await;
    let v = intact(&app).await;
    let k = v.last_id - 2;
    sql(&app, &format!("DELETE FROM audit_logs WHERE id = {k}")).await;
    let r = verify(&app).await;
    assert_eq!(r.broken, Some(Break::Missing { from: k, to: k }), "{r:?}");
    assert_eq!(r.entries as i64, k - 1, "entries before the break");

    let app = TestApp::spawn().await;
    some_writes(&app).await;
    let v = intact(&app).await;
    sql(
        &app,
        &format!("DELETE FROM audit_logs WHERE id >= {}", v.last_id - 1),
    )
    .await;
    assert_eq!(
        verify(&app).await.broken,
        Some(Break::Missing {
            from: v.last_id - 1,
            to: v.last_id
        })
    );
}

#[tokio::test]
async fn reordered_entries_are_reported_at_the_first_of_them() {
    let app = TestApp::spawn().await;
    some_writes(&app).await;
    let v = intact(&app).await;
    let (a, b) = (v.last_id - 2, v.last_id - 1);
    // Swap the two entries' places.
    sql(
        &app,
        &format!("UPDATE audit_logs SET id = -1 WHERE id = {a}"),
    )
    .await;
    sql(
        &app,
        &format!("UPDATE audit_logs SET id = {a} WHERE id = {b}"),
    )
    .await;
    sql(
        &app,
        &format!("UPDATE audit_logs SET id = {b} WHERE id = -1"),
    )
    .await;
    match verify(&app).await.broken {
        Some(Break::Unlinked { id, .. }) => assert_eq!(id, a),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_entry_added_outside_the_chain_is_reported_and_blocks_the_next_change() {
    let app = TestApp::spawn().await;
    let admin = some_writes(&app).await;
    let v = intact(&app).await;
    let forged = v.last_id + 1;
    sql(
        &app,
        &format!(
            "INSERT INTO audit_logs (id, at, actor_id, actor_name, entity, entity_id, action, \
             region_path, prev_hash, hash) VALUES ({forged}, '2026-01-01T00:00:00Z', NULL, \
             'mallory', 'org', '1', 'delete', '/', '{}', '{}')",
            v.last_hash, v.last_hash
        ),
    )
    .await;
    assert_eq!(
        verify(&app).await.broken,
        Some(Break::Unchained { id: forged })
    );
    // The next audited change cannot take that number: it fails, and is not applied.
    let (s, b) = admin
        .post("/api/v1/system/orgs", department("audit-c"))
        .await;
    assert!(!s.is_success(), "{s} {b}");
    assert!(
        longzhi_store::repo::orgs::by_code(&app.db, "audit-c")
            .await
            .is_err(),
        "the change without its audit entry was rolled back"
    );
    sql(&app, &format!("DELETE FROM audit_logs WHERE id = {forged}")).await;
    intact(&app).await;
    create_org(&admin, "audit-c").await;
    assert_eq!(intact(&app).await.last_id, forged);
}

#[tokio::test]
async fn a_failing_audit_write_fails_the_change() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let before = intact(&app).await;
    sql(&app, "ALTER TABLE audit_head RENAME TO audit_head_away").await;
    let (s, b) = admin
        .post("/api/v1/system/orgs", department("audit-x"))
        .await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR, "{b}");
    sql(&app, "ALTER TABLE audit_head_away RENAME TO audit_head").await;
    assert!(
        longzhi_store::repo::orgs::by_code(&app.db, "audit-x")
            .await
            .is_err(),
        "the organisation was not created without its audit entry"
    );
    let after = intact(&app).await;
    assert_eq!(after.last_id, before.last_id);
    create_org(&admin, "audit-x").await;
    assert_eq!(intact(&app).await.last_id, before.last_id + 1);
}

#[tokio::test]
async fn concurrent_writes_on_two_servers_form_one_chain() {
    let app = TestApp::spawn().await;
    let before = intact(&app).await;
    let admin = app.login("admin").await;
    let mut other = admin.clone();
    other.base = format!("http://{}", app.second_server().await);
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..20 {
        let c = if i % 2 == 0 {
            admin.clone()
        } else {
            other.clone()
        };
        writes.spawn(async move {
            c.post("/api/v1/system/orgs", department(&format!("par-{i}")))
                .await
        });
    }
    while let Some(res) = writes.join_next().await {
        let (s, b) = res.unwrap();
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
    let after = intact(&app).await;
    assert_eq!(after.entries, before.entries + 20);
    assert_eq!(ids(&app).await, (1..=after.last_id).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_chain_rewritten_with_its_head_is_caught_by_an_anchor() {
    let app = TestApp::spawn().await;
    some_writes(&app).await;
    let v = intact(&app).await;
    let anchor: Anchor = format!("{}:{}", v.last_id, v.last_hash).parse().unwrap();
    assert_eq!(anchor.to_string(), format!("{}:{}", v.last_id, v.last_hash));
    // Whoever can write the database changes entry k and re-hashes everything after it, head too.
    let k = v.last_id - 2;
    let mut prev = longzhi_store::entity::audit_log::Entity::find_by_id(k - 1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .hash;
    for id in k..=v.last_id {
        let mut e = longzhi_store::entity::audit_log::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if id == k {
            e.actor_name = "mallory".into();
        }
        e.prev_hash = prev.clone();
        let hash = Fields::of(&e).hash();
        sql(
            &app,
            &format!(
                "UPDATE audit_logs SET actor_name = '{}', prev_hash = '{}', hash = '{hash}' \
                 WHERE id = {id}",
                e.actor_name, e.prev_hash
            ),
        )
        .await;
        prev = hash;
    }
    sql(
        &app,
        &format!("UPDATE audit_head SET last_hash = '{prev}' WHERE id = 1"),
    )
    .await;
    // Consistent in itself: the chain alone cannot tell.
    assert_eq!(verify(&app).await.broken, None);
    match audit::verify_anchored(&app.db, &[anchor])
        .await
        .unwrap()
        .broken
    {
        Some(Break::Rewritten {
            id,
            expected,
            stored,
        }) => {
            assert_eq!(id, v.last_id);
            assert_eq!(expected, v.last_hash);
            assert_eq!(stored, prev);
        }
        other => panic!("{other:?}"),
    }
    // An anchor beyond a head cut back is reported as missing entries.
    sql(
        &app,
        &format!("DELETE FROM audit_logs WHERE id = {}", v.last_id),
    )
    .await;
    sql(
        &app,
        &format!(
            "UPDATE audit_head SET last_id = {}, last_hash = (SELECT hash FROM audit_logs \
             WHERE id = {}) WHERE id = 1",
            v.last_id - 1,
            v.last_id - 1
        ),
    )
    .await;
    assert_eq!(verify(&app).await.broken, None);
    let anchor: Anchor = format!("{}:{}", v.last_id, v.last_hash).parse().unwrap();
    assert_eq!(
        audit::verify_anchored(&app.db, &[anchor])
            .await
            .unwrap()
            .broken,
        Some(Break::Missing {
            from: v.last_id,
            to: v.last_id
        })
    );
    assert!("12:abc".parse::<Anchor>().is_err());
    assert!("x:".parse::<Anchor>().is_err());
}

#[tokio::test]
async fn a_database_written_before_the_chain_is_chained_by_the_upgrade() {
    let app = TestApp::spawn().await;
    some_writes(&app).await;
    // Back to the state before m0003: no hash columns, no head, no record of the migration;
    // a few ids missing, as rolled-back PostgreSQL sequence values leave them.
    sql(&app, "DROP TABLE audit_head").await;
    sql(&app, "ALTER TABLE audit_logs DROP COLUMN prev_hash").await;
    sql(&app, "ALTER TABLE audit_logs DROP COLUMN hash").await;
    sql(&app, "DELETE FROM audit_logs WHERE id IN (2, 5, 6)").await;
    sql(
        &app,
        "DELETE FROM seaql_migrations WHERE version = 'm0003_audit_chain'",
    )
    .await;
    longzhi_server::module::migrate(&app.db, &longzhi::modules())
        .await
        .expect("upgrade");
    let v = intact(&app).await;
    assert!(v.entries > 3);
    // And the upgraded chain goes on.
    let admin = app.login("admin").await;
    create_org(&admin, "after-upgrade").await;
    let w = intact(&app).await;
    assert_eq!(w.entries, v.entries + 1);
    assert_eq!(w.last_id, v.last_id + 1);
}
