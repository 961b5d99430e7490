//! The states of records, as enums: what the entities hold (feature `db`), the API shows and
//! accepts, stored as the same strings (no migration of data). Parsing a client's value names the field and the allowed values (422
//! `enum`), rather than failing the whole body.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};
#[cfg(feature = "db")]
use sea_orm::sea_query::StringLen;

macro_rules! string_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($variant:ident = $s:tt),* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "String(StringLen::None)"))]
        pub enum $name {
            $(
                #[serde(rename = $s)]
                #[cfg_attr(feature = "db", sea_orm(string_value = $s))]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored and serialised string.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s,)*
                }
            }

            /// The value of a stored or submitted string; an `enum` error on `field` naming the
            /// allowed values otherwise.
            pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == value)
                    .ok_or_else(|| {
                        let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        FieldError::new(field, Rule::Enum).with("allowed", allowed.join(","))
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// `status` of users, roles, organisations and dictionaries.
    Status { Active = "active", Disabled = "disabled" }
}

string_enum! {
    /// `status` of a work plan.
    PlanStatus { Draft = "draft", Published = "published", Closed = "closed" }
}

string_enum! {
    /// `status` of a target (a task for one organisation) and of a progress report.
    TargetStatus { NotStarted = "not_started", InProgress = "in_progress", Done = "done" }
}

string_enum! {
    /// `review` of a target's last report and of a report: `none` before any report.
    Review { None = "none", Pending = "pending", Accepted = "accepted", Returned = "returned" }
}

string_enum! {
    /// `status` of a background job.
    JobStatus { Queued = "queued", Running = "running", Done = "done", Failed = "failed" }
}

string_enum! {
    /// `status` of a quality-data collection round.
    RoundStatus { Open = "open", Closed = "closed" }
}

string_enum! {
    /// `status` of one city's submission to a collection round.
    SubmissionStatus { Draft = "draft", Submitted = "submitted", Approved = "approved", Returned = "returned" }
}

string_enum! {
    /// `status` of a quality-improvement action.
    ActionStatus { Ongoing = "ongoing", Completed = "completed" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_names_the_field_and_the_allowed_values() {
        assert_eq!(Status::parse("status", "active"), Ok(Status::Active));
        assert_eq!(
            TargetStatus::parse("status", "in_progress"),
            Ok(TargetStatus::InProgress)
        );
        let e = PlanStatus::parse("status", "open").unwrap_err();
        assert_eq!((e.field.as_str(), e.rule), ("status", Rule::Enum));
        assert_eq!(e.param("allowed"), Some("draft,published,closed"));
        assert!(Review::parse("review", "Accepted").is_err());
        for r in Review::ALL {
            assert_eq!(Review::parse("review", r.as_str()), Ok(*r));
        }
    }
}
