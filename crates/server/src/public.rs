//! Answers of the open endpoints the public and other sites read without an account (a module's
//! `/api/v1/public/…` lists and its feeds): cacheable, with an ETag of the body so that a client
//! asking again with `If-None-Match` gets `304 Not Modified`, and readable from any origin
//! (`Access-Control-Allow-Origin: *`: they take no credentials and answer everyone alike).

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long a cache may keep an answer before asking again.
const MAX_AGE: &str = "public, max-age=60";

/// `body` as `content_type`, or 304 when the client already holds it.
pub fn cached(headers: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let etag = format!("\"{}\"", crate::web::hex(&Sha256::digest(&body)[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag"),
    );
    res
}

/// `value` as JSON, cached as [`cached`].
pub fn cached_json<T: Serialize>(headers: &HeaderMap, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => cached(headers, "application/json", body),
        Err(e) => crate::ApiError::Internal(e.to_string()).into_response(),
    }
}
