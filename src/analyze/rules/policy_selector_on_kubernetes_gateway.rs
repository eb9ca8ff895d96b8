//! IST0166: a policy selects a Kubernetes Gateway's pods by label instead of `targetRef`.

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::selector_matches;

const GATEWAY_NAME: &str = "gateway.networking.k8s.io/gateway-name";

/// The policy kinds that may select workloads, with their groups.
const POLICIES: &[(&str, &str)] = &[
    ("security.istio.io", "AuthorizationPolicy"),
    ("security.istio.io", "RequestAuthentication"),
    ("telemetry.istio.io", "Telemetry"),
    ("extensions.istio.io", "WasmPlugin"),
];

pub static RULE: Rule = Rule {
    code: "IST0166",
    name: "policy-selector-on-kubernetes-gateway",
    analyzer: "k8sgateway.SelectorAnalyzer",
    summary: "A policy uses a workload selector on a Kubernetes Gateway's pods instead of targetRef",
    docs: "### What it does
For AuthorizationPolicy, RequestAuthentication, Telemetry and WasmPlugin resources that use
`selector` (and no `targetRef`), looks for pods in the same namespace that were deployed for
a Gateway API Gateway (label `gateway.networking.k8s.io/gateway-name`) and carry every
selector label.

### Why is this bad?
Istio attaches policies to Gateway API gateways through `targetRef`; a label selector on
their pods does not take effect there.

### Example
```yaml
kind: AuthorizationPolicy
metadata: {name: ap, namespace: default}
spec:
  selector:
    matchLabels: {gateway.networking.k8s.io/gateway-name: bookinfo-gateway}
```

### How to fix
Replace `selector` with
`targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: bookinfo-gateway}`.
",
    requires: &["Pod"],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    let gateway_pods: Vec<_> = snap
        .of_kind("Pod")
        .filter(|p| p.label(GATEWAY_NAME).is_some())
        .collect();
    for (group, kind) in POLICIES {
        for r in snap.of(group, kind) {
            let spec = r.spec();
            if spec.get("targetRef").is_some_and(|t| !t.is_null()) {
                continue;
            }
            let Some(sel) = spec.get("selector").filter(|s| !s.is_null()) else {
                continue;
            };
            let empty = serde_json::Map::new();
            let labels = sel
                .get("matchLabels")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            for pod in gateway_pods.iter().filter(|p| p.namespace == r.namespace) {
                if selector_matches(labels, pod.labels()) {
                    let gw = pod.label(GATEWAY_NAME).unwrap_or_default();
                    sink.report(r, Some(".spec.selector"), &[Arg::from(gw)]);
                }
            }
        }
    }
}
