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

/// A workflow step's handler, documented under the module's tag.
macro_rules! step {
    ($($t:tt)*) => { longzhi_server::step_route!("recall", $($t)*); };
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
