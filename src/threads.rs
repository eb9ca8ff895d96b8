//! How many threads the parallel pipelines use (inject's document workers,
//! analyze's document parsing and rules): one per available core, at most 8.

use std::sync::OnceLock;

/// The available cores, at least 1 and at most 8. Asked once per process:
/// the standard library reads the cgroup's CPU quota from files each time.
pub fn available() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}
