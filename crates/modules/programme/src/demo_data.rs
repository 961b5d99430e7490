//! What `longzhi seed --demo` adds, through the module's own repository functions as the users
//! who would act, with dates relative to today:
//!
//! - the review-expert pool (nine experts across the cities; the `expert` user is one of them);
//! - the 8th provincial government quality award, decided about three months ago: six
//!   enterprises reviewed anonymously on GB/T 19580 by panels of five, consensus and site
//!   visit, three winners and two nominations with certificates, the first forwarded to the
//!   China Quality Award;
//! - this year's 陇字号 brand batch under review: four applications recommended by their cities
//!   and checked, panels of three, scored except by the `expert` user, whose sheets wait;
//! - a demonstration-zone round decided fourteen months ago (two cities named for three years,
//!   in their second year, with their first yearly surveillance open).
//!
//! The workflow runs today; the finished rounds' dates are then moved into the past, as if it
//! had run then.

use std::collections::HashMap;

use chrono::{Datelike, Duration};
use longzhi_domain::CreditCode;
use longzhi_store::entity::user;
use longzhi_store::repo::auth;
use longzhi_store::repo::orgs::{self, NewOrg};
use longzhi_store::scope::{Principal, unscoped, unscoped_by_id};
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::applications::{
    self, ApplicationInput, AssessmentItem, CheckInput, CheckItem, ForwardInput, RecommendInput,
};
use crate::decision::{self, ShortlistInput, term_end};
use crate::entity::{application, round};
use crate::experts::{self, ExpertInput, Relation};
use crate::review::{self, ScoreInput, ScoreItem};
use crate::rounds::{self, RoundInput, STAGES, VersionInput};
use crate::templates;

/// (name, organisation, city, specialties, interests, the user)
type ExpertRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

const EXPERTS: [ExpertRow; 9] = [
    (
        "王建国",
        "兰州理工大学",
        "620100",
        &["装备制造", "新材料"],
        &[],
        None,
    ),
    (
        "李秀兰",
        "甘肃省质量协会",
        "620100",
        &["装备制造", "食品"],
        &[],
        None,
    ),
    (
        "张明",
        "兰州大学管理学院",
        "620100",
        &["新能源", "电工电器"],
        &["酒泉示范新能源装备有限公司"],
        None,
    ),
    (
        "赵志强",
        "天水师范学院",
        "620500",
        &["电工电器", "装备制造"],
        &[],
        None,
    ),
    (
        "陈静",
        "天水市标准化研究院",
        "620500",
        &["食品", "农产品"],
        &[],
        None,
    ),
    (
        "刘洋",
        "武威市质量技术服务中心",
        "620600",
        &["新材料", "有色金属"],
        &[],
        Some("expert"),
    ),
    (
        "杨帆",
        "平凉市检验检测中心",
        "620800",
        &["农产品", "食品"],
        &[],
        None,
    ),
    (
        "孙丽",
        "定西市质量发展促进会",
        "621100",
        &["新能源", "装备制造"],
        &[],
        None,
    ),
    (
        "周涛",
        "陇南市产品质量检验所",
        "621200",
        &["农产品", "有色金属"],
        &[],
        None,
    ),
];

/// A deterministic score in 5 % steps (band5) or whole points, around `quality` (0–1).
fn demo_score(max: f64, quality: f64, salt: usize, band5: bool) -> f64 {
    let wobble = ((salt * 37 + 11) % 7) as f64 / 20.0 - 0.15;
    let share = (quality + wobble).clamp(0.1, 1.0);
    if band5 {
        ((share * 20.0).round() / 20.0 * max * 100.0).round() / 100.0
    } else {
        (share * max).round().min(max)
    }
}

/// The applicant's self-assessment: every leaf at its quality.
fn assessment(r: &round::Model, quality: f64) -> Result<Vec<AssessmentItem>> {
    let rubric = rounds::rubric(r)?;
    Ok(rubric
        .criteria()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_leaf())
        .map(|(n, c)| AssessmentItem {
            criterion: c.code.clone(),
            score: demo_score(
                c.max,
                quality + 0.05,
                n,
                c.scale == longzhi_review::rubric::Scale::Band5,
            ),
            note: "详见申报材料".into(),
        })
        .collect())
}

