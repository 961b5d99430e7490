//! What `longzhi seed --demo` adds for service quality: the ACSI-style questionnaire over the
//! twelve public services; the survey staff member `surveyor` of 兰州; two published rounds, a
//! year apart, of plausible responses for every city and service (a few imported ones failing
//! the data-quality rules, some entered by `surveyor`, one through a public link), computed by
//! the engine; remediation tasks after the latest round (one with evidence awaiting review, one
//! accepted); a coordinated event being handled in 兰州 and one assessed in 天水.
//!
//! Responses are drawn from a stated model — each city and service has a satisfaction level,
//! the items measure the constructs with noise — from a fixed seed, so the demo's figures are
//! the same on every machine; dates are relative to today.

use chrono::{Datelike, Duration};
use longzhi_reports::xlsx::Sheet;
use longzhi_store::repo::users::NewUser;
use longzhi_store::repo::{auth, orgs, regions, roles, users};
use longzhi_store::scope::Principal;
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::entity::survey;
use crate::events::{self, EventInput, NoteInput};
use crate::responses::{self, Answers, ResponseInput};
use crate::rounds::{
    self, CollectorInput, LinksInput, QuotaCell, QuotasInput, RoundInput, VersionInput,
};
use crate::surveys::{self, SurveyInput};
use crate::tasks::{self, EvidenceInput, ReviewInput, TaskInput};
use crate::{notice, results};

/// The demo's survey staff account (兰州).
pub const COLLECTOR_USER: &str = "surveyor";
/// Respondents per city and service in a demo round.
const PER_CELL: usize = 12;

const SERVICES: [&str; 12] = [
    "pub_education",
    "pub_employment",
    "pub_health",
    "pub_social_security",
    "pub_utilities",
    "pub_transport",
    "pub_safety",
    "pub_culture",
    "pub_sport",
    "pub_elderly_care",
    "pub_government",
    "pub_environment",
];

