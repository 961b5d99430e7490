//! Every error and rule code the API answers with, as one enum: its stable string (the `code` of
//! an error body), its HTTP status and its message in Chinese and English. Repositories refuse
//! with a variant ([`ErrorCode::UserSelf`] …), never with a free string, so a code without a
//! status or a translation cannot be written.

use serde::{Deserialize, Serialize};

/// Declares the enum with, per variant, its stable string and HTTP status; [`ErrorCode::ALL`]
/// lists every variant in declaration order. The string is taken as a token tree, not a
/// `literal` fragment, so that the derives (utoipa's in particular) see a plain literal.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:tt, $status:tt;)*) => {
        /// A stable error code (`code` of every error body; docs/api.md#errors).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* #[serde(rename = $code)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The stable string, as serialised (`user.self`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// The HTTP status an error with this code is answered with.
            pub const fn status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)*
                }
            }
        }
    };
}

error_codes! {
    /// No session, or an unknown or revoked one.
    AuthUnauthenticated = "auth.unauthenticated", 401;
    /// The session's idle or absolute expiry passed.
    AuthSessionExpired = "auth.session_expired", 401;
    AuthInvalidCredentials = "auth.invalid_credentials", 401;
    /// Too many failed sign-ins of the account; parameter `until`.
    AuthLocked = "auth.locked", 423;
    /// Too many failed sign-ins from the client's address; parameter `until`.
    AuthTooManyAttempts = "auth.too_many_attempts", 429;
    AuthDisabled = "auth.disabled", 403;
    AuthPasswordChangeRequired = "auth.password_change_required", 403;
    AuthForbidden = "auth.forbidden", 403;
    AuthCsrf = "auth.csrf", 403;
    /// Fields broke their rules (`fields` of the body).
    ValidationField = "validation.field", 422;
    /// The body, query or path could not be read; parameter `detail`.
    ValidationBody = "validation.body", 400;
    RequestTooLarge = "request.too_large", 413;
    RequestMethod = "request.method", 405;
    RequestTimeout = "request.timeout", 408;
    /// A public form sent too often from the client's address; parameter `until`.
    RequestRateLimited = "request.rate_limited", 429;
    /// No such record, or not in the caller's data scope (indistinguishable on purpose).
    NotFound = "not_found", 404;
    ConflictVersion = "conflict.version", 409;
    /// A unique value is taken; parameter `field`.
    ConflictDuplicate = "conflict.duplicate", 409;
    UserSelf = "user.self", 409;
    UserBeyondOwn = "user.beyond_own", 409;
    OrgProtected = "org.protected", 409;
    OrgInUse = "org.in_use", 409;
    RoleBuiltin = "role.builtin", 409;
    RoleInUse = "role.in_use", 409;
    RoleBeyondOwn = "role.beyond_own", 409;
    DictBuiltin = "dict.builtin", 409;
    PlanNotDraft = "plan.not_draft", 409;
    PlanNotPublished = "plan.not_published", 409;
    PlanClosed = "plan.closed", 409;
    PlanEmpty = "plan.empty", 409;
    PlanReportPending = "plan.report_pending", 409;
    PlanNotPending = "plan.not_pending", 409;
    PlanOwnReport = "plan.own_report", 409;
    /// A catalogue entry still used by frameworks or values.
    QualityInUse = "quality.in_use", 409;
    QualityNotDraft = "quality.not_draft", 409;
    QualityRoundClosed = "quality.round_closed", 409;
    /// A submission not in the state the action needs (edit once submitted, approve a draft …).
    QualitySubmissionState = "quality.submission_state", 409;
    /// A value of an approved submission: reopen the submission first.
    QualityLocked = "quality.locked", 409;
    /// An investigation, recall or warning not at the stage the step needs.
    RecallWrongStage = "recall.wrong_stage", 409;
    /// An expert declared a conflict of interest with the producer or the brand.
    RecallExpertConflict = "recall.expert_conflict", 409;
    /// The caller is not an expert assigned to the investigation.
    RecallNotAssigned = "recall.not_assigned", 409;
    /// A conclusion before any expert opinion.
    RecallNoOpinion = "recall.no_opinion", 409;
    /// Closing a recall not found effective.
    RecallNotEffective = "recall.not_effective", 409;
    /// Reviewing one's own draft warning.
    RecallOwnReview = "recall.own_review", 409;
    /// A closed 三包 dispute cannot change.
    CarClosed = "car.closed", 409;
    /// A questionnaire, round, task or event not in the state the step needs.
    ServiceWrongState = "service.wrong_state", 409;
    /// Results asked for before the round was computed.
    ServiceNotComputed = "service.not_computed", 404;
    /// A one-time survey link already answered.
    ServiceTokenUsed = "service.token_used", 409;
    /// Reviewing a task of one's own organisation.
    ServiceOwnTask = "service.own_task", 409;
    /// A round, application or term not in the state the step needs.
    ProgrammeWrongState = "programme.wrong_state", 409;
    /// A second application of one organisation to one round.
    ProgrammeDuplicate = "programme.duplicate", 409;
    /// Submitting outside the round's application dates.
    ProgrammeClosed = "programme.closed", 409;
    /// Assigning an expert with a conflict of interest.
    ProgrammeConflict = "programme.conflict", 409;
    /// Locking a review stage before every score is in.
    ProgrammeIncomplete = "programme.incomplete", 409;
    /// More winners or nominations than the round's quota.
    ProgrammeQuota = "programme.quota", 409;
    /// Deciding before the public notice period has ended.
    ProgrammeNoticeRunning = "programme.notice_running", 409;
    /// Deciding while objections are unhandled.
    ProgrammeObjectionsOpen = "programme.objections_open", 409;
    /// An organisation of a kind the programme does not accept.
    ProgrammeWrongApplicant = "programme.wrong_applicant", 409;
    /// Scoring an application one is not on the panel of.
    ProgrammeNotAssigned = "programme.not_assigned", 403;
    /// An assessment year, evaluation, remediation or finding not in the state the step needs.
    AssessmentWrongState = "assessment.wrong_state", 409;
    /// A second assessment of one year.
    AssessmentDuplicate = "assessment.duplicate", 409;
    /// Opening an indicator system whose points do not add up to 100.
    AssessmentPointsTotal = "assessment.points_total", 409;
    /// A self-evaluation changed or submitted after its deadline.
    AssessmentDeadlinePassed = "assessment.deadline_passed", 409;
    /// Submitting with claims missing, or publishing with scores missing.
    AssessmentIncomplete = "assessment.incomplete", 409;
    /// Scoring an indicator another department scores.
    AssessmentNotYourIndicator = "assessment.not_your_indicator", 403;
    /// Results asked for before publication by someone who does not sign them off.
    AssessmentNotPublished = "assessment.not_published", 403;
    /// A file of a kind not accepted is not a conflict with the stored state.
    FileTypeNotAllowed = "file.type_not_allowed", 415;
    FileQuota = "file.quota", 429;
    ImportFile = "import.file", 415;
    /// An uploaded workbook is over a limit; parameters `limit` and `max`.
    ImportTooLarge = "import.too_large", 422;
    Internal = "internal", 500;
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a message parameter; empty when absent.
fn param<'a>(params: &'a [(&'static str, String)], key: &str) -> &'a str {
    params
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_str())
}

impl ErrorCode {
    /// The Chinese message, with the parameters it names (`until`, `field`, `detail`, `limit`,
    /// `max`).
    pub fn zh(self, params: &[(&'static str, String)]) -> String {
        self.text(false, params)
    }

    /// The English message, with the parameters it names.
    pub fn en(self, params: &[(&'static str, String)]) -> String {
        self.text(true, params)
    }

    fn text(self, en: bool, params: &[(&'static str, String)]) -> String {
        use ErrorCode as C;
        let (z, e): (&str, &str) = match self {
            C::AuthUnauthenticated => ("请先登录", "Please sign in"),
            C::AuthSessionExpired => (
                "会话已过期,请重新登录",
                "Your session has expired; please sign in again",
            ),
            C::AuthInvalidCredentials => ("用户名或密码错误", "Wrong user name or password"),
            C::AuthLocked => {
                let until = param(params, "until");
                return if en {
                    format!("Too many failed sign-ins; the account is locked until {until}")
                } else {
                    format!("登录失败次数过多,账号已锁定至 {until}")
                };
            }
            C::AuthTooManyAttempts => {
                let until = param(params, "until");
                return if en {
                    format!("Too many failed sign-ins from this address; try again after {until}")
                } else {
                    format!("此地址登录失败次数过多,请于 {until} 之后再试")
                };
            }
            C::AuthDisabled => ("账号已停用", "The account is disabled"),
            C::AuthPasswordChangeRequired => (
                "请先修改初始密码",
                "Please change your initial password first",
            ),
            C::AuthForbidden => ("没有执行此操作的权限", "You are not allowed to do this"),
            C::AuthCsrf => (
                "请求校验失败(CSRF),请刷新页面",
                "Request check failed (CSRF); please reload the page",
            ),
            C::ValidationField => (
                "提交的内容有误,请检查标出的字段",
                "Some fields are invalid; see the marked fields",
            ),
            C::ValidationBody => {
                let detail = param(params, "detail");
                return if en {
                    format!("Malformed request: {detail}")
                } else {
                    format!("请求格式错误:{detail}")
                };
            }
            C::RequestTooLarge => ("请求内容过大", "The request is too large"),
            C::RequestMethod => ("不支持的请求方法", "Method not allowed"),
            C::RequestTimeout => ("请求超时", "The request timed out"),
            C::NotFound => (
                "记录不存在或无权访问",
                "Not found, or not in your data scope",
            ),
            C::ConflictVersion => (
                "记录已被他人修改,请刷新后重试",
                "The record was changed by someone else; reload and try again",
            ),
            C::ConflictDuplicate => {
                let field = param(params, "field");
                return if en {
                    format!("{field} is already taken")
                } else {
                    format!("{field} 已存在")
                };
            }
            C::UserSelf => (
                "不能对自己的账号执行此操作",
                "You cannot do this to your own account",
            ),
            C::UserBeyondOwn => (
                "该用户拥有超出您自身权限或数据范围的角色,不能管理",
                "The user holds a role beyond your own rights or data scope",
            ),
            C::OrgProtected => (
                "不能停用、删除或更改本机构及上级机构的类型;市场监管机构的类型和状态只能由省局更改",
                "You cannot disable, delete or re-type your own organisation or one above it; only the province changes a regulator's kind or status",
            ),
            C::OrgInUse => (
                "该组织仍有用户或下级组织,不能删除",
                "The organisation still has users or child organisations",
            ),
            C::RoleBuiltin => ("内置角色不能删除", "Built-in roles cannot be deleted"),
            C::RoleInUse => ("该角色仍有用户,不能删除", "The role is still held by users"),
            C::RoleBeyondOwn => (
                "不能修改超出自身权限的角色",
                "You cannot edit a role beyond your own rights",
            ),
            C::DictBuiltin => (
                "内置字典不能删除,可停用",
                "Built-in dictionaries cannot be deleted; disable them instead",
            ),
            C::PlanNotDraft => (
                "计划已发布,结构不能再修改",
                "The plan is published; its structure can no longer change",
            ),
            C::PlanNotPublished => ("计划尚未发布", "The plan is not published"),
            C::PlanClosed => (
                "计划已关闭,不能再报送或修改",
                "The plan is closed; no more reports or changes",
            ),
            C::PlanEmpty => (
                "计划中还没有任务,不能发布",
                "The plan has no task to publish",
            ),
            C::PlanReportPending => (
                "上一次报送尚待审核,审核后才能再次报送",
                "The previous report awaits review",
            ),
            C::PlanNotPending => ("该报送已审核过", "This report has already been reviewed"),
            C::PlanOwnReport => (
                "不能审核本人或本机构报送的进展",
                "You cannot review a report filed by yourself or your own organisation",
            ),
            C::QualityInUse => (
                "该指标已被指标体系或数据使用,不能删除或改代码,可停用",
                "The indicator is used by frameworks or values; disable it instead",
            ),
            C::QualityNotDraft => (
                "指标体系已发布,不能修改;请新建版本",
                "The framework is published and cannot change; create a new revision",
            ),
            C::RequestRateLimited => (
                "提交过于频繁,请稍后再试",
                "Too many submissions from this address; try again later",
            ),
            C::QualityRoundClosed => ("采集轮次已关闭", "The collection round is closed"),
            C::QualitySubmissionState => (
                "填报当前状态不允许此操作",
                "The submission's state does not allow this",
            ),
            C::QualityLocked => (
                "该数据所属填报已审核通过,须先退回重开才能修改",
                "The value belongs to an approved submission; reopen it first",
            ),
            C::RecallWrongStage => (
                "当前阶段不能进行此操作",
                "This step is not possible at the record's current stage",
            ),
            C::RecallExpertConflict => (
                "所选专家已申报与该生产者或品牌存在利益冲突,不能指派",
                "An expert chosen declared a conflict of interest with this producer or brand",
            ),
            C::RecallNotAssigned => (
                "您不是该事项指派的专家",
                "You are not an expert assigned to this case",
            ),
            C::RecallNoOpinion => (
                "尚无专家提交意见,不能作出结论",
                "No expert has given an opinion yet",
            ),
            C::RecallNotEffective => (
                "召回效果评估未认定有效,不能结束",
                "The recall has not been found effective; it cannot be closed",
            ),
            C::RecallOwnReview => (
                "不能审核本人起草的警示",
                "You cannot review a warning you drafted",
            ),
            C::CarClosed => (
                "该三包争议已办结,不能再修改",
                "The dispute is closed and cannot change",
            ),
            C::ServiceWrongState => (
                "当前状态下不能进行此操作",
                "This cannot be done in the record's current state",
            ),
            C::ServiceNotComputed => (
                "本轮调查尚未计算结果",
                "The round's results have not been computed yet",
            ),
            C::ServiceTokenUsed => (
                "该问卷链接已经提交过,每个链接只能填写一次",
                "This survey link has already been answered; each link can be used once",
            ),
            C::ServiceOwnTask => (
                "不能审核本单位的整改任务",
                "You cannot review a task of your own organisation",
            ),
            C::ProgrammeWrongState => (
                "当前状态下不能进行此操作",
                "This cannot be done in the record's current state",
            ),
            C::ProgrammeDuplicate => (
                "本单位已申报该批次,不能重复申报",
                "Your organisation has already applied to this round",
            ),
            C::ProgrammeClosed => (
                "不在申报时间内",
                "The round is not accepting applications now",
            ),
            C::ProgrammeConflict => (
                "该专家与申报单位存在利益冲突,不能指派",
                "The expert has a conflict of interest with the applicant and cannot be assigned",
            ),
            C::ProgrammeIncomplete => (
                "评审尚未完成,还有评分未录入",
                "The review stage is not complete: scores are missing",
            ),
            C::ProgrammeQuota => ("超过本批次的名额", "More than the round's quota"),
            C::ProgrammeNoticeRunning => (
                "公示期尚未结束",
                "The public notice period has not ended yet",
            ),
            C::ProgrammeObjectionsOpen => (
                "还有未处理的异议",
                "Objections are still waiting to be handled",
            ),
            C::ProgrammeWrongApplicant => (
                "本单位类型不能申报该项目",
                "Your organisation's kind cannot apply to this programme",
            ),
            C::ProgrammeNotAssigned => (
                "您不是该申报的评审专家",
                "You are not on this application's review panel",
            ),
            C::AssessmentWrongState => (
                "当前状态下不能进行此操作",
                "This cannot be done in the record's current state",
            ),
            C::AssessmentDuplicate => (
                "该年度的考核已经存在",
                "An assessment of this year already exists",
            ),
            C::AssessmentPointsTotal => (
                "指标体系的分值合计必须为 100 分",
                "The indicators' points must add up to 100",
            ),
            C::AssessmentDeadlinePassed => (
                "自评已过截止日期",
                "The self-evaluation deadline has passed",
            ),
            C::AssessmentIncomplete => (
                "还有指标未填报或未评分",
                "Some indicators are not yet claimed or scored",
            ),
            C::AssessmentNotYourIndicator => (
                "该指标不由本处室评分",
                "Your department does not score this indicator",
            ),
            C::AssessmentNotPublished => (
                "考核结果尚未发布",
                "The results have not been published yet",
            ),
            C::FileTypeNotAllowed => (
                "不支持的文件类型:仅接受 PDF、图片(PNG/JPEG)、Office 文档、ZIP 和纯文本",
                "File type not accepted: PDF, PNG/JPEG images, Office documents, ZIP and plain text only",
            ),
            C::FileQuota => (
                "24 小时内上传的文件已达上限,请稍后再试",
                "You have reached your upload quota for 24 hours; try again later",
            ),
            C::ImportFile => (
                "请上传 .xlsx 格式的 Excel 文件",
                "Please upload an Excel .xlsx file",
            ),
            C::ImportTooLarge => {
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
                return if en {
                    format!("The Excel file is too large: at most {max} {what_en}")
                } else {
                    format!("Excel 文件超出限制:{what_zh}不能超过 {max}")
                };
            }
            C::Internal => (
                "服务器内部错误,请联系管理员并提供请求编号",
                "Internal error; contact the administrator with the request id",
            ),
        };
        (if en { e } else { z }).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_has_a_unique_string_a_status_and_both_texts() {
        let mut seen = HashSet::new();
        for &code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code string {s}");
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{s}"
            );
            assert!((400..600).contains(&code.status()), "{s}");
            for text in [code.zh(&[]), code.en(&[])] {
                assert!(!text.trim().is_empty(), "{s} lacks a message");
                assert_ne!(text, s, "{s}: the message is the code");
            }
            assert_ne!(code.zh(&[]), code.en(&[]), "{s}: not translated");
        }
    }

    #[test]
    fn messages_carry_their_parameters() {
        let until = [("until", "2026-12-06T02:00:00+00:00".to_owned())];
        for code in [ErrorCode::AuthLocked, ErrorCode::AuthTooManyAttempts] {
            assert!(code.zh(&until).contains("2026-12-06T02:00:00+00:00"));
            assert!(code.en(&until).contains("2026-12-06T02:00:00+00:00"));
        }
        let field = [("field", "username".to_owned())];
        assert_eq!(
            ErrorCode::ConflictDuplicate.en(&field),
            "username is already taken"
        );
        let limit = [("limit", "rows".to_owned()), ("max", "5000".to_owned())];
        assert_eq!(
            ErrorCode::ImportTooLarge.en(&limit),
            "The Excel file is too large: at most 5000 data rows"
        );
        assert!(
            ErrorCode::ImportTooLarge
                .zh(&limit)
                .contains("数据行数不能超过 5000")
        );
        assert!(
            ErrorCode::ValidationBody
                .en(&[("detail", "EOF".to_owned())])
                .ends_with("EOF")
        );
    }

    #[test]
    fn statuses_of_the_codes_that_are_not_conflicts() {
        assert_eq!(ErrorCode::FileQuota.status(), 429);
        assert_eq!(ErrorCode::ImportFile.status(), 415);
        assert_eq!(ErrorCode::FileTypeNotAllowed.status(), 415);
        assert_eq!(ErrorCode::UserSelf.status(), 409);
        assert_eq!(ErrorCode::AuthLocked.status(), 423);
    }
}
