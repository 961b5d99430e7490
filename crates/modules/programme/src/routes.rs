//! `/programme/…` (rounds, applications, experts, review, objections, terms) and
//! `/public/programme/…` (current holders, shortlists under notice with objections, certificate
//! verification), docs/guide/programme.md.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::{ApiError, ApiResult};
use longzhi_server::excel::{self, Labels, col};
use longzhi_server::extract::{Allowed, ClientInfo, Json, Path, Query};
use longzhi_server::i18n::Lang;
use longzhi_server::permissions;
use longzhi_server::public::cached_json;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::applications::{
    self, ApplicationFilter, ApplicationInput, ApplicationView, CheckInput, ForwardInput,
    RecommendInput,
};
use crate::decision::{
    self, CertificateCheck, HandleInput, HonourFilter, ObjectionFilter, ObjectionInput,
    ObjectionView, PublicHonour, PublicNotice, Receipt, ShortlistInput,
};
use crate::experts::{self, ExpertFilter, ExpertInput, ExpertView};
use crate::review::{
    self, Analysis, AssignmentView, Candidate, ReviewersInput, ScoreInput, ScoresView, StageQuery,
};
use crate::rounds::{self, RoundFilter, RoundInput, RoundView, VersionInput};
use crate::templates::{self, Template};
use crate::terms::{self, ConcludeInput, TermFilter, TermView};

permissions! {
    CanRoundList = "programme:round:list",
    CanRoundView = "programme:round:view",
    CanRoundCreate = "programme:round:create",
    CanRoundUpdate = "programme:round:update",
    CanRoundReview = "programme:round:review",
    CanRoundDecide = "programme:round:decide",
    CanApplicationList = "programme:application:list",
    CanApplicationView = "programme:application:view",
    CanApplicationCreate = "programme:application:create",
    CanApplicationRecommend = "programme:application:recommend",
    CanApplicationCheck = "programme:application:check",
    CanApplicationExport = "programme:application:export",
    CanExpertList = "programme:expert:list",
    CanExpertCreate = "programme:expert:create",
    CanExpertUpdate = "programme:expert:update",
    CanScoreList = "programme:score:list",
    CanScoreSubmit = "programme:score:submit",
    CanObjectionList = "programme:objection:list",
    CanObjectionHandle = "programme:objection:handle",
    CanTermList = "programme:term:list",
    CanTermConclude = "programme:term:conclude",
}

/// A workflow step's handler, documented under the module's tag.
macro_rules! step {
    ($($t:tt)*) => { longzhi_server::step_route!("programme", $($t)*); };
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(template))
        .routes(routes!(list_rounds, create_round))
        .routes(routes!(get_round, update_round))
        .routes(routes!(open_round))
        .routes(routes!(close_round))
        .routes(routes!(assign_round))
        .routes(routes!(lock_round))
        .routes(routes!(shortlist_round))
        .routes(routes!(decide_round))
        .routes(routes!(analysis))
        .routes(routes!(scores_csv))
        .routes(routes!(rubric_toml))
        .routes(routes!(export_round))
        .routes(routes!(list_applications, create_application))
        .routes(routes!(get_application, update_application))
        .routes(routes!(submit_application))
        .routes(routes!(recommend_application))
        .routes(routes!(check_application))
        .routes(routes!(forward_application))
        .routes(routes!(candidates))
        .routes(routes!(add_reviewers))
        .routes(routes!(get_scores, put_scores))
        .routes(routes!(certificate))
        .routes(routes!(list_experts, create_expert))
        .routes(routes!(update_expert))
        .routes(routes!(list_objections))
        .routes(routes!(handle_objection))
        .routes(routes!(list_terms))
        .routes(routes!(conclude_term))
        .routes(routes!(public_honours))
        .routes(routes!(public_notices))
        .routes(routes!(public_objection))
        .routes(routes!(public_certificate))
}

/// A programme's defaults for a new round: rubric, eligibility checklist, quotas, terms.
#[utoipa::path(get, path = "/programme/templates/{kind}", tag = "programme", params(("kind" = String, Path)), responses((status = 200, body = Template)))]
async fn template(
    _: Allowed<CanRoundCreate>,
    Path(kind): Path<String>,
) -> ApiResult<Json<Template>> {
    templates::of(&kind).map(Json).ok_or(ApiError::NotFound)
}

