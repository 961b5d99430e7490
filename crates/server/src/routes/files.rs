//! `/files`: uploads (checked by content, limited by `upload.max_mb`) and downloads.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_store::repo::files::{self, FileView};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::excel;
use crate::extract::{Allowed, Auth, Json, Path};
use crate::permissions;

permissions! {
    CanUpload = "file:attachment:upload",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload).layer(DefaultBodyLimit::disable()))
        .routes(routes!(download))
}

/// Upload a file (multipart field `file`): PDF, PNG/JPEG, Office documents, ZIP or plain text.
/// It stays the uploader's until a plan or a report refers to it, and is removed if nothing
/// does within a day. Each user may upload `upload.daily_quota_mb` in 24 hours.
#[utoipa::path(post, path = "/files", tag = "files", request_body(content_type = "multipart/form-data"),
    responses((status = 201, body = FileView), (status = 401, body = crate::i18n::ErrorBody), (status = 403, body = crate::i18n::ErrorBody),
        (status = 413, body = crate::i18n::ErrorBody), (status = 415, body = crate::i18n::ErrorBody), (status = 429, body = crate::i18n::ErrorBody)))]
async fn upload(
    State(st): State<AppState>,
    auth: Allowed<CanUpload>,
    multipart: Multipart,
) -> ApiResult<(StatusCode, Json<FileView>)> {
    let limit = excel::upload_limit(&st.db).await?;
    let (name, bytes) = excel::read_named_upload(multipart, limit).await?;
    let file = files::upload(&st.db, st.storage.as_ref(), auth.principal(), &name, bytes).await?;
    Ok((StatusCode::CREATED, Json(file)))
}

/// Download a file: its uploader, or whoever may see (permission and scope) the plan or report
/// it is attached to.
#[utoipa::path(get, path = "/files/{id}", tag = "files", params(("id" = i64, Path)),
    responses((status = 200, description = "The file's bytes")))]
async fn download(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let kinds = crate::module::attachables(&st.modules);
    let (f, bytes) =
        files::download(&st.db, st.storage.as_ref(), auth.principal(), id, &kinds).await?;
    Ok(excel::attachment(bytes, &f.name, &f.mime))
}
