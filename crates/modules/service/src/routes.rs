//! `/service/…` (questionnaires, rounds, quotas, responses, results, tasks, events) and
//! `/public/survey/{token}` (the one-time public link), docs/guide/service.md.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::{ApiError, ApiResult};
use longzhi_server::excel::{self, ImportResult};
use longzhi_server::extract::{Allowed, ClientInfo, Json, Path, Query};
use longzhi_server::i18n::Lang;
use longzhi_server::permissions;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::jobs::JobView;
use longzhi_store::scope::Principal;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::events::{self, AssessInput, EventFilter, EventInput, EventView, NoteInput};
use crate::responses::{
    self, PublicAnswer, PublicSurvey, ResponseFilter, ResponseInput, ResponseView,
};
use crate::results::{self, Results};
use crate::rounds::{
    self, Collector, CollectorInput, LinkView, LinksInput, QuotaView, QuotasInput, RoundFilter,
    RoundInput, RoundView, VersionInput,
};
use crate::surveys::{self, SurveyFilter, SurveyInput, SurveyView};
use crate::tasks::{self, EvidenceInput, ReviewInput, TaskFilter, TaskInput, TaskView};
use crate::{jobs, notice};

permissions! {
    CanSurveyList = "service:survey:list",
    CanSurveyView = "service:survey:view",
    CanSurveyCreate = "service:survey:create",
    CanSurveyUpdate = "service:survey:update",
    CanRoundList = "service:round:list",
    CanRoundView = "service:round:view",
    CanRoundCreate = "service:round:create",
    CanRoundUpdate = "service:round:update",
    CanRoundCompute = "service:round:compute",
    CanRoundPublish = "service:round:publish",
    CanQuotaList = "service:quota:list",
    CanQuotaUpdate = "service:quota:update",
    CanResponseList = "service:response:list",
    CanResponseCreate = "service:response:create",
    CanResponseImport = "service:response:import",
    CanResponseExport = "service:response:export",
    CanResultView = "service:result:view",
    CanResultExport = "service:result:export",
    CanTaskList = "service:task:list",
    CanTaskView = "service:task:view",
    CanTaskCreate = "service:task:create",
    CanTaskReport = "service:task:report",
    CanTaskReview = "service:task:review",
    CanEventList = "service:event:list",
    CanEventView = "service:event:view",
    CanEventCreate = "service:event:create",
    CanEventHandle = "service:event:handle",
    CanEventAssess = "service:event:assess",
}

/// A workflow step's handler, documented under the module's tag.
macro_rules! step {
    ($($t:tt)*) => { longzhi_server::step_route!("service", $($t)*); };
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sectors))
        .routes(routes!(list_surveys, create_survey))
        .routes(routes!(get_survey, update_survey))
        .routes(routes!(activate_survey))
        .routes(routes!(revise_survey))
        .routes(routes!(survey_model))
        .routes(routes!(list_rounds, create_round))
        .routes(routes!(get_round, update_round))
        .routes(routes!(open_round))
        .routes(routes!(close_round))
        .routes(routes!(publish_round))
        .routes(routes!(compute_round))
        .routes(routes!(notice_pdf))
        .routes(routes!(list_quotas, set_quotas))
        .routes(routes!(collectors))
        .routes(routes!(assign_collector))
        .routes(routes!(create_links))
        .routes(routes!(list_responses, enter_response))
        .routes(routes!(response_template))
        .routes(routes!(import_responses))
        .routes(routes!(export_responses))
        .routes(routes!(export_responses_xlsx))
        .routes(routes!(get_results))
        .routes(routes!(export_results))
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task))
        .routes(routes!(submit_task))
        .routes(routes!(review_task))
        .routes(routes!(list_events, create_event))
        .routes(routes!(get_event))
        .routes(routes!(act_event))
        .routes(routes!(resolve_event))
        .routes(routes!(assess_event))
        .routes(routes!(public_survey, public_answer))
}

/// A service surveyed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceSector)]
struct Sector {
    code: String,
    name: String,
    name_en: String,
    /// `public` or `life`.
    field: String,
}

