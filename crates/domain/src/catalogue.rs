//! The permission catalogue: every permission the platform checks, grouped into a tree with
//! Chinese and English labels (the role editor's permission tree). A module adds its group here.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermissionGroup {
    pub code: &'static str,
    pub label: &'static str,
    pub label_en: &'static str,
    pub permissions: Vec<PermissionEntry>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PermissionEntry {
    /// `module:resource:action`
    #[schema(value_type = PermissionCode)]
    pub code: String,
    pub label: &'static str,
    pub label_en: &'static str,
}

/// Standard actions on a resource, with their labels.
const CRUD: [(&str, &str, &str); 7] = [
    ("list", "查询", "List"),
    ("view", "查看", "View"),
    ("create", "新增", "Create"),
    ("update", "修改", "Update"),
    ("delete", "删除", "Delete"),
    ("import", "导入", "Import"),
    ("export", "导出", "Export"),
];

fn group(
    code: &'static str,
    label: &'static str,
    label_en: &'static str,
    actions: &[(&'static str, &'static str, &'static str)],
) -> PermissionGroup {
    PermissionGroup {
        code,
        label,
        label_en,
        permissions: actions
            .iter()
            .map(|(a, l, le)| PermissionEntry {
                code: format!("{code}:{a}"),
                label: l,
                label_en: le,
            })
            .collect(),
    }
}

/// The whole catalogue.
pub fn catalogue() -> Vec<PermissionGroup> {
    let reset = [("reset", "重置密码", "Reset password")];
    let user_actions: Vec<_> = CRUD.iter().chain(reset.iter()).copied().collect();
    vec![
        group("system:user", "用户管理", "Users", &user_actions),
        group("system:role", "角色管理", "Roles", &CRUD[..5]),
        group("system:org", "组织机构", "Organisations", &CRUD),
        group("system:region", "行政区划", "Regions", &[CRUD[0], CRUD[3]]),
        group("system:dict", "字典管理", "Dictionaries", &CRUD[..5]),
        group(
            "system:param",
            "参数设置",
            "Parameters",
            &[CRUD[0], CRUD[3]],
        ),
        group("system:audit", "操作日志", "Audit log", &[CRUD[0], CRUD[6]]),
        group(
            "system:login-log",
            "登录日志",
            "Login log",
            &[CRUD[0], CRUD[6]],
        ),
        group(
            "system:session",
            "在线用户",
            "Online sessions",
            &[CRUD[0], ("force-logout", "强制退出", "Force logout")],
        ),
        group(
            "plan:plan",
            "工作计划",
            "Work plans",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[4],
                ("publish", "发布", "Publish"),
                ("close", "关闭", "Close"),
            ],
        ),
        group(
            "plan:task",
            "督办任务",
            "Supervised tasks",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[6],
                ("report", "报送进展", "Report progress"),
                ("review", "审核进展", "Review progress"),
            ],
        ),
        group(
            "plan:matrix",
            "督办矩阵",
            "Supervision matrix",
            &[CRUD[0], CRUD[6]],
        ),
        group("quality:indicator", "质量指标", "Quality indicators", &CRUD),
        group(
            "quality:framework",
            "指标体系",
            "Indicator frameworks",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[4],
                ("publish", "发布", "Publish"),
            ],
        ),
        group(
            "quality:round",
            "数据采集轮次",
            "Collection rounds",
            &[CRUD[0], CRUD[1], CRUD[2], ("close", "关闭", "Close")],
        ),
        group(
            "quality:submission",
            "数据填报",
            "Submissions",
            &[
                CRUD[1],
                ("fill", "填报", "Fill in"),
                ("submit", "提交", "Submit"),
                ("review", "审核", "Review"),
            ],
        ),
        group(
            "quality:value",
            "指标数据",
            "Quality values",
            &[CRUD[0], CRUD[6]],
        ),
        group(
            "quality:token",
            "数据共享令牌",
            "Data-sharing tokens",
            &[CRUD[0], CRUD[2], ("revoke", "吊销", "Revoke")],
        ),
        group(
            "quality:analysis",
            "对比分析",
            "Comparative analysis",
            &[
                CRUD[1],
                CRUD[6],
                ("sensitivity", "敏感性分析", "Sensitivity analysis"),
            ],
        ),
        group(
            "quality:report",
            "质量状况报告",
            "Quality-status reports",
            &[CRUD[0], CRUD[2]],
        ),
        group(
            "quality:action",
            "质量提升行动",
            "Improvement actions",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                ("report", "报送进展", "Report progress"),
            ],
        ),
        group(
            "injury:point",
            "伤害监测点",
            "Injury monitoring points",
            &[CRUD[0], CRUD[1], CRUD[2], CRUD[3]],
        ),
        group("injury:case", "伤害病例", "Injury cases", &CRUD),
        group(
            "injury:estimate",
            "伤害加权估计",
            "Injury estimates",
            &[CRUD[1], CRUD[6]],
        ),
        group(
            "injury:report",
            "缺陷信息",
            "Defect reports",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[5],
                CRUD[6],
                ("unmask", "查看个人信息", "See personal data"),
            ],
        ),
        group(
            "injury:signal",
            "缺陷信号",
            "Defect signals",
            &[
                CRUD[0],
                CRUD[3],
                CRUD[6],
                ("rule", "配置信号规则", "Configure signal rules"),
            ],
        ),
        group(
            "recall:risk",
            "风险评估计算",
            "Risk evaluation",
            &[("evaluate", "计算", "Evaluate")],
        ),
        group(
            "recall:assessment",
            "风险评估",
            "Risk assessments",
            &[CRUD[0], CRUD[1], CRUD[2]],
        ),
        group(
            "recall:investigation",
            "缺陷调查",
            "Defect investigations",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                ("notify", "通知生产者", "Notify the producer"),
                ("analysis", "提交缺陷分析", "File the producer's analysis"),
                ("assign", "指派专家", "Assign experts"),
                ("opinion", "提交专家意见", "Give an expert opinion"),
                ("conclude", "作出调查结论", "Conclude"),
                ("order", "责令召回", "Order a recall"),
                ("close", "结案", "Close"),
                ("talk", "记录约谈", "Record a talk"),
            ],
        ),
        group(
            "recall:expert",
            "专家库",
            "Expert pool",
            &[CRUD[0], CRUD[1], CRUD[2], CRUD[3], CRUD[5]],
        ),
        group(
            "recall:recall",
            "召回",
            "Recalls",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[6],
                ("publish", "发布", "Publish"),
                ("progress", "报送进展与总结", "File progress and summary"),
                ("review", "效果评估", "Check effectiveness"),
                ("close", "结束召回", "Close"),
            ],
        ),
        group(
            "recall:warning",
            "风险警示",
            "Safety warnings",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                ("review", "审核", "Review"),
                ("publish", "发布", "Publish"),
            ],
        ),
        group(
            "car:dispute",
            "三包争议",
            "Sanbao disputes",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[5],
                CRUD[6],
                ("answer", "登记销售者答复", "Record the seller's answer"),
                ("mediate", "记录调解", "Record a mediation"),
                ("assign", "邀请专家", "Ask experts"),
                ("opinion", "提交技术意见", "Give a technical opinion"),
                ("close", "办结", "Close"),
            ],
        ),
        group(
            "car:maker",
            "汽车生产者与车型",
            "Car makers and models",
            &[CRUD[0], CRUD[1], CRUD[2], CRUD[3]],
        ),
        group(
            "car:calendar",
            "工作日历",
            "Working calendar",
            &[CRUD[0], CRUD[2], CRUD[4]],
        ),
        group(
            "car:analysis",
            "三包信息分析",
            "Sanbao analysis",
            &[CRUD[1]],
        ),
        group(
            "car:injury",
            "汽车事故伤害",
            "Car-accident injuries",
            &[CRUD[0], ("link", "关联车辆", "Link to a vehicle")],
        ),
        group(
            "service:survey",
            "满意度问卷",
            "Satisfaction questionnaires",
            &[CRUD[0], CRUD[1], CRUD[2], CRUD[3]],
        ),
        group(
            "service:round",
            "调查轮次",
            "Survey rounds",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                ("compute", "计算指数", "Compute the indices"),
                ("publish", "发布通报", "Publish the notification"),
            ],
        ),
        group(
            "service:quota",
            "样本配额",
            "Sample quotas",
            &[CRUD[0], CRUD[3]],
        ),
        group(
            "service:response",
            "调查样本",
            "Survey responses",
            &[CRUD[0], CRUD[1], CRUD[2], CRUD[5], CRUD[6]],
        ),
        group(
            "service:result",
            "满意度结果",
            "Satisfaction results",
            &[CRUD[1], CRUD[6]],
        ),
        group(
            "service:task",
            "整改任务",
            "Remediation tasks",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                ("report", "提交整改材料", "Submit evidence"),
                ("review", "审核", "Review"),
            ],
        ),
        group(
            "service:event",
            "服务质量事件协同处置",
            "Coordinated handling of service-quality events",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                ("handle", "参与处置", "Take part in the handling"),
                ("assess", "评估", "Assess"),
            ],
        ),
        group(
            "programme:round",
            "评选批次",
            "Programme rounds",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                ("review", "组织评审", "Run the review"),
                ("decide", "公示与决定", "Notice and decision"),
            ],
        ),
        group(
            "programme:application",
            "申报",
            "Applications",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                ("recommend", "推荐", "Recommend"),
                ("check", "资格审查", "Eligibility check"),
                CRUD[6],
            ],
        ),
        group(
            "programme:expert",
            "评审专家",
            "Review experts",
            &[CRUD[0], CRUD[2], CRUD[3]],
        ),
        group(
            "programme:score",
            "评分",
            "Scores",
            &[
                CRUD[0],
                ("submit", "独立评分", "Score independently"),
                ("consensus", "共识与现场评审", "Consensus and site visit"),
            ],
        ),
        group(
            "programme:objection",
            "公示异议",
            "Objections",
            &[CRUD[0], ("handle", "处理", "Handle")],
        ),
        group(
            "programme:term",
            "监督与复评",
            "Surveillance and re-evaluation",
            &[CRUD[0], ("conclude", "作出结论", "Conclude")],
        ),
        group(
            "assessment:year",
            "质量工作考核",
            "Quality work assessment",
            &[
                CRUD[0],
                CRUD[1],
                CRUD[2],
                CRUD[3],
                CRUD[5],
                CRUD[6],
                ("publish", "审定与发布", "Sign off and publish"),
            ],
        ),
        group(
            "assessment:evaluation",
            "市州自评",
            "Self-evaluations",
            &[
                CRUD[0],
                CRUD[1],
                ("fill", "填报自评", "Self-evaluate"),
                CRUD[6],
            ],
        ),
        group(
            "assessment:score",
            "考核评分",
            "Assessment scoring",
            &[CRUD[0], ("submit", "评分", "Score")],
        ),
        group(
            "assessment:result",
            "考核结果",
            "Assessment results",
            &[CRUD[1], CRUD[6]],
        ),
        group(
            "assessment:remediation",
            "考核整改",
            "Assessment remediation",
            &[
                CRUD[0],
                CRUD[1],
                ("report", "报送整改报告", "Report"),
                ("review", "审核与约谈", "Review and talks"),
            ],
        ),
        group(
            "assessment:finding",
            "国家考核反馈问题",
            "National assessment findings",
            &[
                CRUD[0],
                CRUD[2],
                CRUD[3],
                ("report", "报告整改进展", "Report progress"),
                ("close", "销号", "Close"),
            ],
        ),
        group(
            "file:attachment",
            "附件",
            "Attachments",
            &[("upload", "上传", "Upload")],
        ),
    ]
}

