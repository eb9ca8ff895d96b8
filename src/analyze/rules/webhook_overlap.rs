//! IST0139: Istio's injection webhooks overlap, or point at a missing service.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, label_selector_matches, str_of, strings};

const REV_LABEL: &str = "istio.io/rev";

pub static OVERLAP: Rule = Rule {
    code: "IST0139",
    name: "webhook-injection-overlap",
    analyzer: "webhook.Analyzer",
    summary: "Two Istio injection webhooks select the same pods",
    docs: "### What it does
Takes every MutatingWebhookConfiguration that belongs to Istio (a webhook name ending in
`istio.io`, or a revision in its labels or selectors) and tries the namespace and object
labels that drive injection (`istio-injection`, `sidecar.istio.io/inject`, `istio.io/rev`
for each revision seen). When one combination is selected by more than one webhook,
each of them is reported.

### Why is this bad?
Two injectors matching the same pod inject it twice, or race: the pod gets the proxy of
whichever revision ran last, or fails admission.

### Example
```yaml
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector}
webhooks:
- name: sidecar-injector.istio.io
  namespaceSelector: {matchLabels: {istio-injection: enabled}}
---
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector-old}   # a leftover from an upgrade
webhooks:
- name: sidecar-injector.istio.io
  namespaceSelector: {matchLabels: {istio-injection: enabled}}
```

### How to fix
Delete the leftover configuration, or give each revision's webhook disjoint selectors
(`istio.io/rev=<rev>`), as `istioctl tag` and the revisioned charts do.
",
    requires: &[],
    check: check_overlap,
};

pub static SERVICE_MISSING: Rule = Rule {
    code: "IST0139",
    name: "webhook-service-not-found",
    analyzer: "webhook.Analyzer",
    summary: "An Istio injection webhook calls a Service that does not exist",
    docs: "### What it does
For each webhook of an Istio MutatingWebhookConfiguration whose `clientConfig` names a
`service`, checks that the Service exists.

### Why is this bad?
The API server cannot reach the injector: depending on `failurePolicy`, pod creation
fails or pods start without a sidecar.

### Example
```yaml
webhooks:
- name: sidecar-injector.istio.io
  clientConfig:
    service: {name: istiod-canary, namespace: istio-system}   # no such Service
```

### How to fix
Point the webhook at the running istiod Service, or remove the configuration of a
revision that was uninstalled.
",
    requires: &["Service"],
    check: check_service,
};

/// Istio's webhook configurations with the revisions they mention.
fn istio_webhooks(snap: &Snapshot) -> (Vec<&Resource>, BTreeSet<String>) {
    let mut out = Vec::new();
    let mut revisions = BTreeSet::new();
    for r in snap.of_kind("MutatingWebhookConfiguration") {
        let hooks = items(r.value.get("webhooks"));
        let mut revs = BTreeSet::new();
        if let Some(rev) = r.label(REV_LABEL) {
            revs.insert(rev.to_string());
        }
        for h in hooks {
            for sel in ["namespaceSelector", "objectSelector"] {
                let Some(s) = h.get(sel) else { continue };
                if let Some(rev) = s.at("/matchLabels/istio.io~1rev").and_then(Value::as_str) {
                    revs.insert(rev.to_string());
                }
                for e in items(s.get("matchExpressions")) {
                    if str_of(e, "key") == REV_LABEL {
                        revs.extend(strings(e.get("values")));
                    }
                }
            }
        }
        let istio = hooks
            .iter()
            .any(|h| str_of(h, "name").ends_with("istio.io"));
        if revs.is_empty() && !istio {
            continue;
        }
        revisions.extend(revs);
        out.push(r);
    }
    (out, revisions)
}

fn label_sets(
    key: &str,
    values: [&str; 2],
    revisions: &BTreeSet<String>,
) -> Vec<Map<String, Value>> {
    let base: Vec<Map<String, Value>> = std::iter::once(Map::new())
        .chain(values.iter().map(|v| {
            let mut m = Map::new();
            m.insert(key.to_string(), Value::from(*v));
            m
        }))
        .collect();
    let mut out = base.clone();
    for rev in revisions {
        for b in &base {
            let mut m = b.clone();
            m.insert(REV_LABEL.to_string(), Value::from(rev.as_str()));
            out.push(m);
        }
    }
    out
}

fn check_overlap(snap: &Snapshot, sink: &mut Sink) {
    let (configs, revisions) = istio_webhooks(snap);
    let ns_sets = label_sets("istio-injection", ["enabled", "disabled"], &revisions);
    let obj_sets = label_sets("sidecar.istio.io/inject", ["true", "false"], &revisions);
    for nl in &ns_sets {
        for ol in &obj_sets {
            // "config/webhook" → the configuration it belongs to.
            let mut matches: BTreeMap<String, &Resource> = BTreeMap::new();
            for r in &configs {
                for h in items(r.value.get("webhooks")) {
                    if label_selector_matches(h.get("namespaceSelector"), Some(nl))
                        && label_selector_matches(h.get("objectSelector"), Some(ol))
                    {
                        matches.insert(format!("{}/{}", r.name, str_of(h, "name")), r);
                    }
                }
            }
            if matches.len() < 2 {
                continue;
            }
            for (name, r) in &matches {
                let others: Vec<&str> = matches
                    .keys()
                    .filter(|k| *k != name)
                    .map(String::as_str)
                    .collect();
                let text = format!(
                    "Webhook overlaps with others: [{}]. This may cause injection to occur twice.",
                    others.join(" ")
                );
                sink.report(r, None, &[Arg::from(text)]);
            }
        }
    }
}

fn check_service(snap: &Snapshot, sink: &mut Sink) {
    let (configs, _) = istio_webhooks(snap);
    for r in configs {
        for h in items(r.value.get("webhooks")) {
            let Some(svc) = h.at("/clientConfig/service") else {
                continue;
            };
            let (ns, name) = (str_of(svc, "namespace"), str_of(svc, "name"));
            if snap.get("", "Service", ns, name).is_none() {
                let text = format!(
                    "Injector refers to a control plane service that does not exist: {ns}/{name}."
                );
                sink.report(r, None, &[Arg::from(text)]);
            }
        }
    }
}
