//! Differential: the real istioctl (built from the pinned module) versus
//! mast on Istio's own test dumps, for every table and filter combination
//! that applies, plus structural equality of `-o json` and byte equality
//! of `-o yaml`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn mast(args: &[&str]) -> Output {
    Command::cargo_bin("mast")
        .unwrap()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn dummy_kubeconfig(dir: &Path) -> PathBuf {
    let p = dir.join("kubeconfig");
    std::fs::write(
        &p,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\n\
         contexts:\n- name: c\n  context: {cluster: c, user: u, namespace: default}\ncurrent-context: c\n\
         users:\n- name: u\n  user: {token: x}\n",
    )
    .unwrap();
    p
}

fn istioctl(kubeconfig: &Path, args: &[&str]) -> Output {
    std::process::Command::new(support::istioctl())
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .unwrap()
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Byte-identical stdout.
    Exact,
    /// Same JSON value.
    Json,
}

fn compare(kc: &Path, args: &[&str], mode: Mode) -> Option<String> {
    let theirs = istioctl(kc, args);
    let ours = mast(args);
    if theirs.status.success() != ours.status.success() {
        return Some(format!(
            "{args:?}: istioctl ok={} mast ok={}\n istioctl: {}\n mast: {}",
            theirs.status.success(),
            ours.status.success(),
            String::from_utf8_lossy(&theirs.stderr).trim(),
            String::from_utf8_lossy(&ours.stderr).trim()
        ));
    }
    if !theirs.status.success() {
        return None;
    }
    let (t, o) = (
        String::from_utf8_lossy(&theirs.stdout),
        String::from_utf8_lossy(&ours.stdout),
    );
    match mode {
        Mode::Exact if t != o => Some(format!("{args:?}: differs\n--- istioctl\n{t}--- mast\n{o}")),
        Mode::Json => {
            let tv: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
            let ov: serde_json::Value = serde_json::from_str(&o).unwrap_or_default();
            (tv != ov || tv.is_null())
                .then(|| format!("{args:?}: JSON differs\n--- istioctl\n{t}--- mast\n{o}"))
        }
        Mode::Exact => None,
    }
}

#[test]
fn differential_on_upstream_dumps() {
    let src = support::istio_src();
    let tmp = tempfile::tempdir().unwrap();
    let kc = dummy_kubeconfig(tmp.path());
    let cd = src.join("istioctl/pkg/writer/envoy/configdump/testdata");
    let full = src.join("istioctl/pkg/proxyconfig/testdata/config_dump.json");
    let dumps: Vec<PathBuf> = vec![
        full.clone(),
        cd.join("configdump.json"),
        cd.join("routes/empty-gateway/configdump.json"),
        cd.join("routes/istio-gateway-http-route-prefix/configdump.json"),
        cd.join("routes/k8s-gateway-http-route-path-prefix/configdump.json"),
        cd.join("endpoint/configdump.json"),
        cd.join("ecds/configdump.json"),
        cd.join("secret/istio/config_dump.json"),
        cd.join("secret/spire/config_dump.json"),
        src.join("istioctl/pkg/writer/compare/testdata/configdump.json"),
        src.join("istioctl/pkg/writer/compare/testdata/configdump_diff.json"),
        src.join("istioctl/pkg/describe/testdata/describe/http_config.json"),
        src.join("istioctl/pkg/describe/testdata/describe/tls_config.json"),
    ];
    let mut runs = 0;
    let mut misses = Vec::new();
    for d in &dumps {
        if !d.exists() {
            continue;
        }
        let f = d.to_str().unwrap();
        let mut cases: Vec<(Vec<&str>, Mode)> = Vec::new();
        for t in [
            "cluster", "listener", "route", "secret", "ecds", "eds", "all",
        ] {
            cases.push((vec!["proxy-config", t, "-f", f], Mode::Exact));
        }
        cases.push((
            vec!["proxy-config", "bootstrap", "-f", f, "-o", "short"],
            Mode::Exact,
        ));
        cases.push((
            vec!["proxy-config", "listener", "-f", f, "--verbose=false"],
            Mode::Exact,
        ));
        cases.push((
            vec!["proxy-config", "route", "-f", f, "--verbose=false"],
            Mode::Exact,
        ));
        cases.push((
            vec![
                "proxy-config",
                "all",
                "-f",
                f,
                "--with-headers",
                "--port",
                "8080",
            ],
            Mode::Exact,
        ));
        cases.push((
            vec![
                "proxy-config",
                "cluster",
                "-f",
                f,
                "--fqdn",
                "svc",
                "--direction",
                "outbound",
            ],
            Mode::Exact,
        ));
        for t in [
            "cluster",
            "listener",
            "route",
            "eds",
            "bootstrap",
            "secret",
            "ecds",
        ] {
            cases.push((vec!["proxy-config", t, "-f", f, "-o", "json"], Mode::Json));
            cases.push((vec!["proxy-config", t, "-f", f, "-o", "yaml"], Mode::Exact));
        }
        cases.push((
            vec!["proxy-config", "all", "-f", f, "-o", "yaml"],
            Mode::Exact,
        ));
        for (args, mode) in cases {
            runs += 1;
            if let Some(m) = compare(&kc, &args, mode) {
                misses.push(m);
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {runs} differ:\n{}",
        misses.len(),
        misses.join("\n\n")
    );
}
