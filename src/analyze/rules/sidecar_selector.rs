//! IST0101 / IST0110 / IST0111 / IST0167: Sidecar workload selectors.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{labels_string, selector_matches};

pub static NO_MATCH: Rule = Rule {
    code: "IST0101",
    name: "sidecar-selector-matches-no-pod",
    analyzer: "sidecar.SelectorAnalyzer",
    summary: "A Sidecar's workloadSelector matches no pod in its namespace",
    docs: "### What it does
Checks that each Sidecar with `workloadSelector.labels` selects at least one pod in its own
namespace.

### Why is this bad?
The Sidecar applies to nothing: the egress/ingress restrictions you wrote are not in force.

### Example
```yaml
kind: Sidecar
spec:
  workloadSelector: {labels: {app: ratings-typo}}
```

### How to fix
Fix the labels to match the pods' labels (`kubectl get pods --show-labels`).
",
    requires: &["Pod"],
    check: check_no_match,
};

pub static CONFLICTING: Rule = Rule {
    code: "IST0110",
    name: "conflicting-sidecar-selectors",
    analyzer: "sidecar.SelectorAnalyzer",
    summary: "A pod is selected by more than one Sidecar",
    docs: "### What it does
Flags every Sidecar whose `workloadSelector` selects a pod that another Sidecar also selects.

### Why is this bad?
Only one Sidecar applies to a workload; which one is undefined.

### Example
Two Sidecars in `shop` both selecting `app: cart`.

### How to fix
Make the selectors disjoint or merge the Sidecars.
",
    requires: &["Pod"],
    check: check_conflicting,
};

pub static MULTIPLE_DEFAULT: Rule = Rule {
    code: "IST0111",
    name: "multiple-sidecars-without-selector",
    analyzer: "sidecar.SelectorAnalyzer",
    summary: "More than one Sidecar without a workloadSelector exists in a namespace",
    docs: "### What it does
Groups Sidecars without `workloadSelector` labels by namespace (ambient namespaces
excepted) and flags each member of a group of two or more.

### Why is this bad?
The selector-less Sidecar is the namespace default; with several, which applies is undefined.

### Example
Two Sidecars without `workloadSelector` in `shop`.

### How to fix
Keep one default Sidecar per namespace.
",
    requires: &[],
    check: check_multiple_default,
};

pub static INEFFECTIVE: Rule = Rule {
    code: "IST0167",
    name: "sidecar-in-ambient-mode",
    analyzer: "sidecar.SelectorAnalyzer",
    summary: "A Sidecar selects ambient workloads or lives in an ambient namespace",
    docs: "### What it does
Flags Sidecars that select pods redirected to ambient (`ambient.istio.io/redirection:
enabled`), and selector-less Sidecars in namespaces labelled `istio.io/dataplane-mode=ambient`.

### Why is this bad?
Ambient workloads have no sidecar proxy: the Sidecar resource has no effect.

### Example
A Sidecar in a namespace labelled `istio.io/dataplane-mode: ambient`.

### How to fix
Remove it, or configure the waypoint instead.
",
    requires: &[],
    check: check_ineffective,
};

fn selector(sc: &Resource) -> Option<&Map<String, Value>> {
    sc.spec()
        .at("/workloadSelector/labels")
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty())
}

fn pod_ambient(pod: &Resource) -> bool {
    pod.annotation("ambient.istio.io/redirection") == Some("enabled")
}

fn namespace_ambient(snap: &Snapshot, ns: &str) -> bool {
    let Some(n) = snap.get("", "Namespace", "", ns) else {
        return false;
    };
    n.label("istio-injection") != Some("enabled")
        && n.label("istio.io/rev").is_none_or(str::is_empty)
        && n.label("istio.io/dataplane-mode") == Some("ambient")
}

/// pod key → the Sidecars selecting it, in a stable order.
fn pods_to_sidecars(snap: &Snapshot) -> BTreeMap<(String, String), (Vec<&Resource>, &Resource)> {
    let mut out: BTreeMap<(String, String), (Vec<&Resource>, &Resource)> = BTreeMap::new();
    for sc in snap.of(ISTIO_NETWORKING, "Sidecar") {
        let Some(sel) = selector(sc) else { continue };
        for pod in snap.of("", "Pod").filter(|p| p.namespace == sc.namespace) {
            if selector_matches(sel, pod.labels()) {
                out.entry((pod.namespace.clone(), pod.name.clone()))
                    .or_insert_with(|| (Vec::new(), pod))
                    .0
                    .push(sc);
            }
        }
    }
    out
}

fn check_no_match(snap: &Snapshot, sink: &mut Sink) {
    for sc in snap.of(ISTIO_NETWORKING, "Sidecar") {
        let Some(sel) = selector(sc) else { continue };
        let found = snap
            .of("", "Pod")
            .any(|p| p.namespace == sc.namespace && selector_matches(sel, p.labels()));
        if !found {
            let s = labels_string(sel);
            let key = s.split('=').next().unwrap_or_default().to_string();
            let path = format!(".spec.workloadSelector.labels.{key}");
            sink.report(sc, Some(&path), &[Arg::from("selector"), Arg::from(s)]);
        }
    }
}

fn check_conflicting(snap: &Snapshot, sink: &mut Sink) {
    for ((ns, pod_name), (list, pod)) in pods_to_sidecars(snap) {
        if list.len() < 2 || pod_ambient(pod) {
            continue;
        }
        let mut names: Vec<String> = list.iter().map(|r| r.name.clone()).collect();
        names.sort();
        for sc in list {
            sink.report(
                sc,
                Some(".metadata.name"),
                &[
                    Arg::Strs(names.clone()),
                    Arg::from(ns.as_str()),
                    Arg::from(pod_name.as_str()),
                ],
            );
        }
    }
}

fn check_multiple_default(snap: &Snapshot, sink: &mut Sink) {
    let mut by_ns: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    for sc in snap
        .of(ISTIO_NETWORKING, "Sidecar")
        .filter(|s| selector(s).is_none())
    {
        by_ns.entry(sc.namespace.as_str()).or_default().push(sc);
    }
    for (ns, list) in by_ns {
        if list.len() < 2 || namespace_ambient(snap, ns) {
            continue;
        }
        let mut names: Vec<String> = list.iter().map(|r| r.name.clone()).collect();
        names.sort();
        for sc in list {
            sink.report(sc, None, &[Arg::Strs(names.clone()), Arg::from(ns)]);
        }
    }
}

fn check_ineffective(snap: &Snapshot, sink: &mut Sink) {
    let mut reported = HashSet::new();
    for (list, pod) in pods_to_sidecars(snap).values() {
        if pod_ambient(pod) {
            for sc in list {
                if reported.insert(sc.key()) {
                    sink.report(
                        sc,
                        None,
                        &[Arg::from(
                            "selected workload is in ambient mode, the policy has no impact",
                        )],
                    );
                }
            }
        }
    }
    for sc in snap
        .of(ISTIO_NETWORKING, "Sidecar")
        .filter(|s| selector(s).is_none())
    {
        if namespace_ambient(snap, &sc.namespace) && reported.insert(sc.key()) {
            sink.report(
                sc,
                None,
                &[Arg::from(
                    "namespace is in ambient mode, the policy has no impact",
                )],
            );
        }
    }
}
