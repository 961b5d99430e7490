//! `/quality/values` and `/quality/tokens`: the values in the caller's scope, their history and
//! exports, and data sharing — tokens and the push other systems call.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::{ApiError, ApiResult};
use longzhi_server::excel::{self, Col, Labels, col};
use longzhi_server::extract::{Allowed, Json, Path, Query, request_id};
use longzhi_server::i18n::{Lang, field_message};
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::scope::Principal;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::entity::token;
use crate::sharing::{self, IssuedToken, NewToken, Push, PushResult, TokenView};
use crate::values::{self, HistoryEntry, ValueFilter, ValueView};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(export))
        .routes(routes!(history))
        .routes(routes!(push))
        .routes(routes!(list_tokens, issue_token))
        .routes(routes!(revoke_token))
}

/// The values in the caller's scope (a city: its own; the province: all).
#[utoipa::path(get, path = "/quality/values", tag = "quality", params(PageQuery, ValueFilter), responses((status = 200, body = Page<ValueView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanValueList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ValueFilter>,
) -> ApiResult<Json<Page<ValueView>>> {
    Ok(Json(values::list(&st.db, auth.principal(), &f, &q).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ExportFormat {
    /// `xlsx` (default) or `csv`.
    format: Option<String>,
}

const EXPORT: [Col; 10] = [
    col("indicator_code", "指标代码", "Indicator", 14.0),
    col("indicator_name", "指标名称", "Indicator name", 30.0),
    col("unit", "单位", "Unit", 10.0),
    col("region_code", "地区代码", "Region", 10.0),
    col("region_name", "地区", "Region name", 14.0),
    col("year", "年度", "Year", 8.0),
    col("value", "数值", "Value", 12.0),
    col("note", "说明", "Comment", 30.0),
    col("source", "来源", "Source", 10.0),
    col("published", "已发布", "Published", 8.0),
];

/// Any selection of the values in the caller's scope as Excel or CSV (one value per row).
#[utoipa::path(get, path = "/quality/values/export", tag = "quality", params(ValueFilter, ExportFormat),
    responses((status = 200, description = "An .xlsx or .csv file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanValueExport>,
    lang: Lang,
    Query(f): Query<ValueFilter>,
    Query(fmt): Query<ExportFormat>,
) -> ApiResult<Response> {
    let rows = values::all(&st.db, auth.principal(), &f).await?;
    match fmt.format.as_deref().unwrap_or("xlsx") {
        "csv" => Ok(excel::attachment(
            values::csv(&rows).into_bytes(),
            "quality-values.csv",
            "text/csv; charset=utf-8",
        )),
        "xlsx" => excel::export(
            lang,
            ("质量指标数据", "Quality values"),
            &EXPORT,
            &Labels::load(&st.db, &EXPORT).await?,
            &rows,
        ),
        _ => Err(ApiError::field("format", longzhi_domain::Rule::Enum)),
    }
}

/// A value's history, oldest first: who changed it when, from what to what.
#[utoipa::path(get, path = "/quality/values/{id}/history", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = Vec<HistoryEntry>)))]
async fn history(
    State(st): State<AppState>,
    auth: Allowed<CanValueList>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<HistoryEntry>>> {
    Ok(Json(values::history(&st.db, auth.principal(), id).await?))
}

/// The system a data-sharing token was issued to (`Authorization: Bearer lzq_…`).
struct Feeder(token::Model, Principal);

impl FromRequestParts<AppState> for Feeder {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, ApiError> {
        let plain = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthenticated)?;
        let t = sharing::authenticate(&st.db, plain.trim())
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        let p = sharing::principal(&t, request_id(&parts.headers));
        Ok(Self(t, p))
    }
}

/// Push values from another system with a data-sharing token (not a session): idempotent on
/// (indicator, region, year); each rejected value is listed with its index and error, the
/// others are stored. Values of an approved submission are refused (locked).
#[utoipa::path(post, path = "/quality/values/push", tag = "quality", request_body = Push,
    security(("bearer" = [])),
    responses((status = 200, body = PushResult)))]
async fn push(
    State(st): State<AppState>,
    Feeder(t, p): Feeder,
    lang: Lang,
    Json(body): Json<Push>,
) -> ApiResult<Json<PushResult>> {
    let r = sharing::push(&st.db, &t, &p, body, |e| field_message(e, lang)).await?;
    Ok(Json(r))
}

#[utoipa::path(get, path = "/quality/tokens", tag = "quality", responses((status = 200, body = Vec<TokenView>)))]
async fn list_tokens(
    State(st): State<AppState>,
    _: Allowed<CanTokenList>,
) -> ApiResult<Json<Vec<TokenView>>> {
    Ok(Json(sharing::list(&st.db).await?))
}

/// Issue a token to another system; the token is shown in this answer only.
#[utoipa::path(post, path = "/quality/tokens", tag = "quality", request_body = NewToken, responses((status = 201, body = IssuedToken)))]
async fn issue_token(
    State(st): State<AppState>,
    auth: Allowed<CanTokenCreate>,
    Json(n): Json<NewToken>,
) -> ApiResult<(StatusCode, Json<IssuedToken>)> {
    let t = sharing::issue(&st.db, auth.principal(), n).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

#[utoipa::path(post, path = "/quality/tokens/{id}/revoke", tag = "quality", params(("id" = i64, Path)), responses((status = 200, body = TokenView)))]
async fn revoke_token(
    State(st): State<AppState>,
    auth: Allowed<CanTokenRevoke>,
    Path(id): Path<i64>,
) -> ApiResult<Json<TokenView>> {
    Ok(Json(sharing::revoke(&st.db, auth.principal(), id).await?))
}
