//! How many threads the parallel pipelines use (inject's document workers,
//! analyze's document parsing and rules): one per available core, at most 8.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The available cores, at least 1 and at most 8. Asked once per process:
/// the standard library reads the cgroup's CPU quota from files each time.
pub fn available() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// `f` over every item on all cores (at most 8), results in item order. Each
/// thread takes the next item not yet taken, so the threads finish together
/// even when items cost unequal amounts.
pub fn map_in_turn<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = available().min(items.len());
    if threads < 2 {
        return items.into_iter().map(f).collect();
    }
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else {
                return done;
            };
            let item = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            done.push((i, f(item.expect("each item is taken once"))));
        }
    };
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(slots.len()).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
        let mut done = worker();
        for h in handles {
            done.extend(h.join().expect("worker thread panicked"));
        }
        for (i, r) in done {
            out[i] = Some(r);
        }
    });
    out.into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
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
}
