//! Demo data of `longzhi seed --demo`: ten monitoring points in seven cities (three strata), a
//! year of synthetic injury cases up to today (about 21,000), defect reports from every source
//! with two planted signals (power banks of one model catching fire, one magnetic toy choking
//! children) in the last quarter, and the register as the weekly run leaves it. Deterministic:
//! a fixed seed, dates relative to `today`.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use longzhi_domain::{CreditCode, Status};
use longzhi_store::repo::orgs::{self, NewOrg};
use longzhi_store::repo::users::{self, NewUser};
use longzhi_store::repo::{regions, roles};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{DatabaseConnection, Result, StoreError};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::cases::age_group;
use crate::entity::{case, period, point, report};

/// (org code, name, city, stratum, weight, cases a year).
const POINTS: [(&str, &str, &str, &str, f64, usize); 10] = [
    (
        "demo-hosp-lz1",
        "兰州大学第一医院",
        "620100",
        "large",
        14.0,
        3000,
    ),
    (
        "demo-hosp-lz2",
        "甘肃省人民医院",
        "620100",
        "large",
        15.5,
        2900,
    ),
    (
        "demo-hosp-ts1",
        "天水市第一人民医院",
        "620500",
        "large",
        16.0,
        2600,
    ),
    (
        "demo-hosp-jq1",
        "酒泉市人民医院",
        "620900",
        "large",
        17.5,
        2200,
    ),
    (
        "demo-hosp-lz3",
        "兰州市第二人民医院",
        "620100",
        "medium",
        28.0,
        2000,
    ),
    (
        "demo-hosp-by1",
        "白银市第一人民医院",
        "620400",
        "medium",
        31.0,
        1800,
    ),
    (
        "demo-hosp-zy1",
        "张掖市人民医院",
        "620700",
        "medium",
        33.0,
        1700,
    ),
    (
        "demo-hosp-qy1",
        "庆阳市人民医院",
        "621000",
        "small",
        44.0,
        1300,
    ),
    (
        "demo-hosp-dx1",
        "定西市人民医院",
        "621100",
        "small",
        47.0,
        1200,
    ),
    (
        "demo-hosp-ln1",
        "陇南市第一人民医院",
        "621200",
        "small",
        52.0,
        1100,
    ),
];

/// The demo login of the first point's staff.
pub const HOSPITAL_USER: &str = "hospital";

/// (product, relative frequency, typical ages, hazards with relative frequency).
type Product = (
    &'static str,
    u32,
    (i32, i32),
    &'static [(&'static str, u32)],
);
const PRODUCTS: [Product; 16] = [
    (
        "bicycle",
        14,
        (8, 60),
        &[("fall", 8), ("injury", 3), ("cut", 1)],
    ),
    (
        "e-bike",
        13,
        (16, 65),
        &[("fall", 6), ("fire", 3), ("injury", 2)],
    ),
    (
        "furniture",
        11,
        (1, 85),
        &[("fall", 6), ("injury", 3), ("entrapment", 1)],
    ),
    ("knife", 9, (15, 70), &[("cut", 10)]),
    (
        "toy",
        8,
        (0, 9),
        &[("choking", 2), ("injury", 3), ("cut", 2), ("fall", 1)],
    ),
    (
        "kitchen-appliance",
        7,
        (20, 80),
        &[("burn", 6), ("electric-shock", 1), ("cut", 1)],
    ),
    ("glassware", 6, (3, 80), &[("cut", 8)]),
    ("ladder", 5, (30, 80), &[("fall", 9)]),
    ("stroller", 4, (0, 3), &[("fall", 5), ("entrapment", 2)]),
    (
        "household-appliance",
        4,
        (5, 85),
        &[("electric-shock", 3), ("burn", 2), ("fire", 1)],
    ),
    ("sports", 4, (10, 50), &[("injury", 6), ("fall", 3)]),
    ("scooter", 3, (6, 30), &[("fall", 7), ("injury", 1)]),
    (
        "gas-appliance",
        3,
        (25, 85),
        &[("burn", 3), ("explosion", 1), ("fire", 2)],
    ),
    (
        "power-bank",
        2,
        (12, 60),
        &[("fire", 2), ("burn", 3), ("electric-shock", 1)],
    ),
    ("power-tool", 3, (20, 70), &[("cut", 5), ("injury", 3)]),
    (
        "child-furniture",
        4,
        (0, 6),
        &[("fall", 4), ("entrapment", 2), ("strangulation", 1)],
    ),
];

