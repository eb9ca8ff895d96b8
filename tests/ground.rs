//! Smoke tests of the real test ground (`testenv/`): the Kubernetes API and controllers,
//! a real Envoy, the real istioctl. Run through `./test.sh`; alone, after
//! `eval "$(testenv/up)"`, with `cargo test --test ground`.
#![allow(clippy::print_stderr)]

mod support;

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Pod};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{
    Api, ApiResource, DeleteParams, DynamicObject, GroupVersionKind, ListParams, Patch,
    PatchParams, PostParams, WatchEvent, WatchParams,
};
use serde_json::json;
use support::{Envoy, TestNamespace};

fn configmap(name: &str, labels: &serde_json::Value) -> ConfigMap {
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "labels": labels},
        "data": {"k": "v"}
    }))
    .unwrap()
}

// ---------------------------------------------------------------------------------------
// API server
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn apiserver_reports_the_pinned_version() {
    let conn = support::connect().await;
    let v = conn.client.apiserver_version().await.unwrap();
    assert_eq!(v.git_version, support::version("K8S_VERSION"));
    assert_eq!(v.major, "1");
}

#[tokio::test]
async fn namespace_create_label_and_list_by_selector() {
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "label").await;
    let api = Api::<Namespace>::all(client.clone());
    let token = format!("t{}", std::process::id());
    let patch = json!({"metadata": {"labels": {"mast.test/label": token}}});
    api.patch(&ns.name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .unwrap();

    let got = api
        .list(&ListParams::default().labels(&format!("mast.test/label={token}")))
        .await
        .unwrap();
    let names: Vec<_> = got
        .items
        .iter()
        .filter_map(|n| n.metadata.name.clone())
        .collect();
    assert_eq!(names, vec![ns.name.clone()]);
    let none = api
        .list(&ListParams::default().labels("mast.test/label=no-such-value"))
        .await
        .unwrap();
    assert!(none.items.is_empty());
}

#[tokio::test]
async fn server_side_apply_crd_and_custom_resource() {
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "ssa").await;
    let group = format!("g{}.ground.mast.test", std::process::id());
    let crd_name = format!("widgets.{group}");
    let crd = json!({
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": crd_name},
        "spec": {
            "group": group, "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                    "spec": {"type": "object", "properties": {"size": {"type": "integer"}, "color": {"type": "string"}}}}}}}]
        }
    });
    let crds = Api::<CustomResourceDefinition>::all(client.clone());
    let ssa = PatchParams::apply("mast-ground-test").force();
    crds.patch(&crd_name, &ssa, &Patch::Apply(&crd))
        .await
        .unwrap();
    support::wait_crd_established(&client, &crd_name).await;

    let ar = ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk(&group, "v1", "Widget"),
        "widgets",
    );
    let widgets: Api<DynamicObject> = Api::namespaced_with(client.clone(), &ns.name, &ar);
    for (name, color) in [("small", "red"), ("big", "blue")] {
        let obj = json!({
            "apiVersion": format!("{group}/v1"), "kind": "Widget",
            "metadata": {"name": name, "labels": {"color": color}},
            "spec": {"size": 3, "color": color}
        });
        // The custom resource may 404 for a moment after Established while discovery catches up.
        let mut tries = 0;
        loop {
            match widgets.patch(name, &ssa, &Patch::Apply(&obj)).await {
                Ok(_) => break,
                Err(kube::Error::Api(s)) if s.code == 404 && tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("applying widget {name}: {e}"),
            }
        }
    }
    // A second apply by the same manager changes a field; managedFields records the applier.
    let obj = json!({"apiVersion": format!("{group}/v1"), "kind": "Widget",
        "metadata": {"name": "small", "labels": {"color": "red"}}, "spec": {"size": 4, "color": "red"}});
    let small = widgets
        .patch("small", &ssa, &Patch::Apply(&obj))
        .await
        .unwrap();
    assert_eq!(small.data["spec"]["size"], 4);
    let managers: Vec<_> = small
        .metadata
        .managed_fields
        .unwrap_or_default()
        .into_iter()
        .filter_map(|m| m.manager)
        .collect();
    assert!(
        managers.contains(&"mast-ground-test".to_string()),
        "{managers:?}"
    );

    let red = widgets
        .list(&ListParams::default().labels("color=red"))
        .await
        .unwrap();
    let names: Vec<_> = red
        .items
        .iter()
        .filter_map(|w| w.metadata.name.clone())
        .collect();
    assert_eq!(names, vec!["small".to_string()]);

    crds.delete(&crd_name, &DeleteParams::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn watch_sees_an_added_event() {
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "watch").await;
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), &ns.name);
    let list = cms
        .list(&ListParams::default().labels("mast.test/watch=yes"))
        .await
        .unwrap();
    let rv = list.metadata.resource_version.unwrap();
    let stream = cms
        .watch(
            &WatchParams::default()
                .labels("mast.test/watch=yes")
                .timeout(20),
            &rv,
        )
        .await
        .unwrap();
    let mut stream = stream.boxed();
    cms.create(
        &PostParams::default(),
        &configmap("ignored", &json!({"other": "x"})),
    )
    .await
    .unwrap();
    cms.create(
        &PostParams::default(),
        &configmap("watched", &json!({"mast.test/watch": "yes"})),
    )
    .await
    .unwrap();
    let event = tokio::time::timeout(Duration::from_secs(20), stream.try_next())
        .await
        .expect("no watch event within 20s")
        .unwrap()
        .expect("watch stream ended");
    match event {
        WatchEvent::Added(cm) => assert_eq!(cm.metadata.name.as_deref(), Some("watched")),
        other => panic!("expected Added, got {other:?}"),
    }
}

