//! Istio's configuration validation (IST0106 / IST0133) per kind, message by
//! message: `tests/data/analyze/validation.yaml` holds valid and invalid
//! resources of every validated kind, and its `# message:` lines the exact
//! texts. mast must print exactly those; so must the real istioctl
//! (`$MAST_ISTIOCTL`), which is where the texts come from.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

type Msg = (String, String, String);

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/analyze/validation.yaml")
}

/// `# message: CODE Kind ns/name: text` lines, `\n` and `\t` unescaped.
fn expected() -> BTreeSet<Msg> {
    std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("# message: IST"))
        .map(|l| {
            let (code, rest) = l.split_once(' ').unwrap();
            let (kind, rest) = rest.split_once(' ').unwrap();
            let (name, text) = rest.split_once(": ").unwrap();
            let text = text
                .replace("\\n", "\n")
                .replace("\\t", "\t")
                .replace("\\\\", "\\");
            (format!("IST{code}"), format!("{kind} {name}"), text)
        })
        .collect()
}

/// The IST0106 / IST0133 messages of `-o json` output.
fn schema_messages(stdout: &[u8]) -> BTreeSet<Msg> {
    let text = String::from_utf8_lossy(stdout);
    // istioctl may log to stdout before the JSON.
    let start = text.find("\n[").map_or(0, |i| i + 1);
    let v: serde_json::Value =
        serde_json::from_str(&text[start..]).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    v.as_array()
        .unwrap()
        .iter()
        .filter(|m| matches!(m["code"].as_str(), Some("IST0106" | "IST0133")))
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("origin"), s("message"))
        })
        .collect()
}

fn diff(want: &BTreeSet<Msg>, got: &BTreeSet<Msg>) -> String {
    let missing = want.difference(got).map(|m| format!("missing: {m:?}"));
    let unexpected = got.difference(want).map(|m| format!("unexpected: {m:?}"));
    missing.chain(unexpected).collect::<Vec<_>>().join("\n")
}

#[test]
fn mast_prints_istios_validation_messages() {
    let want = expected();
    assert!(
        want.len() > 100,
        "too few expected messages: {}",
        want.len()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["analyze", "--use-kube=false", "-o", "json"])
        .arg(fixture())
        .output()
        .unwrap();
    let got = schema_messages(&out.stdout);
    assert!(got == want, "{}", diff(&want, &got));
    // Every validated kind is exercised, valid resources stay silent.
    for kind in mast::analyze::validate::KINDS.iter().map(|(_, k)| *k) {
        assert!(
            want.iter().any(|m| m.1.starts_with(&format!("{kind} "))),
            "no case for {kind}"
        );
    }
    assert!(
        got.iter().all(|m| !m.1.ends_with("-ok")),
        "valid resources are reported"
    );
}

#[test]
fn istioctl_prints_the_same_messages() {
    let Some(istioctl) = std::env::var_os("MAST_ISTIOCTL").filter(|p| !p.is_empty()) else {
        panic!("MAST_ISTIOCTL is not set: run ./test.sh (it builds the pinned istioctl)");
    };
    let out = Command::new(istioctl)
        .args(["analyze", "--use-kube=false", "-A", "-o", "json"])
        .arg(fixture())
        .output()
        .unwrap();
    let want = expected();
    let got = schema_messages(&out.stdout);
    assert!(got == want, "{}", diff(&want, &got));
}
