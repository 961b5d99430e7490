//! The scheduler: every server wakes up regularly and offers to run the daily jobs; the lease
//! inside each job lets one server per day do the work (`longzhi jobs run-daily` runs it by hand).

use std::time::Duration;

use longzhi_store::DatabaseConnection;
use longzhi_store::repo::files;
use longzhi_store::repo::plans::{jobs, targets};
use longzhi_store::storage::SharedStorage;

/// How often a server offers to run the daily jobs.
const TICK: Duration = Duration::from_secs(15 * 60);

pub fn spawn(db: DatabaseConnection, storage: SharedStorage) {
    // Unique enough among servers: process id and start time.
    let holder = format!(
        "server-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    );
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        loop {
            tick.tick().await;
            match jobs::run_daily(&db, &holder, targets::today()).await {
                Ok(run) if run.ran => {
                    tracing::info!(?run, "daily plan job");
                    // The day's lease holder also clears uploads nothing ever referred to.
                    match files::purge_unattached(&db, storage.as_ref(), chrono::Utc::now()).await {
                        Ok(n) => tracing::info!(removed = n, "unattached uploads purged"),
                        Err(e) => tracing::warn!(error = %e, "purging unattached uploads failed"),
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "daily plan job failed"),
            }
        }
    });
}
