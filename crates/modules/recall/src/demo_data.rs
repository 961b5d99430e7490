//! What `longzhi seed --demo` adds, through the module's own repository functions as the users
//! who would act (so the same rules and audit trail apply), with dates relative to today:
//!
//! - the producers of the injury module's planted signals as enterprises — 迅驰科技有限公司 (user
//!   `producer`; its XC-20000 × fire signal is left for staff to act on) and 乐宝科技有限公司;
//! - an expert pool by specialty, one expert with a declared conflict with 迅驰, the demo user
//!   `expert` among them;
//! - 乐宝's LB-08 magnetic beads: assessed serious, investigated, found defective, recall ordered,
//!   published three months ago with three progress reports;
//! - 兰州示范机械's charger: under expert review (the `expert` user's to give an opinion);
//! - a voluntary recall by 兰州示范机械 whose progress report is overdue;
//! - a published consumer tip, a risk warning in review, a published guidance notice.

use chrono::{Duration, Utc};
use longzhi_domain::CreditCode;
use longzhi_injury::entity::report;
use longzhi_store::entity::org;
use longzhi_store::repo::orgs::{self, NewOrg};
use longzhi_store::repo::users::{self, NewUser};
use longzhi_store::repo::{auth, roles};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use crate::entity::{investigation, progress, recall};
use crate::experts::{self, Conflict, ExpertInput};
use crate::investigations::{self as inv, *};
use crate::recalls::{self, ChannelProgress, ProgressInput, RecallInput, VersionInput};
use crate::warnings::{self, WarningInput, WarningReview};
use crate::{risk, risk::AssessmentInput};

/// The demo producer account (迅驰科技有限公司).
pub const PRODUCER_USER: &str = "producer";

