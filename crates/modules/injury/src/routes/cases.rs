//! `/injury/cases`: the case list, form, Excel import and export, the bulk upload of hospital
//! systems, and filing a defect report from a case.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, ImportQuery, ImportResult, Labels, col, input};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::{Lang, field_message};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::cases::{
    self, BulkResult, BulkUpload, CaseFilter, CaseInput, CaseView, ImportCase, Writer,
};
use crate::reports::{self, DefectReport, DefectReportInput};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export))
        .routes(routes!(import_template))
        .routes(routes!(import))
        .routes(routes!(bulk))
        .routes(routes!(get, update, delete))
        .routes(routes!(file_report))
}

const SHEET: (&str, &str) = ("伤害病例", "Injury cases");

const fn coded(key: &'static str, zh: &'static str, en: &'static str, dict: &'static str) -> Col {
    input(key, zh, en, true, "填代码或名称", "A code or its label").labelled(dict)
}

const COLUMNS: [Col; 16] = [
    input(
        "point_code",
        "监测点代码",
        "Point code",
        false,
        "只在一个监测点填报的用户可不填",
        "May be left out by a user of a single point",
    ),
    input(
        "case_no",
        "病例编号",
        "Case number",
        true,
        "监测点内唯一",
        "Unique at the point",
    ),
    input(
        "treated_on",
        "就诊日期",
        "Date treated",
        true,
        "YYYY-MM-DD,不晚于今天",
        "YYYY-MM-DD, not after today",
    ),
    input("age", "年龄", "Age", true, "0–120 周岁", "0–120 years"),
    coded("sex", "性别", "Sex", "injury_sex"),
    coded("place", "发生地点", "Place", "injury_place"),
    coded("activity", "发生时活动", "Activity", "injury_activity"),
    coded("intent", "伤害意图", "Intent", "injury_intent"),
    coded("body_part", "伤害部位", "Body part", "injury_body_part"),
    coded("diagnosis", "伤害性质", "Diagnosis", "injury_diagnosis"),
    coded("severity", "严重程度", "Severity", "injury_severity"),
    coded(
        "disposition",
        "伤害结局",
        "Disposition",
        "injury_disposition",
    ),
    coded("product1", "相关产品1", "Product 1", "injury_product"),
    input(
        "product2",
        "相关产品2",
        "Product 2",
        false,
        "填代码或名称",
        "A code or its label",
    )
    .labelled("injury_product"),
    input(
        "product3",
        "相关产品3",
        "Product 3",
        false,
        "填代码或名称",
        "A code or its label",
    )
    .labelled("injury_product"),
    input(
        "narrative",
        "简要经过",
        "Narrative",
        true,
        "不超过 2000 字",
        "At most 2000 characters",
    ),
];

#[utoipa::path(get, path = "/injury/cases", tag = "injury", params(PageQuery, CaseFilter), responses((status = 200, body = Page<CaseView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanCaseList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<CaseFilter>,
) -> ApiResult<Json<Page<CaseView>>> {
    Ok(Json(cases::list(&st.db, auth.principal(), &f, &q).await?))
}

