//! Error messages in Chinese or English, chosen by `Accept-Language` (Chinese by default), and
//! the middleware that writes every error body in one shape.

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use longzhi_domain::{ErrorCode, FieldError, Rule};
use serde::Serialize;

use crate::error::ErrorInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The first of `zh*` / `en*` in `Accept-Language` (by q-value); Chinese when neither.
    pub fn from_headers(h: &HeaderMap) -> Self {
        let Some(v) = h.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
            return Lang::Zh;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in v.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let lang = if tag.starts_with("zh") {
                Lang::Zh
            } else if tag.starts_with("en") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Zh, |(_, l)| l)
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

impl Lang {
    /// `zh` or `en` text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The message of an error code in the client's language: every code has both
/// ([`ErrorCode`]'s own test), so there is no fallback.
pub fn message(code: ErrorCode, lang: Lang, params: &[(&'static str, String)]) -> String {
    match lang {
        Lang::Zh => code.zh(params),
        Lang::En => code.en(params),
    }
}

/// The message of one field error: names the field and the rule with its numbers.
pub fn field_message(f: &FieldError, lang: Lang) -> String {
    let p = |k| f.param(k).unwrap_or("?");
    let field = &f.field;
    match (lang, f.rule) {
        (Lang::Zh, Rule::Required) if f.param("reason") == Some("change") => format!(
            "{field}:较上期变化 {} 超过 {},须填写说明",
            p("change"),
            p("threshold")
        ),
        (Lang::En, Rule::Required) if f.param("reason") == Some("change") => format!(
            "{field}: changed by {} on the last period, more than {}; a comment is required",
            p("change"),
            p("threshold")
        ),
        (Lang::Zh, Rule::Required) => format!("{field}:必填"),
        (Lang::En, Rule::Required) => format!("{field}: required"),
        (Lang::Zh, Rule::Length) => match (f.param("min"), f.param("max"), f.param("len")) {
            (_, _, Some(n)) => format!("{field}:长度应为 {n}"),
            (Some(lo), Some(hi), _) => format!("{field}:长度应在 {lo} 到 {hi} 之间"),
            _ => format!("{field}:长度不能超过 {}", p("max")),
        },
        (Lang::En, Rule::Length) => match (f.param("min"), f.param("max"), f.param("len")) {
            (_, _, Some(n)) => format!("{field}: must be {n} characters long"),
            (Some(lo), Some(hi), _) => format!("{field}: must be {lo} to {hi} characters long"),
            _ => format!("{field}: at most {} characters", p("max")),
        },
        // `detail`: what a computation engine said of the input, in its own (English) words.
        (Lang::Zh, Rule::Format) if f.param("detail").is_some() => {
            format!("{field}:{}", p("detail"))
        }
        (Lang::En, Rule::Format) if f.param("detail").is_some() => {
            format!("{field}: {}", p("detail"))
        }
        (Lang::Zh, Rule::Format) => format!("{field}:格式不正确"),
        (Lang::En, Rule::Format) => format!("{field}: invalid format"),
        (Lang::Zh, Rule::Range) if f.param("reason") == Some("exceeds_own") => {
            format!("{field}:超出您自己的权限范围")
        }
        (Lang::En, Rule::Range) if f.param("reason") == Some("exceeds_own") => {
            format!("{field}: beyond your own rights")
        }
        (Lang::Zh, Rule::Range) => match (f.param("min"), f.param("max")) {
            (Some(lo), None) => format!("{field}:不能小于 {lo}"),
            (None, Some(hi)) => format!("{field}:不能大于 {hi}"),
            _ => format!("{field}:应在 {} 到 {} 之间", p("min"), p("max")),
        },
        (Lang::En, Rule::Range) => match (f.param("min"), f.param("max")) {
            (Some(lo), None) => format!("{field}: must not be before or below {lo}"),
            (None, Some(hi)) => format!("{field}: must not be after or above {hi}"),
            _ => format!("{field}: must be between {} and {}", p("min"), p("max")),
        },
        (Lang::Zh, Rule::Checksum) => format!("{field}:校验位错误"),
        (Lang::En, Rule::Checksum) => format!("{field}: wrong check character"),
        (Lang::Zh, Rule::Unique) if f.param("reason") == Some("locked") => {
            format!("{field}:所属填报已审核通过,须先重开才能修改")
        }
        (Lang::En, Rule::Unique) if f.param("reason") == Some("locked") => {
            format!("{field}: its submission is approved; it must be reopened first")
        }
        (Lang::Zh, Rule::Unique) => format!("{field}:已存在或与原值相同"),
        (Lang::En, Rule::Unique) => format!("{field}: already taken, or the same as before"),
        (Lang::Zh, Rule::Exists) => format!("{field}:不存在或无权使用"),
        (Lang::En, Rule::Exists) => format!("{field}: does not exist or is not yours to use"),
        (Lang::Zh, Rule::PasswordPolicy) => {
            format!(
                "{field}:密码至少 {} 位,且包含大写字母、小写字母、数字、符号中的至少 {} 类",
                p("min"),
                p("classes")
            )
        }
        (Lang::En, Rule::PasswordPolicy) => format!(
            "{field}: at least {} characters from at least {} of upper case, lower case, digits and symbols",
            p("min"),
            p("classes")
        ),
        (Lang::Zh, Rule::Enum) => format!("{field}:取值无效,可选 {}", p("allowed")),
        (Lang::En, Rule::Enum) => format!("{field}: invalid value; allowed: {}", p("allowed")),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    pub request_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldBody>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldBody {
    pub field: String,
    pub rule: Rule,
    pub message: String,
}

/// Writes the body of every error response: errors raised by handlers ([`ErrorInfo`]) and the
/// bare statuses of the router and layers (unknown route, body limit, timeout, panic).
pub async fn render_errors(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let res = next.run(req).await;
    let status = res.status();
    let info = match res.extensions().get::<ErrorInfo>() {
        Some(i) => i.clone(),
        None if status.is_client_error() || status.is_server_error() => {
            let is_json = res
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
            if is_json {
                return res;
            }
            let code = match status {
                StatusCode::NOT_FOUND => ErrorCode::NotFound,
                StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::RequestTooLarge,
                StatusCode::METHOD_NOT_ALLOWED => ErrorCode::RequestMethod,
                StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
                s if s.is_server_error() => ErrorCode::Internal,
                _ => ErrorCode::ValidationBody,
            };
            ErrorInfo {
                code,
                fields: vec![],
                params: vec![],
            }
        }
        None => return res,
    };
    let body = ErrorBody {
        code: info.code,
        message: message(info.code, lang, &info.params),
        request_id,
        fields: info
            .fields
            .iter()
            .map(|f| FieldBody {
                field: f.field.clone(),
                rule: f.rule,
                message: field_message(f, lang),
            })
            .collect(),
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut out = (status, axum::Json(body)).into_response();
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn lang(v: &str) -> Lang {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(v).unwrap());
        Lang::from_headers(&h)
    }

    #[test]
    fn picks_the_preferred_supported_language() {
        assert_eq!(lang("en-US,en;q=0.9"), Lang::En);
        assert_eq!(lang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
        assert_eq!(lang("fr, en;q=0.5"), Lang::En);
        assert_eq!(lang("de"), Lang::Zh);
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::Zh);
    }

    #[test]
    fn every_error_code_is_its_string_on_the_wire_and_has_both_messages() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::from(code.as_str()));
            assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
            let (zh, en) = (message(code, Lang::Zh, &[]), message(code, Lang::En, &[]));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{code}");
        }
        // The OpenAPI document lists the same strings (the console's codes are generated from it).
        let doc: serde_json::Value =
            serde_json::from_str(&crate::openapi::openapi_json(&[])).unwrap();
        let listed = &doc["components"]["schemas"]["ErrorCode"]["enum"];
        let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, &serde_json::json!(all));
        assert_eq!(
            doc["components"]["schemas"]["ErrorBody"]["properties"]["code"]["$ref"],
            "#/components/schemas/ErrorCode"
        );
        let until = [("until", "2030-01-01T00:00:00+00:00".to_owned())];
        assert!(message(ErrorCode::AuthLocked, Lang::Zh, &until).contains("锁定至 2030-01-01"));
    }

    #[test]
    fn field_messages_name_the_field_and_the_numbers() {
        let f = FieldError::new("password", Rule::PasswordPolicy)
            .with("min", 10)
            .with("classes", 3);
        assert!(field_message(&f, Lang::En).starts_with("password: at least 10 characters"));
        assert!(field_message(&f, Lang::Zh).contains("至少 10 位"));
    }
}
