//! The mesh config and mesh networks as istioctl loads them (Istio's
//! `ValidateMeshConfig` / `ValidateMeshNetworks` behind
//! `schema.ValidationAnalyzer.MeshConfig` / `.MeshNetworks`).
//!
//! istioctl validates the mesh config while loading it and ignores one Istio
//! rejects, silently; its two validation analyzers never report. So:
//! - `tests/data/analyze/mesh/configs.yaml` holds mesh config bodies with
//!   what Istio makes of them (accepted, accepted with warnings, rejected,
//!   with Go's exact text): mast must agree on each, and so must the real
//!   istioctl (`istioctl kube-inject --meshConfigFile` prints Istio's error);
//! - `mast analyze` ignores a rejected `--meshConfigFile` with a warning, and
//!   analyses as istioctl does (which mesh config is in effect shows in the
//!   Lightstep provider finding, IST0002);
//! - live, the `istio` ConfigMap's `mesh` and `meshNetworks` keys are read,
//!   replaced and ignored as istioctl does (IST0002, IST0126).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams};
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Accepted,
    Warnings(String),
    Rejected(String),
}

struct Case {
    name: String,
    want: Outcome,
    text: String,
}

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analyze")
        .join(rel)
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(data("mesh/configs.yaml")).unwrap();
    text.split("\n---\n")
        .map(|chunk| {
            let line = |p: &str| chunk.lines().find_map(|l| l.strip_prefix(p));
            let want = if let Some(t) = line("# rejected: ") {
                Outcome::Rejected(unescape(t))
            } else if let Some(t) = line("# warnings: ") {
                Outcome::Warnings(unescape(t))
            } else {
                assert!(
                    chunk.contains("\n# accepted\n"),
                    "no expectation in {chunk}"
                );
                Outcome::Accepted
            };
            Case {
                name: line("# case: ").expect("a case name").to_string(),
                want,
                text: format!("{chunk}\n"),
            }
        })
        .collect()
}

fn mast_outcome(text: &str) -> Outcome {
    let docs = mast::manifest::read_str(text, mast::manifest::Source::Stdin).unwrap();
    let body = docs
        .into_iter()
        .find_map(|d| d.value)
        .unwrap_or(Value::Null);
    match mast::analyze::mesh::apply_mesh_config(&body) {
        Ok(a) => a.warnings.map_or(Outcome::Accepted, |w| {
            Outcome::Warnings(w.trim_end().into())
        }),
        Err(e) => Outcome::Rejected(e.trim_end().into()),
    }
}

