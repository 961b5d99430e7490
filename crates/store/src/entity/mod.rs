//! Hand-written entities (timestamps are `DateTime<Utc>` on both databases).

pub mod assignment;
pub mod audit_log;
pub mod dict_item;
pub mod dict_type;
pub mod lease;
pub mod login_log;
pub mod org;
pub mod param;
pub mod region;
pub mod role;
pub mod session;
pub mod user;
pub mod user_role;
