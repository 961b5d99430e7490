//! `/injury/signals`: the disproportionality table of a window, its reports file, the rules,
//! and the register of signals with staff decisions.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::signals::{
    self, RegisterFilter, RegisterUpdate, RegisterView, RuleInput, RuleView, SignalQuery,
    SignalTable,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(table))
        .routes(routes!(reports_csv))
        .routes(routes!(list_rules, create_rule))
        .routes(routes!(update_rule, delete_rule))
        .routes(routes!(register))
        .routes(routes!(decide))
}

/// Counts and PRR, ROR, IC (IC025), EBGM (EB05) of every cell of the window, the rules each
/// meets and whether it is new on the preceding window; `command` on
/// `/injury/signals/reports.csv` gives the same cells.
#[utoipa::path(get, path = "/injury/signals", tag = "injury", params(SignalQuery), responses((status = 200, body = SignalTable)))]
async fn table(
    State(st): State<AppState>,
    auth: Allowed<CanSignalList>,
    Query(q): Query<SignalQuery>,
) -> ApiResult<Json<SignalTable>> {
    Ok(Json(signals::table(&st.db, auth.principal(), &q).await?))
}

/// The window's reports, one line each, as `longzhi engine signal` reads them.
#[utoipa::path(get, path = "/injury/signals/reports.csv", tag = "injury", params(SignalQuery),
    responses((status = 200, description = "The reports CSV", content_type = "text/csv")))]
async fn reports_csv(
    State(st): State<AppState>,
    auth: Allowed<CanSignalExport>,
    Query(q): Query<SignalQuery>,
) -> ApiResult<Response> {
    let bytes = signals::reports_csv(&st.db, auth.principal(), &q).await?;
    Ok(excel::attachment(
        bytes,
        "injury-signal-reports.csv",
        "text/csv; charset=utf-8",
    ))
}

#[utoipa::path(get, path = "/injury/signal-rules", tag = "injury", responses((status = 200, body = Vec<RuleView>)))]
async fn list_rules(
    State(st): State<AppState>,
    _: Allowed<CanSignalList>,
) -> ApiResult<Json<Vec<RuleView>>> {
    Ok(Json(signals::rules(&st.db).await?))
}

#[utoipa::path(post, path = "/injury/signal-rules", tag = "injury", request_body = RuleInput, responses((status = 201, body = RuleView)))]
async fn create_rule(
    State(st): State<AppState>,
    auth: Allowed<CanSignalRule>,
    Json(i): Json<RuleInput>,
) -> ApiResult<(StatusCode, Json<RuleView>)> {
    let v = signals::create_rule(&st.db, auth.principal(), i).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

#[utoipa::path(put, path = "/injury/signal-rules/{id}", tag = "injury", params(("id" = i64, Path)), request_body = RuleInput, responses((status = 200, body = RuleView)))]
async fn update_rule(
    State(st): State<AppState>,
    auth: Allowed<CanSignalRule>,
    Path(id): Path<i64>,
    Json(i): Json<RuleInput>,
) -> ApiResult<Json<RuleView>> {
    Ok(Json(
        signals::update_rule(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/injury/signal-rules/{id}", tag = "injury", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_rule(
    State(st): State<AppState>,
    auth: Allowed<CanSignalRule>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    signals::delete_rule(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signal register the weekly run keeps.
#[utoipa::path(get, path = "/injury/register", tag = "injury", params(PageQuery, RegisterFilter), responses((status = 200, body = Page<RegisterView>)))]
async fn register(
    State(st): State<AppState>,
    _: Allowed<CanSignalList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RegisterFilter>,
) -> ApiResult<Json<Page<RegisterView>>> {
    Ok(Json(signals::register(&st.db, &f, &q).await?))
}

/// Review, escalate (to a risk assessment or a defect investigation) or close a signal.
#[utoipa::path(put, path = "/injury/register/{id}", tag = "injury", params(("id" = i64, Path)), request_body = RegisterUpdate, responses((status = 200, body = RegisterView)))]
async fn decide(
    State(st): State<AppState>,
    auth: Allowed<CanSignalUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<RegisterUpdate>,
) -> ApiResult<Json<RegisterView>> {
    Ok(Json(
        signals::decide(&st.db, auth.principal(), id, u).await?,
    ))
}