fn items(r: &round::Model, quality: f64, salt: usize, comment: &str) -> Result<Vec<ScoreItem>> {
    let rubric = rounds::rubric(r)?;
    Ok(rubric
        .criteria()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_leaf())
        .map(|(n, c)| ScoreItem {
            criterion: c.code.clone(),
            score: demo_score(
                c.max,
                quality,
                n + salt,
                c.scale == longzhi_review::rubric::Scale::Band5,
            ),
            comment: comment.into(),
        })
        .collect())
}

/// The principal of an applicant organisation without a demo user of its own.
async fn as_org(db: &DatabaseConnection, code: &str) -> Result<Principal> {
    let o = orgs::by_code(db, code).await?;
    Ok(Principal {
        org_id: o.id,
        region_path: o.region_path,
        ..Principal::system("seed-demo")
    })
}

async fn version(db: &DatabaseConnection, id: i64) -> Result<i32> {
    Ok(rounds::load(db, id).await?.version)
}

async fn app_version(db: &DatabaseConnection, id: i64) -> Result<i32> {
    Ok(applications::load(db, id).await?.version)
}

fn round_input(kind: &str, name: &str, year: i32) -> Result<RoundInput> {
    let t = templates::of(kind).ok_or(StoreError::NotFound)?;
    let day = today();
    Ok(RoundInput {
        kind: kind.into(),
        name: name.into(),
        year,
        rubric: None,
        eligibility: None,
        winners_quota: t.winners_quota,
        nominations_quota: t.nominations_quota,
        apply_from: day - Duration::days(30),
        apply_until: day + Duration::days(30),
        notice_days: t.notice_days,
        anonymous: t.anonymous,
        reviewers_per_application: t.reviewers_per_application,
        same_region_conflict: t.same_region_conflict,
        term_years: t.term_years,
        surveillance_years: t.surveillance_years,
        version: None,
    })
}

/// Applies, submits, has the city recommend (enterprises) and the province find it eligible.
async fn apply(
    db: &DatabaseConnection,
    province: &Principal,
    who: &Principal,
    city: Option<&Principal>,
    r: &round::Model,
    (industry, product, quality): (&str, &str, f64),
) -> Result<i64> {
    let a = applications::create(
        db,
        who,
        ApplicationInput {
            round_id: r.id,
            industry: industry.into(),
            product: product.into(),
            summary: format!("{product}:质量管理体系健全,主要指标处于省内同行业领先水平。"),
            contact: "质量部 0931-0000000".into(),
            self_assessment: assessment(r, quality)?,
            attachment_ids: vec![],
            version: None,
        },
    )
    .await?;
    applications::submit(db, who, a.id, VersionInput { version: a.version }).await?;
    if let Some(city) = city {
        applications::recommend(
            db,
            city,
            a.id,
            RecommendInput {
                decision: "recommend".into(),
                note: Some("经审核,同意推荐。".into()),
                version: app_version(db, a.id).await?,
            },
        )
        .await?;
    }
    let checks = rounds::eligibility(r)
        .into_iter()
        .map(|it| CheckItem {
            code: it.code,
            text: String::new(),
            passed: true,
            reason: None,
        })
        .collect();
    applications::check(
        db,
        province,
        a.id,
        CheckInput {
            items: checks,
            version: app_version(db, a.id).await?,
        },
    )
    .await?;
    Ok(a.id)
}

