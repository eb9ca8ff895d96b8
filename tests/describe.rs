//! `mast describe pod` on the real test ground: Istio's CRDs from the pinned
//! source, a pod whose Envoy admin port kwok forwards to a real Envoy fed the
//! sidecar-like xDS files (namespace rewritten to the test's), and the output
//! compared line for line with the real `istioctl x describe pod` reading
//! the same cluster and the same Envoy. Run through `./test.sh` (or after
//! `eval "$(testenv/up)"`).

mod support;

use std::process::{Command, Output};
use std::time::Duration;

use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use kube::api::{Api, PostParams};
use serde_json::{Value, json};
use support::{Envoy, TestNamespace};

fn mast(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(args)
        .env("KUBECONFIG", support::kubeconfig())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A mesh ConfigMap `istio` whose root namespace is `ns` (the test's own Istio namespace).
async fn mesh_config(client: &kube::Client, ns: &str) {
    let cm: ConfigMap = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "istio"},
        "data": {"mesh": format!("rootNamespace: {ns}\n")}
    }))
    .unwrap();
    Api::<ConfigMap>::namespaced(client.clone(), ns)
        .create(&PostParams::default(), &cm)
        .await
        .unwrap();
}

async fn pod(client: &kube::Client, ns: &str, name: &str, labels: Value, sidecar: bool) {
    let mut containers = vec![
        json!({"name": "app", "image": "registry.invalid/app:1", "ports": [{"name": "http", "containerPort": 9080}]}),
    ];
    if sidecar {
        containers.push(json!({"name": "istio-proxy", "image": "registry.invalid/proxyv2:1", "ports": [{"name": "http-envoy-prom", "containerPort": 15090}]}));
    }
    let p: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "labels": labels},
        "spec": {"nodeName": support::kwok_node(), "containers": containers}
    }))
    .unwrap();
    let pods: Api<Pod> = Api::namespaced(client.clone(), ns);
    pods.create(&PostParams::default(), &p).await.unwrap();
    support::wait_pod_running(&pods, name).await;
}

async fn service(client: &kube::Client, ns: &str, name: &str, selector: Value, port: i64) {
    let s: Service = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name},
        "spec": {"selector": selector, "ports": [{"name": "http", "port": port, "targetPort": "http"}]}
    }))
    .unwrap();
    Api::<Service>::namespaced(client.clone(), ns)
        .create(&PostParams::default(), &s)
        .await
        .unwrap();
}

/// The sidecar-like xDS Envoy of `testenv/envoy/xds`, with namespace `default` rewritten to `ns`.
fn envoy_for_namespace(ns: &str) -> (Envoy, tempfile::TempDir) {
    let src = support::testenv_dir().join("envoy/xds");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        let body = std::fs::read_to_string(entry.path()).unwrap();
        let body = body
            .replace(".default.svc", &format!(".{ns}.svc"))
            .replace("namespaces/default/", &format!("namespaces/{ns}/"))
            .replace("namespace: default", &format!("namespace: {ns}"))
            .replace("ns/default/", &format!("ns/{ns}/"))
            .replace(".default,", &format!(".{ns},"));
        std::fs::write(dir.path().join(entry.file_name()), body).unwrap();
    }
    (Envoy::start(dir.path().to_str().unwrap()), dir)
}

async fn forward_admin(client: &kube::Client, ns: &str, pod: &str, envoy: &Envoy) {
    let port: u16 = envoy.admin.rsplit(':').next().unwrap().parse().unwrap();
    support::create_object(
        client,
        ns,
        json!({
            "apiVersion": "kwok.x-k8s.io/v1alpha1", "kind": "PortForward",
            "metadata": {"name": pod},
            "spec": {"forwards": [{"ports": [15000], "target": {"address": "127.0.0.1", "port": port}}]}
        }),
    )
    .await;
}

