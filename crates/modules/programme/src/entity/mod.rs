//! The programme module's tables (hand-written entities, timestamps `DateTime<Utc>`). Rounds and
//! the expert pool are the province's; an application belongs to the applicant organisation (and
//! its city), and so do its surveillance and re-evaluation terms; experts see the applications
//! they are assigned to (the `assigned` scope).

pub mod application;
pub mod expert;
pub mod objection;
pub mod panel;
pub mod round;
pub mod score;
pub mod term;

longzhi_store::scoped_entity!(
    application,
    "programme_application",
    id = Some(application::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    term,
    "programme_term",
    id = Some(term::Column::Id),
    owner = OwnerId
);