/// The diagnosis and body part a hazard usually leaves.
fn outcome(hazard: &str) -> (&'static str, &'static [&'static str]) {
    match hazard {
        "fall" => ("fracture", &["upper-limb", "lower-limb", "head", "hand"]),
        "cut" => ("laceration", &["hand", "upper-limb", "face"]),
        "burn" | "fire" | "explosion" => ("burn", &["hand", "upper-limb", "face", "multiple"]),
        "electric-shock" => ("electric", &["hand", "upper-limb"]),
        "choking" | "suffocation" | "strangulation" => ("asphyxia", &["neck", "whole-body"]),
        "entrapment" => ("contusion", &["hand", "lower-limb"]),
        _ => ("contusion", &["head", "trunk", "lower-limb", "upper-limb"]),
    }
}

const BRANDS: [&str; 8] = [
    "安行", "陇原", "佳宝", "迅驰", "乐宝", "丝路", "金城", "敦煌",
];
const SURNAMES: [&str; 10] = ["张", "王", "李", "赵", "刘", "陈", "杨", "马", "周", "何"];
const GIVEN: [&str; 8] = ["伟", "芳", "娜", "强", "敏", "静", "磊", "洋"];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut r = rng.random_range(0..total);
    for (item, w) in items {
        if r < *w {
            return item;
        }
        r -= w;
    }
    &items[0].0
}

fn db_err(e: longzhi_domain::FieldError) -> StoreError {
    StoreError::Validation(e.into())
}