/// The enterprise organisation of a brand the injury demo reports name (its credit code from
/// those reports), created in Lanzhou with a user when `username` is given.
async fn producer_org(
    db: &DatabaseConnection,
    brand: &str,
    code: &str,
    username: Option<(&str, &str)>,
) -> Result<org::Model> {
    let credit = match unscoped::<report::Entity>("the demo's producers are the reports' brands")
        .filter(report::Column::Brand.eq(brand))
        .one(db)
        .await?
        .and_then(|r| r.producer_code)
    {
        Some(c) => c,
        None => CreditCode::complete(&format!("91620100MA72D{:04}", code.len()))
            .map_err(|e| StoreError::Validation(e.into()))?
            .to_string(),
    };
    let sys = Principal::system("seed-demo");
    let org = match orgs::by_code(db, code).await {
        Ok(o) => o,
        Err(_) => {
            let parent = orgs::by_code(db, "620100-bureau").await?;
            orgs::create(
                db,
                &sys,
                NewOrg {
                    code: code.into(),
                    name: format!("{brand}科技有限公司"),
                    kind: "enterprise".into(),
                    region_code: "620100".into(),
                    parent_id: Some(parent.id),
                    credit_code: Some(credit),
                    contact: Some("质量部".into()),
                    phone: Some("0931-8800000".into()),
                    sort: 0,
                },
            )
            .await?;
            orgs::by_code(db, code).await?
        }
    };
    if let Some((username, display)) = username
        && users::by_username(db, username).await?.is_none()
    {
        let role = roles::by_code(db, "enterprise").await?;
        users::create_in(
            db,
            &sys,
            NewUser {
                username: username.into(),
                display_name: display.into(),
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
    }
    Ok(org)
}

fn conflict_with(brand: &str, note: &str) -> Conflict {
    Conflict {
        brand: Some(brand.into()),
        note: note.into(),
        ..Default::default()
    }
}

async fn seed_experts(db: &DatabaseConnection, p: &Principal) -> Result<Vec<i64>> {
    let expert_user = "expert";
    let pool = [
        (
            "王建国",
            "electrical",
            "教授级高工",
            "甘肃省产品质量监督检验研究院",
            Some(expert_user),
            None,
        ),
        (
            "李秀英",
            "children",
            "研究员",
            "兰州大学第一医院",
            None,
            None,
        ),
        (
            "张志强",
            "battery",
            "高级工程师",
            "兰州理工大学",
            None,
            Some(conflict_with("迅驰", "曾任该企业技术顾问")),
        ),
        ("刘洋", "mechanical", "副教授", "兰州交通大学", None, None),
        (
            "陈静",
            "chemical",
            "高级工程师",
            "甘肃省化工研究院",
            None,
            None,
        ),
        (
            "杨帆",
            "standards",
            "高级工程师",
            "甘肃省标准化研究院",
            None,
            None,
        ),
    ];
    let mut ids = Vec::new();
    for (name, specialty, title, employer, username, conflict) in pool {
        let e = experts::create(
            db,
            p,
            ExpertInput {
                name: name.into(),
                specialty: specialty.into(),
                title: title.into(),
                employer: employer.into(),
                phone: None,
                email: None,
                username: username.map(str::to_owned),
                conflicts: conflict.into_iter().collect(),
                active: true,
                version: None,
            },
        )
        .await?;
        ids.push(e.id);
    }
    Ok(ids)
}

/// Moves the demo's records' dates back so they read like a history (repository calls stamp
/// today).
async fn backdate_recall(db: &DatabaseConnection, id: i64, published_days_ago: i64) -> Result<()> {
    let m = longzhi_store::scope::unscoped_by_id::<recall::Entity, _>(id, "the demo's own record")
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    recall::ActiveModel {
        id: Set(id),
        published_at: Set(Some(Utc::now() - Duration::days(published_days_ago))),
        created_at: Set(m.created_at - Duration::days(published_days_ago + 7)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

fn step(version: i32) -> StepInput {
    StepInput {
        note: None,
        version,
    }
}

pub async fn seed(db: &DatabaseConnection) -> Result<()> {
    if unscoped::<investigation::Entity>("the demo runs once, whoever's records exist")
        .count(db)
        .await?
        > 0
    {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    let today = today();
    producer_org(
        db,
        "迅驰",
        "demo-ent-xunchi",
        Some((PRODUCER_USER, "迅驰科技质量部")),
    )
    .await?;
    producer_org(
        db,
        "乐宝",
        "demo-ent-lebao",
        Some(("lebao", "乐宝科技质量部")),
    )
    .await?;
    let lebao = auth::principal_named(db, "lebao", "seed-demo").await?;
    let lebao_code = orgs::by_code(db, "demo-ent-lebao")
        .await?
        .credit_code
        .unwrap_or_default();
    let experts = seed_experts(db, &province).await?;
    let expert = auth::principal_named(db, "expert", "seed-demo").await?;

    // 乐宝 LB-08: from assessment to a recall three months under way.
    let a = inv::create(
        db,
        &province,
        InvestigationInput {
            title: "乐宝 LB-08 磁力珠吞食风险调查".into(),
            category: "toy".into(),
            brand: "乐宝".into(),
            model: "LB-08 磁力珠".into(),
            hazard: "choking".into(),
            description:
                "伤害监测与缺陷信息显示多起儿童误吞磁力珠,小磁体可能在肠道内相互吸引导致穿孔。"
                    .into(),
            producer_code: lebao_code,
            source: Some("signal".into()),
            signal_id: None,
            report_id: None,
        },
    )
    .await?;
    risk::create(
        db,
        &province,
        AssessmentInput {
            title: "LB-08 磁力珠儿童吞食".into(),
            investigation_id: Some(a.id),
            report_id: None,
            signal_id: None,
            input: json!({"scenarios": [{
                "severity": 4,
                "description": "3 岁儿童吞食两颗以上磁珠",
                "hazard": "小磁体", "injury": "肠穿孔", "consumer": "3 岁以下儿童",
                "steps": [
                    {"description": "产品进入有幼儿的家庭", "probability": "1/2"},
                    {"description": "幼儿接触到脱落的磁珠", "probability": "1/10"},
                    {"description": "吞食两颗以上", "probability": "1/20"},
                    {"description": "磁珠在肠道内相互吸引导致穿孔", "probability": "1/5"}
                ]
            }]}),
        },
    )
    .await?;
    let a = inv::notify(db, &province, a.id, step(a.version)).await?;
    let a = inv::analyse(
        db,
        &lebao,
        a.id,
        AnalysisInput {
            analysis: "经排查,2025 年 3 月至 8 月生产批次磁珠包装盒卡扣强度不足,跌落后易开启;涉及约 1.2 万件。".into(),
            version: a.version,
        },
    )
    .await?;
    let d = inv::assign(
        db,
        &province,
        a.id,
        AssignInput {
            expert_ids: vec![experts[0], experts[1]],
            version: a.version,
        },
    )
    .await?;
    inv::opine(
        db,
        &expert,
        d.investigation.id,
        OpinionInput {
            opinion: "包装在合理可预见的使用条件下无法防止幼儿取出磁珠,不符合 GB 6675.2 对小零件的要求,认定存在缺陷。".into(),
            defect: true,
        },
    )
    .await?;
    let c = inv::conclude(
        db,
        &province,
        a.id,
        ConclusionInput {
            conclusion: "defect".into(),
            note: "磁珠包装卡扣强度不足,幼儿可取出并吞食磁珠,存在危及人身安全的缺陷。".into(),
            version: d.investigation.version,
        },
    )
    .await?;
    let o = inv::order(db, &province, c.id, step(c.version)).await?;
    let rid = o.recall_id.ok_or(StoreError::NotFound)?;
    let r = recalls::detail(db, &lebao, rid).await?.recall;
    let r = recalls::update(
        db,
        &lebao,
        rid,
        RecallInput {
            title: "乐宝 LB-08 磁力珠召回".into(),
            producer_code: None,
            category: "toy".into(),
            brand: "乐宝".into(),
            models: vec!["LB-08 磁力珠".into()],
            batches: vec!["LB08-2503".into(), "LB08-2505".into(), "LB08-2508".into()],
            produced_from: Some(today - Duration::days(600)),
            produced_to: Some(today - Duration::days(450)),
            quantity: 12_000,
            channels: vec!["online".into(), "retail".into()],
            hazard: "choking".into(),
            defect: r.defect.clone(),
            remedy: "refund".into(),
            consumer_action: "立即停止使用并将产品放在儿童接触不到的地方,凭购买凭证或产品实物到原购买渠道办理全额退款。".into(),
            contact: "400-800-1234".into(),
            ends_on: Some(today + Duration::days(90)),
            report_every_days: Some(30),
            version: Some(r.version),
        },
    )
    .await?
    .recall;
    let mut r = recalls::publish(db, &province, rid, VersionInput { version: r.version })
        .await?
        .recall;
    for (k, days) in [65, 35, 5].into_iter().enumerate() {
        r = recalls::report_progress(
            db,
            &lebao,
            rid,
            ProgressInput {
                period_end: today - Duration::days(days),
                channels: vec![
                    ChannelProgress {
                        channel: "online".into(),
                        notified: [5000, 2000, 1000][k],
                        corrected: [1800, 2100, 1700][k],
                    },
                    ChannelProgress {
                        channel: "retail".into(),
                        notified: [2500, 800, 400][k],
                        corrected: [700, 900, 800][k],
                    },
                ],
                note: "通过电商平台站内信、门店公告和短信通知消费者。".into(),
                version: r.version,
            },
        )
        .await?
        .recall;
    }
    backdate_recall(db, rid, 95).await?;

    // 兰州示范机械's charger: awaiting the expert's opinion.
    let lz1 = orgs::by_code(db, "demo-ent-lz1").await?;
    let b = inv::create(
        db,
        &province,
        InvestigationInput {
            title: "示范牌 SF-60 电动自行车充电器过热调查".into(),
            category: "e-bike".into(),
            brand: "示范".into(),
            model: "SF-60 充电器".into(),
            hazard: "fire".into(),
            description: "多起消费者投诉充电器充电过程中外壳发烫、冒烟。".into(),
            producer_code: lz1.credit_code.clone().unwrap_or_default(),
            source: Some("report".into()),
            signal_id: None,
            report_id: None,
        },
    )
    .await?;
    let enterprise = auth::principal_named(db, "enterprise", "seed-demo").await?;
    let b = inv::notify(db, &province, b.id, step(b.version)).await?;
    let b = inv::analyse(
        db,
        &enterprise,
        b.id,
        AnalysisInput {
            analysis: "送检样品温升符合 GB 4706.18;投诉样品系用户自行更换的非原装电池所致,我司认为不存在缺陷。".into(),
            version: b.version,
        },
    )
    .await?;
    inv::assign(
        db,
        &province,
        b.id,
        AssignInput {
            expert_ids: vec![experts[0], experts[5]],
            version: b.version,
        },
    )
    .await?;

    // 兰州示范机械's own recall, its progress report overdue.
    let v = recalls::create(
        db,
        &enterprise,
        RecallInput {
            title: "示范牌 JX-200 家用绞肉机召回".into(),
            producer_code: None,
            category: "kitchen-appliance".into(),
            brand: "示范".into(),
            models: vec!["JX-200".into()],
            batches: vec!["2025-09".into()],
            produced_from: Some(today - Duration::days(200)),
            produced_to: Some(today - Duration::days(170)),
            quantity: 3_400,
            channels: vec!["online".into(), "wholesale".into()],
            hazard: "cut".into(),
            defect: "刀组固定螺母可能松脱,使用中刀片外露,存在割伤风险。".into(),
            remedy: "repair".into(),
            consumer_action: "停止使用,联系生产者免费上门更换加固刀组。".into(),
            contact: "0931-8888001".into(),
            ends_on: Some(today + Duration::days(120)),
            report_every_days: Some(30),
            version: None,
        },
    )
    .await?;
    let v = recalls::publish(db, &province, v.id, VersionInput { version: v.version })
        .await?
        .recall;
    recalls::report_progress(
        db,
        &enterprise,
        v.id,
        ProgressInput {
            period_end: today - Duration::days(40),
            channels: vec![ChannelProgress {
                channel: "online".into(),
                notified: 2100,
                corrected: 900,
            }],
            note: "已通过电商平台通知全部线上购买者。".into(),
            version: v.version,
        },
    )
    .await?;
    backdate_recall(db, v.id, 75).await?;
    recall::ActiveModel {
        id: Set(v.id),
        next_report_due: Set(Some(today - Duration::days(10))),
        ..Default::default()
    }
    .update(db)
    .await?;
    progress::Entity::update_many()
        .col_expr(
            progress::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::days(39)),
        )
        .filter(progress::Column::RecallId.eq(v.id))
        .exec(db)
        .await?;

    seed_tianshui(db, &province).await?;
    seed_warnings(db, &province).await
}

/// 天水: an investigation the city opened with its assessment, a recall plan still in draft (never
/// on the portal) and a draft warning.
async fn seed_tianshui(db: &DatabaseConnection, province: &Principal) -> Result<()> {
    let tianshui = auth::principal_named(db, "tianshui", "seed-demo").await?;
    let ts1 = orgs::by_code(db, "demo-ent-ts1").await?;
    let code = ts1.credit_code.clone().unwrap_or_default();
    let t = inv::create(
        db,
        &tianshui,
        InvestigationInput {
            title: "示范牌 PX-6 插线板电击风险调查".into(),
            category: "household-appliance".into(),
            brand: "示范电工".into(),
            model: "PX-6".into(),
            hazard: "electric-shock".into(),
            description: "监督抽查发现插套保护门失效,儿童可将金属物插入带电插套。".into(),
            producer_code: code.clone(),
            source: Some("manual".into()),
            signal_id: None,
            report_id: None,
        },
    )
    .await?;
    risk::create(
        db,
        &tianshui,
        AssessmentInput {
            title: "PX-6 插线板儿童触电".into(),
            investigation_id: Some(t.id),
            report_id: None,
            signal_id: None,
            input: json!({"scenarios": [{
                "severity": 3,
                "description": "儿童将发卡插入保护门失效的插套",
                "steps": [
                    {"description": "家中有 2–6 岁儿童", "probability": "1/3"},
                    {"description": "儿童将金属物插入插套", "probability": "1/50"},
                    {"description": "保护门失效,接触带电件", "probability": "1/2"}
                ]
            }]}),
        },
    )
    .await?;
    recalls::create(
        db,
        province,
        RecallInput {
            title: "示范电工 PX-6 插线板召回".into(),
            producer_code: Some(code),
            category: "household-appliance".into(),
            brand: "示范电工".into(),
            models: vec!["PX-6".into()],
            hazard: "electric-shock".into(),
            quantity: 5_000,
            ..Default::default()
        },
    )
    .await?;
    warnings::create(
        db,
        &tianshui,
        WarningInput {
            kind: "consumer_tip".into(),
            title: "选购插线板请认准插套保护门".into(),
            category: Some("household-appliance".into()),
            hazard: Some("electric-shock".into()),
            body: "家中有儿童的,请选购带插套保护门的插线板,不用时拔下插头。".into(),
            version: None,
        },
    )
    .await?;
    Ok(())
}

async fn seed_warnings(db: &DatabaseConnection, province: &Principal) -> Result<()> {
    let lanzhou = auth::principal_named(db, "lanzhou", "seed-demo").await?;
    let tip = warnings::create(
        db,
        &lanzhou,
        WarningInput {
            kind: "consumer_tip".into(),
            title: "警惕儿童误吞磁力珠".into(),
            category: Some("toy".into()),
            hazard: Some("choking".into()),
            body: "磁力珠等含小磁体的玩具不适合 14 岁以下儿童。儿童吞食两颗以上磁珠,磁珠可能在肠道内相互吸引,导致肠穿孔等严重伤害。\n\n家长应将此类产品放在儿童接触不到的地方;一旦怀疑误吞,请立即就医,不要等待症状出现。".into(),
            version: None,
        },
    )
    .await?;
    let tip = warnings::submit(
        db,
        &lanzhou,
        tip.id,
        VersionInput {
            version: tip.version,
        },
    )
    .await?;
    let tip = warnings::review(
        db,
        province,
        tip.id,
        WarningReview {
            approve: true,
            note: None,
            version: tip.version,
        },
    )
    .await?;
    warnings::publish(
        db,
        province,
        tip.id,
        VersionInput {
            version: tip.version,
        },
    )
    .await?;
    let w = warnings::create(
        db,
        &lanzhou,
        WarningInput {
            kind: "risk_warning".into(),
            title: "冬季电动自行车充电安全风险警示".into(),
            category: Some("e-bike".into()),
            hazard: Some("fire".into()),
            body: "冬季电动自行车室内充电、飞线充电引发的火灾多发。请勿在楼道、室内充电,使用原装充电器,充满即断电。".into(),
            version: None,
        },
    )
    .await?;
    warnings::submit(db, &lanzhou, w.id, VersionInput { version: w.version }).await?;
    let g = warnings::create(
        db,
        province,
        WarningInput {
            kind: "guidance".into(),
            title: "关于开展儿童用品小零件自查的指导意见".into(),
            category: Some("toy".into()),
            hazard: Some("choking".into()),
            body: "请各生产企业对照 GB 6675 系列标准,对在产在售儿童用品的小零件、包装强度开展自查,发现问题及时主动召回。".into(),
            version: None,
        },
    )
    .await?;
    let g = warnings::submit(db, province, g.id, VersionInput { version: g.version }).await?;
    let g = warnings::review(
        db,
        &second_reviewer(db).await?,
        g.id,
        WarningReview {
            approve: true,
            note: None,
            version: g.version,
        },
    )
    .await?;
    warnings::publish(db, province, g.id, VersionInput { version: g.version }).await?;
    Ok(())
}

/// A second province reviewer for the province's own draft (nobody reviews their own): the
/// administrator.
async fn second_reviewer(db: &DatabaseConnection) -> Result<Principal> {
    auth::principal_named(db, "admin", "seed-demo").await
}
