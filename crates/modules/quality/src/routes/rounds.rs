//! `/quality/rounds` and `/quality/submissions`: collection rounds, each city's submission, its
//! Excel template and import, submission and review.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_domain::FieldError;
use longzhi_reports::xlsx::{self, Cell, Column};
use longzhi_server::app::AppState;
use longzhi_server::error::{ApiError, ApiResult};
use longzhi_server::excel::{self, Col, ImportResult, Labels, input};
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_server::i18n::Lang;
use longzhi_store::StoreError;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::rounds::{
    self, LineInput, NewRound, ReopenInput, RoundDetail, RoundFilter, RoundView, SaveInput,
    SubmissionForm, SubmissionReview,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, open))
        .routes(routes!(get))
        .routes(routes!(close))
        .routes(routes!(form, save))
        .routes(routes!(template))
        .routes(routes!(import))
        .routes(routes!(submit))
        .routes(routes!(review))
        .routes(routes!(reopen))
}

#[utoipa::path(get, path = "/quality/rounds", tag = "quality", params(RoundFilter), responses((status = 200, body = Vec<RoundView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanRoundList>,
    Query(f): Query<RoundFilter>,
) -> ApiResult<Json<Vec<RoundView>>> {
    Ok(Json(rounds::list(&st.db, auth.principal(), &f).await?))
}

/// Open a round of a published framework for a year; every city addressed is told.
#[utoipa::path(post, path = "/quality/rounds", tag = "quality", request_body = NewRound, responses((status = 201, body = RoundDetail)))]
async fn open(
    State(st): State<AppState>,
    auth: Allowed<CanRoundCreate>,
    Json(n): Json<NewRound>,
) -> ApiResult<(StatusCode, Json<RoundDetail>)> {
    let r = rounds::open(&st.db, auth.principal(), n).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// A round with the submissions the caller sees (a city: its own).
#[utoipa::path(get, path = "/quality/rounds/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = RoundDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanRoundView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RoundDetail>> {
    Ok(Json(rounds::detail(&st.db, auth.principal(), id).await?))
}

/// Close a round: nothing more is filled in or submitted.
#[utoipa::path(post, path = "/quality/rounds/{id}/close", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = RoundDetail)))]
async fn close(
    State(st): State<AppState>,
    auth: Allowed<CanRoundClose>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RoundDetail>> {
    Ok(Json(rounds::close(&st.db, auth.principal(), id).await?))
}

/// A submission's form: every indicator with its value, last year's, the change and the timeline.
#[utoipa::path(get, path = "/quality/submissions/{id}", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = SubmissionForm)))]
async fn form(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<SubmissionForm>> {
    Ok(Json(rounds::form(&st.db, auth.principal(), id).await?))
}

/// Save lines of a draft or returned submission (each value checked; all or none saved).
#[utoipa::path(put, path = "/quality/submissions/{id}", tag = "quality", params(("id" = i64, Path)), request_body = SaveInput, responses((status = 200, body = SubmissionForm)))]
async fn save(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionFill>,
    Path(id): Path<i64>,
    Json(i): Json<SaveInput>,
) -> ApiResult<Json<SubmissionForm>> {
    Ok(Json(rounds::save(&st.db, auth.principal(), id, i).await?))
}

const TEMPLATE: [Col; 6] = [
    input("code", "指标代码", "Code", true, "勿改", "Do not change"),
    input("name", "指标名称", "Indicator", false, "", ""),
    input("unit", "单位", "Unit", false, "", ""),
    input(
        "previous",
        "上年值",
        "Last year",
        false,
        "参考,不导入",
        "For reference; not imported",
    ),
    input(
        "value",
        "本年值",
        "This year",
        true,
        "数字;留空表示未填",
        "A number; empty = not filled in",
    ),
    input(
        "note",
        "说明",
        "Comment",
        false,
        "较上年变化超过阈值时必填",
        "Required when the change on last year is beyond the threshold",
    ),
];

/// The submission's Excel template: a row per indicator with last year's value and what is filled in.
#[utoipa::path(get, path = "/quality/submissions/{id}/template", tag = "quality", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn template(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionFill>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let f = rounds::form(&st.db, auth.principal(), id).await?;
    let columns: Vec<Column> = TEMPLATE
        .iter()
        .map(|c| Column {
            key: c.key.into(),
            title: lang.pick(c.zh, c.en).into(),
            width: if c.key == "name" { 36.0 } else { 14.0 },
        })
        .collect();
    let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let rows: Vec<Vec<Cell>> = f
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.code.clone()),
                Cell::Text(l.name.clone()),
                Cell::Text(l.unit.clone()),
                number(l.previous),
                number(l.value),
                l.note.clone().map_or(Cell::Empty, Cell::Text),
            ]
        })
        .collect();
    let name = format!(
        "{}-{}-{}",
        f.round.title,
        f.submission.region_name,
        lang.pick("填报模板", "template")
    );
    let bytes = xlsx::write_table(&f.submission.region_name, &columns, &rows, None)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(excel::attachment(
        bytes,
        &format!("{name}.xlsx"),
        excel::XLSX,
    ))
}

