use longzhi_domain::{ErrorCode, FieldError, FieldErrors};
use sea_orm::{DbErr, SqlErr};

/// What a repository call can fail with; the server maps each to an HTTP status and error code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such record, or not within the caller's data scope (indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// The record changed since the caller read it (optimistic version check).
    #[error("version conflict")]
    VersionConflict,
    #[error("duplicate {field}")]
    Duplicate { field: String },
    #[error("invalid fields: {0:?}")]
    Validation(FieldErrors),
    /// A domain rule refused the operation (e.g. [`ErrorCode::UserSelf`]).
    #[error("rule {0}")]
    Rule(ErrorCode),
    /// The file storage failed (disk full, permissions …).
    #[error("storage: {0}")]
    Io(String),
    #[error(transparent)]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Duplicate {
                field: String::new(),
            },
            _ => Self::Db(e),
        }
    }
}

impl StoreError {
    /// Names the field of a unique-constraint violation (the database does not say which), so
    /// that a concurrent duplicate reads like the checked one.
    pub fn on_duplicate(self, field: &str) -> Self {
        match self {
            Self::Duplicate { field: f } if f.is_empty() => Self::Duplicate {
                field: field.to_owned(),
            },
            other => other,
        }
    }
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        Self::Validation(e)
    }
}

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        Self::Validation(e.into())
    }
}
