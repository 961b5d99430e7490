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
    assert_eq!(tree[0]["children"].as_array().unwrap().len(), 7 + 2);
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
