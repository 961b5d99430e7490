//! The assessment module's tables (hand-written entities, timestamps `DateTime<Utc>`). Years and
//! their indicator systems are the province's; a city's evaluation and remediation belong to the
//! city (its bureau); a national finding to the organisation that owns it. An evaluation's items
//! are read through the evaluation, or by the department that scores them.

pub mod evaluation;
pub mod finding;
pub mod indicator;
pub mod item;
pub mod remediation;
pub mod talk;
pub mod year;

longzhi_store::scoped_entity!(
    evaluation,
    "assessment_evaluation",
    id = Some(evaluation::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    remediation,
    "assessment_remediation",
    id = Some(remediation::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    finding,
    "assessment_finding",
    id = Some(finding::Column::Id),
    owner = OwnerId
);
