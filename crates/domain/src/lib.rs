//! Longzhi's domain types: values that can only exist when valid ("parse, don't validate"), and
//! the pure rules over them. No I/O.

pub mod catalogue;
mod credit_code;
mod error_code;
mod field_error;
pub mod outline;
mod password;
mod permission;
mod region_code;
mod scope;
mod status;
mod username;
mod vin;

pub use credit_code::CreditCode;
pub use error_code::ErrorCode;
pub use field_error::{FieldError, FieldErrors, Rule};
pub use password::PasswordPolicy;
pub use permission::{Permission, PermissionSet};
pub use region_code::RegionCode;
pub use scope::DataScope;
pub use status::{
    ActionStatus, JobStatus, PlanStatus, Review, RoundStatus, Status, SubmissionStatus,
    TargetStatus,
};
pub use username::Username;
pub use vin::Vin;
