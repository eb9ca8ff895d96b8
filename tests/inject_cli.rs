//! `mast inject` end to end with the embedded default config (no cluster, no
//! files): report lines, exit codes, atomic `-o` / `--in-place`, uninject.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;

fn mast(home: &Path) -> Command {
    let mut c = Command::cargo_bin("mast").unwrap();
    c.env("HOME", home)
        .env_remove("KUBECONFIG")
        .env_remove("KUBERNETES_SERVICE_HOST");
    c.env_remove("ENABLE_NATIVE_SIDECARS");
    c
}

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bookshop.yaml")
}

#[test]
fn injects_the_example_and_reports_per_object() {
    let home = tempfile::tempdir().unwrap();
    let out = mast(home.path())
        .args(["inject", "-f"])
        .arg(example())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.starts_with("# A small shop"),
        "passthrough keeps comments"
    );
    assert_eq!(
        stdout.matches("\n---\n").count() + usize::from(stdout.starts_with("---\n")),
        4
    );
    assert!(stdout.ends_with("---\n"));
    assert_eq!(stdout.matches("name: istio-proxy").count(), 2);
    assert!(stdout.contains("ISTIO_KUBE_APP_PROBERS"));
    assert!(stdout.contains("ISTIO_PROMETHEUS_ANNOTATIONS"));
    assert!(stderr.contains("deployment \"web\" injected"), "{stderr}");
    assert!(
        stderr.contains("statefulset \"cache\" skipped: label sidecar.istio.io/inject=false"),
        "{stderr}"
    );
    // The skipped StatefulSet is passed through as written.
    assert!(stdout.contains("# The cache keeps its own networking: no sidecar."));
    // -q silences the report; the alias works.
    let q = mast(home.path())
        .args(["kube-inject", "-q", "-f"])
        .arg(example())
        .output()
        .unwrap();
    assert!(q.status.success());
    assert!(
        q.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&q.stderr)
    );
    assert_eq!(String::from_utf8(q.stdout).unwrap(), stdout);
}

#[test]
fn bad_yaml_exits_65_naming_file_document_and_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Deployment\nspec: [\n",
    )
    .unwrap();
    let out = mast(home.path())
        .args(["inject", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.yaml:"), "{stderr}");
    assert!(stderr.contains("document 2"), "{stderr}");
    let wrong_type = dir.path().join("type.yaml");
    std::fs::write(&wrong_type, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  replicas: many\n  template:\n    spec:\n      containers: []\n").unwrap();
    let out = mast(home.path())
        .args(["inject", "-f"])
        .arg(&wrong_type)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".spec.replicas"));
}

#[test]
fn output_file_is_written_only_on_success() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.yaml");
    std::fs::write(&target, "old\n").unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "kind: Pod\nspec: [\n").unwrap();
    let out = mast(home.path())
        .args(["inject", "-f"])
        .arg(example())
        .arg("-f")
        .arg(&bad)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temp file left"
    );
    let out = mast(home.path())
        .args(["inject", "-q", "-f"])
        .arg(example())
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("istio-proxy")
    );
}

#[test]
fn in_place_keeps_permissions_and_uninject_restores() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.yaml");
    std::fs::copy(example(), &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = mast(home.path())
        .args(["inject", "-q", "--in-place", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let injected = std::fs::read_to_string(&file).unwrap();
    assert!(injected.contains("istio-proxy"));
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // Injecting again changes nothing.
    let again = mast(home.path())
        .args(["inject", "-q", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), injected);
    let un = mast(home.path())
        .args(["inject", "--uninject", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(un.status.success());
    let text = String::from_utf8(un.stdout).unwrap();
    assert!(!text.contains("istio-proxy"));
    assert!(String::from_utf8_lossy(&un.stderr).contains("deployment \"web\" uninjected"));
    let docs = |t: &str| {
        mast::manifest::read_str(t, mast::manifest::Source::Stdin)
            .unwrap()
            .into_iter()
            .filter_map(|d| d.value)
            .map(|v| {
                v["spec"]["template"]["spec"]["containers"]
                    .as_array()
                    .map_or(0, Vec::len)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        docs(&text),
        docs(&std::fs::read_to_string(example()).unwrap())
    );
}

/// Documents are injected on several threads; output, report and the first
/// error must be what one thread gives, for a stream longer than the
/// in-flight window (4 documents per worker).
#[test]
fn parallel_injection_matches_one_thread() {
    let home = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(example()).unwrap();
    let mut stream = String::new();
    for _ in 0..12 {
        stream.push_str(&example);
        stream.push_str("\n---\n");
    }
    let good = home.path().join("many.yaml");
    std::fs::write(&good, &stream).unwrap();
    // The same stream with a type error late and invalid YAML after it.
    let bad = home.path().join("bad.yaml");
    stream.push_str(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: 7\n---\na: [b\n",
    );
    std::fs::write(&bad, &stream).unwrap();
    let run = |file: &Path, threads: &str| {
        mast(home.path())
            .env("MAST_INJECT_THREADS", threads)
            .args(["inject", "-f"])
            .arg(file)
            .output()
            .unwrap()
    };
    for file in [&good, &bad] {
        let one = run(file, "1");
        let four = run(file, "4");
        assert_eq!(one.status.code(), four.status.code());
        assert_eq!(one.stdout, four.stdout, "stdout of {}", file.display());
        assert_eq!(one.stderr, four.stderr, "stderr of {}", file.display());
    }
    let bad_run = run(&bad, "4");
    assert_eq!(bad_run.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&bad_run.stderr);
    assert!(stderr.contains("containers"), "{stderr}");
    // Each copy is injected as the first one is: from the third on, a
    // thread reuses the template output's nodes and their decoded values
    // (which this debug build also checks against reading and decoding
    // them again).
    let once = home.path().join("once.yaml");
    std::fs::write(&once, format!("{example}\n---\n")).unwrap();
    let single = run(&once, "1");
    assert!(single.status.success());
    assert_eq!(run(&good, "1").stdout, single.stdout.repeat(12));
}
