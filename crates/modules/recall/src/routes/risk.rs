//! `/risk/evaluate` and `/recall/assessments`.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::risk::{self, AssessmentFilter, AssessmentInput, AssessmentView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(evaluate))
        .routes(routes!(list, create))
        .routes(routes!(get))
}

/// The risk engine on the JSON `longzhi engine risk --input` takes; answers exactly its JSON
/// (a refusal names the JSON path, e.g. `scenarios[0].severity`).
#[utoipa::path(post, path = "/risk/evaluate", tag = "recall", request_body = Object,
    responses((status = 200, body = Object, description = "The command's JSON"), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn evaluate(_: Allowed<CanRiskEvaluate>, Json(input): Json<Value>) -> ApiResult<Json<Value>> {
    Ok(Json(risk::evaluate(&input)?))
}

#[utoipa::path(get, path = "/recall/assessments", tag = "recall", params(PageQuery, AssessmentFilter), responses((status = 200, body = Page<AssessmentView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanAssessmentList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<AssessmentFilter>,
) -> ApiResult<Json<Page<AssessmentView>>> {
    Ok(Json(risk::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Assess scenarios and keep the assessment, attached to an investigation, a report or a
/// register entry.
#[utoipa::path(post, path = "/recall/assessments", tag = "recall", request_body = AssessmentInput, responses((status = 201, body = AssessmentView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanAssessmentCreate>,
    Json(i): Json<AssessmentInput>,
) -> ApiResult<(StatusCode, Json<AssessmentView>)> {
    Ok((
        StatusCode::CREATED,
        Json(risk::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/assessments/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = AssessmentView)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanAssessmentView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<AssessmentView>> {
    Ok(Json(risk::get(&st.db, auth.principal(), id).await?))
}
