//! Everything that can make an estimation impossible; each message names the construct, item,
//! path or field concerned, so the CLI can pass it on unchanged.

/// Why a model cannot be estimated on the given data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlsError {
    /// The model specification is invalid (the message names the construct, path or field).
    #[error("model: {0}")]
    Model(String),
    /// An item has zero variance in the data used, so it cannot be standardised.
    #[error("item {item} of construct {construct} is constant (zero variance)")]
    ConstantItem { construct: String, item: String },
    /// Mean replacement is impossible for an item with no value at all.
    #[error("item {item} of construct {construct} has no value in any row")]
    EmptyItem { construct: String, item: String },
    /// Too few rows remain to estimate anything.
    #[error("only {rows} usable rows (after missing-value handling); at least {needed} are needed")]
    TooFewRows { rows: usize, needed: usize },
    /// A correlation matrix that must be inverted is singular (collinear items or constructs).
    #[error("construct {construct}: {what} are collinear (singular correlation matrix)")]
    Singular {
        construct: String,
        what: &'static str,
    },
    /// The inner proxy of a construct vanished (all its neighbours are uncorrelated with it).
    #[error("construct {construct}: its inner proxy is zero, so its weights are undefined")]
    NoProxy { construct: String },
}
