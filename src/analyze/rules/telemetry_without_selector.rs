//! IST0160: several selector-less Telemetry resources in one namespace.

use std::collections::BTreeMap;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};

pub static RULE: Rule = Rule {
    code: "IST0160",
    name: "multiple-telemetries-without-selector",
    analyzer: "telemetry.DefaultSelectorAnalyzer",
    summary: "More than one Telemetry without a selector exists in a namespace",
    docs: "### What it does
Groups Telemetry resources without `selector` by namespace; every member of a group of two or
more is flagged.

### Why is this bad?
A selector-less Telemetry is the namespace default; with several, which one applies is
undefined.

### Example
Two Telemetry resources in `shop`, neither with `selector`.

### How to fix
Merge them into one, or give all but one a `selector`.
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    let mut by_ns: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    for t in snap.of("telemetry.istio.io", "Telemetry") {
        if t.spec()
            .get("selector")
            .is_none_or(serde_json::Value::is_null)
        {
            by_ns.entry(t.namespace.as_str()).or_default().push(t);
        }
    }
    for (ns, list) in by_ns {
        if list.len() < 2 {
            continue;
        }
        let mut names: Vec<String> = list.iter().map(|r| r.name.clone()).collect();
        names.sort();
        for t in list {
            sink.report(t, None, &[Arg::Strs(names.clone()), Arg::from(ns)]);
        }
    }
}
