//! The OpenAPI 3.1 document (from the handlers' annotations) and its browsable UI, with vendored
//! assets: nothing is downloaded at build or run time.

use std::sync::Arc;

use axum::Router;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Longzhi API", description = "陇质: the quality-development platform of a provincial market-regulation bureau"),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Sign-in, sessions, passwords"),
        (name = "system", description = "Users, roles, organisations, regions, dictionaries, parameters, logs"),
        (name = "dashboard", description = "Home dashboard figures"),
    ),
    components(schemas(crate::i18n::ErrorBody, crate::i18n::FieldBody, longzhi_store::repo::dashboard::Metric)),
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::extract::SESSION_COOKIE,
            ))),
        );
    }
}

/// Operation ids from method and path (`GET /api/v1/system/users/{id}` → `getSystemUsersById`):
/// handler names repeat across modules (`list`, `get` …) and ids must be unique.
struct OperationIds;

impl utoipa::Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, op) in ops {
                if let Some(op) = op.as_mut() {
                    op.operation_id = Some(operation_id(method, path));
                }
            }
        }
    }
}

fn operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for seg in path
        .trim_start_matches("/api/v1")
        .split(['/', '-', '_'])
        .filter(|s| !s.is_empty())
    {
        let (by, word) = match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => ("By", param),
            None => ("", seg),
        };
        id.push_str(by);
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.extend(first.to_uppercase());
            id.push_str(chars.as_str());
        }
    }
    id
}

/// `/api/docs` (the UI) and `/api/v1/openapi.json` (the document).
pub fn docs(openapi: Arc<utoipa::openapi::OpenApi>) -> Router {
    SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", (*openapi).clone())
        .into()
}

/// The API's router and its finished document (operation ids are set once all paths are in).
pub fn split() -> (axum::Router<crate::app::AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = crate::routes::api().split_for_parts();
    utoipa::Modify::modify(&OperationIds, &mut api);
    (router, api)
}

/// The document as JSON, for `longzhi openapi` and the web client generator.
pub fn openapi_json() -> String {
    split().1.to_pretty_json().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_are_unique_and_readable() {
        assert_eq!(
            operation_id("get", "/api/v1/system/users/{id}"),
            "getSystemUsersById"
        );
        assert_eq!(
            operation_id("post", "/api/v1/system/users/{id}/reset-password"),
            "postSystemUsersByIdResetPassword"
        );
        let doc: serde_json::Value = serde_json::from_str(&openapi_json()).unwrap();
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
        assert!(doc["components"]["schemas"].get("Metric").is_some());
    }
}
