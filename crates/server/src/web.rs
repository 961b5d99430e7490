//! The web console, embedded from `web/dist`: hashed assets are cached for a year, the page
//! itself is revalidated; pre-compressed `.br` / `.gz` variants are served when the browser takes
//! them; every other path gets the single-page app (its router decides).

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::ApiError;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[exclude = "*.map"]
struct Dist;

pub fn router() -> Router {
    Router::new().fallback(serve)
}

async fn serve(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    // Unknown API paths are API errors, not the app.
    if path == "api" || path.starts_with("api/") {
        return ApiError::NotFound.into_response();
    }
    let (path, file) = match Dist::get(path).filter(|_| !path.is_empty()) {
        Some(f) => (path, f),
        None => match Dist::get("index.html") {
            Some(f) => ("index.html", f),
            None => return ApiError::NotFound.into_response(),
        },
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..16]));
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let accepts = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let compressed = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(enc, _)| {
            accepts
                .split(',')
                .any(|a| a.trim().split(';').next() == Some(*enc))
        })
        .find_map(|(enc, ext)| Dist::get(&format!("{path}{ext}")).map(|f| (enc, f)));
    let mime = file.metadata.mimetype().to_owned();
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut res = match compressed {
        Some((enc, f)) => {
            let mut r = f.data.into_owned().into_response();
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
            r
        }
        None => file.data.into_owned().into_response(),
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    res
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
