//! IST0146 / IST0147: `image: auto` proxies that no injector will fill in.

use serde_json::{Map, Value};

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{items, label_selector_matches, str_of};

pub static DEPLOYMENT: Rule = Rule {
    code: "IST0146",
    name: "image-auto-deployment-not-injected",
    analyzer: "injection.ImageAutoAnalyzer",
    summary: "A Deployment uses `image: auto` but no Istio injection webhook selects its pods",
    docs: "### What it does
For Deployments whose pod template has an `istio-proxy` container with `image: auto` (the
placeholder of gateway injection), checks that at least one Istio injection webhook (a
webhook name ending in `istio.io`) selects the pods: its namespace selector must match the
Deployment's Namespace labels and its object selector the template labels.

### Why is this bad?
Nothing replaces the placeholder: the pods are created with the image `auto` and never start
(`ErrImagePull`).

### Example
```yaml
kind: Deployment
metadata: {name: ingress, namespace: not-injected}   # namespace without istio-injection
spec:
  template:
    spec:
      containers:
      - {name: istio-proxy, image: auto}
```

### How to fix
Label the namespace (`istio-injection=enabled` or `istio.io/rev=<rev>`) or the template
(`sidecar.istio.io/inject: \"true\"`) so an injector picks the pods up.
",
    requires: &["Namespace", "MutatingWebhookConfiguration"],
    check: check_deployments,
};

pub static POD: Rule = Rule {
    code: "IST0147",
    name: "image-auto-pod-not-injected",
    analyzer: "injection.ImageAutoAnalyzer",
    summary: "A running Pod still has the `image: auto` placeholder in its proxy container",
    docs: "### What it does
Reports Pods whose `istio-proxy` container has the image `auto`.

### Why is this bad?
The placeholder is replaced at admission by the injector; a Pod that still has it was not
injected and its proxy cannot start.

### Example
```yaml
kind: Pod
spec:
  containers:
  - {name: istio-proxy, image: auto}
```

### How to fix
Enable injection for the Pod's namespace or the Pod itself, then recreate it.
",
    requires: &[],
    check: check_pods,
};

fn has_auto_image(pod_spec: Option<&Value>) -> bool {
    items(pod_spec.and_then(|s| s.get("containers")))
        .iter()
        .any(|c| str_of(c, "name") == "istio-proxy" && str_of(c, "image") == "auto")
}

fn check_pods(snap: &Snapshot, sink: &mut Sink) {
    for pod in snap.of_kind("Pod") {
        if has_auto_image(pod.value.get("spec")) {
            sink.report(pod, None, &[Arg::from("Pod"), Arg::from(&pod.name)]);
        }
    }
}

fn check_deployments(snap: &Snapshot, sink: &mut Sink) {
    let hooks: Vec<&Value> = snap
        .of_kind("MutatingWebhookConfiguration")
        .flat_map(|r| items(r.value.get("webhooks")))
        .filter(|h| str_of(h, "name").ends_with("istio.io"))
        .collect();
    let empty = Map::new();
    for d in snap.of_kind("Deployment") {
        if !has_auto_image(d.at("/spec/template/spec")) {
            continue;
        }
        let ns = if d.namespace.is_empty() {
            "default"
        } else {
            &d.namespace
        };
        let ns_labels = snap
            .get("", "Namespace", "", ns)
            .and_then(|n| n.labels())
            .unwrap_or(&empty);
        let pod_labels = d
            .at("/spec/template/metadata/labels")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let injected = hooks.iter().any(|h| {
            label_selector_matches(h.get("namespaceSelector"), Some(ns_labels))
                && label_selector_matches(h.get("objectSelector"), Some(pod_labels))
        });
        if !injected {
            sink.report(d, None, &[Arg::from("Deployment"), Arg::from(&d.name)]);
        }
    }
}
