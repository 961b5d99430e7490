//! `/risk/evaluate` (equal to `longzhi engine risk`), `/recall/*` (assessments, investigations,
//! experts, recalls, warnings), the public portal under `/public` and the Atom feed of recalls
//! (docs/guide/recall.md).

use longzhi_server::app::AppState;
use longzhi_server::permissions;
use utoipa_axum::router::OpenApiRouter;

mod experts;
mod feed;
mod investigations;
mod public;
mod recalls;
mod risk;
mod warnings;

pub use feed::site;

permissions! {
    CanRiskEvaluate = "recall:risk:evaluate",
    CanAssessmentList = "recall:assessment:list",
    CanAssessmentView = "recall:assessment:view",
    CanAssessmentCreate = "recall:assessment:create",
    CanInvestigationList = "recall:investigation:list",
    CanInvestigationView = "recall:investigation:view",
    CanInvestigationCreate = "recall:investigation:create",
    CanInvestigationNotify = "recall:investigation:notify",
    CanInvestigationAnalysis = "recall:investigation:analysis",
    CanInvestigationAssign = "recall:investigation:assign",
    CanInvestigationOpinion = "recall:investigation:opinion",
    CanInvestigationConclude = "recall:investigation:conclude",
    CanInvestigationOrder = "recall:investigation:order",
    CanInvestigationClose = "recall:investigation:close",
    CanInvestigationTalk = "recall:investigation:talk",
    CanExpertList = "recall:expert:list",
    CanExpertView = "recall:expert:view",
    CanExpertCreate = "recall:expert:create",
    CanExpertUpdate = "recall:expert:update",
    CanExpertImport = "recall:expert:import",
    CanRecallList = "recall:recall:list",
    CanRecallView = "recall:recall:view",
    CanRecallCreate = "recall:recall:create",
    CanRecallUpdate = "recall:recall:update",
    CanRecallExport = "recall:recall:export",
    CanRecallPublish = "recall:recall:publish",
    CanRecallProgress = "recall:recall:progress",
    CanRecallReview = "recall:recall:review",
    CanRecallClose = "recall:recall:close",
    CanWarningList = "recall:warning:list",
    CanWarningView = "recall:warning:view",
    CanWarningCreate = "recall:warning:create",
    CanWarningUpdate = "recall:warning:update",
    CanWarningReview = "recall:warning:review",
    CanWarningPublish = "recall:warning:publish",
}

/// A `POST /<records>/{id}/<step>` handler: the permission, the body, the repository call.
/// (Paths and types are token trees so that utoipa sees them as written.)
macro_rules! step {
    ($(#[doc = $doc:literal])* $name:ident, $path:tt, $perm:ident, $input:ident, $out:ident, $f:expr) => {
        $(#[doc = $doc])*
        #[utoipa::path(post, path = $path, tag = "recall", params(("id" = i64, Path)), request_body = $input,
            responses((status = 200, body = $out), (status = 409, body = longzhi_server::i18n::ErrorBody)))]
        async fn $name(
            axum::extract::State(st): axum::extract::State<AppState>,
            auth: longzhi_server::extract::Allowed<$perm>,
            longzhi_server::extract::Path(id): longzhi_server::extract::Path<i64>,
            longzhi_server::extract::Json(i): longzhi_server::extract::Json<$input>,
        ) -> longzhi_server::error::ApiResult<longzhi_server::extract::Json<$out>> {
            Ok(longzhi_server::extract::Json($f(&st.db, auth.principal(), id, i).await?))
        }
    };
}
use step;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(risk::router())
        .merge(investigations::router())
        .merge(experts::router())
        .merge(recalls::router())
        .merge(warnings::router())
        .merge(public::router())
}
