//! The demo work plan of `longzhi seed --demo`: the real 2023 work points (甘市监办函〔2023〕18号)
//! imported from their text and run through the current year, so that a new user sees a plan
//! in motion — tasks reported, accepted, returned, pending and overdue.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{Datelike, NaiveDate};
use longzhi_domain::outline;
use sea_orm::{ColumnTrait, DatabaseConnection, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entity::plan;
use crate::plans::{self, NewPlan};
use crate::structure::{self, TaskInput};
use crate::targets::{self, NewReport, ReviewInput, TargetFilter};
use longzhi_store::entity::{org, user};
use longzhi_store::repo::{auth, orgs, roles, users};
use longzhi_store::scope::{Principal, unscoped, unscoped_by_id};
use longzhi_store::{Result, StoreError};

pub const SEED_TEXT: &str = include_str!("../assets/seed-2023.txt");

/// The department leading each point of the seed (seed-map.md), by point number.
fn lead_department(point: i32) -> &'static str {
    match point {
        14 => "metrology",
        17 | 18 => "recall",
        19 => "product-safety",
        _ => "quality",
    }
}

/// A stable pseudo-random number in 0..100 for a pair, to spread the demo's progress.
fn dice(a: i64, b: i64) -> i64 {
    (a * 7919 + b * 104_729).rem_euclid(100)
}

/// Creates, publishes and advances the demo plan unless a plan exists already.
pub async fn seed(db: &DatabaseConnection, today: NaiveDate) -> Result<()> {
    if unscoped::<plan::Entity>("the demo seed runs once")
        .count(db)
        .await?
        > 0
    {
        return Ok(());
    }
    let province = auth::principal_named(db, "province", "seed-demo").await?;
    let outline = outline::parse(SEED_TEXT);
    let year = today.year();
    let date = |m, d| {
        NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| {
            StoreError::Db(sea_orm::DbErr::Custom(format!("no date {year}-{m}-{d}")))
        })
    };
    let created = plans::create(
        db,
        &province,
        NewPlan {
            year,
            title: outline
                .title
                .clone()
                .unwrap_or_else(|| "质量发展工作要点".into()),
            doc_no: outline.doc_no.clone(),
            start_date: date(1, 1)?,
            end_date: date(12, 31)?,
            attachment_ids: vec![],
            outline: Some(outline),
        },
    )
    .await?;
    let detail = plans::detail(db, &province, created.id).await?;
    for part in &detail.parts {
        for point in &part.points {
            let dept = orgs::by_code(db, &format!("620000-{}", lead_department(point.seq))).await?;
            // Points that give 各地 (every city) work are addressed to all city bureaus.
            let city_scope = if point.body.contains("各地") {
                "all"
            } else {
                "none"
            };
            // Early parts fall due in the first half, the rest before the year's end.
            let deadline = if part.seq <= 2 {
                date(6, 30)?
            } else {
                date(12, 15)?
            };
            structure::create_task(
                db,
                &province,
                point.id,
                TaskInput {
                    title: point.title.clone(),
                    lead_dept_id: Some(dept.id),
                    participant_ids: vec![],
                    city_scope: city_scope.into(),
                    city_codes: vec![],
                    deadline,
                    evidence: "工作方案、进展情况报告及佐证材料".into(),
                    version: None,
                },
            )
            .await?;
        }
    }
    plans::publish(db, &province, created.id).await?;
    advance(db, &province, created.id, today).await
}

