//! The demo data of `longzhi seed --demo`: a catalogue of twelve indicators in the shape of
//! SAMR's quality-development index (2 dimensions × 6 sub-dimensions × 12 indicators), its
//! framework, five years of plausible values for every city (a round per year, run through the
//! real workflow and approved), this year's round open with some cities submitted, and two
//! improvement actions — so that the analysis, the map and the report are full on first start.

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use crate::actions::{self, ActionInput, ActionReportInput};
use crate::entity::{indicator, round};
use crate::frameworks::{self, FrameworkInput, NodeInput};
use crate::indicators::{self, IndicatorInput};
use crate::rounds::{self, LineInput, NewRound, SubmissionReview};
use longzhi_store::repo::auth;
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};

/// (code, name, English name, unit, direction, source, min, max, parent sub-dimension, typical
/// value, spread across cities, yearly improvement).
type Spec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    &'static str,
    Option<f64>,
    Option<f64>,
    &'static str,
    f64,
    f64,
    f64,
);

const INDICATORS: [Spec; 12] = [
    (
        "prod_pass",
        "产品质量监督抽查合格率",
        "Product sampling pass rate",
        "%",
        1,
        "质量监督处",
        Some(0.0),
        Some(100.0),
        "product",
        93.0,
        3.0,
        0.5,
    ),
    (
        "mfg_loss",
        "制造业质量损失率",
        "Manufacturing quality loss rate",
        "%",
        -1,
        "统计局",
        Some(0.0),
        Some(100.0),
        "product",
        1.8,
        0.4,
        -0.05,
    ),
    (
        "eng_accept",
        "工程竣工验收合格率",
        "Construction acceptance rate",
        "%",
        1,
        "住建厅",
        Some(0.0),
        Some(100.0),
        "engineering",
        97.0,
        1.5,
        0.3,
    ),
    (
        "eng_incident",
        "工程质量事故发生率",
        "Construction incident rate",
        "起/百亿元",
        -1,
        "住建厅",
        Some(0.0),
        None,
        "engineering",
        0.8,
        0.3,
        -0.04,
    ),
    (
        "svc_satis",
        "公共服务质量满意度",
        "Public-service satisfaction",
        "分",
        1,
        "质量发展处",
        Some(0.0),
        Some(100.0),
        "service",
        80.0,
        3.0,
        0.6,
    ),
    (
        "complaints",
        "消费投诉万人率",
        "Complaints per 10,000 people",
        "件/万人",
        -1,
        "消费者权益保护处",
        Some(0.0),
        None,
        "service",
        9.0,
        3.0,
        -0.3,
    ),
    (
        "standards",
        "主导制修订标准数",
        "Standards led",
        "项",
        1,
        "标准化处",
        Some(0.0),
        None,
        "foundation",
        25.0,
        15.0,
        2.0,
    ),
    (
        "metrology",
        "计量检测能力覆盖率",
        "Metrology coverage",
        "%",
        1,
        "计量处",
        Some(0.0),
        Some(100.0),
        "foundation",
        82.0,
        6.0,
        1.0,
    ),
    (
        "patents",
        "每万人发明专利拥有量",
        "Invention patents per 10,000 people",
        "件/万人",
        1,
        "知识产权局",
        Some(0.0),
        None,
        "innovation",
        4.0,
        2.5,
        0.4,
    ),
    (
        "brands",
        "地理标志及知名品牌数",
        "Geographical indications and brands",
        "个",
        1,
        "知识产权局",
        Some(0.0),
        None,
        "innovation",
        30.0,
        12.0,
        2.0,
    ),
    (
        "recall",
        "缺陷产品召回处置率",
        "Defective products recalled",
        "%",
        1,
        "缺陷产品管理中心",
        Some(0.0),
        Some(100.0),
        "governance",
        88.0,
        5.0,
        0.8,
    ),
    (
        "award",
        "政府质量奖获奖企业数",
        "Government quality award winners",
        "家",
        1,
        "质量发展处",
        Some(0.0),
        None,
        "governance",
        4.0,
        2.5,
        0.3,
    ),
];

/// (code, name, parent): the tree above the indicators.
const NODES: [(&str, &str, Option<&str>); 9] = [
    ("QDI", "质量发展指数", None),
    ("level", "质量水平", Some("QDI")),
    ("capacity", "质量发展能力", Some("QDI")),
    ("product", "产品质量", Some("level")),
    ("engineering", "工程质量", Some("level")),
    ("service", "服务质量", Some("level")),
    ("foundation", "质量基础", Some("capacity")),
    ("innovation", "质量创新", Some("capacity")),
    ("governance", "质量治理", Some("capacity")),
];

/// Years of approved data before this year.
const YEARS: i32 = 5;

/// A stable number in [-1, 1] for a pair: the demo's spread without a random generator.
fn noise(a: u64, b: u64) -> f64 {
    let x = (a.wrapping_mul(2_654_435_761) ^ b.wrapping_mul(40_503)).wrapping_mul(0x9E37_79B9);
    ((x >> 8) % 2001) as f64 / 1000.0 - 1.0
}