/// Every panel member of the round scores every leaf, except `skip` (their sheets wait).
async fn score_all(
    db: &DatabaseConnection,
    r: &round::Model,
    quality: &HashMap<i64, f64>,
    skip: Option<&str>,
) -> Result<()> {
    let panels = crate::entity::panel::Entity::find()
        .filter(crate::entity::panel::Column::RoundId.eq(r.id))
        .all(db)
        .await?;
    for m in panels {
        let e = crate::entity::expert::Entity::find_by_id(m.expert_id)
            .one(db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let Some(user) = e.user_id else { continue };
        let u = unscoped_by_id::<user::Entity, _>(user, "demo: an expert scores as themselves")
            .one(db)
            .await?
            .ok_or(StoreError::NotFound)?;
        let p = auth::principal_of(db, u, "seed-demo").await?;
        if Some(p.username.as_str()) == skip {
            continue;
        }
        let q = quality.get(&m.application_id).copied().unwrap_or(0.6);
        let salt = (e.id as usize) * 3;
        review::put_scores(
            db,
            &p,
            m.application_id,
            ScoreInput {
                stage: STAGES[0].into(),
                items: items(r, q, salt, "")?,
            },
        )
        .await?;
    }
    Ok(())
}

pub async fn seed(db: &DatabaseConnection) -> Result<()> {
    if round::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    let lanzhou = auth::principal_named(db, "lanzhou", "seed-demo").await?;
    let tianshui = auth::principal_named(db, "tianshui", "seed-demo").await?;
    let enterprise = auth::principal_named(db, "enterprise", "seed-demo").await?;
    let sys = Principal::system("seed-demo");
    extra_orgs(db).await?;
    for (n, (name, organisation, city, specialties, interests, user)) in EXPERTS.iter().enumerate()
    {
        // Experts without a demo login get a user of their own so that they score as themselves.
        let username = match user {
            Some(u) => (*u).to_owned(),
            None => expert_user(db, n, name).await?,
        };
        experts::create(
            db,
            &province,
            ExpertInput {
                name: (*name).into(),
                organisation: (*organisation).into(),
                region_code: (*city).into(),
                specialties: specialties.iter().map(|s| (*s).into()).collect(),
                interests: interests.iter().map(|s| (*s).into()).collect(),
                relations: if n == 1 {
                    vec![Relation {
                        organisation: "天水示范电工电器有限公司".into(),
                        year: today().year() - 1,
                    }]
                } else {
                    vec![]
                },
                username: Some(username),
                active: true,
                version: None,
            },
        )
        .await?;
    }
    award(db, &province, &lanzhou, &tianshui, &enterprise, &sys).await?;
    brand(db, &province, &lanzhou, &tianshui, &enterprise, &sys).await?;
    zones(db, &province, &lanzhou, &tianshui).await?;
    crate::terms::open_due(db, today()).await?;
    Ok(())
}

/// A user of role `expert` for the `n`-th demo expert.
async fn expert_user(db: &DatabaseConnection, n: usize, name: &str) -> Result<String> {
    use longzhi_store::repo::roles;
    use longzhi_store::repo::users::{self, NewUser};
    let username = format!("expert{}", n + 1);
    let org = orgs::by_code(db, "620000-experts").await?;
    let role = roles::by_code(db, "expert").await?;
    users::create_in(
        db,
        &Principal::system("seed-demo"),
        NewUser {
            username: username.clone(),
            display_name: name.into(),
            password: longzhi_store::seed::DEMO_PASSWORD.into(),
            org_id: org.id,
            role_ids: vec![role.id],
            email: None,
            phone: None,
        },
        longzhi_store::seed::demo_password_hash().await?,
        false,
    )
    .await?;
    Ok(username)
}

/// One more applicant for the award (白银).
async fn extra_orgs(db: &DatabaseConnection) -> Result<()> {
    let credit =
        CreditCode::complete("91620400MA7P00001").map_err(|e| StoreError::Validation(e.into()))?;
    let parent = orgs::by_code(db, "620400-bureau").await?;
    orgs::create(
        db,
        &Principal::system("seed-demo"),
        NewOrg {
            code: "demo-ent-by1".into(),
            name: "白银示范有色金属有限公司".into(),
            kind: "enterprise".into(),
            region_code: "620400".into(),
            parent_id: Some(parent.id),
            credit_code: Some(credit.to_string()),
            contact: Some("质量管理部".into()),
            phone: Some("0943-0000000".into()),
            sort: 0,
        },
    )
    .await?;
    Ok(())
}

/// Reviews round `id` to the end: panels, independent scores, consensus (the panel's median
/// share per item), a site-visit change on the leader, final ranks.
async fn review_through(
    db: &DatabaseConnection,
    province: &Principal,
    id: i64,
    quality: &HashMap<i64, f64>,
) -> Result<round::Model> {
    review::assign(
        db,
        province,
        id,
        VersionInput {
            version: version(db, id).await?,
        },
    )
    .await?;
    let r = rounds::load(db, id).await?;
    score_all(db, &r, quality, None).await?;
    review::lock(
        db,
        province,
        id,
        VersionInput {
            version: version(db, id).await?,
        },
    )
    .await?;
    let r = rounds::load(db, id).await?;
    for (app, q) in quality {
        review::put_scores(
            db,
            province,
            *app,
            ScoreInput {
                stage: STAGES[1].into(),
                items: items(&r, *q, 0, "专家组合议一致")?,
            },
        )
        .await?;
    }
    review::lock(
        db,
        province,
        id,
        VersionInput {
            version: version(db, id).await?,
        },
    )
    .await?;
    let best = quality
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(a, _)| *a);
    if let Some(best) = best {
        let r = rounds::load(db, id).await?;
        let first = items(&r, quality[&best], 0, "")?.remove(0);
        let rubric = rounds::rubric(&r)?;
        let max = rubric
            .index_of(&first.criterion)
            .map_or(0.0, |i| rubric.criteria()[i].max);
        review::put_scores(
            db,
            province,
            best,
            ScoreInput {
                stage: STAGES[2].into(),
                items: vec![ScoreItem {
                    comment: "现场评审核实:领导作用的证据充分,上调".into(),
                    score: (first.score + 5.0).min(max),
                    criterion: first.criterion,
                }],
            },
        )
        .await?;
    }
    review::lock(
        db,
        province,
        id,
        VersionInput {
            version: version(db, id).await?,
        },
    )
    .await?;
    rounds::load(db, id).await
}

