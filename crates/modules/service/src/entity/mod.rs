//! The service-quality module's tables (hand-written entities, timestamps `DateTime<Utc>`).
//! Questionnaires and rounds are the province's; quotas and responses belong to the city (and
//! to the collector who owns the quota), tasks to the city and the responsible organisation,
//! events to the city and the lead organisation (participants see them through
//! `events::visible`).

pub mod event;
pub mod event_action;
pub mod event_org;
pub mod link;
pub mod quota;
pub mod response;
pub mod round;
pub mod survey;
pub mod task;

longzhi_store::scoped_entity!(
    quota,
    "service_quota",
    id = Some(quota::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    response,
    "service_response",
    id = Some(response::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    task,
    "service_task",
    id = Some(task::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    event,
    "service_event",
    id = Some(event::Column::Id),
    owner = OwnerId
);
