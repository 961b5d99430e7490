//! `/injury`: monitoring points, cases, estimates, defect reports, signals; and the public
//! defect-report form under `/public` (docs/guide/injury.md).

use longzhi_server::app::AppState;
use longzhi_server::permissions;
use utoipa_axum::router::OpenApiRouter;

mod cases;
mod estimates;
mod points;
mod public;
mod reports;
mod signals;

permissions! {
    CanPointList = "injury:point:list",
    CanPointView = "injury:point:view",
    CanPointCreate = "injury:point:create",
    CanPointUpdate = "injury:point:update",
    CanCaseList = "injury:case:list",
    CanCaseView = "injury:case:view",
    CanCaseCreate = "injury:case:create",
    CanCaseUpdate = "injury:case:update",
    CanCaseDelete = "injury:case:delete",
    CanCaseImport = "injury:case:import",
    CanCaseExport = "injury:case:export",
    CanEstimateView = "injury:estimate:view",
    CanEstimateExport = "injury:estimate:export",
    CanReportList = "injury:report:list",
    CanReportView = "injury:report:view",
    CanReportCreate = "injury:report:create",
    CanReportUpdate = "injury:report:update",
    CanReportImport = "injury:report:import",
    CanReportExport = "injury:report:export",
    CanSignalList = "injury:signal:list",
    CanSignalExport = "injury:signal:export",
    CanSignalUpdate = "injury:signal:update",
    CanSignalRule = "injury:signal:rule",
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(points::router())
        .merge(cases::router())
        .merge(estimates::router())
        .merge(reports::router())
        .merge(signals::router())
        .merge(public::router())
}
