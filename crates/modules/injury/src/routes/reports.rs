//! `/injury/reports`: defect reports of every source, their triage, Excel export and the import
//! of complaints.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, ImportQuery, ImportResult, Labels, col, input};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::Lang;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::reports::{
    self, DefectReport, DefectReportFilter, DefectReportInput, DefectReportTriage, ImportReport,
    Writer,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export))
        .routes(routes!(import_template))
        .routes(routes!(import))
        .routes(routes!(get, triage))
}

const SHEET: (&str, &str) = ("投诉举报", "Complaints");

const fn text(key: &'static str, zh: &'static str, en: &'static str, required: bool) -> Col {
    input(key, zh, en, required, "", "")
}

const COLUMNS: [Col; 11] = [
    input(
        "received_on",
        "受理日期",
        "Date received",
        false,
        "YYYY-MM-DD,默认今天",
        "YYYY-MM-DD; today when blank",
    ),
    input(
        "category",
        "产品类别",
        "Product category",
        true,
        "填代码或名称",
        "A code or its label",
    )
    .labelled("injury_product"),
    text("brand", "品牌", "Brand", true),
    text("model", "型号", "Model", true),
    text("producer_name", "生产者", "Producer", true),
    input(
        "producer_code",
        "统一社会信用代码",
        "Credit code",
        false,
        "18 位,校验位须正确",
        "18 characters with a valid check character",
    ),
    input(
        "hazard",
        "危害类型",
        "Hazard",
        true,
        "填代码或名称",
        "A code or its label",
    )
    .labelled("injury_hazard"),
    text("description", "问题描述", "Description", true),
    text("reporter_name", "投诉人", "Complainant", false),
    text("reporter_phone", "联系电话", "Phone", false),
    input(
        "city_code",
        "市州代码",
        "City code",
        false,
        "如 620100;默认本单位所在地",
        "e.g. 620100; your own region when blank",
    ),
];

#[utoipa::path(get, path = "/injury/reports", tag = "injury", params(PageQuery, DefectReportFilter), responses((status = 200, body = Page<DefectReport>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanReportList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<DefectReportFilter>,
) -> ApiResult<Json<Page<DefectReport>>> {
    Ok(Json(reports::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Record a defect report (an enterprise's is its own, source `enterprise`).
#[utoipa::path(post, path = "/injury/reports", tag = "injury", request_body = DefectReportInput, responses((status = 201, body = DefectReport)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanReportCreate>,
    Json(i): Json<DefectReportInput>,
) -> ApiResult<(StatusCode, Json<DefectReport>)> {
    let v = reports::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

#[utoipa::path(get, path = "/injury/reports/export", tag = "injury", params(SortQuery, DefectReportFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanReportExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<DefectReportFilter>,
) -> ApiResult<Response> {
    let page = reports::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    let cols = [
        col("report_no", "受理编号", "Receipt", 20.0),
        col("source", "来源", "Source", 12.0).labelled("injury_report_source"),
        col("received_on", "受理日期", "Received", 12.0),
        col("category", "产品类别", "Category", 14.0).labelled("injury_product"),
        col("brand", "品牌", "Brand", 12.0),
        col("model", "型号", "Model", 12.0),
        col("producer_name", "生产者", "Producer", 20.0),
        col("producer_code", "统一社会信用代码", "Credit code", 20.0),
        col("hazard", "危害类型", "Hazard", 12.0).labelled("injury_hazard"),
        col("city_name", "市州", "City", 10.0),
        col("reporter_name", "报告人", "Reporter", 10.0),
        col("reporter_phone", "联系电话", "Phone", 14.0),
        col("status", "状态", "Status", 10.0).labelled("injury_report_status"),
        col("description", "问题描述", "Description", 40.0),
    ];
    excel::export(
        lang,
        ("缺陷信息", "Defect reports"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/injury/reports/import-template", tag = "injury",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanReportImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &COLUMNS)
}

/// Import complaints (source `complaint`) from an Excel file (multipart field `file`).
#[utoipa::path(post, path = "/injury/reports/import", tag = "injury", params(ImportQuery), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanReportImport>,
    lang: Lang,
    Query(q): Query<ImportQuery>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let writer = Arc::new(Writer::new(&st.db).await?);
    let rows = excel::rows(bytes, &COLUMNS, &Labels::load(&st.db, &COLUMNS).await?)
        .await?
        .into_iter()
        .map(|r| {
            let input = DefectReportInput {
                source: "complaint".into(),
                received_on: r.get("received_on"),
                category: r.get("category"),
                brand: r.get("brand"),
                model: r.get("model"),
                producer_name: r.get("producer_name"),
                producer_code: r.optional("producer_code"),
                hazard: r.get("hazard"),
                description: r.get("description"),
                reporter_name: r.optional("reporter_name"),
                reporter_phone: r.optional("reporter_phone"),
                reporter_email: None,
                city_code: r.optional("city_code"),
            };
            (
                r.number,
                ImportReport {
                    writer: writer.clone(),
                    input,
                },
            )
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

#[utoipa::path(get, path = "/injury/reports/{id}", tag = "injury", params(("id" = i64, Path)), responses((status = 200, body = DefectReport)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanReportView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<DefectReport>> {
    Ok(Json(reports::get(&st.db, auth.principal(), id).await?))
}

/// Triage a report: its status and a note.
#[utoipa::path(put, path = "/injury/reports/{id}", tag = "injury", params(("id" = i64, Path)), request_body = DefectReportTriage, responses((status = 200, body = DefectReport)))]
async fn triage(
    State(st): State<AppState>,
    auth: Allowed<CanReportUpdate>,
    Path(id): Path<i64>,
    Json(t): Json<DefectReportTriage>,
) -> ApiResult<Json<DefectReport>> {
    Ok(Json(
        reports::triage(&st.db, auth.principal(), id, t).await?,
    ))
}
