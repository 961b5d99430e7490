//! `/plans`: annual work plans, their structure, the targets addressees report on, reviews and
//! the supervision matrix (docs/guide/plan.md).

use crate::matrix::{self, Matrix, MatrixFilter};
use crate::plans::{self, NewPlan, PlanDetail, PlanFilter, PlanUpdate, PlanView};
use crate::structure::{self, PartInput, PartView, PointInput, PointView, TaskInput, TaskView};
use crate::targets::{
    self, NewReport, ReportView, ReviewInput, TargetDetail, TargetFilter, TargetView,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_domain::outline::{self, Outline};
use longzhi_reports::xlsx::{Cell, Column};
use longzhi_store::page::{Page, PageQuery};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::excel::{self, Col, Labels, col};
use longzhi_server::extract::{Allowed, Json, Path, Query, SortQuery};
use longzhi_server::i18n::Lang;
use longzhi_server::permissions;

permissions! {
    CanPlanList = "plan:plan:list",
    CanPlanView = "plan:plan:view",
    CanPlanCreate = "plan:plan:create",
    CanPlanUpdate = "plan:plan:update",
    CanPlanDelete = "plan:plan:delete",
    CanPlanPublish = "plan:plan:publish",
    CanPlanClose = "plan:plan:close",
    CanTaskList = "plan:task:list",
    CanTaskView = "plan:task:view",
    CanTaskExport = "plan:task:export",
    CanTaskReport = "plan:task:report",
    CanTaskReview = "plan:task:review",
    CanMatrixList = "plan:matrix:list",
    CanMatrixExport = "plan:matrix:export",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(preview))
        .routes(routes!(get, update, delete))
        .routes(routes!(publish))
        .routes(routes!(close))
        .routes(routes!(create_part))
        .routes(routes!(update_part, delete_part))
        .routes(routes!(create_point))
        .routes(routes!(update_point, delete_point))
        .routes(routes!(create_task))
        .routes(routes!(update_task, delete_task))
        .routes(routes!(list_targets))
        .routes(routes!(export_targets))
        .routes(routes!(get_target))
        .routes(routes!(report))
        .routes(routes!(review))
        .routes(routes!(get_matrix))
        .routes(routes!(export_matrix))
}

