//! proxy-config through a real pod port-forward: kube-apiserver → `kwok`'s
//! fake kubelet → a kwok `PortForward` pointing port 15000 at a real local
//! Envoy. Also the pre-forward checks (no sidecar, no such pod) and istioctl
//! on the same pod for comparison.

mod support;

use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Pod, Service};
use kube::api::{Api, DynamicObject, GroupVersionKind, PostParams};
use kube::discovery::ApiResource;
use support::{Envoy, TestNamespace};

fn mast(args: &[&str]) -> Output {
    Command::cargo_bin("mast")
        .unwrap()
        .args(args)
        .env("KUBECONFIG", support::kubeconfig())
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

async fn create_pod(client: &kube::Client, ns: &str, name: &str, sidecar: bool) {
    create_labelled_pod(client, ns, name, sidecar, &serde_json::json!({})).await;
}

async fn create_labelled_pod(
    client: &kube::Client,
    ns: &str,
    name: &str,
    sidecar: bool,
    labels: &serde_json::Value,
) {
    let mut containers = vec![serde_json::json!({"name": "app", "image": "app"})];
    if sidecar {
        containers.push(serde_json::json!({"name": "istio-proxy", "image": "istio/proxyv2"}));
    }
    let pod: Pod = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": labels},
        "spec": {"nodeName": support::kwok_node(), "containers": containers}
    }))
    .unwrap();
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    api.create(&PostParams::default(), &pod).await.unwrap();
    support::wait_pod_running(&api, name).await;
}

