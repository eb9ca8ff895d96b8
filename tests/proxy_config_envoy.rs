//! proxy-config against a real Envoy 1.40 (the test ground's sidecar-like
//! bootstraps, static and file-based xDS): every subcommand through
//! `--admin`, `log` changing levels for real, and istioctl on the dumps
//! taken from that Envoy versus mast on the same files.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use support::Envoy;

fn mast(args: &[&str]) -> Output {
    Command::cargo_bin("mast")
        .unwrap()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok_stdout(args: &[&str]) -> String {
    let o = mast(args);
    assert!(
        o.status.success(),
        "mast {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_subcommand_via_admin_on_the_xds_envoy() {
    let envoy = Envoy::start("xds");
    let url = envoy.admin_url();
    let clusters = ok_stdout(&["pc", "cluster", "--admin", &url]);
    assert!(clusters.starts_with("SERVICE FQDN "), "{clusters}");
    assert!(
        clusters.contains("reviews.default.svc.cluster.local"),
        "{clusters}"
    );
    assert!(
        clusters.contains("reviews.default\n"),
        "DR column: {clusters}"
    );
    let listeners = ok_stdout(&["pc", "listener", "--admin", &url]);
    assert!(listeners.contains("Route: 9080"), "{listeners}");
    assert!(listeners.contains("PassthroughCluster"), "{listeners}");
    let routes = ok_stdout(&["pc", "route", "--admin", &url]);
    assert!(routes.lines().any(|l| l.starts_with("9080 ")), "{routes}");
    let eps = ok_stdout(&["pc", "endpoint", "--admin", &url]);
    assert!(eps.starts_with("ENDPOINT "), "{eps}");
    assert!(eps.contains("HEALTHY"), "{eps}");
    let wide = ok_stdout(&["pc", "endpoint", "--admin", &url, "-o", "wide"]);
    assert!(
        wide.lines().next().unwrap().contains("HEALTHY IN CLUSTER"),
        "{wide}"
    );
    let secrets = ok_stdout(&["pc", "secret", "--admin", &url]);
    assert!(
        secrets.contains("default ") && secrets.contains("ROOTCA"),
        "{secrets}"
    );
    assert!(
        secrets.contains("Cert Chain") && secrets.contains(" CA "),
        "{secrets}"
    );
    let boot = ok_stdout(&["pc", "bootstrap", "--admin", &url, "-o", "short"]);
    // No ISTIO_PROXY_SHA in the bootstrap, so the widest label is "Istio Version:".
    assert_eq!(
        boot,
        "Istio Version: 1.31-dev\nEnvoy Version: 1.40.0/Clean/RELEASE/BoringSSL\n"
    );
    let boot_json: serde_json::Value =
        serde_json::from_str(&ok_stdout(&["pc", "bootstrap", "--admin", &url])).unwrap();
    assert!(
        boot_json["bootstrap"]["node"]["id"]
            .as_str()
            .unwrap()
            .starts_with("sidecar~")
    );
    let all = ok_stdout(&["pc", "all", "--admin", &url]);
    assert!(
        all.contains("cluster/") && all.contains("listener/") && all.contains("endpoint/"),
        "{all}"
    );
    let raw: serde_json::Value =
        serde_json::from_str(&ok_stdout(&["pc", "all", "--admin", &url, "-o", "json"])).unwrap();
    assert!(raw["configs"].as_array().unwrap().len() >= 5);
    let eds = ok_stdout(&["pc", "eds", "--admin", &url]);
    assert!(eds.starts_with("NAME "), "{eds}");
}

#[test]
fn static_envoy_secrets_and_inline_routes() {
    let envoy = Envoy::start("static");
    let url = envoy.admin_url();
    let listeners = ok_stdout(&["pc", "listener", "--admin", &url]);
    assert!(listeners.contains("Inline Route: "), "{listeners}");
    let secrets = ok_stdout(&["pc", "secret", "--admin", &url]);
    assert_eq!(secrets, "No active or warming secrets found.\n");
}

#[test]
fn log_levels_really_change() {
    let envoy = Envoy::start("static");
    let url = envoy.admin_url();
    let before = ok_stdout(&["pc", "log", "--admin", &url]);
    assert!(before.starts_with("active loggers:\n"), "{before}");
    assert!(before.contains("\n  http: info\n"), "{before}");
    let after = ok_stdout(&[
        "pc",
        "log",
        "--admin",
        &url,
        "--level",
        "warning,http:debug",
    ]);
    assert!(after.contains("\n  http: debug\n"), "{after}");
    assert!(after.contains("\n  admin: warning\n"), "{after}");
    // Read back with Envoy's own API, not through mast.
    let body = envoy.post("/logging").body;
    assert!(
        body.contains("\n  http: debug\n") && body.contains("\n  admin: warning\n"),
        "{body}"
    );
    let reset = ok_stdout(&["pc", "log", "--admin", &url, "-r"]);
    assert!(reset.contains("\n  http: warning\n"), "{reset}");
    let o = mast(&[
        "pc",
        "log",
        "--admin",
        &url,
        "--level",
        "nosuchlogger:debug",
    ]);
    assert_eq!(o.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unrecognized logger name: nosuchlogger"));
    let o = mast(&["pc", "log", "--admin", &url, "--level", "none"]);
    assert_eq!(o.status.code(), Some(64));
}

#[test]
fn admin_answering_non_200_is_one_line_error() {
    let envoy = Envoy::start("static");
    // /clusters?format=json is fine; a path prefix that does not exist is a 404.
    let url = format!("{}/nope", envoy.admin_url());
    let o = mast(&["pc", "cluster", "--admin", &url]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("answered 404"), "{err}");
}

// ------------------------------------------------------------ differential

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// A kubeconfig istioctl can load (it builds a client before reading --file);
/// nothing contacts the server.
fn dummy_kubeconfig(dir: &Path) -> PathBuf {
    write(
        dir,
        "kubeconfig",
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\n\
         contexts:\n- name: c\n  context: {cluster: c, user: u, namespace: default}\ncurrent-context: c\n\
         users:\n- name: u\n  user: {token: x}\n",
    )
}

fn istioctl(kubeconfig: &Path, args: &[&str]) -> Output {
    std::process::Command::new(support::istioctl())
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .unwrap()
}

/// Run both tools; return a description of the mismatch, if any.
pub fn compare(kubeconfig: &Path, args: &[&str]) -> Option<String> {
    let theirs = istioctl(kubeconfig, args);
    let ours = mast(args);
    let (t, o) = (
        String::from_utf8_lossy(&theirs.stdout),
        String::from_utf8_lossy(&ours.stdout),
    );
    if theirs.status.success() != ours.status.success() {
        return Some(format!(
            "{args:?}: istioctl success={} mast success={}\nistioctl stderr: {}\nmast stderr: {}",
            theirs.status.success(),
            ours.status.success(),
            String::from_utf8_lossy(&theirs.stderr),
            String::from_utf8_lossy(&ours.stderr)
        ));
    }
    if t != o {
        return Some(format!(
            "{args:?}: output differs\n--- istioctl\n{t}\n--- mast\n{o}"
        ));
    }
    None
}

#[test]
fn differential_on_real_envoy_dumps() {
    let tmp = tempfile::tempdir().unwrap();
    let kc = dummy_kubeconfig(tmp.path());
    let mut runs = 0;
    let mut misses = Vec::new();
    for variant in ["static", "xds"] {
        let envoy = Envoy::start(variant);
        let dump = envoy.get("/config_dump?include_eds=true");
        assert_eq!(dump.status, 200);
        let clusters = envoy.get("/clusters?format=json");
        let dump_path = write(tmp.path(), &format!("{variant}-dump.json"), &dump.body);
        let clusters_path = write(
            tmp.path(),
            &format!("{variant}-clusters.json"),
            &clusters.body,
        );
        let d = dump_path.to_str().unwrap();
        let c = clusters_path.to_str().unwrap();
        let cases: Vec<Vec<&str>> = vec![
            vec!["proxy-config", "cluster", "-f", d],
            vec![
                "proxy-config",
                "cluster",
                "-f",
                d,
                "--direction",
                "outbound",
            ],
            vec!["proxy-config", "cluster", "-f", d, "--port", "9080"],
            vec!["proxy-config", "listener", "-f", d],
            vec!["proxy-config", "listener", "-f", d, "--verbose=false"],
            vec!["proxy-config", "listener", "-f", d, "--port", "15006"],
            vec!["proxy-config", "route", "-f", d],
            vec!["proxy-config", "route", "-f", d, "--verbose=false"],
            vec!["proxy-config", "route", "-f", d, "--name", "9080"],
            vec!["proxy-config", "secret", "-f", d],
            vec!["proxy-config", "bootstrap", "-f", d, "-o", "short"],
            vec!["proxy-config", "all", "-f", d],
            vec!["proxy-config", "all", "-f", d, "--with-headers"],
            vec!["proxy-config", "endpoint", "-f", c],
            vec!["proxy-config", "endpoint", "-f", c, "--status", "healthy"],
            vec!["proxy-config", "eds", "-f", d],
        ];
        for args in &cases {
            runs += 1;
            if let Some(m) = compare(&kc, args) {
                misses.push(format!("[{variant}] {m}"));
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
