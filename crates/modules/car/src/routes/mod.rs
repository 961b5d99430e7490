//! `/public/sanbao/*` (the self-check, equal to `longzhi engine sanbao`), `/car/disputes`,
//! `/car/{makers,models,dealers,holidays}`, `/car/analysis` and `/car/injuries`
//! (docs/guide/car.md).

use longzhi_server::app::AppState;
use longzhi_server::permissions;
use utoipa_axum::router::OpenApiRouter;

mod analysis;
mod catalogue;
mod disputes;
mod public;

permissions! {
    CanDisputeList = "car:dispute:list",
    CanDisputeView = "car:dispute:view",
    CanDisputeCreate = "car:dispute:create",
    CanDisputeUpdate = "car:dispute:update",
    CanDisputeImport = "car:dispute:import",
    CanDisputeExport = "car:dispute:export",
    CanDisputeAnswer = "car:dispute:answer",
    CanDisputeMediate = "car:dispute:mediate",
    CanDisputeAssign = "car:dispute:assign",
    CanDisputeOpinion = "car:dispute:opinion",
    CanDisputeClose = "car:dispute:close",
    CanMakerList = "car:maker:list",
    CanMakerView = "car:maker:view",
    CanMakerCreate = "car:maker:create",
    CanMakerUpdate = "car:maker:update",
    CanCalendarList = "car:calendar:list",
    CanCalendarCreate = "car:calendar:create",
    CanCalendarDelete = "car:calendar:delete",
    CanAnalysisView = "car:analysis:view",
    CanInjuryList = "car:injury:list",
    CanInjuryLink = "car:injury:link",
}

/// A workflow step's handler, documented under the module's tag.
macro_rules! step {
    ($($t:tt)*) => { longzhi_server::step_route!("car", $($t)*); };
}
use step;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(public::router())
        .merge(disputes::router())
        .merge(catalogue::router())
        .merge(analysis::router())
}
