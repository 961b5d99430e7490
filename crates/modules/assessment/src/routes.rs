//! `/assessment/…`: years and their indicator systems, self-evaluations, scoring, results and
//! the notification, remediation with talks, and the national findings
//! (docs/guide/assessment-api.md).

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, ImportResult, Labels, col, input};
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_server::i18n::Lang;
use longzhi_server::permissions;
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::evaluations::{
    self, EvaluationDetail, EvaluationFilter, EvaluationInput, EvaluationView, VetoInput,
};
use crate::findings::{self, CloseInput, FindingFilter, FindingInput, FindingView, ProgressInput};
use crate::indicators::{self, ImportRow, IndicatorInput, IndicatorView};
use crate::remediations::{
    self, RemediationFilter, RemediationView, ReportInput, ReviewInput, TalkInput,
};
use crate::results::{self, Results};
use crate::scoring::{self, ScoresInput, ScoringFilter, ScoringRow};
use crate::years::{self, Department, ReopenInput, VersionInput, YearInput, YearView};

permissions! {
    CanYearList = "assessment:year:list",
    CanYearView = "assessment:year:view",
    CanYearCreate = "assessment:year:create",
    CanYearUpdate = "assessment:year:update",
    CanYearImport = "assessment:year:import",
    CanYearExport = "assessment:year:export",
    CanYearPublish = "assessment:year:publish",
    CanEvaluationList = "assessment:evaluation:list",
    CanEvaluationView = "assessment:evaluation:view",
    CanEvaluationFill = "assessment:evaluation:fill",
    CanEvaluationExport = "assessment:evaluation:export",
    CanScoreList = "assessment:score:list",
    CanScoreSubmit = "assessment:score:submit",
    CanResultView = "assessment:result:view",
    CanResultExport = "assessment:result:export",
    CanRemediationList = "assessment:remediation:list",
    CanRemediationView = "assessment:remediation:view",
    CanRemediationReport = "assessment:remediation:report",
    CanRemediationReview = "assessment:remediation:review",
    CanFindingList = "assessment:finding:list",
    CanFindingCreate = "assessment:finding:create",
    CanFindingUpdate = "assessment:finding:update",
    CanFindingReport = "assessment:finding:report",
    CanFindingClose = "assessment:finding:close",
}

/// A workflow step's handler, documented under the module's tag.
macro_rules! step {
    ($($t:tt)*) => { longzhi_server::step_route!("assessment", $($t)*); };
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_years, create_year))
        .routes(routes!(get_year, update_year))
        .routes(routes!(open_year))
        .routes(routes!(close_year))
        .routes(routes!(publish_year))
        .routes(routes!(reopen_year))
        .routes(routes!(departments))
        .routes(routes!(list_indicators, create_indicator))
        .routes(routes!(update_indicator, delete_indicator))
        .routes(routes!(indicator_template))
        .routes(routes!(import_indicators))
        .routes(routes!(export_indicators))
        .routes(routes!(list_evaluations))
        .routes(routes!(export_evaluations))
        .routes(routes!(get_evaluation, fill_evaluation))
        .routes(routes!(submit_evaluation))
        .routes(routes!(veto_evaluation))
        .routes(routes!(get_scoring))
        .routes(routes!(put_scores))
        .routes(routes!(get_results))
        .routes(routes!(export_results))
        .routes(routes!(notification))
        .routes(routes!(list_remediations))
        .routes(routes!(get_remediation))
        .routes(routes!(report_remediation))
        .routes(routes!(review_remediation))
        .routes(routes!(talk_remediation))
        .routes(routes!(list_findings, create_finding))
        .routes(routes!(update_finding))
        .routes(routes!(progress_finding))
        .routes(routes!(close_finding))
}