#[tokio::test]
async fn describe_pod_matches_istioctl_with_a_real_envoy() {
    let client = support::client().await;
    support::install_istio_crds(&client).await;
    let app = TestNamespace::create(&client, "describe-app").await;
    let istio = TestNamespace::create(&client, "describe-istio").await;
    app.wait_default_sa(&client).await;
    let ns = app.name.as_str();
    mesh_config(&client, &istio.name).await;
    let (envoy, _dir) = envoy_for_namespace(ns);
    pod(
        &client,
        ns,
        "reviews-v1",
        json!({"app": "reviews", "version": "v1"}),
        true,
    )
    .await;
    forward_admin(&client, ns, "reviews-v1", &envoy).await;
    service(&client, ns, "reviews", json!({"app": "reviews"}), 9080).await;
    support::create_object(&client, ns, json!({
        "apiVersion": "networking.istio.io/v1", "kind": "DestinationRule",
        "metadata": {"name": "reviews"},
        "spec": {"host": "reviews", "trafficPolicy": {"tls": {"mode": "ISTIO_MUTUAL"}, "outlierDetection": {"consecutive5xxErrors": 5}},
                 "subsets": [{"name": "v1", "labels": {"version": "v1"}}, {"name": "v2", "labels": {"version": "v2"}}, {"name": "v3", "labels": {"version": "v3"}}]}
    })).await;
    support::create_object(&client, ns, json!({
        "apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
        "metadata": {"name": "reviews"},
        "spec": {"hosts": ["reviews"], "http": [
            {"match": [{"headers": {"end-user": {"exact": "jason"}}}], "route": [{"destination": {"host": "reviews", "subset": "v2"}}]},
            {"route": [{"destination": {"host": "reviews", "subset": "v1"}, "weight": 75}, {"destination": {"host": "reviews", "subset": "v3"}, "weight": 25}]}
        ]}
    })).await;
    support::create_object(
        &client,
        &istio.name,
        json!({
            "apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication",
            "metadata": {"name": "default"}, "spec": {"mtls": {"mode": "STRICT"}}
        }),
    )
    .await;
    support::create_object(&client, ns, json!({
        "apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication",
        "metadata": {"name": "reviews"}, "spec": {"selector": {"matchLabels": {"app": "reviews"}}, "mtls": {"mode": "PERMISSIVE"}}
    })).await;

    let args = [
        "x",
        "describe",
        "pod",
        "reviews-v1",
        "-n",
        ns,
        "-i",
        &istio.name,
    ];
    // kwok may need a moment to see the PortForward object.
    let mut theirs = None;
    for _ in 0..30 {
        let out = Command::new(support::istioctl())
            .args(args)
            .env("KUBECONFIG", support::kubeconfig())
            .env("HOME", std::env::temp_dir())
            .output()
            .unwrap();
        if out.status.success() {
            theirs = Some(text(&out.stdout));
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let theirs = theirs.expect("istioctl x describe pod never reached the Envoy");
    let ours = mast(&["describe", "pod", "reviews-v1", "-n", ns, "-i", &istio.name]);
    assert_eq!(ours.status.code(), Some(0), "{}", text(&ours.stderr));
    let ours = text(&ours.stdout);
    assert_eq!(ours, theirs, "mast (left) vs istioctl (right)");
    // The parts that make this comparison meaningful.
    assert!(
        ours.contains("DestinationRule: reviews for \"reviews\""),
        "{ours}"
    );
    assert!(
        ours.contains("   Route to host \"reviews\" subset \"v1\" with weight 75%"),
        "{ours}"
    );
    assert!(ours.contains("   Workload mTLS mode: PERMISSIVE"), "{ours}");
    assert!(
        ours.contains(&format!("default.{}, reviews.{ns}", istio.name)),
        "{ours}"
    );

    // --proxy: the proxy's view (through the port-forward) agrees with the configuration.
    let out = mast(&[
        "describe",
        "pod",
        &format!("pod/reviews-v1.{ns}"),
        "-i",
        &istio.name,
        "--proxy",
        "-o",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["proxy"]["ports"][0];
    assert_eq!(p["destinationRule"], format!("reviews.{ns}"), "{v:#}");
    assert_eq!(p["virtualService"], format!("reviews.{ns}"), "{v:#}");
    assert_eq!(p["agrees"], true, "{v:#}");
    // --admin straight at the Envoy gives the same view.
    let out = mast(&[
        "describe",
        "pod",
        "reviews-v1",
        "-n",
        ns,
        "-i",
        &istio.name,
        "--admin",
        &envoy.admin_url(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("The proxy agrees with the configuration"),
        "{}",
        text(&out.stdout)
    );
}

#[tokio::test]
async fn strict_mtls_warns_about_clients_without_sidecars_in_json() {
    let client = support::client().await;
    support::install_istio_crds(&client).await;
    let app = TestNamespace::create(&client, "describe-strict").await;
    app.wait_default_sa(&client).await;
    let ns = app.name.as_str();
    pod(
        &client,
        ns,
        "server",
        json!({"app": "server", "version": "v1"}),
        true,
    )
    .await;
    pod(&client, ns, "legacy", json!({"app": "legacy"}), false).await;
    service(&client, ns, "server", json!({"app": "server"}), 8080).await;
    support::create_object(
        &client,
        ns,
        json!({
            "apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication",
            "metadata": {"name": "default"}, "spec": {"mtls": {"mode": "STRICT"}}
        }),
    )
    .await;
    let out = mast(&["describe", "pod", "server", "-n", ns, "-o", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pod"]["sidecar"], true);
    assert_eq!(v["services"][0]["name"], "server");
    assert_eq!(v["services"][0]["ports"][0]["targetPort"], 9080);
    assert_eq!(v["peerAuthentication"]["mode"], "STRICT");
    assert_eq!(
        v["peerAuthentication"]["clientsWithoutSidecar"],
        json!(["legacy"])
    );
    let out = mast(&["describe", "pod", "server", "-n", ns]);
    let t = text(&out.stdout);
    assert!(
        t.contains("WARNING: mTLS is STRICT but these pods of namespace"),
        "{t}"
    );
    // The unmeshed pod says so.
    let out = mast(&["describe", "pod", &format!("legacy.{ns}")]);
    assert!(
        text(&out.stdout).contains("is not part of mesh; no Istio sidecar"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("Warning: No Kubernetes Services select pod"));
}

fn assert_one_error(out: &Output, want: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].contains(want), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn unknown_pod_namespace_forbidden_and_unreachable_are_one_line_each() {
    let client = support::client().await;
    let app = TestNamespace::create(&client, "describe-errors").await;
    let ns = app.name.as_str();
    assert_one_error(
        &mast(&["describe", "pod", "nope", "-n", ns]),
        &format!("pod nope not found in namespace {ns}"),
    );
    assert_one_error(
        &mast(&["describe", "pod", "nope.no-such-namespace-xyz"]),
        "namespace no-such-namespace-xyz does not exist",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["describe", "pod", "p", "-n", ns])
        .env("KUBECONFIG", support::limited_kubeconfig())
        .output()
        .unwrap();
    assert_one_error(&out, "forbidden");
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1'}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["describe", "pod", "p"])
        .env("KUBECONFIG", &kc)
        .output()
        .unwrap();
    assert_one_error(&out, "cannot reach the Kubernetes API server");
    // A non-pod kind is a usage error.
    assert_eq!(
        mast(&["describe", "pod", "deployment/web"]).status.code(),
        Some(64)
    );
}
