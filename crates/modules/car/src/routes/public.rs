//! `/public/sanbao`: the consumers' self-check without login. `check` takes and answers exactly
//! the JSON of `longzhi engine sanbao --input`; `report` answers the same as a PDF. Both count
//! against the address's hourly allowance.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::attachment;
use longzhi_server::extract::{ClientInfo, Json, Query};
use longzhi_server::i18n::Lang;
use longzhi_server::public::cached_json;
use serde::Deserialize;
use serde_json::Value;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::makers::{self, ModelView};
use crate::self_check::{self, Deadlines};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(check))
        .routes(routes!(report))
        .routes(routes!(models))
        .routes(routes!(deadlines))
}

/// The 三包 decision for a case, exactly as `longzhi engine sanbao --input` answers it. A
/// malformed case is a field error naming its JSON path (`events[0].odometer_km`).
#[utoipa::path(post, path = "/public/sanbao/check", tag = "car",
    request_body(content = Object, description = "The case, as `longzhi engine sanbao --input` takes it (docs/domain/rules-sanbao.md §6)"),
    responses((status = 200, body = Object, description = "The engine's decision"),
        (status = 422, body = longzhi_server::i18n::ErrorBody), (status = 429, body = longzhi_server::i18n::ErrorBody)))]
async fn check(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    Json(case): Json<Value>,
) -> ApiResult<Json<Value>> {
    self_check::count(&st.db, &client.ip).await?;
    Ok(Json(self_check::decide(&case)?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReportQuery {
    /// `zh-CN` (default) or `en`.
    lang: Option<String>,
}

/// The self-check as a printable PDF: the decision article by article, the periods, the
/// seller's deadlines in the province's working days and what to bring.
#[utoipa::path(post, path = "/public/sanbao/report", tag = "car", params(ReportQuery),
    request_body(content = Object, description = "The case, as for `/public/sanbao/check`"),
    responses((status = 200, description = "A PDF file", content_type = "application/pdf"),
        (status = 422, body = longzhi_server::i18n::ErrorBody), (status = 429, body = longzhi_server::i18n::ErrorBody)))]
async fn report(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    lang: Lang,
    Query(q): Query<ReportQuery>,
    Json(case): Json<Value>,
) -> ApiResult<Response> {
    self_check::count(&st.db, &client.ip).await?;
    let english = q
        .lang
        .as_deref()
        .map_or(lang == Lang::En, |l| l.starts_with("en"));
    let pdf = self_check::pdf(&st.db, &case, english).await?;
    let name = if english {
        "sanbao-self-check.pdf"
    } else {
        "三包自助判定.pdf"
    };
    Ok(attachment(pdf, name, "application/pdf"))
}

/// The makers' models with the terms of their 三包凭证 (to fill in the compensation rate).
#[utoipa::path(get, path = "/public/sanbao/models", tag = "car",
    responses((status = 200, body = Vec<ModelView>), (status = 304, description = "Not modified")))]
async fn models(State(st): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    Ok(cached_json(&headers, &makers::active_models(&st.db).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DeadlineQuery {
    /// The day the seller received the request.
    received_on: chrono::NaiveDate,
}

/// The seller's Art 28 deadlines for a request received on a day, in the province's working
/// days (its holidays and make-up working days).
#[utoipa::path(get, path = "/public/sanbao/deadlines", tag = "car", params(DeadlineQuery),
    responses((status = 200, body = Deadlines), (status = 304, description = "Not modified")))]
async fn deadlines(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<DeadlineQuery>,
) -> ApiResult<Response> {
    Ok(cached_json(
        &headers,
        &self_check::deadlines(&st.db, q.received_on).await?,
    ))
}
