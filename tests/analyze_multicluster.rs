//! Multi-cluster `mast analyze` (IST0170 and `[cluster-<id>]` findings) on
//! two real API servers: the default test ground and a second, minimal one
//! (`testenv/up-remote`, etcd and kube-apiserver only). The same Services are
//! created in both with some differences, then analysed with
//! `--remote-contexts` and through an Istio remote secret, and compared with
//! the real istioctl given the same clusters. Run through `./test.sh`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use k8s_openapi::api::core::v1::{Namespace, Secret, Service};
use kube::api::{Api, DeleteParams, PostParams};
use serde_json::{Value, json};
use support::TestNamespace;

/// The context the remote ground's kubeconfig names (`testenv/up-remote`).
fn remote_context(kubeconfig: &Path) -> String {
    let kc = kube::config::Kubeconfig::read_from(kubeconfig).unwrap();
    kc.current_context
        .expect("remote kubeconfig has a current context")
}

/// One finding as compared: code, origin, cluster and the message with its
/// cluster list and reasons sorted (istioctl prints both in map order).
type Finding = (String, String, String, String);

fn normalise(message: &str) -> String {
    let re = regex::Regex::new(r"clusters \[([^\]]*)\](.*behaviors are: )([^.]*)\.").unwrap();
    re.replace(message, |c: &regex::Captures| {
        let mut clusters: Vec<&str> = c[1].split(' ').collect();
        clusters.sort_unstable();
        let mut reasons: Vec<&str> = c[3].split("; ").collect();
        reasons.sort_unstable();
        format!(
            "clusters [{}]{}{}.",
            clusters.join(" "),
            &c[2],
            reasons.join("; ")
        )
    })
    .into_owned()
}

/// IST0170 findings (and every finding in `ns`) from `-o json` stdout.
fn findings(out: &Output, ns: &str) -> BTreeSet<Finding> {
    support::analyze_json(&out.stdout)
        .unwrap_or_else(|| {
            panic!(
                "no JSON on stdout: {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
        .iter()
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (
                s("code"),
                s("origin"),
                s("cluster"),
                normalise(&s("message")),
            )
        })
        .filter(|(code, origin, _, _)| code == "IST0170" || origin.contains(ns))
        .collect()
}

fn service(name: &str, spec: &Value) -> Service {
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name},
        "spec": spec,
    }))
    .unwrap()
}

async fn create_services(client: &kube::Client, ns: &str, remote: bool) {
    let api = Api::<Service>::namespaced(client.clone(), ns);
    let port = |name: &str| json!({"name": name, "port": 8080, "targetPort": 8080});
    let mut services = vec![
        service(
            "same",
            &json!({"selector": {"app": "same"}, "ports": [port("http-web")]}),
        ),
        service(
            "ports",
            &json!({"selector": {"app": "p"}, "ports": [port(if remote { "grpc-web" } else { "http-web" })]}),
        ),
        service(
            "mode",
            &json!({"selector": {"app": "m"}, "clusterIP": if remote { "None" } else { "" }, "ports": [port("http-web")]}),
        ),
    ];
    // In one cluster only, with a port name Istio cannot read (IST0118).
    services.push(service(
        if remote { "only-remote" } else { "only-main" },
        &json!({"selector": {"app": "o"}, "ports": [port("web")]}),
    ));
    for svc in services {
        let mut svc = svc;
        if svc.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("") {
            svc.spec.as_mut().unwrap().cluster_ip = None;
        }
        api.create(&PostParams::default(), &svc).await.unwrap();
    }
}

/// Deletes the remote secret even when the test fails (through a client of
/// its own: the test's is tied to the runtime being dropped).
struct SecretGuard;

impl Drop for SecretGuard {
    fn drop(&mut self) {
        let _ = std::thread::spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let client = support::client().await;
                let _ = Api::<Secret>::namespaced(client, "istio-system")
                    .delete("mast-test-remote", &DeleteParams::default())
                    .await;
            });
        })
        .join();
    }
}

