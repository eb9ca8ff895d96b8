//! `mast analyze` against the live test ground (`testenv/`): namespaces, pods
//! and services created through the API, analysed with `--use-kube`, and
//! compared with the real istioctl on the same cluster. Run through
//! `./test.sh` (or after `eval "$(testenv/up)"`).

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use k8s_openapi::api::core::v1::{Namespace, Pod, Service};
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::json;
use support::TestNamespace;

fn findings(stdout: &[u8]) -> BTreeSet<(String, String, String)> {
    support::analyze_json(stdout)
        .expect("JSON array on stdout")
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("origin"), s("message"))
        })
        .collect()
}

#[tokio::test]
async fn live_cluster_injection_and_port_findings_match_istioctl() {
    let client = support::client().await;
    let plain = TestNamespace::create(&client, "analyze-plain").await;
    let injected = TestNamespace::create(&client, "analyze-inj").await;
    let ns_api = Api::<Namespace>::all(client.clone());
    let label = json!({"metadata": {"labels": {"istio-injection": "enabled"}}});
    ns_api
        .patch(
            &injected.name,
            &PatchParams::default(),
            &Patch::Merge(&label),
        )
        .await
        .unwrap();
    injected.wait_default_sa(&client).await;

    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "no-sidecar", "labels": {"app": "web"}},
        "spec": {"nodeName": support::kwok_node(), "containers": [{"name": "web", "image": "nginx"}]}
    }))
    .unwrap();
    Api::<Pod>::namespaced(client.clone(), &injected.name)
        .create(&PostParams::default(), &pod)
        .await
        .unwrap();
    let svc: Service = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "web"},
        "spec": {"selector": {"app": "web"}, "ports": [{"name": "web", "port": 8080}]}
    }))
    .unwrap();
    Api::<Service>::namespaced(client.clone(), &injected.name)
        .create(&PostParams::default(), &svc)
        .await
        .unwrap();

    let kubeconfig = support::kubeconfig();
    let run_mast = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mast"))
            .env("KUBECONFIG", &kubeconfig)
            .args(["analyze", "-o", "json"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run_mast(&["-A"]);
    let got = findings(&out.stdout);
    let inj = &injected.name;
    let want_pod = (
        "IST0103".to_string(),
        format!("Pod {inj}/no-sidecar"),
        format!(
            "The pod {inj}/no-sidecar is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload."
        ),
    );
    let want_port = (
        "IST0118".to_string(),
        format!("Service {inj}/web"),
        "Port name web (port: 8080, targetPort: 8080) doesn't follow the naming convention of Istio port."
            .to_string(),
    );
    assert!(got.contains(&want_pod), "{got:#?}");
    assert!(got.contains(&want_port), "{got:#?}");
    assert!(
        got.iter()
            .any(|(c, o, _)| c == "IST0102" && o == &format!("Namespace {}", plain.name)),
        "{got:#?}"
    );
    assert!(
        !got.iter()
            .any(|(c, o, _)| c == "IST0102" && o == &format!("Namespace {inj}")),
        "labelled namespace must not get IST0102"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings and infos only: exit 0"
    );

    // -n limits the findings to one namespace (and cluster-scoped ones).
    let out = run_mast(&["-n", inj]);
    let scoped = findings(&out.stdout);
    assert!(scoped.contains(&want_pod));
    assert!(
        !scoped.iter().any(|(_, o, _)| o.contains(&plain.name)),
        "{scoped:#?}"
    );

    // The real istioctl reads the same cluster: the same messages for our namespace.
    let ictl = support::istioctl();
    let out = Command::new(ictl)
        .env("KUBECONFIG", &kubeconfig)
        .args(["analyze", "-o", "json", "-n", inj])
        .output()
        .unwrap();
    let theirs = findings(&out.stdout);
    let ours: BTreeSet<_> = scoped
        .iter()
        .filter(|(_, o, _)| o.contains(inj.as_str()))
        .cloned()
        .collect();
    let theirs: BTreeSet<_> = theirs
        .iter()
        .filter(|(_, o, _)| o.contains(inj.as_str()))
        .cloned()
        .collect();
    assert_eq!(ours, theirs, "mast vs istioctl on namespace {inj}");
}

#[test]
fn unreachable_cluster_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .env("KUBECONFIG", &kc)
        .args(["analyze"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error:"), "{err}");
    assert!(
        err.lines().filter(|l| l.starts_with("error:")).count() == 1,
        "{err}"
    );
}

/// The Secrets of an upstream SecretAnalyzer test file, moved to `ns`. The
/// type becomes Opaque: the API server refuses `kubernetes.io/tls` Secrets
/// without both keys, and the analyzer does not read the type.
fn upstream_secrets(file: &str, ns: &str) -> Vec<serde_json::Value> {
    let path = support::istio_src()
        .join("pkg/config/analysis/analyzers/testdata")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    mast::manifest::read_str(&text, mast::manifest::Source::Stdin)
        .unwrap()
        .into_iter()
        .filter_map(|d| d.value)
        .filter(|v| v["kind"] == "Secret")
        .map(|mut v| {
            v["metadata"]["namespace"] = json!(ns);
            v["type"] = json!("Opaque");
            v
        })
        .collect()
}

#[tokio::test]
async fn live_gateway_credentials_match_istioctl() {
    let client = support::client().await;
    support::install_istio_crds(&client).await;
    let ns = TestNamespace::create(&client, "analyze-gwcred").await;
    let ns = ns.name.as_str();
    let mut secrets = upstream_secrets("gateway-secrets.yaml", ns);
    secrets.extend(upstream_secrets("gateway-secrets-validation.yaml", ns));
    let names: Vec<String> = secrets
        .iter()
        .map(|s| s["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    for s in secrets {
        support::create_object(&client, ns, s).await;
    }
    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "gateway", "labels": {"gwtest": ns}},
        "spec": {"nodeName": support::kwok_node(), "containers": [{"name": "istio-proxy", "image": "proxyv2"}]}
    }))
    .unwrap();
    Api::<Pod>::namespaced(client.clone(), ns)
        .create(&PostParams::default(), &pod)
        .await
        .unwrap();
    let gateway = |name: &str, selector: &str, credential: &str| {
        json!({
            "apiVersion": "networking.istio.io/v1", "kind": "Gateway",
            "metadata": {"name": name},
            "spec": {
                "selector": {"gwtest": selector},
                "servers": [{
                    "port": {"number": 443, "name": "https", "protocol": "HTTPS"},
                    "tls": {"mode": "SIMPLE", "credentialName": credential},
                    "hosts": ["example.com"]
                }]
            }
        })
    };
    // One Gateway per upstream Secret, one naming a missing Secret, one with
    // a `namespace/name` credential, one selecting no pod.
    let mut gateways: Vec<serde_json::Value> = names
        .iter()
        .map(|n| gateway(&format!("gw-{n}"), ns, n))
        .collect();
    gateways.push(gateway("gw-missing", ns, "no-such-secret"));
    gateways.push(gateway(
        "gw-full-name",
        ns,
        &format!("{ns}/httpbin-credential"),
    ));
    gateways.push(gateway("gw-no-pod", "nothing", "httpbin-credential"));
    for g in gateways {
        support::create_object(&client, ns, g).await;
    }

    let kubeconfig = support::kubeconfig();
    let run = |bin: &std::path::Path| {
        let out = Command::new(bin)
            .env("KUBECONFIG", &kubeconfig)
            .args(["analyze", "-o", "json", "-n", ns])
            .output()
            .unwrap();
        findings(&out.stdout)
            .into_iter()
            .filter(|(_, o, _)| o.contains(ns))
            .collect::<BTreeSet<_>>()
    };
    let ours = run(std::path::Path::new(env!("CARGO_BIN_EXE_mast")));
    let gw = |name: &str| format!("Gateway {ns}/{name}");
    let has = |code: &str, name: &str| ours.iter().any(|(c, o, _)| c == code && *o == gw(name));
    for invalid in [
        "invalid-key",
        "missing-key",
        "invalid-cert",
        "expired-secret",
    ] {
        assert!(
            has("IST0161", &format!("gw-{invalid}")),
            "{invalid}: {ours:#?}"
        );
    }
    assert!(has("IST0101", "gw-missing"), "{ours:#?}");
    assert!(has("IST0101", "gw-no-pod"), "{ours:#?}");
    for fine in ["gw-httpbin-credential", "gw-full-name"] {
        assert!(
            !ours
                .iter()
                .any(|(c, o, _)| (c == "IST0101" || c == "IST0161") && *o == gw(fine)),
            "{fine}: {ours:#?}"
        );
    }
    let theirs = run(&support::istioctl());
    assert_eq!(ours, theirs, "mast vs istioctl on namespace {ns}");
}

