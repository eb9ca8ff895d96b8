//! Generated files (completions, man pages, docs/cli.md) are current: the
//! test regenerates them into a temporary directory and compares.

use std::path::Path;

fn files_under(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn completions_and_docs_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("mast")
        .unwrap()
        .args(["generate-docs", "--out"])
        .arg(tmp.path())
        .assert()
        .success();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = files_under(tmp.path());
    assert!(generated.len() >= 6, "{generated:?}");
    let mut stale = Vec::new();
    for file in &generated {
        let rel = file.strip_prefix(tmp.path()).unwrap();
        let committed = std::fs::read(repo.join(rel)).unwrap_or_default();
        if committed != std::fs::read(file).unwrap() {
            stale.push(rel.display().to_string());
        }
    }
    // No committed man page may be left over from a removed command.
    for file in files_under(&repo.join("docs/man")) {
        let rel = file.strip_prefix(repo).unwrap();
        if !tmp.path().join(rel).exists() {
            stale.push(format!("{} (no longer generated)", rel.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; run `cargo run -- generate-docs` and commit the result"
    );
}
