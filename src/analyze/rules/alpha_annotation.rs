//! IST0136: an annotation of an alpha-phase Istio feature (opt-in rule).

use serde_json::Value;

use super::super::annotations;
use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::misused_annotations::{ALWAYS_IGNORED, is_istio_annotation};

/// Annotations istio-cni writes on every pod; ignored on pods without `istio-init`.
const SET_BY_CNI: &[&str] = &[
    "sidecar.istio.io/interceptionMode",
    "traffic.sidecar.istio.io/includeInboundPorts",
    "traffic.sidecar.istio.io/excludeInboundPorts",
    "traffic.sidecar.istio.io/includeOutboundIPRanges",
];

pub static RULE: Rule = Rule {
    code: "IST0136",
    name: "alpha-annotation",
    analyzer: "annotations.AlphaAnalyzer",
    summary: "An annotation belongs to an alpha-phase Istio feature",
    docs: "### What it does
Reports Istio annotations whose feature status is Alpha on Namespaces, Services, Pods and
Deployments. On pods without an `istio-init` container (istio-cni), the annotations the
CNI plugin sets itself are skipped. Like istioctl, this check does not run by default: name
it with `--analyzer annotations.AlphaAnalyzer`.

### Why is this bad?
Alpha features may change or disappear between minor releases and are not covered by
Istio's compatibility guarantees.

### Example
```yaml
metadata:
  annotations:
    sidecar.istio.io/statsInclusionPrefixes: cluster.outbound
```

### How to fix
Prefer a stable API for the same effect (ProxyConfig, Telemetry, mesh config), or accept
the risk and suppress the finding.
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    for kind in ["Namespace", "Service", "Pod", "Deployment"] {
        for res in snap.of_kind(kind) {
            let cni = kind == "Pod"
                && !res
                    .at("/spec/initContainers")
                    .and_then(Value::as_array)
                    .is_some_and(|cs| {
                        cs.iter()
                            .any(|c| c.get("name").and_then(Value::as_str) == Some("istio-init"))
                    });
            for name in res.annotations().into_iter().flat_map(|a| a.keys()) {
                if !is_istio_annotation(name) || ALWAYS_IGNORED.contains(&name.as_str()) {
                    continue;
                }
                if cni && SET_BY_CNI.contains(&name.as_str()) {
                    continue;
                }
                if annotations::lookup(name).is_some_and(|a| a.alpha) {
                    let path = format!(".metadata.annotations.{name}");
                    sink.report(res, Some(&path), &[Arg::from(name)]);
                }
            }
        }
    }
}
