//! What a new round of each programme starts from: the rubric (the review engine's format), the
//! eligibility checklist (资格条件) and the usual quotas, terms and panel size. The organiser
//! may change any of them before the round opens.

use serde::{Deserialize, Serialize};

/// The programmes: the provincial government quality award (省政府质量奖, enterprises), the
/// 陇字号 brand (enterprises), quality benchmark cities and quality-brand demonstration zones
/// (city governments).
pub const KINDS: [&str; 4] = ["award", "brand", "benchmark_city", "demo_zone"];

/// Whether organisations apply (enterprises) or city governments (their bureaus) do.
pub fn for_cities(kind: &str) -> bool {
    matches!(kind, "benchmark_city" | "demo_zone")
}

/// One eligibility condition, checked pass/fail with a reason by the province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeEligibilityItem)]
pub struct EligibilityItem {
    pub code: String,
    pub text: String,
}

/// A kind's defaults.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeTemplate)]
pub struct Template {
    pub kind: String,
    pub rubric: String,
    pub criteria: Vec<crate::rounds::CriterionView>,
    pub eligibility: Vec<EligibilityItem>,
    pub winners_quota: i32,
    pub nominations_quota: i32,
    pub notice_days: i32,
    pub anonymous: bool,
    pub reviewers_per_application: i32,
    pub same_region_conflict: bool,
    pub term_years: i32,
    pub surveillance_years: i32,
}

fn items(list: &[(&str, &str)]) -> Vec<EligibilityItem> {
    list.iter()
        .map(|(code, text)| EligibilityItem {
            code: (*code).into(),
            text: (*text).into(),
        })
        .collect()
}

const CLEAN: (&str, &str) = (
    "record",
    "近三年未发生重大质量、安全、环境事故,无严重违法失信记录",
);

/// The defaults of `kind`, `None` for an unknown kind.
pub fn of(kind: &str) -> Option<Template> {
    // (rubric, eligibility, winners, nominations, anonymous, reviewers, term, surveillance)
    let (rubric, eligibility, winners, nominations, anonymous, reviewers, term, surveillance) =
        match kind {
            // 甘政发〔2021〕81号: about 3 winners and 5 nominations, valid 5 years, re-evaluated
            // at expiry; GB/T 19580's 1000 points; applicants anonymous to the reviewers.
            "award" => (
                longzhi_review::rubric::GBT19580_TOML,
                items(&[
                    (
                        "legal",
                        "在甘肃省内依法注册,具有独立法人资格,连续经营三年以上",
                    ),
                    ("excellence", "实施卓越绩效管理模式两年以上,成效显著"),
                    ("leading", "主要经济技术指标处于省内同行业领先水平"),
                    CLEAN,
                ]),
                3,
                5,
                true,
                5,
                5,
                0,
            ),
            // A certification: as many as pass, valid 3 years with yearly surveillance.
            "brand" => (
                include_str!("../assets/brand.toml"),
                items(&[
                    ("legal", "在甘肃省内依法注册的生产企业,产品在省内生产"),
                    ("standard", "产品执行的标准达到国内先进水平并已自我声明公开"),
                    ("system", "已建立并有效运行质量管理体系"),
                    CLEAN,
                ]),
                0,
                0,
                false,
                3,
                3,
                1,
            ),
            "benchmark_city" => (
                include_str!("../assets/benchmark_city.toml"),
                items(&[
                    ("plan", "已印发质量强市建设实施方案"),
                    ("assessment", "上年度质量工作考核等次为 A 级"),
                    CLEAN,
                ]),
                2,
                0,
                false,
                3,
                3,
                0,
            ),
            "demo_zone" => (
                include_str!("../assets/demo_zone.toml"),
                items(&[
                    ("industry", "有明确的主导产业和产业集聚区"),
                    ("plan", "已制定示范区建设方案和配套支持政策"),
                    CLEAN,
                ]),
                3,
                0,
                false,
                3,
                3,
                0,
            ),
            _ => return None,
        };
    // The bundled rubrics are valid (the unit test below reads each).
    let parsed = longzhi_review::Rubric::from_toml(rubric).ok()?;
    Some(Template {
        kind: kind.into(),
        rubric: rubric.into(),
        criteria: crate::rounds::criteria(&parsed),
        eligibility,
        winners_quota: winners,
        nominations_quota: nominations,
        notice_days: 5,
        anonymous,
        reviewers_per_application: reviewers,
        same_region_conflict: true,
        term_years: term,
        surveillance_years: surveillance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_valid_template() {
        for k in KINDS {
            let t = of(k).unwrap();
            assert!(!t.criteria.is_empty() && !t.eligibility.is_empty(), "{k}");
            assert!(t.surveillance_years <= t.term_years);
        }
        assert_eq!(
            of("award")
                .unwrap()
                .criteria
                .iter()
                .filter(|c| c.leaf)
                .count(),
            23
        );
        assert!(of("nothing").is_none());
    }
}
