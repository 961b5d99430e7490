//! `/quality`: the catalogue and frameworks, collection rounds, values and data sharing, the
//! analysis, the yearly report and improvement actions (docs/guide/quality.md).

use longzhi_server::app::AppState;
use longzhi_server::permissions;
use utoipa_axum::router::OpenApiRouter;

mod actions;
mod analysis;
mod catalogue;
mod rounds;
mod sharing;

permissions! {
    CanIndicatorList = "quality:indicator:list",
    CanIndicatorView = "quality:indicator:view",
    CanIndicatorCreate = "quality:indicator:create",
    CanIndicatorUpdate = "quality:indicator:update",
    CanIndicatorDelete = "quality:indicator:delete",
    CanIndicatorImport = "quality:indicator:import",
    CanIndicatorExport = "quality:indicator:export",
    CanFrameworkList = "quality:framework:list",
    CanFrameworkView = "quality:framework:view",
    CanFrameworkCreate = "quality:framework:create",
    CanFrameworkUpdate = "quality:framework:update",
    CanFrameworkDelete = "quality:framework:delete",
    CanFrameworkPublish = "quality:framework:publish",
    CanRoundList = "quality:round:list",
    CanRoundView = "quality:round:view",
    CanRoundCreate = "quality:round:create",
    CanRoundClose = "quality:round:close",
    CanSubmissionView = "quality:submission:view",
    CanSubmissionFill = "quality:submission:fill",
    CanSubmissionSubmit = "quality:submission:submit",
    CanSubmissionReview = "quality:submission:review",
    CanValueList = "quality:value:list",
    CanValueExport = "quality:value:export",
    CanTokenList = "quality:token:list",
    CanTokenCreate = "quality:token:create",
    CanTokenRevoke = "quality:token:revoke",
    CanAnalysisView = "quality:analysis:view",
    CanAnalysisExport = "quality:analysis:export",
    CanAnalysisSensitivity = "quality:analysis:sensitivity",
    CanReportList = "quality:report:list",
    CanReportCreate = "quality:report:create",
    CanActionList = "quality:action:list",
    CanActionView = "quality:action:view",
    CanActionCreate = "quality:action:create",
    CanActionUpdate = "quality:action:update",
    CanActionReport = "quality:action:report",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(catalogue::router())
        .merge(rounds::router())
        .merge(sharing::router())
        .merge(analysis::router())
        .merge(actions::router())
}
