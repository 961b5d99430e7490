use reqwest::{StatusCode, header};
use serde_json::json;

use crate::helpers::{TestApp, assert_error, read};

#[tokio::test]
async fn malformed_json_and_wrong_types_are_400() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let broken = admin
        .request(reqwest::Method::POST, "/api/v1/system/orgs")
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"code\": \"x\", ")
        .send()
        .await
        .unwrap();
    assert_error(
        &read(broken).await,
        StatusCode::BAD_REQUEST,
        "validation.body",
    );
    let wrong_type = admin
        .post(
            "/api/v1/system/users",
            json!({"username":"abc","display_name":"x","password":"x","org_id":"seven"}),
        )
        .await;
    assert_error(&wrong_type, StatusCode::BAD_REQUEST, "validation.body");
    assert!(
        wrong_type.1["message"].as_str().unwrap().contains("org_id"),
        "{}",
        wrong_type.1
    );
    let bad_query = admin.get("/api/v1/system/users?page=first").await;
    assert_error(&bad_query, StatusCode::BAD_REQUEST, "validation.body");
    let bad_sort = admin.get("/api/v1/system/users?sort=password_hash").await;
    assert_eq!(bad_sort.1["fields"][0]["field"], "sort");
    let bad_page = admin.get("/api/v1/system/users?page_size=10000").await;
    assert_eq!(bad_page.1["fields"][0]["field"], "page_size");
}

#[tokio::test]
async fn oversized_bodies_are_413_and_store_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let res = admin
        .post(
            "/api/v1/system/orgs",
            json!({"code":"big","name":huge,"kind":"department","region_code":"620000"}),
        )
        .await;
    assert_error(&res, StatusCode::PAYLOAD_TOO_LARGE, "request.too_large");
    assert_eq!(admin.ok("/api/v1/system/orgs?q=big").await["total"], 0);
}

#[tokio::test]
async fn sql_and_html_metacharacters_are_stored_verbatim() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let nasty = "x'); DROP TABLE users;-- <script>alert(1)</script> % _ \\";
    let (s, b) = admin
        .post("/api/v1/system/orgs", json!({"code":"nasty","name":nasty,"kind":"department","region_code":"620000","contact":"\"quoted\" & <b>"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let id = b["id"].as_i64().unwrap();
    let back = admin.ok(&format!("/api/v1/system/orgs/{id}")).await;
    assert_eq!(back["name"], nasty);
    assert_eq!(back["contact"], "\"quoted\" & <b>");
    // LIKE wildcards in a search are literal characters.
    assert_eq!(admin.ok("/api/v1/system/orgs?q=%25%20_").await["total"], 1);
    assert_eq!(
        admin.ok("/api/v1/system/orgs?q=%25%25%25").await["total"],
        0
    );
    assert!(
        admin.ok("/api/v1/system/users?page_size=1").await["total"]
            .as_u64()
            .unwrap()
            >= 6,
        "users table intact"
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    assert_error(
        &admin.get("/api/v1/nowhere").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &admin
            .send(reqwest::Method::PATCH, "/api/v1/system/users", None)
            .await,
        StatusCode::METHOD_NOT_ALLOWED,
        "request.method",
    );
}

#[tokio::test]
async fn page_sizes_beyond_the_limit_are_refused_whatever_their_value() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    for size in ["501", "18446744073709551615"] {
        let res = admin
            .get(&format!("/api/v1/system/orgs?page_size={size}"))
            .await;
        crate::helpers::assert_field(&res, "page_size", "range");
    }
}

/// Found by schemathesis: a page number past `i64::MAX` made the SQLite driver panic (500).
#[tokio::test]
async fn page_numbers_beyond_the_limit_are_refused_on_every_list() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    for list in [
        "/api/v1/system/users",
        "/api/v1/system/orgs",
        "/api/v1/system/roles",
        "/api/v1/system/dicts",
        "/api/v1/system/sessions",
        "/api/v1/system/audit-logs",
        "/api/v1/system/login-logs",
        "/api/v1/plans",
        "/api/v1/plans/targets",
        "/api/v1/notices",
        "/api/v1/system/regions",
    ] {
        for page in ["9223372036854775808", "18446744073709551615", "1000001"] {
            let res = admin.get(&format!("{list}?page={page}")).await;
            crate::helpers::assert_field(&res, "page", "range");
        }
        let (s, b) = admin.get(&format!("{list}?page=1000000")).await;
        assert_eq!(s, StatusCode::OK, "{list}: {b}");
    }
}
