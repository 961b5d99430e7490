//! What the module's repositories share with the recall module's: record numbers and audit
//! targets.

pub use longzhi_recall::common::{number, pending_number, target};
