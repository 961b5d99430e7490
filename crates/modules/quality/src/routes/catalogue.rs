//! `/quality/indicators` and `/quality/frameworks`: the catalogue and the frameworks over it.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, ImportResult, Labels, col, input};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::Lang;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::frameworks::{self, FrameworkInput, FrameworkSummary, FrameworkView};
use crate::indicators::{self, IndicatorFilter, IndicatorInput, IndicatorView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export))
        .routes(routes!(import_template))
        .routes(routes!(import))
        .routes(routes!(get, update, delete))
        .routes(routes!(list_frameworks, create_framework))
        .routes(routes!(get_framework, update_framework, delete_framework))
        .routes(routes!(publish_framework))
        .routes(routes!(retire_framework))
        .routes(routes!(revise_framework))
        .routes(routes!(framework_toml))
}

const SHEET: (&str, &str) = ("质量指标", "Quality indicators");

const COLUMNS: [Col; 11] = [
    input(
        "code",
        "指标代码",
        "Code",
        true,
        "字母开头,字母、数字、_ 或 -,不超过 32 位",
        "A letter, then letters, digits, _ or -; at most 32",
    ),
    input("name", "指标名称", "Name", true, "", ""),
    input("name_en", "英文名称", "English name", false, "", ""),
    input(
        "unit",
        "单位",
        "Unit",
        false,
        "如 %、分、件/万人",
        "e.g. %, points, per 10,000 people",
    ),
    input(
        "direction",
        "方向",
        "Direction",
        true,
        "1 = 越高越好,-1 = 越低越好",
        "1 = higher is better, -1 = lower is better",
    ),
    input(
        "source",
        "数据来源",
        "Source",
        false,
        "提供数据的部门",
        "The department that supplies it",
    ),
    input(
        "frequency",
        "频率",
        "Frequency",
        false,
        "year、quarter 或 month,默认 year",
        "year, quarter or month; default year",
    ),
    input("formula", "计算方法", "Formula", false, "", ""),
    input(
        "min_value",
        "下限",
        "Minimum",
        false,
        "数值须不小于此值",
        "Values must not be below",
    ),
    input(
        "max_value",
        "上限",
        "Maximum",
        false,
        "数值须不大于此值",
        "Values must not be above",
    ),
    input(
        "status",
        "状态",
        "Status",
        false,
        "active 或 disabled,默认 active",
        "active or disabled; default active",
    ),
];

#[utoipa::path(get, path = "/quality/indicators", tag = "quality", params(PageQuery, IndicatorFilter), responses((status = 200, body = Page<IndicatorView>)))]
async fn list(
    State(st): State<AppState>,
    _: Allowed<CanIndicatorList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<IndicatorFilter>,
) -> ApiResult<Json<Page<IndicatorView>>> {
    Ok(Json(indicators::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/quality/indicators", tag = "quality", request_body = IndicatorInput, responses((status = 201, body = IndicatorView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanIndicatorCreate>,
    Json(i): Json<IndicatorInput>,
) -> ApiResult<(StatusCode, Json<IndicatorView>)> {
    let v = indicators::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The indicators of the filter as an Excel file (the import's columns: it imports back).
#[utoipa::path(get, path = "/quality/indicators/export", tag = "quality", params(SortQuery, IndicatorFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    _: Allowed<CanIndicatorExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<IndicatorFilter>,
) -> ApiResult<Response> {
    let page = indicators::list(&st.db, &f, &PageQuery::everything(q.sort)).await?;
    let cols = COLUMNS.map(|c| col(c.key, c.zh, c.en, 16.0));
    excel::export(
        lang,
        SHEET,
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/quality/indicators/import-template", tag = "quality",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanIndicatorImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &COLUMNS)
}

fn number(r: &excel::Row, key: &str) -> Option<f64> {
    r.optional(key)
        .map(|v| v.trim().parse().unwrap_or(f64::NAN))
}

/// Create the indicators of an Excel file (multipart field `file`): all rows, or none and every
/// row error.
#[utoipa::path(post, path = "/quality/indicators/import", tag = "quality", request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanIndicatorImport>,
    lang: Lang,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &COLUMNS, &Labels::load(&st.db, &COLUMNS).await?)
        .await?
        .into_iter()
        .map(|r| {
            let i = IndicatorInput {
                code: r.get("code"),
                name: r.get("name"),
                name_en: r.get("name_en"),
                unit: r.get("unit"),
                direction: r.get("direction").trim().parse().unwrap_or(0),
                source: r.get("source"),
                frequency: r.optional("frequency").unwrap_or_else(|| "year".into()),
                formula: r.get("formula"),
                min_value: number(&r, "min_value"),
                max_value: number(&r, "max_value"),
                status: r.optional("status").unwrap_or_else(|| "active".into()),
                version: None,
            };
            (r.number, i)
        })
        .collect();
    let outcome = longzhi_store::repo::import_rows(&st.db, auth.principal(), rows).await?;
    Ok(Json(ImportResult::new(outcome, lang)))
}

#[utoipa::path(get, path = "/quality/indicators/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = IndicatorView)))]
async fn get(
    State(st): State<AppState>,
    _: Allowed<CanIndicatorView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<IndicatorView>> {
    Ok(Json(indicators::get(&st.db, id).await?))
}

#[utoipa::path(put, path = "/quality/indicators/{id}", tag = "quality", params(("id" = i64, Path)), request_body = IndicatorInput, responses((status = 200, body = IndicatorView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanIndicatorUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<IndicatorInput>,
) -> ApiResult<Json<IndicatorView>> {
    Ok(Json(
        indicators::update(&st.db, auth.principal(), id, i).await?,
    ))
}

/// Delete an indicator no framework or value uses.
#[utoipa::path(delete, path = "/quality/indicators/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanIndicatorDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    indicators::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/quality/frameworks", tag = "quality", responses((status = 200, body = Vec<FrameworkSummary>)))]
async fn list_frameworks(
    State(st): State<AppState>,
    _: Allowed<CanFrameworkList>,
) -> ApiResult<Json<Vec<FrameworkSummary>>> {
    Ok(Json(frameworks::list(&st.db).await?))
}

/// Create a draft framework; the engine checks its tree.
#[utoipa::path(post, path = "/quality/frameworks", tag = "quality", request_body = FrameworkInput, responses((status = 201, body = FrameworkView)))]
async fn create_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkCreate>,
    Json(i): Json<FrameworkInput>,
) -> ApiResult<(StatusCode, Json<FrameworkView>)> {
    let f = frameworks::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(f)))
}

