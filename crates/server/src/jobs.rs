//! The scheduler: every server wakes up regularly and offers to run the daily jobs; the lease
//! inside each job lets one server per day do the work (`longzhi jobs run-daily` runs them by
//! hand).

use std::time::Duration;

use chrono::NaiveDate;
use longzhi_store::DatabaseConnection;
use longzhi_store::repo::files;
use longzhi_store::storage::Storage;

use crate::module::{Module, Modules};

/// How often a server offers to run the daily jobs.
const TICK: Duration = Duration::from_secs(15 * 60);

pub fn spawn(
    db: DatabaseConnection,
    storage: longzhi_store::storage::SharedStorage,
    modules: Modules,
) {
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
            for line in run_daily(
                &db,
                storage.as_ref(),
                &modules,
                &holder,
                longzhi_store::today(),
            )
            .await
            {
                tracing::info!("{line}");
            }
        }
    });
}

/// Runs the day's jobs of the core (the purge of uploads never attached) and of every module,
/// each under its own lease; answers what ran (nothing when other holders ran them). A failing
/// job is logged and does not stop the others.
pub async fn run_daily(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    modules: &[Module],
    holder: &str,
    day: NaiveDate,
) -> Vec<String> {
    let mut done = Vec::new();
    match files::purge_daily(db, storage, holder, day).await {
        Ok(Some(n)) => done.push(format!("files: {n} unattached uploads purged")),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "purging unattached uploads failed"),
    }
    for m in modules {
        let Some(job) = m.daily else { continue };
        match job(db, holder, day).await {
            Ok(Some(line)) => done.push(line),
            Ok(None) => {}
            Err(e) => tracing::warn!(module = m.name, error = %e, "daily job failed"),
        }
    }
    done
}
