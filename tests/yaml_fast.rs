//! The fast block-YAML reader against the full parser: on every YAML
//! document of the pinned istio.io/istio module (test data, charts, samples)
//! and of the shared corpus, and on mutations of them, the fast reader
//! either gives up or returns exactly the full parser's value (keys in the
//! same order); where the full parser rejects a document, it gives up.

#![allow(clippy::print_stderr)] // the coverage report goes to the test log

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use mast::manifest::{self, Limits};

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

#[derive(Default)]
struct Tally {
    docs: usize,
    fast: usize,
    mutants: usize,
    mutants_fast: usize,
}

/// Compare the two readers on `text`; `Err` describes a disagreement.
fn check(text: &str) -> Result<bool, String> {
    let fast = manifest::parse_fast(text);
    let full = manifest::parse_document(text, Limits::default());
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
    eprintln!(
        "{} files, {} documents, {} read by the fast reader; {} mutants, {} read by it",
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
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        tally.docs > 2_000,
        "too few documents found: {}",
        tally.docs
    );
    // The point of the fast reader is that it reads most manifests.
    assert!(
        tally.fast * 10 >= tally.docs * 6,
        "the fast reader read only {} of {} documents",
        tally.fast,
        tally.docs
    );
}