#[utoipa::path(get, path = "/programme/rounds", tag = "programme", params(PageQuery, RoundFilter), responses((status = 200, body = Page<RoundView>)))]
async fn list_rounds(
    State(st): State<AppState>,
    _: Allowed<CanRoundList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RoundFilter>,
) -> ApiResult<Json<Page<RoundView>>> {
    Ok(Json(rounds::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/programme/rounds", tag = "programme", request_body = RoundInput, responses((status = 201, body = RoundView)))]
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

#[utoipa::path(get, path = "/programme/rounds/{id}", tag = "programme", params(("id" = i64, Path)), responses((status = 200, body = RoundView)))]
async fn get_round(
    State(st): State<AppState>,
    _: Allowed<CanRoundView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(rounds::get(&st.db, id).await?))
}

/// A draft changes freely; an open round only its name and dates.
#[utoipa::path(put, path = "/programme/rounds/{id}", tag = "programme", params(("id" = i64, Path)), request_body = RoundInput, responses((status = 200, body = RoundView)))]
async fn update_round(
    State(st): State<AppState>,
    auth: Allowed<CanRoundUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<RoundInput>,
) -> ApiResult<Json<RoundView>> {
    Ok(Json(rounds::update(&st.db, auth.principal(), id, i).await?))
}

step!(
    /// Take applications.
    open_round, "/programme/rounds/{id}/open", CanRoundUpdate, VersionInput, RoundView, rounds::open
);
step!(
    /// Close applications and start the review with the eligible ones (each gets its blind code).
    close_round, "/programme/rounds/{id}/close", CanRoundReview, VersionInput, RoundView, rounds::close
);
step!(
    /// Panels for every application without one, by the review engine (conflicts refused).
    assign_round, "/programme/rounds/{id}/assign", CanRoundReview, VersionInput, AssignmentView, review::assign
);
step!(
    /// Lock the current review stage (complete only) and open the next.
    lock_round, "/programme/rounds/{id}/lock", CanRoundReview, VersionInput, RoundView, review::lock
);
step!(
    /// Publish the shortlist for the public notice.
    shortlist_round, "/programme/rounds/{id}/shortlist", CanRoundDecide, ShortlistInput, RoundView, decision::shortlist
);
step!(
    /// Decide once the notice is over and every objection handled; certificates are issued.
    decide_round, "/programme/rounds/{id}/decide", CanRoundDecide, VersionInput, RoundView, decision::decide
);

/// The review engine's report of a stage (exactly `longzhi engine review` on `scores.csv` and
/// `rubric.toml`), with the names behind the codes and the standings.
#[utoipa::path(get, path = "/programme/rounds/{id}/analysis", tag = "programme", params(("id" = i64, Path), StageQuery), responses((status = 200, body = Analysis)))]
async fn analysis(
    State(st): State<AppState>,
    _: Allowed<CanRoundReview>,
    Path(id): Path<i64>,
    Query(q): Query<StageQuery>,
) -> ApiResult<Json<Analysis>> {
    Ok(Json(review::analysis(&st.db, id, &q).await?))
}

/// Every score of the round, as `longzhi engine review --scores` reads it.
#[utoipa::path(get, path = "/programme/rounds/{id}/scores.csv", tag = "programme", params(("id" = i64, Path)),
    responses((status = 200, description = "A CSV file", content_type = "text/csv")))]
async fn scores_csv(
    State(st): State<AppState>,
    _: Allowed<CanRoundReview>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let csv = review::scores_csv(&st.db, id).await?;
    Ok(excel::attachment(
        csv.into_bytes(),
        &format!("scores-{id}.csv"),
        "text/csv; charset=utf-8",
    ))
}

/// The round's rubric, as `longzhi engine review --rubric` reads it.
#[utoipa::path(get, path = "/programme/rounds/{id}/rubric.toml", tag = "programme", params(("id" = i64, Path)),
    responses((status = 200, description = "RUBRIC.toml", content_type = "application/toml")))]
async fn rubric_toml(
    State(st): State<AppState>,
    _: Allowed<CanRoundView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let r = rounds::load(&st.db, id).await?;
    Ok(excel::attachment(
        r.rubric.into_bytes(),
        &format!("rubric-{id}.toml"),
        "application/toml",
    ))
}

/// The round's applications with their results, as a workbook.
#[utoipa::path(get, path = "/programme/rounds/{id}/export", tag = "programme", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_round(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationExport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    rounds::load(&st.db, id).await?;
    let f = ApplicationFilter {
        round_id: Some(id),
        ..Default::default()
    };
    let page =
        applications::list(&st.db, auth.principal(), &f, &PageQuery::everything(None)).await?;
    let cols = [
        col("code", "编号", "Code", 8.0),
        col("applicant_name", "申报单位", "Applicant", 28.0),
        col("region_name", "市州", "City", 10.0),
        col("industry", "行业", "Industry", 14.0),
        col("product", "产品", "Product", 16.0),
        col("self_total", "自评分", "Self-assessed", 10.0),
        col("status", "状态", "Status", 12.0),
        col("final_score", "最终得分", "Final score", 10.0),
        col("rank", "排名", "Rank", 6.0),
        col("outcome", "结果", "Outcome", 10.0),
        col("certificate_code", "证书编号", "Certificate", 16.0),
        col("term_until", "有效期至", "Valid until", 12.0),
    ];
    excel::export(
        lang,
        ("申报与结果", "Applications"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &page.items,
    )
}

