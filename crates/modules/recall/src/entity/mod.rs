//! The recall module's tables (hand-written entities, timestamps `DateTime<Utc>`), and which of
//! them the data scope applies to. An investigation, a recall and their assessments belong to the
//! producer's organisation in the producer's region (so the city of the producer and the producer
//! itself see them); an expert sees the investigations they are assigned to; a warning belongs to
//! the bureau that drafted it. Expert opinions, talks and progress reports are read through their
//! investigation or recall; the expert pool is the province's.

pub mod assessment;
pub mod expert;
pub mod investigation;
pub mod progress;
pub mod recall;
pub mod review;
pub mod talk;
pub mod warning;

longzhi_store::scoped_entity!(
    investigation,
    "recall_investigation",
    id = Some(investigation::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(assessment, "recall_assessment", id = None, owner = OwnerId);
longzhi_store::scoped_entity!(
    recall,
    "recall_recall",
    id = Some(recall::Column::Id),
    owner = OwnerId
);
longzhi_store::scoped_entity!(
    warning,
    "recall_warning",
    id = Some(warning::Column::Id),
    owner = OwnerId
);
