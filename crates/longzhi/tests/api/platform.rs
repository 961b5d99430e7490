use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn health_readiness_and_the_openapi_document() {
    let app = TestApp::spawn().await;
    let health = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = app.http.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(
        (ready.status(), ready.text().await.unwrap()),
        (StatusCode::OK, "ready".to_owned())
    );
    let doc: serde_json::Value = app
        .http
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/system/users",
        "/api/v1/system/users/{id}",
        "/api/v1/dashboard/regions",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    let docs = app.http.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn responses_carry_security_headers_and_a_request_id() {
    let app = TestApp::spawn().await;
    let res = app
        .http
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    let id = h["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["request_id"], id.as_str());
}

#[tokio::test]
async fn the_web_console_is_served_with_its_client_side_routes() {
    let app = TestApp::spawn().await;
    let page = app.http.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    // A route of the app (reloaded in the browser) gets the same page.
    let deep = app
        .http
        .get(app.url("/system/users"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(deep, html);
    // An unknown API path stays an API error.
    let api = app
        .http
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        api.json::<serde_json::Value>().await.unwrap()["code"],
        "not_found"
    );
    // Hashed assets are cached for good and come pre-compressed (when the console is built).
    if let Some(start) = html.find("/assets/") {
        let asset = &html[start..start + html[start..].find('"').unwrap()];
        let res = app
            .http
            .get(app.url(asset))
            .header("accept-encoding", "gzip, br")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(res.headers()["content-encoding"], "br");
        let etag = res.headers()["etag"].clone();
        let again = app
            .http
            .get(app.url(asset))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    } else {
        assert!(
            html.contains("scripts/run"),
            "the placeholder says how to build the console"
        );
    }
}

#[tokio::test]
async fn an_incoming_request_id_is_kept_only_when_it_is_a_short_safe_token() {
    let app = TestApp::spawn().await;
    let echoed = |id: &'static str| {
        let req = app
            .http
            .get(app.url("/api/v1/auth/me"))
            .header("x-request-id", id);
        async move {
            let res = req.send().await.unwrap();
            res.headers()["x-request-id"].to_str().unwrap().to_owned()
        }
    };
    assert_eq!(echoed("lb-7f3a.42_x").await, "lb-7f3a.42_x");
    for hostile in [
        "<script>alert(1)</script>",
        "a b",
        "x'; DROP TABLE audit_log;--",
        "0123456789012345678901234567890123456789012345678901234567890123456789",
    ] {
        let id = echoed(hostile).await;
        assert_ne!(id, hostile);
        assert_eq!(id.len(), 36, "a fresh UUID: {id}");
    }
}