#[utoipa::path(post, path = "/injury/cases", tag = "injury", request_body = CaseInput, responses((status = 201, body = CaseView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanCaseCreate>,
    Json(i): Json<CaseInput>,
) -> ApiResult<(StatusCode, Json<CaseView>)> {
    let v = cases::create(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The cases of the filter as an Excel file (the import's columns and more).
#[utoipa::path(get, path = "/injury/cases/export", tag = "injury", params(SortQuery, CaseFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanCaseExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<CaseFilter>,
) -> ApiResult<Response> {
    let page = cases::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    let cols = [
        col("point_code", "监测点代码", "Point code", 14.0),
        col("point_name", "监测点", "Point", 20.0),
        col("case_no", "病例编号", "Case number", 14.0),
        col("treated_on", "就诊日期", "Date treated", 12.0),
        col("age", "年龄", "Age", 6.0),
        col("sex", "性别", "Sex", 6.0).labelled("injury_sex"),
        col("place", "发生地点", "Place", 14.0).labelled("injury_place"),
        col("activity", "发生时活动", "Activity", 14.0).labelled("injury_activity"),
        col("intent", "伤害意图", "Intent", 12.0).labelled("injury_intent"),
        col("body_part", "伤害部位", "Body part", 12.0).labelled("injury_body_part"),
        col("diagnosis", "伤害性质", "Diagnosis", 14.0).labelled("injury_diagnosis"),
        col("severity", "严重程度", "Severity", 10.0).labelled("injury_severity"),
        col("disposition", "伤害结局", "Disposition", 12.0).labelled("injury_disposition"),
        col("products", "相关产品", "Products", 20.0),
        col("city_name", "市州", "City", 10.0),
        col("narrative", "简要经过", "Narrative", 40.0),
    ];
    excel::export(
        lang,
        SHEET,
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/injury/cases/import-template", tag = "injury",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanCaseImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &COLUMNS)
}

/// Import cases from an Excel file (multipart field `file`), with every row error.
#[utoipa::path(post, path = "/injury/cases/import", tag = "injury", params(ImportQuery), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanCaseImport>,
    lang: Lang,
    Query(q): Query<ImportQuery>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let p = auth.principal();
    let writer = Arc::new(Writer::new(&st.db, p).await?);
    let rows = excel::rows(bytes, &COLUMNS, &Labels::load(&st.db, &COLUMNS).await?)
        .await?
        .into_iter()
        .map(|r| {
            let point_id = r.optional("point_code").map(|c| {
                // An unknown code becomes an id no point has, reported as `point_id`.
                writer.point_by_code(&c).unwrap_or(-1)
            });
            let input = CaseInput {
                point_id,
                case_no: r.get("case_no"),
                treated_on: r.get("treated_on"),
                age: r.optional("age").map(|a| a.trim().parse().unwrap_or(-1)),
                sex: r.get("sex"),
                place: r.get("place"),
                activity: r.get("activity"),
                intent: r.get("intent"),
                body_part: r.get("body_part"),
                diagnosis: r.get("diagnosis"),
                severity: r.get("severity"),
                disposition: r.get("disposition"),
                products: ["product1", "product2", "product3"]
                    .iter()
                    .filter_map(|k| r.optional(k))
                    .collect(),
                narrative: r.get("narrative"),
                version: None,
            };
            (
                r.number,
                ImportCase {
                    writer: writer.clone(),
                    input,
                },
            )
        })
        .collect();
    let (created, errors) =
        longzhi_store::repo::import_rows_in(&st.db, p, rows, q.mode.unwrap_or_default()).await?;
    Ok(Json(ImportResult::of(created, errors, lang)))
}

/// A hospital system's upload of up to 5000 cases of one point: the valid ones are stored (a
/// case number the point has already replaces its case), the others answered with their errors.
#[utoipa::path(post, path = "/injury/cases/bulk", tag = "injury", request_body = BulkUpload, responses((status = 200, body = BulkResult)))]
async fn bulk(
    State(st): State<AppState>,
    auth: Allowed<CanCaseCreate>,
    lang: Lang,
    Json(u): Json<BulkUpload>,
) -> ApiResult<Json<BulkResult>> {
    let message = |e: &longzhi_domain::FieldError| field_message(e, lang);
    Ok(Json(
        cases::bulk(&st.db, auth.principal(), u, message).await?,
    ))
}

#[utoipa::path(get, path = "/injury/cases/{id}", tag = "injury", params(("id" = i64, Path)), responses((status = 200, body = CaseView)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanCaseView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<CaseView>> {
    Ok(Json(cases::get(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/injury/cases/{id}", tag = "injury", params(("id" = i64, Path)), request_body = CaseInput, responses((status = 200, body = CaseView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanCaseUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<CaseInput>,
) -> ApiResult<Json<CaseView>> {
    Ok(Json(cases::update(&st.db, auth.principal(), id, i).await?))
}

#[utoipa::path(delete, path = "/injury/cases/{id}", tag = "injury", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanCaseDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    cases::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// File a defect report from a case (its first product unless another category is named).
#[utoipa::path(post, path = "/injury/cases/{id}/report", tag = "injury", params(("id" = i64, Path)), request_body = DefectReportInput, responses((status = 201, body = DefectReport)))]
async fn file_report(
    State(st): State<AppState>,
    auth: Allowed<CanReportCreate>,
    Path(id): Path<i64>,
    Json(i): Json<DefectReportInput>,
) -> ApiResult<(StatusCode, Json<DefectReport>)> {
    let v = reports::from_case(&st.db, auth.principal(), id, i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}