/// Shortlists by rank, ends the notice, decides, and moves the round `days_ago` into the past.
async fn decide_in_past(
    db: &DatabaseConnection,
    province: &Principal,
    r: &round::Model,
    winners: usize,
    nominations: usize,
    days_ago: i64,
) -> Result<()> {
    let mut ranked = unscoped::<application::Entity>("demo: the round's ranking")
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::Rank.is_not_null())
        .all(db)
        .await?;
    ranked.sort_by_key(|a| a.rank);
    let ids: Vec<i64> = ranked.iter().map(|a| a.id).collect();
    decision::shortlist(
        db,
        province,
        r.id,
        ShortlistInput {
            winners: ids.iter().take(winners).copied().collect(),
            nominations: ids
                .iter()
                .skip(winners)
                .take(nominations)
                .copied()
                .collect(),
            version: version(db, r.id).await?,
        },
    )
    .await?;
    let day = today();
    round::Entity::update_many()
        .set(round::ActiveModel {
            notice_until: Set(Some(day - Duration::days(1))),
            ..Default::default()
        })
        .filter(round::Column::Id.eq(r.id))
        .exec(db)
        .await?;
    decision::decide(
        db,
        province,
        r.id,
        VersionInput {
            version: version(db, r.id).await?,
        },
    )
    .await?;
    let then = day - Duration::days(days_ago);
    round::Entity::update_many()
        .set(round::ActiveModel {
            apply_from: Set(then - Duration::days(150)),
            apply_until: Set(then - Duration::days(90)),
            notice_from: Set(Some(then - Duration::days(10))),
            notice_until: Set(Some(then - Duration::days(3))),
            decided_on: Set(Some(then)),
            ..Default::default()
        })
        .filter(round::Column::Id.eq(r.id))
        .exec(db)
        .await?;
    application::Entity::update_many()
        .set(application::ActiveModel {
            issued_on: Set(Some(then)),
            term_until: Set(Some(term_end(then, r.term_years))),
            ..Default::default()
        })
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::CertificateCode.is_not_null())
        .exec(db)
        .await?;
    Ok(())
}

/// (the applicant, the city that recommends it, (industry, product, quality))
type Applicant<'a> = (Principal, Option<&'a Principal>, (&'a str, &'a str, f64));

/// Creates and opens a round, has every applicant apply (recommended and found eligible) and
/// closes it for review: the round and each application's quality.
async fn round_of(
    db: &DatabaseConnection,
    province: &Principal,
    input: RoundInput,
    applicants: Vec<Applicant<'_>>,
) -> Result<(round::Model, HashMap<i64, f64>)> {
    let r = rounds::create(db, province, input).await?;
    rounds::open(db, province, r.id, VersionInput { version: r.version }).await?;
    let r = rounds::load(db, r.id).await?;
    let mut quality = HashMap::new();
    for (who, city, what) in applicants {
        let id = apply(db, province, &who, city, &r, what).await?;
        quality.insert(id, what.2);
    }
    rounds::close(
        db,
        province,
        r.id,
        VersionInput {
            version: version(db, r.id).await?,
        },
    )
    .await?;
    Ok((rounds::load(db, r.id).await?, quality))
}