/// The services a questionnaire may survey (dictionary `service_sector`).
#[utoipa::path(get, path = "/service/services", tag = "service", responses((status = 200, body = Vec<Sector>)))]
async fn sectors(
    State(st): State<AppState>,
    _: Allowed<CanSurveyList>,
) -> ApiResult<Json<Vec<Sector>>> {
    let items = longzhi_store::repo::dicts::items(&st.db, crate::dicts::SECTOR, true).await?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| Sector {
                field: crate::dicts::field(&i.value).into(),
                code: i.value,
                name: i.label,
                name_en: i.label_en,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/service/surveys", tag = "service", params(PageQuery, SurveyFilter), responses((status = 200, body = Page<SurveyView>)))]
async fn list_surveys(
    State(st): State<AppState>,
    _: Allowed<CanSurveyList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<SurveyFilter>,
) -> ApiResult<Json<Page<SurveyView>>> {
    Ok(Json(surveys::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/service/surveys", tag = "service", request_body = SurveyInput, responses((status = 201, body = SurveyView)))]
async fn create_survey(
    State(st): State<AppState>,
    auth: Allowed<CanSurveyCreate>,
    Json(i): Json<SurveyInput>,
) -> ApiResult<(StatusCode, Json<SurveyView>)> {
    Ok((
        StatusCode::CREATED,
        Json(surveys::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/service/surveys/{id}", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = SurveyView)))]
async fn get_survey(
    State(st): State<AppState>,
    _: Allowed<CanSurveyView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<SurveyView>> {
    Ok(Json(surveys::get(&st.db, id).await?))
}

/// Edit a draft questionnaire.
#[utoipa::path(put, path = "/service/surveys/{id}", tag = "service", params(("id" = i64, Path)), request_body = SurveyInput, responses((status = 200, body = SurveyView)))]
async fn update_survey(
    State(st): State<AppState>,
    auth: Allowed<CanSurveyUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<SurveyInput>,
) -> ApiResult<Json<SurveyView>> {
    Ok(Json(
        surveys::update(&st.db, auth.principal(), id, i).await?,
    ))
}

async fn activate(
    db: &longzhi_store::DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> longzhi_store::Result<SurveyView> {
    surveys::activate(db, p, id, v.version).await
}

async fn revise(
    db: &longzhi_store::DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> longzhi_store::Result<SurveyView> {
    surveys::revise(db, p, id, v.version).await
}

step!(
    /// Put a draft in the field: the PLS engine must accept its model; the previous active
    /// edition is retired.
    activate_survey, "/service/surveys/{id}/activate", CanSurveyUpdate, VersionInput, SurveyView, activate
);
step!(
    /// A new draft edition copied from this one.
    revise_survey, "/service/surveys/{id}/revise", CanSurveyCreate, VersionInput, SurveyView, revise
);

/// The questionnaire's model as `longzhi engine pls --model` reads it.
#[utoipa::path(get, path = "/service/surveys/{id}/model.toml", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, description = "MODEL.toml", content_type = "application/toml")))]
async fn survey_model(
    State(st): State<AppState>,
    _: Allowed<CanSurveyView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let s = surveys::load(&st.db, id).await?;
    let name = format!("{}-{}.toml", s.row.code, s.row.edition);
    Ok(excel::attachment(
        s.toml().into_bytes(),
        &name,
        "application/toml",
    ))
}

#[utoipa::path(get, path = "/service/rounds", tag = "service", params(PageQuery, RoundFilter), responses((status = 200, body = Page<RoundView>)))]
async fn list_rounds(
    State(st): State<AppState>,
    _: Allowed<CanRoundList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RoundFilter>,
) -> ApiResult<Json<Page<RoundView>>> {
    Ok(Json(rounds::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/service/rounds", tag = "service", request_body = RoundInput, responses((status = 201, body = RoundView)))]
async fn create_round(
    State(st): State<AppState>,
    auth: Allowed<CanRoundCreate>,
    Json(i): Json<RoundInput>,
) -> ApiResult<(StatusCode, Json<RoundView>)> {
    Ok((
        StatusCode::CREATED,
        Json(rounds::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/service/rounds/{id}", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = RoundView)))]
async fn get_round(
    State(st): State<AppState>,
    _: Allowed<CanRoundView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(rounds::get(&st.db, id).await?))
}

#[utoipa::path(put, path = "/service/rounds/{id}", tag = "service", params(("id" = i64, Path)), request_body = RoundInput, responses((status = 200, body = RoundView)))]
async fn update_round(
    State(st): State<AppState>,
    auth: Allowed<CanRoundUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<RoundInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(rounds::update(&st.db, auth.principal(), id, i).await?))
}

step!(
    /// Start the fieldwork (the round needs quotas).
    open_round, "/service/rounds/{id}/open", CanRoundUpdate, VersionInput, RoundView, rounds::open
);
step!(
    /// End the fieldwork: nothing more is entered, imported or sent.
    close_round, "/service/rounds/{id}/close", CanRoundUpdate, VersionInput, RoundView, rounds::close
);
step!(
    /// Publish a computed, closed round: every city sees every figure and the notification.
    publish_round, "/service/rounds/{id}/publish", CanRoundPublish, VersionInput, RoundView, notice::publish
);

/// Compute the round (a background job: follow it at `/jobs/{id}`): the PLS model and every
/// index with its bootstrap interval, exactly `longzhi engine pls` on the export.
#[utoipa::path(post, path = "/service/rounds/{id}/compute", tag = "service", params(("id" = i64, Path)), responses((status = 202, body = JobView)))]
async fn compute_round(
    State(st): State<AppState>,
    auth: Allowed<CanRoundCompute>,
    Path(id): Path<i64>,
) -> ApiResult<(StatusCode, Json<JobView>)> {
    Ok((
        StatusCode::ACCEPTED,
        Json(jobs::queue_compute(&st.db, auth.principal(), id).await?),
    ))
}

/// The notification (通报) PDF: a city reads it once the round is published; the province
/// reads the preview before.
#[utoipa::path(get, path = "/service/rounds/{id}/notice.pdf", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, description = "A PDF file", content_type = "application/pdf")))]
async fn notice_pdf(
    State(st): State<AppState>,
    auth: Allowed<CanResultView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let r = results::get(&st.db, auth.principal(), id).await?;
    if r.engine.is_none() {
        return Err(ApiError::Rule(longzhi_domain::ErrorCode::ServiceWrongState));
    }
    let pdf = notice::pdf(&r).await?;
    Ok(excel::attachment(
        pdf,
        &format!("{}-通报.pdf", r.round.name),
        "application/pdf",
    ))
}

#[utoipa::path(get, path = "/service/rounds/{id}/quotas", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = Vec<QuotaView>)))]
async fn list_quotas(
    State(st): State<AppState>,
    auth: Allowed<CanQuotaList>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<QuotaView>>> {
    Ok(Json(rounds::quotas(&st.db, auth.principal(), id).await?))
}

/// Set cells of the quota grid (design or fieldwork; the province).
#[utoipa::path(put, path = "/service/rounds/{id}/quotas", tag = "service", params(("id" = i64, Path)), request_body = QuotasInput, responses((status = 200, body = Vec<QuotaView>)))]
async fn set_quotas(
    State(st): State<AppState>,
    auth: Allowed<CanRoundUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<QuotasInput>,
) -> ApiResult<Json<Vec<QuotaView>>> {
    Ok(Json(
        rounds::set_quotas(&st.db, auth.principal(), id, i).await?,
    ))
}

/// The survey staff of the caller's region, whom it may assign to quotas.
#[utoipa::path(get, path = "/service/collectors", tag = "service", responses((status = 200, body = Vec<Collector>)))]
async fn collectors(
    State(st): State<AppState>,
    auth: Allowed<CanQuotaUpdate>,
) -> ApiResult<Json<Vec<Collector>>> {
    Ok(Json(rounds::collectors(&st.db, auth.principal()).await?))
}

/// Assign (or clear) a quota's collector.
#[utoipa::path(put, path = "/service/quotas/{id}/collector", tag = "service", params(("id" = i64, Path)), request_body = CollectorInput, responses((status = 200, body = QuotaView)))]
async fn assign_collector(
    State(st): State<AppState>,
    auth: Allowed<CanQuotaUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<CollectorInput>,
) -> ApiResult<Json<QuotaView>> {
    Ok(Json(rounds::assign(&st.db, auth.principal(), id, i).await?))
}

/// One-time public links for a quota (shown once).
#[utoipa::path(post, path = "/service/quotas/{id}/links", tag = "service", params(("id" = i64, Path)), request_body = LinksInput, responses((status = 201, body = Vec<LinkView>)))]
async fn create_links(
    State(st): State<AppState>,
    auth: Allowed<CanQuotaUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<LinksInput>,
) -> ApiResult<(StatusCode, Json<Vec<LinkView>>)> {
    Ok((
        StatusCode::CREATED,
        Json(rounds::links(&st.db, auth.principal(), id, i).await?),
    ))
}

#[utoipa::path(get, path = "/service/rounds/{id}/responses", tag = "service", params(("id" = i64, Path), PageQuery, ResponseFilter), responses((status = 200, body = Page<ResponseView>)))]
async fn list_responses(
    State(st): State<AppState>,
    auth: Allowed<CanResponseList>,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ResponseFilter>,
) -> ApiResult<Json<Page<ResponseView>>> {
    Ok(Json(
        responses::list(&st.db, auth.principal(), id, &f, &q).await?,
    ))
}

/// Enter a response on a quota of the caller's (the data-quality flags are set at once).
#[utoipa::path(post, path = "/service/rounds/{id}/responses", tag = "service", params(("id" = i64, Path)), request_body = ResponseInput, responses((status = 201, body = ResponseView)))]
async fn enter_response(
    State(st): State<AppState>,
    auth: Allowed<CanResponseCreate>,
    Path(id): Path<i64>,
    Json(i): Json<ResponseInput>,
) -> ApiResult<(StatusCode, Json<ResponseView>)> {
    Ok((
        StatusCode::CREATED,
        Json(responses::enter(&st.db, auth.principal(), id, i).await?),
    ))
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The import template of the round's questionnaire (one column per item; notes on a second sheet).
#[utoipa::path(get, path = "/service/rounds/{id}/responses/import-template", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn response_template(
    State(st): State<AppState>,
    _: Allowed<CanResponseImport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let bytes = responses::template(&st.db, id, lang == Lang::En).await?;
    Ok(excel::attachment(
        bytes,
        &format!("{}.xlsx", lang.pick("样本导入模板", "responses-template")),
        XLSX_TYPE,
    ))
}

/// Import responses from the template or a CSV with the same columns (multipart field `file`):
/// every row checked, errors row by row; all or nothing.
#[utoipa::path(post, path = "/service/rounds/{id}/responses/import", tag = "service", params(("id" = i64, Path)), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import_responses(
    State(st): State<AppState>,
    auth: Allowed<CanResponseImport>,
    lang: Lang,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    rounds::load(&st.db, id).await?;
    let limit = excel::upload_limit(&st.db).await?;
    let (name, bytes) = excel::read_named_upload(multipart, limit).await?;
    let sheet = if bytes.starts_with(b"PK") {
        excel::read_sheet(bytes).await?
    } else if name.to_lowercase().ends_with(".csv") || std::str::from_utf8(&bytes).is_ok() {
        responses::csv_sheet(&bytes)
            .map_err(|e| ApiError::Validation(longzhi_domain::FieldErrors(vec![e])))?
    } else {
        return Err(ApiError::Rule(longzhi_domain::ErrorCode::ImportFile));
    };
    let outcome = responses::import(&st.db, auth.principal(), id, sheet).await?;
    Ok(Json(ImportResult::new(outcome, lang)))
}

/// The valid responses the caller's scope holds, exactly as `longzhi engine pls --data` reads
/// them (`region,service,field,cell`, then the items).
#[utoipa::path(get, path = "/service/rounds/{id}/responses/export", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, description = "A CSV file", content_type = "text/csv")))]
async fn export_responses(
    State(st): State<AppState>,
    auth: Allowed<CanResponseExport>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let csv = responses::export_csv(&st.db, auth.principal(), id).await?;
    Ok(excel::attachment(
        csv.into_bytes(),
        &format!("responses-{id}.csv"),
        "text/csv; charset=utf-8",
    ))
}

/// Every response the caller's scope holds with its flags, as a workbook.
#[utoipa::path(get, path = "/service/rounds/{id}/responses/export.xlsx", tag = "service", params(("id" = i64, Path), ResponseFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_responses_xlsx(
    State(st): State<AppState>,
    auth: Allowed<CanResponseExport>,
    lang: Lang,
    Path(id): Path<i64>,
    Query(f): Query<ResponseFilter>,
) -> ApiResult<Response> {
    let page = responses::list(
        &st.db,
        auth.principal(),
        id,
        &f,
        &PageQuery::everything(None),
    )
    .await?;
    let r = rounds::load(&st.db, id).await?;
    let s = surveys::load(&st.db, r.survey_id).await?;
    let items: Vec<String> = s.model.items().map(|i| i.code.clone()).collect();
    let bytes = responses::workbook(&page.items, &items, lang == Lang::En)?;
    Ok(excel::attachment(
        bytes,
        &format!("{}.xlsx", lang.pick("调查样本", "responses")),
        XLSX_TYPE,
    ))
}

/// The round's results (a city before publication: its own figures only).
#[utoipa::path(get, path = "/service/rounds/{id}/results", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = Results)))]
async fn get_results(
    State(st): State<AppState>,
    auth: Allowed<CanResultView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Results>> {
    Ok(Json(results::get(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(get, path = "/service/rounds/{id}/results/export", tag = "service", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_results(
    State(st): State<AppState>,
    auth: Allowed<CanResultExport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let r = results::get(&st.db, auth.principal(), id).await?;
    let bytes = results::workbook(&r, lang == Lang::En)?;
    Ok(excel::attachment(
        bytes,
        &format!("{}-{}.xlsx", r.round.name, lang.pick("满意度指数", "index")),
        XLSX_TYPE,
    ))
}

#[utoipa::path(get, path = "/service/tasks", tag = "service", params(PageQuery, TaskFilter), responses((status = 200, body = Page<TaskView>)))]
async fn list_tasks(
    State(st): State<AppState>,
    auth: Allowed<CanTaskList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<TaskFilter>,
) -> ApiResult<Json<Page<TaskView>>> {
    Ok(Json(tasks::list(&st.db, auth.principal(), &f, &q).await?))
}

#[utoipa::path(post, path = "/service/tasks", tag = "service", request_body = TaskInput, responses((status = 201, body = TaskView)))]
async fn create_task(
    State(st): State<AppState>,
    auth: Allowed<CanTaskCreate>,
    Json(i): Json<TaskInput>,
) -> ApiResult<(StatusCode, Json<TaskView>)> {
    Ok((
        StatusCode::CREATED,
        Json(tasks::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/service/tasks/{id}", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = TaskView)))]
async fn get_task(
    State(st): State<AppState>,
    auth: Allowed<CanTaskView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<TaskView>> {
    Ok(Json(tasks::get(&st.db, auth.principal(), id).await?))
}

step!(
    /// The responsible organisation's evidence (attachments: files of entity `service_task`).
    submit_task, "/service/tasks/{id}/submit", CanTaskReport, EvidenceInput, TaskView, tasks::submit
);
step!(
    /// Accept the evidence, or return it with a comment.
    review_task, "/service/tasks/{id}/review", CanTaskReview, ReviewInput, TaskView, tasks::review
);

#[utoipa::path(get, path = "/service/events", tag = "service", params(PageQuery, EventFilter), responses((status = 200, body = Page<EventView>)))]
async fn list_events(
    State(st): State<AppState>,
    auth: Allowed<CanEventList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<EventFilter>,
) -> ApiResult<Json<Page<EventView>>> {
    Ok(Json(events::list(&st.db, auth.principal(), &f, &q).await?))
}

#[utoipa::path(post, path = "/service/events", tag = "service", request_body = EventInput, responses((status = 201, body = EventView)))]
async fn create_event(
    State(st): State<AppState>,
    auth: Allowed<CanEventCreate>,
    Json(i): Json<EventInput>,
) -> ApiResult<(StatusCode, Json<EventView>)> {
    Ok((
        StatusCode::CREATED,
        Json(events::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/service/events/{id}", tag = "service", params(("id" = i64, Path)), responses((status = 200, body = EventView)))]
async fn get_event(
    State(st): State<AppState>,
    auth: Allowed<CanEventView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<EventView>> {
    Ok(Json(events::get(&st.db, auth.principal(), id).await?))
}

step!(
    /// Record what the caller's organisation did (the lead or a participant).
    act_event, "/service/events/{id}/act", CanEventHandle, NoteInput, EventView, events::act
);
step!(
    /// The lead organisation resolves the event.
    resolve_event, "/service/events/{id}/resolve", CanEventHandle, NoteInput, EventView, events::resolve
);
step!(
    /// The province assesses the handling of a resolved event.
    assess_event, "/service/events/{id}/assess", CanEventAssess, AssessInput, EventView, events::assess
);

/// The questionnaire behind a one-time link (no login).
#[utoipa::path(get, path = "/public/survey/{token}", tag = "service", params(("token" = String, Path)), responses((status = 200, body = PublicSurvey)))]
async fn public_survey(
    State(st): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<PublicSurvey>> {
    Ok(Json(responses::public_survey(&st.db, &token).await?))
}

/// A respondent's answers through a one-time link (once per link; a few per address and hour).
#[utoipa::path(post, path = "/public/survey/{token}", tag = "service", params(("token" = String, Path)), request_body = PublicAnswer,
    responses((status = 201, description = "Stored"), (status = 409, body = longzhi_server::i18n::ErrorBody), (status = 429, body = longzhi_server::i18n::ErrorBody)))]
async fn public_answer(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    Path(token): Path<String>,
    Json(a): Json<PublicAnswer>,
) -> ApiResult<StatusCode> {
    responses::public_submit(&st.db, &client.ip, &token, a).await?;
    Ok(StatusCode::CREATED)
}
