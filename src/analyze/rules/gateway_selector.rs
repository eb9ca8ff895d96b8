//! IST0101 / IST0162: an Istio Gateway's selector and ports against the
//! gateway workload's pods and Services.

use std::collections::HashSet;

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{items, labels_string, selector_matches};
use super::gateway_refs::{gateway_selector, selector_path};

pub static NO_MATCH: Rule = Rule {
    code: "IST0101",
    name: "gateway-selector-matches-no-pod",
    analyzer: "gateway.IngressGatewayPortAnalyzer",
    summary: "An Istio Gateway's selector matches no gateway pod",
    docs: "### What it does
Checks that each Istio Gateway's `selector` matches the labels of at least one pod, in any
namespace.

### Why is this bad?
No gateway proxy picks the Gateway up: its listeners and routes exist nowhere.

### Example
```yaml
kind: Gateway
spec:
  selector: {istio: ingresstypo}
```

### How to fix
Use the labels of the gateway deployment's pods (`istio: ingressgateway` by default).
",
    requires: &["Pod"],
    check: check_no_match,
};

pub static PORT: Rule = Rule {
    code: "IST0162",
    name: "gateway-port-not-on-service",
    analyzer: "gateway.IngressGatewayPortAnalyzer",
    summary: "An Istio Gateway listens on a port that the gateway workload's Service does not expose",
    docs: "### What it does
For each Gateway server port, checks that a Service (in the gateway pod's namespace, selecting
the gateway pods) has a TCP port whose `targetPort` (or `port`) equals it.

### Why is this bad?
The gateway listens, but no Service port leads there: clients cannot reach the listener
through the Service.

### Example
A Gateway server on port 9090 while the gateway Service only maps 80→8080 and 443→8443.

### How to fix
Add the port to the gateway Service, or use a port it exposes.
",
    requires: &["Pod", "Service"],
    check: check_port,
};

pub(super) fn check_no_match(snap: &Snapshot, sink: &mut Sink) {
    for gw in snap.of(ISTIO_NETWORKING, "Gateway") {
        let sel = gateway_selector(gw);
        if snap.pods_selected(&sel).next().is_none() {
            sink.report(
                gw,
                Some(&selector_path(&sel)),
                &[Arg::from("selector"), Arg::from(labels_string(&sel))],
            );
        }
    }
}

fn is_tcp(port: &Value) -> bool {
    matches!(
        port.get("protocol").and_then(Value::as_str),
        None | Some("TCP")
    )
}

fn check_port(snap: &Snapshot, sink: &mut Sink) {
    for gw in snap.of(ISTIO_NETWORKING, "Gateway") {
        let sel = gateway_selector(gw);
        let mut target_ports: HashSet<i64> = HashSet::new();
        let mut service_ports: HashSet<i64> = HashSet::new();
        let mut matched = false;
        for pod in snap.pods_selected(&sel) {
            matched = true;
            for svc in snap
                .of("", "Service")
                .filter(|s| s.namespace == pod.namespace)
            {
                let svc_sel = svc
                    .spec()
                    .get("selector")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                if !selector_matches(&svc_sel, pod.labels()) {
                    continue;
                }
                for port in items(svc.spec().get("ports")).iter().filter(|p| is_tcp(p)) {
                    let number = port.get("port").and_then(Value::as_i64).unwrap_or(0);
                    match port
                        .get("targetPort")
                        .and_then(Value::as_i64)
                        .filter(|t| *t != 0)
                    {
                        Some(tp) => {
                            target_ports.insert(tp);
                            service_ports.insert(number);
                        }
                        None => {
                            target_ports.insert(number);
                        }
                    }
                }
            }
        }
        if !matched {
            continue;
        }
        for server in items(gw.spec().get("servers")) {
            let Some(n) = server.at("/port/number").and_then(Value::as_i64) else {
                continue;
            };
            if !target_ports.contains(&n) && !service_ports.contains(&n) {
                sink.report(
                    gw,
                    Some(&selector_path(&sel)),
                    &[Arg::Int(n), Arg::from(labels_string(&sel))],
                );
            }
        }
    }
}
