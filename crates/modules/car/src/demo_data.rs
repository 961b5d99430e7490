//! What `longzhi seed --demo` adds, through the module's own repository functions as the users
//! who would act, with dates relative to today:
//!
//! - three makers as enterprises (远航 with the user `carmaker`, 天成, 陇风), six models with
//!   their 三包凭证 terms, dealers in 兰州, 天水 and 酒泉;
//! - the province's working calendar for this year and the next (as the State Council sets it);
//! - a year of disputes in 兰州 and 天水 with repair histories — most settled by repair, some
//!   heading for replacement or refund (a gearbox replaced twice, a brake failure in the first
//!   weeks, the same fault five times), a few past the seller's deadline — mediations, an
//!   opinion asked of the `expert` user, and outcomes;
//! - four car-accident cases at the demo hospital (entered by `hospital`), three linked to the
//!   vehicles of disputes.

use chrono::{Datelike, Duration, NaiveDate};
use longzhi_domain::{CreditCode, Vin};
use longzhi_store::repo::orgs::{self, NewOrg};
use longzhi_store::repo::users::{self, NewUser};
use longzhi_store::repo::{auth, roles};
use longzhi_store::scope::Principal;
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::calendar::{self, HolidayInput};
use crate::disputes::{self, AnswerInput, CloseInput, DisputeInput, ExpertsInput, MediationInput};
use crate::entity::maker;
use crate::makers::{self, DealerInput, MakerInput, ModelInput};
use crate::repairs::RepairInput;

/// The demo maker account (甘肃远航汽车有限公司).
pub const MAKER_USER: &str = "carmaker";

/// A maker's enterprise organisation in `region` (with a user when given).
async fn maker_org(
    db: &DatabaseConnection,
    code: &str,
    name: &str,
    region: &str,
    serial: &str,
    user: Option<(&str, &str)>,
) -> Result<String> {
    let sys = Principal::system("seed-demo");
    let credit = CreditCode::complete(&format!("91{region}MA7C{serial}"))
        .map_err(|e| StoreError::Validation(e.into()))?;
    let parent = orgs::by_code(db, &format!("{region}-bureau")).await?;
    orgs::create(
        db,
        &sys,
        NewOrg {
            code: code.into(),
            name: name.into(),
            kind: "enterprise".into(),
            region_code: region.into(),
            parent_id: Some(parent.id),
            credit_code: Some(credit.to_string()),
            contact: Some("售后服务部".into()),
            phone: Some("400-800-0000".into()),
            sort: 0,
        },
    )
    .await?;
    if let Some((username, display)) = user {
        let org = orgs::by_code(db, code).await?;
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
    Ok(credit.to_string())
}

/// The days off and the working weekend days of `year` as the State Council's notice for 2026
/// set them (the demo repeats the pattern for other years; the province enters the real ones).
fn holidays(year: i32) -> Vec<(NaiveDate, &'static str, &'static str)> {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day);
    let mut out = Vec::new();
    let mut off = |m, from, to, name| {
        for day in from..=to {
            if let Some(x) = d(m, day)
                && x.weekday().num_days_from_monday() < 5
            {
                out.push((x, "holiday", name));
            }
        }
    };
    off(1, 1, 3, "元旦");
    off(2, 15, 23, "春节");
    off(4, 4, 6, "清明节");
    off(5, 1, 5, "劳动节");
    off(6, 19, 21, "端午节");
    off(9, 25, 27, "中秋节");
    off(10, 1, 7, "国庆节");
    for (m, day, name) in [
        (1, 4, "元旦调休"),
        (2, 14, "春节调休"),
        (2, 28, "春节调休"),
        (9, 20, "国庆节调休"),
        (10, 10, "国庆节调休"),
    ] {
        if let Some(x) = d(m, day)
            && x.weekday().num_days_from_monday() >= 5
        {
            out.push((x, "workday", name));
        }
    }
    out
}

/// A small deterministic generator, so that every demo database holds the same history.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn visit(
    date: NaiveDate,
    km: f64,
    kind: &str,
    system: &str,
    part: Option<&str>,
    fault: &str,
    days: f64,
) -> RepairInput {
    RepairInput {
        date,
        odometer_km: km,
        kind: kind.into(),
        system: system.into(),
        part: part.map(str::to_owned),
        fault_id: fault.into(),
        repair_days: days,
        repairer: "特约维修站".into(),
        ..Default::default()
    }
}

