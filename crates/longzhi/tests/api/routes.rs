//! The route table: every operation of the served OpenAPI document has one entry here saying who
//! may call it and which kind of record its path names. From it, on one server:
//!
//! - anonymous → 401 on every route but the public ones;
//! - a user whose role holds no permission → 403 on every route that needs one, and neither 401
//!   nor 403 on the routes open to any signed-in user;
//! - a user of another city (`tianshui` against 兰州's records, `lanzhou` against 天水's) → 404
//!   on every record of that city named in the path, even when holding every permission.
//!
//! A route served but missing here, or listed here but no longer served, fails the test: a new
//! route cannot reach CI without its entry.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::{Value, json};

use longzhi_assessment::entity::{
    evaluation as assessment_evaluation, finding as assessment_finding,
    remediation as assessment_remediation,
};
use longzhi_car::entity::{dispute, repair as car_repair};
use longzhi_injury::entity::{case as injury_case, point as injury_point, report as injury_report};
use longzhi_plan::entity::{plan, plan_part, plan_point, plan_report, plan_target, plan_task};
use longzhi_programme::entity::{application as programme_application, term as programme_term};
use longzhi_quality::entity::{action, submission, value};
use longzhi_recall::entity::{assessment, investigation, recall, warning};
use longzhi_service::entity::{
    event as service_event, quota as service_quota, task as service_task,
};
use longzhi_store::entity::{file, job, notice, org, session, user, user_role};

use crate::helpers::{Client, TestApp, read};

/// Who may call a route.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// No session needed.
    Public,
    /// Any signed-in user (the route filters by the user itself, or serves reference data).
    SignedIn,
    /// A signed-in user holding this permission.
    Needs(&'static str),
    /// A data-sharing token, not a session: 401 for the anonymous and for any signed-in user.
    Token,
}

/// The kind of record a route's path parameter names, for the out-of-scope check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// No path parameter.
    None,
    /// A global record (roles, dictionaries, parameters, regions): no data scope applies.
    Global,
    User,
    Org,
    Session,
    Notice,
    File,
    Plan,
    Part,
    Point,
    Task,
    Target,
    Report,
    Job,
    Submission,
    QualityValue,
    Action,
    InjuryPoint,
    InjuryCase,
    InjuryReport,
    Investigation,
    Assessment,
    Recall,
    Warning,
    Dispute,
    CarRepair,
    ServiceQuota,
    ServiceTask,
    ServiceEvent,
    ProgrammeApplication,
    ProgrammeTerm,
    AssessmentEvaluation,
    AssessmentRemediation,
    AssessmentFinding,
}

use Access::{Needs, Public, SignedIn, Token};

