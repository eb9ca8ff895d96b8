//! IST0173 / IST0174: DestinationRule hosts and subsets against Services and pods.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{items, selector_matches, str_of, strings, value_str};

pub static SUBSET: Rule = Rule {
    code: "IST0173",
    name: "destination-rule-subset-selects-no-pods",
    analyzer: "destinationrule.SubsetSelectPodAnalyzer",
    summary: "A DestinationRule subset's labels match no pod",
    docs: "### What it does
For each DestinationRule whose host resolves to a Service or ServiceEntry, merges each
subset's labels with the ServiceEntry's workload selector and checks that at least one pod
(in any namespace, with the topology labels pilot adds from its node) matches.

### Why is this bad?
Traffic routed to the subset has no endpoints: requests fail with 503 `UH`
(no healthy upstream).

### Example
```yaml
subsets:
- name: v3
  labels: {version: v3}   # no pod has version=v3
```

### How to fix
Fix the subset labels, or deploy the version the subset names.
",
    requires: &["Pod", "Service"],
    check: check_subsets,
};

pub static UNKNOWN_HOST: Rule = Rule {
    code: "IST0174",
    name: "destination-rule-unknown-host",
    analyzer: "destinationrule.SubsetSelectPodAnalyzer",
    summary: "A DestinationRule's host matches no Service or ServiceEntry",
    docs: "### What it does
Resolves each DestinationRule's `host` like a route destination (Services, exportTo-aware
ServiceEntries, wildcards).

### Why is this bad?
The traffic policy applies to nothing; usually a typo or a host in another namespace written
as a short name.

### Example
```yaml
kind: DestinationRule
spec: {host: reviws}
```

### How to fix
Use the Service's name (or FQDN for other namespaces), or add a ServiceEntry.
",
    requires: &["Service"],
    check: check_hosts,
};

fn check_hosts(snap: &Snapshot, sink: &mut Sink) {
    let hosts = snap.hosts();
    for dr in snap.of(ISTIO_NETWORKING, "DestinationRule") {
        let host = str_of(dr.spec(), "host");
        let export_to = strings(dr.spec().get("exportTo"));
        if hosts.lookup(&dr.namespace, &export_to, host).is_none() {
            sink.report(dr, None, &[Arg::from(host)]);
        }
    }
}

/// Pod labels plus the topology labels pilot derives from the pod's node.
fn augmented_labels(snap: &Snapshot, pod: &super::super::snapshot::Resource) -> Map<String, Value> {
    let mut labels = pod.labels().cloned().unwrap_or_default();
    let node_name = str_of(pod.spec(), "nodeName");
    if node_name.is_empty() {
        return labels;
    }
    if let Some(node) = snap.get("", "Node", "", node_name) {
        for (from, to) in [
            (
                "topology.kubernetes.io/region",
                "topology.kubernetes.io/region",
            ),
            ("topology.kubernetes.io/zone", "topology.kubernetes.io/zone"),
            ("topology.istio.io/subzone", "topology.istio.io/subzone"),
        ] {
            if let Some(v) = node.label(from).filter(|v| !v.is_empty()) {
                labels.insert(to.to_string(), Value::String(v.to_string()));
            }
        }
    }
    labels.insert(
        "kubernetes.io/hostname".into(),
        Value::String(node_name.to_string()),
    );
    labels
}

fn check_subsets(snap: &Snapshot, sink: &mut Sink) {
    let hosts = snap.hosts();
    let pods: Vec<Map<String, Value>> = snap
        .of("", "Pod")
        .map(|p| augmented_labels(snap, p))
        .collect();
    // (label, value) → pods carrying it: a subset's selector is checked only
    // against the pods that have its first label.
    let mut by_label: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (i, labels) in pods.iter().enumerate() {
        for (k, v) in labels {
            by_label
                .entry((k.as_str(), value_str(v)))
                .or_default()
                .push(i);
        }
    }
    let any_pod_matches = |selector: &Map<String, Value>| match selector.iter().next() {
        None => !pods.is_empty(),
        Some((k, v)) => by_label
            .get(&(k.as_str(), value_str(v)))
            .is_some_and(|ids| {
                ids.iter()
                    .any(|&i| selector_matches(selector, Some(&pods[i])))
            }),
    };
    for dr in snap.of(ISTIO_NETWORKING, "DestinationRule") {
        let export_to = strings(dr.spec().get("exportTo"));
        let Some(target) = hosts.lookup(&dr.namespace, &export_to, str_of(dr.spec(), "host"))
        else {
            continue;
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for subset in items(dr.spec().get("subsets")) {
            let name = str_of(subset, "name");
            if !seen.insert(name) {
                continue;
            }
            let mut selector = target.selector.clone();
            if let Some(l) = subset.get("labels").and_then(Value::as_object) {
                selector.extend(l.clone());
            }
            if !any_pod_matches(&selector) {
                sink.report(dr, None, &[Arg::from(name)]);
            }
        }
    }
}
