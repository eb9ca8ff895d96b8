//! `mast label` without a cluster: `-f FILE|-` rewrites Namespace documents
//! of a manifest stream, and usage errors. (The live cluster cases are in
//! tests/label.rs.)

use assert_cmd::Command;
use predicates::prelude::*;

fn mast() -> Command {
    let mut c = Command::cargo_bin("mast").unwrap();
    // Offline mode must not need a cluster: point KUBECONFIG nowhere.
    c.env("KUBECONFIG", "/nonexistent/kubeconfig")
        .env("NO_COLOR", "1");
    c
}

const STREAM: &str = "\
# a comment the rewrite keeps
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
data: {k: v}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: a
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: cart, labels: {istio-injection: enabled}}
";

#[test]
fn offline_rewrites_only_namespace_documents() {
    let out = mast()
        .args([
            "label",
            "ns",
            "--enable",
            "--revision",
            "canary",
            "--overwrite",
            "-f",
            "-",
        ])
        .write_stdin(STREAM)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stdout.starts_with("# a comment the rewrite keeps\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {k: v}\n---\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("kind: Namespace\nmetadata:\n  labels:\n    istio.io/rev: canary\n    team: a\n  name: shop\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    labels:\n      istio.io/rev: canary\n    name: cart\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("istio-injection"), "{stdout}");
    assert_eq!(
        stderr,
        "namespace/shop labeled: istio.io/rev=canary\nnamespace/cart labeled: istio.io/rev=canary istio-injection-\n"
    );
}

#[test]
fn offline_refusal_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ns.yaml");
    std::fs::write(&file, STREAM).unwrap();
    let f = file.to_str().unwrap();
    mast()
        .args(["label", "ns", "--disable", "-f", f])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "namespace/cart: refused: namespace cart already has istio-injection=enabled",
        ))
        .stderr(predicate::str::contains("namespace/shop: not changed"))
        .stderr(predicate::str::contains("hint: pass --overwrite"));
    // Naming a Namespace limits the change to it; a missing one is bad input.
    mast()
        .args(["label", "ns", "shop", "--disable", "-f", f])
        .assert()
        .success()
        .stdout(predicate::str::contains("istio-injection: disabled"))
        .stdout(predicate::str::contains("metadata:\n    - {name: cart").not())
        .stderr("namespace/shop labeled: istio-injection=disabled\n");
    mast()
        .args(["label", "ns", "nope", "--disable", "-f", f])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "namespace nope is not in the input",
        ));
    mast()
        .args(["label", "ns", "kube-system", "--enable", "-f", "-"])
        .write_stdin("apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("never injects"));
}

#[test]
fn usage_errors_exit_64() {
    for args in [
        vec!["label", "ns", "x"],
        vec!["label", "ns", "x", "--enable", "--disable"],
        vec!["label", "ns", "x", "--disable", "--revision", "r"],
        vec!["label", "ns", "--enable"],
        vec!["label", "ns", "x", "--enable", "--dry-run=maybe"],
        vec!["label"],
        vec!["check-inject"],
    ] {
        mast().args(&args).assert().code(64);
    }
    mast()
        .args(["label", "ns", "--enable", "--dry-run=server", "-f", "-"])
        .write_stdin("")
        .assert()
        .code(64)
        .stderr(predicate::str::contains(
            "--dry-run=server needs the cluster",
        ));
}

#[test]
fn help_lists_label_and_check_inject() {
    mast()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("\n  label "))
        .stdout(predicate::str::contains("\n  check-inject "));
}