#[tokio::test]
async fn not_found_and_conflict_are_typed_errors_through_mast_k8s() {
    let conn = support::connect().await;
    let ns = TestNamespace::create(&conn.client, "errors").await;
    let cms: Api<ConfigMap> = Api::namespaced(conn.client.clone(), &ns.name);

    let e = conn.error(cms.get("does-not-exist").await.unwrap_err());
    assert!(e.is_not_found(), "{e}");
    assert!(!e.is_conflict() && !e.is_forbidden() && !e.is_unreachable());
    assert_eq!(e.status().map(|s| s.reason.as_str()), Some("NotFound"));

    cms.create(&PostParams::default(), &configmap("twice", &json!({})))
        .await
        .unwrap();
    let e = conn.error(
        cms.create(&PostParams::default(), &configmap("twice", &json!({})))
            .await
            .unwrap_err(),
    );
    assert!(e.is_conflict(), "{e}");
    assert_eq!(e.code(), Some(409));
    assert_eq!(e.status().map(|s| s.reason.as_str()), Some("AlreadyExists"));
    assert!(e.to_string().contains("already exists"), "{e}");
}

#[tokio::test]
async fn forbidden_for_a_user_without_rbac() {
    let limited = support::connect_with(support::limited_kubeconfig()).await;
    let cms: Api<ConfigMap> = Api::namespaced(limited.client.clone(), "default");
    let e = limited.error(cms.list(&ListParams::default()).await.unwrap_err());
    assert!(e.is_forbidden(), "{e}");
    assert!(e.hint().unwrap_or_default().contains("permission"));
}

