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

/// Two modules (or a module and the core) naming different schemas alike would be merged into
/// one in the document, and the console would be typed with the wrong one: each module's
/// document alone must agree with every other on every schema name they share. (`Metric` is
/// built by the core from the modules' metrics: it differs on purpose.)
#[test]
fn modules_do_not_name_different_schemas_alike() {
    let modules = longzhi::modules();
    let mut seen: std::collections::BTreeMap<String, (&str, serde_json::Value)> =
        std::collections::BTreeMap::new();
    for (i, m) in modules.iter().enumerate() {
        let doc: serde_json::Value = serde_json::from_str(&openapi_json(&modules[i..=i])).unwrap();
        for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
            if name == "Metric" {
                continue;
            }
            match seen.get(name) {
                Some((other, s)) => assert_eq!(
                    s, schema,
                    "schema {name} of module {} differs from module {other}'s: rename one",
                    m.name
                ),
                None => {
                    seen.insert(name.clone(), (m.name, schema.clone()));
                }
            }
        }
    }
    assert!(seen.contains_key("SubmissionEvent") && seen.contains_key("TimelineEntry"));
}