#[test]
fn mast_loads_mesh_configs_as_istio_does() {
    let cases = cases();
    assert!(cases.len() >= 70, "too few cases: {}", cases.len());
    let mut bad = Vec::new();
    for c in &cases {
        let got = mast_outcome(&c.text);
        if got != c.want {
            bad.push(format!("{}:\n  want {:?}\n  got  {got:?}", c.name, c.want));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let rejected = cases
        .iter()
        .filter(|c| matches!(c.want, Outcome::Rejected(_)))
        .count();
    assert!(rejected > 50, "{rejected}");
}

/// Istio's verdict on a mesh config, from `istioctl kube-inject`: `Error: TEXT`
/// when rejected, else its validation warnings logged on stderr.
fn istioctl_outcome(dir: &Path, text: &str) -> Outcome {
    let mesh = dir.join("mesh.yaml");
    std::fs::write(&mesh, text).unwrap();
    let pod = dir.join("pod.yaml");
    std::fs::write(
        &pod,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  containers: [{name: a, image: a}]\n",
    )
    .unwrap();
    let out = Command::new(support::istioctl())
        .env("KUBECONFIG", support::kubeconfig())
        .arg("kube-inject")
        .arg("--meshConfigFile")
        .arg(&mesh)
        .arg("-f")
        .arg(&pod)
        .args([
            "--injectConfigFile",
            "/dev/null",
            "--valuesFile",
            "/dev/null",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let text = err
            .strip_prefix("Error: ")
            .unwrap_or_else(|| panic!("{err}"));
        return Outcome::Rejected(text.trim_end().into());
    }
    match err.split_once("warnings occurred during mesh validation: ") {
        Some((_, w)) => Outcome::Warnings(w.trim_end().into()),
        None => Outcome::Accepted,
    }
}

#[test]
fn istioctl_agrees_with_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = Vec::new();
    for c in cases() {
        let got = istioctl_outcome(dir.path(), &c.text);
        if got != c.want {
            bad.push(format!("{}:\n  want {:?}\n  got  {got:?}", c.name, c.want));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// (code, origin) of `-o json` findings with one of `codes`.
fn findings(out: &Output, codes: &[&str]) -> BTreeSet<(String, String)> {
    // (istioctl logs mesh validation warnings to stdout before the JSON.)
    support::analyze_json(&out.stdout)
        .unwrap_or_else(|| panic!("no JSON in {}", String::from_utf8_lossy(&out.stdout)))
        .iter()
        .filter(|m| codes.contains(&m["code"].as_str().unwrap_or("")))
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("origin"))
        })
        .collect()
}

fn run(program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .env("KUBECONFIG", support::kubeconfig())
        .args(["analyze", "-o", "json"])
        .args(args)
        .output()
        .unwrap()
}

fn mast_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mast"))
}

const LIGHTSTEP: &str = "extensionProviders:\n- name: ls\n  lightstep: {address: \"lightstep.example.com:443\", accessToken: x}\n";

#[test]
fn rejected_mesh_config_file_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let telemetry = data("lightstep.yaml").to_string_lossy().into_owned();
    let ok = write("ok.yaml", LIGHTSTEP);
    let bad = write("bad.yaml", &format!("{LIGHTSTEP}connectTimeout: -1s\n"));
    let warn = write(
        "warn.yaml",
        &format!("{LIGHTSTEP}tlsDefaults: {{ecdhCurves: [foo]}}\n"),
    );
    let ist0002 = BTreeSet::from([(
        "IST0002".to_string(),
        "Telemetry default/tracing".to_string(),
    )]);
    for (file, want) in [(&ok, &ist0002), (&bad, &BTreeSet::new()), (&warn, &ist0002)] {
        let args = [
            "--use-kube=false",
            "-A",
            "--meshConfigFile",
            file,
            &telemetry,
        ];
        let ours = run(&mast_bin(), &args);
        let theirs = run(&support::istioctl(), &args);
        assert_eq!(&findings(&ours, &["IST0002"]), want, "mast with {file}");
        assert_eq!(
            &findings(&theirs, &["IST0002"]),
            want,
            "istioctl with {file}"
        );
        let stderr = String::from_utf8_lossy(&ours.stderr);
        if file == &bad {
            assert!(
                stderr.contains(&format!(
                    "warning: ignoring the mesh config in --meshConfigFile {bad}, as istioctl does (Istio rejects it): invalid connect timeout: duration must be greater than 1ms\n"
                )),
                "{stderr}"
            );
        } else if file == &warn {
            assert!(
                stderr.contains(&format!(
                    "warning: mesh config in --meshConfigFile {warn}: warnings occurred during mesh validation: detected unrecognized ECDH curves: [foo]\n"
                )),
                "{stderr}"
            );
        } else {
            assert!(!stderr.contains("warning"), "{stderr}");
        }
    }
}

/// A state of the `istio` ConfigMap, the extra flags, the findings expected.
struct LiveCase<'a> {
    what: &'a str,
    mesh: String,
    networks: &'a str,
    args: Vec<&'a str>,
    want: Vec<(String, String)>,
}

