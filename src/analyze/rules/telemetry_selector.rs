//! IST0101 / IST0159: Telemetry selectors against pods.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{labels_string, selector_matches};

pub static NO_MATCH: Rule = Rule {
    code: "IST0101",
    name: "telemetry-selector-matches-no-pod",
    analyzer: "telemetry.SelectorAnalyzer",
    summary: "A Telemetry's selector matches no pod in its namespace",
    docs: "### What it does
Checks that each Telemetry with `selector.matchLabels` selects at least one pod in its own
namespace.

### Why is this bad?
The Telemetry applies to nothing: the metrics, logs or traces you configured are not
produced.

### Example
```yaml
kind: Telemetry
spec:
  selector: {matchLabels: {app: reviwes}}
```

### How to fix
Use the labels of the workload's pods.
",
    requires: &["Pod"],
    check: check_no_match,
};

pub static CONFLICTING: Rule = Rule {
    code: "IST0159",
    name: "conflicting-telemetry-selectors",
    analyzer: "telemetry.SelectorAnalyzer",
    summary: "A pod is selected by more than one Telemetry",
    docs: "### What it does
Flags every Telemetry whose `selector` selects a pod that another Telemetry also selects.

### Why is this bad?
Which Telemetry applies to the workload is undefined.

### Example
Two Telemetry resources in `shop` both selecting `app: cart`.

### How to fix
Make the selectors disjoint or merge the resources.
",
    requires: &["Pod"],
    check: check_conflicting,
};

fn selector(t: &Resource) -> Option<&Map<String, Value>> {
    t.spec()
        .at("/selector/matchLabels")
        .and_then(Value::as_object)
        .filter(|m| !m.is_empty())
}

fn telemetries(snap: &Snapshot) -> impl Iterator<Item = &Resource> {
    snap.of("telemetry.istio.io", "Telemetry")
}

fn check_no_match(snap: &Snapshot, sink: &mut Sink) {
    for t in telemetries(snap) {
        let Some(sel) = selector(t) else { continue };
        if !snap
            .of("", "Pod")
            .any(|p| p.namespace == t.namespace && selector_matches(sel, p.labels()))
        {
            let s = labels_string(sel);
            let path = format!(
                ".spec.selector.matchLabels.{}",
                s.split('=').next().unwrap_or_default()
            );
            sink.report(t, Some(&path), &[Arg::from("selector"), Arg::from(s)]);
        }
    }
}

fn check_conflicting(snap: &Snapshot, sink: &mut Sink) {
    let mut by_pod: BTreeMap<(String, String), Vec<&Resource>> = BTreeMap::new();
    for t in telemetries(snap) {
        let Some(sel) = selector(t) else { continue };
        for p in snap.of("", "Pod").filter(|p| p.namespace == t.namespace) {
            if selector_matches(sel, p.labels()) {
                by_pod
                    .entry((p.namespace.clone(), p.name.clone()))
                    .or_default()
                    .push(t);
            }
        }
    }
    for ((ns, pod), list) in by_pod {
        if list.len() < 2 {
            continue;
        }
        let mut names: Vec<String> = list.iter().map(|r| r.name.clone()).collect();
        names.sort();
        for t in list {
            sink.report(
                t,
                Some(".metadata.name"),
                &[
                    Arg::Strs(names.clone()),
                    Arg::from(ns.as_str()),
                    Arg::from(pod.as_str()),
                ],
            );
        }
    }
}
