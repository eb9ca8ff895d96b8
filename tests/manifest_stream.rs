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
        // One line per literal: a `\` line continuation would eat the
        // indentation of the next line.
        [
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            &format!("  name: app-{n}"),
            "  labels:",
            &format!("    app: app-{n}"),
            "    version: v1",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels:",
            &format!("      app: app-{n}"),
            "  template:",
            "    metadata:",
            "      labels:",
            &format!("        app: app-{n}"),
            "    spec:",
            "      containers:",
            "      - name: web",
            &format!("        image: registry.example/app:{n}"),
            "        ports:",
            "        - containerPort: 8080",
            "        env:",
            "        - name: MODE",
            "          value: \"production\"",
            "        resources:",
            "          requests:",
            "            cpu: 100m",
            "            memory: 128Mi",
            "---\n",
        ]
        .join("\n")
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
