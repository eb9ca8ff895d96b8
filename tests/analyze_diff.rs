//! Differential test against the real istioctl (`$MAST_ISTIOCTL`, built from
//! the pinned module by `./test.sh`): `istioctl analyze --use-kube=false -A
//! -o json` and `mast analyze --use-kube=false -o json` on the same input,
//! message by message (code, resource, file:line, text).
//!
//! Allowed differences, each counted and printed:
//! - istioctl-only messages whose code mast has no rule for yet;
//! - mast-only messages from analyzers istioctl skips offline (it drops Pods,
//!   Services and Namespaces read from files; mast keeps them).
//!
//! Anything else fails the test.
#![allow(clippy::print_stderr)] // conformance reports go to the test log

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use mast::analyze::registry;

/// istioctl analyzers that never run with `--use-kube=false` (their inputs
/// include a kind istioctl drops from files).
const SKIPPED_OFFLINE: &[&str] = &[
    "annotations.K8sAnalyzer",
    "applicationUID.Analyzer",
    "auth.AuthorizationPoliciesAnalyzer",
    "conditions.ConditionAnalyzer",
    "deployment.MultiServiceAnalyzer",
    "destinationrule.SubsetSelectPodAnalyzer",
    "gateway.ConflictingGatewayAnalyzer",
    "gateway.IngressGatewayPortAnalyzer",
    "gateway.SecretAnalyzer",
    "injection.Analyzer",
    "injection.ImageAnalyzer",
    "injection.ImageAutoAnalyzer",
    "k8sgateway.SelectorAnalyzer",
    "meshnetworks.MeshNetworksAnalyzer",
    "services.MultiClusterServiceAnalyzer",
    "service.PortNameAnalyzer",
    "sidecar.SelectorAnalyzer",
    "telemetry.SelectorAnalyzer",
    "virtualservice.DestinationHostAnalyzer",
    "virtualservice.JWTClaimRouteAnalyzer",
    "webhook.Analyzer",
];

type Msg = (String, String, String, String);

/// Messages from `-o json` stdout. istioctl logs warnings to stdout before the
/// JSON (istio/istio#22570), so parsing starts at the first line opening it.
fn messages(stdout: &[u8]) -> Option<BTreeSet<Msg>> {
    Some(
        support::analyze_json(stdout)?
            .iter()
            .map(|m| {
                let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
                let mut message = s("message");
                // IST0109 names whichever conflicting host Go's map iteration
                // reaches first: random from run to run, so only the rest is compared.
                if s("code") == "IST0109" {
                    message.clear();
                }
                // IST0151 vs IST0155 depends on which EnvoyFilter istioctl's store
                // yields first (map order, varies between runs): compare them as one.
                // An EnvoyFilter patch value with several unknown fields: istioctl
                // names whichever its decoder's map iteration reaches first.
                if let Some((head, tail)) = message.split_once("Envoy filter: unknown field \"")
                    && let Some((_, rest)) = tail.split_once("\" in ")
                {
                    message = format!("{head}Envoy filter: unknown field * in {rest}");
                }
                // IST0175 lists the RequestAuthentications in istioctl's store order,
                // which varies between runs: compare the names as a set.
                if let Some((head, tail)) = message.split_once("resource(s) exist (")
                    && let Some((names, rest)) = tail.split_once(')')
                {
                    let mut names: Vec<&str> = names.split(", ").collect();
                    names.sort_unstable();
                    message = format!("{head}resource(s) exist ({}){rest}", names.join(", "));
                }
                let mut code = s("code");
                if code == "IST0155" || code == "IST0151" {
                    code = "IST0151|IST0155".to_string();
                    message.clear();
                }
                (code, s("origin"), s("reference"), message)
            })
            .collect(),
    )
}

fn mast_only_allowed(code: &str, message: &str) -> bool {
    // IST0101 comes from offline and skipped analyzers alike: tell them apart
    // by what was not found.
    if code == "IST0101" {
        return [
            "Referenced host ",
            "Referenced mirror host ",
            "Referenced host:port ",
            "Referenced selector ",
            // auth.AuthorizationPoliciesAnalyzer (source namespaces), skipped offline
            "Referenced namespace ",
            // gateway.SecretAnalyzer (Secrets in files), skipped offline
            "Referenced credentialName ",
        ]
        .iter()
        .any(|p| message.starts_with(p));
    }
    registry::by_code(code).any(|r| SKIPPED_OFFLINE.contains(&r.analyzer))
}

