//! `/car/disputes`: intake, the repair history (by hand or from Excel), the seller's answer,
//! mediation, experts' opinions and the outcome; each step its own permission.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_recall::experts::ExpertView;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, ImportResult, Labels, col, input};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::Lang;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::disputes::{
    self, AnswerInput, CloseInput, DisputeDetail, DisputeFilter, DisputeInput, DisputeOpinionInput,
    DisputeView, ExpertsInput, MediationInput,
};
use crate::repairs::{self, RepairChange, RepairInput, VersionQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export))
        .routes(routes!(get, update))
        .routes(routes!(add_repair))
        .routes(routes!(update_repair, delete_repair))
        .routes(routes!(repair_template))
        .routes(routes!(import_repairs))
        .routes(routes!(assignable))
        .routes(routes!(answer))
        .routes(routes!(mediate))
        .routes(routes!(assign))
        .routes(routes!(opinion))
        .routes(routes!(close))
}

#[utoipa::path(get, path = "/car/disputes", tag = "car", params(PageQuery, DisputeFilter), responses((status = 200, body = Page<DisputeView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<DisputeFilter>,
) -> ApiResult<Json<Page<DisputeView>>> {
    Ok(Json(
        disputes::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

/// Receive a dispute (with the repairs known at intake); the engine evaluates it at once.
#[utoipa::path(post, path = "/car/disputes", tag = "car", request_body = DisputeInput, responses((status = 201, body = DisputeDetail)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeCreate>,
    Json(i): Json<DisputeInput>,
) -> ApiResult<(StatusCode, Json<DisputeDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(disputes::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/car/disputes/export", tag = "car", params(SortQuery, DisputeFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<DisputeFilter>,
) -> ApiResult<Response> {
    let page = disputes::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    let cols = [
        col("code", "争议编号", "Number", 16.0),
        col("received_on", "受理日期", "Received", 12.0),
        col("consumer_name", "消费者", "Consumer", 10.0),
        col("vin", "车辆识别代号", "VIN", 20.0),
        col("brand", "品牌", "Brand", 10.0),
        col("model_name", "车型", "Model", 14.0),
        col("seller_name", "销售者", "Seller", 22.0),
        col("request", "诉求", "Request", 8.0).labelled(crate::dicts::REQUEST),
        col("remedy", "引擎判定", "Engine remedy", 16.0),
        col("answer_due", "答复期限", "Answer due", 12.0),
        col("answered_on", "答复日期", "Answered", 12.0),
        col("completion_due", "换退期限", "Completion due", 12.0),
        col("status", "状态", "Status", 8.0),
        col("outcome", "处理结果", "Outcome", 14.0).labelled(crate::dicts::OUTCOME),
    ];
    excel::export(
        lang,
        ("三包争议", "Sanbao disputes"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/car/disputes/{id}", tag = "car", params(("id" = i64, Path)), responses((status = 200, body = DisputeDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<DisputeDetail>> {
    Ok(Json(disputes::detail(&st.db, auth.principal(), id).await?))
}

/// Change an open dispute's facts (deadlines counted again, the engine re-evaluates).
#[utoipa::path(put, path = "/car/disputes/{id}", tag = "car", params(("id" = i64, Path)), request_body = DisputeInput, responses((status = 200, body = DisputeDetail)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<DisputeInput>,
) -> ApiResult<Json<DisputeDetail>> {
    Ok(Json(
        disputes::update(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// Add a repair visit (the engine re-evaluates).
    add_repair, "/car/disputes/{id}/repairs", CanDisputeUpdate, RepairChange, DisputeDetail, repairs::create
);

/// Change a repair visit (`version`: its dispute's).
#[utoipa::path(put, path = "/car/repairs/{id}", tag = "car", params(("id" = i64, Path)),
    request_body = RepairChange, responses((status = 200, body = DisputeDetail)))]
async fn update_repair(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<RepairChange>,
) -> ApiResult<Json<DisputeDetail>> {
    Ok(Json(
        repairs::update(&st.db, auth.principal(), id, i).await?,
    ))
}

/// Remove a repair visit entered by mistake (`version`: its dispute's).
#[utoipa::path(delete, path = "/car/repairs/{id}", tag = "car", params(("id" = i64, Path), VersionQuery),
    responses((status = 200, body = DisputeDetail)))]
async fn delete_repair(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeUpdate>,
    Path(id): Path<i64>,
    Query(v): Query<VersionQuery>,
) -> ApiResult<Json<DisputeDetail>> {
    Ok(Json(
        repairs::delete(&st.db, auth.principal(), id, &v).await?,
    ))
}

const SHEET: (&str, &str) = ("维修记录", "Repairs");

const COLUMNS: [Col; 12] = [
    input(
        "date",
        "修理日期",
        "Date",
        true,
        "如 2026-03-01",
        "e.g. 2026-03-01",
    ),
    input("odometer_km", "行驶里程(km)", "Odometer (km)", true, "", ""),
    input(
        "kind",
        "维修类型",
        "Kind",
        true,
        "修理/更换零部件/更换总成",
        "repair / part / assembly replacement",
    )
    .labelled(crate::dicts::KIND),
    input(
        "system",
        "系统",
        "System",
        true,
        "填代码或名称",
        "A code or its label",
    )
    .labelled(crate::dicts::SYSTEM),
    input(
        "part",
        "主要零部件",
        "Main part",
        false,
        "未确定主要零部件的留空",
        "Blank if no main part",
    ),
    input(
        "fault_id",
        "故障编号",
        "Fault id",
        true,
        "同一质量问题填相同编号",
        "The same id for the same problem",
    ),
    input(
        "serious_safety",
        "严重安全性能故障",
        "Serious safety fault",
        false,
        "是/否",
        "yes/no",
    ),
    input(
        "fault_kind",
        "故障类型",
        "Fault kind",
        false,
        "第二十三条所列故障",
        "An Art 23 fault",
    )
    .labelled(crate::dicts::FAULT_KIND),
    input(
        "repair_days",
        "修理天数",
        "Repair days",
        true,
        "第四十条计算,已扣除第二十四条第三款时间",
        "Art 40 days, net of Art 24 para 3",
    ),
    input(
        "consumer_fault",
        "消费者原因",
        "Consumer's fault",
        false,
        "是/否",
        "yes/no",
    ),
    input("repairer", "维修单位", "Repairer", false, "", ""),
    input("note", "备注", "Note", false, "", ""),
];

#[utoipa::path(get, path = "/car/repairs/import-template", tag = "car",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn repair_template(_: Allowed<CanDisputeImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &COLUMNS)
}

/// A yes/no cell: 是/否, yes/no, true/false, 1/0 (blank: no).
fn yes_no(field: &str, v: &str) -> Result<bool, longzhi_domain::FieldError> {
    match v.trim().to_lowercase().as_str() {
        "" | "否" | "no" | "n" | "false" | "0" => Ok(false),
        "是" | "yes" | "y" | "true" | "1" => Ok(true),
        _ => Err(
            longzhi_domain::FieldError::new(field, longzhi_domain::Rule::Enum)
                .with("allowed", "是,否"),
        ),
    }
}

fn number(field: &str, v: &str) -> Result<f64, longzhi_domain::FieldError> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| {
            longzhi_domain::FieldError::new(field, longzhi_domain::Rule::Format)
                .with("pattern", "number")
        })
}

