//! The car module's tables (hand-written entities, timestamps `DateTime<Utc>`). A dispute belongs
//! to the receiving bureau's region and to the maker's organisation: the city sees its disputes,
//! the maker those naming it, an expert those assigned. Makers, models, dealers and the working
//! calendar are the province's reference data; repairs, evaluations, mediations and opinions are
//! read through their dispute.

pub mod dealer;
pub mod dispute;
pub mod evaluation;
pub mod holiday;
pub mod injury_link;
pub mod maker;
pub mod mediation;
pub mod model;
pub mod opinion;
pub mod repair;

longzhi_store::scoped_entity!(
    dispute,
    "car_dispute",
    id = Some(dispute::Column::Id),
    owner = OwnerId
);
