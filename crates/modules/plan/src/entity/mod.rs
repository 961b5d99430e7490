//! The work plans' tables (hand-written entities, timestamps `DateTime<Utc>`), and which of them
//! the data scope applies to.

pub mod plan;
pub mod plan_part;
pub mod plan_point;
pub mod plan_report;
pub mod plan_target;
pub mod plan_task;

longzhi_store::scoped_entity!(plan, "plan", id = Some(plan::Column::Id), owner = OwnerId);
longzhi_store::scoped_entity!(
    plan_target,
    "plan_target",
    id = Some(plan_target::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    plan_report,
    "plan_report",
    id = Some(plan_report::Column::Id),
    owner = OwnerId
);
