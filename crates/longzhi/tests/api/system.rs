use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, assert_error, assert_field};

#[tokio::test]
async fn regions_hold_gansu_and_the_three_special_areas() {
    let app = TestApp::spawn().await;
    let c = app.login("enterprise").await;
    let tree = c.ok("/api/v1/system/regions/tree").await;
    let province = &tree[0];
    assert_eq!(
        (province["code"].as_str(), province["name"].as_str()),
        (Some("620000"), Some("甘肃省"))
    );
    let cities = province["children"].as_array().unwrap();
    assert_eq!(
        cities.len(),
        17,
        "14 prefectures + 兰州新区, 甘肃矿区, 东风场区"
    );
    let counties: usize = cities
        .iter()
        .map(|c| c["children"].as_array().unwrap().len())
        .sum();
    assert_eq!(counties, 86);
    for name in ["兰州新区", "甘肃矿区", "东风场区"] {
        assert!(
            cities
                .iter()
                .any(|c| c["name"] == name && c["level"] == "special"),
            "{name}"
        );
    }
    let tianshui = c.ok("/api/v1/system/regions/tree?root=620500").await;
    assert_eq!(tianshui[0]["children"].as_array().unwrap().len(), 7);
    assert_eq!(
        c.ok("/api/v1/system/regions?level=prefecture&page_size=100")
            .await["total"],
        14
    );
}

/// Pages partition the filtered, sorted set, and every page (even one past the end) reports the
/// size of the whole set.
#[tokio::test]
async fn pages_partition_the_filtered_set_and_report_its_size() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let list = "/api/v1/system/orgs?kind=county_office&sort=-name";
    let all = admin.ok(&format!("{list}&page_size=500")).await;
    assert_eq!(all["total"], 86);
    let mut paged = Vec::new();
    for page in 1..=4 {
        let p = admin.ok(&format!("{list}&page_size=30&page={page}")).await;
        assert_eq!(p["total"], 86, "page {page}");
        assert_eq!(p["page"], page);
        paged.extend(
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].clone()),
        );
    }
    let ids: Vec<_> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].clone())
        .collect();
    assert_eq!(paged, ids);
    let none = admin.ok("/api/v1/system/orgs?kind=no_such_kind").await;
    assert_eq!(
        (
            none["total"].clone(),
            none["items"].as_array().unwrap().len()
        ),
        (json!(0), 0)
    );
}

#[tokio::test]
async fn every_city_level_region_has_its_bureau() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let bureaus = admin
        .ok("/api/v1/system/orgs?kind=city_bureau&page_size=100")
        .await;
    assert_eq!(bureaus["total"], 17);
    let names: Vec<&str> = bureaus["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"东风场区工商局"), "{names:?}");
    assert!(names.contains(&"兰州新区市场监督管理局"));
    assert_eq!(
        admin
            .ok("/api/v1/system/orgs?kind=county_office&page_size=1")
            .await["total"],
        86
    );
    assert_eq!(
        admin
            .ok("/api/v1/system/orgs?kind=department&page_size=1")
            .await["total"],
        6
    );
}

