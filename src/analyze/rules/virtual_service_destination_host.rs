//! IST0101 / IST0112 / IST0140: VirtualService destinations against the
//! Services and ServiceEntries that exist.

use std::collections::HashMap;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, str_of};
use super::super::view::{Destination, Site, Target};
use super::common::virtual_services;

pub static HOST_NOT_FOUND: Rule = Rule {
    code: "IST0101",
    name: "virtual-service-host-not-found",
    analyzer: "virtualservice.DestinationHostAnalyzer",
    summary: "A VirtualService destination host (or host:port) is neither a Service nor a ServiceEntry host",
    docs: "### What it does
Resolves every route and mirror destination host of each VirtualService against the
Services (`<name>.<ns>.svc.cluster.local`, honouring `networking.istio.io/exportTo`) and
ServiceEntry hosts (exportTo-aware, wildcards included) visible from the VirtualService's
namespace; with a `port`, the port must be one the target exposes. mast runs this rule only
when the input contains Services (istioctl skips it offline).

### Why is this bad?
Traffic to an unknown host has no cluster: requests fail with 503 `NR`/`NC`. A typo in a
host is the usual cause.

### Example
```yaml
spec:
  http:
  - route:
    - destination: {host: reviws}   # typo
```

### How to fix
Fix the host, create the Service, or add a ServiceEntry for external hosts.
",
    requires: &["Service"],
    check: check_hosts,
};

pub static PORT_REQUIRED: Rule = Rule {
    code: "IST0112",
    name: "virtual-service-destination-port-required",
    analyzer: "virtualservice.DestinationHostAnalyzer",
    summary: "A VirtualService destination without a port targets a service exposing several ports",
    docs: "### What it does
Flags destinations without `port` whose Service or ServiceEntry exposes more than one port.

### Why is this bad?
The route applies to every port of the service, which is rarely intended and makes
per-port routing ambiguous.

### Example
```yaml
- destination: {host: api}   # api exposes 80 and 9090
```

### How to fix
Add `port: {number: 80}` to the destination.
",
    requires: &["Service"],
    check: check_ports,
};

pub static INGRESS_SUBSET: Rule = Rule {
    code: "IST0140",
    name: "ingress-route-ignores-subsets",
    analyzer: "virtualservice.DestinationHostAnalyzer",
    summary: "A gateway VirtualService routes without subset to a host another VirtualService splits by subset",
    docs: "### What it does
For VirtualServices bound to gateways, flags HTTP route destinations without `subset`
whose host is routed by subset in another (mesh) VirtualService.

### Why is this bad?
Subset routing in the mesh VirtualService does not apply to requests entering through the
gateway: gateway traffic is spread over all versions.

### Example
A gateway VirtualService routing to `reviews`, and a mesh VirtualService for `reviews`
splitting between subsets `v1` and `v2`.

### How to fix
Route to the subsets in the gateway VirtualService too, or delegate to the mesh one.
",
    requires: &[],
    check: check_ingress_subsets,
};

/// Every route and mirror destination of every VirtualService (`true` for
/// mirrors), with what its host resolves to from the VirtualService.
fn each_destination(
    snap: &Snapshot,
    mut f: impl FnMut(&Resource, &Destination, bool, Option<&Target>),
) {
    let hosts = snap.hosts();
    for vs in virtual_services(snap) {
        let view = vs.virtual_service();
        for d in &view.routes {
            f(
                vs,
                d,
                false,
                hosts.lookup(&vs.namespace, &view.export_to, &d.host),
            );
        }
        for d in &view.mirrors {
            f(
                vs,
                d,
                true,
                hosts.lookup(&vs.namespace, &view.export_to, &d.host),
            );
        }
    }
}

fn check_hosts(snap: &Snapshot, sink: &mut Sink) {
    each_destination(snap, |vs, d, mirror, found| match found {
        None => {
            let what = if mirror { "mirror host" } else { "host" };
            sink.report(vs, Some(&d.path()), &[Arg::from(what), Arg::from(&*d.host)]);
        }
        Some(target) => {
            if let Some(port) = d.port.filter(|p| !target.ports.contains(p)) {
                sink.report(
                    vs,
                    Some(&d.path()),
                    &[
                        Arg::from("host:port"),
                        Arg::from(format!("{}:{port}", d.host)),
                    ],
                );
            }
        }
    });
}

fn check_ports(snap: &Snapshot, sink: &mut Sink) {
    each_destination(snap, |vs, d, _, found| {
        if let Some(target) = found.filter(|t| d.port.is_none() && t.ports.len() > 1) {
            sink.report(
                vs,
                Some(&d.path()),
                &[Arg::from(&*d.host), Arg::Ints(target.ports.clone())],
            );
        }
    });
}

/// The HTTP route destinations a VirtualService spells out.
fn http_routes(vs: &Resource) -> impl Iterator<Item = &Destination> {
    vs.virtual_service()
        .routes
        .iter()
        .filter(|d| d.is_http_route() && d.present)
}

fn check_ingress_subsets(snap: &Snapshot, sink: &mut Sink) {
    // VirtualService key → hosts it routes to by subset (only its own hosts).
    let mut subset_routes: Vec<(String, Vec<&str>)> = Vec::new();
    for vs in virtual_services(snap) {
        let own = &vs.virtual_service().hosts;
        let dests: Vec<&str> = http_routes(vs)
            .filter(|d| !d.subset.is_empty() && own.iter().any(|h| *h == *d.host))
            .map(|d| &*d.host)
            .collect();
        if !dests.is_empty() {
            subset_routes.push((vs.key(), dests));
        }
    }
    // Host → the VirtualServices routing to it by subset, in order (once per
    // such route).
    let mut by_host: HashMap<&str, Vec<&str>, foldhash::fast::RandomState> = HashMap::default();
    for (other, dests) in &subset_routes {
        for dh in dests {
            by_host.entry(dh).or_default().push(other.as_str());
        }
    }
    for vs in virtual_services(snap) {
        if vs.virtual_service().gateways.is_empty() {
            continue;
        }
        for d in http_routes(vs).filter(|d| d.subset.is_empty()) {
            let Site::Route { rule, route, .. } = d.site else {
                continue;
            };
            for other in by_host.get(&*d.host).into_iter().flatten() {
                // istioctl builds this path from the route's name, not `http`.
                let name = items(vs.spec().get("http"))
                    .get(rule)
                    .map_or("", |r| str_of(r, "name"));
                let path = format!(".spec.{name}[{rule}].route[{route}].destination.host");
                sink.report(vs, Some(&path), &[Arg::from(*other), Arg::from(vs.key())]);
            }
        }
    }
}