/// A repair history of the kind `k` (0–5) for a car delivered on `start`, up to `until`.
/// Before it (except for the car failing in its first weeks), an ordinary repair or two on any
/// system, as every car has.
fn history(k: u64, start: NaiveDate, until: NaiveDate, rng: &mut Lcg) -> Vec<RepairInput> {
    let span = (until - start).num_days().max(2);
    let at = |share: i64| start + Duration::days((span * share / 100).max(1));
    let km = |share: i64| (share * 150) as f64;
    let ordinary = [
        "suspension",
        "other",
        "drivetrain",
        "emission_control",
        "brake",
        "body",
    ];
    let mut out: Vec<RepairInput> = if k == 2 {
        Vec::new()
    } else {
        (0..=rng.next(2) as i64)
            .map(|i| {
                let s = ordinary[rng.next(ordinary.len() as u64) as usize];
                visit(
                    at(5 + 5 * i),
                    km(5 + 5 * i),
                    "repair",
                    s,
                    None,
                    &format!("{s}-early-{i}"),
                    1.0,
                )
            })
            .collect()
    };
    out.extend(match k {
        // Art 24(3): the same gearbox part replaced twice and failing again.
        0 => vec![
            visit(
                at(20),
                km(20),
                "replace_part",
                "gearbox",
                Some("离合器总成"),
                "gearbox-shudder",
                3.0,
            ),
            visit(
                at(50),
                km(50),
                "replace_part",
                "gearbox",
                Some("离合器总成"),
                "gearbox-shudder",
                4.0,
            ),
            visit(
                at(90),
                km(90),
                "repair",
                "gearbox",
                Some("离合器总成"),
                "gearbox-shudder",
                2.0,
            ),
        ],
        // Art 24(4): the same fault repaired five times.
        1 => (1..=5)
            .map(|i| {
                visit(
                    at(i * 18),
                    km(i * 18),
                    "repair",
                    "body",
                    None,
                    "water-leak",
                    1.5,
                )
            })
            .collect(),
        // Art 23: a brake failure within the first weeks.
        2 => {
            let mut v = visit(
                start + Duration::days(12),
                800.0,
                "repair",
                "brake",
                Some("制动主缸"),
                "brake-fail",
                2.0,
            );
            v.serious_safety = true;
            v.fault_kind = Some("brake_failure".into());
            vec![v]
        }
        // Art 19: an ordinary repair or two.
        3 | 4 => (0..=rng.next(2))
            .map(|i| {
                let systems = ["suspension", "other", "drivetrain", "emission_control"];
                let s = systems[rng.next(systems.len() as u64) as usize];
                visit(
                    at(30 + 30 * i as i64),
                    km(30 + 30 * i as i64),
                    "repair",
                    s,
                    None,
                    &format!("{s}-{i}"),
                    1.0 + rng.next(3) as f64,
                )
            })
            .collect(),
        // Art 32: the consumer's own doing.
        _ => {
            let mut v = visit(at(40), km(40), "repair", "body", None, "collision", 6.0);
            v.consumer_fault = true;
            vec![v]
        }
    });
    out
}