/// One entry per operation: method, path (as in the document, without `/api/v1`), who may call
/// it, what its path names.
const ROUTES: &[(&str, &str, Access, Key)] = &[
    // auth
    ("POST", "/auth/login", Public, Key::None),
    ("POST", "/auth/logout", SignedIn, Key::None),
    ("GET", "/auth/me", SignedIn, Key::None),
    ("POST", "/auth/password", SignedIn, Key::None),
    ("GET", "/auth/sessions", SignedIn, Key::None),
    ("DELETE", "/auth/sessions/{id}", SignedIn, Key::Session),
    // dashboard, notices, files, reference data
    ("GET", "/dashboard/regions", SignedIn, Key::None),
    ("GET", "/dicts/{type}", SignedIn, Key::Global),
    ("GET", "/notices", SignedIn, Key::None),
    ("GET", "/notices/unread-count", SignedIn, Key::None),
    ("POST", "/notices/read-all", SignedIn, Key::None),
    ("POST", "/notices/{id}/read", SignedIn, Key::Notice),
    ("POST", "/files", Needs("file:attachment:upload"), Key::None),
    ("GET", "/files/{id}", SignedIn, Key::File),
    ("GET", "/system/regions", SignedIn, Key::None),
    ("GET", "/system/regions/tree", SignedIn, Key::None),
    (
        "PUT",
        "/system/regions/{id}",
        Needs("system:region:update"),
        Key::Global,
    ),
    // plans
    ("GET", "/plans", Needs("plan:plan:list"), Key::None),
    ("POST", "/plans", Needs("plan:plan:create"), Key::None),
    (
        "POST",
        "/plans/import/preview",
        Needs("plan:plan:create"),
        Key::None,
    ),
    ("GET", "/plans/{id}", Needs("plan:plan:view"), Key::Plan),
    ("PUT", "/plans/{id}", Needs("plan:plan:update"), Key::Plan),
    (
        "DELETE",
        "/plans/{id}",
        Needs("plan:plan:delete"),
        Key::Plan,
    ),
    (
        "POST",
        "/plans/{id}/publish",
        Needs("plan:plan:publish"),
        Key::Plan,
    ),
    (
        "POST",
        "/plans/{id}/close",
        Needs("plan:plan:close"),
        Key::Plan,
    ),
    (
        "GET",
        "/plans/{id}/matrix",
        Needs("plan:matrix:list"),
        Key::Plan,
    ),
    (
        "GET",
        "/plans/{id}/matrix/export",
        Needs("plan:matrix:export"),
        Key::Plan,
    ),
    (
        "POST",
        "/plans/{id}/parts",
        Needs("plan:plan:update"),
        Key::Plan,
    ),
    (
        "PUT",
        "/plans/parts/{id}",
        Needs("plan:plan:update"),
        Key::Part,
    ),
    (
        "DELETE",
        "/plans/parts/{id}",
        Needs("plan:plan:update"),
        Key::Part,
    ),
    (
        "POST",
        "/plans/parts/{id}/points",
        Needs("plan:plan:update"),
        Key::Part,
    ),
    (
        "PUT",
        "/plans/points/{id}",
        Needs("plan:plan:update"),
        Key::Point,
    ),
    (
        "DELETE",
        "/plans/points/{id}",
        Needs("plan:plan:update"),
        Key::Point,
    ),
    (
        "POST",
        "/plans/points/{id}/tasks",
        Needs("plan:plan:update"),
        Key::Point,
    ),
    (
        "PUT",
        "/plans/tasks/{id}",
        Needs("plan:plan:update"),
        Key::Task,
    ),
    (
        "DELETE",
        "/plans/tasks/{id}",
        Needs("plan:plan:update"),
        Key::Task,
    ),
    ("GET", "/plans/targets", Needs("plan:task:list"), Key::None),
    (
        "GET",
        "/plans/targets/export",
        Needs("plan:task:export"),
        Key::None,
    ),
    (
        "GET",
        "/plans/targets/{id}",
        Needs("plan:task:view"),
        Key::Target,
    ),
    (
        "POST",
        "/plans/targets/{id}/reports",
        Needs("plan:task:report"),
        Key::Target,
    ),
    (
        "POST",
        "/plans/reports/{id}/review",
        Needs("plan:task:review"),
        Key::Report,
    ),
    // system: logs
    (
        "GET",
        "/system/audit-logs",
        Needs("system:audit:list"),
        Key::None,
    ),
    (
        "GET",
        "/system/audit-logs/export",
        Needs("system:audit:export"),
        Key::None,
    ),
    (
        "GET",
        "/system/login-logs",
        Needs("system:login-log:list"),
        Key::None,
    ),
    (
        "GET",
        "/system/login-logs/export",
        Needs("system:login-log:export"),
        Key::None,
    ),
    // system: dictionaries, parameters
    ("GET", "/system/dicts", Needs("system:dict:list"), Key::None),
    (
        "POST",
        "/system/dicts",
        Needs("system:dict:create"),
        Key::None,
    ),
    (
        "PUT",
        "/system/dicts/{id}",
        Needs("system:dict:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/system/dicts/{id}",
        Needs("system:dict:delete"),
        Key::Global,
    ),
    (
        "GET",
        "/system/dicts/{type}/items",
        Needs("system:dict:list"),
        Key::Global,
    ),
    (
        "POST",
        "/system/dicts/{type}/items",
        Needs("system:dict:create"),
        Key::Global,
    ),
    (
        "PUT",
        "/system/dict-items/{id}",
        Needs("system:dict:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/system/dict-items/{id}",
        Needs("system:dict:delete"),
        Key::Global,
    ),
    (
        "GET",
        "/system/params",
        Needs("system:param:list"),
        Key::None,
    ),
    (
        "PUT",
        "/system/params/{key}",
        Needs("system:param:update"),
        Key::Global,
    ),
    // quality monitoring
    ("GET", "/jobs/{id}", SignedIn, Key::Job),
    (
        "GET",
        "/quality/indicators",
        Needs("quality:indicator:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/indicators",
        Needs("quality:indicator:create"),
        Key::None,
    ),
    (
        "GET",
        "/quality/indicators/export",
        Needs("quality:indicator:export"),
        Key::None,
    ),
    (
        "GET",
        "/quality/indicators/import-template",
        Needs("quality:indicator:import"),
        Key::None,
    ),
    (
        "POST",
        "/quality/indicators/import",
        Needs("quality:indicator:import"),
        Key::None,
    ),
    (
        "GET",
        "/quality/indicators/{id}",
        Needs("quality:indicator:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/quality/indicators/{id}",
        Needs("quality:indicator:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/quality/indicators/{id}",
        Needs("quality:indicator:delete"),
        Key::Global,
    ),
    (
        "GET",
        "/quality/frameworks",
        Needs("quality:framework:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/frameworks",
        Needs("quality:framework:create"),
        Key::None,
    ),
    (
        "GET",
        "/quality/frameworks/{id}",
        Needs("quality:framework:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/quality/frameworks/{id}",
        Needs("quality:framework:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/quality/frameworks/{id}",
        Needs("quality:framework:delete"),
        Key::Global,
    ),
    (
        "POST",
        "/quality/frameworks/{id}/publish",
        Needs("quality:framework:publish"),
        Key::Global,
    ),
    (
        "POST",
        "/quality/frameworks/{id}/retire",
        Needs("quality:framework:publish"),
        Key::Global,
    ),
    (
        "POST",
        "/quality/frameworks/{id}/revisions",
        Needs("quality:framework:create"),
        Key::Global,
    ),
    (
        "GET",
        "/quality/frameworks/{id}/toml",
        Needs("quality:framework:view"),
        Key::Global,
    ),
    (
        "GET",
        "/quality/rounds",
        Needs("quality:round:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/rounds",
        Needs("quality:round:create"),
        Key::None,
    ),
    (
        "GET",
        "/quality/rounds/{id}",
        Needs("quality:round:view"),
        Key::Global,
    ),
    (
        "POST",
        "/quality/rounds/{id}/close",
        Needs("quality:round:close"),
        Key::Global,
    ),
    (
        "GET",
        "/quality/submissions/{id}",
        Needs("quality:submission:view"),
        Key::Submission,
    ),
    (
        "PUT",
        "/quality/submissions/{id}",
        Needs("quality:submission:fill"),
        Key::Submission,
    ),
    (
        "GET",
        "/quality/submissions/{id}/template",
        Needs("quality:submission:fill"),
        Key::Submission,
    ),
    (
        "POST",
        "/quality/submissions/{id}/import",
        Needs("quality:submission:fill"),
        Key::Submission,
    ),
    (
        "POST",
        "/quality/submissions/{id}/submit",
        Needs("quality:submission:submit"),
        Key::Submission,
    ),
    (
        "POST",
        "/quality/submissions/{id}/review",
        Needs("quality:submission:review"),
        Key::Submission,
    ),
    (
        "POST",
        "/quality/submissions/{id}/reopen",
        Needs("quality:submission:review"),
        Key::Submission,
    ),
    (
        "GET",
        "/quality/values",
        Needs("quality:value:list"),
        Key::None,
    ),
    (
        "GET",
        "/quality/values/export",
        Needs("quality:value:export"),
        Key::None,
    ),
    (
        "GET",
        "/quality/values/{id}/history",
        Needs("quality:value:list"),
        Key::QualityValue,
    ),
    ("POST", "/quality/values/push", Token, Key::None),
    (
        "GET",
        "/quality/tokens",
        Needs("quality:token:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/tokens",
        Needs("quality:token:create"),
        Key::None,
    ),
    (
        "POST",
        "/quality/tokens/{id}/revoke",
        Needs("quality:token:revoke"),
        Key::Global,
    ),
    (
        "GET",
        "/quality/analysis",
        Needs("quality:analysis:view"),
        Key::None,
    ),
    (
        "GET",
        "/quality/analysis/trend",
        Needs("quality:analysis:view"),
        Key::None,
    ),
    (
        "GET",
        "/quality/analysis/data.csv",
        Needs("quality:analysis:export"),
        Key::None,
    ),
    (
        "POST",
        "/quality/analysis/sensitivity",
        Needs("quality:analysis:sensitivity"),
        Key::None,
    ),
    (
        "GET",
        "/quality/reports",
        Needs("quality:report:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/reports",
        Needs("quality:report:create"),
        Key::None,
    ),
    (
        "GET",
        "/quality/reports/annex",
        Needs("quality:analysis:export"),
        Key::None,
    ),
    (
        "GET",
        "/quality/actions",
        Needs("quality:action:list"),
        Key::None,
    ),
    (
        "POST",
        "/quality/actions",
        Needs("quality:action:create"),
        Key::None,
    ),
    (
        "GET",
        "/quality/actions/{id}",
        Needs("quality:action:view"),
        Key::Action,
    ),
    (
        "PUT",
        "/quality/actions/{id}",
        Needs("quality:action:update"),
        Key::Action,
    ),
    (
        "POST",
        "/quality/actions/{id}/reports",
        Needs("quality:action:report"),
        Key::Action,
    ),
    // injury monitoring
    (
        "GET",
        "/injury/points",
        Needs("injury:point:list"),
        Key::None,
    ),
    (
        "POST",
        "/injury/points",
        Needs("injury:point:create"),
        Key::None,
    ),
    (
        "GET",
        "/injury/points/{id}",
        Needs("injury:point:view"),
        Key::InjuryPoint,
    ),
    (
        "PUT",
        "/injury/points/{id}",
        Needs("injury:point:update"),
        Key::InjuryPoint,
    ),
    (
        "PUT",
        "/injury/points/{id}/periods",
        Needs("injury:point:update"),
        Key::InjuryPoint,
    ),
    ("GET", "/injury/cases", Needs("injury:case:list"), Key::None),
    (
        "POST",
        "/injury/cases",
        Needs("injury:case:create"),
        Key::None,
    ),
    (
        "GET",
        "/injury/cases/export",
        Needs("injury:case:export"),
        Key::None,
    ),
    (
        "GET",
        "/injury/cases/import-template",
        Needs("injury:case:import"),
        Key::None,
    ),
    (
        "POST",
        "/injury/cases/import",
        Needs("injury:case:import"),
        Key::None,
    ),
    (
        "POST",
        "/injury/cases/bulk",
        Needs("injury:case:create"),
        Key::None,
    ),
    (
        "GET",
        "/injury/cases/{id}",
        Needs("injury:case:view"),
        Key::InjuryCase,
    ),
    (
        "PUT",
        "/injury/cases/{id}",
        Needs("injury:case:update"),
        Key::InjuryCase,
    ),
    (
        "DELETE",
        "/injury/cases/{id}",
        Needs("injury:case:delete"),
        Key::InjuryCase,
    ),
    (
        "POST",
        "/injury/cases/{id}/report",
        Needs("injury:report:create"),
        Key::InjuryCase,
    ),
    (
        "GET",
        "/injury/estimates",
        Needs("injury:estimate:view"),
        Key::None,
    ),
    (
        "GET",
        "/injury/estimates/data.csv",
        Needs("injury:estimate:export"),
        Key::None,
    ),
    (
        "GET",
        "/injury/reports",
        Needs("injury:report:list"),
        Key::None,
    ),
    (
        "POST",
        "/injury/reports",
        Needs("injury:report:create"),
        Key::None,
    ),
    (
        "GET",
        "/injury/reports/export",
        Needs("injury:report:export"),
        Key::None,
    ),
    (
        "GET",
        "/injury/reports/import-template",
        Needs("injury:report:import"),
        Key::None,
    ),
    (
        "POST",
        "/injury/reports/import",
        Needs("injury:report:import"),
        Key::None,
    ),
    (
        "GET",
        "/injury/reports/{id}",
        Needs("injury:report:view"),
        Key::InjuryReport,
    ),
    (
        "PUT",
        "/injury/reports/{id}",
        Needs("injury:report:update"),
        Key::InjuryReport,
    ),
    (
        "GET",
        "/injury/signals",
        Needs("injury:signal:list"),
        Key::None,
    ),
    (
        "GET",
        "/injury/signals/reports.csv",
        Needs("injury:signal:export"),
        Key::None,
    ),
    (
        "GET",
        "/injury/signal-rules",
        Needs("injury:signal:list"),
        Key::None,
    ),
    (
        "POST",
        "/injury/signal-rules",
        Needs("injury:signal:rule"),
        Key::None,
    ),
    (
        "PUT",
        "/injury/signal-rules/{id}",
        Needs("injury:signal:rule"),
        Key::Global,
    ),
    (
        "DELETE",
        "/injury/signal-rules/{id}",
        Needs("injury:signal:rule"),
        Key::Global,
    ),
    (
        "GET",
        "/injury/register",
        Needs("injury:signal:list"),
        Key::None,
    ),
    (
        "PUT",
        "/injury/register/{id}",
        Needs("injury:signal:update"),
        Key::Global,
    ),
    ("GET", "/public/defect-reports/form", Public, Key::None),
    ("POST", "/public/defect-reports", Public, Key::None),
    // recalls
    (
        "POST",
        "/risk/evaluate",
        Needs("recall:risk:evaluate"),
        Key::None,
    ),
    (
        "GET",
        "/recall/assessments",
        Needs("recall:assessment:list"),
        Key::None,
    ),
    (
        "POST",
        "/recall/assessments",
        Needs("recall:assessment:create"),
        Key::None,
    ),
    (
        "GET",
        "/recall/assessments/{id}",
        Needs("recall:assessment:view"),
        Key::Assessment,
    ),
    (
        "GET",
        "/recall/investigations",
        Needs("recall:investigation:list"),
        Key::None,
    ),
    (
        "POST",
        "/recall/investigations",
        Needs("recall:investigation:create"),
        Key::None,
    ),
    (
        "GET",
        "/recall/investigations/{id}",
        Needs("recall:investigation:view"),
        Key::Investigation,
    ),
    (
        "GET",
        "/recall/investigations/{id}/assignable",
        Needs("recall:investigation:assign"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/notify",
        Needs("recall:investigation:notify"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/analysis",
        Needs("recall:investigation:analysis"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/experts",
        Needs("recall:investigation:assign"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/opinion",
        Needs("recall:investigation:opinion"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/conclude",
        Needs("recall:investigation:conclude"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/order",
        Needs("recall:investigation:order"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/close",
        Needs("recall:investigation:close"),
        Key::Investigation,
    ),
    (
        "POST",
        "/recall/investigations/{id}/talks",
        Needs("recall:investigation:talk"),
        Key::Investigation,
    ),
    (
        "GET",
        "/recall/experts",
        Needs("recall:expert:list"),
        Key::None,
    ),
    (
        "POST",
        "/recall/experts",
        Needs("recall:expert:create"),
        Key::None,
    ),
    (
        "GET",
        "/recall/experts/import-template",
        Needs("recall:expert:import"),
        Key::None,
    ),
    (
        "POST",
        "/recall/experts/import",
        Needs("recall:expert:import"),
        Key::None,
    ),
    (
        "GET",
        "/recall/experts/{id}",
        Needs("recall:expert:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/recall/experts/{id}",
        Needs("recall:expert:update"),
        Key::Global,
    ),
    (
        "GET",
        "/recall/recalls",
        Needs("recall:recall:list"),
        Key::None,
    ),
    (
        "POST",
        "/recall/recalls",
        Needs("recall:recall:create"),
        Key::None,
    ),
    (
        "GET",
        "/recall/recalls/export",
        Needs("recall:recall:export"),
        Key::None,
    ),
    (
        "GET",
        "/recall/recalls/{id}",
        Needs("recall:recall:view"),
        Key::Recall,
    ),
    (
        "PUT",
        "/recall/recalls/{id}",
        Needs("recall:recall:update"),
        Key::Recall,
    ),
    (
        "POST",
        "/recall/recalls/{id}/publish",
        Needs("recall:recall:publish"),
        Key::Recall,
    ),
    (
        "POST",
        "/recall/recalls/{id}/progress",
        Needs("recall:recall:progress"),
        Key::Recall,
    ),
    (
        "POST",
        "/recall/recalls/{id}/effectiveness",
        Needs("recall:recall:review"),
        Key::Recall,
    ),
    (
        "POST",
        "/recall/recalls/{id}/summary",
        Needs("recall:recall:progress"),
        Key::Recall,
    ),
    (
        "POST",
        "/recall/recalls/{id}/close",
        Needs("recall:recall:close"),
        Key::Recall,
    ),
    (
        "GET",
        "/recall/warnings",
        Needs("recall:warning:list"),
        Key::None,
    ),
    (
        "POST",
        "/recall/warnings",
        Needs("recall:warning:create"),
        Key::None,
    ),
    (
        "GET",
        "/recall/warnings/{id}",
        Needs("recall:warning:view"),
        Key::Warning,
    ),
    (
        "PUT",
        "/recall/warnings/{id}",
        Needs("recall:warning:update"),
        Key::Warning,
    ),
    (
        "POST",
        "/recall/warnings/{id}/submit",
        Needs("recall:warning:update"),
        Key::Warning,
    ),
    (
        "POST",
        "/recall/warnings/{id}/review",
        Needs("recall:warning:review"),
        Key::Warning,
    ),
    (
        "POST",
        "/recall/warnings/{id}/publish",
        Needs("recall:warning:publish"),
        Key::Warning,
    ),
    ("GET", "/public/recalls", Public, Key::None),
    ("GET", "/public/recalls/{code}", Public, Key::Global),
    ("GET", "/public/warnings", Public, Key::None),
    ("GET", "/public/warnings/{id}", Public, Key::Global),
    // car 三包
    ("POST", "/public/sanbao/check", Public, Key::None),
    ("POST", "/public/sanbao/report", Public, Key::None),
    ("GET", "/public/sanbao/models", Public, Key::None),
    ("GET", "/public/sanbao/deadlines", Public, Key::None),
    ("GET", "/car/disputes", Needs("car:dispute:list"), Key::None),
    (
        "POST",
        "/car/disputes",
        Needs("car:dispute:create"),
        Key::None,
    ),
    (
        "GET",
        "/car/disputes/export",
        Needs("car:dispute:export"),
        Key::None,
    ),
    (
        "GET",
        "/car/disputes/{id}",
        Needs("car:dispute:view"),
        Key::Dispute,
    ),
    (
        "PUT",
        "/car/disputes/{id}",
        Needs("car:dispute:update"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/repairs",
        Needs("car:dispute:update"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/repairs/import",
        Needs("car:dispute:import"),
        Key::Dispute,
    ),
    (
        "PUT",
        "/car/repairs/{id}",
        Needs("car:dispute:update"),
        Key::CarRepair,
    ),
    (
        "DELETE",
        "/car/repairs/{id}",
        Needs("car:dispute:update"),
        Key::CarRepair,
    ),
    (
        "GET",
        "/car/repairs/import-template",
        Needs("car:dispute:import"),
        Key::None,
    ),
    (
        "GET",
        "/car/disputes/{id}/assignable",
        Needs("car:dispute:assign"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/answer",
        Needs("car:dispute:answer"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/mediations",
        Needs("car:dispute:mediate"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/experts",
        Needs("car:dispute:assign"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/opinion",
        Needs("car:dispute:opinion"),
        Key::Dispute,
    ),
    (
        "POST",
        "/car/disputes/{id}/close",
        Needs("car:dispute:close"),
        Key::Dispute,
    ),
    ("GET", "/car/makers", Needs("car:maker:list"), Key::None),
    ("POST", "/car/makers", Needs("car:maker:create"), Key::None),
    (
        "GET",
        "/car/makers/{id}",
        Needs("car:maker:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/car/makers/{id}",
        Needs("car:maker:update"),
        Key::Global,
    ),
    ("GET", "/car/models", Needs("car:maker:list"), Key::None),
    ("POST", "/car/models", Needs("car:maker:create"), Key::None),
    (
        "PUT",
        "/car/models/{id}",
        Needs("car:maker:update"),
        Key::Global,
    ),
    ("GET", "/car/dealers", Needs("car:maker:list"), Key::None),
    ("POST", "/car/dealers", Needs("car:maker:create"), Key::None),
    (
        "PUT",
        "/car/dealers/{id}",
        Needs("car:maker:update"),
        Key::Global,
    ),
    (
        "GET",
        "/car/holidays",
        Needs("car:calendar:list"),
        Key::None,
    ),
    (
        "POST",
        "/car/holidays",
        Needs("car:calendar:create"),
        Key::None,
    ),
    (
        "DELETE",
        "/car/holidays/{id}",
        Needs("car:calendar:delete"),
        Key::Global,
    ),
    (
        "GET",
        "/car/analysis",
        Needs("car:analysis:view"),
        Key::None,
    ),
    ("GET", "/car/injuries", Needs("car:injury:list"), Key::None),
    (
        "POST",
        "/car/injuries/{id}/vehicle",
        Needs("car:injury:link"),
        Key::InjuryCase,
    ),
    // system: organisations
    ("GET", "/system/orgs", Needs("system:org:list"), Key::None),
    (
        "POST",
        "/system/orgs",
        Needs("system:org:create"),
        Key::None,
    ),
    (
        "GET",
        "/system/orgs/tree",
        Needs("system:org:list"),
        Key::None,
    ),
    (
        "GET",
        "/system/orgs/export",
        Needs("system:org:export"),
        Key::None,
    ),
    (
        "GET",
        "/system/orgs/import-template",
        Needs("system:org:import"),
        Key::None,
    ),
    (
        "POST",
        "/system/orgs/import",
        Needs("system:org:import"),
        Key::None,
    ),
    (
        "GET",
        "/system/orgs/{id}",
        Needs("system:org:view"),
        Key::Org,
    ),
    (
        "PUT",
        "/system/orgs/{id}",
        Needs("system:org:update"),
        Key::Org,
    ),
    (
        "DELETE",
        "/system/orgs/{id}",
        Needs("system:org:delete"),
        Key::Org,
    ),
    // system: roles
    ("GET", "/system/roles", Needs("system:role:list"), Key::None),
    (
        "POST",
        "/system/roles",
        Needs("system:role:create"),
        Key::None,
    ),
    (
        "GET",
        "/system/roles/{id}",
        Needs("system:role:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/system/roles/{id}",
        Needs("system:role:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/system/roles/{id}",
        Needs("system:role:delete"),
        Key::Global,
    ),
    (
        "GET",
        "/system/permissions",
        Needs("system:role:list"),
        Key::None,
    ),
    // system: sessions
    (
        "GET",
        "/system/sessions",
        Needs("system:session:list"),
        Key::None,
    ),
    (
        "DELETE",
        "/system/sessions/{id}",
        Needs("system:session:force-logout"),
        Key::Session,
    ),
    // system: users
    ("GET", "/system/users", Needs("system:user:list"), Key::None),
    (
        "POST",
        "/system/users",
        Needs("system:user:create"),
        Key::None,
    ),
    (
        "GET",
        "/system/users/assignable-roles",
        Needs("system:user:list"),
        Key::None,
    ),
    (
        "GET",
        "/system/users/export",
        Needs("system:user:export"),
        Key::None,
    ),
    (
        "GET",
        "/system/users/import-template",
        Needs("system:user:import"),
        Key::None,
    ),
    (
        "POST",
        "/system/users/import",
        Needs("system:user:import"),
        Key::None,
    ),
    (
        "GET",
        "/system/users/{id}",
        Needs("system:user:view"),
        Key::User,
    ),
    (
        "PUT",
        "/system/users/{id}",
        Needs("system:user:update"),
        Key::User,
    ),
    (
        "DELETE",
        "/system/users/{id}",
        Needs("system:user:delete"),
        Key::User,
    ),
    (
        "POST",
        "/system/users/{id}/reset-password",
        Needs("system:user:reset"),
        Key::User,
    ),
    (
        "PUT",
        "/system/users/{id}/status",
        Needs("system:user:update"),
        Key::User,
    ),
    (
        "GET",
        "/service/services",
        Needs("service:survey:list"),
        Key::None,
    ),
    (
        "GET",
        "/service/surveys",
        Needs("service:survey:list"),
        Key::None,
    ),
    (
        "POST",
        "/service/surveys",
        Needs("service:survey:create"),
        Key::None,
    ),
    (
        "GET",
        "/service/surveys/{id}",
        Needs("service:survey:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/service/surveys/{id}",
        Needs("service:survey:update"),
        Key::Global,
    ),
    (
        "POST",
        "/service/surveys/{id}/activate",
        Needs("service:survey:update"),
        Key::Global,
    ),
    (
        "POST",
        "/service/surveys/{id}/revise",
        Needs("service:survey:create"),
        Key::Global,
    ),
    (
        "GET",
        "/service/surveys/{id}/model.toml",
        Needs("service:survey:view"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds",
        Needs("service:round:list"),
        Key::None,
    ),
    (
        "POST",
        "/service/rounds",
        Needs("service:round:create"),
        Key::None,
    ),
    (
        "GET",
        "/service/rounds/{id}",
        Needs("service:round:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/service/rounds/{id}",
        Needs("service:round:update"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/open",
        Needs("service:round:update"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/close",
        Needs("service:round:update"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/publish",
        Needs("service:round:publish"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/compute",
        Needs("service:round:compute"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/notice.pdf",
        Needs("service:result:view"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/quotas",
        Needs("service:quota:list"),
        Key::Global,
    ),
    (
        "PUT",
        "/service/rounds/{id}/quotas",
        Needs("service:round:update"),
        Key::Global,
    ),
    (
        "GET",
        "/service/collectors",
        Needs("service:quota:update"),
        Key::None,
    ),
    (
        "PUT",
        "/service/quotas/{id}/collector",
        Needs("service:quota:update"),
        Key::ServiceQuota,
    ),
    (
        "POST",
        "/service/quotas/{id}/links",
        Needs("service:quota:update"),
        Key::ServiceQuota,
    ),
    (
        "GET",
        "/service/rounds/{id}/responses",
        Needs("service:response:list"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/responses",
        Needs("service:response:create"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/responses/import-template",
        Needs("service:response:import"),
        Key::Global,
    ),
    (
        "POST",
        "/service/rounds/{id}/responses/import",
        Needs("service:response:import"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/responses/export",
        Needs("service:response:export"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/responses/export.xlsx",
        Needs("service:response:export"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/results",
        Needs("service:result:view"),
        Key::Global,
    ),
    (
        "GET",
        "/service/rounds/{id}/results/export",
        Needs("service:result:export"),
        Key::Global,
    ),
    (
        "GET",
        "/service/tasks",
        Needs("service:task:list"),
        Key::None,
    ),
    (
        "POST",
        "/service/tasks",
        Needs("service:task:create"),
        Key::None,
    ),
    (
        "GET",
        "/service/tasks/{id}",
        Needs("service:task:view"),
        Key::ServiceTask,
    ),
    (
        "POST",
        "/service/tasks/{id}/submit",
        Needs("service:task:report"),
        Key::ServiceTask,
    ),
    (
        "POST",
        "/service/tasks/{id}/review",
        Needs("service:task:review"),
        Key::ServiceTask,
    ),
    (
        "GET",
        "/service/events",
        Needs("service:event:list"),
        Key::None,
    ),
    (
        "POST",
        "/service/events",
        Needs("service:event:create"),
        Key::None,
    ),
    (
        "GET",
        "/service/events/{id}",
        Needs("service:event:view"),
        Key::ServiceEvent,
    ),
    (
        "POST",
        "/service/events/{id}/act",
        Needs("service:event:handle"),
        Key::ServiceEvent,
    ),
    (
        "POST",
        "/service/events/{id}/resolve",
        Needs("service:event:handle"),
        Key::ServiceEvent,
    ),
    (
        "POST",
        "/service/events/{id}/assess",
        Needs("service:event:assess"),
        Key::ServiceEvent,
    ),
    ("GET", "/public/survey/{token}", Public, Key::Global),
    ("POST", "/public/survey/{token}", Public, Key::Global),
    (
        "GET",
        "/programme/templates/{kind}",
        Needs("programme:round:create"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/rounds",
        Needs("programme:round:list"),
        Key::None,
    ),
    (
        "POST",
        "/programme/rounds",
        Needs("programme:round:create"),
        Key::None,
    ),
    (
        "GET",
        "/programme/rounds/{id}",
        Needs("programme:round:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/programme/rounds/{id}",
        Needs("programme:round:update"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/open",
        Needs("programme:round:update"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/close",
        Needs("programme:round:review"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/assign",
        Needs("programme:round:review"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/lock",
        Needs("programme:round:review"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/shortlist",
        Needs("programme:round:decide"),
        Key::Global,
    ),
    (
        "POST",
        "/programme/rounds/{id}/decide",
        Needs("programme:round:decide"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/rounds/{id}/analysis",
        Needs("programme:round:review"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/rounds/{id}/scores.csv",
        Needs("programme:round:review"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/rounds/{id}/rubric.toml",
        Needs("programme:round:view"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/rounds/{id}/export",
        Needs("programme:application:export"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/applications",
        Needs("programme:application:list"),
        Key::None,
    ),
    (
        "POST",
        "/programme/applications",
        Needs("programme:application:create"),
        Key::None,
    ),
    (
        "GET",
        "/programme/applications/{id}",
        Needs("programme:application:view"),
        Key::ProgrammeApplication,
    ),
    (
        "PUT",
        "/programme/applications/{id}",
        Needs("programme:application:create"),
        Key::ProgrammeApplication,
    ),
    (
        "POST",
        "/programme/applications/{id}/submit",
        Needs("programme:application:create"),
        Key::ProgrammeApplication,
    ),
    (
        "POST",
        "/programme/applications/{id}/recommend",
        Needs("programme:application:recommend"),
        Key::ProgrammeApplication,
    ),
    (
        "POST",
        "/programme/applications/{id}/check",
        Needs("programme:application:check"),
        Key::ProgrammeApplication,
    ),
    (
        "POST",
        "/programme/applications/{id}/forward",
        Needs("programme:round:decide"),
        Key::ProgrammeApplication,
    ),
    (
        "POST",
        "/programme/applications/{id}/reviewers",
        Needs("programme:round:review"),
        Key::ProgrammeApplication,
    ),
    (
        "GET",
        "/programme/applications/{id}/candidates",
        Needs("programme:round:review"),
        Key::ProgrammeApplication,
    ),
    (
        "GET",
        "/programme/applications/{id}/scores",
        Needs("programme:score:list"),
        Key::ProgrammeApplication,
    ),
    (
        "PUT",
        "/programme/applications/{id}/scores",
        Needs("programme:score:submit"),
        Key::ProgrammeApplication,
    ),
    (
        "GET",
        "/programme/applications/{id}/certificate",
        Needs("programme:application:view"),
        Key::ProgrammeApplication,
    ),
    (
        "GET",
        "/programme/experts",
        Needs("programme:expert:list"),
        Key::None,
    ),
    (
        "POST",
        "/programme/experts",
        Needs("programme:expert:create"),
        Key::None,
    ),
    (
        "PUT",
        "/programme/experts/{id}",
        Needs("programme:expert:update"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/objections",
        Needs("programme:objection:list"),
        Key::None,
    ),
    (
        "POST",
        "/programme/objections/{id}/handle",
        Needs("programme:objection:handle"),
        Key::Global,
    ),
    (
        "GET",
        "/programme/terms",
        Needs("programme:term:list"),
        Key::None,
    ),
    (
        "POST",
        "/programme/terms/{id}/conclude",
        Needs("programme:term:conclude"),
        Key::ProgrammeTerm,
    ),
    ("GET", "/public/programme/honours", Public, Key::None),
    ("GET", "/public/programme/notices", Public, Key::None),
    ("POST", "/public/programme/objections", Public, Key::None),
    (
        "GET",
        "/public/programme/certificates/{code}",
        Public,
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years",
        Needs("assessment:year:list"),
        Key::None,
    ),
    (
        "POST",
        "/assessment/years",
        Needs("assessment:year:create"),
        Key::None,
    ),
    (
        "GET",
        "/assessment/years/{id}",
        Needs("assessment:year:view"),
        Key::Global,
    ),
    (
        "PUT",
        "/assessment/years/{id}",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/open",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/close",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/publish",
        Needs("assessment:year:publish"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/reopen",
        Needs("assessment:year:publish"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/departments",
        Needs("assessment:year:view"),
        Key::None,
    ),
    (
        "GET",
        "/assessment/years/{id}/indicators",
        Needs("assessment:year:view"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/indicators",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "PUT",
        "/assessment/indicators/{id}",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "DELETE",
        "/assessment/indicators/{id}",
        Needs("assessment:year:update"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years/{id}/indicators/template",
        Needs("assessment:year:import"),
        Key::Global,
    ),
    (
        "POST",
        "/assessment/years/{id}/indicators/import",
        Needs("assessment:year:import"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years/{id}/indicators/export",
        Needs("assessment:year:export"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/evaluations",
        Needs("assessment:evaluation:list"),
        Key::None,
    ),
    (
        "GET",
        "/assessment/evaluations/export",
        Needs("assessment:evaluation:export"),
        Key::None,
    ),
    (
        "GET",
        "/assessment/evaluations/{id}",
        Needs("assessment:evaluation:view"),
        Key::AssessmentEvaluation,
    ),
    (
        "PUT",
        "/assessment/evaluations/{id}",
        Needs("assessment:evaluation:fill"),
        Key::AssessmentEvaluation,
    ),
    (
        "POST",
        "/assessment/evaluations/{id}/submit",
        Needs("assessment:evaluation:fill"),
        Key::AssessmentEvaluation,
    ),
    (
        "POST",
        "/assessment/evaluations/{id}/veto",
        Needs("assessment:year:publish"),
        Key::AssessmentEvaluation,
    ),
    (
        "GET",
        "/assessment/years/{id}/scoring",
        Needs("assessment:score:list"),
        Key::Global,
    ),
    (
        "PUT",
        "/assessment/years/{id}/scores",
        Needs("assessment:score:submit"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years/{id}/results",
        Needs("assessment:result:view"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years/{id}/results/export",
        Needs("assessment:result:export"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/years/{id}/notification",
        Needs("assessment:result:view"),
        Key::Global,
    ),
    (
        "GET",
        "/assessment/remediations",
        Needs("assessment:remediation:list"),
        Key::None,
    ),
    (
        "GET",
        "/assessment/remediations/{id}",
        Needs("assessment:remediation:view"),
        Key::AssessmentRemediation,
    ),
    (
        "POST",
        "/assessment/remediations/{id}/report",
        Needs("assessment:remediation:report"),
        Key::AssessmentRemediation,
    ),
    (
        "POST",
        "/assessment/remediations/{id}/review",
        Needs("assessment:remediation:review"),
        Key::AssessmentRemediation,
    ),
    (
        "POST",
        "/assessment/remediations/{id}/talks",
        Needs("assessment:remediation:review"),
        Key::AssessmentRemediation,
    ),
    (
        "GET",
        "/assessment/findings",
        Needs("assessment:finding:list"),
        Key::None,
    ),
    (
        "POST",
        "/assessment/findings",
        Needs("assessment:finding:create"),
        Key::None,
    ),
    (
        "PUT",
        "/assessment/findings/{id}",
        Needs("assessment:finding:update"),
        Key::AssessmentFinding,
    ),
    (
        "POST",
        "/assessment/findings/{id}/progress",
        Needs("assessment:finding:report"),
        Key::AssessmentFinding,
    ),
    (
        "POST",
        "/assessment/findings/{id}/close",
        Needs("assessment:finding:close"),
        Key::AssessmentFinding,
    ),
];

/// Fields that make the generated body of a route valid (the generated ones are syntactically
/// valid, not necessarily valid), for the routes that check the fields before they look for
/// the record: the out-of-scope check must reach the record.
fn valid_fields(method: &str, path: &str) -> Value {
    match (method, path) {
        ("POST", "/plans/targets/{id}/reports") => json!({
            "status": "in_progress", "percent": 50, "text": "进展", "report_date": today()
        }),
        ("POST", "/plans/reports/{id}/review") => json!({"decision": "accept"}),
        ("POST", "/quality/submissions/{id}/review") => json!({"decision": "approve"}),
        ("POST", "/quality/submissions/{id}/reopen") => json!({"comment": "重开"}),
        ("POST", "/quality/actions/{id}/reports") => json!({
            "report_date": today(), "progress": 10, "text": "进展"
        }),
        ("PUT", "/quality/actions/{id}") => json!({
            "title": "行动", "kind": "industry", "industry": "装备制造业",
            "indicator_codes": ["prod_pass"], "targets": "目标",
            "start_date": today(), "end_date": today(), "version": 1
        }),
        // The visit's fields are flattened into the change: the generated body lacks them.
        ("POST", "/car/disputes/{id}/repairs") | ("PUT", "/car/repairs/{id}") => json!({
            "version": 1, "date": today(), "odometer_km": 1, "kind": "repair", "system": "body",
            "fault_id": "f", "repair_days": 1
        }),
        ("POST", "/system/users/{id}/reset-password") => json!({"password": "Another@2024x"}),
        ("PUT", "/system/users/{id}/status") => json!({"status": "disabled"}),
        ("PUT", "/system/orgs/{id}") => json!({"kind": "county_office", "status": "active"}),
        ("PUT", "/plans/{id}") => json!({
            "year": 2026, "start_date": "2026-01-01", "end_date": "2026-12-31"
        }),
        ("PUT", "/plans/tasks/{id}") | ("POST", "/plans/points/{id}/tasks") => {
            json!({"city_scope": "all", "deadline": today()})
        }
        _ => json!({}),
    }
}

/// The generated body of a route with its [`valid_fields`].
fn valid_body(doc: &Value, method: &str, path: &str) -> Option<Value> {
    let mut b = body(doc, method, path)?;
    if let (Some(b), Value::Object(fields)) = (b.as_object_mut(), valid_fields(method, path)) {
        b.extend(fields);
    }
    Some(b)
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// The operations of the served document: (METHOD, path without `/api/v1`).
async fn served(app: &TestApp) -> (Value, BTreeSet<(String, String)>) {
    let (s, doc) = read(
        app.http
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch", "head", "options"].contains(&&**method) {
                let path = path.strip_prefix("/api/v1").unwrap_or(path);
                ops.insert((method.to_uppercase(), path.to_owned()));
            }
        }
    }
    (doc, ops)
}

#[tokio::test]
async fn the_route_table_lists_every_served_route_and_no_other() {
    let app = TestApp::spawn().await;
    let (_, served) = served(&app).await;
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, ..)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(listed.len(), ROUTES.len(), "a route is listed twice");
    let missing: Vec<_> = served.difference(&listed).collect();
    let gone: Vec<_> = listed.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "served but not in tests/api/routes.rs ROUTES (add an entry): {missing:?}"
    );
    assert!(
        gone.is_empty(),
        "in ROUTES but no longer served (remove the entry): {gone:?}"
    );
    for (m, p, _, key) in ROUTES {
        assert_eq!(
            *key != Key::None,
            p.contains('{'),
            "{m} {p}: a path with a parameter needs a record kind, and only such a path"
        );
    }
    for (m, p, access, _) in ROUTES {
        if let Needs(code) = access {
            assert!(
                longzhi_domain::catalogue::is_known(code),
                "{m} {p}: {code} is not in the permission catalogue"
            );
        }
    }
}

/// Resolves a `$ref` within the document.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let ptr = r.trim_start_matches('#');
            resolve(doc, doc.pointer(ptr).unwrap_or(&Value::Null))
        }
        None => schema,
    }
}

/// A value of `schema` with only its required properties: syntactically valid, so that what the
/// route answers is about access and scope, not about the body's shape.
fn example(doc: &Value, schema: &Value) -> Value {
    let schema = resolve(doc, schema);
    for alt in ["oneOf", "anyOf", "allOf"] {
        if let Some(first) = schema[alt].as_array().and_then(|a| {
            a.iter()
                .find(|s| resolve(doc, s)["type"] != "null")
                .or(a.first())
        }) {
            return example(doc, first);
        }
    }
    if let Some(first) = schema["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    let ty = match &schema["type"] {
        Value::Array(types) => types
            .iter()
            .find(|t| *t != "null")
            .cloned()
            .unwrap_or(Value::Null),
        t => t.clone(),
    };
    match ty.as_str() {
        Some("object") => {
            let mut out = serde_json::Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap();
                out.insert(name.to_owned(), example(doc, &schema["properties"][name]));
            }
            Value::Object(out)
        }
        Some("array") => json!([]),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(false),
        Some("string") => match schema["format"].as_str() {
            Some("date") => json!(today()),
            Some("date-time") => json!(chrono::Utc::now().to_rfc3339()),
            _ => json!("x"),
        },
        _ => json!({}),
    }
}

/// The JSON body of a route (`None` for no body or a multipart one).
fn body(doc: &Value, method: &str, path: &str) -> Option<Value> {
    let op = &doc["paths"][format!("/api/v1{path}")][method.to_lowercase()];
    let schema = op["requestBody"]["content"].get("application/json")?;
    Some(example(doc, &schema["schema"]))
}

/// The path with its parameters filled in (`1` or `x`, by the parameter's type).
fn filled(doc: &Value, method: &str, path: &str) -> String {
    let op = &doc["paths"][format!("/api/v1{path}")][method.to_lowercase()];
    let mut out = path.to_owned();
    for p in op["parameters"].as_array().into_iter().flatten() {
        if p["in"] == "path" {
            let name = p["name"].as_str().unwrap();
            let v = match resolve(doc, &p["schema"])["type"].as_str() {
                Some("integer") => "1",
                _ => "x",
            };
            out = out.replace(&format!("{{{name}}}"), v);
        }
    }
    out
}

async fn call(
    app: &TestApp,
    who: Option<&Client>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let url = format!("/api/v1{path}");
    let mut req = match who {
        Some(c) => c.request(method, &url),
        None => app.http.request(method, app.url(&url)),
    };
    if let Some(b) = body {
        req = req.json(&b);
    }
    read(req.send().await.unwrap()).await
}

/// Where a city's records live: `/620000/620100/` for 兰州.
const LANZHOU: &str = "/620000/620100/";
const TIANSHUI: &str = "/620000/620500/";

/// The ids of the rows of `E` whose region path is `like`.
async fn in_region<E: EntityTrait>(
    db: &sea_orm::DatabaseConnection,
    id: E::Column,
    path: E::Column,
    like: &str,
) -> Vec<String> {
    let ids: Vec<i64> = E::find()
        .select_only()
        .column(id)
        .filter(path.like(like))
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    ids.into_iter().map(|i| i.to_string()).collect()
}

/// The ids of the records of `kind` in the region `prefix`.
async fn records(app: &TestApp, kind: Key, prefix: &str) -> Vec<String> {
    let db = &app.db;
    let like = format!("{prefix}%");
    let ids = |v: Vec<i64>| v.into_iter().map(|i| i.to_string()).collect::<Vec<_>>();
    let plans: Vec<i64> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Id)
        .filter(plan::Column::RegionPath.like(&like))
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    match kind {
        Key::None | Key::Global => vec![],
        Key::User => ids(user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Org => ids(org::Entity::find()
            .select_only()
            .column(org::Column::Id)
            .filter(org::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Session => session::Entity::find()
            .select_only()
            .column(session::Column::Id)
            .filter(session::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap(),
        Key::Notice => {
            let users: Vec<i64> = user::Entity::find()
                .select_only()
                .column(user::Column::Id)
                .filter(user::Column::RegionPath.like(&like))
                .into_tuple()
                .all(db)
                .await
                .unwrap();
            ids(notice::Entity::find()
                .select_only()
                .column(notice::Column::Id)
                .filter(notice::Column::UserId.is_in(users))
                .into_tuple()
                .all(db)
                .await
                .unwrap())
        }
        Key::File => ids(file::Entity::find()
            .select_only()
            .column(file::Column::Id)
            .filter(file::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Plan => ids(plans),
        Key::Part => ids(plan_part::Entity::find()
            .select_only()
            .column(plan_part::Column::Id)
            .filter(plan_part::Column::PlanId.is_in(plans))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Point => ids(plan_point::Entity::find()
            .select_only()
            .column(plan_point::Column::Id)
            .filter(plan_point::Column::PlanId.is_in(plans))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Task => ids(plan_task::Entity::find()
            .select_only()
            .column(plan_task::Column::Id)
            .filter(plan_task::Column::PlanId.is_in(plans))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Target => ids(plan_target::Entity::find()
            .select_only()
            .column(plan_target::Column::Id)
            .filter(plan_target::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Job => ids(job::Entity::find()
            .select_only()
            .column(job::Column::Id)
            .filter(job::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Submission => ids(submission::Entity::find()
            .select_only()
            .column(submission::Column::Id)
            .filter(submission::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::QualityValue => ids(value::Entity::find()
            .select_only()
            .column(value::Column::Id)
            .filter(value::Column::RegionPath.like(&like))
            .limit(20)
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::InjuryPoint => {
            in_region::<injury_point::Entity>(
                db,
                injury_point::Column::Id,
                injury_point::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::InjuryCase => {
            in_region::<injury_case::Entity>(
                db,
                injury_case::Column::Id,
                injury_case::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::InjuryReport => {
            in_region::<injury_report::Entity>(
                db,
                injury_report::Column::Id,
                injury_report::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::Investigation => {
            in_region::<investigation::Entity>(
                db,
                investigation::Column::Id,
                investigation::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::Assessment => {
            in_region::<assessment::Entity>(
                db,
                assessment::Column::Id,
                assessment::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::Recall => {
            in_region::<recall::Entity>(db, recall::Column::Id, recall::Column::RegionPath, &like)
                .await
        }
        Key::Dispute => {
            in_region::<dispute::Entity>(
                db,
                dispute::Column::Id,
                dispute::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::CarRepair => {
            let disputes: Vec<i64> = dispute::Entity::find()
                .select_only()
                .column(dispute::Column::Id)
                .filter(dispute::Column::RegionPath.like(&like))
                .into_tuple()
                .all(db)
                .await
                .unwrap();
            ids(car_repair::Entity::find()
                .select_only()
                .column(car_repair::Column::Id)
                .filter(car_repair::Column::DisputeId.is_in(disputes))
                .into_tuple()
                .all(db)
                .await
                .unwrap())
        }
        Key::ServiceQuota => {
            in_region::<service_quota::Entity>(
                db,
                service_quota::Column::Id,
                service_quota::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::ServiceTask => {
            in_region::<service_task::Entity>(
                db,
                service_task::Column::Id,
                service_task::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::ServiceEvent => {
            in_region::<service_event::Entity>(
                db,
                service_event::Column::Id,
                service_event::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::ProgrammeApplication => {
            in_region::<programme_application::Entity>(
                db,
                programme_application::Column::Id,
                programme_application::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::ProgrammeTerm => {
            in_region::<programme_term::Entity>(
                db,
                programme_term::Column::Id,
                programme_term::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::AssessmentEvaluation => {
            in_region::<assessment_evaluation::Entity>(
                db,
                assessment_evaluation::Column::Id,
                assessment_evaluation::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::AssessmentRemediation => {
            in_region::<assessment_remediation::Entity>(
                db,
                assessment_remediation::Column::Id,
                assessment_remediation::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::AssessmentFinding => {
            in_region::<assessment_finding::Entity>(
                db,
                assessment_finding::Column::Id,
                assessment_finding::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::Warning => {
            in_region::<warning::Entity>(
                db,
                warning::Column::Id,
                warning::Column::RegionPath,
                &like,
            )
            .await
        }
        Key::Action => ids(action::Entity::find()
            .select_only()
            .column(action::Column::Id)
            .filter(action::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
        Key::Report => ids(plan_report::Entity::find()
            .select_only()
            .column(plan_report::Column::Id)
            .filter(plan_report::Column::RegionPath.like(&like))
            .into_tuple()
            .all(db)
            .await
            .unwrap()),
    }
}

/// Gives `username` every permission on top of its roles, keeping its (region) data scope: the
/// out-of-scope check must meet the scope, not a missing permission.
async fn grant_everything(app: &TestApp, role_id: i64, username: &str) {
    let user = longzhi_store::repo::users::by_username(&app.db, username)
        .await
        .unwrap()
        .unwrap();
    user_role::ActiveModel {
        user_id: Set(user.id),
        role_id: Set(role_id),
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// A remediation task and a national finding of `city`, whatever last year's demo ranking was:
/// the task as publication stores it (on the city's evaluation), the finding through the API.
async fn city_assessment(app: &TestApp, admin: &Client, city: &str) {
    let e = assessment_evaluation::Entity::find()
        .filter(assessment_evaluation::Column::CityCode.eq(city))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo evaluation of the city");
    let now = chrono::Utc::now();
    assessment_remediation::ActiveModel {
        year_id: Set(e.year_id),
        evaluation_id: Set(e.id),
        city_code: Set(city.into()),
        reason: Set("bottom".into()),
        due_on: Set(now.date_naive()),
        status: Set("open".into()),
        report: Set(String::new()),
        region_path: Set(e.region_path.clone()),
        org_id: Set(e.org_id),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (s, b) = admin
        .post(
            "/api/v1/assessment/findings",
            json!({"year": 2025, "finding": "反馈问题", "owner_id": e.org_id, "due_on": today()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
}

/// A draft plan with a part, a point and a task, written by `author` (a city user holding every
/// permission), so that every plan-structure route has a record of each city to aim at.
async fn city_plan(author: &Client) {
    let (s, plan) = author
        .post(
            "/api/v1/plans",
            json!({"year": 2026, "title": "城市计划", "start_date": "2026-01-01", "end_date": "2026-12-31"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let (s, part) = author
        .post(
            &format!("/api/v1/plans/{}/parts", plan["id"]),
            json!({"title": "一、部分"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{part}");
    let (s, point) = author
        .post(
            &format!("/api/v1/plans/parts/{}/points", part["id"]),
            json!({"title": "（一）要点"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{point}");
    let (s, task) = author
        .post(
            &format!("/api/v1/plans/points/{}/tasks", point["id"]),
            json!({"title": "任务", "city_scope": "all", "deadline": "2026-12-31"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
}

/// An improvement action and a sensitivity job of `author`'s city (a city user holding every
/// permission): the quality routes naming them need a record of each city to aim at.
async fn city_quality(author: &Client) {
    let region = author.user["region_code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (s, b) = author
        .post(
            "/api/v1/quality/actions",
            json!({"title": "提升行动", "kind": "region", "region_code": region, "indicator_codes": ["prod_pass"],
                   "targets": "目标", "start_date": today(), "end_date": today()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let framework = author.ok("/api/v1/quality/frameworks").await[0]["id"].clone();
    let (s, b) = author
        .post(
            "/api/v1/quality/analysis/sensitivity",
            json!({"framework_id": framework, "year": 2020, "runs": 10, "sobol": 8}),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{b}");
}

#[tokio::test]
async fn every_route_refuses_the_anonymous_the_unpermitted_and_other_cities() {
    let app = TestApp::spawn().await;
    let (doc, served) = served(&app).await;
    let routes: Vec<_> = ROUTES
        .iter()
        .filter(|(m, p, ..)| served.contains(&((*m).to_owned(), (*p).to_owned())))
        .collect();
    let mut failures = Vec::new();

    // Anonymous: 401 everywhere but the public routes.
    for (m, p, access, _) in &routes {
        let path = filled(&doc, m, p);
        let (s, b) = call(&app, None, m, &path, body(&doc, m, p)).await;
        let ok = match access {
            // Reaches the handler (a sign-in with unknown credentials is its own 401).
            Public => b["code"] != "auth.unauthenticated",
            Token | SignedIn | Needs(_) => {
                s == StatusCode::UNAUTHORIZED && b["code"] == "auth.unauthenticated"
            }
        };
        if !ok {
            failures.push(format!("anonymous {m} {path}: {s} {b}"));
        }
    }

    // A user whose role holds no permission (an institution's): 403 where one is needed,
    // through where none is.
    let admin = app.login("admin").await;
    let institution = app.role_id("institution").await;
    let expert = app
        .new_user(
            &admin,
            "no_permission",
            "demo-inst-metrology",
            &[institution],
        )
        .await;
    assert_eq!(
        expert.ok("/api/v1/auth/me").await["permissions"],
        json!([]),
        "the check needs a user without permissions"
    );
    for (m, p, access, _) in &routes {
        let path = filled(&doc, m, p);
        let body = body(&doc, m, p);
        match access {
            Public => {}
            Token => {
                let (s, b) = call(&app, Some(&expert), m, &path, body).await;
                if s != StatusCode::UNAUTHORIZED {
                    failures.push(format!("a session on the token route {m} {path}: {s} {b}"));
                }
            }
            Needs(code) => {
                let (s, b) = call(&app, Some(&expert), m, &path, body).await;
                if s != StatusCode::FORBIDDEN || b["code"] != "auth.forbidden" {
                    failures.push(format!("expert (no {code}) {m} {path}: {s} {b}"));
                }
            }
            SignedIn => {
                // Logging out ends the session the sweep goes on with: use a session of its own.
                let who = if *p == "/auth/logout" {
                    app.login_with("no_permission", crate::helpers::CHANGED_PASSWORD)
                        .await
                        .expect("sign-in")
                } else {
                    expert.clone()
                };
                let (s, b) = call(&app, Some(&who), m, &path, body).await;
                if s == StatusCode::UNAUTHORIZED || s == StatusCode::FORBIDDEN {
                    failures.push(format!("expert (signed in) {m} {path}: {s} {b}"));
                }
            }
        }
    }

    // Another city: 404 on every record of the demo data of the other city, with every
    // permission in hand (a role of all permissions and region scope added to both city admins).
    let (s, role) = admin
        .post(
            "/api/v1/system/roles",
            json!({"code": "route_sweep", "name": "全部权限（本区域）", "name_en": "All (own region)",
                   "data_scope": "region", "permissions": ["*:*:*"], "status": "active"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let role_id = role["id"].as_i64().unwrap();
    for city in ["lanzhou", "tianshui"] {
        grant_everything(&app, role_id, city).await;
    }
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    // Records of each kind in each city beyond the demo data: a draft plan's structure, an
    // unattached upload, a notice and a second session.
    for (who, other) in [(&lanzhou, "enterprise"), (&tianshui, "tianshui")] {
        city_plan(who).await;
        city_quality(who).await;
        let (s, b) = who
            .upload("/api/v1/files", "note.txt", b"hello".to_vec())
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        app.login(other).await;
    }
    for city in ["620100", "620500"] {
        city_assessment(&app, &admin, city).await;
    }
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for (outsider, prefix, city) in [(&tianshui, LANZHOU, "兰州"), (&lanzhou, TIANSHUI, "天水")]
    {
        for (m, p, _, key) in &routes {
            let ids = records(&app, *key, prefix).await;
            if matches!(key, Key::None | Key::Global) {
                continue;
            }
            assert!(
                !ids.is_empty(),
                "{m} {p}: no {key:?} record in {city} to check"
            );
            let body = valid_body(&doc, m, p);
            for id in ids {
                let path = p
                    .replace("{id}", &id)
                    .replace("{type}", &id)
                    .replace("{key}", &id);
                let (s, b) = if p.ends_with("/import") {
                    // A multipart upload: the record is looked up before the file is read.
                    outsider
                        .upload(&format!("/api/v1{path}"), "x.xlsx", b"x".to_vec())
                        .await
                } else {
                    call(&app, Some(outsider), m, &path, body.clone()).await
                };
                if s != StatusCode::NOT_FOUND {
                    failures.push(format!(
                        "{} on {city}'s {key:?} {m} {path}: {s} {b}",
                        outsider.user["username"]
                    ));
                }
                *checked.entry(p).or_default() += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The sweep did not sign anybody out or change what it aimed at.
    lanzhou.ok("/api/v1/auth/me").await;
    tianshui.ok("/api/v1/auth/me").await;
    eprintln!("out-of-scope requests per route: {checked:?}");
}
