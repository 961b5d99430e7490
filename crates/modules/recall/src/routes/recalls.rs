//! `/recall/recalls`: plans, publication, progress, effectiveness, summary, closure, export.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Labels, col};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::Lang;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::recalls::{
    self, EffectivenessInput, ProgressInput, RecallDetail, RecallFilter, RecallInput, RecallView,
    SummaryInput, VersionInput,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(export))
        .routes(routes!(get, update))
        .routes(routes!(publish))
        .routes(routes!(progress))
        .routes(routes!(effectiveness))
        .routes(routes!(summary))
        .routes(routes!(close))
}

#[utoipa::path(get, path = "/recall/recalls", tag = "recall", params(PageQuery, RecallFilter), responses((status = 200, body = Page<RecallView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanRecallList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RecallFilter>,
) -> ApiResult<Json<Page<RecallView>>> {
    Ok(Json(recalls::list(&st.db, auth.principal(), &f, &q).await?))
}

/// A voluntary recall: an enterprise's own plan, or one recorded for a producer.
#[utoipa::path(post, path = "/recall/recalls", tag = "recall", request_body = RecallInput, responses((status = 201, body = RecallView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanRecallCreate>,
    Json(i): Json<RecallInput>,
) -> ApiResult<(StatusCode, Json<RecallView>)> {
    Ok((
        StatusCode::CREATED,
        Json(recalls::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/recalls/export", tag = "recall", params(SortQuery, RecallFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanRecallExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<RecallFilter>,
) -> ApiResult<Response> {
    let page = recalls::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    let cols = [
        col("code", "召回编号", "Number", 16.0),
        col("kind", "召回方式", "Kind", 10.0).labelled("recall_kind"),
        col("status", "状态", "Status", 10.0).labelled("recall_status"),
        col("title", "召回名称", "Title", 30.0),
        col("producer_name", "生产者", "Producer", 24.0),
        col("category", "产品类别", "Category", 14.0).labelled("injury_product"),
        col("brand", "品牌", "Brand", 12.0),
        col("hazard", "危害类型", "Hazard", 12.0).labelled("injury_hazard"),
        col("remedy", "补救措施", "Remedy", 10.0).labelled("recall_remedy"),
        col("quantity", "涉及数量", "Units", 10.0),
        col("notified", "已通知", "Notified", 10.0),
        col("corrected", "已处置", "Corrected", 10.0),
        col("correction_rate", "处置率", "Correction rate", 10.0),
        col("published_at", "发布时间", "Published", 18.0),
        col("next_report_due", "下次报告期限", "Next report due", 14.0),
        col("overdue", "报告逾期", "Report overdue", 10.0),
    ];
    excel::export(
        lang,
        ("召回", "Recalls"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/recall/recalls/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = RecallDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanRecallView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RecallDetail>> {
    Ok(Json(recalls::detail(&st.db, auth.principal(), id).await?))
}

/// Edit the plan of a draft.
#[utoipa::path(put, path = "/recall/recalls/{id}", tag = "recall", params(("id" = i64, Path)), request_body = RecallInput, responses((status = 200, body = RecallDetail)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanRecallUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<RecallInput>,
) -> ApiResult<Json<RecallDetail>> {
    Ok(Json(
        recalls::update(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// Publish a complete plan (draft → published).
    publish, "/recall/recalls/{id}/publish", CanRecallPublish, VersionInput, RecallDetail, recalls::publish
);
step!(
    /// The producer's periodic progress report.
    progress, "/recall/recalls/{id}/progress", CanRecallProgress, ProgressInput, RecallDetail, recalls::report_progress
);
step!(
    /// The regulator's effectiveness check.
    effectiveness, "/recall/recalls/{id}/effectiveness", CanRecallReview, EffectivenessInput, RecallDetail, recalls::check_effectiveness
);
step!(
    /// The producer's summary (published → summarised).
    summary, "/recall/recalls/{id}/summary", CanRecallProgress, SummaryInput, RecallDetail, recalls::summarise
);
step!(
    /// Close a summarised recall found effective.
    close, "/recall/recalls/{id}/close", CanRecallClose, VersionInput, RecallDetail, recalls::close
);
