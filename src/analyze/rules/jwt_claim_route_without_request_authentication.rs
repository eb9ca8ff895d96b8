//! IST0149: routing on JWT claims at a gateway with no RequestAuthentication.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{MESH_GATEWAY, selector_matches, short_or_full_name, strings};
use super::common::virtual_services;

pub static RULE: Rule = Rule {
    code: "IST0149",
    name: "jwt-claim-route-without-request-authentication",
    analyzer: "virtualservice.JWTClaimRouteAnalyzer",
    summary: "A VirtualService routes on JWT claims at a gateway whose pods validate no JWT",
    docs: "### What it does
Finds VirtualServices that match on `@request.auth.claims.<name>` (or
`@request.auth.claims[<name>]`) headers. For each gateway they are bound to, every gateway
pod must be selected by a RequestAuthentication in `istio-system` or in the pod's namespace.

### Why is this bad?
Claims only exist after a RequestAuthentication has validated the token. Without one the
match never succeeds, and requests fall through to other routes (or 404).

### Example
```yaml
kind: VirtualService
spec:
  gateways: [foo-gateway]
  http:
  - match:
    - headers:
        \"@request.auth.claims.group\": {exact: admin}
```
with no RequestAuthentication selecting the `foo-gateway` pods.

### How to fix
Apply a RequestAuthentication whose selector matches the gateway pods (or a mesh-wide one
in the root namespace).
",
    requires: &["Pod"],
    check,
};

fn is_claim_header(key: &str) -> bool {
    const PREFIX: &str = "@request.auth.claims";
    let Some(rest) = key
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .map(|_| &key[PREFIX.len()..])
    else {
        return false;
    };
    (rest.starts_with('.') && rest.len() > 1)
        || (rest.starts_with('[') && rest.ends_with(']') && rest.len() > 2)
}

fn claim_key(spec: &Value) -> Option<String> {
    for rule in spec
        .get("http")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for m in rule
            .get("match")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for field in ["headers", "withoutHeaders"] {
                if let Some(k) = m
                    .get(field)
                    .and_then(Value::as_object)
                    .and_then(|h| h.keys().find(|k| is_claim_header(k)))
                {
                    return Some(k.clone());
                }
            }
        }
    }
    None
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    let empty = Map::new();
    let mut authn: HashMap<&str, Vec<&Map<String, Value>>> = HashMap::new();
    for ra in snap.of("security.istio.io", "RequestAuthentication") {
        let sel = ra
            .spec()
            .at("/selector/matchLabels")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        authn.entry(ra.namespace.as_str()).or_default().push(sel);
    }
    for vs in virtual_services(snap) {
        let Some(key) = claim_key(vs.spec()) else {
            continue;
        };
        for gw_name in strings(vs.spec().get("gateways")) {
            if gw_name == MESH_GATEWAY {
                continue;
            }
            let (ns, name) = short_or_full_name(&vs.namespace, &gw_name);
            let Some(gw) = snap.get(ISTIO_NETWORKING, "Gateway", &ns, &name) else {
                continue;
            };
            let gw_sel = gw
                .spec()
                .get("selector")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            for pod in snap.of_kind("Pod") {
                if !selector_matches(gw_sel, pod.labels()) {
                    continue;
                }
                let covered = authn
                    .get("istio-system")
                    .into_iter()
                    .chain(authn.get(pod.namespace.as_str()))
                    .flatten()
                    .any(|sel| selector_matches(sel, pod.labels()));
                if !covered {
                    sink.report(
                        vs,
                        None,
                        &[
                            Arg::from(&key),
                            Arg::from(format!("{ns}/{name}")),
                            Arg::from(&pod.name),
                        ],
                    );
                }
            }
        }
    }
}