pub async fn seed(db: &DatabaseConnection) -> Result<()> {
    if survey::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    let lanzhou = auth::principal_named(db, "lanzhou", "seed-demo").await?;
    collector_user(db).await?;
    let surveyor = auth::principal_named(db, COLLECTOR_USER, "seed-demo").await?;
    let (constructs, paths) = surveys::acsi_template();
    let s = surveys::create(
        db,
        &province,
        SurveyInput {
            code: "PSQ".into(),
            name: "公共服务质量满意度调查".into(),
            scale_min: 1,
            scale_max: 10,
            min_seconds: 90,
            max_missing: 0.2,
            target: "CS".into(),
            services: SERVICES.iter().map(|s| (*s).to_owned()).collect(),
            constructs,
            paths,
            version: None,
        },
    )
    .await?;
    let s = surveys::activate(db, &province, s.id, s.version).await?;
    let survey = surveys::load(db, s.id).await?;
    let items: Vec<String> = survey.model.items().map(|i| i.code.clone()).collect();
    let cities: Vec<String> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let mut last_round = 0;
    for (k, days_ago) in [(0u64, 410i64), (1, 75)] {
        let starts_on = today() - Duration::days(days_ago);
        let r = rounds::create(
            db,
            &province,
            RoundInput {
                survey_id: s.id,
                name: format!("{}年度公共服务质量满意度调查", starts_on.year()),
                year: starts_on.year(),
                starts_on,
                ends_on: starts_on + Duration::days(30),
                resamples: Some(500),
                version: None,
            },
        )
        .await?;
        let cells = cities
            .iter()
            .flat_map(|c| {
                SERVICES.iter().map(move |sv| QuotaCell {
                    region_code: c.clone(),
                    service: (*sv).into(),
                    target: PER_CELL as i32,
                })
            })
            .collect();
        rounds::set_quotas(db, &province, r.id, QuotasInput { quotas: cells }).await?;
        let r = rounds::open(db, &province, r.id, VersionInput { version: r.version }).await?;
        let mut rng = ChaCha8Rng::seed_from_u64(2023 + k);
        // 兰州's transport quota: collected by the survey staff member, and one public link.
        let quotas = rounds::quotas(db, &lanzhou, r.id).await?;
        let q = quotas
            .iter()
            .find(|q| q.service == "pub_transport")
            .ok_or(StoreError::NotFound)?;
        rounds::assign(
            db,
            &lanzhou,
            q.id,
            CollectorInput {
                collector_id: Some(surveyor.user_id),
                version: q.version,
            },
        )
        .await?;
        for _ in 0..3 {
            let (answers, duration) = respondent(&mut rng, &items, 0.3, k);
            responses::enter(
                db,
                &surveyor,
                r.id,
                ResponseInput {
                    quota_id: q.id,
                    answers,
                    duration_seconds: Some(duration),
                },
            )
            .await?;
        }
        let link = rounds::links(db, &lanzhou, q.id, LinksInput { count: 1 })
            .await?
            .remove(0);
        let (answers, duration) = respondent(&mut rng, &items, 0.3, k);
        responses::public_submit(
            db,
            "seed-demo",
            &link.token,
            responses::PublicAnswer {
                answers,
                duration_seconds: Some(duration),
            },
        )
        .await?;
        let sheet = sheet(&mut rng, &cities, &items, k);
        responses::import(db, &province, r.id, sheet)
            .await?
            .map_err(|e| StoreError::Io(format!("demo import: {e:?}")))?;
        let r = rounds::close(db, &province, r.id, VersionInput { version: r.version }).await?;
        results::compute(db, &province, r.id).await?;
        let r = rounds::get(db, r.id).await?;
        notice::publish(db, &province, r.id, VersionInput { version: r.version }).await?;
        last_round = r.id;
    }
    remediation(db, &province, &lanzhou, last_round).await?;
    let bureau = orgs::by_code(db, "620100-bureau").await?;
    let province_bureau = orgs::by_code(db, "620000-bureau").await?;
    let e = events::create(
        db,
        &lanzhou,
        EventInput {
            title: "城关区供水管网爆管致大面积停水".into(),
            region_code: "620100".into(),
            service: "pub_utilities".into(),
            severity: "serious".into(),
            occurred_on: today() - Duration::days(3),
            description: "城关区主供水管网爆管,约 3 万户停水 14 小时,12345 热线投诉集中。".into(),
            lead_org_id: bureau.id,
            org_ids: vec![province_bureau.id],
        },
    )
    .await?;
    events::act(
        db,
        &lanzhou,
        e.id,
        NoteInput {
            note: "约谈供水企业,督促抢修并设置临时供水点 12 处;启动服务质量专项检查。".into(),
            version: e.version,
        },
    )
    .await?;
    // 天水's event, handled to the end: resolved by the city and assessed by the province.
    let tianshui = auth::principal_named(db, "tianshui", "seed-demo").await?;
    let e = events::create(
        db,
        &tianshui,
        EventInput {
            title: "景区高峰期游客滞留".into(),
            region_code: "620500".into(),
            service: "pub_transport".into(),
            severity: "general".into(),
            occurred_on: today() - Duration::days(40),
            description: "麦积山景区国庆高峰期接驳车辆不足,游客滞留约 3 小时。".into(),
            lead_org_id: tianshui.org_id,
            org_ids: vec![],
        },
    )
    .await?;
    let e = events::resolve(
        db,
        &tianshui,
        e.id,
        NoteInput {
            note: "增开接驳车辆 20 台,实行分时预约入园。".into(),
            version: e.version,
        },
    )
    .await?;
    events::assess(
        db,
        &province,
        e.id,
        events::AssessInput {
            assessment: "响应及时,措施有效,建议形成高峰期常态化预案。".into(),
            rating: 4,
            version: e.version,
        },
    )
    .await?;
    Ok(())
}

