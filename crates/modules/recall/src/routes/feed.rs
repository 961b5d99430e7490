//! `/feeds/recalls.atom`: the newest published recalls as an Atom feed (RFC 4287), for readers
//! and other sites; cacheable with an ETag like the portal's JSON.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use longzhi_server::app::AppState;
use longzhi_server::public::cached;
use quick_xml::escape::escape;

use crate::portal;

/// Entries in the feed.
const ENTRIES: u64 = 50;

pub fn site() -> Router<AppState> {
    Router::new().route("/feeds/recalls.atom", get(feed))
}

/// `scheme://host` of the request, as the client addressed it (behind a proxy: its headers).
fn origin(headers: &HeaderMap) -> String {
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
    {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn feed(State(st): State<AppState>, headers: HeaderMap) -> Response {
    match portal::feed_entries(&st.db, ENTRIES).await {
        Ok(entries) => {
            let base = origin(&headers);
            let updated = entries
                .iter()
                .map(|(m, _)| m.updated_at)
                .max()
                .unwrap_or(DateTime::UNIX_EPOCH);
            let mut xml = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n\
                 <id>{base}/feeds/recalls.atom</id>\n<title>缺陷产品召回 Product recalls</title>\n\
                 <updated>{}</updated>\n<author><name>Longzhi</name></author>\n\
                 <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/feeds/recalls.atom\"/>\n\
                 <link rel=\"alternate\" type=\"text/html\" href=\"{base}/public/recalls\"/>\n",
                stamp(updated)
            );
            for (m, r) in entries {
                let link = format!("{base}/public/recalls/{}", r.code);
                let summary = format!("{}:{}。{}", r.producer_name, r.defect, r.consumer_action);
                xml.push_str(&format!(
                    "<entry>\n<id>{link}</id>\n<title>{}</title>\n<updated>{}</updated>\n<published>{}</published>\n\
                     <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n<summary>{}</summary>\n\
                     <category term=\"{}\"/>\n</entry>\n",
                    escape(format!("{} {}", r.code, r.title)),
                    stamp(m.updated_at),
                    stamp(m.published_at.unwrap_or(m.updated_at)),
                    escape(&summary),
                    escape(&r.hazard),
                ));
            }
            xml.push_str("</feed>\n");
            cached(
                &headers,
                "application/atom+xml; charset=utf-8",
                xml.into_bytes(),
            )
        }
        Err(e) => longzhi_server::ApiError::from(e).into_response(),
    }
}
