//! IST0170: one Service, defined differently in the clusters of a mesh.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::super::MAIN_CLUSTER;
use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};

pub static RULE: Rule = Rule {
    code: "IST0170",
    name: "multi-cluster-inconsistent-service",
    analyzer: "services.MultiClusterServiceAnalyzer",
    summary: "A Service has a different type, headless mode or ports in different clusters",
    docs: "### What it does
In multi-cluster analysis (`--remote-contexts`, or the remote secrets labelled
`istio/multiCluster=true` in the Istio namespace), compares each Service with the Services of
the same namespace and name in the other clusters: headless (`clusterIP: None`) against not,
`type`, and the ports (name, protocol, appProtocol, port, targetPort, nodePort; in name order).
The main cluster (with the files) is named `default`, as istioctl names it.

### Why is this bad?
Istio merges same-named Services of all clusters into one mesh service. When their definitions
differ, which definition the proxies get depends on the cluster they read first: routing,
protocol detection and load balancing become undefined.

### Example
```yaml
# cluster east
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{name: http, port: 9080}]
---
# cluster west
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{name: grpc, port: 9080}]   # another port name: another protocol
```

### How to fix
Deploy the same Service definition to every cluster (one manifest, applied everywhere), or
give Services that really differ different names.
",
    requires: &["Service"],
    check,
};

/// A port as Kubernetes' typed `ServicePort` compares: absent fields are
/// zero values, `targetPort` keeps whether it was a number or a string.
#[derive(PartialEq)]
struct ServicePort<'a> {
    name: &'a str,
    protocol: &'a str,
    app_protocol: Option<&'a str>,
    port: i64,
    target_port: (bool, i64, &'a str),
    node_port: i64,
}

fn port(p: &Value) -> ServicePort<'_> {
    let s = |k: &str| p.get(k).and_then(Value::as_str);
    let n = |k: &str| p.get(k).and_then(Value::as_i64).unwrap_or(0);
    ServicePort {
        name: s("name").unwrap_or(""),
        protocol: s("protocol").unwrap_or(""),
        app_protocol: s("appProtocol"),
        port: n("port"),
        target_port: match p.get("targetPort") {
            Some(Value::String(t)) => (true, 0, t),
            Some(v) => (false, v.as_i64().unwrap_or(0), ""),
            None => (false, 0, ""),
        },
        node_port: n("nodePort"),
    }
}

/// The ports in name order (a stable sort, as istioctl's).
fn ports(spec: &Value) -> Vec<ServicePort<'_>> {
    let mut ports: Vec<ServicePort> = spec
        .get("ports")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(port).collect())
        .unwrap_or_default();
    ports.sort_by(|a, b| a.name.cmp(b.name));
    ports
}

fn headless(spec: &Value) -> bool {
    spec.get("clusterIP").and_then(Value::as_str) == Some("None")
}

