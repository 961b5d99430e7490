//! The data-scope helper: one line per endpoint proves that a user outside a record's scope can
//! neither see it in a list, nor read it, nor change it — and that the record is unchanged.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::Client;

/// Out of scope reads as "not found": the outsider learns nothing about the record.
pub async fn cannot_read(outsider: &Client, path: &str) {
    let (s, b) = outsider.get(path).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "GET {path} by {}: {b}",
        outsider.user["username"]
    );
}

/// The outsider's write is refused as "not found", and the owner still reads the same record.
pub async fn cannot_write(
    owner: &Client,
    outsider: &Client,
    method: Method,
    path: &str,
    read_path: &str,
    body: Option<Value>,
) {
    let before = owner.ok(read_path).await;
    let (s, b) = outsider.send(method.clone(), path, body).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "{method} {path} by {}: {b}",
        outsider.user["username"]
    );
    assert_eq!(
        owner.ok(read_path).await,
        before,
        "{method} {path} changed the record"
    );
}

/// The record `id` is not among the outsider's list, even when searched for.
pub async fn not_listed(outsider: &Client, list_path: &str, id: i64) {
    let sep = if list_path.contains('?') { '&' } else { '?' };
    let ids = outsider
        .ids(&format!("{list_path}{sep}page_size=500"))
        .await;
    assert!(
        !ids.contains(&id),
        "{list_path} shows {id} to {}",
        outsider.user["username"]
    );
}

/// All three at once for a record with a read path and an update body.
pub async fn out_of_scope(
    owner: &Client,
    outsider: &Client,
    list_path: &str,
    id: i64,
    update: Value,
) {
    let path = format!("{list_path}/{id}");
    not_listed(outsider, list_path, id).await;
    cannot_read(outsider, &path).await;
    cannot_write(owner, outsider, Method::PUT, &path, &path, Some(update)).await;
    cannot_write(owner, outsider, Method::DELETE, &path, &path, None).await;
}
