use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, assert_error, assert_field};
use crate::scope;

fn enterprise(code: &str, region: &str, credit: &str) -> serde_json::Value {
    json!({"code":code,"name":"测试企业有限公司","kind":"enterprise","region_code":region,"credit_code":credit})
}

#[tokio::test]
async fn credit_codes_are_checked_by_gb_32100() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    assert_field(
        &admin
            .post(
                "/api/v1/system/orgs",
                enterprise("e1", "620100", "91110000802100433C"),
            )
            .await,
        "credit_code",
        "checksum",
    );
    assert_field(
        &admin
            .post(
                "/api/v1/system/orgs",
                enterprise("e1", "620100", "9111000080210043"),
            )
            .await,
        "credit_code",
        "length",
    );
    assert_field(
        &admin
            .post(
                "/api/v1/system/orgs",
                enterprise("e1", "620100", "91110000802100433I"),
            )
            .await,
        "credit_code",
        "format",
    );
    assert_field(
        &admin
            .post("/api/v1/system/orgs", enterprise("e1", "620100", ""))
            .await,
        "credit_code",
        "required",
    );
    let (s, b) = admin
        .post(
            "/api/v1/system/orgs",
            enterprise("e1", "620100", "91110000802100433b"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["credit_code"], "91110000802100433B");
    let dup = admin
        .post(
            "/api/v1/system/orgs",
            enterprise("e2", "620100", "91110000802100433B"),
        )
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "conflict.duplicate");
}

#[tokio::test]
async fn a_city_administrator_manages_its_own_regions_organisations() {
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    // 天水 can create in its own counties, not in 兰州.
    let (s, b) = tianshui
        .post(
            "/api/v1/system/orgs",
            enterprise("ts-e", "620502", "91440300708461136T"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_field(
        &tianshui
            .post(
                "/api/v1/system/orgs",
                enterprise("ts-e2", "620102", "914403001922038216"),
            )
            .await,
        "region_code",
        "exists",
    );
    let lz_org = app.org_id("demo-ent-lz1").await;
    let lz = lanzhou.ok(&format!("/api/v1/system/orgs/{lz_org}")).await;
    let update = json!({"name":"hijacked","kind":"enterprise","credit_code":lz["credit_code"],"status":"active","version":lz["version"]});
    scope::out_of_scope(&lanzhou, &tianshui, "/api/v1/system/orgs", lz_org, update).await;
    // The tree in scope is 天水's bureau with its offices and enterprises.
    // The tree in scope: 天水's bureau (its county offices and demo organisations below it) and
    // the enterprise just created without a parent.
    let tree = tianshui.ok("/api/v1/system/orgs/tree").await;
    let roots: Vec<&str> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    assert_eq!(roots, ["620500-bureau", "ts-e"]);
    // 7 county offices, 2 demo organisations, the demo sentinel hospital and the demo car maker.
    assert_eq!(tree[0]["children"].as_array().unwrap().len(), 7 + 4);
}

#[tokio::test]
async fn an_organisation_in_use_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let bureau = app.org_id("620500-bureau").await;
    assert_error(
        &admin.delete(&format!("/api/v1/system/orgs/{bureau}")).await,
        StatusCode::CONFLICT,
        "org.in_use",
    );
}

/// The body of a PUT of organisation `org` with another kind and status.
fn retyped(org: &serde_json::Value, kind: &str, status: &str) -> serde_json::Value {
    json!({"name": org["name"], "kind": kind, "credit_code": org["credit_code"], "contact": org["contact"],
        "phone": org["phone"], "status": status, "sort": org["sort"], "version": org["version"]})
}

#[tokio::test]
async fn a_city_cannot_disable_or_retype_its_own_bureau() {
    // Disabled or re-typed, the bureau would silently drop 兰州 from every future plan.
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let own = format!("/api/v1/system/orgs/{}", app.org_id("620100-bureau").await);
    let org = lanzhou.ok(&own).await;
    for body in [
        retyped(&org, "city_bureau", "disabled"),
        retyped(&org, "county_office", "active"),
    ] {
        assert_error(
            &lanzhou.put(&own, body).await,
            StatusCode::CONFLICT,
            "org.protected",
        );
    }
    assert_error(
        &lanzhou.delete(&own).await,
        StatusCode::CONFLICT,
        "org.protected",
    );
    // Renaming it changes neither kind nor status.
    let mut renamed = retyped(&org, "city_bureau", "active");
    renamed["name"] = json!("兰州市市场监督管理局(新)");
    let (s, b) = lanzhou.put(&own, renamed).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // A county office below it may be disabled, but not made a bureau.
    let office = format!("/api/v1/system/orgs/{}", app.org_id("620102-office").await);
    let org = lanzhou.ok(&office).await;
    assert_error(
        &lanzhou
            .put(&office, retyped(&org, "city_bureau", "active"))
            .await,
        StatusCode::CONFLICT,
        "org.protected",
    );
    let (s, b) = lanzhou
        .put(&office, retyped(&org, "county_office", "disabled"))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // Nor can a city create a bureau of its own.
    let res = lanzhou
        .post(
            "/api/v1/system/orgs",
            json!({"code":"lz-bureau-2","name":"第二市局","kind":"city_bureau","region_code":"620100"}),
        )
        .await;
    assert_field(&res, "kind", "range");
    // The province may disable a city bureau.
    let admin = app.login("admin").await;
    let tianshui = format!("/api/v1/system/orgs/{}", app.org_id("620500-bureau").await);
    let org = admin.ok(&tianshui).await;
    let (s, b) = admin
        .put(&tianshui, retyped(&org, "city_bureau", "disabled"))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}
