//! The OpenAPI 3.1 document (from the handlers' annotations) and its browsable UI, with vendored
//! assets: nothing is downloaded at build or run time.

use std::sync::Arc;

use axum::Router;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_swagger_ui::SwaggerUi;

use crate::module::Module;

#[derive(OpenApi)]
#[openapi(
    info(title = "Longzhi API", description = "陇质: the quality-development platform of a provincial market-regulation bureau"),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Sign-in, sessions, passwords"),
        (name = "system", description = "Users, roles, organisations, regions, dictionaries, parameters, logs"),
        (name = "dashboard", description = "Home dashboard figures"),
    ),
    components(schemas(crate::i18n::ErrorBody, crate::i18n::FieldBody)),
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

/// Operations anyone may call: every other one takes a session (`Session`, `Auth` or
/// `Allowed<P>` in its handler), and is documented with the `bearer` and `cookie` schemes.
pub const PUBLIC: [(&str, &str); 1] = [("post", "/api/v1/auth/login")];

/// Signed-in operations that cannot answer 403: they take the bare `Session` (no forced password
/// change) and, being GETs, need no CSRF token.
const NEVER_FORBIDDEN: [(&str, &str); 1] = [("get", "/api/v1/auth/me")];

/// Writes that touch only the caller's own state and check no version, uniqueness or rule, so
/// they cannot answer 409 (and every `…/preview`, which stores nothing).
const NEVER_CONFLICT: [(&str, &str); 6] = [
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("delete", "/api/v1/auth/sessions/{id}"),
    ("delete", "/api/v1/system/sessions/{id}"),
    ("post", "/api/v1/notices/{id}/read"),
    ("post", "/api/v1/notices/read-all"),
];

/// Query parameters besides `…_id` that name a record: a filter on a record that does not
/// exist, or is outside the caller's scope, answers 404 like a path would.
const RECORD_FILTERS: [&str; 3] = ["region_code", "within", "root"];

/// The error answers each operation can give, added in one place from what the operation takes
/// (rather than repeated in every annotation), all with the `ErrorBody` schema; a status an
/// annotation already documents is kept as written:
///
/// | status | when | documented on |
/// |---|---|---|
/// | 400 | a body, query or path value of the wrong shape (`validation.body`) | operations with a body, query or path parameters |
/// | 401 | no session, or an ended one | every operation but the public ones |
/// | 403 | a missing permission, a pending password change, a cookie write without its CSRF token | every signed-in operation but `NEVER_FORBIDDEN` |
/// | 404 | no such record in the caller's scope | operations with path parameters or a query naming a record (`…_id`, `RECORD_FILTERS`) |
/// | 409 | a stale version, a duplicate, a domain rule | writes but `NEVER_CONFLICT` |
/// | 413 | a body over the JSON limit or an upload over `upload.max_mb` | operations with a body |
/// | 415 | an uploaded file of a type not accepted | multipart operations |
/// | 422 | fields breaking their rules (`validation.field`) | operations with a body or query parameters |
///
/// 423 and 429 (sign-in lock-out and throttling, the upload quota) are written on their routes.
struct ErrorResponses;

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::security::SecurityRequirement;

        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, op) in ops {
                let Some(op) = op.as_mut() else { continue };
                let key = (method, path.as_str());
                let params = op.parameters.as_deref().unwrap_or_default();
                let has_in = |place: ParameterIn| {
                    params
                        .iter()
                        .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
                };
                let (in_path, in_query) = (has_in(ParameterIn::Path), has_in(ParameterIn::Query));
                let names_record = params.iter().any(|p| {
                    matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query
                        && (p.name.ends_with("_id") || RECORD_FILTERS.contains(&p.name.as_str())))
                });
                let content: Vec<&str> = op
                    .request_body
                    .iter()
                    .filter_map(|b| match b {
                        RefOr::T(b) => Some(b),
                        RefOr::Ref(_) => None,
                    })
                    .flat_map(|b| b.content.keys().map(String::as_str))
                    .collect();
                let json = content.iter().any(|c| c.contains("json"));
                let multipart = content.iter().any(|c| c.starts_with("multipart/"));
                let public = PUBLIC.contains(&key);
                let write = method != "get";

                let mut statuses: Vec<(u16, &str)> = Vec::new();
                if json || multipart || in_query || in_path {
                    statuses.push((
                        400,
                        "The body, a query or a path value is malformed (`validation.body`).",
                    ));
                }
                if !public {
                    statuses.push((401, "Not signed in, or the session has ended."));
                    if !NEVER_FORBIDDEN.contains(&key) {
                        statuses.push((403, "Refused: the permission is missing, the password must be changed first, or a write with the session cookie lacks its CSRF token."));
                    }
                }
                if in_path || names_record {
                    statuses.push((
                        404,
                        "No such record in the caller's data scope (`not_found`).",
                    ));
                }
                if write && !NEVER_CONFLICT.contains(&key) && !path.ends_with("/preview") {
                    statuses.push((409, "Conflicts with the stored state: a stale `version`, a duplicate or a domain rule."));
                }
                if json || multipart {
                    statuses.push((413, "The body is too large (`request.too_large`)."));
                }
                if multipart {
                    statuses.push((415, "The file's type is not accepted."));
                }
                if json || multipart || in_query {
                    statuses.push((422, "Fields break their rules (`validation.field`): every one is listed in `fields`."));
                }
                for (status, description) in statuses {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error_response(description));
                }
                if !public && op.security.is_none() {
                    op.security = Some(vec![
                        SecurityRequirement::new("bearer", Vec::<String>::new()),
                        SecurityRequirement::new("cookie", Vec::<String>::new()),
                    ]);
                }
            }
        }
    }
}

