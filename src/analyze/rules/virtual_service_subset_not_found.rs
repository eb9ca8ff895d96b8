//! IST0101: a VirtualService routes (or mirrors) to a subset no DestinationRule defines.

use std::collections::HashSet;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{items, split_fqdn, str_of};
use super::common::{Destination, mirror_destinations, route_destinations, virtual_services};

pub static RULE: Rule = Rule {
    code: "IST0101",
    name: "virtual-service-subset-not-found",
    analyzer: "virtualservice.DestinationRuleAnalyzer",
    summary: "A VirtualService destination names a subset that no DestinationRule for that host defines",
    docs: "### What it does
Checks every `route[].destination` and `mirror`/`mirrors[]` of each VirtualService that
names a `subset`: a DestinationRule for the same host (short names resolved in the
VirtualService's and the DestinationRule's own namespaces) must define a subset of that name.

### Why is this bad?
Envoy has no cluster for an undefined subset: requests fail with 503 (`NR`/`UH`), the
classic \"it worked before I added canary routing\" outage.

### Example
```yaml
kind: VirtualService
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v3}   # the DestinationRule defines v1 and v2
```

### How to fix
Add the subset to the DestinationRule for the host, or route to a subset that exists.
",
    requires: &[],
    check,
};

/// `(namespace, name)` of a host, as [`resource_name_from_host`](super::super::util::resource_name_from_host).
fn name_of<'a>(default_ns: &'a str, host: &'a str) -> (&'a str, &'a str) {
    split_fqdn(host).unwrap_or((default_ns, host))
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    let mut defined: HashSet<(&str, &str, &str), foldhash::fast::RandomState> = HashSet::default();
    for dr in snap.of(ISTIO_NETWORKING, "DestinationRule") {
        let (ns, name) = name_of(&dr.namespace, str_of(dr.spec(), "host"));
        for ss in items(dr.spec().get("subsets")) {
            defined.insert((ns, name, str_of(ss, "name")));
        }
    }
    for vs in virtual_services(snap) {
        let missing = |d: &Destination| {
            if d.subset.is_empty() {
                return false;
            }
            let (ns, name) = name_of(&vs.namespace, &d.host);
            !defined.contains(&(ns, name, &*d.subset))
        };
        for d in route_destinations(vs) {
            if missing(d) {
                let val = format!("{}+{}", d.host, d.subset);
                sink.report(
                    vs,
                    Some(&d.path()),
                    &[Arg::from("host+subset in destinationrule"), Arg::from(val)],
                );
            }
        }
        for d in mirror_destinations(vs) {
            if missing(d) {
                let val = format!("{}+{}", d.host, d.subset);
                sink.report(
                    vs,
                    Some(&d.path()),
                    &[
                        Arg::from("mirror+subset in destinationrule"),
                        Arg::from(val),
                    ],
                );
            }
        }
    }
}