async fn award(
    db: &DatabaseConnection,
    province: &Principal,
    lanzhou: &Principal,
    tianshui: &Principal,
    enterprise: &Principal,
    sys: &Principal,
) -> Result<()> {
    let year = today().year() - 1;
    let input = round_input("award", "第八届甘肃省人民政府质量奖", year)?;
    let applicants: Vec<Applicant> = vec![
        (
            enterprise.clone(),
            Some(lanzhou),
            ("装备制造", "数控机床", 0.82),
        ),
        (
            as_org(db, "demo-ent-ts1").await?,
            Some(tianshui),
            ("电工电器", "高低压开关设备", 0.78),
        ),
        (
            as_org(db, "demo-ent-jq1").await?,
            Some(sys),
            ("新能源", "风电装备", 0.74),
        ),
        (
            as_org(db, "demo-ent-lz2").await?,
            Some(sys),
            ("新材料", "高性能复合材料", 0.70),
        ),
        (
            as_org(db, "demo-ent-ln1").await?,
            Some(sys),
            ("农产品", "陇南橄榄油", 0.62),
        ),
        (
            as_org(db, "demo-ent-by1").await?,
            Some(sys),
            ("有色金属", "电解铜", 0.52),
        ),
    ];
    let (r, quality) = round_of(db, province, input, applicants).await?;
    let r = review_through(db, province, r.id, &quality).await?;
    decide_in_past(db, province, &r, 3, 2, 90).await?;
    let first = unscoped::<application::Entity>("demo: the award's winner")
        .filter(application::Column::RoundId.eq(r.id))
        .filter(application::Column::Rank.eq(1))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    applications::forward(
        db,
        province,
        first.id,
        ForwardInput {
            note: "推荐申报第五届中国质量奖".into(),
            version: first.version,
        },
    )
    .await?;
    Ok(())
}

async fn brand(
    db: &DatabaseConnection,
    province: &Principal,
    lanzhou: &Principal,
    tianshui: &Principal,
    enterprise: &Principal,
    sys: &Principal,
) -> Result<()> {
    let year = today().year();
    let input = round_input("brand", &format!("{year}年度“陇字号”品牌第一批"), year)?;
    let applicants: Vec<Applicant> = vec![
        (
            enterprise.clone(),
            Some(lanzhou),
            ("装备制造", "LZ 系列数控车床", 0.8),
        ),
        (
            as_org(db, "demo-ent-ts1").await?,
            Some(tianshui),
            ("电工电器", "天水牌真空断路器", 0.75),
        ),
        (
            as_org(db, "demo-ent-ln1").await?,
            Some(sys),
            ("农产品", "陇南特级初榨橄榄油", 0.7),
        ),
        (
            as_org(db, "demo-ent-by1").await?,
            Some(sys),
            ("有色金属", "阴极铜", 0.6),
        ),
    ];
    let (r, quality) = round_of(db, province, input, applicants).await?;
    review::assign(db, province, r.id, VersionInput { version: r.version }).await?;
    score_all(db, &r, &quality, Some("expert")).await
}

async fn zones(
    db: &DatabaseConnection,
    province: &Principal,
    lanzhou: &Principal,
    tianshui: &Principal,
) -> Result<()> {
    let year = today().year() - 2;
    let mut input = round_input("demo_zone", "甘肃省质量品牌提升示范区创建(第一批)", year)?;
    input.surveillance_years = 1;
    let applicants: Vec<Applicant> = vec![
        (
            lanzhou.clone(),
            None,
            ("装备制造", "兰州石化装备产业集聚区", 0.78),
        ),
        (
            tianshui.clone(),
            None,
            ("电工电器", "天水电工电器产业集聚区", 0.72),
        ),
    ];
    let (r, quality) = round_of(db, province, input, applicants).await?;
    let r = review_through(db, province, r.id, &quality).await?;
    decide_in_past(db, province, &r, 2, 0, 425).await
}
