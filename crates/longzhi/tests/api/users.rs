use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, assert_field};
use crate::scope;

async fn create_user(
    admin: &crate::helpers::Client,
    app: &TestApp,
    username: &str,
    org_code: &str,
    role: &str,
) -> Value {
    let body = json!({
        "username": username, "display_name": format!("{username} 用户"), "password": "Initial@2023",
        "org_id": app.org_id(org_code).await, "role_ids": [app.role_id(role).await]
    });
    let (s, b) = admin.post("/api/v1/system/users", body).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    b
}

#[tokio::test]
async fn create_list_update_and_delete() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let u = create_user(&admin, &app, "ts_staff", "620502-office", "city_staff").await;
    assert_eq!(u["region_code"], "620502");
    assert_eq!(u["must_change_password"], true);
    assert_eq!(u["roles"][0]["code"], "city_staff");
    let id = u["id"].as_i64().unwrap();
    let found = admin.ok("/api/v1/system/users?q=TS_STAFF").await;
    assert_eq!(
        found["total"], 1,
        "search is case-insensitive on both databases"
    );
    let (s, b) = admin
        .put(&format!("/api/v1/system/users/{id}"), json!({"display_name":"改名","org_id":u["org_id"],"role_ids":[],"email":"a@b.cn","phone":"0938-1234567","version":u["version"]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        (
            b["display_name"].as_str(),
            b["roles"].as_array().unwrap().len()
        ),
        (Some("改名"), 0)
    );
    assert_eq!(
        admin.delete(&format!("/api/v1/system/users/{id}")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        admin.get(&format!("/api/v1/system/users/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    // Every write is in the audit log, with the changed fields before and after.
    let audit = admin
        .ok(&format!(
            "/api/v1/system/audit-logs?entity=user&entity_id={id}&sort=at"
        ))
        .await;
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "update", "delete"]);
    let update = &audit["items"][1];
    assert_eq!(update["before"]["display_name"], "ts_staff 用户");
    assert_eq!(update["after"]["display_name"], "改名");
    assert_eq!(update["actor_name"], "admin");
    assert!(
        update["before"].get("password_hash").is_none()
            && audit["items"][0]["after"].get("password_hash").is_none()
    );
}

#[tokio::test]
async fn a_stale_write_gets_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let u = create_user(&admin, &app, "ts_race", "620500-bureau", "city_staff").await;
    let id = u["id"].as_i64().unwrap();
    let edit = |name: &str| json!({"display_name":name,"org_id":u["org_id"],"role_ids":[],"version":u["version"]});
    assert_eq!(
        admin
            .put(&format!("/api/v1/system/users/{id}"), edit("first"))
            .await
            .0,
        StatusCode::OK
    );
    let stale = admin
        .put(&format!("/api/v1/system/users/{id}"), edit("second"))
        .await;
    assert_error(&stale, StatusCode::CONFLICT, "conflict.version");
    assert_eq!(
        admin.ok(&format!("/api/v1/system/users/{id}")).await["display_name"],
        "first"
    );
}

#[tokio::test]
async fn validation_names_every_field_and_rule() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let res = admin
        .post("/api/v1/system/users", json!({"username":"1x","display_name":"","password":"weakpass","org_id":999999,"role_ids":[424242],"email":"not-an-email"}))
        .await;
    for (field, rule) in [
        ("username", "length"),
        ("display_name", "required"),
        ("password", "password_policy"),
        ("org_id", "exists"),
        ("role_ids", "exists"),
        ("email", "format"),
    ] {
        assert_field(&res, field, rule);
    }
    let dup = admin
        .post("/api/v1/system/users", json!({"username":"Admin","display_name":"x","password":"Initial@2023","org_id":app.org_id("620000-bureau").await}))
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "conflict.duplicate");
    assert_eq!(dup.1["fields"][0]["field"], "username");
}

#[tokio::test]
async fn a_city_user_cannot_read_or_change_another_citys_users() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let lz_user = create_user(&admin, &app, "lz_staff", "620100-bureau", "city_staff").await;
    let id = lz_user["id"].as_i64().unwrap();
    let update = json!({"display_name":"hijacked","org_id":app.org_id("620500-bureau").await,"role_ids":[],"version":lz_user["version"]});
    scope::out_of_scope(&lanzhou, &tianshui, "/api/v1/system/users", id, update).await;
    scope::cannot_write(
        &lanzhou,
        &tianshui,
        reqwest::Method::POST,
        &format!("/api/v1/system/users/{id}/reset-password"),
        &format!("/api/v1/system/users/{id}"),
        Some(json!({"password":"Hijack@2023x"})),
    )
    .await;
    // The 天水 administrator sees only 天水 users.
    let listed = tianshui.ok("/api/v1/system/users?page_size=500").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["region_code"].as_str().unwrap().starts_with("6205"))
    );
    assert!(listed["total"].as_u64().unwrap() >= 1);
    // Nor can it create users in a 兰州 organisation.
    let res = tianshui
        .post("/api/v1/system/users", json!({"username":"ts_in_lz","display_name":"x","password":"Initial@2023","org_id":app.org_id("620100-bureau").await}))
        .await;
    assert_field(&res, "org_id", "exists");
}