#[utoipa::path(get, path = "/assessment/years", tag = "assessment", params(PageQuery), responses((status = 200, body = Page<YearView>)))]
async fn list_years(
    State(st): State<AppState>,
    _: Allowed<CanYearList>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Page<YearView>>> {
    Ok(Json(years::list(&st.db, &q).await?))
}

/// A new year in draft, its indicator system copied from `from_year`, the latest year or the
/// built-in system.
#[utoipa::path(post, path = "/assessment/years", tag = "assessment", request_body = YearInput, responses((status = 201, body = YearView), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn create_year(
    State(st): State<AppState>,
    auth: Allowed<CanYearCreate>,
    Json(i): Json<YearInput>,
) -> ApiResult<(StatusCode, Json<YearView>)> {
    Ok((
        StatusCode::CREATED,
        Json(years::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/assessment/years/{id}", tag = "assessment", params(("id" = i64, Path)), responses((status = 200, body = YearView)))]
async fn get_year(
    State(st): State<AppState>,
    _: Allowed<CanYearView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<YearView>> {
    Ok(Json(years::get(&st.db, id).await?))
}

/// A draft changes freely; during the self-evaluation only its title and deadline.
#[utoipa::path(put, path = "/assessment/years/{id}", tag = "assessment", params(("id" = i64, Path)), request_body = YearInput, responses((status = 200, body = YearView), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn update_year(
    State(st): State<AppState>,
    auth: Allowed<CanYearUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<YearInput>,
) -> ApiResult<Json<YearView>> {
    Ok(Json(years::update(&st.db, auth.principal(), id, i).await?))
}

step!(
    /// Open the self-evaluation (the points must add up to 100): every city gets its form.
    open_year, "/assessment/years/{id}/open", CanYearUpdate, VersionInput, YearView, years::open
);
step!(
    /// Close the self-evaluation; the departments score.
    close_year, "/assessment/years/{id}/close", CanYearUpdate, VersionInput, YearView, years::close
);
step!(
    /// Sign off and publish (every item scored): totals, grades, ranks, remediation tasks.
    publish_year, "/assessment/years/{id}/publish", CanYearPublish, VersionInput, YearView, years::publish
);
step!(
    /// Reopen a published year for scoring, with a reason (audited).
    reopen_year, "/assessment/years/{id}/reopen", CanYearPublish, ReopenInput, YearView, years::reopen
);

/// The province's departments, the organisations that score indicators.
#[utoipa::path(get, path = "/assessment/departments", tag = "assessment", responses((status = 200, body = Vec<Department>)))]
async fn departments(
    State(st): State<AppState>,
    _: Allowed<CanYearView>,
) -> ApiResult<Json<Vec<Department>>> {
    Ok(Json(years::departments(&st.db).await?))
}

#[utoipa::path(get, path = "/assessment/years/{id}/indicators", tag = "assessment", params(("id" = i64, Path)), responses((status = 200, body = Vec<IndicatorView>)))]
async fn list_indicators(
    State(st): State<AppState>,
    _: Allowed<CanYearView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<IndicatorView>>> {
    Ok(Json(indicators::list(&st.db, id).await?))
}

#[utoipa::path(post, path = "/assessment/years/{id}/indicators", tag = "assessment", params(("id" = i64, Path)), request_body = IndicatorInput, responses((status = 201, body = IndicatorView), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn create_indicator(
    State(st): State<AppState>,
    auth: Allowed<CanYearUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<IndicatorInput>,
) -> ApiResult<(StatusCode, Json<IndicatorView>)> {
    Ok((
        StatusCode::CREATED,
        Json(indicators::create(&st.db, auth.principal(), id, i).await?),
    ))
}

#[utoipa::path(put, path = "/assessment/indicators/{id}", tag = "assessment", params(("id" = i64, Path)), request_body = IndicatorInput, responses((status = 200, body = IndicatorView), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn update_indicator(
    State(st): State<AppState>,
    auth: Allowed<CanYearUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<IndicatorInput>,
) -> ApiResult<Json<IndicatorView>> {
    Ok(Json(
        indicators::update(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/assessment/indicators/{id}", tag = "assessment", params(("id" = i64, Path)), responses((status = 204), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn delete_indicator(
    State(st): State<AppState>,
    auth: Allowed<CanYearUpdate>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    indicators::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The indicator workbook's columns (import, template and export).
const INDICATOR_COLS: [excel::Col; 7] = [
    input(
        "part",
        "考核部分",
        "Part",
        true,
        "如:质量安全、质量发展",
        "e.g. quality safety",
    ),
    input(
        "code",
        "指标编号",
        "Code",
        true,
        "本年度内唯一,如 1.1",
        "unique in the year, e.g. 1.1",
    ),
    input("name", "指标名称", "Indicator", true, "", ""),
    input(
        "points",
        "分值",
        "Points",
        true,
        "大于 0、不超过 100;全部指标合计 100 分",
        "over 0, at most 100; all indicators add up to 100",
    ),
    input("rule", "评分规则", "Scoring rule", false, "", ""),
    input(
        "evidence",
        "佐证材料要求",
        "Evidence expected",
        false,
        "",
        "",
    ),
    input(
        "department",
        "评分处室",
        "Scoring department",
        true,
        "省局处室的名称或编码",
        "a department of the provincial bureau, by name or code",
    ),
];

/// The indicator import template.
#[utoipa::path(get, path = "/assessment/years/{id}/indicators/template", tag = "assessment", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn indicator_template(
    State(st): State<AppState>,
    _: Allowed<CanYearImport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    years::load(&st.db, id).await?;
    excel::template(lang, ("考核指标", "Indicators"), &INDICATOR_COLS)
}

/// Replace a draft year's indicator system from a workbook (multipart field `file`): every row
/// checked, errors row by row; all or nothing.
#[utoipa::path(post, path = "/assessment/years/{id}/indicators/import", tag = "assessment", params(("id" = i64, Path)), request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 409, body = longzhi_server::i18n::ErrorBody), (status = 413, body = longzhi_server::i18n::ErrorBody), (status = 415, body = longzhi_server::i18n::ErrorBody), (status = 422, body = longzhi_server::i18n::ErrorBody)))]
async fn import_indicators(
    State(st): State<AppState>,
    auth: Allowed<CanYearImport>,
    lang: Lang,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    years::in_state(&st.db, id, "draft").await?;
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(
        bytes,
        &INDICATOR_COLS,
        &Labels::load(&st.db, &INDICATOR_COLS).await?,
    )
    .await?;
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| ImportRow {
            number: r.number,
            department: r.get("department"),
            input: IndicatorInput {
                part: r.get("part"),
                code: r.get("code"),
                name: r.get("name"),
                points: r.get("points").trim().parse().unwrap_or(f64::NAN),
                rule: r.get("rule"),
                evidence: r.get("evidence"),
                department_id: 0,
                sort: n as i32 + 1,
                version: None,
            },
        })
        .collect();
    let outcome = indicators::import(&st.db, auth.principal(), id, rows).await?;
    Ok(Json(ImportResult::new(outcome, lang)))
}

/// The year's indicator system as a workbook (the import's columns).
#[utoipa::path(get, path = "/assessment/years/{id}/indicators/export", tag = "assessment", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_indicators(
    State(st): State<AppState>,
    _: Allowed<CanYearExport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let rows: Vec<serde_json::Value> = indicators::list(&st.db, id)
        .await?
        .into_iter()
        .map(|i| {
            serde_json::json!({
                "part": i.part, "code": i.code, "name": i.name, "points": i.points,
                "rule": i.rule, "evidence": i.evidence, "department": i.department_name,
            })
        })
        .collect();
    let cols = INDICATOR_COLS.map(|c| col(c.key, c.zh, c.en, 18.0));
    excel::export(
        lang,
        ("考核指标", "Indicators"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &rows,
    )
}

#[utoipa::path(get, path = "/assessment/evaluations", tag = "assessment", params(PageQuery, EvaluationFilter), responses((status = 200, body = Page<EvaluationView>)))]
async fn list_evaluations(
    State(st): State<AppState>,
    auth: Allowed<CanEvaluationList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<EvaluationFilter>,
) -> ApiResult<Json<Page<EvaluationView>>> {
    Ok(Json(
        evaluations::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

/// The year's self-evaluations the caller sees, one row per city and indicator, as a workbook.
#[utoipa::path(get, path = "/assessment/evaluations/export", tag = "assessment", params(EvaluationFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_evaluations(
    State(st): State<AppState>,
    auth: Allowed<CanEvaluationExport>,
    lang: Lang,
    Query(f): Query<EvaluationFilter>,
) -> ApiResult<Response> {
    let Some(year_id) = f.year_id else {
        return Err(longzhi_server::error::ApiError::field(
            "year_id",
            longzhi_domain::Rule::Required,
        ));
    };
    years::load(&st.db, year_id).await?;
    let rows = evaluations::export_rows(&st.db, auth.principal(), year_id).await?;
    let cols = [
        col("city_name", "市州", "City", 12.0),
        col("status", "自评状态", "Status", 10.0),
        col("code", "指标编号", "Code", 8.0),
        col("name", "指标名称", "Indicator", 28.0),
        col("points", "分值", "Points", 8.0),
        col("claimed", "自评分", "Claimed", 8.0),
        col("statement", "自评说明", "Statement", 40.0),
        col("score", "评分", "Score", 8.0),
        col("comment", "扣分理由", "Comment", 30.0),
    ];
    excel::export(
        lang,
        ("市州自评", "Self-evaluations"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &rows,
    )
}

#[utoipa::path(get, path = "/assessment/evaluations/{id}", tag = "assessment", params(("id" = i64, Path)), responses((status = 200, body = EvaluationDetail)))]
async fn get_evaluation(
    State(st): State<AppState>,
    auth: Allowed<CanEvaluationView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<EvaluationDetail>> {
    Ok(Json(evaluations::get(&st.db, auth.principal(), id).await?))
}

/// The city saves its targets and claims (a draft, before the deadline).
#[utoipa::path(put, path = "/assessment/evaluations/{id}", tag = "assessment", params(("id" = i64, Path)), request_body = EvaluationInput, responses((status = 200, body = EvaluationDetail), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn fill_evaluation(
    State(st): State<AppState>,
    auth: Allowed<CanEvaluationFill>,
    Path(id): Path<i64>,
    Json(i): Json<EvaluationInput>,
) -> ApiResult<Json<EvaluationDetail>> {
    Ok(Json(
        evaluations::fill(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// The city submits its self-evaluation, every indicator claimed, by the deadline.
    submit_evaluation, "/assessment/evaluations/{id}/submit", CanEvaluationFill, VersionInput, EvaluationView, evaluations::submit
);
step!(
    /// The province vetoes a city (a regional or systemic quality-safety incident) or lifts it.
    veto_evaluation, "/assessment/evaluations/{id}/veto", CanYearPublish, VetoInput, EvaluationView, evaluations::veto
);

/// The scoring sheet: the caller's department's indicators in every city (the province: all).
#[utoipa::path(get, path = "/assessment/years/{id}/scoring", tag = "assessment", params(("id" = i64, Path), ScoringFilter), responses((status = 200, body = Vec<ScoringRow>)))]
async fn get_scoring(
    State(st): State<AppState>,
    auth: Allowed<CanScoreList>,
    Path(id): Path<i64>,
    Query(f): Query<ScoringFilter>,
) -> ApiResult<Json<Vec<ScoringRow>>> {
    Ok(Json(scoring::rows(&st.db, auth.principal(), id, &f).await?))
}

/// A department's scores, with a comment for every deduction.
#[utoipa::path(put, path = "/assessment/years/{id}/scores", tag = "assessment", params(("id" = i64, Path)), request_body = ScoresInput,
    responses((status = 200, body = Vec<ScoringRow>), (status = 403, body = longzhi_server::i18n::ErrorBody), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn put_scores(
    State(st): State<AppState>,
    auth: Allowed<CanScoreSubmit>,
    Path(id): Path<i64>,
    Json(i): Json<ScoresInput>,
) -> ApiResult<Json<Vec<ScoringRow>>> {
    Ok(Json(scoring::put(&st.db, auth.principal(), id, i).await?))
}

/// Ranking, grades, part subtotals and indicator means (before publication: the province only,
/// provisionally).
#[utoipa::path(get, path = "/assessment/years/{id}/results", tag = "assessment", params(("id" = i64, Path)),
    responses((status = 200, body = Results), (status = 403, body = longzhi_server::i18n::ErrorBody)))]
async fn get_results(
    State(st): State<AppState>,
    auth: Allowed<CanResultView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Results>> {
    Ok(Json(results::get(&st.db, auth.principal(), id).await?))
}

/// The ranking as a workbook.
#[utoipa::path(get, path = "/assessment/years/{id}/results/export", tag = "assessment", params(("id" = i64, Path)),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 403, body = longzhi_server::i18n::ErrorBody)))]
async fn export_results(
    State(st): State<AppState>,
    auth: Allowed<CanResultExport>,
    lang: Lang,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let r = results::get(&st.db, auth.principal(), id).await?;
    let cols = [
        col("rank", "名次", "Rank", 6.0),
        col("city_name", "市州", "City", 14.0),
        col("claimed_total", "自评总分", "Claimed", 10.0),
        col("total", "考核得分", "Total", 10.0),
        col("grade", "等级", "Grade", 6.0),
        col("veto", "一票否决", "Veto", 8.0),
        col("veto_reason", "否决原因", "Veto reason", 30.0),
        col("remediation", "限期整改", "Remediation", 10.0),
    ];
    excel::export(
        lang,
        ("考核结果", "Assessment results"),
        &cols,
        &Labels::load(&st.db, &cols).await?,
        &r.rows,
    )
}

/// The notification (通报) of a published year.
#[utoipa::path(get, path = "/assessment/years/{id}/notification", tag = "assessment", params(("id" = i64, Path)),
    responses((status = 200, description = "A PDF file", content_type = "application/pdf"), (status = 403, body = longzhi_server::i18n::ErrorBody)))]
async fn notification(
    State(st): State<AppState>,
    auth: Allowed<CanResultView>,
    Path(id): Path<i64>,
) -> ApiResult<Response> {
    let (name, pdf) = results::notification(&st.db, auth.principal(), id).await?;
    Ok(excel::attachment(pdf, &name, "application/pdf"))
}

#[utoipa::path(get, path = "/assessment/remediations", tag = "assessment", params(PageQuery, RemediationFilter), responses((status = 200, body = Page<RemediationView>)))]
async fn list_remediations(
    State(st): State<AppState>,
    auth: Allowed<CanRemediationList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<RemediationFilter>,
) -> ApiResult<Json<Page<RemediationView>>> {
    Ok(Json(
        remediations::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

#[utoipa::path(get, path = "/assessment/remediations/{id}", tag = "assessment", params(("id" = i64, Path)), responses((status = 200, body = RemediationView)))]
async fn get_remediation(
    State(st): State<AppState>,
    auth: Allowed<CanRemediationView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<RemediationView>> {
    Ok(Json(remediations::get(&st.db, auth.principal(), id).await?))
}

step!(
    /// The city's written remediation report.
    report_remediation, "/assessment/remediations/{id}/report", CanRemediationReport, ReportInput, RemediationView, remediations::report
);
step!(
    /// The province closes the remediation or returns the report with a note.
    review_remediation, "/assessment/remediations/{id}/review", CanRemediationReview, ReviewInput, RemediationView, remediations::review
);
step!(
    /// A follow-up talk (约谈) with the city, recorded by the province.
    talk_remediation, "/assessment/remediations/{id}/talks", CanRemediationReview, TalkInput, RemediationView, remediations::talk
);

#[utoipa::path(get, path = "/assessment/findings", tag = "assessment", params(PageQuery, FindingFilter), responses((status = 200, body = Page<FindingView>)))]
async fn list_findings(
    State(st): State<AppState>,
    auth: Allowed<CanFindingList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<FindingFilter>,
) -> ApiResult<Json<Page<FindingView>>> {
    Ok(Json(
        findings::list(&st.db, auth.principal(), &f, &q).await?,
    ))
}

#[utoipa::path(post, path = "/assessment/findings", tag = "assessment", request_body = FindingInput, responses((status = 201, body = FindingView)))]
async fn create_finding(
    State(st): State<AppState>,
    auth: Allowed<CanFindingCreate>,
    Json(i): Json<FindingInput>,
) -> ApiResult<(StatusCode, Json<FindingView>)> {
    Ok((
        StatusCode::CREATED,
        Json(findings::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(put, path = "/assessment/findings/{id}", tag = "assessment", params(("id" = i64, Path)), request_body = FindingInput, responses((status = 200, body = FindingView), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
async fn update_finding(
    State(st): State<AppState>,
    auth: Allowed<CanFindingUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<FindingInput>,
) -> ApiResult<Json<FindingView>> {
    Ok(Json(
        findings::update(&st.db, auth.principal(), id, i).await?,
    ))
}

step!(
    /// The owner reports progress.
    progress_finding, "/assessment/findings/{id}/progress", CanFindingReport, ProgressInput, FindingView, findings::progress
);
step!(
    /// The province closes a finding remediated.
    close_finding, "/assessment/findings/{id}/close", CanFindingClose, CloseInput, FindingView, findings::close
);
