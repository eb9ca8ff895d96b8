//! How many threads the parallel pipelines use (inject's document workers,
//! analyze's document parsing and rules): one per available core, at most 8;
//! and the worker pool analyze's phases and background jobs run on.

use std::sync::{Once, OnceLock};

use rayon::iter::{IndexedParallelIterator as _, IntoParallelIterator as _, ParallelIterator as _};

/// The available cores, at least 1 and at most 8. Asked once per process:
/// the standard library reads the cgroup's CPU quota from files each time.
pub fn available() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// Start the worker pool (one thread per available core, at most 8), once.
/// Call it early where a parallel phase follows: a thread spawned at the
/// moment work is ready may wait a scheduler tick (~2.5 ms here) before it
/// first runs, on the busy core that spawned it; a pool thread already
/// started and asleep wakes in ~40 µs.
pub fn start_pool() {
    static POOL: Once = Once::new();
    POOL.call_once(|| {
        // Fails only if the pool exists already, which is what we want.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(available())
            .thread_name(|i| format!("mast-worker-{i}"))
            // A panicking background job (a bug) has had its message
            // printed; as with a thread of its own, the process goes on
            // (rayon's default is to abort).
            .panic_handler(|_| {})
            .build_global();
    });
}

/// Run `f` on the pool in the background, starting the pool if needed: work
/// to get ahead of the main thread without a thread (and a heap, with its
/// first huge page to zero) of its own.
pub fn spawn(f: impl FnOnce() + Send + 'static) {
    start_pool();
    rayon::spawn(f);
}

/// `f` over every item on all cores (at most 8), results in item order.
/// The items are split down to single ones and an idle thread steals part of
/// what another has not started, so the threads finish together even when
/// items cost unequal amounts.
pub fn map_in_turn<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if available() < 2 || items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    start_pool();
    let f = &f;
    items.into_par_iter().with_max_len(1).map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_in_turn_keeps_item_order() {
        let items: Vec<usize> = (0..1000).collect();
        let out = super::map_in_turn(items, |i| i * 2);
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map_in_turn(Vec::<u8>::new(), |b| b).is_empty());
    }

    #[test]
    fn spawned_jobs_run_and_a_panicking_one_does_not_stop_the_pool() {
        let (tx, rx) = std::sync::mpsc::channel();
        super::spawn(|| panic!("a bug in a background job"));
        super::spawn(move || tx.send(42).expect("the test waits"));
        let got = rx.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(got, Ok(42));
        let out = super::map_in_turn((0..100).collect(), |i: u32| i + 1);
        assert_eq!(out, (1..101).collect::<Vec<_>>());
    }
}
