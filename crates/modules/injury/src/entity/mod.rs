//! The injury module's tables (hand-written entities, timestamps `DateTime<Utc>`), and which of
//! them the data scope applies to: a point and its cases belong to the point's organisation in
//! its region, a defect report to the city it came from; the design periods are read through
//! their point, the signal register and rules are the province's.

pub mod case;
pub mod period;
pub mod point;
pub mod report;
pub mod rule;
pub mod signal;

longzhi_store::scoped_entity!(
    point,
    "injury_point",
    id = Some(point::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    case,
    "injury_case",
    id = Some(case::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    report,
    "injury_report",
    id = Some(report::Column::Id),
    owner = OwnerId
);
