//! IST0134: a TCP ServiceEntry without addresses.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0134",
    name: "service-entry-addresses-required",
    analyzer: "serviceentry.Analyzer",
    summary: "A ServiceEntry with TCP (or unset) protocol ports has no addresses",
    docs: "### What it does
Flags each port with an empty or `TCP` protocol of a ServiceEntry that has no `addresses`
(and no addresses allocated in its status), unless the mesh config turns on DNS capture
with address auto-allocation (`ISTIO_META_DNS_CAPTURE` plus `ISTIO_META_DNS_AUTO_ALLOCATE`
or `PILOT_ENABLE_IP_AUTOALLOCATE` in `defaultConfig.proxyMetadata`).

### Why is this bad?
TCP traffic is matched by destination IP and port only. Without an address, every
address-less TCP ServiceEntry on the same port collides on one `0.0.0.0:<port>` listener and
traffic goes to the wrong place.

### Example
```yaml
kind: ServiceEntry
spec:
  hosts: [db.example.com]
  ports: [{number: 5432, name: tcp-db, protocol: TCP}]
  resolution: DNS
```

### How to fix
Add `addresses`, or enable DNS capture and auto-allocation in the mesh config.
",
    requires: &[],
    check,
};

fn meta_true(snap: &Snapshot, key: &str) -> bool {
    snap.mesh
        .at("/defaultConfig/proxyMetadata")
        .and_then(|m| m.get(key))
        .and_then(Value::as_str)
        == Some("true")
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    let auto_allocated = meta_true(snap, "ISTIO_META_DNS_CAPTURE")
        && (meta_true(snap, "ISTIO_META_DNS_AUTO_ALLOCATE")
            || meta_true(snap, "PILOT_ENABLE_IP_AUTOALLOCATE"));
    if auto_allocated {
        return;
    }
    for se in snap.of(ISTIO_NETWORKING, "ServiceEntry") {
        let has_addresses = se.spec().get("addresses").is_some_and(|a| !a.is_null());
        let allocated = !items(se.at("/status/addresses")).is_empty();
        if has_addresses || allocated {
            continue;
        }
        for (i, port) in items(se.spec().get("ports")).iter().enumerate() {
            let proto = str_of(port, "protocol");
            if proto.is_empty() || proto.eq_ignore_ascii_case("TCP") {
                let path = format!(".spec.ports[{i}].name");
                sink.report(se, Some(&path), &[]);
            }
        }
    }
}