fn error_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

/// `/api/docs` (the UI) and `/api/v1/openapi.json` (the document).
pub fn docs(openapi: Arc<utoipa::openapi::OpenApi>) -> Router {
    SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", (*openapi).clone())
        .into()
}

/// The API's router and its finished document (operation ids are set once all paths are in).
pub fn split(modules: &[Module]) -> (axum::Router<crate::app::AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = crate::routes::api(modules).split_for_parts();
    utoipa::Modify::modify(&OperationIds, &mut api);
    utoipa::Modify::modify(&ErrorResponses, &mut api);
    add_metrics(&mut api, modules);
    (router, api)
}

/// The document as JSON, for `longzhi openapi` and the web client generator.
pub fn openapi_json(modules: &[Module]) -> String {
    split(modules).1.to_pretty_json().unwrap_or_default()
}

/// `Metric`, the codes of the dashboard's metrics: the core's and the modules' of this build.
fn add_metrics(api: &mut utoipa::openapi::OpenApi, modules: &[Module]) {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let codes: Vec<&str> = crate::module::metrics(modules)
        .iter()
        .map(|m| m.code)
        .collect();
    let schema = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(codes))
        .description(Some(
            "A figure the home dashboard's map can be coloured by.",
        ));
    api.components
        .get_or_insert_with(Default::default)
        .schemas
        .insert("Metric".into(), schema.into());
    // The query parameter takes one of them (it is a plain string to the extractor).
    let param = api
        .paths
        .paths
        .get_mut("/api/v1/dashboard/regions")
        .and_then(|item| item.get.as_mut())
        .and_then(|op| op.parameters.as_mut())
        .and_then(|ps| {
            ps.iter_mut().find_map(|p| match p {
                utoipa::openapi::RefOr::T(p) if p.name == "metric" => Some(p),
                _ => None,
            })
        });
    if let Some(p) = param {
        p.schema = Some(utoipa::openapi::Ref::from_schema_name("Metric").into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The document's own checks (unique ids, every error answer documented) run over every
    // module's routes in the API tests (crates/longzhi/tests/api/openapi.rs).
    #[test]
    fn operation_ids_are_readable() {
        assert_eq!(
            operation_id("get", "/api/v1/system/users/{id}"),
            "getSystemUsersById"
        );
        assert_eq!(
            operation_id("post", "/api/v1/system/users/{id}/reset-password"),
            "postSystemUsersByIdResetPassword"
        );
    }
}
