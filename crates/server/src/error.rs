//! The one error type of the API. Each variant has an HTTP status and a stable code; the
//! message, in the client's language, is written by [`crate::i18n::render_errors`], which knows
//! the request. Internal errors are logged with the request id and never shown.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors};
use longzhi_store::StoreError;
use longzhi_store::repo::auth::{LoginRefused, SessionRefused};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("session expired")]
    SessionExpired,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("locked until {0}")]
    Locked(DateTime<Utc>),
    /// Too many failed sign-ins from the client's address.
    #[error("throttled until {0}")]
    Throttled(DateTime<Utc>),
    #[error("disabled")]
    Disabled,
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("csrf")]
    Csrf,
    #[error("validation")]
    Validation(FieldErrors),
    #[error("bad body: {0}")]
    Body(String),
    #[error("too large")]
    TooLarge,
    /// An uploaded workbook is over one of its limits.
    #[error("workbook over its {0:?} limit of {1}")]
    FileLimit(longzhi_reports::xlsx::Limit, u64),
    #[error("not found")]
    NotFound,
    #[error("version conflict")]
    VersionConflict,
    #[error("duplicate {0}")]
    Duplicate(String),
    /// A domain rule refused the request ([`ErrorCode::UserSelf`] …).
    #[error("rule {0}")]
    Rule(ErrorCode),
    #[error("internal: {0}")]
    Internal(String),
}

/// What the error renderer needs, carried in the response extensions.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub fields: Vec<FieldError>,
    /// Values for the message (`until` of a lock-out, `field` of a duplicate).
    pub params: Vec<(&'static str, String)>,
}

impl ApiError {
    /// The status of the error's code.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated => ErrorCode::AuthUnauthenticated,
            Self::SessionExpired => ErrorCode::AuthSessionExpired,
            Self::InvalidCredentials => ErrorCode::AuthInvalidCredentials,
            Self::Locked(_) => ErrorCode::AuthLocked,
            Self::Throttled(_) => ErrorCode::AuthTooManyAttempts,
            Self::Disabled => ErrorCode::AuthDisabled,
            Self::PasswordChangeRequired => ErrorCode::AuthPasswordChangeRequired,
            Self::Forbidden => ErrorCode::AuthForbidden,
            Self::Csrf => ErrorCode::AuthCsrf,
            Self::Validation(_) => ErrorCode::ValidationField,
            Self::Body(_) => ErrorCode::ValidationBody,
            Self::TooLarge => ErrorCode::RequestTooLarge,
            Self::FileLimit(..) => ErrorCode::ImportTooLarge,
            Self::NotFound => ErrorCode::NotFound,
            Self::VersionConflict => ErrorCode::ConflictVersion,
            Self::Duplicate(_) => ErrorCode::ConflictDuplicate,
            Self::Rule(code) => *code,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn field(field: &str, rule: longzhi_domain::Rule) -> Self {
        Self::Validation(FieldError::new(field, rule).into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let params = match &self {
            Self::Locked(until) | Self::Throttled(until) => vec![("until", until.to_rfc3339())],
            Self::Duplicate(field) => vec![("field", field.clone())],
            Self::Body(detail) => vec![("detail", detail.clone())],
            Self::FileLimit(limit, max) => vec![
                ("limit", limit_key(*limit).to_owned()),
                ("max", max.to_string()),
            ],
            _ => vec![],
        };
        let (status, code) = (self.status(), self.code());
        let info = ErrorInfo {
            code,
            fields: match self {
                Self::Validation(FieldErrors(f)) => f,
                Self::Duplicate(ref field) if !field.is_empty() => {
                    vec![FieldError::new(
                        field.as_str(),
                        longzhi_domain::Rule::Unique,
                    )]
                }
                _ => vec![],
            },
            params,
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(info);
        res
    }
}

/// The stable name of a workbook limit, for the message and the client.
pub fn limit_key(l: longzhi_reports::xlsx::Limit) -> &'static str {
    use longzhi_reports::xlsx::Limit;
    match l {
        Limit::Rows => "rows",
        Limit::Columns => "columns",
        Limit::Cells => "cells",
        Limit::Entries => "entries",
        Limit::UnzippedBytes => "unzipped_bytes",
        Limit::StringsBytes => "strings_bytes",
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::VersionConflict => Self::VersionConflict,
            StoreError::Duplicate { field } => Self::Duplicate(field),
            StoreError::Validation(f) => Self::Validation(f),
            StoreError::Rule(code) => Self::Rule(code),
            StoreError::Db(e) => Self::Internal(e.to_string()),
            StoreError::Io(e) => Self::Internal(e),
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        Self::Validation(e)
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        Self::Validation(e.into())
    }
}

impl From<LoginRefused> for ApiError {
    fn from(r: LoginRefused) -> Self {
        match r {
            LoginRefused::InvalidCredentials => Self::InvalidCredentials,
            LoginRefused::Locked { until } => Self::Locked(until),
            LoginRefused::Throttled { until } => Self::Throttled(until),
            LoginRefused::Disabled => Self::Disabled,
        }
    }
}

impl From<SessionRefused> for ApiError {
    fn from(r: SessionRefused) -> Self {
        match r {
            SessionRefused::Unknown => Self::Unauthenticated,
            SessionRefused::Expired => Self::SessionExpired,
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::TooLarge
        } else {
            Self::Body(r.body_text())
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::Body(r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        Self::Body(r.body_text())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