#[tokio::test]
async fn roles_dictionaries_and_parameters() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let perms = admin.ok("/api/v1/system/permissions").await;
    assert!(
        perms
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["code"] == "system:user" && g["label_en"] == "Users")
    );
    let (s, role) = admin
        .post("/api/v1/system/roles", json!({"code":"auditor","name":"审计员","name_en":"Auditor","data_scope":"region","permissions":["system:audit:list"],"status":"active"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    assert_field(
        &admin.post("/api/v1/system/roles", json!({"code":"bad","name":"x","name_en":"x","data_scope":"all","permissions":["system:user:fly"],"status":"active"})).await,
        "permissions",
        "enum",
    );
    assert_error(
        &admin
            .delete(&format!(
                "/api/v1/system/roles/{}",
                app.role_id("expert").await
            ))
            .await,
        StatusCode::CONFLICT,
        "role.builtin",
    );
    assert_eq!(
        admin
            .delete(&format!("/api/v1/system/roles/{}", role["id"]))
            .await
            .0,
        StatusCode::NO_CONTENT
    );

    let kinds = app.login("expert").await.ok("/api/v1/dicts/org_kind").await;
    assert!(
        kinds
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["value"] == "enterprise"
                && i["label"] == "企业"
                && i["label_en"] == "Enterprise")
    );
    let (s, t) = admin
        .post(
            "/api/v1/system/dicts",
            json!({"code":"sector","name":"行业","name_en":"Sector","status":"active"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let (s, item) = admin
        .post(
            "/api/v1/system/dicts/sector/items",
            json!({"value":"food","label":"食品","label_en":"Food","status":"active"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{item}");
    let dup = admin
        .post(
            "/api/v1/system/dicts/sector/items",
            json!({"value":"food","label":"x","label_en":"x","status":"active"}),
        )
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "conflict.duplicate");
    let org_kind = admin.ok("/api/v1/system/dicts?q=org_kind").await["items"][0]["id"].clone();
    assert_error(
        &admin
            .delete(&format!("/api/v1/system/dicts/{org_kind}"))
            .await,
        StatusCode::CONFLICT,
        "dict.builtin",
    );

    let params = admin.ok("/api/v1/system/params").await;
    let idle = params
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["key"] == "session.idle_minutes")
        .unwrap()
        .clone();
    assert_eq!(idle["value"], "30");
    assert_field(
        &admin
            .put(
                "/api/v1/system/params/session.idle_minutes",
                json!({"value":"2","version":idle["version"]}),
            )
            .await,
        "value",
        "range",
    );
    assert_field(
        &admin
            .put(
                "/api/v1/system/params/session.idle_minutes",
                json!({"value":"ten","version":idle["version"]}),
            )
            .await,
        "value",
        "format",
    );
    let (s, b) = admin
        .put(
            "/api/v1/system/params/session.idle_minutes",
            json!({"value":"45","version":idle["version"]}),
        )
        .await;
    assert_eq!((s, b["value"].as_str()), (StatusCode::OK, Some("45")));
    // Non-administrators may not touch any of it.
    let staff = app.login("province").await;
    assert_error(
        &staff.get("/api/v1/system/params").await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    assert_error(
        &staff.post("/api/v1/system/dicts", json!({})).await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
}

#[tokio::test]
async fn audit_and_login_logs_follow_the_data_scope() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let lanzhou = app.login("lanzhou").await;
    let logins = tianshui.ok("/api/v1/system/login-logs?page_size=500").await;
    let names: Vec<&str> = logins["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["username"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"tianshui") && !names.contains(&"lanzhou"),
        "{names:?}"
    );
    let (s, _) = lanzhou
        .post("/api/v1/system/orgs", json!({"code":"lz-dept","name":"兰州测试科","kind":"county_office","region_code":"620100"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let ts_audit = tianshui
        .ok("/api/v1/system/audit-logs?entity=org&page_size=500")
        .await;
    assert!(
        ts_audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["actor_name"] != "lanzhou")
    );
    let lz_audit = lanzhou
        .ok("/api/v1/system/audit-logs?entity=org&actor=lanzhou")
        .await;
    assert_eq!(lz_audit["total"], 1);
}

#[tokio::test]
async fn the_dashboard_shows_the_callers_regions() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let all = admin.ok("/api/v1/dashboard/regions?metric=users").await;
    assert_eq!(all.as_array().unwrap().len(), 17);
    let lz = all
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "620100")
        .unwrap();
    assert_eq!(
        lz["value"], 7.0,
        "the 兰州 administrator, the demo enterprise user, the demo hospital's staff, the two demo producers, the demo car maker and the survey staff member"
    );
    let ts = app
        .login("tianshui")
        .await
        .ok("/api/v1/dashboard/regions?metric=users")
        .await;
    let codes: Vec<&str> = ts
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["620500"]);
}