#[utoipa::path(get, path = "/plans", tag = "plan", params(PageQuery, PlanFilter), responses((status = 200, body = Page<PlanView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanPlanList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<PlanFilter>,
) -> ApiResult<Json<Page<PlanView>>> {
    Ok(Json(plans::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Create a draft plan, with the parts and points of an imported outline if given.
#[utoipa::path(post, path = "/plans", tag = "plan", request_body = NewPlan, responses((status = 201, body = PlanView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanPlanCreate>,
    Json(n): Json<NewPlan>,
) -> ApiResult<(StatusCode, Json<PlanView>)> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create(&st.db, auth.principal(), n).await?),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct PreviewInput {
    text: String,
}

/// The outline of a plan's text (parts 一、…, points (一)…), to correct before creating it.
/// Nothing is stored.
#[utoipa::path(post, path = "/plans/import/preview", tag = "plan", request_body = PreviewInput, responses((status = 200, body = Outline)))]
async fn preview(
    _: Allowed<CanPlanCreate>,
    Json(i): Json<PreviewInput>,
) -> ApiResult<Json<Outline>> {
    Ok(Json(outline::parse(&i.text)))
}

#[utoipa::path(get, path = "/plans/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = PlanDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanPlanView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<PlanDetail>> {
    Ok(Json(plans::detail(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/plans/{id}", tag = "plan", params(("id" = i64, Path)), request_body = PlanUpdate, responses((status = 200, body = PlanView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<PlanUpdate>,
) -> ApiResult<Json<PlanView>> {
    Ok(Json(plans::update(&st.db, auth.principal(), id, u).await?))
}

/// Delete a draft plan.
#[utoipa::path(delete, path = "/plans/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanPlanDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    plans::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publish a draft: every addressee gets its targets and a notice.
#[utoipa::path(post, path = "/plans/{id}/publish", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = PlanView)))]
async fn publish(
    State(st): State<AppState>,
    auth: Allowed<CanPlanPublish>,
    Path(id): Path<i64>,
) -> ApiResult<Json<PlanView>> {
    Ok(Json(plans::publish(&st.db, auth.principal(), id).await?))
}

/// Close a published plan: no more reports.
#[utoipa::path(post, path = "/plans/{id}/close", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = PlanView)))]
async fn close(
    State(st): State<AppState>,
    auth: Allowed<CanPlanClose>,
    Path(id): Path<i64>,
) -> ApiResult<Json<PlanView>> {
    Ok(Json(plans::close(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(post, path = "/plans/{id}/parts", tag = "plan", params(("id" = i64, Path)), request_body = PartInput, responses((status = 201, body = PartView)))]
async fn create_part(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<PartInput>,
) -> ApiResult<(StatusCode, Json<PartView>)> {
    let part = structure::create_part(&st.db, auth.principal(), id, i).await?;
    Ok((StatusCode::CREATED, Json(part)))
}

#[utoipa::path(put, path = "/plans/parts/{id}", tag = "plan", params(("id" = i64, Path)), request_body = PartInput, responses((status = 204)))]
async fn update_part(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<PartInput>,
) -> ApiResult<StatusCode> {
    structure::update_part(&st.db, auth.principal(), id, i).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete a part with its points and tasks.
#[utoipa::path(delete, path = "/plans/parts/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_part(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    structure::delete_part(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/plans/parts/{id}/points", tag = "plan", params(("id" = i64, Path)), request_body = PointInput, responses((status = 201, body = PointView)))]
async fn create_point(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<PointInput>,
) -> ApiResult<(StatusCode, Json<PointView>)> {
    let point = structure::create_point(&st.db, auth.principal(), id, i).await?;
    Ok((StatusCode::CREATED, Json(point)))
}

#[utoipa::path(put, path = "/plans/points/{id}", tag = "plan", params(("id" = i64, Path)), request_body = PointInput, responses((status = 204)))]
async fn update_point(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<PointInput>,
) -> ApiResult<StatusCode> {
    structure::update_point(&st.db, auth.principal(), id, i).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/plans/points/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_point(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    structure::delete_point(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a task to a point: a lead department and/or the cities it is addressed to, a deadline
/// within the plan's dates, the evidence expected.
#[utoipa::path(post, path = "/plans/points/{id}/tasks", tag = "plan", params(("id" = i64, Path)), request_body = TaskInput, responses((status = 201, body = TaskView)))]
async fn create_task(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<TaskInput>,
) -> ApiResult<(StatusCode, Json<TaskView>)> {
    let task = structure::create_task(&st.db, auth.principal(), id, i).await?;
    Ok((StatusCode::CREATED, Json(task)))
}

#[utoipa::path(put, path = "/plans/tasks/{id}", tag = "plan", params(("id" = i64, Path)), request_body = TaskInput, responses((status = 200, body = TaskView)))]
async fn update_task(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<TaskInput>,
) -> ApiResult<Json<TaskView>> {
    Ok(Json(
        structure::update_task(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(delete, path = "/plans/tasks/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete_task(
    State(st): State<AppState>,
    auth: Allowed<CanPlanUpdate>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    structure::delete_task(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The targets in the caller's scope: a city's own, a department's own, all for the province.
#[utoipa::path(get, path = "/plans/targets", tag = "plan", params(PageQuery, TargetFilter), responses((status = 200, body = Page<TargetView>)))]
async fn list_targets(
    State(st): State<AppState>,
    auth: Allowed<CanTaskList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<TargetFilter>,
) -> ApiResult<Json<Page<TargetView>>> {
    Ok(Json(targets::list(&st.db, auth.principal(), &f, &q).await?))
}

const TARGET_EXPORT: [Col; 12] = [
    col("plan_title", "计划", "Plan", 28.0),
    col("point_seq", "要点序号", "Point", 8.0),
    col("point_title", "要点", "Point title", 28.0),
    col("task_title", "任务", "Task", 36.0),
    col("lead_dept_name", "牵头处室", "Lead department", 18.0),
    col("org_name", "责任单位", "Owner", 24.0),
    col("deadline", "截止日期", "Deadline", 12.0),
    col("status", "进展", "Status", 10.0).labelled("plan_task_status"),
    col("percent", "完成度(%)", "Percent", 10.0),
    col("review", "审核", "Review", 10.0).labelled("plan_review"),
    col("overdue", "逾期", "Overdue", 8.0),
    col("last_report_at", "最近报送", "Last report", 20.0),
];

/// The targets of the current filter as an Excel file.
#[utoipa::path(get, path = "/plans/targets/export", tag = "plan", params(SortQuery, TargetFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_targets(
    State(st): State<AppState>,
    auth: Allowed<CanTaskExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<TargetFilter>,
) -> ApiResult<Response> {
    let page = targets::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    excel::export(
        lang,
        ("督办任务", "Tasks"),
        &TARGET_EXPORT,
        &Labels::load(&st.db, &TARGET_EXPORT).await?,
        &page.items,
    )
}

/// A target with its task, reports (newest first) and timeline (oldest first).
#[utoipa::path(get, path = "/plans/targets/{id}", tag = "plan", params(("id" = i64, Path)), responses((status = 200, body = TargetDetail)))]
async fn get_target(
    State(st): State<AppState>,
    auth: Allowed<CanTaskView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<TargetDetail>> {
    Ok(Json(targets::detail(&st.db, auth.principal(), id).await?))
}

/// Report progress on a target of a published plan (one report awaiting review at a time).
#[utoipa::path(post, path = "/plans/targets/{id}/reports", tag = "plan", params(("id" = i64, Path)), request_body = NewReport, responses((status = 201, body = ReportView)))]
async fn report(
    State(st): State<AppState>,
    auth: Allowed<CanTaskReport>,
    Path(id): Path<i64>,
    Json(r): Json<NewReport>,
) -> ApiResult<(StatusCode, Json<ReportView>)> {
    let report = targets::report(&st.db, auth.principal(), id, r).await?;
    Ok((StatusCode::CREATED, Json(report)))
}

/// Accept a pending report, or return it with a comment.
#[utoipa::path(post, path = "/plans/reports/{id}/review", tag = "plan", params(("id" = i64, Path)), request_body = ReviewInput, responses((status = 200, body = ReportView)))]
async fn review(
    State(st): State<AppState>,
    auth: Allowed<CanTaskReview>,
    Path(id): Path<i64>,
    Json(r): Json<ReviewInput>,
) -> ApiResult<Json<ReportView>> {
    Ok(Json(
        targets::review(&st.db, auth.principal(), id, r).await?,
    ))
}

/// Points × cities with the state of each cell and the completion rates.
#[utoipa::path(get, path = "/plans/{id}/matrix", tag = "plan", params(("id" = i64, Path), MatrixFilter), responses((status = 200, body = Matrix)))]
async fn get_matrix(
    State(st): State<AppState>,
    auth: Allowed<CanMatrixList>,
    Path(id): Path<i64>,
    Query(f): Query<MatrixFilter>,
) -> ApiResult<Json<Matrix>> {
    Ok(Json(
        matrix::matrix(&st.db, auth.principal(), id, &f).await?,
    ))
}

/// The matrix as an Excel sheet: a row per point, a column per city, then the rates.
#[utoipa::path(get, path = "/plans/{id}/matrix/export", tag = "plan", params(("id" = i64, Path), MatrixFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export_matrix(
    State(st): State<AppState>,
    auth: Allowed<CanMatrixExport>,
    lang: Lang,
    Path(id): Path<i64>,
    Query(f): Query<MatrixFilter>,
) -> ApiResult<Response> {
    let m = matrix::matrix(&st.db, auth.principal(), id, &f).await?;
    let status = [col("status", "", "", 0.0).labelled("plan_task_status")];
    let labels = Labels::load(&st.db, &status).await?;
    let (columns, rows) = matrix_sheet(&m, lang, |s| {
        labels
            .label("plan_task_status", s, lang)
            .unwrap_or_else(|| s.to_owned())
    });
    excel::table(lang.pick("督办矩阵", "Supervision matrix"), &columns, &rows)
}

fn percent(rate: f64) -> Cell {
    Cell::Text(format!("{:.1}%", rate * 100.0))
}

/// The matrix laid out as a sheet; `label` names a cell status in the reader's language.
fn matrix_sheet(
    m: &Matrix,
    lang: Lang,
    label: impl Fn(&str) -> String,
) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let column = |title: &str, width: f64| Column {
        key: title.to_owned(),
        title: title.to_owned(),
        width,
    };
    let mut columns = vec![column(lang.pick("要点", "Point"), 36.0)];
    columns.extend(m.cities.iter().map(|c| column(&c.name, 14.0)));
    columns.push(column(lang.pick("完成率", "Completion"), 10.0));
    let mut rows: Vec<Vec<Cell>> = m
        .points
        .iter()
        .map(|pt| {
            let mut row = vec![Cell::Text(format!("({}) {}", pt.seq, pt.title))];
            row.extend(m.cities.iter().map(|c| {
                match m
                    .cells
                    .iter()
                    .find(|x| x.point_id == pt.id && x.org_id == c.org_id)
                {
                    Some(x) => Cell::Text(format!(
                        "{} {}/{}{}",
                        label(&x.status),
                        x.completed,
                        x.total,
                        if x.overdue {
                            lang.pick(" 逾期", " overdue")
                        } else {
                            ""
                        }
                    )),
                    None => Cell::Empty,
                }
            }));
            let rate = m.by_point.iter().find(|r| r.key.point_id == pt.id);
            row.push(rate.map_or(Cell::Empty, |r| percent(r.rate)));
            row
        })
        .collect();
    let mut total = vec![Cell::Text(lang.pick("完成率", "Completion").to_owned())];
    total.extend(m.cities.iter().map(|c| {
        m.by_city
            .iter()
            .find(|r| r.key.org_id == c.org_id)
            .map_or(Cell::Empty, |r| percent(r.rate))
    }));
    total.push(percent(m.rate));
    rows.push(total);
    (columns, rows)
}
