//! A 200 MB generated stream is read document by document in bounded memory.
//! This is a memory bound, not a timing test: it measures and reports peak
//! RSS, and fails when the reader holds more than one document at a time.

#![allow(clippy::print_stderr)]

use std::io::{BufReader, Read};

use mast::manifest::{DocumentReader, Source};

/// Produces `total` bytes of Deployment documents without holding them.
struct Generator {
    total: usize,
    produced: usize,
    pending: Vec<u8>,
    pos: usize,
    n: usize,
}

impl Generator {
    fn doc(n: usize) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{n}\n  labels:\n    app: app-{n}\n    version: v1\n\
spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-{n}\n  template:\n    metadata:\n      labels:\n        app: app-{n}\n\
    spec:\n      containers:\n      - name: web\n        image: registry.example/app:{n}\n        ports:\n        - containerPort: 8080\n\
        env:\n        - name: MODE\n          value: \"production\"\n        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n---\n"
        )
    }
}

impl Read for Generator {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.pending.len() {
            if self.produced >= self.total {
                return Ok(0);
            }
            self.pending = Self::doc(self.n).into_bytes();
            self.n += 1;
            self.pos = 0;
            self.produced += self.pending.len();
        }
        let k = buf.len().min(self.pending.len() - self.pos);
        buf[..k].copy_from_slice(&self.pending[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

#[test]
fn two_hundred_megabytes_in_bounded_memory() {
    const TOTAL: usize = 200 * 1024 * 1024;
    let generator = Generator {
        total: TOTAL,
        produced: 0,
        pending: Vec::new(),
        pos: 0,
        n: 0,
    };
    let reader = DocumentReader::new(BufReader::new(generator), Source::Stdin);
    let start = std::time::Instant::now();
    let mut docs = 0usize;
    let mut replicas = 0u64;
    for doc in reader {
        let doc = doc.expect("generated documents are valid");
        assert_eq!(doc.kind(), Some("Deployment"));
        replicas += doc.value.as_ref().unwrap()["spec"]["replicas"]
            .as_u64()
            .unwrap();
        docs += 1;
    }
    let elapsed = start.elapsed();
    let peak = peak_rss_kib().expect("/proc/self/status has VmHWM on Linux");
    eprintln!(
        "read {docs} documents ({} MiB) in {:.1}s; peak RSS {} MiB",
        TOTAL / (1024 * 1024),
        elapsed.as_secs_f64(),
        peak / 1024
    );
    assert!(docs > 300_000, "{docs}");
    assert_eq!(replicas, 2 * docs as u64);
    assert!(peak < 100 * 1024, "peak RSS {peak} KiB exceeds 100 MiB");
}