#[tokio::test]
async fn unreachable_server_is_classified() {
    // A kubeconfig pointing at a closed loopback port: mast reports Unreachable, not an API error.
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let path = dir.path().join("kubeconfig");
    let text = std::fs::read_to_string(support::kubeconfig())
        .unwrap()
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("server:") {
                format!("    server: https://127.0.0.1:{port}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text).unwrap();
    let conn = mast::k8s::connect(&mast::k8s::ClientOptions {
        kubeconfig: Some(path),
        ..Default::default()
    })
    .await
    .unwrap();
    let e = conn.error(conn.client.apiserver_version().await.unwrap_err());
    assert!(e.is_unreachable(), "{e:?}");
}

// ---------------------------------------------------------------------------------------
// Controllers + kwok
// ---------------------------------------------------------------------------------------

fn deployment(name: &str) -> Deployment {
    serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "app", "image": "registry.invalid/never-pulled:1",
                                         "ports": [{"containerPort": 8080}]}]}
            }
        }
    }))
    .unwrap()
}

#[tokio::test]
async fn deployment_becomes_available_with_running_pods() {
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "deploy").await;
    ns.wait_default_sa(&client).await;
    let deps: Api<Deployment> = Api::namespaced(client.clone(), &ns.name);
    deps.create(&PostParams::default(), &deployment("web"))
        .await
        .unwrap();
    support::wait_until(Duration::from_secs(90), "Deployment web Available", || {
        let deps = deps.clone();
        async move {
            let d = deps.get("web").await.unwrap();
            let st = d.status.unwrap_or_default();
            st.available_replicas == Some(2)
                && st
                    .conditions
                    .unwrap_or_default()
                    .iter()
                    .any(|c| c.type_ == "Available" && c.status == "True")
        }
    })
    .await;
    let pods: Api<Pod> = Api::namespaced(client.clone(), &ns.name);
    let list = pods
        .list(&ListParams::default().labels("app=web"))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 2);
    for p in list.items {
        let spec = p.spec.unwrap();
        let st = p.status.unwrap();
        assert_eq!(
            spec.node_name,
            Some(support::kwok_node()),
            "scheduled onto the kwok node"
        );
        assert_eq!(st.phase.as_deref(), Some("Running"));
        assert!(
            st.pod_ip.is_some_and(|ip| ip.starts_with("10.244.")),
            "kwok assigns a pod IP from --cidr"
        );
        assert!(
            st.conditions
                .unwrap_or_default()
                .iter()
                .any(|c| c.type_ == "Ready" && c.status == "True"),
            "pod Ready"
        );
        // The ReplicaSet owns the pod: controller-manager created it.
        let owner = &p.metadata.owner_references.unwrap()[0];
        assert_eq!(owner.kind, "ReplicaSet");
    }
}

// ---------------------------------------------------------------------------------------
// Envoy
// ---------------------------------------------------------------------------------------

fn config_sections(dump: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    dump["configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let ty = c["@type"]
                .as_str()
                .unwrap()
                .rsplit('.')
                .next()
                .unwrap()
                .to_string();
            let keys = c
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| *k != "@type")
                .cloned()
                .collect();
            (ty, keys)
        })
        .collect()
}

fn assert_admin_basics(envoy: &Envoy) {
    let ready = envoy.get("/ready");
    assert_eq!((ready.status, ready.body.trim()), (200, "LIVE"));
    let info = envoy.get_json("/server_info");
    let version = support::version("ENVOY_VERSION");
    assert!(
        info["version"]
            .as_str()
            .unwrap()
            .contains(&format!("/{version}/")),
        "{}",
        info["version"]
    );
    let logging = envoy.post("/logging?level=debug");
    assert_eq!(logging.status, 200, "{}", logging.body);
    assert!(logging.body.contains("active loggers"), "{}", logging.body);
    assert!(logging.body.contains("upstream: debug"), "{}", logging.body);
    let logging = envoy.post("/logging?level=info");
    assert!(logging.body.contains("upstream: info"), "{}", logging.body);
    // GET on a mutating endpoint is refused, as on a real sidecar.
    assert_eq!(envoy.get("/logging?level=debug").status, 405);
}