async fn forward_to(client: &kube::Client, ns: &str, pod: &str, admin: &str) {
    let port: u16 = admin.rsplit_once(':').unwrap().1.parse().unwrap();
    let gvk = GroupVersionKind::gvk("kwok.x-k8s.io", "v1alpha1", "PortForward");
    let ar = ApiResource::from_gvk(&gvk);
    let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), ns, &ar);
    let obj: DynamicObject = serde_json::from_value(serde_json::json!({
        "apiVersion": "kwok.x-k8s.io/v1alpha1", "kind": "PortForward",
        "metadata": {"name": pod, "namespace": ns},
        "spec": {"forwards": [{"ports": [15000], "target": {"address": "127.0.0.1", "port": port}}]}
    }))
    .unwrap();
    api.create(&PostParams::default(), &obj).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pod_port_forward_matches_admin_url_and_istioctl() {
    let envoy = Envoy::start("xds");
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "pc-pod").await;
    ns.wait_default_sa(&client).await;
    forward_to(&client, &ns.name, "web", &envoy.admin).await;
    create_pod(&client, &ns.name, "web", true).await;
    create_pod(&client, &ns.name, "plain", false).await;
    // kwok picks the PortForward up asynchronously.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let pod = format!("web.{}", ns.name);
    let url = envoy.admin_url();
    let ns_name = ns.name.clone();
    let (pod2, url2) = (pod.clone(), url.clone());
    tokio::task::spawn_blocking(move || {
        for t in ["cluster", "listener", "route", "secret", "endpoint", "all"] {
            let via_pod = mast(&["pc", t, &pod2]);
            assert!(
                via_pod.status.success(),
                "{t}: {}",
                String::from_utf8_lossy(&via_pod.stderr)
            );
            let via_url = mast(&["pc", t, "--admin", &url2]);
            assert_eq!(via_pod.stdout, via_url.stdout, "{t}");
            let theirs = std::process::Command::new(support::istioctl())
                .args(["--kubeconfig"])
                .arg(support::kubeconfig())
                .args(["proxy-config", t, &pod2])
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&theirs.stdout),
                String::from_utf8_lossy(&via_pod.stdout),
                "istioctl vs mast on {t} via the pod"
            );
        }
        // -n instead of the .ns suffix, and the pod/ prefix.
        let o = mast(&["pc", "bootstrap", "pod/web", "-n", &ns_name, "-o", "short"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // log through the pod really changes the Envoy's level.
        let o = mast(&["pc", "log", &pod2, "--level", "http:trace"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            out.starts_with(&format!("{pod2}:\nactive loggers:\n")),
            "{out}"
        );
        // No sidecar: fail before forwarding, point at check-inject.
        let o = mast(&["pc", "cluster", "plain", "-n", &ns_name]);
        assert_eq!(o.status.code(), Some(1));
        assert!(o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(
            err.starts_with(&format!(
                "error: pod plain.{ns_name} has no istio-proxy container"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("mast check-inject plain.{ns_name}")),
            "{err}"
        );
        // No such pod.
        let o = mast(&["pc", "route", &format!("nosuch.{ns_name}")]);
        assert_eq!(o.status.code(), Some(1));
        assert!(o.stdout.is_empty());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("pods \"nosuch\" not found"), "{err}");
    })
    .await
    .unwrap();
    let body = envoy.post("/logging").body;
    assert!(body.contains("\n  http: trace\n"), "{body}");
    drop(ns);
}

/// A Deployment with no replicas (so the controller makes none) and a pod
/// that matches its selector without belonging to its ReplicaSet.
async fn create_deployment(client: &kube::Client, ns: &str, name: &str, app: &str) {
    let d: Deployment = serde_json::from_value(serde_json::json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns},
        "spec": {
            "replicas": 0,
            "selector": {"matchLabels": {"app": app}},
            "template": {
                "metadata": {"labels": {"app": app}},
                "spec": {"containers": [{"name": "app", "image": "app"}]}
            }
        }
    }))
    .unwrap();
    Api::<Deployment>::namespaced(client.clone(), ns)
        .create(&PostParams::default(), &d)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workloads_and_services_stand_for_their_first_pod() {
    let envoy = Envoy::start("xds");
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "pc-wl").await;
    ns.wait_default_sa(&client).await;
    let labels = serde_json::json!({"app": "shop"});
    create_deployment(&client, &ns.name, "shop", "shop").await;
    create_deployment(&client, &ns.name, "idle", "idle").await;
    let svc: Service = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "shop", "namespace": ns.name},
        "spec": {"selector": {"app": "shop"}, "ports": [{"port": 80}]}
    }))
    .unwrap();
    Api::<Service>::namespaced(client.clone(), &ns.name)
        .create(&PostParams::default(), &svc)
        .await
        .unwrap();
    forward_to(&client, &ns.name, "shop-1", &envoy.admin).await;
    create_labelled_pod(&client, &ns.name, "shop-1", true, &labels).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let url = envoy.admin_url();
    let n = ns.name.clone();
    tokio::task::spawn_blocking(move || {
        let via_url = mast(&["pc", "cluster", "--admin", &url]);
        assert!(via_url.status.success());
        let dep = format!("deployment/shop.{n}");
        for arg in [
            dep.clone(),
            format!("deploy/shop.{n}"),
            format!("Deployments.apps/shop.{n}"),
            format!("svc/shop.{n}"),
            format!("pod/shop-1.{n}"),
        ] {
            let o = mast(&["pc", "cluster", &arg]);
            assert!(
                o.status.success(),
                "{arg}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert_eq!(o.stdout, via_url.stdout, "{arg}");
        }
        // -n instead of a .namespace suffix.
        let o = mast(&["pc", "route", "deploy/shop", "-n", &n]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // istioctl resolves the deployment to the same pod.
        let theirs = std::process::Command::new(support::istioctl())
            .arg("--kubeconfig")
            .arg(support::kubeconfig())
            .args(["proxy-config", "cluster", &dep])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&theirs.stdout),
            String::from_utf8_lossy(&via_url.stdout),
            "istioctl on {dep}: {}",
            String::from_utf8_lossy(&theirs.stderr)
        );
        // log names the pod the deployment resolved to.
        let o = mast(&["pc", "log", &dep, "--level", "http:debug"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            out.starts_with(&format!("shop-1.{n}:\nactive loggers:\n")),
            "{out}"
        );
        // A workload without pods: one line, exit 1, nothing on stdout.
        for cmd in [["pc", "cluster"], ["pc", "log"]] {
            let o = mast(&[cmd[0], cmd[1], "deployment/idle", "-n", &n]);
            assert_eq!(o.status.code(), Some(1), "{cmd:?}");
            assert!(o.stdout.is_empty());
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            assert_eq!(
                err,
                format!("error: no pods match deployment/idle in namespace {n}\n"),
                "{cmd:?}"
            );
        }
        // A workload that does not exist: the API server's 404, one line.
        let o = mast(&["pc", "cluster", "sts/nosuch", "-n", &n]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(err.contains("\"nosuch\" not found"), "{err}");
        // A type that selects no pods is a usage error.
        let o = mast(&["pc", "cluster", "configmap/x", "-n", &n]);
        assert_eq!(o.status.code(), Some(64));
        assert!(o.stdout.is_empty());
    })
    .await
    .unwrap();
    let body = envoy.post("/logging").body;
    assert!(body.contains("\n  http: debug\n"), "{body}");
    drop(ns);
}
