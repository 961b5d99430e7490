//! What `longzhi seed --demo` adds, through the module's own repository functions as the
//! organisations that would act, with dates relative to today:
//!
//! - last year's assessment, published two months ago: the fourteen prefectures self-evaluated,
//!   the six departments scored (甘南 below 60), the bottom three remediating — one closed after
//!   a follow-up talk, one waiting for the province's review, one overdue;
//! - this year's assessment in self-evaluation, due in three weeks: half the cities submitted,
//!   兰州 (the `lanzhou` user) has a draft with its first claims;
//! - the national assessment's three findings on the province, owned by 质量发展处, 计量处 and
//!   兰州, one closed.
//!
//! The workflow runs today; last year's dates are then moved into the past, as if it had run
//! then.

use chrono::{Datelike, Duration};
use longzhi_store::repo::orgs;
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{DatabaseConnection, Result, today};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entity::{evaluation, remediation, year};
use crate::evaluations::{self, ClaimInput, EvaluationInput};
use crate::findings::{self, CloseInput, FindingInput, ProgressInput};
use crate::remediations::{self, ReportInput, ReviewInput, TalkInput};
use crate::scoring::{self, ScoreInput, ScoresInput};
use crate::years::{self, VersionInput, YearInput};

/// An organisation acting without a demo user of its own.
async fn as_org(db: &DatabaseConnection, code: &str) -> Result<Principal> {
    let o = orgs::by_code(db, code).await?;
    Ok(Principal {
        org_id: o.id,
        region_path: o.region_path,
        ..Principal::system("seed-demo")
    })
}

/// A share of the points in [0.55, 1] that differs by city and indicator but never by run; the
/// city at `weak` gets the low end (it fails).
fn share(city: usize, indicator: usize, weak: bool) -> f64 {
    let spread = ((city * 7 + indicator * 13) % 10) as f64 / 10.0;
    if weak {
        0.5 + spread * 0.1
    } else {
        0.7 + spread * 0.3
    }
}

/// A score rounded to the half point, as departments give them.
fn half(x: f64) -> f64 {
    (x * 2.0).round() / 2.0
}

async fn version(db: &DatabaseConnection, id: i64) -> Result<i32> {
    Ok(years::load(db, id).await?.version)
}

async fn evaluations_of(db: &DatabaseConnection, year_id: i64) -> Result<Vec<evaluation::Model>> {
    Ok(
        unscoped::<evaluation::Entity>("demo data fill every city's evaluation")
            .filter(evaluation::Column::YearId.eq(year_id))
            .order_by_asc(evaluation::Column::CityCode)
            .all(db)
            .await?,
    )
}

/// City `e` claims `upto` of its indicators (all when `None`) and submits when all are claimed.
async fn self_evaluate(
    db: &DatabaseConnection,
    e: &evaluation::Model,
    n: usize,
    weak: bool,
    upto: Option<usize>,
) -> Result<()> {
    let p = Principal {
        org_id: e.org_id,
        region_path: e.region_path.clone(),
        ..Principal::system("seed-demo")
    };
    let d = evaluations::get(db, &p, e.id).await?;
    let count = upto.unwrap_or(d.items.len());
    let items = d
        .items
        .iter()
        .enumerate()
        .take(count)
        .map(|(k, it)| ClaimInput {
            indicator_id: it.indicator_id,
            claimed: Some(half((share(n, k, weak) + 0.1).min(1.0) * it.points)),
            statement: format!("{}:已按评分规则完成,详见佐证材料。", it.name),
            attachment_ids: vec![],
        })
        .collect();
    let input = EvaluationInput {
        targets: format!(
            "{}:制造业产品质量合格率稳定在 94% 以上,公共服务质量满意度不低于 80 分,新增“陇字号”品牌 3 个。",
            d.evaluation.city_name
        ),
        items,
        version: d.evaluation.version,
    };
    let after = evaluations::fill(db, &p, e.id, input).await?;
    if upto.is_none() {
        let v = VersionInput {
            version: after.evaluation.version,
        };
        evaluations::submit(db, &p, e.id, v).await?;
    }
    Ok(())
}

