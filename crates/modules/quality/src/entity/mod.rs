//! The quality module's tables (hand-written entities, timestamps `DateTime<Utc>`), and which of
//! them the data scope applies to: a submission and a value belong to their city, an action to
//! whoever runs it; the catalogue, the frameworks and the rounds are the province's, seen by all.

pub mod action;
pub mod action_report;
pub mod framework;
pub mod framework_node;
pub mod indicator;
pub mod round;
pub mod submission;
pub mod token;
pub mod value;

longzhi_store::scoped_entity!(
    submission,
    "quality_submission",
    id = Some(submission::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    value,
    "quality_value",
    id = Some(value::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    action,
    "quality_action",
    id = Some(action::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    action_report,
    "quality_action_report",
    id = None,
    owner = OwnerId
);
