//! The daily job: reminds the bureau (and, while its analysis is awaited, the producer) of an
//! investigation stage due within two days or past due, once per stage; and reminds a producer
//! whose recall progress report is past due, once per due date. Of several servers only the one
//! that takes the day's lease runs it, and each reminder is recorded on the record, so a second
//! run sends nothing.

use chrono::{Duration, NaiveDate, Utc};
use longzhi_store::Result;
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::scope::unscoped;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, QueryFilter, Set};

use crate::entity::{investigation, recall};

/// Days before a stage's deadline that the reminder goes out.
const AHEAD: i64 = 2;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DailyRun {
    pub ran: bool,
    pub investigations: usize,
    pub recalls: usize,
}

pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    today: NaiveDate,
) -> Result<DailyRun> {
    if !longzhi_store::lease::try_acquire(
        db,
        &format!("recall-daily:{today}"),
        holder,
        Utc::now(),
        Duration::hours(36),
    )
    .await?
    {
        return Ok(DailyRun::default());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let due = unscoped::<investigation::Entity>("the daily job reminds of every investigation")
        .filter(investigation::Column::DueOn.lte(today + Duration::days(AHEAD)))
        .filter(
            Condition::any()
                .add(investigation::Column::RemindedStatus.is_null())
                .add(
                    Expr::col(investigation::Column::RemindedStatus)
                        .ne(Expr::col(investigation::Column::Status)),
                ),
        )
        .all(&txn)
        .await?;
    for m in &due {
        let late = m.due_on.is_some_and(|d| d < today);
        let mut orgs = vec![m.opened_by_org_id];
        if m.status == "notified" {
            orgs.push(m.producer_org_id);
        }
        notices::to_orgs(
            &txn,
            &orgs,
            &Notice {
                kind: "recall.deadline",
                title: format!(
                    "{}:{} {}",
                    if late {
                        "缺陷调查已逾期"
                    } else {
                        "缺陷调查即将到期"
                    },
                    m.code,
                    m.title
                ),
                body: format!(
                    "当前阶段 {} 的期限为 {}。",
                    m.status,
                    m.due_on.map(|d| d.to_string()).unwrap_or_default()
                ),
                link: format!("/recall/investigations/{}", m.id),
            },
        )
        .await?;
        investigation::ActiveModel {
            id: Set(m.id),
            reminded_status: Set(Some(m.status.clone())),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    let late = unscoped::<recall::Entity>("the daily job reminds of every recall")
        .filter(recall::Column::Status.eq("published"))
        .filter(recall::Column::NextReportDue.lt(today))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|m| m.reminded_due != m.next_report_due)
        .collect::<Vec<_>>();
    for m in &late {
        notices::to_orgs(
            &txn,
            &[m.org_id],
            &Notice {
                kind: "recall.progress_overdue",
                title: format!("召回进展报告逾期:{}", m.code),
                body: format!(
                    "召回 {} 的进展报告应于 {} 前报送,请尽快报送。",
                    m.title,
                    m.next_report_due.map(|d| d.to_string()).unwrap_or_default()
                ),
                link: format!("/recall/recalls/{}", m.id),
            },
        )
        .await?;
        recall::ActiveModel {
            id: Set(m.id),
            reminded_due: Set(m.next_report_due),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(DailyRun {
        ran: true,
        investigations: due.len(),
        recalls: late.len(),
    })
}
