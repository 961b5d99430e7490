//! The daily job: tells the receiving bureau (the officer who took the dispute) and the maker of
//! an open dispute whose seller has not answered within the 10 working days, and again when a
//! replacement or refund is not done within the 20 — once per deadline. Of several servers only
//! the one that takes the day's lease runs it; the deadline flagged is recorded on the dispute.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_store::Result;
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::scope::unscoped;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, QueryFilter, Set};

use crate::entity::dispute;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DailyRun {
    pub ran: bool,
    pub flagged: usize,
}

/// The deadline of `d` passed by `today` and not yet flagged: `answer` or `completion`.
fn passed(d: &dispute::Model, today: NaiveDate) -> Option<&'static str> {
    if d.request != "repair"
        && today > d.completion_due
        && d.flagged.as_deref() != Some("completion")
    {
        Some("completion")
    } else if d.answered_on.is_none() && today > d.answer_due && d.flagged.is_none() {
        Some("answer")
    } else {
        None
    }
}

pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    today: NaiveDate,
) -> Result<DailyRun> {
    if !longzhi_store::lease::try_acquire(
        db,
        &format!("car-daily:{today}"),
        holder,
        Utc::now(),
        Duration::hours(36),
    )
    .await?
    {
        return Ok(DailyRun::default());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let open = unscoped::<dispute::Entity>("the daily job watches every open dispute's deadlines")
        .filter(dispute::Column::Status.eq("open"))
        .filter(dispute::Column::AnswerDue.lt(today))
        .all(&txn)
        .await?;
    let mut flagged = 0;
    for d in &open {
        let Some(deadline) = passed(d, today) else {
            continue;
        };
        let (title, body) = if deadline == "answer" {
            (
                format!("三包争议答复逾期:{}", d.code),
                format!(
                    "销售者 {} 未在 {} 前(10个工作日)答复消费者的三包要求。",
                    d.seller_name, d.answer_due
                ),
            )
        } else {
            (
                format!("三包换退逾期:{}", d.code),
                format!(
                    "更换或退货未在 {} 前(20个工作日)完成,消费者可依法要求退货。",
                    d.completion_due
                ),
            )
        };
        let n = Notice {
            kind: "car.overdue",
            title,
            body,
            link: format!("/car/disputes/{}", d.id),
        };
        notices::to_users(&txn, d.owner_id, &n).await?;
        notices::to_orgs(&txn, &[d.org_id], &n).await?;
        dispute::ActiveModel {
            id: Set(d.id),
            flagged: Set(Some(deadline.into())),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        flagged += 1;
    }
    txn.commit().await?;
    Ok(DailyRun { ran: true, flagged })
}
