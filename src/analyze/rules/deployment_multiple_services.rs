//! IST0116 / IST0137: an in-mesh Deployment selected by several Services that
//! disagree on a port's protocol or on which port reaches a target port.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::injection::{NamespaceInjection, namespace_injection};
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, selector_matches, str_of, value_str};

pub static PROTOCOLS: Rule = Rule {
    code: "IST0116",
    name: "deployment-services-port-protocol-conflict",
    analyzer: "deployment.MultiServiceAnalyzer",
    summary: "Services selecting the same in-mesh Deployment use one port number with different protocols",
    docs: "### What it does
For each in-mesh Deployment (sidecar container, `sidecar.istio.io/inject=true`, or an
injected namespace), collects the Services in its namespace whose selector matches the pod
template labels and flags a port number declared with different protocols (TCP/UDP/SCTP).

### Why is this bad?
The sidecar builds one listener per port; with conflicting protocols one Service's traffic
is handled with the wrong protocol.

### Example
Services `web-tcp` (port 53, TCP) and `web-udp` (port 53, UDP) both selecting `app: web`.

### How to fix
Use distinct port numbers, or one Service per protocol on different workloads.
",
    requires: &["Service"],
    check: check_protocols,
};

pub static TARGET_PORTS: Rule = Rule {
    code: "IST0137",
    name: "deployment-services-target-port-conflict",
    analyzer: "deployment.MultiServiceAnalyzer",
    summary: "Services selecting the same in-mesh Deployment reach one targetPort through different ports",
    docs: "### What it does
For each in-mesh Deployment, flags a `targetPort` that the Services selecting it reach from
more than one service port.

### Why is this bad?
Inbound traffic is configured per target port; different service ports for the same
target port lead to conflicting inbound listeners and protocol detection.

### Example
Service `a` maps 80→8080 and Service `b` maps 9090→8080 for the same pods.

### How to fix
Use the same service port for a target port across Services, or merge the Services.
",
    requires: &["Service"],
    check: check_target_ports,
};

fn in_mesh(snap: &Snapshot, d: &Resource) -> bool {
    let template = d.spec().get("template").unwrap_or(&Value::Null);
    let has_proxy = items(template.at("/spec/containers"))
        .iter()
        .any(|c| str_of(c, "name") == "istio-proxy" && !str_of(c, "image").is_empty());
    if has_proxy {
        return true;
    }
    for key in [
        "/metadata/labels/sidecar.istio.io~1inject",
        "/metadata/annotations/sidecar.istio.io~1inject",
    ] {
        if let Some(v) = template.at(key) {
            return value_str(v) == "true";
        }
    }
    snap.get("", "Namespace", "", &d.namespace)
        .is_some_and(|ns| {
            matches!(
                namespace_injection(ns.labels()),
                NamespaceInjection::Enabled | NamespaceInjection::Revision(_)
            )
        })
}

fn candidates(snap: &Snapshot) -> impl Iterator<Item = &Resource> {
    snap.of("apps", "Deployment").filter(move |d| {
        d.label("gateway.istio.io/managed") != Some("istio.io-mesh-controller") && in_mesh(snap, d)
    })
}

fn matching_services<'a>(snap: &'a Snapshot, d: &Resource) -> Vec<&'a Resource> {
    let labels = d
        .spec()
        .at("/template/metadata/labels")
        .and_then(Value::as_object);
    snap.of("", "Service")
        .filter(|s| s.namespace == d.namespace)
        .filter(|s| {
            let sel: Map<String, Value> = s
                .spec()
                .get("selector")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            !sel.is_empty() && selector_matches(&sel, labels)
        })
        .collect()
}

fn check_protocols(snap: &Snapshot, sink: &mut Sink) {
    for d in candidates(snap) {
        // port → protocol → services
        let mut ports: BTreeMap<i64, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for svc in matching_services(snap, d) {
            for p in items(svc.spec().get("ports")) {
                let number = p.get("port").and_then(Value::as_i64).unwrap_or(0);
                let proto = match str_of(p, "protocol") {
                    "" => "TCP",
                    other => other,
                };
                ports
                    .entry(number)
                    .or_default()
                    .entry(proto.to_string())
                    .or_default()
                    .push(svc.key());
            }
        }
        for (port, protocols) in ports {
            if protocols.len() > 1 {
                let mut names: Vec<String> = protocols.into_values().flatten().collect();
                names.sort();
                sink.report(
                    d,
                    Some(".metadata.name"),
                    &[Arg::from(&d.name), Arg::Int(port), Arg::Strs(names)],
                );
            }
        }
    }
}

fn check_target_ports(snap: &Snapshot, sink: &mut Sink) {
    for d in candidates(snap) {
        // targetPort → service port → service
        let mut targets: BTreeMap<String, BTreeMap<i64, String>> = BTreeMap::new();
        for svc in matching_services(snap, d) {
            for p in items(svc.spec().get("ports")) {
                let number = p.get("port").and_then(Value::as_i64).unwrap_or(0);
                let target = p
                    .get("targetPort")
                    .map(value_str)
                    .filter(|t| !t.is_empty() && t != "0");
                let target = target.unwrap_or_else(|| number.to_string());
                targets.entry(target).or_default().insert(number, svc.key());
            }
        }
        for (target, by_port) in targets {
            if by_port.len() > 1 {
                let mut names: Vec<String> = by_port.values().cloned().collect();
                names.sort();
                let ports: Vec<i64> = by_port.keys().copied().collect();
                sink.report(
                    d,
                    Some(".metadata.name"),
                    &[
                        Arg::from(&d.name),
                        Arg::Strs(names),
                        Arg::from(target),
                        Arg::Ints(ports),
                    ],
                );
            }
        }
    }
}
