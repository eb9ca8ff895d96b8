//! IST0101: a VirtualService is bound to a Gateway that does not exist.

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{MESH_GATEWAY, short_or_full_name};
use super::common::virtual_services;
use super::gateway_refs::is_internal_gateway;

pub static RULE: Rule = Rule {
    code: "IST0101",
    name: "virtual-service-gateway-not-found",
    analyzer: "virtualservice.GatewayAnalyzer",
    summary: "A VirtualService names a Gateway that does not exist",
    docs: "### What it does
Checks each entry of a VirtualService's `gateways` (other than `mesh`): an Istio Gateway
with that name must exist, in the VirtualService's namespace for a bare name or in the
namespace given as `ns/name`.

### Why is this bad?
Routes bound to a missing gateway are never programmed on any ingress: the host returns
404 at the edge.

### Example
```yaml
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  gateways: [ingress-gw]      # no Gateway shop/ingress-gw exists
```

### How to fix
Create the Gateway, fix the name, or qualify it with its namespace (`istio-system/ingress-gw`).
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    for vs in virtual_services(snap) {
        for (i, gw) in vs.virtual_service().gateways.iter().enumerate() {
            if gw == MESH_GATEWAY || is_internal_gateway(gw) {
                continue;
            }
            let (ns, name) = short_or_full_name(&vs.namespace, gw);
            if snap.get(ISTIO_NETWORKING, "Gateway", &ns, &name).is_none() {
                let path = format!(".spec.gateways[{i}]");
                sink.report(vs, Some(&path), &[Arg::from("gateway"), Arg::from(gw)]);
            }
        }
    }
}
