//! How many threads the parallel pipelines use (inject's document workers,
//! analyze's document parsing and rules): one per available core, at most 8.

/// The available cores, at least 1 and at most 8.
pub fn available() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}
