//! The fast block-YAML reader against the full parser: on every YAML
//! document of the pinned istio.io/istio module (test data, charts, samples)
//! and of the shared corpus, and on mutations of them, the fast reader
//! either gives up or returns exactly the full parser's value (keys in the
//! same order); where the full parser rejects a document, it gives up.

#![allow(clippy::print_stderr)] // the coverage report goes to the test log

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use mast::manifest::{self, DuplicateKeys, Limits};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "yaml" || x == "yml" || x == "golden")
        {
            out.push(p);
        }
    }
}

/// Documents (and mutants) the fast reader read with field lines.
static LINES_READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[derive(Default)]
struct Tally {
    docs: usize,
    fast: usize,
    mutants: usize,
    mutants_fast: usize,
}

/// The full parser alone (`parse_document` itself tries the fast reader).
fn full(text: &str, lines: bool) -> Result<manifest::Parsed, manifest::ParseError> {
    manifest::parse_full(text, Limits::default(), DuplicateKeys::Error, lines)
}

/// Compare the two readers on `text`; `Err` describes a disagreement.
fn check(text: &str) -> Result<bool, String> {
    if check_lines(text)? {
        LINES_READ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let fast = manifest::parse_fast(text);
    // The memoizing reader (injection templates' output) reads the same
    // values, the memo holding nodes of every document read before on this
    // thread (mutants share most of their text with their document): a
    // second read takes every repeated node from the memo.
    for _ in 0..2 {
        let memo = manifest::parse_fast_memo(text);
        if memo.as_ref().ok() != fast.as_ref().ok() {
            return Err(format!(
                "the memoizing reader differs:\n memo: {memo:?}\n fast: {fast:?}"
            ));
        }
    }
    let full = full(text, false);
    match (fast, full) {
        (Err(_), _) => Ok(false),
        (Ok(f), Ok(full)) => {
            let a = serde_json::to_string(&f).unwrap();
            let b = serde_json::to_string(&full.value).unwrap();
            if a == b {
                Ok(true)
            } else {
                Err(format!("values differ:\n fast: {a}\n full: {b}"))
            }
        }
        (Ok(f), Err(e)) => Err(format!(
            "full parser rejects it ({}: {}) but the fast reader returned {}",
            e.line,
            e.message,
            serde_json::to_string(&f).unwrap()
        )),
    }
}

/// The fast reader's field lines (where it reads the document with them)
/// against the full parser's event positions.
fn check_lines(text: &str) -> Result<bool, String> {
    let Ok((value, lines)) = manifest::parse_fast_lines(text) else {
        return Ok(false);
    };
    let full = full(text, true).map_err(|e| {
        format!(
            "full parser rejects it ({}: {}) but the fast reader read it with lines",
            e.line, e.message
        )
    })?;
    let a = serde_json::to_string(&value).unwrap();
    let b = serde_json::to_string(&full.value).unwrap();
    if a != b {
        return Err(format!(
            "values (with lines) differ:\n fast: {a}\n full: {b}"
        ));
    }
    let mut fast: Vec<_> = lines.into_iter().collect();
    let mut slow: Vec<_> = full.lines.into_iter().collect();
    fast.sort();
    slow.sort();
    if fast != slow {
        let only_fast: Vec<_> = fast.iter().filter(|e| !slow.contains(e)).take(5).collect();
        let only_full: Vec<_> = slow.iter().filter(|e| !fast.contains(e)).take(5).collect();
        return Err(format!(
            "field lines differ: fast only {only_fast:?}, full only {only_full:?}"
        ));
    }
    Ok(true)
}

/// Small deterministic edits that push a document to the subset's edges.
fn mutants(text: &str, seed: &mut u64) -> Vec<String> {
    const INSERTS: &[&str] = &[
        ": ",
        "#",
        " #",
        "- ",
        "-",
        "'",
        "\"",
        " ",
        "  ",
        "\n",
        "\n  x",
        "\t",
        "|",
        "|-",
        ">",
        "&a ",
        "*a",
        "!!str ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\\",
        "? ",
        "---\n",
        ":",
        "\"\\u00e9\"",
    ];
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return out;
    }
    for _ in 0..12 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let r = (*seed >> 33) as usize;
        let mut at = r % bytes.len();
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut m = String::with_capacity(text.len() + 8);
        m.push_str(&text[..at]);
        if r.is_multiple_of(5) {
            // Delete one character.
            let mut next = at + 1;
            while next < text.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            m.push_str(&text[next.min(text.len())..]);
        } else {
            m.push_str(INSERTS[(r / 7) % INSERTS.len()]);
            m.push_str(&text[at..]);
        }
        out.push(m);
    }
    out
}

fn run(files: &[PathBuf], tally: &mut Tally, failures: &mut Vec<String>) {
    let mut seed = 0x5eed_u64;
    for f in files {
        let Ok(text) = fs::read_to_string(f) else {
            continue;
        };
        let Ok(docs) = manifest::split_str(&text) else {
            continue;
        };
        for d in docs {
            tally.docs += 1;
            match check(&d.text) {
                Ok(true) => tally.fast += 1,
                Ok(false) => {
                    // MAST_FAST_REPORT=1 lists what the fast reader leaves
                    // to the full parser (to see what a wider subset would buy).
                    if std::env::var_os("MAST_FAST_REPORT").is_some() {
                        eprintln!("gave up: {} document {}", f.display(), d.index);
                    }
                }
                Err(e) => failures.push(format!("{} document {}: {e}", f.display(), d.index)),
            }
            if d.text.len() > 8 * 1024 {
                continue;
            }
            for m in mutants(&d.text, &mut seed) {
                tally.mutants += 1;
                match check(&m) {
                    Ok(true) => tally.mutants_fast += 1,
                    Ok(false) => {}
                    Err(e) => failures.push(format!(
                        "{} document {} mutated to {m:?}: {e}",
                        f.display(),
                        d.index
                    )),
                }
            }
        }
    }
}

#[test]
fn fast_reader_agrees_with_the_full_parser_on_upstream_and_corpus_yaml() {
    let mut files = Vec::new();
    let src = support::istio_src();
    for sub in [
        "pkg",
        "manifests",
        "samples",
        "tests",
        "operator",
        "istioctl",
    ] {
        yaml_files(&src.join(sub), &mut files);
    }
    let corpus = PathBuf::from("/work/shared/corpus");
    if corpus.is_dir() {
        yaml_files(&corpus, &mut files);
    } else {
        eprintln!(
            "SKIPPED part: /work/shared/corpus is absent (no corpus manifests on this machine)"
        );
    }
    yaml_files(Path::new("examples"), &mut files);
    files.sort();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    run(&files, &mut tally, &mut failures);
    let with_lines = LINES_READ.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "{} files, {} documents, {} read by the fast reader; {} mutants, {} read by it; \
         {with_lines} of all these read with field lines",
        files.len(),
        tally.docs,
        tally.fast,
        tally.mutants,
        tally.mutants_fast
    );
    assert!(
        failures.is_empty(),
        "{} disagreements, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(if std::env::var_os("MAST_FAST_REPORT").is_some() {
                1000
            } else {
                10
            })
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        tally.docs > 2_000,
        "too few documents found: {}",
        tally.docs
    );
    assert!(
        with_lines * 10 >= (tally.docs + tally.mutants) * 4,
        "the fast reader read only {with_lines} documents with field lines"
    );
    // The point of the fast reader is that it reads most manifests.
    assert!(
        tally.fast * 10 >= tally.docs * 6,
        "the fast reader read only {} of {} documents",
        tally.fast,
        tally.docs
    );
}
