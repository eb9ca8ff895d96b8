//! Wrongly typed Istio resources: istioctl cannot decode them into their
//! typed form and fails the document (`failed parsing JSON for built-in
//! type`, exit 65); mast must fail exactly the same documents.
//!
//! The documents are the Istio resources and the Kubernetes kinds istioctl
//! decodes (Deployments, ConfigMaps, Gateway API gateways and routes,
//! webhook configurations, CRDs...) of the upstream analyzer test data and the
//! module's samples, plus `tests/data/analyze/typed.yaml`, each as
//! written and mutated leaf by leaf (a string where a list is expected, a
//! number where a string is, a quoted number, a lower-case enum value...).
//! Both tools read the same generated file; the documents each fails are
//! compared one by one.

#![allow(clippy::print_stderr)] // conformance reports go to the test log

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn istio_docs(path: &Path, out: &mut Vec<Value>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let Ok(docs) = mast::manifest::read_str(&text, mast::manifest::Source::Stdin) else {
        return;
    };
    for doc in docs {
        let Some(v) = doc.value else { continue };
        let (Some(av), Some(kind)) = (v["apiVersion"].as_str(), v["kind"].as_str()) else {
            continue;
        };
        if mast::analyze::typed::is_decoded(av, kind) {
            out.push(v);
        }
    }
}

/// Every node's JSON pointer, depth first, top-level `apiVersion`/`kind`
/// excluded (they decide whether the document is decoded at all).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    if !at.is_empty() {
        out.push(at.to_string());
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if at.is_empty() && (k == "apiVersion" || k == "kind") {
                    continue;
                }
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(x, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A failed document: its file's name and zero-based index.
type Failed = BTreeMap<(String, usize), String>;

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Documents each tool failed, with its message.
fn istioctl_failures(stderr: &str) -> Failed {
    stderr
        .lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("* error processing ")?;
            let (file, rest) = rest.split_once('[')?;
            let (i, msg) = rest.split_once("]: ")?;
            Some(((file_name(file), i.parse().ok()?), msg.to_string()))
        })
        .collect()
}

fn mast_failures(stderr: &str) -> Failed {
    stderr
        .lines()
        .filter_map(|l| {
            let (at, rest) = l.strip_prefix("error: ")?.split_once(" (document ")?;
            let (file, _line) = at.rsplit_once(':')?;
            let (i, msg) = rest.split_once("): ")?;
            Some((
                (file_name(file), i.parse::<usize>().ok()? - 1),
                msg.to_string(),
            ))
        })
        .collect()
}