fn service_type(spec: &Value) -> &str {
    spec.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The clusters involved and the reasons, both sorted.
fn inconsistencies(services: &BTreeMap<&str, &Resource>) -> (Vec<String>, Vec<&'static str>) {
    let mut clusters = BTreeSet::new();
    let mut reasons = BTreeSet::new();
    let Some((first_cluster, first)) = services.iter().next() else {
        return (Vec::new(), Vec::new());
    };
    let first = first.spec();
    let first_ports = ports(first);
    for (cluster, svc) in services {
        let spec = svc.spec();
        if headless(first) != headless(spec) {
            clusters.extend(services.keys().copied());
            reasons.insert("service has mixed mode like headless and clusterIP");
        }
        if service_type(first) != service_type(spec) {
            clusters.insert(*cluster);
            reasons.insert("service type is inconsistent");
        }
        if first_ports != ports(spec) {
            clusters.insert(*cluster);
            reasons.insert("service ports are inconsistent");
        }
    }
    if !clusters.is_empty() {
        clusters.insert(*first_cluster);
    }
    (
        clusters.into_iter().map(str::to_string).collect(),
        reasons.into_iter().collect(),
    )
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    if !snap.is_multi_cluster() {
        return;
    }
    // (namespace, name) → cluster → Service.
    let mut by_name: BTreeMap<(&str, &str), BTreeMap<&str, &Resource>> = BTreeMap::new();
    for svc in snap.of_kind("Service").filter(|s| s.group.is_empty()) {
        let cluster = if svc.cluster.is_empty() {
            MAIN_CLUSTER
        } else {
            svc.cluster.as_str()
        };
        by_name
            .entry((svc.namespace.as_str(), svc.name.as_str()))
            .or_default()
            .insert(cluster, svc);
    }
    for ((namespace, name), services) in &by_name {
        if services.len() < 2 {
            continue;
        }
        let (clusters, reasons) = inconsistencies(services);
        if reasons.is_empty() {
            continue;
        }
        // istioctl reports on whichever cluster's Service its map yields
        // first; mast on the main cluster's when it has one.
        let res = services
            .get(MAIN_CLUSTER)
            .or_else(|| services.values().next())
            .copied()
            .expect("at least two services");
        sink.report(
            res,
            None,
            &[
                Arg::from(*name),
                Arg::from(*namespace),
                Arg::Strs(clusters),
                Arg::from(reasons.join("; ")),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::super::{Diagnostic, Options, analyze};
    use super::*;

    fn service(cluster: &str, name: &str, spec: &Value) -> Resource {
        let mut r = Resource::from_live(json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": name, "namespace": "shop"},
            "spec": spec,
        }))
        .unwrap();
        r.cluster = cluster.to_string();
        r
    }

    fn lines(snap: &Snapshot) -> Vec<String> {
        let opts = Options {
            analyzers: vec![RULE.analyzer.to_string()],
            ..Options::default()
        };
        analyze(snap, &opts)
            .diagnostics
            .iter()
            .map(Diagnostic::line)
            .collect()
    }

    #[test]
    fn compares_each_cluster_with_the_main_one() {
        let http = json!({"ports": [{"name": "http", "port": 80, "targetPort": 8080}]});
        let mut snap = Snapshot::new("istio-system");
        snap.insert(service("", "same", &http));
        snap.insert(service("east", "same", &http));
        snap.insert(service("", "ports", &http));
        snap.insert(service(
            "east",
            "ports",
            &json!({"ports": [{"name": "http", "port": 80, "targetPort": "8080"}]}),
        ));
        snap.insert(service("", "mixed", &http));
        snap.insert(service("east", "mixed", &http));
        snap.insert(service(
            "west",
            "mixed",
            &json!({"clusterIP": "None", "type": "NodePort", "ports": [{"name": "http", "port": 80, "targetPort": 8080}]}),
        ));
        // Only in one cluster: nothing to compare.
        snap.insert(service("west", "alone", &json!({})));
        assert_eq!(
            lines(&snap),
            [
                "Warning [IST0170] [cluster-default] (Service shop/mixed) The service mixed in namespace \"shop\" is inconsistent across clusters [\"default\" \"east\" \"west\"], which can lead to undefined behaviors. The inconsistent behaviors are: service has mixed mode like headless and clusterIP; service type is inconsistent.",
                "Warning [IST0170] [cluster-default] (Service shop/ports) The service ports in namespace \"shop\" is inconsistent across clusters [\"default\" \"east\"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent.",
            ]
        );
    }

    #[test]
    fn port_order_does_not_matter_and_one_cluster_reports_nothing() {
        let a = json!({"ports": [{"name": "a", "port": 1}, {"name": "b", "port": 2}]});
        let b = json!({"ports": [{"name": "b", "port": 2}, {"name": "a", "port": 1}]});
        let mut snap = Snapshot::new("istio-system");
        snap.insert(service("", "svc", &a));
        snap.insert(service("east", "svc", &b));
        assert!(lines(&snap).is_empty());
        let mut single = Snapshot::new("istio-system");
        single.insert(service("", "svc", &a));
        assert!(!single.is_multi_cluster());
        assert!(lines(&single).is_empty());
    }
}