/// Fill in a submission from its Excel template (multipart field `file`): every row saved, or
/// none and every row's error.
#[utoipa::path(post, path = "/quality/submissions/{id}/import", tag = "quality", params(("id" = i64, Path)), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionFill>,
    lang: Lang,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    rounds::reachable(&st.db, auth.principal(), id).await?;
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &TEMPLATE, &Labels::load(&st.db, &TEMPLATE).await?).await?;
    let mut numbers = std::collections::HashMap::new();
    let lines: Vec<(String, LineInput)> = rows
        .into_iter()
        .map(|r| {
            let value = r
                .optional("value")
                .map(|v| v.trim().parse::<f64>().unwrap_or(f64::NAN));
            numbers.insert(format!("row{}", r.number), r.number);
            (
                format!("row{}", r.number),
                LineInput {
                    code: r.get("code"),
                    value,
                    note: r.optional("note"),
                },
            )
        })
        .collect();
    let outcome = match rounds::save_rows(&st.db, auth.principal(), id, None, lines).await {
        Ok(n) => Ok(n),
        // Each error names its row (`row7.value`): back to the row number and the column.
        Err(StoreError::Validation(errs)) => Err(errs
            .0
            .into_iter()
            .map(|e| {
                let (row, field) = e.field.split_once('.').unwrap_or((&e.field, ""));
                let number = numbers.get(row).copied().unwrap_or(0);
                let mut renamed = FieldError::new(field, e.rule);
                renamed.params = e.params.clone();
                (number, renamed)
            })
            .collect()),
        Err(e) => return Err(e.into()),
    };
    Ok(Json(ImportResult::new(outcome, lang)))
}

/// Submit a complete submission: every value filled in, every big change explained.
#[utoipa::path(post, path = "/quality/submissions/{id}/submit", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = SubmissionForm)))]
async fn submit(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionSubmit>,
    Path(id): Path<i64>,
) -> ApiResult<Json<SubmissionForm>> {
    Ok(Json(rounds::submit(&st.db, auth.principal(), id).await?))
}

/// Approve a submitted submission (its values are published) or return it with a comment.
#[utoipa::path(post, path = "/quality/submissions/{id}/review", tag = "quality", params(("id" = i64, Path)), request_body = SubmissionReview, responses((status = 200, body = SubmissionForm)))]
async fn review(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionReview>,
    Path(id): Path<i64>,
    Json(i): Json<SubmissionReview>,
) -> ApiResult<Json<SubmissionForm>> {
    Ok(Json(rounds::review(&st.db, auth.principal(), id, i).await?))
}

/// Reopen an approved submission with a comment: its values are unpublished until approved again.
#[utoipa::path(post, path = "/quality/submissions/{id}/reopen", tag = "quality", params(("id" = i64, Path)), request_body = ReopenInput, responses((status = 200, body = SubmissionForm)))]
async fn reopen(
    State(st): State<AppState>,
    auth: Allowed<CanSubmissionReview>,
    Path(id): Path<i64>,
    Json(i): Json<ReopenInput>,
) -> ApiResult<Json<SubmissionForm>> {
    Ok(Json(rounds::reopen(&st.db, auth.principal(), id, i).await?))
}