/// Every department scores its indicators in every city.
async fn score_all(db: &DatabaseConnection, year_id: i64, weak_city: &str) -> Result<()> {
    for d in years::departments(db).await? {
        let p = as_org(db, &d.code).await?;
        let mine = scoring::ScoringFilter {
            mine: Some(true),
            ..Default::default()
        };
        let rows = scoring::rows(db, &p, year_id, &mine).await?;
        if rows.is_empty() {
            continue;
        }
        let cities: Vec<&str> = {
            let mut c: Vec<&str> = rows.iter().map(|r| r.city_code.as_str()).collect();
            c.dedup();
            c
        };
        let items = rows
            .iter()
            .map(|r| {
                let n = cities.iter().position(|c| *c == r.city_code).unwrap_or(0);
                let k = r.code.len() + r.indicator_id as usize;
                let score = half(share(n, k, r.city_code == weak_city) * r.points);
                ScoreInput {
                    item_id: r.item_id,
                    score,
                    comment: if score < r.points {
                        format!("扣 {} 分:佐证材料不完整,部分目标未完成。", r.points - score)
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        scoring::put(db, &p, year_id, ScoresInput { items }).await?;
    }
    Ok(())
}

pub async fn seed(db: &DatabaseConnection) -> Result<()> {
    if year::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let province = as_org(db, "620000-quality").await?;
    let day = today();
    let this_year = day.year();

    // Last year's: the whole workflow today, then its dates moved back.
    let last = years::create(
        db,
        &province,
        YearInput {
            year: this_year - 1,
            title: format!("{}年度市州政府质量工作考核", this_year - 1),
            self_deadline: day,
            grades: None,
            fail_below: None,
            bottom_count: None,
            remediation_days: None,
            cities: None,
            from_year: None,
            version: None,
        },
    )
    .await?;
    years::open(
        db,
        &province,
        last.id,
        VersionInput {
            version: last.version,
        },
    )
    .await?;
    let weak_city = "623000";
    for (n, e) in evaluations_of(db, last.id).await?.iter().enumerate() {
        self_evaluate(db, e, n, e.city_code == weak_city, None).await?;
    }
    let v = version(db, last.id).await?;
    years::close(db, &province, last.id, VersionInput { version: v }).await?;
    score_all(db, last.id, weak_city).await?;
    let v = version(db, last.id).await?;
    years::publish(db, &province, last.id, VersionInput { version: v }).await?;
    remediation_history(db, &province, last.id).await?;
    move_back(db, last.id, 60).await?;

    // This year's, in self-evaluation.
    let current = years::create(
        db,
        &province,
        YearInput {
            year: this_year,
            title: format!("{this_year}年度市州政府质量工作考核"),
            self_deadline: day + Duration::days(21),
            grades: None,
            fail_below: None,
            bottom_count: None,
            remediation_days: None,
            cities: None,
            from_year: Some(last.id),
            version: None,
        },
    )
    .await?;
    years::open(
        db,
        &province,
        current.id,
        VersionInput {
            version: current.version,
        },
    )
    .await?;
    for (n, e) in evaluations_of(db, current.id).await?.iter().enumerate() {
        match (e.city_code.as_str(), n % 2) {
            ("620100", _) => self_evaluate(db, e, n, false, Some(4)).await?,
            (_, 1) => self_evaluate(db, e, n, false, None).await?,
            _ => {}
        }
    }
    national_findings(db, &province, this_year - 1).await
}

/// Of last year's remediation tasks: the first closed after a talk, the second submitted and
/// waiting for review, the rest left open (overdue once the dates move back).
async fn remediation_history(
    db: &DatabaseConnection,
    province: &Principal,
    year_id: i64,
) -> Result<()> {
    let tasks = remediations::list(
        db,
        province,
        &remediations::RemediationFilter {
            year_id: Some(year_id),
            ..Default::default()
        },
        &longzhi_store::page::PageQuery::everything(None),
    )
    .await?
    .items;
    for (n, t) in tasks.iter().enumerate() {
        let city = as_city(db, t.evaluation_id).await?;
        match n {
            0 => {
                remediations::talk(
                    db,
                    province,
                    t.id,
                    TalkInput {
                        held_on: today(),
                        participants: format!("省局分管负责同志;{}政府分管副市(州)长、市场监管局主要负责同志", t.city_name),
                        summary: "通报考核扣分情况,要求对标先进市州,一个月内报送整改报告,重点补齐质量安全风险防控短板。".into(),
                    },
                )
                .await?;
                let r = report(db, &city, t.id, t.version).await?;
                remediations::review(
                    db,
                    province,
                    t.id,
                    ReviewInput {
                        decision: "close".into(),
                        note: "整改措施具体,予以销号。".into(),
                        version: r.version,
                    },
                )
                .await?;
            }
            1 => {
                report(db, &city, t.id, t.version).await?;
            }
            _ => {}
        }
    }
    Ok(())
}

async fn as_city(db: &DatabaseConnection, evaluation_id: i64) -> Result<Principal> {
    let e = unscoped::<evaluation::Entity>("the city of a demo remediation")
        .filter(evaluation::Column::Id.eq(evaluation_id))
        .one(db)
        .await?
        .ok_or(longzhi_store::StoreError::NotFound)?;
    Ok(Principal {
        org_id: e.org_id,
        region_path: e.region_path,
        ..Principal::system("seed-demo")
    })
}

async fn report(
    db: &DatabaseConnection,
    city: &Principal,
    id: i64,
    version: i32,
) -> Result<remediations::RemediationView> {
    remediations::report(
        db,
        city,
        id,
        ReportInput {
            report: "一、扣分原因分析;二、整改措施:健全质量安全风险监测预警机制,补齐佐证材料归档;三、完成时限与责任分工。".into(),
            attachment_ids: vec![],
            version,
        },
    )
    .await
}

/// Moves year `year_id`'s dates `days` back: its deadline, publication and its remediation
/// deadlines (a task still open is then overdue).
async fn move_back(db: &DatabaseConnection, year_id: i64, days: i64) -> Result<()> {
    let shift = Duration::days(days);
    let y = years::load(db, year_id).await?;
    year::Entity::update_many()
        .col_expr(
            year::Column::SelfDeadline,
            (y.self_deadline - Duration::days(days + 30)).into(),
        )
        .col_expr(
            year::Column::PublishedAt,
            y.published_at.map(|t| t - shift).into(),
        )
        .col_expr(
            year::Column::PublishedOn,
            y.published_on.map(|d| d - shift).into(),
        )
        .filter(year::Column::Id.eq(year_id))
        .exec(db)
        .await?;
    for r in unscoped::<remediation::Entity>("demo dates move back")
        .filter(remediation::Column::YearId.eq(year_id))
        .all(db)
        .await?
    {
        remediation::Entity::update_many()
            .col_expr(remediation::Column::DueOn, (r.due_on - shift).into())
            .col_expr(
                remediation::Column::CreatedAt,
                (r.created_at - shift).into(),
            )
            .filter(remediation::Column::Id.eq(r.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn national_findings(db: &DatabaseConnection, province: &Principal, year: i32) -> Result<()> {
    let day = today();
    let rows = [
        (
            "620000-quality",
            "质量工作考核结果运用不够充分,部分市州未将质量工作纳入政府绩效考核。",
            "推动各市州将质量工作纳入政府绩效考核,考核结果向组织部门通报。",
            60,
        ),
        (
            "620000-metrology",
            "民生计量监督检查覆盖面不足,集贸市场计量器具强制检定率偏低。",
            "开展民生计量专项监督检查,年底前强检覆盖率达到 95%。",
            -10,
        ),
        (
            "620100-bureau",
            "兰州市质量基础设施“一站式”服务站点建设进度滞后。",
            "年内新建服务站点 5 个,并纳入省级名录管理。",
            30,
        ),
    ];
    for (n, (owner, text, measures, days)) in rows.into_iter().enumerate() {
        let o = orgs::by_code(db, owner).await?;
        let f = findings::create(
            db,
            province,
            FindingInput {
                year,
                finding: text.into(),
                owner_id: o.id,
                measures: measures.into(),
                due_on: day + Duration::days(days),
                version: None,
            },
        )
        .await?;
        let owner_p = as_org(db, owner).await?;
        let f = findings::progress(
            db,
            &owner_p,
            f.id,
            ProgressInput {
                progress: "已制定整改方案,明确责任人和时间表,正在推进。".into(),
                version: f.version,
            },
        )
        .await?;
        if n == 0 {
            findings::close(
                db,
                province,
                f.id,
                CloseInput {
                    note: "整改到位,同意销号。".into(),
                    version: f.version,
                },
            )
            .await?;
        }
    }
    Ok(())
}