#[tokio::test]
async fn an_enterprise_sees_only_its_own_records() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let ent = app.login("enterprise").await;
    // No user-management permission at all.
    assert_error(
        &ent.get("/api/v1/system/users").await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    // Give the enterprise role the right to list organisations: it still sees only its own.
    let role = admin
        .ok(&format!(
            "/api/v1/system/roles/{}",
            app.role_id("enterprise").await
        ))
        .await;
    let mut body = role.clone();
    body["permissions"] = json!(["system:org:list", "system:org:view"]);
    let (s, b) = admin
        .put(&format!("/api/v1/system/roles/{}", role["id"]), body)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let own = ent.ok("/api/v1/system/orgs?page_size=500").await;
    let ids: Vec<i64> = own["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [ent.user["org_id"].as_i64().unwrap()]);
    scope::cannot_read(
        &ent,
        &format!("/api/v1/system/orgs/{}", app.org_id("demo-ent-ts1").await),
    )
    .await;
}

#[tokio::test]
async fn roles_cannot_be_used_to_escalate() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let org = app.org_id("620500-bureau").await;
    // A city administrator cannot hand out the province administrator role …
    let res = tianshui
        .post("/api/v1/system/users", json!({"username":"ts_boss","display_name":"x","password":"Initial@2023","org_id":org,"role_ids":[app.role_id("province_admin").await]}))
        .await;
    assert_field(&res, "role_ids", "range");
    // … nor its own, which it may: a city administrator may appoint another for its city.
    let (s, b) = tianshui
        .post("/api/v1/system/users", json!({"username":"ts_admin2","display_name":"x","password":"Initial@2023","org_id":org,"role_ids":[app.role_id("city_admin").await]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    // … nor give itself more by editing a role (it has no role permission at all).
    let role = app.role_id("city_admin").await;
    let res = tianshui
        .put(&format!("/api/v1/system/roles/{role}"), json!({}))
        .await;
    assert_eq!(res.0, StatusCode::FORBIDDEN, "{}", res.1);
}

#[tokio::test]
async fn a_user_cannot_disable_or_delete_itself() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let id = admin.id();
    assert_error(
        &admin.delete(&format!("/api/v1/system/users/{id}")).await,
        StatusCode::CONFLICT,
        "user.self",
    );
    let res = admin
        .put(
            &format!("/api/v1/system/users/{id}/status"),
            json!({"status":"disabled","version":1}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "user.self");
}

#[tokio::test]
async fn an_administrator_cannot_take_over_a_stronger_account() {
    // A province account placed in the 兰州 bureau is in 兰州's scope, but its role is beyond
    // what 兰州's administrator could grant: no reset, edit, status change or deletion.
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let strong = create_user(
        &admin,
        &app,
        "lz_province",
        "620100-bureau",
        "province_staff",
    )
    .await;
    let id = strong["id"].as_i64().unwrap();
    let lanzhou = app.login("lanzhou").await;
    assert_eq!(
        lanzhou.ok(&format!("/api/v1/system/users/{id}")).await["id"],
        id
    );
    let user = format!("/api/v1/system/users/{id}");
    let attempts = [
        lanzhou
            .post(
                &format!("{user}/reset-password"),
                json!({"password":"Taken@Over2023"}),
            )
            .await,
        lanzhou
            .put(
                &user,
                json!({"display_name":"x","org_id":app.org_id("620100-bureau").await,"role_ids":[app.role_id("city_staff").await],"version":1}),
            )
            .await,
        lanzhou
            .put(
                &format!("{user}/status"),
                json!({"status":"disabled","version":1}),
            )
            .await,
        lanzhou.delete(&user).await,
    ];
    for res in &attempts {
        assert_error(res, StatusCode::CONFLICT, "user.beyond_own");
    }
    assert!(
        app.login_with("lz_province", "Taken@Over2023")
            .await
            .is_err()
    );
    let after = admin.ok(&user).await;
    assert_eq!(after["version"], strong["version"], "{after}");
    assert_eq!(after["roles"][0]["code"], "province_staff");
    // Users within 兰州's own rights stay its to manage.
    let staff = create_user(&admin, &app, "lz_staff", "620100-bureau", "city_staff").await;
    let (s, b) = lanzhou
        .post(
            &format!("/api/v1/system/users/{}/reset-password", staff["id"]),
            json!({"password":"Reset@Pass2023"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    // The user forms offer exactly the roles the caller may give, without the role list.
    let offered: Vec<String> = lanzhou
        .ok("/api/v1/system/users/assignable-roles")
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(offered.contains(&"city_staff".to_owned()), "{offered:?}");
    assert!(
        !offered.iter().any(|c| c.starts_with("province")),
        "{offered:?}"
    );
    assert_eq!(
        lanzhou.get("/api/v1/system/roles").await.0,
        StatusCode::FORBIDDEN
    );
}