#[tokio::test]
async fn remote_clusters_are_analysed_like_istioctl() {
    let client = support::client().await;
    let remote_kc = support::remote_kubeconfig();
    let remote = support::connect_with(remote_kc.clone()).await.client;
    let ns = TestNamespace::create(&client, "multicluster").await;
    let remote_ns = TestNamespace::create_named(&remote, &remote_kc, &ns.name).await;
    create_services(&client, &ns.name, false).await;
    create_services(&remote, &remote_ns.name, true).await;

    // One kubeconfig list with both grounds: the default ground's context is current.
    let kubeconfig = std::env::join_paths([support::kubeconfig(), remote_kc.clone()]).unwrap();
    let context = remote_context(&remote_kc);
    let run = |bin: &Path, extra: &[&str]| {
        Command::new(bin)
            .env("KUBECONFIG", &kubeconfig)
            .args(["analyze", "-A", "-o", "json"])
            .args(extra)
            .output()
            .unwrap()
    };
    let mast = Path::new(env!("CARGO_BIN_EXE_mast"));
    let istioctl = support::istioctl();

    // 1. --remote-contexts: the remote cluster is named after its context.
    let by_context = ["--remote-contexts", context.as_str()];
    let ours = run(mast, &by_context);
    let theirs = run(&istioctl, &by_context);
    let (got, want) = (findings(&ours, &ns.name), findings(&theirs, &ns.name));
    let mine = |f: &&Finding| f.1.contains(&ns.name);
    let names: BTreeSet<&str> = got
        .iter()
        .filter(mine)
        .filter(|f| f.0 == "IST0170")
        .map(|f| f.1.as_str())
        .collect();
    let ports = format!("Service {}/ports", ns.name);
    let mode = format!("Service {}/mode", ns.name);
    assert_eq!(
        names,
        BTreeSet::from([mode.as_str(), ports.as_str()]),
        "mast stderr: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let ports_msg = got.iter().find(|f| f.1 == ports).unwrap();
    assert_eq!(
        ports_msg.3,
        format!(
            "The service ports in namespace \"{}\" is inconsistent across clusters [\"default\" \"{context}\"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent.",
            ns.name
        )
    );
    // Every finding names its cluster: the main one's are `default`, the
    // remote one's carry its context.
    assert!(got.iter().all(|f| !f.2.is_empty()), "{got:#?}");
    let ist0118: BTreeSet<(&str, &str)> = got
        .iter()
        .filter(|f| f.0 == "IST0118")
        .map(|f| (f.1.as_str(), f.2.as_str()))
        .collect();
    let (main_svc, remote_svc) = (
        format!("Service {}/only-main", ns.name),
        format!("Service {}/only-remote", ns.name),
    );
    assert_eq!(
        ist0118,
        BTreeSet::from([
            (main_svc.as_str(), "default"),
            (remote_svc.as_str(), context.as_str())
        ]),
        "{got:#?}"
    );
    // istioctl picks the reported cluster of an IST0170 from a Go map: compare
    // without it.
    let strip = |s: &BTreeSet<Finding>| -> BTreeSet<Finding> {
        s.iter()
            .map(|f| {
                let mut f = f.clone();
                if f.0 == "IST0170" {
                    f.2.clear();
                }
                f
            })
            .collect()
    };
    assert_eq!(
        strip(&got),
        strip(&want),
        "istioctl stderr: {}",
        String::from_utf8_lossy(&theirs.stderr)
    );

    // 2. No --remote-contexts: the remote cluster comes from a remote secret
    // in the Istio namespace, named after its kubeconfig's cluster.
    let istio_ns: Namespace =
        serde_json::from_value(json!({"metadata": {"name": "istio-system"}})).unwrap();
    let _ = Api::<Namespace>::all(client.clone())
        .create(&PostParams::default(), &istio_ns)
        .await;
    let secret: Secret = serde_json::from_value(json!({
        "metadata": {"name": "mast-test-remote", "labels": {"istio/multiCluster": "true"}},
        "stringData": {"remote": std::fs::read_to_string(&remote_kc).unwrap()},
    }))
    .unwrap();
    let secrets = Api::<Secret>::namespaced(client.clone(), "istio-system");
    // (Left over from an interrupted run, if any.)
    let _ = secrets
        .delete("mast-test-remote", &DeleteParams::default())
        .await;
    secrets
        .create(&PostParams::default(), &secret)
        .await
        .unwrap();
    let _guard = SecretGuard;
    let ours = run(mast, &[]);
    let theirs = run(&istioctl, &[]);
    let (got, want) = (findings(&ours, &ns.name), findings(&theirs, &ns.name));
    assert!(
        got.iter().any(|f| f.1 == ports && f.0 == "IST0170"),
        "{got:#?}\nmast stderr: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
    assert_eq!(strip(&got), strip(&want));

    // 3. A context that is not in the kubeconfig: one clear error, exit 1.
    let out = run(mast, &["--remote-contexts", "no-such-context"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(
        first, "error: remote context \"no-such-context\" not found in kubeconfig",
        "{err}"
    );
    assert!(err.contains(&context), "the hint lists the contexts: {err}");
    assert!(out.stdout.is_empty());
}
