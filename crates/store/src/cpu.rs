//! CPU-bound work (password hashing, parsing a workbook, rendering a report) off the async
//! workers: on the blocking pool, at most one task per core for each kind of work, so a flood of
//! requests queues instead of stalling every other request or multiplying its memory.

use std::sync::OnceLock;

use tokio::sync::Semaphore;

/// A limit of one running task per core, for one kind of work: `static HASHING: PerCore =
/// PerCore::new();`.
pub struct PerCore(OnceLock<Semaphore>);

impl PerCore {
    pub const fn new() -> Self {
        Self(OnceLock::new())
    }

    /// Runs `f` on the blocking pool once a permit is free; `Err` only if the task panicked.
    pub async fn run<T: Send + 'static>(
        &'static self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let limit = self.0.get_or_init(|| {
            Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
        });
        let _permit = limit.acquire().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| e.to_string())
    }
}

impl Default for PerCore {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn runs_at_most_one_task_per_core() {
        static WORK: PerCore = PerCore::new();
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static PEAK: AtomicUsize = AtomicUsize::new(0);
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let tasks: Vec<_> = (0..cores * 4)
            .map(|_| {
                tokio::spawn(WORK.run(|| {
                    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                    PEAK.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    RUNNING.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(PEAK.load(Ordering::SeqCst), cores);
        assert!(WORK.run(|| panic!("boom")).await.is_err());
    }
}