/// Each addressee reports on some of its targets, and the province reviews most reports: `admin`
/// those of `province`'s own department, since nobody reviews their own organisation's reports.
async fn advance(
    db: &DatabaseConnection,
    province: &Principal,
    plan_id: i64,
    today: NaiveDate,
) -> Result<()> {
    let admin = auth::principal_named(db, "admin", "seed-demo").await?;
    let all = TargetFilter {
        plan_id: Some(plan_id),
        ..Default::default()
    };
    let page = longzhi_store::page::PageQuery::everything(None);
    let mut reporters: HashMap<i64, Principal> = HashMap::new();
    for t in targets::list(db, province, &all, &page).await?.items {
        let roll = dice(t.point_id, t.org_id);
        let due = t.deadline < today;
        // Past deadlines: most done; open ones: some started.
        let (status, percent) = match (due, roll) {
            (true, 0..=69) | (false, 0..=14) => ("done", 100),
            (true, 70..=84) | (false, 15..=54) => ("in_progress", 30 + (roll % 6) * 10),
            _ => continue,
        };
        let report = NewReport {
            status: status.into(),
            percent: percent as i32,
            text: format!("{}:已按要点部署落实,完成 {percent}%。", t.org_name),
            report_date: today.min(t.deadline),
            attachment_ids: vec![],
        };
        let reporter = match reporters.entry(t.org_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(reporter_of(db, t.org_id).await?),
        };
        let r = targets::report(db, reporter, t.id, report).await?;
        let decision = match roll % 5 {
            0 => continue, // awaits review
            1 => ("return", Some("请补充佐证材料后重新报送".to_owned())),
            _ => ("accept", None),
        };
        let reviewer = if t.org_id == province.org_id {
            &admin
        } else {
            province
        };
        targets::review(
            db,
            reviewer,
            r.id,
            ReviewInput {
                decision: decision.0.into(),
                comment: decision.1,
            },
        )
        .await?;
    }
    Ok(())
}

/// The user who reports for organisation `org_id`: its first user, or else a reporter account
/// made for the demo (`staff-<org code>`, city or department staff, the demo password).
async fn reporter_of(db: &DatabaseConnection, org_id: i64) -> Result<Principal> {
    let existing = unscoped::<user::Entity>("the demo seed finds each addressee's reporter")
        .filter(user::Column::OrgId.eq(org_id))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?;
    if let Some(u) = existing {
        return auth::principal_of(db, u, "seed-demo").await;
    }
    let org =
        unscoped_by_id::<org::Entity, _>(org_id, "the demo seed finds each addressee's reporter")
            .one(db)
            .await?
            .ok_or(StoreError::NotFound)?;
    let role = if org.kind == "department" {
        "dept_staff"
    } else {
        "city_staff"
    };
    let new = users::NewUser {
        username: format!("staff-{}", org.code),
        display_name: format!("{}填报员", org.name),
        password: longzhi_store::seed::DEMO_PASSWORD.into(),
        org_id,
        role_ids: vec![roles::by_code(db, role).await?.id],
        email: None,
        phone: None,
    };
    let hash = longzhi_store::seed::demo_password_hash().await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let u = users::create_in(&txn, &Principal::system("seed-demo"), new, hash, false).await?;
    txn.commit().await?;
    auth::principal_of(db, u, "seed-demo").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_text_has_five_parts_and_nineteen_points() {
        let o = outline::parse(SEED_TEXT);
        assert_eq!(o.title.as_deref(), Some("2023年质量发展工作要点"));
        assert_eq!(o.doc_no.as_deref(), Some("甘市监办函〔2023〕18号"));
        let titles: Vec<&str> = o.parts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "强化政治引领,增强做好质量工作的行动自觉",
                "聚力质量强省建设,深入开展质量提升行动",
                "加力全面质量管理,推动经济社会高质量发展",
                "支撑产业现代化发展,深化质量基础设施服务",
                "着眼消费者权益保护,提升安全召回监管效能",
            ]
        );
        let points: Vec<(i32, &str)> = o
            .parts
            .iter()
            .flat_map(|p| p.points.iter().map(|q| (q.seq, q.title.as_str())))
            .collect();
        assert_eq!(points.len(), 19);
        assert!(
            points
                .iter()
                .enumerate()
                .all(|(i, (seq, _))| *seq == i as i32 + 1)
        );
        assert_eq!(points[4].1, "深入开展质量统计分析评价");
        assert_eq!(points[17].1, "探索开展汽车三包工作");
        // Every point keeps its whole paragraph.
        assert!(
            o.parts[4].points[1]
                .body
                .contains("家用汽车产品修理更换退货责任规定")
        );
    }
}
