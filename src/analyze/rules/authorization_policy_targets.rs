//! IST0127 / IST0101: AuthorizationPolicies that select no workload, or name
//! source namespaces that do not exist.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, labels_string, selector_matches, str_of, strings};

pub static NO_WORKLOADS: Rule = Rule {
    code: "IST0127",
    name: "authorization-policy-matches-no-workload",
    analyzer: "auth.AuthorizationPoliciesAnalyzer",
    summary: "An AuthorizationPolicy applies to no workload in the mesh",
    docs: "### What it does
Finds the in-mesh pods (with an `istio-proxy` container, injection enabled by label,
annotation or namespace label, or ambient redirection). A policy with a selector must match
one of them in its namespace (anywhere, for a policy in the root namespace); a policy
without a selector needs at least one in-mesh pod in its namespace.

### Why is this bad?
A policy that applies to nothing enforces nothing: the access control you wrote is not in
force, often because of a label typo.

### Example
```yaml
kind: AuthorizationPolicy
metadata: {name: httpbin, namespace: httpbin}
spec:
  selector:
    matchLabels: {app: htpbin}      # typo
```

### How to fix
Fix the selector labels, or deploy (or inject) the workloads the policy is meant for.
",
    requires: &["Pod"],
    check: check_workloads,
};

pub static NAMESPACE_NOT_FOUND: Rule = Rule {
    code: "IST0101",
    name: "authorization-policy-namespace-not-found",
    analyzer: "auth.AuthorizationPoliciesAnalyzer",
    summary: "An AuthorizationPolicy source names a namespace that does not exist",
    docs: "### What it does
Checks every `rules[].from[].source.namespaces` and `notNamespaces` entry of
AuthorizationPolicies against the Namespaces in the input (`*`, `prefix*` and `*suffix`
patterns allowed).

### Why is this bad?
A rule about a namespace that does not exist never matches (or, in `notNamespaces`,
always matches): usually a typo that opens or closes access unexpectedly.

### Example
```yaml
rules:
- from:
  - source:
      namespaces: [fronted]     # frontend was meant
```

### How to fix
Fix the namespace name, or create the namespace.
",
    requires: &["Namespace"],
    check: check_namespaces,
};

fn has_proxy(pod: &Resource) -> bool {
    let spec = pod.value.get("spec");
    items(spec.and_then(|s| s.get("containers")))
        .iter()
        .chain(items(spec.and_then(|s| s.get("initContainers"))))
        .find(|c| str_of(c, "name") == "istio-proxy")
        .is_some_and(|c| !str_of(c, "image").is_empty())
}

/// Istio's analyzer notion of a pod in the mesh (sidecar).
fn in_mesh(snap: &Snapshot, pod: &Resource) -> bool {
    if has_proxy(pod) {
        return true;
    }
    if let Some(v) = pod.label("sidecar.istio.io/inject") {
        return v == "true";
    }
    if let Some(v) = pod.annotation("sidecar.istio.io/inject") {
        return v == "true";
    }
    snap.get("", "Namespace", "", &pod.namespace)
        .is_some_and(|ns| ns.label("istio-injection") == Some("enabled"))
}

fn check_workloads(snap: &Snapshot, sink: &mut Sink) {
    let empty = Map::new();
    // namespace → label sets of in-mesh pods (a pod may count twice, as upstream).
    let mut pods: HashMap<&str, Vec<&Map<String, Value>>> = HashMap::new();
    for pod in snap.of_kind("Pod") {
        let list = pods.entry(pod.namespace.as_str()).or_default();
        let labels = pod.labels().unwrap_or(&empty);
        if in_mesh(snap, pod) {
            list.push(labels);
        }
        if pod.annotation("ambient.istio.io/redirection") == Some("enabled") {
            list.push(labels);
        }
    }
    let root = snap
        .mesh
        .get("rootNamespace")
        .and_then(Value::as_str)
        .unwrap_or("istio-system");
    for ap in snap.of("security.istio.io", "AuthorizationPolicy") {
        let selector = ap.spec().get("selector").filter(|s| !s.is_null()).map(|s| {
            s.get("matchLabels")
                .and_then(Value::as_object)
                .unwrap_or(&empty)
        });
        let matches = |list: &Vec<&Map<String, Value>>, sel: &Map<String, Value>| {
            list.iter().any(|l| selector_matches(sel, Some(l)))
        };
        let report = match selector {
            Some(sel) if ap.namespace == root => !pods.values().any(|l| matches(l, sel)),
            None if ap.namespace == root => false,
            Some(sel) => !pods
                .get(ap.namespace.as_str())
                .is_some_and(|l| matches(l, sel)),
            None => pods.get(ap.namespace.as_str()).is_none_or(Vec::is_empty),
        };
        if report {
            let sel = selector.map(labels_string).unwrap_or_default();
            sink.report(ap, None, &[Arg::from(sel)]);
        }
    }
}

/// Istio's namespace pattern: `*`, `*suffix`, `prefix*` or a name (case-insensitive).
fn namespace_matches(ns: &str, pattern: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if let Some(suffix) = pattern.strip_prefix('*') {
        return ns.ends_with(suffix);
    }
    if let Some(prefix) = pattern.strip_suffix('*') {
        return ns.starts_with(prefix);
    }
    ns.eq_ignore_ascii_case(pattern)
}

fn check_namespaces(snap: &Snapshot, sink: &mut Sink) {
    let namespaces: Vec<&str> = snap.of_kind("Namespace").map(|n| n.name.as_str()).collect();
    for ap in snap.of("security.istio.io", "AuthorizationPolicy") {
        for (i, rule) in items(ap.spec().get("rules")).iter().enumerate() {
            for (j, from) in items(rule.get("from")).iter().enumerate() {
                let source = from.get("source");
                let listed = strings(source.and_then(|s| s.get("namespaces")));
                let negated = strings(source.and_then(|s| s.get("notNamespaces")));
                for (k, ns) in listed.iter().enumerate().chain(negated.iter().enumerate()) {
                    if namespaces.iter().any(|n| namespace_matches(n, ns)) {
                        continue;
                    }
                    // Istio points both lists at `namespaces[k]`.
                    let path = format!(".spec.rules[{i}].from[{j}].source.namespaces[{k}]");
                    sink.report(ap, Some(&path), &[Arg::from("namespace"), Arg::from(ns)]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::namespace_matches;

    #[test]
    fn namespace_patterns() {
        assert!(namespace_matches("prod-eu", "prod*"));
        assert!(namespace_matches("eu-prod", "*prod"));
        assert!(namespace_matches("Prod", "prod"));
        assert!(!namespace_matches("dev", "prod*"));
    }
}
