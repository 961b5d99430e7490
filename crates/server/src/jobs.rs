//! The scheduler: every server wakes up regularly and offers to run the daily jobs; the lease
//! inside each job lets one server per day do the work (`longzhi jobs run-daily` runs them by
//! hand). And the worker: every server takes the background jobs users queue
//! (`longzhi_store::repo::jobs`), one at a time, under a lease its heartbeat renews.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveDate;
use longzhi_store::DatabaseConnection;
use longzhi_store::repo::files::{self, Attachable};
use longzhi_store::repo::jobs;
use longzhi_store::storage::{SharedStorage, Storage};
use tokio::sync::Notify;

use crate::module::{BoxFuture, Module, Modules};

/// How often a server offers to run the daily jobs.
const TICK: Duration = Duration::from_secs(15 * 60);

pub fn spawn(db: DatabaseConnection, storage: SharedStorage, modules: Modules) {
    let holder = holder_name("server");
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

/// A kind of background job a module runs, and how.
pub struct JobKind {
    /// Its name in the `jobs` table (`<module>_<what>`).
    pub kind: &'static str,
    pub run: JobRun,
}

/// Runs one job: its answer and file, or why it failed (shown to the asker).
pub type JobRun = for<'a> fn(JobContext<'a>) -> BoxFuture<'a, Result<jobs::Output, String>>;

/// What a running job gets: the database, its row (parameters, asker's scope) and its progress.
pub struct JobContext<'a> {
    pub db: &'a DatabaseConnection,
    pub job: &'a longzhi_store::entity::job::Model,
    pub progress: Progress,
}

/// A job's progress, settable from any thread (also from blocking computations); the worker
/// writes the latest value with every heartbeat, which also renews the job's lease.
#[derive(Clone, Default)]
pub struct Progress(Arc<Mutex<(i32, String)>>);

impl Progress {
    pub fn set(&self, percent: i32, message: impl Into<String>) {
        if let Ok(mut p) = self.0.lock() {
            *p = (percent, message.into());
        }
    }

    fn get(&self) -> (i32, String) {
        self.0.lock().map(|p| p.clone()).unwrap_or_default()
    }
}

/// The files of a job are its asker's, and whoever may see the job.
pub const JOB_FILES: Attachable = Attachable {
    entity: jobs::ENTITY,
    sees: |db, p, id| Box::pin(jobs::visible(db, p, id)),
};

/// How often a running job's progress is written (and its lease renewed).
const HEARTBEAT: Duration = Duration::from_secs(1);
/// How often an idle worker looks for jobs queued by other servers.
const POLL: Duration = Duration::from_secs(2);

static QUEUED: Notify = Notify::const_new();

/// Wakes this server's worker after a job was queued (other servers find it by polling).
pub fn wake() {
    QUEUED.notify_one();
}

/// Starts this server's worker: one job at a time (they are CPU-bound), the oldest first.
pub fn spawn_worker(db: DatabaseConnection, storage: SharedStorage, modules: Modules) {
    let holder = holder_name("worker");
    tokio::spawn(async move {
        loop {
            match work_once(&db, storage.as_ref(), &modules, &holder).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, "job queue unavailable"),
            }
            let _ = tokio::time::timeout(POLL, QUEUED.notified()).await;
        }
    });
}

/// Takes and runs one job; `false` when none was waiting.
pub async fn work_once(
    db: &DatabaseConnection,
    storage: &dyn Storage,
    modules: &[Module],
    holder: &str,
) -> Result<bool, longzhi_store::StoreError> {
    let kinds: Vec<&JobKind> = modules.iter().flat_map(|m| m.jobs).collect();
    let names: Vec<&str> = kinds.iter().map(|k| k.kind).collect();
    if names.is_empty() {
        return Ok(false);
    }
    let Some(job) = jobs::claim(db, holder, &names, chrono::Utc::now()).await? else {
        return Ok(false);
    };
    let Some(kind) = kinds.iter().find(|k| k.kind == job.kind) else {
        return Ok(true);
    };
    let progress = Progress::default();
    let run = (kind.run)(JobContext {
        db,
        job: &job,
        progress: progress.clone(),
    });
    tokio::pin!(run);
    let mut beat = tokio::time::interval(HEARTBEAT);
    let outcome = loop {
        tokio::select! {
            out = &mut run => break Some(out),
            _ = beat.tick() => {
                let (percent, message) = progress.get();
                if !jobs::progress(db, job.id, holder, percent, &message).await? {
                    // The lease ran out and another server took the job: leave it to them.
                    break None;
                }
            }
        }
    };
    match outcome {
        Some(Ok(out)) => jobs::finish(db, storage, &job, holder, out).await?,
        Some(Err(message)) => {
            tracing::warn!(job = job.id, kind = job.kind, %message, "job failed");
            jobs::fail(db, job.id, Some(holder), &message).await?;
        }
        None => {}
    }
    Ok(true)
}

/// A name unique among servers: what, process id and start time.
fn holder_name(what: &str) -> String {
    format!(
        "{what}-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}