pub async fn seed(db: &DatabaseConnection) -> Result<()> {
    if maker::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    let today = today();
    for year in [today.year(), today.year() + 1] {
        for (day, kind, name) in holidays(year) {
            calendar::create(
                db,
                &province,
                HolidayInput {
                    day,
                    kind: kind.into(),
                    name: name.into(),
                },
            )
            .await?;
        }
    }

    let makers_in = [
        (
            "demo-car-yuanhang",
            "甘肃远航汽车有限公司",
            "620100",
            "00001",
            "远航",
            Some((MAKER_USER, "远航汽车售后服务部")),
        ),
        (
            "demo-car-tiancheng",
            "天成汽车股份有限公司",
            "620500",
            "00002",
            "天成",
            None,
        ),
        (
            "demo-car-longfeng",
            "陇风新能源汽车有限公司",
            "620100",
            "00003",
            "陇风",
            None,
        ),
    ];
    let mut maker_ids = Vec::new();
    for (code, name, region, serial, brand, user) in makers_in {
        let credit = maker_org(db, code, name, region, serial, user).await?;
        let m = makers::create_maker(
            db,
            &province,
            MakerInput {
                credit_code: credit,
                brand: brand.into(),
                hotline: "400-600-0000".into(),
                active: true,
                version: None,
            },
        )
        .await?;
        maker_ids.push(m.id);
    }
    let model_in = [
        (0, "远航 E5", "electric", 0.005, 3, 100_000),
        (0, "远航 S7", "hybrid", 0.005, 2, 50_000),
        (1, "天成 T3", "fuel", 0.004, 2, 50_000),
        (1, "天成 T6", "fuel", 0.005, 2, 60_000),
        (2, "陇风 V1", "electric", 0.003, 3, 100_000),
        (2, "陇风 X9", "hybrid", 0.005, 2, 50_000),
    ];
    let mut models = Vec::new();
    for (k, name, powertrain, rate, years, km) in model_in {
        let m = makers::create_model(
            db,
            &province,
            ModelInput {
                maker_id: maker_ids[k],
                name: name.into(),
                powertrain: powertrain.into(),
                compensation_rate: rate,
                sanbao_years: years,
                sanbao_km: km,
                warranty_years: years + 1,
                warranty_km: km.max(60_000) + 20_000,
                active: true,
                version: None,
            },
        )
        .await?;
        models.push((
            m.id,
            rate,
            if powertrain == "fuel" {
                120_000.0
            } else {
                180_000.0
            },
        ));
    }
    let dealer_in = [
        (
            "兰州远航汽车销售服务有限公司",
            0,
            "620100",
            "兰州市七里河区西津西路 88 号",
        ),
        (
            "兰州陇风新能源汽车销售有限公司",
            2,
            "620100",
            "兰州市安宁区北滨河西路 16 号",
        ),
        (
            "天水天成汽车贸易有限公司",
            1,
            "620500",
            "天水市秦州区藉河南路 21 号",
        ),
        (
            "酒泉远航汽车销售服务有限公司",
            0,
            "620900",
            "酒泉市肃州区南环东路 9 号",
        ),
    ];
    let mut dealers = Vec::new();
    for (name, k, city, address) in dealer_in {
        let d = makers::create_dealer(
            db,
            &province,
            DealerInput {
                name: name.into(),
                credit_code: None,
                maker_id: Some(maker_ids[k]),
                city_code: city.into(),
                address: address.into(),
                phone: "0931-8600000".into(),
                active: true,
                version: None,
            },
        )
        .await?;
        dealers.push((d.id, k, city));
    }

    let lanzhou = auth::principal_named(db, "lanzhou", "seed-demo").await?;
    let tianshui = auth::principal_named(db, "tianshui", "seed-demo").await?;
    let consumers = [
        "王磊", "李娜", "张伟", "刘芳", "陈强", "杨静", "赵勇", "黄敏", "周杰", "吴霞", "徐明",
        "孙丽",
    ];
    let mut rng = Lcg(2023);
    let mut ids = Vec::new();
    for n in 0..36_u64 {
        let (officer, dealer) = if n % 3 == 2 {
            (&tianshui, dealers[2])
        } else {
            (&lanzhou, dealers[(n % 2) as usize])
        };
        let (model_id, rate, price) = models[dealer.1 * 2 + (n % 2) as usize];
        let received_on = today - Duration::days(5 + (n as i64 * 10) % 360);
        let kind = n % 6;
        let bought = received_on
            - Duration::days(if kind == 2 {
                30
            } else {
                200 + rng.next(300) as i64
            });
        let repairs = history(kind, bought, received_on, &mut rng);
        let odometer = repairs.iter().map(|r| r.odometer_km).fold(0.0, f64::max)
            + 500.0
            + rng.next(2000) as f64;
        let request = match kind {
            0 | 1 => "replace",
            2 => "refund",
            _ => "repair",
        };
        let vin = Vin::complete(&format!(
            "LGWEF4A50{}A{:06}",
            ["N", "P", "R"][(n % 3) as usize],
            100_000 + n * 7919
        ))
        .map_err(|e| StoreError::Validation(e.into()))?;
        let d = disputes::create(
            db,
            officer,
            DisputeInput {
                consumer_name: consumers[(n % consumers.len() as u64) as usize].into(),
                consumer_phone: format!("1390931{:04}", 1000 + n),
                vin: vin.to_string(),
                model_id,
                dealer_id: Some(dealer.0),
                purchase_date: bought,
                price_yuan: price + (rng.next(30) * 1000) as f64,
                odometer_km: odometer,
                compensation_rate: Some(rate),
                request: request.into(),
                complaint: "车辆多次出现同一故障,要求按三包规定处理。".into(),
                received_on,
                repairs,
                ..Default::default()
            },
        )
        .await?;
        ids.push((d.dispute.id, received_on, kind, officer.clone()));
    }
    // The older ones answered, mediated and closed; the newest left open (some past the answer
    // deadline); one asked of the `expert` user.
    let expert = longzhi_recall::experts::all_active(db)
        .await?
        .into_iter()
        .find(|e| e.user_id.is_some());
    for (k, (id, received_on, kind, officer)) in ids.iter().enumerate() {
        let age = (today - *received_on).num_days();
        let version = |d: &disputes::DisputeDetail| d.dispute.version;
        let mut d = disputes::detail(db, officer, *id).await?;
        if age > 20 || k % 4 == 1 {
            d = disputes::answer(
                db,
                officer,
                *id,
                AnswerInput {
                    answered_on: (*received_on + Duration::days(6)).min(today),
                    answer: "经销商已书面答复,同意按三包规定处理。".into(),
                    version: version(&d),
                },
            )
            .await?;
        }
        if age > 40 && kind % 3 == 0 {
            d = disputes::mediate(
                db,
                officer,
                *id,
                MediationInput {
                    held_on: (*received_on + Duration::days(15)).min(today),
                    participants: "消费者、经销商、生产者代表".into(),
                    summary: "双方就更换或退货事宜进行协商。".into(),
                    result: if age > 90 { "agreement" } else { "adjourned" }.into(),
                    version: version(&d),
                },
            )
            .await?;
        }
        if k == 0
            && let Some(e) = &expert
        {
            d = disputes::assign(
                db,
                officer,
                *id,
                ExpertsInput {
                    expert_ids: vec![e.id],
                    version: version(&d),
                },
            )
            .await?;
        }
        if age > 90 {
            let outcome = match kind {
                0 | 1 => "replaced",
                2 => "refunded",
                5 => "rejected",
                _ => "repaired",
            };
            disputes::close(
                db,
                officer,
                *id,
                CloseInput {
                    outcome: outcome.into(),
                    note: String::new(),
                    version: version(&d),
                },
            )
            .await?;
        }
    }
    injuries(db, &province, &ids).await
}

