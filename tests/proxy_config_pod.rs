//! proxy-config through a real pod port-forward: kube-apiserver → `kwok`'s
//! fake kubelet → a kwok `PortForward` pointing port 15000 at a real local
//! Envoy. Also the pre-forward checks (no sidecar, no such pod) and istioctl
//! on the same pod for comparison.

mod support;

use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use k8s_openapi::api::core::v1::Pod;
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
    let mut containers = vec![serde_json::json!({"name": "app", "image": "app"})];
    if sidecar {
        containers.push(serde_json::json!({"name": "istio-proxy", "image": "istio/proxyv2"}));
    }
    let pod: Pod = serde_json::from_value(serde_json::json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"nodeName": support::kwok_node(), "containers": containers}
    }))
    .unwrap();
    let api: Api<Pod> = Api::namespaced(client.clone(), ns);
    api.create(&PostParams::default(), &pod).await.unwrap();
    for _ in 0..100 {
        let p = api.get(name).await.unwrap();
        if p.status.and_then(|s| s.phase).as_deref() == Some("Running") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("pod {ns}/{name} did not become Running");
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
