//! IST0177: ServiceEntries disagree on the protocol of the same host and port.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{items, str_of, strings};
use super::common::{export_scopes, with_exported_to_all};

pub static RULE: Rule = Rule {
    code: "IST0177",
    name: "conflicting-service-entry-protocol",
    analyzer: "serviceentry.ConflictingServiceEntryProtocolAnalyzer",
    summary: "ServiceEntries define the same host and port with different protocols",
    docs: "### What it does
Indexes ServiceEntry ports by (exportTo scope, host, port number); when the entries for
one key (plus those exported to all namespaces) name more than one protocol
(case-insensitive), each ServiceEntry involved is flagged once.

### Why is this bad?
Only one protocol can win for a host and port; the listener is built for whichever entry
istiod sees first, and the other clients break.

### Example
```yaml
kind: ServiceEntry
metadata: {name: a}
spec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: HTTPS}]}
---
kind: ServiceEntry
metadata: {name: b}
spec: {hosts: [api.example.com], ports: [{number: 443, name: tls, protocol: TLS}]}
```

### How to fix
Use one protocol per host and port, or merge the entries.
",
    requires: &[],
    check,
};

/// Scope, then host and port.
type Key = (String, (String, i64));

fn check(snap: &Snapshot, sink: &mut Sink) {
    // scope/(host, port) → (protocol, ServiceEntry), in input order.
    let mut index: BTreeMap<Key, Vec<(String, &Resource)>> = BTreeMap::new();
    for se in snap.of(ISTIO_NETWORKING, "ServiceEntry") {
        for scope in export_scopes(se) {
            for h in strings(se.spec().get("hosts")) {
                for p in items(se.spec().get("ports")) {
                    let number = p.get("number").and_then(Value::as_i64).unwrap_or(0);
                    index
                        .entry((scope.clone(), (h.clone(), number)))
                        .or_default()
                        .push((str_of(p, "protocol").to_ascii_uppercase(), se));
                }
            }
        }
    }
    let mut reported: HashSet<String> = HashSet::new();
    for (_, (host, port), entries) in with_exported_to_all(&index, PartialEq::eq) {
        let protocols: BTreeSet<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
        if protocols.len() < 2 {
            continue;
        }
        let names: BTreeSet<String> = entries.iter().map(|(_, r)| r.key()).collect();
        let names = names.into_iter().collect::<Vec<_>>().join(", ");
        let protocols = protocols.into_iter().collect::<Vec<_>>().join(", ");
        for (_, se) in &entries {
            if reported.insert(se.key()) {
                sink.report(
                    se,
                    Some(".metadata.name"),
                    &[
                        Arg::from(names.as_str()),
                        Arg::from(host),
                        Arg::Int(*port),
                        Arg::from(protocols.as_str()),
                    ],
                );
            }
        }
    }
}