#[utoipa::path(get, path = "/programme/applications", tag = "programme", params(PageQuery, ApplicationFilter), responses((status = 200, body = Page<ApplicationView>)))]
async fn list_applications(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ApplicationFilter>,
) -> ApiResult<Json<Page<ApplicationView>>> {
    Ok(Json(
        applications::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

/// A draft application of the caller's organisation.
#[utoipa::path(post, path = "/programme/applications", tag = "programme", request_body = ApplicationInput, responses((status = 201, body = ApplicationView)))]
async fn create_application(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationCreate>,
    Json(i): Json<ApplicationInput>,
) -> ApiResult<(StatusCode, Json<ApplicationView>)> {
    Ok((
        StatusCode::CREATED,
        Json(applications::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/programme/applications/{id}", tag = "programme", params(("id" = i64, Path)), responses((status = 200, body = ApplicationView)))]
async fn get_application(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ApplicationView>> {
    Ok(Json(applications::get(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/programme/applications/{id}", tag = "programme", params(("id" = i64, Path)), request_body = ApplicationInput, responses((status = 200, body = ApplicationView)))]
async fn update_application(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationCreate>,
    Path(id): Path<i64>,
    Json(i): Json<ApplicationInput>,
) -> ApiResult<Json<ApplicationView>> {
    Ok(Json(
        applications::update(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// Submit while the round takes applications, every leaf self-assessed.
    submit_application, "/programme/applications/{id}/submit", CanApplicationCreate, VersionInput, ApplicationView, applications::submit
);
step!(
    /// The applicant's city bureau recommends the application or returns it with a note.
    recommend_application, "/programme/applications/{id}/recommend", CanApplicationRecommend, RecommendInput, ApplicationView, applications::recommend
);
step!(
    /// The province's eligibility check, item by item with reasons.
    check_application, "/programme/applications/{id}/check", CanApplicationCheck, CheckInput, ApplicationView, applications::check
);
step!(
    /// Record the nomination of an award winner to the China Quality Award.
    forward_application, "/programme/applications/{id}/forward", CanRoundDecide, ForwardInput, ApplicationView, applications::forward
);
step!(
    /// Seat experts on the application's panel (a conflict of interest refuses the choice).
    add_reviewers, "/programme/applications/{id}/reviewers", CanRoundReview, ReviewersInput, ApplicationView, review::add_reviewers
);

/// Every active expert with their conflicts of interest with the application.
#[utoipa::path(get, path = "/programme/applications/{id}/candidates", tag = "programme", params(("id" = i64, Path)), responses((status = 200, body = Vec<Candidate>)))]
async fn candidates(
    State(st): State<AppState>,
    auth: Allowed<CanRoundReview>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<Candidate>>> {
    Ok(Json(
        review::candidates(&st.db, auth.principal(), id).await?,
    ))
}

/// The score sheets: the organiser every one, an expert their own.
#[utoipa::path(get, path = "/programme/applications/{id}/scores", tag = "programme", params(("id" = i64, Path)), responses((status = 200, body = ScoresView)))]
async fn get_scores(
    State(st): State<AppState>,
    auth: Allowed<CanScoreList>,
    Path(id): Path<i64>,
) -> ApiResult<Json<ScoresView>> {
    Ok(Json(review::scores(&st.db, auth.principal(), id).await?))
}

/// Scores at the round's current stage (an expert their own; the organiser the panel's).
#[utoipa::path(put, path = "/programme/applications/{id}/scores", tag = "programme", params(("id" = i64, Path)), request_body = ScoreInput, responses((status = 200, body = ScoresView)))]
async fn put_scores(
    State(st): State<AppState>,
    auth: Allowed<CanScoreSubmit>,
    Path(id): Path<i64>,
    Json(i): Json<ScoreInput>,
) -> ApiResult<Json<ScoresView>> {
    Ok(Json(
        review::put_scores(&st.db, auth.principal(), id, i).await?,
    ))
}

/// The certificate of a winner or nomination (PDF).
#[utoipa::path(get, path = "/programme/applications/{id}/certificate", tag = "programme", params(("id" = i64, Path)),
    responses((status = 200, description = "A PDF file", content_type = "application/pdf")))]
async fn certificate(
    State(st): State<AppState>,
    auth: Allowed<CanApplicationView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let (name, pdf) = decision::certificate(&st.db, auth.principal(), id).await?;
    Ok(excel::attachment(pdf, &name, "application/pdf"))
}

#[utoipa::path(get, path = "/programme/experts", tag = "programme", params(PageQuery, ExpertFilter), responses((status = 200, body = Page<ExpertView>)))]
async fn list_experts(
    State(st): State<AppState>,
    _: Allowed<CanExpertList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ExpertFilter>,
) -> ApiResult<Json<Page<ExpertView>>> {
    Ok(Json(experts::list(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/programme/experts", tag = "programme", request_body = ExpertInput, responses((status = 201, body = ExpertView)))]
async fn create_expert(
    State(st): State<AppState>,
    auth: Allowed<CanExpertCreate>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<(StatusCode, Json<ExpertView>)> {
    Ok((
        StatusCode::CREATED,
        Json(experts::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(put, path = "/programme/experts/{id}", tag = "programme", params(("id" = i64, Path)), request_body = ExpertInput, responses((status = 200, body = ExpertView)))]
async fn update_expert(
    State(st): State<AppState>,
    auth: Allowed<CanExpertUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<ExpertInput>,
) -> ApiResult<Json<ExpertView>> {
    Ok(Json(
        experts::update(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(get, path = "/programme/objections", tag = "programme", params(PageQuery, ObjectionFilter), responses((status = 200, body = Page<ObjectionView>)))]
async fn list_objections(
    State(st): State<AppState>,
    _: Allowed<CanObjectionList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<ObjectionFilter>,
) -> ApiResult<Json<Page<ObjectionView>>> {
    Ok(Json(decision::objections(&st.db, &f, &q).await?))
}

step!(
    /// Uphold (the application leaves the shortlist) or dismiss an objection, with a note.
    handle_objection, "/programme/objections/{id}/handle", CanObjectionHandle, HandleInput, ObjectionView, decision::handle
);

#[utoipa::path(get, path = "/programme/terms", tag = "programme", params(PageQuery, TermFilter), responses((status = 200, body = Page<TermView>)))]
async fn list_terms(
    State(st): State<AppState>,
    auth: Allowed<CanTermList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<TermFilter>,
) -> ApiResult<Json<Page<TermView>>> {
    Ok(Json(terms::list(&st.db, auth.principal(), &f, &q).await?))
}

step!(
    /// Conclude a surveillance or re-evaluation: keep, remediate by a deadline, or revoke.
    conclude_term, "/programme/terms/{id}/conclude", CanTermConclude, ConcludeInput, TermView, terms::conclude
);

/// Current holders: award winners, the 陇字号 catalogue, benchmark cities and zones.
#[utoipa::path(get, path = "/public/programme/honours", tag = "programme", params(PageQuery, HonourFilter),
    responses((status = 200, body = Page<PublicHonour>), (status = 304, description = "Not modified")))]
async fn public_honours(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
    Query(f): Query<HonourFilter>,
) -> ApiResult<Response> {
    Ok(cached_json(
        &headers,
        &decision::honours(&st.db, &f, &q).await?,
    ))
}

/// Shortlists under public notice now.
#[utoipa::path(get, path = "/public/programme/notices", tag = "programme",
    responses((status = 200, body = Vec<PublicNotice>), (status = 304, description = "Not modified")))]
async fn public_notices(State(st): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    Ok(cached_json(
        &headers,
        &decision::notices_open(&st.db).await?,
    ))
}

/// An objection to a shortlisted application during its notice (a few per address and hour).
#[utoipa::path(post, path = "/public/programme/objections", tag = "programme", request_body = ObjectionInput,
    responses((status = 201, body = Receipt), (status = 404, body = longzhi_server::i18n::ErrorBody), (status = 409, body = longzhi_server::i18n::ErrorBody), (status = 429, body = longzhi_server::i18n::ErrorBody)))]
async fn public_objection(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    Json(i): Json<ObjectionInput>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    Ok((
        StatusCode::CREATED,
        Json(decision::object(&st.db, &client.ip, i).await?),
    ))
}

/// A certificate by its verification code.
#[utoipa::path(get, path = "/public/programme/certificates/{code}", tag = "programme", params(("code" = String, Path)),
    responses((status = 200, body = CertificateCheck), (status = 404, body = longzhi_server::i18n::ErrorBody)))]
async fn public_certificate(
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Json<CertificateCheck>> {
    Ok(Json(decision::verify(&st.db, &code).await?))
}