/// Car-accident cases of the demo hospital, three of them linked to disputes' vehicles.
async fn injuries(
    db: &DatabaseConnection,
    province: &Principal,
    disputes: &[(i64, NaiveDate, u64, Principal)],
) -> Result<()> {
    use longzhi_injury::cases::{self, CaseInput};
    let hospital = auth::principal_named(db, "hospital", "seed-demo").await?;
    let narratives = [
        "驾驶家用轿车时制动失灵追尾,头部受伤",
        "车辆行驶中转向突然失控撞上护栏,胸部挫伤",
        "车辆起火,逃生时手部烧伤",
        "停车时被后车追尾,颈部扭伤",
    ];
    for (k, narrative) in narratives.iter().enumerate() {
        let (dispute_id, received_on, _, officer) = &disputes[k * 3];
        let c = cases::create(
            db,
            &hospital,
            CaseInput {
                point_id: None,
                case_no: format!("CAR-{:03}", k + 1),
                treated_on: (*received_on - Duration::days(20)).to_string(),
                age: Some(30 + 7 * k as i32),
                sex: if k % 2 == 0 { "M" } else { "F" }.into(),
                place: "street".into(),
                activity: "travel".into(),
                intent: "unintentional".into(),
                body_part: "head".into(),
                diagnosis: "fracture".into(),
                severity: "moderate".into(),
                disposition: "admitted".into(),
                products: vec!["car".into()],
                narrative: (*narrative).into(),
                version: None,
            },
        )
        .await?;
        if k < 3 {
            let d = disputes::detail(db, officer, *dispute_id).await?;
            crate::injuries::link(
                db,
                province,
                c.id,
                crate::injuries::LinkInput {
                    vin: d.dispute.vin,
                    maker_id: d.dispute.maker_id,
                    model_id: Some(d.dispute.model_id),
                    note: "交警事故认定书载明车辆".into(),
                },
            )
            .await?;
        }
    }
    Ok(())
}
