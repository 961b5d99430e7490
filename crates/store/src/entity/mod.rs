//! Hand-written entities (timestamps are `DateTime<Utc>` on both databases).

pub mod assignment;
pub mod audit_log;
pub mod blob;
pub mod dict_item;
pub mod dict_type;
pub mod file;
pub mod job;
pub mod lease;
pub mod login_log;
pub mod login_throttle;
pub mod notice;
pub mod org;
pub mod param;
pub mod region;
pub mod role;
pub mod session;
pub mod user;
pub mod user_role;
