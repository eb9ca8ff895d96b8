//! IST0002: deprecated Istio fields and removed resource types.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::str_of;

pub static RULE: Rule = Rule {
    code: "IST0002",
    name: "deprecated-field",
    analyzer: "deprecation.DeprecationAnalyzer",
    summary: "A resource uses a deprecated or ignored Istio field, or a removed Istio resource type",
    docs: "### What it does
Flags VirtualService `http[].fault.delay.percent` (replaced by `percentage`), Sidecar
`outboundTrafficPolicy.egressProxy` (ignored), and CustomResourceDefinitions of the removed
`rbac.istio.io` kinds (ClusterRbacConfig, RbacConfig, ServiceRole, ServiceRoleBinding).

### Why is this bad?
Deprecated fields stop working in a later release; ignored ones never did anything.

### Example
```yaml
kind: VirtualService
spec:
  http:
  - fault: {delay: {percent: 50, fixedDelay: 5s}}
```

### How to fix
Use `percentage: {value: 50}`; drop `egressProxy`; migrate RBAC to AuthorizationPolicy.
",
    requires: &[],
    check,
};

const REMOVED_KINDS: &[&str] = &[
    "ClusterRbacConfig",
    "RbacConfig",
    "ServiceRole",
    "ServiceRoleBinding",
];

fn check(snap: &Snapshot, sink: &mut Sink) {
    for vs in snap.of(ISTIO_NETWORKING, "VirtualService") {
        for _ in 0..vs.virtual_service().delay_percent_routes {
            sink.report(
                vs,
                None,
                &[Arg::from(
                    "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage",
                )],
            );
        }
    }
    for sc in snap.of(ISTIO_NETWORKING, "Sidecar") {
        if sc
            .spec()
            .at("/outboundTrafficPolicy/egressProxy")
            .is_some_and(|v| !v.is_null())
        {
            sink.report(
                sc,
                None,
                &[Arg::from("OutboundTrafficPolicy.EgressProxy ignored")],
            );
        }
    }
    for crd in snap.of_kind("CustomResourceDefinition") {
        let group = str_of(crd.spec(), "group");
        let kind = crd
            .spec()
            .at("/names/kind")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if group == "rbac.istio.io" && REMOVED_KINDS.contains(&kind) {
            sink.report(
                crd,
                None,
                &[Arg::from(format!(
                    "Custom resource type {group} {kind} is removed"
                ))],
            );
        }
    }
}
