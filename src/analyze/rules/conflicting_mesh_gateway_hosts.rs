//! IST0109: several mesh VirtualServices declare the same host.

use std::collections::{BTreeMap, HashSet};

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{MESH_GATEWAY, host_matches, host_to_fqdn, strings};
use super::common::{export_scopes, virtual_services, with_exported_to_all};

pub static RULE: Rule = Rule {
    code: "IST0109",
    name: "conflicting-mesh-gateway-hosts",
    analyzer: "virtualservice.ConflictingMeshGatewayHostsAnalyzer",
    summary: "Several VirtualServices bound to the mesh gateway define the same host",
    docs: "### What it does
Groups VirtualServices that apply to sidecars (no `gateways`, or `mesh` among them) by
host (as an FQDN) within their `exportTo` scope, and flags every VirtualService of a group
with more than one member. Hosts exported to all namespaces also conflict with matching
hosts of narrower scopes.

### Why is this bad?
Sidecars merge VirtualServices for a host in an undefined order; which routes win can
change from one push to the next.

### Example
```yaml
kind: VirtualService
metadata: {name: reviews-a}
spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v1}}]}]}
---
kind: VirtualService
metadata: {name: reviews-b}
spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v2}}]}]}
```

### How to fix
Merge the VirtualServices into one resource per host, or narrow `exportTo`.
",
    requires: &[],
    check,
};

fn bound_to_mesh(vs: &Resource) -> bool {
    let gws = strings(vs.spec().get("gateways"));
    gws.is_empty() || gws.iter().any(|g| g == MESH_GATEWAY)
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    // scope/fqdn → VirtualServices, in input order.
    let mut groups: BTreeMap<(String, String), Vec<&Resource>> = BTreeMap::new();
    for vs in virtual_services(snap).filter(|vs| bound_to_mesh(vs)) {
        for scope in export_scopes(vs) {
            for h in strings(vs.spec().get("hosts")) {
                groups
                    .entry((scope.clone(), host_to_fqdn(&vs.namespace, &h)))
                    .or_default()
                    .push(vs);
            }
        }
    }
    let mut reported: HashSet<String> = HashSet::new();
    for (scope, fqdn, list) in with_exported_to_all(&groups, |fqdn, h2| host_matches(fqdn, h2)) {
        if list.len() < 2 {
            continue;
        }
        let mut names: Vec<String> = list.iter().map(|r| r.key()).collect();
        names.sort();
        let names = names.join(",");
        for vs in list {
            if reported.insert(vs.key()) {
                sink.report(
                    vs,
                    Some(".metadata.name"),
                    &[
                        Arg::from(names.as_str()),
                        Arg::from(format!("{scope}/{fqdn}")),
                    ],
                );
            }
        }
    }
}