#[derive(Default)]
struct Tally {
    inputs: usize,
    matched: usize,
    istioctl_only_unimplemented: BTreeSet<String>,
    istioctl_only_unimplemented_n: usize,
    mast_only_deliberate: usize,
    mast_only_codes: BTreeSet<String>,
    namespace_defaulting: usize,
    empty_document_lines: usize,
    /// istioctl's schema validation messages (IST0106, IST0133) and how many
    /// of them mast printed too.
    schema_total: usize,
    schema_matched: usize,
    failures: Vec<String>,
}

/// `Kind default/name` → `Kind name`.
fn without_default_ns(origin: &str) -> Option<String> {
    let (kind, rest) = origin.split_once(' ')?;
    Some(format!("{kind} {}", rest.strip_prefix("default/")?))
}

fn line_of(reference: &str) -> &str {
    reference.rsplit_once(':').map_or("", |(_, l)| l)
}

fn file_of(reference: &str) -> &str {
    reference.rsplit_once(':').map_or(reference, |(f, _)| f)
}

fn compare(istioctl: &Path, dir: &Path, input: &str, all_namespaces: bool, t: &mut Tally) {
    let run = |cmd: &mut Command| {
        cmd.current_dir(dir)
            .output()
            .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"))
    };
    let ns: &[&str] = if all_namespaces {
        &[]
    } else {
        &["-n", "default"]
    };
    let iargs: &[&str] = if all_namespaces { &["-A"] } else { ns };
    let i = run(Command::new(istioctl)
        .args(["analyze", "--use-kube=false", "-o", "json"])
        .args(iargs)
        .arg(input));
    let m = run(Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["analyze", "--use-kube=false", "-o", "json"])
        .args(ns)
        .arg(input));
    let (Some(im), Some(mm)) = (messages(&i.stdout), messages(&m.stdout)) else {
        t.failures.push(format!(
            "{input}: output is not JSON (istioctl rc {:?}, mast rc {:?}): {}",
            i.status.code(),
            m.status.code(),
            String::from_utf8_lossy(&m.stderr)
        ));
        return;
    };
    let text = std::fs::read_to_string(dir.join(input)).unwrap_or_default();
    // istioctl counts one line too many after an empty document: `---`
    // twice in a row, or a leading `---`.
    let has_empty_document = text.contains("---\n---\n") || text.starts_with("---\n");
    t.inputs += 1;
    t.matched += im.intersection(&mm).count();
    let is_schema = |m: &Msg| m.0 == "IST0106" || m.0 == "IST0133";
    t.schema_total += im.iter().filter(|m| is_schema(m)).count();
    let mut only_i: Vec<Msg> = im.difference(&mm).cloned().collect();
    let mut only_m: Vec<Msg> = Vec::new();
    for msg in mm.difference(&im) {
        // istioctl -A leaves namespace-less documents without a namespace;
        // mast puts them in `default`, as `kubectl apply` would.
        let paired = only_i.iter().position(|x| {
            let same_text = x.3
                == msg
                    .3
                    .replace("default/", "")
                    .replace("namespace default", "namespace ");
            x.0 == msg.0
                && Some(x.1.clone()) == without_default_ns(&msg.1)
                && file_of(&x.2) == file_of(&msg.2)
                && (x.2 == msg.2 || has_empty_document)
                && (same_text || x.3 == msg.3)
        });
        if let Some(pos) = paired {
            only_i.remove(pos);
            t.namespace_defaulting += 1;
            continue;
        }
        // istioctl counts one line too many after an empty document (`---` twice).
        let shifted = only_i.iter().position(|x| {
            has_empty_document
                && x.0 == msg.0
                && x.1 == msg.1
                && x.3 == msg.3
                && file_of(&x.2) == file_of(&msg.2)
                && line_of(&x.2) != line_of(&msg.2)
        });
        if let Some(pos) = shifted {
            only_i.remove(pos);
            t.empty_document_lines += 1;
            continue;
        }
        only_m.push(msg.clone());
    }
    t.schema_matched +=
        im.iter().filter(|m| is_schema(m)).count() - only_i.iter().filter(|m| is_schema(m)).count();
    for msg in only_i {
        if msg
            .0
            .split('|')
            .all(|c| registry::by_code(c).next().is_none())
        {
            t.istioctl_only_unimplemented.insert(msg.0.clone());
            t.istioctl_only_unimplemented_n += 1;
        } else {
            t.failures.push(format!("{input}: only istioctl: {msg:?}"));
        }
    }
    for msg in only_m {
        if mast_only_allowed(&msg.0, &msg.3) {
            t.mast_only_deliberate += 1;
            t.mast_only_codes.insert(msg.0.clone());
        } else {
            t.failures.push(format!("{input}: only mast: {msg:?}"));
        }
    }
}

