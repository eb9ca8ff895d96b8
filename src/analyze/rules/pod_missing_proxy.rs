//! IST0103: a pod in an injected namespace runs without the Istio proxy.

use super::super::diag::Arg;
use super::super::injection::{NamespaceInjection, namespace_injection};
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0103",
    name: "pod-missing-proxy",
    analyzer: "injection.Analyzer",
    summary: "A pod in a namespace with injection enabled has no istio-proxy container",
    docs: "### What it does
For pods in namespaces labelled `istio-injection=enabled` or `istio.io/rev=<rev>` (istioctl
only checks the former), that do not opt out (`sidecar.istio.io/inject=false` label or
annotation) and do not use the host network, checks for an `istio-proxy` container (or init
container) with an image.

### Why is this bad?
The pod is outside the mesh although its namespace says it should be in: STRICT mTLS peers
reject it and policies do not apply. Usually it was created before the label was added, or
the webhook failed.

### Example
A pod without `istio-proxy` in a namespace labelled `istio-injection: enabled`.

### How to fix
Restart the workload (`kubectl rollout restart deployment/<name>`) so the webhook injects it;
check the webhook if that does not help (`mast analyze` IST0139, `istioctl x check-inject`).
",
    requires: &["Namespace", "Pod"],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    for pod in snap.of("", "Pod") {
        let Some(ns) = snap.get("", "Namespace", "", &pod.namespace) else {
            continue;
        };
        if !matches!(
            namespace_injection(ns.labels()),
            NamespaceInjection::Enabled | NamespaceInjection::Revision(_)
        ) {
            continue;
        }
        // The same opt-out rules as `inject` (label over annotation, hostNetwork).
        let meta = pod.at("/metadata").unwrap_or(&serde_json::Value::Null);
        if !crate::inject::policy::decide(meta, pod.spec()).inject {
            continue;
        }
        let spec = pod.spec();
        let proxy_image = items(spec.get("containers"))
            .iter()
            .chain(items(spec.get("initContainers")))
            .find(|c| str_of(c, "name") == "istio-proxy")
            .map(|c| str_of(c, "image"))
            .unwrap_or_default();
        if proxy_image.is_empty() {
            sink.report(pod, None, &[Arg::from(pod.key())]);
        }
    }
}
