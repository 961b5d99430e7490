//! `/recall/experts`: the expert pool with declared conflicts of interest.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, ImportQuery, ImportResult, Labels, input};
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_server::i18n::Lang;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::experts::{self, ExpertFilter, ExpertInput, ExpertView, ImportExpert};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(import_template))
        .routes(routes!(import))
        .routes(routes!(get, update))
}

#[utoipa::path(get, path = "/recall/experts", tag = "recall", params(PageQuery, ExpertFilter), responses((status = 200, body = Page<ExpertView>)))]
async fn list(
    State(st): State<AppState>,
    _: Allowed<CanExpertList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ExpertFilter>,
) -> ApiResult<Json<Page<ExpertView>>> {
    Ok(Json(experts::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/recall/experts", tag = "recall", request_body = ExpertInput, responses((status = 201, body = ExpertView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanExpertCreate>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<(StatusCode, Json<ExpertView>)> {
    Ok((
        StatusCode::CREATED,
        Json(experts::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/experts/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = ExpertView)))]
async fn get(
    State(st): State<AppState>,
    _: Allowed<CanExpertView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ExpertView>> {
    Ok(Json(experts::get(&st.db, id).await?))
}

#[utoipa::path(put, path = "/recall/experts/{id}", tag = "recall", params(("id" = i64, Path)), request_body = ExpertInput, responses((status = 200, body = ExpertView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanExpertUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<Json<ExpertView>> {
    Ok(Json(
        experts::update(&st.db, auth.principal(), id, i).await?,
    ))
}

const SHEET: (&str, &str) = ("专家库", "Experts");

const fn text(key: &'static str, zh: &'static str, en: &'static str, required: bool) -> Col {
    input(key, zh, en, required, "", "")
}

const LIST: (&str, &str) = ("多个用顿号或逗号分隔", "Several separated by commas");

const COLUMNS: [Col; 9] = [
    text("name", "姓名", "Name", true),
    input(
        "specialty",
        "专业",
        "Specialty",
        true,
        "填代码或名称",
        "A code or its label",
    )
    .labelled("recall_specialty"),
    text("title", "职称", "Title", false),
    text("employer", "工作单位", "Employer", true),
    text("phone", "电话", "Phone", false),
    text("email", "电子邮箱", "E-mail", false),
    input(
        "username",
        "登录账号",
        "Account",
        false,
        "已有的专家用户名",
        "An existing user name",
    ),
    input(
        "conflict_brands",
        "利益冲突品牌",
        "Conflicting brands",
        false,
        LIST.0,
        LIST.1,
    ),
    input(
        "conflict_codes",
        "利益冲突生产者信用代码",
        "Conflicting producers' credit codes",
        false,
        LIST.0,
        LIST.1,
    ),
];

#[utoipa::path(get, path = "/recall/experts/import-template", tag = "recall",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanExpertImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &COLUMNS)
}

/// Import experts from an Excel file (multipart field `file`), with a row-by-row error report.
#[utoipa::path(post, path = "/recall/experts/import", tag = "recall", params(ImportQuery), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanExpertImport>,
    lang: Lang,
    Query(q): Query<ImportQuery>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &COLUMNS, &Labels::load(&st.db, &COLUMNS).await?)
        .await?
        .into_iter()
        .map(|r| {
            let i = ExpertInput {
                name: r.get("name"),
                specialty: r.get("specialty"),
                title: r.get("title"),
                employer: r.get("employer"),
                phone: r.optional("phone"),
                email: r.optional("email"),
                username: r.optional("username"),
                conflicts: experts::conflicts_of(
                    &r.get("conflict_brands"),
                    &r.get("conflict_codes"),
                ),
                active: true,
                version: None,
            };
            (r.number, ImportExpert(i))
        })
        .collect();
    let (created, errors) = longzhi_store::repo::import_rows_in(
        &st.db,
        auth.principal(),
        rows,
        q.mode.unwrap_or_default(),
    )
    .await?;
    Ok(Json(ImportResult::of(created, errors, lang)))
}