fn istioctl() -> PathBuf {
    match std::env::var_os("MAST_ISTIOCTL") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => panic!(
            "MAST_ISTIOCTL is not set: run ./test.sh (it builds the pinned istioctl and exports its path)"
        ),
    }
}

fn report(name: &str, t: &Tally) {
    eprintln!(
        "{name}: {} runs; {} messages identical; {} istioctl-only with codes mast does not implement yet {:?}; \
         {} mast-only from analyzers istioctl skips offline {:?}; {} differ only by namespace defaulting (-A); \
         {} differ only by istioctl's line count after an empty document; {} unexplained differences; \
         schema validation (IST0106/IST0133): mast matches {} of istioctl's {}",
        t.inputs,
        t.matched,
        t.istioctl_only_unimplemented_n,
        t.istioctl_only_unimplemented,
        t.mast_only_deliberate,
        t.mast_only_codes,
        t.namespace_defaulting,
        t.empty_document_lines,
        t.failures.len(),
        t.schema_matched,
        t.schema_total
    );
}

#[test]
fn differential_on_our_fixtures() {
    let ictl = istioctl();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/analyze");
    let mut t = Tally::default();
    for f in [
        "routing.yaml",
        "services.yaml",
        "policies.yaml",
        "ambient.yaml",
        "control-plane.yaml",
        "cluster-state.yaml",
        "annotations.yaml",
        "routes.yaml",
        "authz.yaml",
        "clean.yaml",
        "gateway-credentials.yaml",
        "validation.yaml",
    ] {
        compare(&ictl, &dir, f, true, &mut t);
        compare(&ictl, &dir, f, false, &mut t);
    }
    report("fixtures", &t);
    assert!(t.matched > 20, "too few identical messages: {}", t.matched);
    assert!(t.failures.is_empty(), "{}", t.failures.join("\n"));
}

/// Every YAML file under `root/sub`, with `-A` and with `-n default`.
fn differential_on_tree(name: &str, root: &Path, sub: &str, at_least: usize) {
    let ictl = istioctl();
    let mut files = Vec::new();
    support::yaml_files(&root.join(sub), &mut files);
    assert!(
        files.len() >= at_least,
        "{name}: expected at least {at_least} files under {}",
        root.join(sub).display()
    );
    let mut t = Tally::default();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap().to_string_lossy().to_string();
        compare(&ictl, root, &rel, true, &mut t);
        compare(&ictl, root, &rel, false, &mut t);
    }
    report(name, &t);
    assert!(
        t.failures.is_empty(),
        "{} differences:\n{}",
        t.failures.len(),
        t.failures.join("\n")
    );
}

fn istio_src() -> PathBuf {
    std::env::var_os("MAST_ISTIO_SRC")
        .map(PathBuf::from)
        .expect("MAST_ISTIO_SRC is not set: run ./test.sh")
}

#[test]
fn differential_on_upstream_testdata() {
    let dir = istio_src().join("pkg/config/analysis/analyzers");
    differential_on_tree("upstream testdata", &dir, "testdata", 100);
}

#[test]
fn differential_on_samples() {
    differential_on_tree("samples", &istio_src(), "samples", 50);
}

#[test]
fn differential_on_corpus() {
    let corpus = PathBuf::from("/work/shared/corpus");
    if !corpus.is_dir() {
        eprintln!("SKIPPED: /work/shared/corpus is absent (no corpus manifests on this machine)");
        return;
    }
    differential_on_tree("corpus", &corpus, "", 0);
}
