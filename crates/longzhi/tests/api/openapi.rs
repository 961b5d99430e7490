//! The OpenAPI document of the whole build (the core's routes and every module's).

use longzhi_server::openapi::PUBLIC;
use longzhi_server::openapi_json;

#[test]
fn operation_ids_are_unique() {
    let doc: serde_json::Value = serde_json::from_str(&openapi_json(&longzhi::modules())).unwrap();
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| {
            item.as_object()
                .unwrap()
                .values()
                .filter_map(|op| op["operationId"].as_str())
        })
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate operation ids");
    // The dashboard's metrics: the core's and the modules'.
    assert_eq!(
        doc["components"]["schemas"]["Metric"]["enum"],
        serde_json::json!(["users", "open_tasks", "overdue_tasks"])
    );
}

#[test]
fn every_operation_documents_its_error_answers() {
    let doc: serde_json::Value = serde_json::from_str(&openapi_json(&longzhi::modules())).unwrap();
    let error_body = serde_json::json!({"$ref": "#/components/schemas/ErrorBody"});
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let has = |s: &str| op["responses"].get(s).is_some();
            let public = PUBLIC.contains(&(method.as_str(), path.as_str()));
            assert!(public || has("401"), "{method} {path}");
            assert_eq!(!public, op.get("security").is_some(), "{method} {path}");
            assert!(!path.contains('{') || has("404"), "{method} {path}");
            if op.get("requestBody").is_some() {
                assert!(has("400") && has("413") && has("422"), "{method} {path}");
            }
            for (status, r) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"], error_body,
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    let login = &doc["paths"]["/api/v1/auth/login"]["post"]["responses"];
    for s in ["400", "401", "403", "413", "422", "423", "429"] {
        assert!(login.get(s).is_some(), "login {s}");
    }
}