pub async fn seed(db: &DatabaseConnection, today: NaiveDate) -> Result<()> {
    if unscoped::<point::Entity>("the demo is loaded once: are its points there")
        .filter(point::Column::Code.eq("LZ-001"))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let p = Principal::system("seed-demo");
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let mut points = Vec::new();
    for (k, (org_code, name, city, stratum, weight, per_year)) in POINTS.iter().enumerate() {
        let org = match orgs::by_code(&txn, org_code).await {
            Ok(o) => o,
            Err(_) => {
                let parent = orgs::by_code(&txn, &format!("{city}-bureau")).await?;
                let credit =
                    CreditCode::complete(&format!("12{city}MB2A{:05}", k + 1)).map_err(db_err)?;
                orgs::create_in(
                    &txn,
                    &p,
                    NewOrg {
                        code: (*org_code).into(),
                        name: (*name).into(),
                        kind: "institution".into(),
                        region_code: (*city).into(),
                        parent_id: Some(parent.id),
                        credit_code: Some(credit.to_string()),
                        contact: None,
                        phone: None,
                        sort: k as i32,
                    },
                )
                .await?;
                orgs::by_code(&txn, org_code).await?
            }
        };
        let region = regions::by_code(&txn, city).await?;
        let code = format!("{}-{:03}", &org_code[10..12].to_uppercase(), k + 1);
        let pt = point::ActiveModel {
            code: Set(if k == 0 { "LZ-001".into() } else { code }),
            name: Set((*name).into()),
            kind: Set("sentinel-hospital".into()),
            region_code: Set((*city).into()),
            city_code: Set((*city).into()),
            contact: Set(String::new()),
            status: Set(Status::Active),
            region_path: Set(region.path.clone()),
            org_id: Set(org.id),
            owner_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let pt = sea_orm::ActiveModelTrait::insert(pt, &txn).await?;
        for year in today.year() - 2..=today.year() {
            sea_orm::ActiveModelTrait::insert(
                period::ActiveModel {
                    point_id: Set(pt.id),
                    year: Set(year),
                    stratum: Set((*stratum).into()),
                    psu: Set(pt.code.clone()),
                    // Weights drift a little from year to year, as a real design's do.
                    weight: Set(weight * (1.0 + 0.02 * f64::from(year - today.year()))),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                },
                &txn,
            )
            .await?;
        }
        points.push((pt, *per_year));
    }
    if users::by_username(&txn, HOSPITAL_USER).await?.is_none() {
        let role = roles::by_code(&txn, "monitoring_point").await?;
        users::create_in(
            &txn,
            &p,
            NewUser {
                username: HOSPITAL_USER.into(),
                display_name: "兰大一院伤害监测员".into(),
                password: longzhi_store::seed::DEMO_PASSWORD.into(),
                org_id: points[0].0.org_id,
                role_ids: vec![role.id],
                email: None,
                phone: None,
            },
            longzhi_store::seed::demo_password_hash().await?,
            false,
        )
        .await?;
    }
    txn.commit().await?;

    // Cases: written in batches without one audit entry each (demo data, not anybody's act).
    let products: Vec<(&Product, u32)> = PRODUCTS.iter().map(|p| (p, p.1)).collect();
    let places = [
        "home",
        "home",
        "home",
        "street",
        "school",
        "sports",
        "trade",
        "industrial",
    ];
    let activities = [
        "leisure",
        "housework",
        "sports",
        "travel",
        "walking",
        "work",
        "vital",
    ];
    let mut batch = Vec::new();
    for (pt, per_year) in &points {
        for k in 0..*per_year {
            let (product, _, ages, hazards) = *pick(&mut rng, &products);
            let hazard = *pick(&mut rng, hazards);
            let (diagnosis, parts) = outcome(hazard);
            let age = rng.random_range(ages.0..=ages.1);
            let treated_on = today - Duration::days(rng.random_range(0..365));
            let severity = *pick(&mut rng, &[("mild", 70), ("moderate", 25), ("severe", 5)]);
            let disposition = match severity {
                "severe" => "admitted",
                "moderate" => *pick(
                    &mut rng,
                    &[("released", 6), ("observed", 3), ("admitted", 1)],
                ),
                _ => "released",
            };
            let second = (rng.random_range(0..10) == 0).then(|| {
                let (other, ..) = *pick(&mut rng, &products);
                other
            });
            batch.push(case::ActiveModel {
                point_id: Set(pt.id),
                case_no: Set(format!("{}-{}-{:05}", pt.code, treated_on.year(), k + 1)),
                treated_on: Set(treated_on),
                year: Set(treated_on.year()),
                age: Set(age),
                age_group: Set(age_group(age).into()),
                sex: Set(if rng.random_bool(0.56) { "M" } else { "F" }.into()),
                place: Set((*places.choose(&mut rng).unwrap_or(&"home")).into()),
                activity: Set((*activities.choose(&mut rng).unwrap_or(&"leisure")).into()),
                intent: Set(if rng.random_range(0..50) == 0 {
                    "unknown"
                } else {
                    "unintentional"
                }
                .into()),
                body_part: Set((*parts.choose(&mut rng).unwrap_or(&"head")).into()),
                diagnosis: Set(diagnosis.into()),
                severity: Set(severity.into()),
                disposition: Set(disposition.into()),
                product1: Set((*product).into()),
                product2: Set(second.filter(|s| ***s != **product).map(|s| (*s).into())),
                product3: Set(None),
                narrative: Set(format!(
                    "患者在使用{product}时受伤({hazard}),诊断为{diagnosis}。"
                )),
                city_code: Set(pt.city_code.clone()),
                region_path: Set(pt.region_path.clone()),
                org_id: Set(pt.org_id),
                owner_id: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
            if batch.len() == 500 {
                insert_cases(db, std::mem::take(&mut batch)).await?;
            }
        }
    }
    insert_cases(db, batch).await?;
    seed_reports(db, today, &mut rng).await?;
    crate::signals::refresh_register(db, today).await?;
    Ok(())
}

async fn insert_cases(db: &DatabaseConnection, rows: Vec<case::ActiveModel>) -> Result<()> {
    if !rows.is_empty() {
        case::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// About 2,600 background reports over two years plus the planted signals of the last quarter.
async fn seed_reports(
    db: &DatabaseConnection,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Result<()> {
    let cities: Vec<(String, String)> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.path))
        .collect();
    let province = regions::province(db).await?;
    let bureau = orgs::by_code(db, &format!("{}-bureau", province.code)).await?;
    let products: Vec<(&Product, u32)> = PRODUCTS.iter().map(|p| (p, p.1)).collect();
    let sources = [
        ("consumer", 40),
        ("complaint", 30),
        ("sampling", 10),
        ("enterprise", 10),
        ("injury-case", 10),
    ];
    let now = Utc::now();
    let mut rows = Vec::new();
    let mut planted = Vec::new();
    for _ in 0..40 {
        planted.push(("power-bank", "迅驰", "XC-20000", "fire", 90));
    }
    for _ in 0..25 {
        planted.push(("toy", "乐宝", "LB-08 磁力珠", "choking", 90));
    }
    let background = (0..2600).map(|_| {
        let (product, _, _, hazards) = *pick(rng, &products);
        let hazard = *pick(rng, hazards);
        let brand = *BRANDS.choose(rng).unwrap_or(&BRANDS[0]);
        let model = format!(
            "{}-{}",
            product.replace('-', "")[..2].to_uppercase(),
            rng.random_range(1..4) * 100
        );
        (*product, brand, model, hazard, 730)
    });
    let mut all: Vec<(&str, &str, String, &str, i64)> = background.collect();
    all.extend(
        planted
            .into_iter()
            .map(|(a, b, c, d, e)| (a, b, c.to_owned(), d, e)),
    );
    for (k, (category, brand, model, hazard, span)) in all.into_iter().enumerate() {
        let received_on = today - Duration::days(rng.random_range(0..span));
        let (city, path) = cities.choose(rng).cloned().unwrap_or_default();
        let source = *pick(rng, &sources);
        let reporter = (source == "consumer" || source == "complaint").then(|| {
            format!(
                "{}{}",
                SURNAMES.choose(rng).unwrap_or(&"张"),
                GIVEN.choose(rng).unwrap_or(&"伟")
            )
        });
        let phone = reporter
            .as_ref()
            .map(|_| format!("13{:09}", rng.random_range(0..1_000_000_000u64)));
        let producer = format!("{brand}科技有限公司");
        let brand_no = BRANDS.iter().position(|b| *b == brand).unwrap_or(0);
        let credit = CreditCode::complete(&format!("91620100MA72C{:04}", brand_no + 1))
            .map_err(db_err)?
            .to_string();
        rows.push(report::ActiveModel {
            report_no: Set(format!("QX{}{:06}", received_on.format("%Y%m%d"), k)),
            source: Set(source.into()),
            received_on: Set(received_on),
            category: Set(category.into()),
            brand: Set(brand.into()),
            model: Set(model),
            producer_name: Set(producer),
            producer_code: Set(Some(credit)),
            hazard: Set(hazard.into()),
            description: Set(format!("{brand}牌{category}在正常使用中出现{hazard}危险。")),
            reporter_name: Set(reporter),
            reporter_phone: Set(phone),
            reporter_email: Set(None),
            case_id: Set(None),
            city_code: Set(Some(city)),
            status: Set(if received_on < today - Duration::days(60) {
                "closed"
            } else {
                "new"
            }
            .into()),
            note: Set(None),
            region_path: Set(path),
            org_id: Set(bureau.id),
            owner_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        if rows.len() == 500 {
            report::Entity::insert_many(std::mem::take(&mut rows))
                .exec_without_returning(db)
                .await?;
        }
    }
    if !rows.is_empty() {
        report::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    // A few reports filed from cases, linked to them.
    let linked: Vec<(i64, String, NaiveDate, String, String, i64)> =
        unscoped::<case::Entity>("demo reports filed from demo cases")
            .select_only()
            .columns([
                case::Column::Id,
                case::Column::CityCode,
                case::Column::TreatedOn,
                case::Column::Product1,
                case::Column::RegionPath,
                case::Column::OrgId,
            ])
            .filter(case::Column::Product1.is_in(["e-bike", "power-bank"]))
            .limit(60)
            .into_tuple()
            .all(db)
            .await?;
    let rows: Vec<report::ActiveModel> = linked
        .into_iter()
        .map(|(id, city, day, product, path, org)| report::ActiveModel {
            report_no: Set(format!("QX{}C{:05}", day.format("%Y%m%d"), id)),
            source: Set("injury-case".into()),
            received_on: Set(day),
            category: Set(product.clone()),
            brand: Set("陇原".into()),
            model: Set(format!(
                "{}-200",
                product.replace('-', "")[..2].to_uppercase()
            )),
            producer_name: Set("陇原科技有限公司".into()),
            producer_code: Set(None),
            hazard: Set("fire".into()),
            description: Set(format!("伤害监测病例 {id} 所涉产品。")),
            reporter_name: Set(None),
            reporter_phone: Set(None),
            reporter_email: Set(None),
            case_id: Set(Some(id)),
            city_code: Set(Some(city)),
            status: Set("new".into()),
            note: Set(None),
            region_path: Set(path),
            org_id: Set(org),
            owner_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        report::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