#[tokio::test]
async fn live_istio_config_map_is_read_as_istioctl_reads_it() {
    let client = support::client().await;
    let ns = support::TestNamespace::create(&client, "mesh-cm").await;
    let dir = tempfile::tempdir().unwrap();
    let telemetry = dir.path().join("telemetry.yaml");
    std::fs::write(
        &telemetry,
        format!(
            "apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {{name: tracing, namespace: {}}}\nspec:\n  tracing:\n  - providers: [{{name: ls}}]\n",
            ns.name
        ),
    )
    .unwrap();
    let telemetry = telemetry.to_string_lossy().into_owned();
    let other = dir.path().join("other.yaml");
    std::fs::write(&other, "ingressClass: other\n").unwrap();
    let other = other.to_string_lossy().into_owned();
    let bad_file = dir.path().join("bad.yaml");
    std::fs::write(&bad_file, "ingressClass: other\nproxyListenPort: 0\n").unwrap();
    let bad_file = bad_file.to_string_lossy().into_owned();

    let api: Api<ConfigMap> = Api::namespaced(client.clone(), &ns.name);
    let good_networks = "networks:\n  n1:\n    endpoints: [{fromRegistry: nope}]\n    gateways: [{address: 1.2.3.4, port: 443}]\n";
    let bad_networks = "networks:\n  n1:\n    endpoints: [{fromRegistry: nope}]\n    gateways: [{address: 1.2.3.4, port: 99999}]\n";
    let lightstep_002 = (
        "IST0002".to_string(),
        format!("Telemetry {}/tracing", ns.name),
    );
    let networks_126 = (
        "IST0126".to_string(),
        format!("MeshNetworks {}/meshnetworks", ns.name),
    );
    let cases = [
        LiveCase {
            what: "valid mesh and networks",
            mesh: LIGHTSTEP.to_string(),
            networks: good_networks,
            args: vec![],
            want: vec![lightstep_002.clone(), networks_126.clone()],
        },
        LiveCase {
            what: "rejected mesh: neither it nor the networks are read",
            mesh: format!("{LIGHTSTEP}connectTimeout: 0s\n"),
            networks: good_networks,
            args: vec![],
            want: vec![],
        },
        LiveCase {
            what: "rejected networks",
            mesh: LIGHTSTEP.to_string(),
            networks: bad_networks,
            args: vec![],
            want: vec![lightstep_002.clone()],
        },
        LiveCase {
            what: "--meshConfigFile replaces the cluster's mesh config",
            mesh: LIGHTSTEP.to_string(),
            networks: good_networks,
            args: vec!["--meshConfigFile", &other],
            want: vec![networks_126.clone()],
        },
        LiveCase {
            what: "a rejected --meshConfigFile leaves the cluster's",
            mesh: LIGHTSTEP.to_string(),
            networks: good_networks,
            args: vec!["--meshConfigFile", &bad_file],
            want: vec![lightstep_002.clone(), networks_126.clone()],
        },
    ];
    for c in cases {
        let cm = json!({
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "istio", "namespace": ns.name},
            "data": {"mesh": c.mesh, "meshNetworks": c.networks}
        });
        api.patch(
            "istio",
            &PatchParams::apply("mast-test").force(),
            &Patch::Apply(&cm),
        )
        .await
        .unwrap();
        let mut args = vec!["--istioNamespace", &ns.name, "-n", &ns.name];
        args.extend(&c.args);
        args.push(&telemetry);
        let (what, want) = (c.what, c.want);
        let not_injected = ("IST0102".to_string(), format!("Namespace {}", ns.name));
        let want: BTreeSet<_> = want.into_iter().chain([not_injected]).collect();
        // IST0102: istioctl skips `istio-system` only, not the Istio namespace.
        let codes = ["IST0002", "IST0126", "IST0102"];
        let ours = run(&mast_bin(), &args);
        let theirs = run(&support::istioctl(), &args);
        assert_eq!(findings(&theirs, &codes), want, "istioctl: {what}");
        assert_eq!(findings(&ours, &codes), want, "mast: {what}");
    }
}
