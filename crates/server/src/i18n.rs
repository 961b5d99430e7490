//! Error messages in Chinese or English, chosen by `Accept-Language` (Chinese by default), and
//! the middleware that writes every error body in one shape.

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use longzhi_domain::{FieldError, Rule};
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

fn param<'a>(params: &'a [(&'static str, String)], key: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// The message of an error code.
pub fn message(code: &str, lang: Lang, params: &[(&'static str, String)]) -> String {
    let zh = lang == Lang::Zh;
    let (z, e): (&str, &str) = match code {
        "auth.unauthenticated" => ("请先登录", "Please sign in"),
        "auth.session_expired" => (
            "会话已过期,请重新登录",
            "Your session has expired; please sign in again",
        ),
        "auth.invalid_credentials" => ("用户名或密码错误", "Wrong user name or password"),
        "auth.locked" => {
            let until = param(params, "until");
            return if zh {
                format!("登录失败次数过多,账号已锁定至 {until}")
            } else {
                format!("Too many failed sign-ins; the account is locked until {until}")
            };
        }
        "auth.too_many_attempts" => {
            let until = param(params, "until");
            return if zh {
                format!("此地址登录失败次数过多,请于 {until} 之后再试")
            } else {
                format!("Too many failed sign-ins from this address; try again after {until}")
            };
        }
        "auth.disabled" => ("账号已停用", "The account is disabled"),
        "auth.password_change_required" => (
            "请先修改初始密码",
            "Please change your initial password first",
        ),
        "auth.forbidden" => ("没有执行此操作的权限", "You are not allowed to do this"),
        "auth.csrf" => (
            "请求校验失败(CSRF),请刷新页面",
            "Request check failed (CSRF); please reload the page",
        ),
        "validation.field" => (
            "提交的内容有误,请检查标出的字段",
            "Some fields are invalid; see the marked fields",
        ),
        "validation.body" => {
            let detail = param(params, "detail");
            return if zh {
                format!("请求格式错误:{detail}")
            } else {
                format!("Malformed request: {detail}")
            };
        }
        "request.too_large" => ("请求内容过大", "The request is too large"),
        "request.method" => ("不支持的请求方法", "Method not allowed"),
        "request.timeout" => ("请求超时", "The request timed out"),
        "not_found" => (
            "记录不存在或无权访问",
            "Not found, or not in your data scope",
        ),
        "conflict.version" => (
            "记录已被他人修改,请刷新后重试",
            "The record was changed by someone else; reload and try again",
        ),
        "conflict.duplicate" => {
            let field = param(params, "field");
            return if zh {
                format!("{field} 已存在")
            } else {
                format!("{field} is already taken")
            };
        }
        "user.self" => (
            "不能对自己的账号执行此操作",
            "You cannot do this to your own account",
        ),
        "user.beyond_own" => (
            "该用户拥有超出您自身权限或数据范围的角色,不能管理",
            "The user holds a role beyond your own rights or data scope",
        ),
        "org.protected" => (
            "不能停用、删除或更改本机构及上级机构的类型;市场监管机构的类型和状态只能由省局更改",
            "You cannot disable, delete or re-type your own organisation or one above it; only the province changes a regulator's kind or status",
        ),
        "plan.own_report" => (
            "不能审核本人或本机构报送的进展",
            "You cannot review a report filed by yourself or your own organisation",
        ),
        "org.in_use" => (
            "该组织仍有用户或下级组织,不能删除",
            "The organisation still has users or child organisations",
        ),
        "role.builtin" => ("内置角色不能删除", "Built-in roles cannot be deleted"),
        "role.in_use" => ("该角色仍有用户,不能删除", "The role is still held by users"),
        "role.beyond_own" => (
            "不能修改超出自身权限的角色",
            "You cannot edit a role beyond your own rights",
        ),
        "import.too_large" => {
            let max = param(params, "max");
            let (what_zh, what_en) = match param(params, "limit") {
                "rows" => ("数据行数", "data rows"),
                "columns" => ("列数", "columns"),
                "cells" => ("非空单元格数", "filled cells"),
                "entries" => ("文件内部件数", "parts in the file"),
                "strings_bytes" => (
                    "共享字符串解压后字节数",
                    "bytes of shared strings once unzipped",
                ),
                _ => ("解压后字节数", "bytes once unzipped"),
            };
            return if zh {
                format!("Excel 文件超出限制:{what_zh}不能超过 {max}")
            } else {
                format!("The Excel file is too large: at most {max} {what_en}")
            };
        }
        "import.file" => (
            "请上传 .xlsx 格式的 Excel 文件",
            "Please upload an Excel .xlsx file",
        ),
        "dict.builtin" => (
            "内置字典不能删除,可停用",
            "Built-in dictionaries cannot be deleted; disable them instead",
        ),
        "plan.not_draft" => (
            "计划已发布,结构不能再修改",
            "The plan is published; its structure can no longer change",
        ),
        "plan.not_published" => ("计划尚未发布", "The plan is not published"),
        "plan.closed" => (
            "计划已关闭,不能再报送或修改",
            "The plan is closed; no more reports or changes",
        ),
        "plan.empty" => (
            "计划中还没有任务,不能发布",
            "The plan has no task to publish",
        ),
        "plan.report_pending" => (
            "上一次报送尚待审核,审核后才能再次报送",
            "The previous report awaits review",
        ),
        "plan.not_pending" => ("该报送已审核过", "This report has already been reviewed"),
        "file.type_not_allowed" => (
            "不支持的文件类型:仅接受 PDF、图片(PNG/JPEG)、Office 文档、ZIP 和纯文本",
            "File type not accepted: PDF, PNG/JPEG images, Office documents, ZIP and plain text only",
        ),
        "file.quota" => (
            "24 小时内上传的文件已达上限,请稍后再试",
            "You have reached your upload quota for 24 hours; try again later",
        ),
        "internal" => (
            "服务器内部错误,请联系管理员并提供请求编号",
            "Internal error; contact the administrator with the request id",
        ),
        other => return other.to_owned(),
    };
    (if zh { z } else { e }).to_owned()
}

/// The message of one field error: names the field and the rule with its numbers.
pub fn field_message(f: &FieldError, lang: Lang) -> String {
    let p = |k| f.param(k).unwrap_or("?");
    let field = &f.field;
    match (lang, f.rule) {
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
    pub code: String,
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
                StatusCode::NOT_FOUND => "not_found",
                StatusCode::PAYLOAD_TOO_LARGE => "request.too_large",
                StatusCode::METHOD_NOT_ALLOWED => "request.method",
                StatusCode::REQUEST_TIMEOUT => "request.timeout",
                s if s.is_server_error() => "internal",
                _ => "validation.body",
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
        code: info.code.to_owned(),
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
    fn field_messages_name_the_field_and_the_numbers() {
        let f = FieldError::new("password", Rule::PasswordPolicy)
            .with("min", 10)
            .with("classes", 3);
        assert!(field_message(&f, Lang::En).starts_with("password: at least 10 characters"));
        assert!(field_message(&f, Lang::Zh).contains("至少 10 位"));
    }
}