fn cluster_names(clusters: &serde_json::Value) -> Vec<String> {
    clusters["cluster_statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn envoy_static_bootstrap_serves_admin() {
    let envoy = Envoy::start("static");
    assert_admin_basics(&envoy);
    let dump = envoy.get_json("/config_dump");
    let sections = config_sections(&dump);
    let clusters = sections
        .iter()
        .find(|(t, _)| t == "ClustersConfigDump")
        .unwrap();
    assert_eq!(clusters.1, vec!["static_clusters".to_string()]);
    let listeners = &dump["configs"][2];
    assert_eq!(
        listeners["@type"],
        "type.googleapis.com/envoy.admin.v3.ListenersConfigDump"
    );
    let names: Vec<_> = listeners["static_listeners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["listener"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "virtualOutbound",
            "virtualInbound",
            "0.0.0.0_9080",
            "0.0.0.0_15021",
            "0.0.0.0_15090"
        ]
    );
    let cl = envoy.get_json("/clusters?format=json");
    let names = cluster_names(&cl);
    assert!(
        names.contains(&"outbound|9080||reviews.default.svc.cluster.local".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"BlackHoleCluster".to_string()));
}

#[test]
fn envoy_xds_bootstrap_has_dynamic_sections_named_like_istio() {
    let envoy = Envoy::start("xds");
    assert_admin_basics(&envoy);
    let dump = envoy.get_json("/config_dump?include_eds");
    let sections = config_sections(&dump);
    let has = |ty: &str, key: &str| {
        sections
            .iter()
            .any(|(t, keys)| t == ty && keys.iter().any(|k| k == key))
    };
    for (ty, key) in [
        ("ClustersConfigDump", "dynamic_active_clusters"),
        ("ClustersConfigDump", "static_clusters"),
        ("ListenersConfigDump", "dynamic_listeners"),
        ("RoutesConfigDump", "dynamic_route_configs"),
        ("EndpointsConfigDump", "dynamic_endpoint_configs"),
        ("SecretsConfigDump", "dynamic_active_secrets"),
    ] {
        assert!(has(ty, key), "{ty}.{key} missing: {sections:?}");
    }
    let find = |ty: &str| {
        dump["configs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["@type"].as_str().unwrap().ends_with(&format!(".{ty}")))
            .unwrap()
            .clone()
    };
    let secrets: Vec<_> = find("SecretsConfigDump")["dynamic_active_secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(secrets, ["default", "ROOTCA"]);
    let routes: Vec<_> = find("RoutesConfigDump")["dynamic_route_configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["route_config"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(routes, ["9080"]);
    let eps: Vec<_> = find("EndpointsConfigDump")["dynamic_endpoint_configs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["endpoint_config"]["cluster_name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        eps.contains(&"outbound|9080||reviews.default.svc.cluster.local".to_string()),
        "{eps:?}"
    );
    let listeners = find("ListenersConfigDump");
    let dynamic: Vec<_> = listeners["dynamic_listeners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        dynamic,
        [
            "virtualOutbound",
            "virtualInbound",
            "0.0.0.0_9080",
            "10.96.0.1_443"
        ]
    );
    let cl = envoy.get_json("/clusters?format=json");
    let names = cluster_names(&cl);
    for n in [
        "outbound|9080||reviews.default.svc.cluster.local",
        "outbound|9080|v1|reviews.default.svc.cluster.local",
        "inbound|9080||",
        "PassthroughCluster",
        "prometheus_stats",
    ] {
        assert!(names.contains(&n.to_string()), "{n} missing from {names:?}");
    }
}

#[test]
fn envoy_xds_file_update_is_applied() {
    let envoy = Envoy::start("xds");
    let rds = std::fs::read_to_string(envoy.path("rds-9080.yaml")).unwrap();
    let updated = rds
        .replace("2026-11-25T00:00:00Z/1", "2026-11-25T00:00:00Z/2")
        .replace(
            "name: allow_any\n    domains",
            "name: allow_any_updated\n    domains",
        );
    assert_ne!(rds, updated);
    envoy.update_file("rds-9080.yaml", &updated);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let dump = envoy.get_json("/config_dump?resource=dynamic_route_configs");
        let r = &dump["configs"][0];
        if r["version_info"] == "2026-11-25T00:00:00Z/2" {
            let vhosts = r["route_config"]["virtual_hosts"].as_array().unwrap();
            assert!(vhosts.iter().any(|v| v["name"] == "allow_any_updated"));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "route update not applied: {r}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn two_envoys_run_side_by_side_and_stop_by_pid() {
    let a = Envoy::start("static");
    let b = Envoy::start("xds");
    assert_ne!(a.admin, b.admin);
    let pid = a.pid();
    drop(a);
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "envoy {pid} still running"
    );
    assert_eq!(b.get("/ready").status, 200);
}

// ---------------------------------------------------------------------------------------
// istioctl
// ---------------------------------------------------------------------------------------

fn offline_istioctl(args: &[&str]) -> std::process::Output {
    // KUBECONFIG at a missing file proves these run without a cluster.
    let home = tempfile::tempdir().unwrap();
    std::process::Command::new(support::istioctl())
        .args(args)
        .env("HOME", home.path())
        .env("KUBECONFIG", home.path().join("absent"))
        .output()
        .unwrap()
}

#[test]
fn istioctl_version_offline() {
    let out = offline_istioctl(&["version", "--remote=false"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!(
            "client version: {}",
            support::version("ISTIO_BUILD_VERSION")
        )
    );
}

#[test]
fn istioctl_manifest_generate_offline() {
    let out = offline_istioctl(&["manifest", "generate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "kind: CustomResourceDefinition",
        "name: istiod",
        "name: istio-sidecar-injector",
        "kind: MutatingWebhookConfiguration",
    ] {
        assert!(
            text.contains(needle),
            "manifest generate output lacks {needle:?}"
        );
    }
    let tag = support::version("ISTIO_BUILD_VERSION");
    assert!(
        text.contains(&format!("docker.io/istio/pilot:{tag}")),
        "image stamped with hub/tag"
    );
}

#[test]
fn istioctl_kube_inject_with_config_from_manifest_generate() {
    let dir = tempfile::tempdir().unwrap();
    support::istioctl_inject_config(dir.path(), &[]);
    for f in ["inject-config.yaml", "values.json", "mesh-config.yaml"] {
        assert!(
            std::fs::metadata(dir.path().join(f)).unwrap().len() > 0,
            "{f} empty"
        );
    }
    let pod = dir.path().join("pod.yaml");
    std::fs::write(
        &pod,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n  - name: app\n    image: nginx\n",
    )
    .unwrap();
    let p = |f: &str| dir.path().join(f).to_string_lossy().into_owned();
    // Finding: with all three config files given, istioctl kube-inject still hangs (>60 s) when
    // KUBECONFIG points at a missing file; with the ground's kubeconfig it returns in ~0.3 s.
    let out = support::run_istioctl([
        "kube-inject",
        "--injectConfigFile",
        p("inject-config.yaml").as_str(),
        "--meshConfigFile",
        p("mesh-config.yaml").as_str(),
        "--valuesFile",
        p("values.json").as_str(),
        "-f",
        p("pod.yaml").as_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("name: istio-proxy"), "no sidecar in:\n{text}");
    assert!(
        text.contains("name: istio-init") || text.contains("istio-validation"),
        "no init container"
    );
    let tag = support::version("ISTIO_BUILD_VERSION");
    assert!(
        text.contains(&format!("docker.io/istio/proxyv2:{tag}")),
        "proxy image from values"
    );
}

// ---------------------------------------------------------------------------------------
// Port-forward through the API server to a pod on the kwok node
// ---------------------------------------------------------------------------------------

/// A pod on the kwok node whose port 15000 kwok forwards (PortForward CR) to a local Envoy.
async fn pod_forwarding_to(client: &kube::Client, ns: &TestNamespace, envoy: &Envoy) -> String {
    ns.wait_default_sa(client).await;
    let pods: Api<Pod> = Api::namespaced(client.clone(), &ns.name);
    let pod: Pod = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "productpage-v1", "labels": {"app": "productpage"}},
        "spec": {"containers": [{"name": "istio-proxy", "image": "registry.invalid/proxyv2:1"}]}
    }))
    .unwrap();
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let port: u16 = envoy.admin.rsplit(':').next().unwrap().parse().unwrap();
    let ar = ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk("kwok.x-k8s.io", "v1alpha1", "PortForward"),
        "portforwards",
    );
    let pfs: Api<DynamicObject> = Api::namespaced_with(client.clone(), &ns.name, &ar);
    let pf: DynamicObject = serde_json::from_value(json!({
        "apiVersion": "kwok.x-k8s.io/v1alpha1", "kind": "PortForward",
        "metadata": {"name": "productpage-v1"},
        "spec": {"forwards": [{"ports": [15000], "target": {"address": "127.0.0.1", "port": port}}]}
    }))
    .unwrap();
    pfs.create(&PostParams::default(), &pf).await.unwrap();
    support::wait_pod_running(&pods, "productpage-v1").await;
    "productpage-v1".to_string()
}

#[tokio::test]
async fn kube_rs_port_forward_through_kwok_reaches_a_local_envoy() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "portforward").await;
    let envoy = Envoy::start("static");
    let pod = pod_forwarding_to(&client, &ns, &envoy).await;
    let pods: Api<Pod> = Api::namespaced(client.clone(), &ns.name);
    // kwok may need a moment to see the PortForward object through its informer.
    let mut last = String::new();
    for _ in 0..30 {
        let mut pf = pods.portforward(&pod, &[15000]).await.unwrap();
        let mut stream = pf.take_stream(15000).unwrap();
        stream
            .write_all(b"GET /server_info HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        // Read until the response is complete: EOF does not always arrive promptly through the
        // WebSocket port-forward stream after Envoy closes its side.
        let mut raw = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), async {
            let mut buf = vec![0u8; 65536];
            loop {
                let n = stream.read(&mut buf).await?;
                raw.extend_from_slice(&buf[..n]);
                if n == 0 || support::response_complete(&raw) {
                    return Ok::<_, std::io::Error>(());
                }
            }
        })
        .await;
        drop(stream);
        let _ = pf.join().await;
        if matches!(read, Ok(Ok(()))) && support::response_complete(&raw) {
            let r = support::parse_http(&raw);
            assert_eq!(r.status, 200, "{}", r.body);
            let info: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            assert_eq!(info["state"], "LIVE");
            assert!(
                info["version"]
                    .as_str()
                    .unwrap()
                    .contains(&support::version("ENVOY_VERSION"))
            );
            return;
        }
        last = format!("{read:?}, {} bytes", raw.len());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no answer through the port-forward: {last}");
}

#[tokio::test]
async fn istioctl_proxy_config_through_kwok_port_forward() {
    // The real istioctl reaches the local Envoy through apiserver -> kwok -> 127.0.0.1.
    let client = support::client().await;
    let ns = TestNamespace::create(&client, "istioctl-pc").await;
    let envoy = Envoy::start("xds");
    let pod = pod_forwarding_to(&client, &ns, &envoy).await;
    let target = format!("{pod}.{}", ns.name);
    let mut last = None;
    for _ in 0..30 {
        let out = support::run_istioctl(["proxy-config", "cluster", target.as_str()]);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        if out.status.success() && text.contains("reviews.default.svc.cluster.local") {
            assert!(text.starts_with("SERVICE FQDN"), "{text}");
            assert!(text.contains("outbound      EDS"), "{text}");
            return;
        }
        last = Some(out);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let out = last.unwrap();
    panic!(
        "istioctl proxy-config failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