/// A city's value of an indicator in a year: the indicator's typical value moved by the city's
/// standing (its own for each indicator), improving over the years, kept in range.
fn value(spec: &Spec, city: u64, k: u64, year: i32, first: i32) -> f64 {
    let (_, _, _, _, direction, _, min, max, _, typical, spread, step) = *spec;
    let standing = noise(city, 17) * 0.6 + noise(city, k) * 0.4;
    let v = typical
        + f64::from(direction) * standing * spread
        + step * f64::from(year - first)
        + noise(city * 31 + k, year as u64) * spread * 0.1;
    let v = v
        .clamp(min.unwrap_or(f64::MIN), max.unwrap_or(f64::MAX))
        .max(0.0);
    (v * 100.0).round() / 100.0
}

pub async fn seed(db: &DatabaseConnection, today: NaiveDate) -> Result<()> {
    if indicator::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    for s in &INDICATORS {
        indicators::create(
            db,
            &province,
            IndicatorInput {
                code: s.0.into(),
                name: s.1.into(),
                name_en: s.2.into(),
                unit: s.3.into(),
                direction: s.4,
                source: s.5.into(),
                frequency: "year".into(),
                formula: String::new(),
                min_value: s.6,
                max_value: s.7,
                status: "active".into(),
                version: None,
            },
        )
        .await?;
    }
    let mut nodes: Vec<NodeInput> = NODES
        .iter()
        .map(|(code, name, parent)| NodeInput {
            code: (*code).into(),
            name: (*name).into(),
            parent_code: parent.map(Into::into),
            weight: 1.0,
            indicator: false,
        })
        .collect();
    nodes.extend(INDICATORS.iter().map(|s| NodeInput {
        code: s.0.into(),
        name: String::new(),
        parent_code: Some(s.8.into()),
        weight: 1.0,
        indicator: true,
    }));
    let fw = frameworks::create(
        db,
        &province,
        FrameworkInput {
            code: "QDI".into(),
            name: "甘肃省质量发展指数".into(),
            description: "质量水平与质量发展能力两个维度、六个分项、十二项指标(参照市场监管总局质量发展指数的结构)".into(),
            normalisation: "minmax".into(),
            aggregation: "arithmetic".into(),
            weighting: "given".into(),
            imputation: "mean".into(),
            weight_noise: 0.25,
            mc_runs: 1000,
            change_threshold: 0.3,
            nodes,
            version: None,
        },
    )
    .await?;
    frameworks::publish(db, &province, fw.id).await?;
    let year = today.year();
    let first = year - YEARS;
    for y in first..=year {
        let r = rounds::open(
            db,
            &province,
            NewRound {
                framework_id: fw.id,
                year: y,
                title: format!("{y}年度质量发展指标数据采集"),
                deadline: today + Duration::days(20),
                region_codes: None,
            },
        )
        .await?;
        let current = y == year;
        for (n, s) in r.submissions.iter().enumerate() {
            // This year's round: the first five cities have submitted, two of them approved.
            if current && n >= 5 {
                continue;
            }
            let city: u64 = s.region_code.parse().unwrap_or(0);
            let lines = INDICATORS
                .iter()
                .enumerate()
                .map(|(k, spec)| {
                    let v = value(spec, city, k as u64, y, first);
                    let name = format!("lines[{k}]");
                    let line = LineInput {
                        code: spec.0.into(),
                        value: Some(v),
                        note: Some("据统计年报".into()),
                    };
                    (name, line)
                })
                .collect();
            rounds::save_rows(db, &province, s.id, None, lines).await?;
            rounds::submit(db, &province, s.id).await?;
            if !current || n < 2 {
                rounds::review(
                    db,
                    &province,
                    s.id,
                    SubmissionReview {
                        decision: "approve".into(),
                        comment: None,
                    },
                )
                .await?;
            }
        }
        if !current {
            // Past rounds ended in the first quarter of the following year.
            let deadline = NaiveDate::from_ymd_opt(y + 1, 3, 31).unwrap_or(today);
            let past = round::Entity::find_by_id(r.round.id)
                .one(db)
                .await?
                .ok_or(StoreError::NotFound)?;
            let mut am: round::ActiveModel = past.into();
            am.deadline = Set(deadline);
            am.status = Set(longzhi_domain::RoundStatus::Closed);
            am.update(db).await?;
        }
    }
    seed_actions(db, &province, today).await
}

async fn seed_actions(db: &DatabaseConnection, p: &Principal, today: NaiveDate) -> Result<()> {
    let year = today.year();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap_or(today);
    let industry = actions::create(
        db,
        p,
        ActionInput {
            title: "装备制造业质量提升行动".into(),
            kind: "industry".into(),
            industry: Some("装备制造业".into()),
            region_code: None,
            indicator_codes: vec!["prod_pass".into(), "mfg_loss".into()],
            targets: "监督抽查合格率达到 95% 以上;制造业质量损失率降至 1.5% 以下".into(),
            start_date: start,
            end_date: end,
            version: None,
        },
    )
    .await?;
    actions::report(
        db,
        p,
        industry.id,
        ActionReportInput {
            report_date: today - Duration::days(30),
            progress: 40,
            text: "完成重点企业质量诊断 36 家,开展质量攻关项目 12 项".into(),
        },
    )
    .await?;
    actions::create(
        db,
        p,
        ActionInput {
            title: "天水市服务质量提升行动".into(),
            kind: "region".into(),
            industry: None,
            region_code: Some("620500".into()),
            indicator_codes: vec!["svc_satis".into(), "complaints".into()],
            targets: "公共服务质量满意度提高 3 分;消费投诉万人率下降 10%".into(),
            start_date: start,
            end_date: today - Duration::days(1),
            version: None,
        },
    )
    .await?;
    Ok(())
}
