//! IST0145: two Gateways on the same workload claim the same port and host.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{items, labels_string, selector_matches, str_of, strings};
use super::gateway_refs::{gateway_selector, selector_path};

pub static RULE: Rule = Rule {
    code: "IST0145",
    name: "gateway-conflicting-servers",
    analyzer: "gateway.ConflictingGatewayAnalyzer",
    summary: "Gateways for the same workload define the same port and host",
    docs: "### What it does
Groups Istio Gateways by workload selector and server port. Two Gateways conflict when
their selectors are equal, or one contains the other and some pod carries both, and a
server of one repeats a host (with the same `bind`) of the other on the same port. Each
Gateway involved is reported. A Gateway whose selector is set but that has no servers is
reported as a missing selector reference (IST0101), as istioctl does.

### Why is this bad?
The proxy gets two filter chains or virtual hosts for the same port and host; one Gateway
wins and the routes bound to the other silently never see traffic.

### Example
```yaml
kind: Gateway
metadata: {name: alpha}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: [foo.bar]}
---
kind: Gateway
metadata: {name: beta}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 80, name: tcp, protocol: TCP}, hosts: [foo.bar]}
```

### How to fix
Merge the servers into one Gateway, or give them different hosts, ports or `bind`
addresses.
",
    requires: &[],
    check,
};

/// host → bind of one Gateway's (last) server on a port.
type HostsBind = BTreeMap<String, String>;

/// Gateway name → its hosts, for one (selector, port) group.
type Group = BTreeMap<String, HostsBind>;
/// A gateway's full name and a server's bind address.
type NameBind<'a> = (&'a str, &'a str);

fn full_name(r: &Resource) -> String {
    if r.namespace.is_empty() {
        r.name.clone()
    } else {
        r.key()
    }
}

fn port_of(server: &Value) -> String {
    server
        .at("/port/number")
        .and_then(Value::as_i64)
        .unwrap_or(0)
        .to_string()
}

/// `a=1,b=2` back into a label map (pairs that do not split in two are dropped).
fn parse_selector(s: &str) -> Map<String, Value> {
    s.split(',')
        .filter_map(|p| {
            let kv: Vec<&str> = p.split('=').collect();
            (kv.len() == 2).then(|| (kv[0].to_string(), Value::from(kv[1])))
        })
        .collect()
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    let gateways: Vec<&Resource> = snap.of(ISTIO_NETWORKING, "Gateway").collect();
    // (selector string, port) → gateway name → hosts.
    let mut by_key: BTreeMap<(String, String), Group> = BTreeMap::new();
    for gw in &gateways {
        let sel = labels_string(&gateway_selector(gw));
        for server in items(gw.spec().get("servers")) {
            let bind = str_of(server, "bind").to_string();
            let hosts = strings(server.get("hosts"))
                .into_iter()
                .map(|h| (h, bind.clone()))
                .collect();
            by_key
                .entry((sel.clone(), port_of(server)))
                .or_default()
                .insert(full_name(gw), hosts);
        }
    }
    // (selector string, port, host) → the gateways serving that host, with
    // the bind address: finding a server's conflicts is then one lookup per
    // host, not a scan of every gateway on the port.
    let mut by_host: HashMap<(&str, &str, &str), Vec<NameBind>> = HashMap::new();
    for ((sel, port), group) in &by_key {
        for (name, hosts) in group {
            for (host, bind) in hosts {
                by_host
                    .entry((sel.as_str(), port.as_str(), host.as_str()))
                    .or_default()
                    .push((name.as_str(), bind.as_str()));
            }
        }
    }
    for gw in &gateways {
        let sel_map = gateway_selector(gw);
        let sel = labels_string(&sel_map);
        let hits: Vec<(&(String, String), &Group)> = by_key
            .iter()
            .filter(|((other, _), _)| {
                *other == sel
                    || ((other.contains(&sel) || sel.contains(other.as_str()))
                        && snap.of_kind("Pod").any(|p| {
                            selector_matches(&sel_map, p.labels())
                                && selector_matches(&parse_selector(other), p.labels())
                        }))
            })
            .collect();
        if !sel.is_empty() && hits.is_empty() {
            let path = selector_path(&sel_map);
            sink.report(gw, Some(&path), &[Arg::from("selector"), Arg::from(&sel)]);
            continue;
        }
        let me = full_name(gw);
        for server in items(gw.spec().get("servers")) {
            let port = port_of(server);
            let bind = str_of(server, "bind");
            let hosts = strings(server.get("hosts"));
            let conflicts: BTreeSet<&str> = hits
                .iter()
                .filter(|((_, p), _)| *p == port)
                .flat_map(|((other, p), _)| {
                    hosts
                        .iter()
                        .filter_map(|h| by_host.get(&(other.as_str(), p.as_str(), h.as_str())))
                        .flatten()
                })
                .filter(|(name, b)| *name != me && *b == bind)
                .map(|(name, _)| *name)
                .collect();
            if conflicts.is_empty() {
                continue;
            }
            let conflicts: Vec<&str> = conflicts.into_iter().collect();
            sink.report(
                gw,
                None,
                &[
                    Arg::from(conflicts.join(",")),
                    Arg::from(&sel),
                    Arg::from(port),
                    Arg::from(hosts.join(",")),
                ],
            );
        }
    }
}
