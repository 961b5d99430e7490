//! `/recall/investigations`: open, follow and move a defect investigation; each step its own
//! permission.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::experts::ExpertView;
use crate::investigations::{
    self as inv, AnalysisInput, AssignInput, ConclusionInput, InvestigationDetail,
    InvestigationFilter, InvestigationInput, InvestigationView, OpinionInput, StepInput, TalkInput,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get))
        .routes(routes!(assignable))
        .routes(routes!(notify))
        .routes(routes!(analysis))
        .routes(routes!(assign))
        .routes(routes!(opinion))
        .routes(routes!(conclude))
        .routes(routes!(order))
        .routes(routes!(close))
        .routes(routes!(talk))
}

#[utoipa::path(get, path = "/recall/investigations", tag = "recall", params(PageQuery, InvestigationFilter), responses((status = 200, body = Page<InvestigationView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanInvestigationList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<InvestigationFilter>,
) -> ApiResult<Json<Page<InvestigationView>>> {
    Ok(Json(inv::list(&st.db, auth.principal(), &f, &q).await?))
}

/// Open an investigation (from a register entry, a report, an assessment or by hand).
#[utoipa::path(post, path = "/recall/investigations", tag = "recall", request_body = InvestigationInput, responses((status = 201, body = InvestigationView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanInvestigationCreate>,
    Json(i): Json<InvestigationInput>,
) -> ApiResult<(StatusCode, Json<InvestigationView>)> {
    Ok((
        StatusCode::CREATED,
        Json(inv::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(get, path = "/recall/investigations/{id}", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = InvestigationDetail)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanInvestigationView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<InvestigationDetail>> {
    Ok(Json(inv::detail(&st.db, auth.principal(), id).await?))
}

/// The active experts without a conflict with this investigation's producer or brand.
#[utoipa::path(get, path = "/recall/investigations/{id}/assignable", tag = "recall", params(("id" = i64, Path)), responses((status = 200, body = Vec<ExpertView>)))]
async fn assignable(
    State(st): State<AppState>,
    auth: Allowed<CanInvestigationAssign>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Vec<ExpertView>>> {
    Ok(Json(inv::assignable(&st.db, auth.principal(), id).await?))
}

step!(
    /// Notify the producer (opened → notified); its analysis is due in 15 days.
    notify, "/recall/investigations/{id}/notify", CanInvestigationNotify, StepInput, InvestigationView, inv::notify
);
step!(
    /// The producer's defect analysis (notified → analysed).
    analysis, "/recall/investigations/{id}/analysis", CanInvestigationAnalysis, AnalysisInput, InvestigationView, inv::analyse
);
step!(
    /// Assign experts (analysed → expert_review; more may join during the review). An expert
    /// with a declared conflict is refused (`recall.expert_conflict`).
    assign, "/recall/investigations/{id}/experts", CanInvestigationAssign, AssignInput, InvestigationDetail, inv::assign
);
step!(
    /// An assigned expert's opinion.
    opinion, "/recall/investigations/{id}/opinion", CanInvestigationOpinion, OpinionInput, InvestigationDetail, inv::opine
);
step!(
    /// The conclusion (expert_review → defect | no_defect), after at least one opinion.
    conclude, "/recall/investigations/{id}/conclude", CanInvestigationConclude, ConclusionInput, InvestigationView, inv::conclude
);
step!(
    /// Order the recall (defect → recall_ordered): a draft ordered recall for the producer.
    order, "/recall/investigations/{id}/order", CanInvestigationOrder, StepInput, InvestigationDetail, inv::order
);
step!(
    /// Close a concluded investigation.
    close, "/recall/investigations/{id}/close", CanInvestigationClose, StepInput, InvestigationView, inv::close
);
step!(
    /// Record a talk with the producer (约谈).
    talk, "/recall/investigations/{id}/talks", CanInvestigationTalk, TalkInput, InvestigationDetail, inv::talk
);