/// `tests/data/analyze/gateway-credentials.yaml` (expired, not yet valid,
/// cross-namespace credentials...) applied to the cluster in fresh
/// namespaces: mast and istioctl report the same.
#[tokio::test]
async fn live_gateway_credential_fixture_matches_istioctl() {
    let client = support::client().await;
    support::install_istio_crds(&client).await;
    let edge = TestNamespace::create(&client, "analyze-edge").await;
    let gw = TestNamespace::create(&client, "analyze-edgegw").await;
    let shared = TestNamespace::create(&client, "analyze-shared").await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/analyze/gateway-credentials.yaml");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("namespace: edge-gw", &format!("namespace: {}", gw.name))
        .replace("namespace: edge", &format!("namespace: {}", edge.name))
        .replace("namespace: shared", &format!("namespace: {}", shared.name))
        .replace("shared/wildcard", &format!("{}/wildcard", shared.name));
    let mut created = 0;
    for doc in mast::manifest::read_str(&text, mast::manifest::Source::Stdin).unwrap() {
        let Some(v) = doc.value else { continue };
        let ns = v["metadata"]["namespace"].as_str().unwrap().to_string();
        support::create_object(&client, &ns, v).await;
        created += 1;
    }
    assert!(created > 20);
    let kubeconfig = support::kubeconfig();
    let ours_ns = [&edge.name, &gw.name, &shared.name];
    let run = |bin: &std::path::Path| {
        let out = Command::new(bin)
            .env("KUBECONFIG", &kubeconfig)
            .args(["analyze", "-o", "json", "-A"])
            .output()
            .unwrap();
        findings(&out.stdout)
            .into_iter()
            .filter(|(_, o, _)| ours_ns.iter().any(|n| o.contains(n.as_str())))
            .collect::<BTreeSet<_>>()
    };
    let ours = run(std::path::Path::new(env!("CARGO_BIN_EXE_mast")));
    let credential_findings = ours
        .iter()
        .filter(|(c, _, m)| c == "IST0161" || (c == "IST0101" && m.contains("credentialName")))
        .count();
    assert_eq!(credential_findings, 7, "{ours:#?}");
    let theirs = run(&support::istioctl());
    assert_eq!(
        ours, theirs,
        "mast vs istioctl on the gateway-credentials fixture"
    );
}
