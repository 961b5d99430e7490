//! Data scope: which business records a role may see and change.

use serde::{Deserialize, Serialize};

/// Ordered from widest to narrowest.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataScope {
    /// Everything (the province).
    All,
    /// Records of the user's organisation's region and the regions below it (a city bureau).
    Region,
    /// Records of the user's own organisation (an enterprise, an institution).
    Org,
    /// Records the user created.
    Own,
    /// Records the user is assigned to (an expert).
    Assigned,
}

impl DataScope {
    pub const ALL: [DataScope; 5] = [
        Self::All,
        Self::Region,
        Self::Org,
        Self::Own,
        Self::Assigned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Region => "region",
            Self::Org => "org",
            Self::Own => "own",
            Self::Assigned => "assigned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The wider of two scopes: a user with several roles gets the widest.
    pub fn widest(self, other: Self) -> Self {
        self.min(other)
    }
}
