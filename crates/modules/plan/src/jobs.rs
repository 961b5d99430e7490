//! The daily job of the plans: reminds addressees `plan.remind_days` days before a deadline and
//! flags overdue targets. Of several servers only the one that takes the day's lease runs it;
//! and each reminder and flag is set once, so even a second run changes nothing.

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, QueryTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;
use serde_json::json;

use crate::entity::{plan, plan_target, plan_task};
use longzhi_store::Result;
use longzhi_store::audit;
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::params::{self, Param};
use longzhi_store::scope::{Principal, unscoped};

use crate::targets::{audit_target, overdue_condition};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DailyRun {
    /// Whether this caller ran the job (false: another server had the day's lease).
    pub ran: bool,
    pub reminded: usize,
    pub flagged: usize,
}

/// Runs the job for `today` as `holder` (a server's id), unless another holder has.
pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    today: NaiveDate,
) -> Result<DailyRun> {
    let now = Utc::now();
    if !longzhi_store::lease::try_acquire(
        db,
        &format!("plan-daily:{today}"),
        holder,
        now,
        Duration::hours(36),
    )
    .await?
    {
        return Ok(DailyRun::default());
    }
    let days = params::get_int(db, Param::PlanRemindDays).await?;
    let p = Principal::system(format!("job:plan-daily:{today}"));
    let txn = longzhi_store::backend::begin_write(db).await?;
    let published = unscoped::<plan::Entity>("the daily job runs for every plan")
        .select_only()
        .column(plan::Column::Id)
        .filter(plan::Column::Status.eq("published"))
        .into_query();
    let open = || {
        unscoped::<plan_target::Entity>("the daily job runs for every plan")
            .filter(plan_target::Column::PlanId.in_subquery(published.clone()))
    };
    let near = open()
        .filter(plan_target::Column::Deadline.gte(today))
        .filter(plan_target::Column::Deadline.lte(today + Duration::days(days)))
        .filter(plan_target::Column::RemindedOn.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(plan_target::Column::Status.ne("done"))
                .add(plan_target::Column::Review.ne("accepted")),
        )
        .all(&txn)
        .await?;
    let late = open()
        .filter(overdue_condition(today))
        .filter(plan_target::Column::Overdue.eq(false))
        .all(&txn)
        .await?;
    let mut run = DailyRun {
        ran: true,
        reminded: near.len(),
        flagged: late.len(),
    };
    // Every target is updated before the first audit entry: an audit append holds the chain's
    // head until commit, and a report filed meanwhile holds its target, then wants the head.
    let mut done = Vec::new();
    for (targets, action) in [(near, "reminded"), (late, "overdue")] {
        for t in targets {
            let mut am: plan_target::ActiveModel = t.clone().into();
            if action == "reminded" {
                am.reminded_on = Set(Some(today));
            } else {
                am.overdue = Set(true);
            }
            am.updated_at = Set(now);
            done.push((am.update(&txn).await?, action));
        }
    }
    for (t, action) in done {
        audit::record(
            &txn,
            &p,
            audit_target(&t),
            action,
            None,
            Some(&json!({"deadline": t.deadline})),
        )
        .await?;
        let task = plan_task::Entity::find_by_id(t.task_id).one(&txn).await?;
        let title = task.map(|x| x.title).unwrap_or_default();
        let (kind, title) = if action == "reminded" {
            ("deadline_near", format!("任务即将到期:{title}"))
        } else {
            ("overdue", format!("任务已逾期:{title}"))
        };
        let notice = Notice {
            kind,
            title,
            body: format!("截止日期 {}", t.deadline),
            link: format!("/plan/tasks?target={}", t.id),
        };
        notices::to_orgs(&txn, &[t.org_id], &notice).await?;
    }
    txn.commit().await?;
    run.ran = true;
    Ok(run)
}
