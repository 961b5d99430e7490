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

/// `/api/docs` (the UI) and `/api/v1/openapi.json` (the document).
pub fn docs(openapi: Arc<utoipa::openapi::OpenApi>) -> Router {
    SwaggerUi::new("/api/docs")
        .url("/api/v1/openapi.json", (*openapi).clone())
        .into()
}

/// The document as JSON, for `longzhi openapi` and the web client generator.
pub fn openapi_json() -> String {
    let (_, api) = crate::routes::api().split_for_parts();
    api.to_pretty_json().unwrap_or_default()
}