#[test]
fn mast_fails_the_documents_istioctl_cannot_decode() {
    let src = support::istio_src();
    let mut files = Vec::new();
    support::yaml_files(
        &src.join("pkg/config/analysis/analyzers/testdata"),
        &mut files,
    );
    support::yaml_files(&src.join("samples"), &mut files);
    let own = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/analyze/typed.yaml");
    files.push(own.clone());
    let mut originals = Vec::new();
    for f in &files {
        istio_docs(f, &mut originals);
    }
    let mut own_docs = Vec::new();
    istio_docs(&own, &mut own_docs);
    assert!(
        own_docs.len() >= 10,
        "typed.yaml: {} documents",
        own_docs.len()
    );
    assert!(
        originals.len() > 300,
        "only {} Istio documents",
        originals.len()
    );

    // The documents as written, then mutated: every node of the hand-written
    // cases, every fifth (node, mutation) pair of the others.
    let mut docs: Vec<Value> = originals.clone();
    let mut n = 0usize;
    for (i, doc) in originals.iter().enumerate() {
        let is_own = i >= originals.len() - own_docs.len();
        let mut ptrs = Vec::new();
        pointers(doc, "", &mut ptrs);
        for p in ptrs {
            for m in support::node_mutations(doc.pointer(&p).unwrap()) {
                n += 1;
                if !is_own && !n.is_multiple_of(5) {
                    continue;
                }
                let mut d = doc.clone();
                *d.pointer_mut(&p).unwrap() = m;
                docs.push(d);
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("generated.yaml");
    let text: Vec<String> = docs.iter().map(Value::to_string).collect();
    std::fs::write(&file, text.join("\n---\n")).unwrap();

    // The generated documents are JSON text (which istioctl decodes as is);
    // typed.yaml is also read as written, for YAML's number forms.
    let ist = support::run_istioctl([
        "analyze".as_ref(),
        "--use-kube=false".as_ref(),
        "-A".as_ref(),
        file.as_os_str(),
        own.as_os_str(),
    ]);
    let ist_failed = istioctl_failures(&String::from_utf8_lossy(&ist.stderr));
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["analyze", "--use-kube=false", "-o", "json"])
        .arg(&file)
        .arg(&own)
        .output()
        .unwrap();
    // 79 when findings reach the threshold, else 65 for the input errors.
    assert!(
        matches!(out.status.code(), Some(65 | 79)),
        "mast exit {:?}",
        out.status.code()
    );
    let mast_failed = mast_failures(&String::from_utf8_lossy(&out.stderr));

    // A sanity floor: the mutations do produce undecodable documents, and
    // the documents as written decode.
    assert!(
        ist_failed.len() > 500,
        "istioctl failed only {} of {} documents",
        ist_failed.len(),
        docs.len()
    );
    let originals_failed: Vec<_> = ist_failed
        .iter()
        .filter(|((f, i), _)| f == "typed.yaml" || *i < originals.len() - own_docs.len())
        .collect();
    assert!(
        originals_failed.is_empty(),
        "istioctl fails documents as written: {originals_failed:?}"
    );

    let ist_set: BTreeSet<_> = ist_failed.keys().cloned().collect();
    let mast_set: BTreeSet<_> = mast_failed.keys().cloned().collect();
    let mut report = Vec::new();
    for key in ist_set.symmetric_difference(&mast_set).take(25) {
        let doc = if key.0 == "generated.yaml" {
            docs[key.1].to_string()
        } else {
            String::new()
        };
        report.push(format!(
            "{key:?}: istioctl: {:?}\n  mast: {:?}\n  {doc}",
            ist_failed.get(key),
            mast_failed.get(key),
        ));
    }
    assert!(
        report.is_empty(),
        "{} of {} documents differ (istioctl failed {}, mast {}):\n{}",
        ist_set.symmetric_difference(&mast_set).count(),
        docs.len(),
        ist_set.len(),
        mast_set.len(),
        report.join("\n")
    );
    eprintln!(
        "{} documents ({} as written), {} fail in both tools",
        docs.len(),
        originals.len(),
        ist_set.len()
    );
}

/// The checked-in type table is what `src/analyze/typed/gen` writes, from the
/// istio.io/api and client-go versions the pinned istio.io/istio module uses.
#[test]
fn the_type_table_is_generated_from_the_pinned_api() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gen_dir = repo.join("src/analyze/typed/gen");
    let gen_mod = std::fs::read_to_string(gen_dir.join("go.mod")).unwrap();
    let istio_mod = std::fs::read_to_string(support::istio_src().join("go.mod")).unwrap();
    for module in [
        "istio.io/api",
        "istio.io/client-go",
        "k8s.io/api",
        "k8s.io/apimachinery",
        "k8s.io/apiextensions-apiserver",
        "sigs.k8s.io/gateway-api",
        "sigs.k8s.io/gateway-api-inference-extension",
    ] {
        let version = |text: &str| {
            text.lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix(&format!("{module} ")))
                .map(|v| v.split_whitespace().next().unwrap_or_default().to_string())
        };
        assert_eq!(
            version(&gen_mod),
            version(&istio_mod),
            "{module}: gen/go.mod and the pinned istio.io/istio module differ"
        );
    }
    for (mode, file) in [("istio", "istio-types.txt"), ("k8s", "k8s-types.txt")] {
        let out = Command::new("go")
            .args(["run", ".", mode])
            .current_dir(&gen_dir)
            .env("GOFLAGS", "-mod=readonly")
            .output()
            .expect("running go");
        assert!(
            out.status.success(),
            "go run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let committed = std::fs::read_to_string(gen_dir.join("..").join(file)).unwrap();
        assert!(
            committed == String::from_utf8_lossy(&out.stdout),
            "src/analyze/typed/{file} is stale: run `go run . {mode} > ../{file}` in src/analyze/typed/gen"
        );
    }
}

/// The Envoy table is what `src/analyze/typed/gen/envoy` writes from
/// istioctl's own protobuf registry; its module requires nothing but the
/// pinned istio.io/istio module, so every shared module is at istio's version.
#[test]
fn the_envoy_table_is_generated_from_istioctls_registry() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gen_dir = repo.join("src/analyze/typed/gen/envoy");
    let versions = |text: &str| -> BTreeMap<String, String> {
        text.lines()
            .map(|l| l.trim().trim_start_matches("require ").trim())
            .filter_map(|l| {
                let mut p = l.split_whitespace();
                let (m, v) = (p.next()?, p.next()?);
                (m.contains('.') && v.starts_with('v')).then(|| (m.to_string(), v.to_string()))
            })
            .collect()
    };
    let gen_mod = versions(&std::fs::read_to_string(gen_dir.join("go.mod")).unwrap());
    let istio_mod =
        versions(&std::fs::read_to_string(support::istio_src().join("go.mod")).unwrap());
    let istio_version = support::istio_src()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .split_once('@')
        .unwrap()
        .1
        .to_string();
    assert_eq!(gen_mod.get("istio.io/istio"), Some(&istio_version));
    let shared: Vec<_> = gen_mod
        .iter()
        .filter(|(m, _)| istio_mod.contains_key(*m))
        .collect();
    assert!(shared.len() > 50, "only {} shared modules", shared.len());
    for (m, v) in shared {
        assert_eq!(
            Some(v),
            istio_mod.get(m),
            "{m}: gen/envoy/go.mod and istio differ"
        );
    }
    let out = Command::new("go")
        .args(["run", "."])
        .current_dir(&gen_dir)
        .env("GOFLAGS", "-mod=readonly")
        .output()
        .expect("running go");
    assert!(
        out.status.success(),
        "go run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed =
        std::fs::read_to_string(repo.join("src/analyze/typed/envoy-types.txt")).unwrap();
    assert!(
        committed == String::from_utf8_lossy(&out.stdout),
        "src/analyze/typed/envoy-types.txt is stale: run `go run . > ../../envoy-types.txt` in src/analyze/typed/gen/envoy"
    );
}