/// Every permission code of the catalogue, in catalogue order.
pub fn codes() -> Vec<String> {
    catalogue()
        .into_iter()
        .flat_map(|g| g.permissions.into_iter().map(|p| p.code))
        .collect()
}

/// A permission code of the catalogue (`module:resource:action`), as a string enum of the
/// OpenAPI document, from which the console's permission type is generated: a permission the
/// console asks for that the catalogue lacks fails its type check.
pub struct PermissionCode;

impl utoipa::PartialSchema for PermissionCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "A permission of the catalogue (`module:resource:action`).",
            ))
            .enum_values(Some(codes()))
            .into()
    }
}

impl utoipa::ToSchema for PermissionCode {}

/// Whether `code` is a permission of the catalogue (a wildcard pattern is checked by shape only).
pub fn is_known(code: &str) -> bool {
    code.contains('*')
        || catalogue()
            .iter()
            .any(|g| g.permissions.iter().any(|p| p.code == code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Permission;

    #[test]
    fn every_catalogue_entry_is_a_valid_permission() {
        for g in catalogue() {
            for p in g.permissions {
                assert!(Permission::parse(&p.code).is_ok(), "{}", p.code);
                assert!(p.code.starts_with(g.code));
            }
        }
        assert!(is_known("system:user:reset"));
        let codes = codes();
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "a code appears twice");
        assert!(codes.iter().all(|c| is_known(c)));
        assert!(!is_known("system:user:fly"));
    }
}
