//! IST0101 / IST0112 / IST0140: VirtualService destinations against the
//! Services and ServiceEntries that exist.

use std::collections::HashMap;

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{host_to_fqdn, items, str_of, strings};
use super::common::{Destination, mirror_destinations, route_destinations, virtual_services};

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

/// A resolvable destination: the ports it exposes and, for ServiceEntries,
/// the workload selector labels.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub ports: Vec<i64>,
    pub selector: serde_json::Map<String, Value>,
}

/// Scoped FQDN (`scope/fqdn`) → target.
pub type Hosts = HashMap<String, Target, foldhash::fast::RandomState>;

fn scoped(scope: &str, ns: &str, host: &str) -> String {
    format!("{scope}/{}", host_to_fqdn(ns, host))
}

/// Services and ServiceEntries by scoped FQDN, as Istio's analyzers index them.
pub fn host_map(snap: &Snapshot) -> Hosts {
    let mut out = Hosts::with_capacity_and_hasher(
        snap.of_kind("ServiceEntry").count() + snap.of_kind("Service").count(),
        foldhash::fast::RandomState::default(),
    );
    for se in snap.of(ISTIO_NETWORKING, "ServiceEntry") {
        let ports: Vec<i64> = items(se.spec().get("ports"))
            .iter()
            .filter_map(|p| p.get("number").and_then(Value::as_i64))
            .collect();
        let target = Target {
            ports,
            selector: se
                .spec()
                .pointer("/workloadSelector/labels")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        };
        let export_to = strings(se.spec().get("exportTo"));
        for h in strings(se.spec().get("hosts")) {
            if export_to.is_empty() || export_to.iter().any(|e| e == "*") {
                out.insert(scoped("*", &se.namespace, &h), target.clone());
                continue;
            }
            for e in &export_to {
                let scope = if e == "." {
                    se.namespace.as_str()
                } else {
                    e.as_str()
                };
                out.insert(scoped(scope, &se.namespace, &h), target.clone());
            }
        }
    }
    for svc in snap.of("", "Service") {
        let ports: Vec<i64> = items(svc.spec().get("ports"))
            .iter()
            .filter_map(|p| p.get("port").and_then(Value::as_i64))
            .collect();
        let scopes: Vec<String> = match svc.annotation("networking.istio.io/exportTo") {
            None | Some("") => vec!["*".to_string()],
            Some(a) => a
                .split(',')
                .map(str::trim)
                .map(|s| {
                    if s == "." {
                        svc.namespace.clone()
                    } else {
                        s.to_string()
                    }
                })
                .collect(),
        };
        for scope in scopes {
            let target = Target {
                ports: ports.clone(),
                selector: serde_json::Map::new(),
            };
            out.insert(scoped(&scope, &svc.namespace, &svc.name), target);
        }
    }
    out
}

/// Istio's `GetDestinationHost`: exact scoped matches, then wildcard hosts.
pub fn lookup<'a>(
    hosts: &'a Hosts,
    source_ns: &str,
    export_to: &[String],
    host: &str,
) -> Option<&'a Target> {
    if let Some(p) = hosts.get(&scoped("*", source_ns, host)) {
        return Some(p);
    }
    if export_to.is_empty() {
        if let Some(p) = hosts.get(&scoped(source_ns, source_ns, host)) {
            return Some(p);
        }
    } else {
        for e in export_to {
            let e = if e == "." { source_ns } else { e.as_str() };
            if let Some(p) = hosts.get(&scoped(e, source_ns, host)) {
                return Some(p);
            }
        }
    }
    let bare = host.strip_prefix('*').unwrap_or(host);
    let mut wildcard: Vec<(&String, &Target)> = hosts
        .iter()
        .filter(|(k, _)| {
            let (scope, h) = k.split_once('/').unwrap_or_default();
            h.starts_with('*') && (scope == "*" || scope == source_ns) && bare.ends_with(&h[1..])
        })
        .collect();
    wildcard.sort_by(|a, b| a.0.cmp(b.0));
    wildcard.first().map(|(_, p)| *p)
}

fn each_destination(
    snap: &Snapshot,
    mut f: impl FnMut(&super::super::snapshot::Resource, &Destination<'_>, bool, Option<&Target>),
) {
    let hosts = host_map(snap);
    for vs in virtual_services(snap) {
        let export_to = strings(vs.spec().get("exportTo"));
        for d in route_destinations(vs) {
            f(
                vs,
                &d,
                false,
                lookup(&hosts, &vs.namespace, &export_to, d.host),
            );
        }
        for d in mirror_destinations(vs) {
            f(
                vs,
                &d,
                true,
                lookup(&hosts, &vs.namespace, &export_to, d.host),
            );
        }
    }
}

fn check_hosts(snap: &Snapshot, sink: &mut Sink) {
    each_destination(snap, |vs, d, mirror, found| match found {
        None => {
            let what = if mirror { "mirror host" } else { "host" };
            sink.report(vs, Some(&d.path), &[Arg::from(what), Arg::from(d.host)]);
        }
        Some(target) => {
            if let Some(port) = d.port.filter(|p| !target.ports.contains(p)) {
                sink.report(
                    vs,
                    Some(&d.path),
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
                Some(&d.path),
                &[Arg::from(d.host), Arg::Ints(target.ports.clone())],
            );
        }
    });
}

fn check_ingress_subsets(snap: &Snapshot, sink: &mut Sink) {
    // VirtualService key → hosts it routes to by subset (only its own hosts).
    let mut subset_routes: Vec<(String, Vec<String>)> = Vec::new();
    for vs in virtual_services(snap) {
        let own = strings(vs.spec().get("hosts"));
        let mut dests = Vec::new();
        for rule in items(vs.spec().get("http")) {
            for rd in items(rule.get("route")) {
                let Some(d) = rd.get("destination") else {
                    continue;
                };
                let host = str_of(d, "host");
                if !str_of(d, "subset").is_empty() && own.iter().any(|h| h == host) {
                    dests.push(host.to_string());
                }
            }
        }
        if !dests.is_empty() {
            subset_routes.push((vs.key(), dests));
        }
    }
    // Host → the VirtualServices routing to it by subset, in order (once per
    // such route).
    let mut by_host: HashMap<&str, Vec<&str>> = HashMap::new();
    for (other, dests) in &subset_routes {
        for dh in dests {
            by_host.entry(dh.as_str()).or_default().push(other.as_str());
        }
    }
    for vs in virtual_services(snap) {
        if strings(vs.spec().get("gateways")).is_empty() {
            continue;
        }
        for (i, rule) in items(vs.spec().get("http")).iter().enumerate() {
            for (j, rd) in items(rule.get("route")).iter().enumerate() {
                let Some(d) = rd.get("destination") else {
                    continue;
                };
                if !str_of(d, "subset").is_empty() {
                    continue;
                }
                let host = str_of(d, "host");
                for other in by_host.get(host).into_iter().flatten() {
                    // istioctl builds this path from the route's name, not `http`.
                    let path = format!(
                        ".spec.{}[{i}].route[{j}].destination.host",
                        str_of(rule, "name")
                    );
                    sink.report(vs, Some(&path), &[Arg::from(*other), Arg::from(vs.key())]);
                }
            }
        }
    }
}