#[utoipa::path(get, path = "/quality/frameworks/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = FrameworkView)))]
async fn get_framework(
    State(st): State<AppState>,
    _: Allowed<CanFrameworkView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<FrameworkView>> {
    Ok(Json(frameworks::load(&st.db, id).await?.view()))
}

/// Change a draft: its method and its whole tree.
#[utoipa::path(put, path = "/quality/frameworks/{id}", tag = "quality", params(("id" = i64, Path)), request_body = FrameworkInput, responses((status = 200, body = FrameworkView)))]
async fn update_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<FrameworkInput>,
) -> ApiResult<Json<FrameworkView>> {
    Ok(Json(
        frameworks::update(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/quality/frameworks/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    frameworks::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publish a draft: rounds may ask for it; it never changes again.
#[utoipa::path(post, path = "/quality/frameworks/{id}/publish", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = FrameworkView)))]
async fn publish_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkPublish>,
    Path(id): Path<i64>,
) -> ApiResult<Json<FrameworkView>> {
    Ok(Json(
        frameworks::publish(&st.db, auth.principal(), id).await?,
    ))
}

/// Retire a published revision: no new round asks for it.
#[utoipa::path(post, path = "/quality/frameworks/{id}/retire", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = FrameworkView)))]
async fn retire_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkPublish>,
    Path(id): Path<i64>,
) -> ApiResult<Json<FrameworkView>> {
    Ok(Json(
        frameworks::retire(&st.db, auth.principal(), id).await?,
    ))
}

/// A new draft revision: a copy of this one.
#[utoipa::path(post, path = "/quality/frameworks/{id}/revisions", tag = "quality", params(("id" = i64, Path)), responses((status = 201, body = FrameworkView)))]
async fn revise_framework(
    State(st): State<AppState>,
    auth: Allowed<CanFrameworkCreate>,
    Path(id): Path<i64>,
) -> ApiResult<(StatusCode, Json<FrameworkView>)> {
    let f = frameworks::new_revision(&st.db, auth.principal(), id).await?;
    Ok((StatusCode::CREATED, Json(f)))
}

/// The framework as the index engine's TOML (`longzhi engine index --framework`).
#[utoipa::path(get, path = "/quality/frameworks/{id}/toml", tag = "quality", params(("id" = i64, Path)),
    responses((status = 200, description = "The framework TOML", content_type = "application/toml")))]
async fn framework_toml(
    State(st): State<AppState>,
    _: Allowed<CanFrameworkView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let l = frameworks::load(&st.db, id).await?;
    let name = format!("{}-r{}.toml", l.framework.code, l.framework.revision);
    Ok(excel::attachment(
        frameworks::toml(&l, 0).into_bytes(),
        &name,
        "application/toml",
    ))
}
