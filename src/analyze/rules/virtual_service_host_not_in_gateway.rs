//! IST0132: none of a VirtualService's hosts is served by a Gateway it is bound to.

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{MESH_GATEWAY, short_or_full_name};
use super::common::virtual_services;
use super::gateway_refs::{is_internal_gateway, vs_host_in_gateway};

pub static RULE: Rule = Rule {
    code: "IST0132",
    name: "virtual-service-host-not-in-gateway",
    analyzer: "virtualservice.GatewayAnalyzer",
    summary: "No host of a VirtualService matches a host of a Gateway it is bound to",
    docs: "### What it does
For each Gateway named in a VirtualService's `gateways`, checks that at least one of the
VirtualService's `hosts` matches one of the Gateway servers' `hosts` (wildcards and the
`./host`, `*/host`, `ns/host` forms as Istio applies them). A missing Gateway also
triggers this rule.

### Why is this bad?
The gateway only builds virtual hosts for its own host names; a VirtualService whose hosts
it does not serve is silently ignored there, so requests get 404.

### Example
```yaml
kind: Gateway
spec:
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [\"shop.example.com\"]}]
---
kind: VirtualService
spec:
  hosts: [\"api.example.com\"]
  gateways: [shop-gateway]
```

### How to fix
Add the host to the Gateway's server, or use a host the Gateway serves.
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    for vs in virtual_services(snap) {
        let view = vs.virtual_service();
        let hosts = &view.hosts;
        for (i, gw) in view.gateways.iter().enumerate() {
            if gw == MESH_GATEWAY || is_internal_gateway(gw) {
                continue;
            }
            let (ns, name) = short_or_full_name(&vs.namespace, gw);
            if !vs_host_in_gateway(snap, &ns, &name, hosts, &vs.namespace) {
                let path = format!(".spec.gateways[{i}]");
                sink.report(
                    vs,
                    Some(&path),
                    &[
                        Arg::Strs(hosts.clone()),
                        Arg::from(vs.key()),
                        Arg::from(format!("{ns}/{name}")),
                    ],
                );
            }
        }
    }
}