fn repair_of(r: &excel::Row) -> Result<RepairInput, longzhi_domain::FieldError> {
    let date = r
        .get("date")
        .trim()
        .get(..10)
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| {
            longzhi_domain::FieldError::new("date", longzhi_domain::Rule::Format)
                .with("pattern", "date")
        })?;
    Ok(RepairInput {
        date,
        odometer_km: number("odometer_km", &r.get("odometer_km"))?,
        kind: r.get("kind"),
        system: r.get("system"),
        part: r.optional("part"),
        fault_id: r.get("fault_id"),
        serious_safety: yes_no("serious_safety", &r.get("serious_safety"))?,
        fault_kind: r.optional("fault_kind"),
        repair_days: number("repair_days", &r.get("repair_days"))?,
        consumer_fault: yes_no("consumer_fault", &r.get("consumer_fault"))?,
        repairer: r.get("repairer"),
        note: r.get("note"),
    })
}

/// Import repair visits from the template (multipart field `file`): every row checked, errors
/// row by row; all or nothing, then one evaluation.
#[utoipa::path(post, path = "/car/disputes/{id}/repairs/import", tag = "car", params(("id" = i64, Path), VersionQuery), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import_repairs(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeImport>,
    lang: Lang,
    Path(id): Path<i64>,
    Query(v): Query<VersionQuery>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    // The dispute must be visible before its file is read.
    disputes::detail(&st.db, auth.principal(), id).await?;
    let version = v.required()?;
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &COLUMNS, &Labels::load(&st.db, &COLUMNS).await?)
        .await?
        .iter()
        .map(|r| (r.number, repair_of(r)))
        .collect();
    let outcome = repairs::import(&st.db, auth.principal(), id, version, rows).await?;
    Ok(Json(ImportResult::new(outcome, lang)))
}

/// The experts that may be asked: active, without a conflict with the maker or its brand.
#[utoipa::path(get, path = "/car/disputes/{id}/assignable", tag = "car", params(("id" = i64, Path)), responses((status = 200, body = Vec<ExpertView>)))]
async fn assignable(
    State(st): State<AppState>,
    auth: Allowed<CanDisputeAssign>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<ExpertView>>> {
    Ok(Json(
        disputes::assignable(&st.db, auth.principal(), id).await?,
    ))
}

step!(
    /// The seller's answer to the request (due within 10 working days).
    answer, "/car/disputes/{id}/answer", CanDisputeAnswer, AnswerInput, DisputeDetail, disputes::answer
);
step!(
    /// Record a mediation session.
    mediate, "/car/disputes/{id}/mediations", CanDisputeMediate, MediationInput, DisputeDetail, disputes::mediate
);
step!(
    /// Ask experts for a technical opinion; one with a declared conflict is refused
    /// (`recall.expert_conflict`).
    assign, "/car/disputes/{id}/experts", CanDisputeAssign, ExpertsInput, DisputeDetail, disputes::assign
);
step!(
    /// An assigned expert's technical opinion.
    opinion, "/car/disputes/{id}/opinion", CanDisputeOpinion, DisputeOpinionInput, DisputeDetail, disputes::opine
);
step!(
    /// Close the dispute with its outcome.
    close, "/car/disputes/{id}/close", CanDisputeClose, CloseInput, DisputeDetail, disputes::close
);