/// The survey staff member of 兰州's bureau.
async fn collector_user(db: &DatabaseConnection) -> Result<()> {
    let sys = Principal::system("seed-demo");
    let org = orgs::by_code(db, "620100-bureau").await?;
    let role = roles::by_code(db, rounds::COLLECTOR_ROLE).await?;
    users::create_in(
        db,
        &sys,
        NewUser {
            username: COLLECTOR_USER.into(),
            display_name: "兰州市满意度调查员".into(),
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
    Ok(())
}

/// Tasks after the latest round: 兰州's transport with evidence awaiting review, 天水's elderly
/// care accepted.
async fn remediation(
    db: &DatabaseConnection,
    province: &Principal,
    lanzhou: &Principal,
    round_id: i64,
) -> Result<()> {
    let tianshui = auth::principal_named(db, "tianshui", "seed-demo").await?;
    for (who, region, service, title, accept) in [
        (
            lanzhou,
            "620100",
            "pub_transport",
            "公交准点率和换乘便利度整改",
            false,
        ),
        (
            &tianshui,
            "620500",
            "pub_elderly_care",
            "社区养老服务供给与收费透明度整改",
            true,
        ),
    ] {
        let t = tasks::create(
            db,
            province,
            TaskInput {
                round_id,
                region_code: region.into(),
                service: service.into(),
                org_id: who.org_id,
                title: title.into(),
                requirement: "针对满意度调查中感知质量和感知价值得分偏低的问题,制定整改方案,明确责任单位和时限,报送整改成效材料。".into(),
                deadline: today() + Duration::days(if accept { 10 } else { 30 }),
            },
        )
        .await?;
        let t = tasks::submit(
            db,
            who,
            t.id,
            EvidenceInput {
                evidence: "已制定整改方案并完成第一阶段措施,附整改前后对比数据。".into(),
                attachment_ids: vec![],
                version: t.version,
            },
        )
        .await?;
        if accept {
            tasks::review(
                db,
                province,
                t.id,
                ReviewInput {
                    decision: "accept".into(),
                    comment: Some("整改措施具体,成效明显。".into()),
                    version: t.version,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// One respondent: the constructs from the model (expectation → quality → value →
/// satisfaction → complaints → loyalty), `level` shifting perceived quality, then each item the
/// construct on the 1–10 scale with noise; and the time taken.
fn respondent(rng: &mut ChaCha8Rng, items: &[String], level: f64, round: u64) -> (Answers, i32) {
    let ex = normal(rng);
    let pq = 0.5 * ex + level + 0.1 * round as f64 + 0.8 * normal(rng);
    let pv = 0.6 * pq + 0.2 * ex + 0.7 * normal(rng);
    let cs = 0.5 * pq + 0.3 * pv + 0.1 * ex + 0.5 * normal(rng);
    let cc = 0.6 * cs + 0.8 * normal(rng);
    let cl = 0.5 * cs + 0.3 * cc + 0.6 * normal(rng);
    let value = |code: &str| match &code[..2] {
        "EX" => ex,
        "PQ" => pq,
        "PV" => pv,
        "CS" => cs,
        "CC" => cc,
        _ => cl,
    };
    let answers = items
        .iter()
        .map(|i| {
            let x = (7.0 + 1.2 * value(i) + 0.9 * normal(rng))
                .round()
                .clamp(1.0, 10.0);
            (i.clone(), Some(x))
        })
        .collect();
    let duration = (240.0 + 60.0 * normal(rng)).max(95.0) as i32;
    (answers, duration)
}

/// The imported responses of every city and service, a few of them failing a data-quality rule.
fn sheet(rng: &mut ChaCha8Rng, cities: &[String], items: &[String], round: u64) -> Sheet {
    let mut headers = vec![
        "region_code".to_owned(),
        "service".to_owned(),
        "duration_seconds".to_owned(),
    ];
    headers.extend(items.iter().cloned());
    let mut rows = Vec::new();
    for (ci, city) in cities.iter().enumerate() {
        // Cities and services differ by a stable amount; the later round improves unevenly.
        let city_level = ((ci * 37) % 17) as f64 / 17.0 - 0.5
            + if round == 1 && ci % 3 == 0 { 0.2 } else { 0.0 };
        for (si, service) in SERVICES.iter().enumerate() {
            let level = city_level + ((si * 5) % 12) as f64 / 24.0 - 0.25;
            let n = if city == "620100" && *service == "pub_transport" {
                PER_CELL - 4
            } else {
                PER_CELL
            };
            for _ in 0..n {
                let (mut answers, mut duration) = respondent(rng, items, level, round);
                match rng.random_range(0..100) {
                    0 | 1 => duration = 40,
                    2 => answers.values_mut().for_each(|v| *v = Some(8.0)),
                    3 => answers.values_mut().take(5).for_each(|v| *v = None),
                    _ => {}
                }
                let mut cells = vec![city.clone(), (*service).to_owned(), duration.to_string()];
                cells.extend(
                    items
                        .iter()
                        .map(|i| answers[i].map(|v| v.to_string()).unwrap_or_default()),
                );
                rows.push((rows.len() + 2, cells));
            }
        }
    }
    Sheet { headers, rows }
}
