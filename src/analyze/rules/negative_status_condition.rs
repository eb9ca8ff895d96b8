//! IST0171: a controller reported a negative status condition.

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{GATEWAY_API, Snapshot};
use super::super::util::{items, str_of, value_str};

/// (group, kind, condition types that are bad when `False`).
const WATCHED: &[(&str, &str, &[&str])] = &[
    ("", "Service", &["istio.io/WaypointBound"]),
    (
        "networking.istio.io",
        "ServiceEntry",
        &["istio.io/WaypointBound"],
    ),
    (
        "networking.istio.io",
        "WorkloadEntry",
        &["istio.io/WaypointBound"],
    ),
    (
        "security.istio.io",
        "AuthorizationPolicy",
        &["ZtunnelAccepted", "WaypointAccepted"],
    ),
    (
        GATEWAY_API,
        "Gateway",
        &["Accepted", "Programmed", "ResolvedRefs"],
    ),
    (
        GATEWAY_API,
        "HTTPRoute",
        &["Accepted", "Programmed", "ResolvedRefs"],
    ),
    (
        GATEWAY_API,
        "GRPCRoute",
        &["Accepted", "Programmed", "ResolvedRefs"],
    ),
];

pub static RULE: Rule = Rule {
    code: "IST0171",
    name: "negative-status-condition",
    analyzer: "conditions.ConditionAnalyzer",
    summary: "A resource's status carries a negative condition written by Istio",
    docs: "### What it does
Reads `status.conditions` (for HTTPRoute and GRPCRoute, the conditions of every parent) and
reports the conditions Istio uses to say something did not take effect: `WaypointBound`
false on Services, ServiceEntries and WorkloadEntries; `ZtunnelAccepted` or
`WaypointAccepted` false (or `WaypointAccepted` with reason `PartiallyInvalid`) on
AuthorizationPolicies; `Accepted`, `Programmed` or `ResolvedRefs` false on Gateway API
Gateways and routes.

### Why is this bad?
The resource exists but is not in force: traffic is not going through the waypoint, the
policy is not enforced, or the route is not attached.

### Example
```yaml
kind: HTTPRoute
status:
  parents:
  - conditions:
    - {type: Accepted, status: \"False\", reason: NotAllowedByListeners}
```

### How to fix
Read the condition's reason and message, then fix the reference it names (the parent
Gateway's listeners, the waypoint, the policy's unsupported field).
",
    requires: &[],
    check,
};

fn conditions(v: &Value, kind: &str) -> Vec<Value> {
    let status = v.get("status").unwrap_or(&Value::Null);
    if kind == "HTTPRoute" || kind == "GRPCRoute" {
        items(status.get("parents"))
            .iter()
            .flat_map(|p| items(p.get("conditions")).iter().cloned())
            .collect()
    } else {
        items(status.get("conditions")).to_vec()
    }
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    for (group, kind, types) in WATCHED {
        for r in snap.of(group, kind) {
            for c in conditions(&r.value, kind) {
                let ty = str_of(&c, "type");
                let status = c.get("status").map(value_str).unwrap_or_default();
                let reason = str_of(&c, "reason");
                let bad = types.contains(&ty) && status == "False";
                let partial = *kind == "AuthorizationPolicy"
                    && ty == "WaypointAccepted"
                    && reason == "PartiallyInvalid";
                for _ in 0..(usize::from(bad) + usize::from(partial)) {
                    sink.report(
                        r,
                        None,
                        &[
                            Arg::from(ty),
                            Arg::from(reason),
                            Arg::from(str_of(&c, "message")),
                        ],
                    );
                }
            }
        }
    }
}
