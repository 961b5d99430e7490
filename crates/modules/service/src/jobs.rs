//! The module's background job — computing a round (the PLS fit and every index with its
//! bootstrap: seconds on a large round, too slow for a request) — and its daily job: reminders
//! of remediation tasks past their deadline.

use chrono::NaiveDate;
use longzhi_server::jobs::{JobContext, JobKind, wake};
use longzhi_server::module::BoxFuture;
use longzhi_store::repo::jobs::{self, JobView, Output};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{DatabaseConnection, Result};
use sea_orm::{ColumnTrait, QueryFilter};

use crate::entity::task;
use crate::results::{self, ComputeParams};

pub const COMPUTE: &str = "service_compute";

pub const KINDS: &[JobKind] = &[JobKind {
    kind: COMPUTE,
    run: run_compute,
}];

/// Queues a round's computation after checking it may be computed (so the asker hears of too
/// few responses at once, not from a failed job).
pub async fn queue_compute(
    db: &DatabaseConnection,
    p: &Principal,
    round_id: i64,
) -> Result<JobView> {
    results::computable(db, round_id).await?;
    let j = jobs::enqueue(
        db,
        p,
        COMPUTE,
        &serde_json::json!(ComputeParams { round_id }),
    )
    .await?;
    wake();
    Ok(j)
}

fn run_compute(ctx: JobContext<'_>) -> BoxFuture<'_, std::result::Result<Output, String>> {
    Box::pin(async move {
        let p: ComputeParams =
            serde_json::from_str(&ctx.job.params).map_err(|e| format!("bad parameters: {e}"))?;
        ctx.progress.set(5, "responses");
        results::computable(ctx.db, p.round_id)
            .await
            .map_err(|e| e.to_string())?;
        ctx.progress.set(10, "bootstrap");
        let asker = Principal::system(format!("job-{}", ctx.job.id));
        results::compute(ctx.db, &asker, p.round_id)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Output {
            result: Some(serde_json::json!({"round_id": p.round_id})),
            file: None,
        })
    })
}

/// Tells each responsible organisation of its tasks past their deadline, once per day across
/// servers (lease `service-daily:<day>`); the number of tasks overdue.
pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    day: NaiveDate,
) -> Result<Option<usize>> {
    let lease = format!("service-daily:{day}");
    let now = chrono::Utc::now();
    if !longzhi_store::lease::try_acquire(db, &lease, holder, now, chrono::Duration::hours(23))
        .await?
    {
        return Ok(None);
    }
    let overdue = unscoped::<task::Entity>("the daily reminder covers every city")
        .filter(task::Column::Deadline.lt(day))
        .filter(task::Column::Status.is_in(["assigned", "returned"]))
        .all(db)
        .await?;
    for t in &overdue {
        notices::to_orgs(
            db,
            &[t.org_id],
            &Notice {
                kind: "overdue",
                title: format!("整改任务已逾期:{}", t.title),
                body: format!("截止日期 {},请尽快报送整改材料。", t.deadline),
                link: format!("/service/tasks/{}", t.id),
            },
        )
        .await?;
    }
    Ok(Some(overdue.len()))
}
