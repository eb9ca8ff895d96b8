//! Small pure helpers the rules share: host names, namespaces, selectors.

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

/// The cluster DNS suffix Istio assumes.
pub const CLUSTER_LOCAL: &str = "svc.cluster.local";

/// The special gateway name for sidecars.
pub const MESH_GATEWAY: &str = "mesh";

/// `a == b` without calling `memcmp` when both are empty. An empty `String`
/// points at a dangling address (0x1), and glibc's AVX-512 `memcmp` makes a
/// masked load there: on the CPUs that fault-suppress it in microcode, a
/// zero-length compare takes ~140 ns against ~1 ns for any other. Snapshot
/// keys and sort keys are mostly empty groups, namespaces and clusters.
#[inline]
pub fn str_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

/// Whether a host name starts with `*`.
pub fn is_wildcard(h: &str) -> bool {
    h.starts_with('*')
}

/// Istio's `host.Name.Matches`: wildcard-aware, symmetric host matching.
pub fn host_matches(n: &str, o: &str) -> bool {
    match (is_wildcard(n), is_wildcard(o)) {
        (true, true) => {
            if n.len() < o.len() {
                o[1..].ends_with(&n[1..])
            } else {
                n[1..].ends_with(&o[1..])
            }
        }
        (true, false) => o.ends_with(&n[1..]),
        (false, true) => n.ends_with(&o[1..]),
        (false, false) => n == o,
    }
}

/// Istio's `host.NamesForNamespace`: `ns/host` entries visible from
/// `namespace` (own namespace or `*`), with the prefix stripped.
pub fn names_for_namespace<'a>(hosts: &'a [String], namespace: &str) -> Vec<&'a str> {
    hosts
        .iter()
        .filter_map(|h| match h.split_once('/') {
            Some((ns, name)) => (ns == namespace || ns == "*").then_some(name),
            None => Some(h.as_str()),
        })
        .collect()
}

/// `name.ns.svc.cluster.local` → `(ns, name)`.
pub fn split_fqdn(host: &str) -> Option<(&str, &str)> {
    let rest = host.strip_suffix(".svc.cluster.local")?;
    let (name, ns) = rest.rsplit_once('.')?;
    if name.is_empty() || ns.is_empty() {
        return None;
    }
    Some((ns, name))
}

/// Istio's `GetResourceNameFromHost`: an FQDN names its own namespace, a
/// short name lives in `default_ns`. Returns `(namespace, name)`.
pub fn resource_name_from_host(default_ns: &str, host: &str) -> (String, String) {
    match split_fqdn(host) {
        Some((ns, name)) => (ns.to_string(), name.to_string()),
        None => (default_ns.to_string(), host.to_string()),
    }
}

/// Istio's `ConvertHostToFQDN`: short names become `h.ns.svc.cluster.local`.
pub fn host_to_fqdn(namespace: &str, host: &str) -> String {
    if !host.starts_with('*') && !host.contains('.') {
        format!("{host}.{namespace}.{CLUSTER_LOCAL}")
    } else {
        host.to_string()
    }
}

/// Split `ns/name` (or a bare name in `default_ns`).
pub fn short_or_full_name(default_ns: &str, name: &str) -> (String, String) {
    match name.split_once('/') {
        Some((ns, n)) => (ns.to_string(), n.to_string()),
        None => (default_ns.to_string(), name.to_string()),
    }
}

/// The strings of a JSON array (non-strings skipped).
pub fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The items of a JSON array.
pub fn items(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// A string field.
pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Whether `exportTo` makes a resource visible everywhere (empty or has `*`).
pub fn export_to_all(export_to: &[String]) -> bool {
    export_to.is_empty() || export_to.iter().any(|e| e == "*")
}

/// Whether every `selector` label is present with the same value in `labels`
/// (an empty selector matches everything).
pub fn selector_matches(
    selector: &Map<String, Value>,
    labels: Option<&Map<String, Value>>,
) -> bool {
    selector.iter().all(|(k, v)| {
        labels
            .and_then(|l| l.get(k))
            .is_some_and(|lv| scalar_eq(lv, v))
    })
}

/// Whether two scalars are equal as strings ([`value_str`]), without
/// allocating in the usual case of two strings.
pub fn scalar_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        _ => value_str(a) == value_str(b),
    }
}

/// A scalar as a string (labels may be parsed as numbers or booleans).
pub fn value_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Render a label map as Go's `labels.Set.String()` does: sorted `k=v` joined by `,`.
pub fn labels_string(m: &Map<String, Value>) -> String {
    let mut parts: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{k}={}", value_str(v)))
        .collect();
    parts.sort();
    parts.join(",")
}

/// A Kubernetes `LabelSelector` (`matchLabels` and `matchExpressions` with
/// `In`, `NotIn`, `Exists`, `DoesNotExist`) against a label set. A missing
/// selector matches everything; an unknown operator matches nothing.
pub fn label_selector_matches(
    selector: Option<&Value>,
    labels: Option<&Map<String, Value>>,
) -> bool {
    let Some(sel) = selector.filter(|s| !s.is_null()) else {
        return true;
    };
    if let Some(ml) = sel.get("matchLabels").and_then(Value::as_object)
        && !selector_matches(ml, labels)
    {
        return false;
    }
    items(sel.get("matchExpressions")).iter().all(|e| {
        let key = str_of(e, "key");
        let have = labels.and_then(|l| l.get(key)).map(value_str);
        let values = strings(e.get("values"));
        match str_of(e, "operator") {
            "In" => have.is_some_and(|h| values.contains(&h)),
            "NotIn" => have.is_none_or(|h| !values.contains(&h)),
            "Exists" => have.is_some(),
            "DoesNotExist" => have.is_none(),
            _ => false,
        }
    })
}

/// A resource's labels as a map (empty when it has none).
pub fn labels_or_empty(v: &Value) -> Map<String, Value> {
    v.at("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_matching_follows_istio() {
        assert!(host_matches("*.com", "foo.com"));
        assert!(host_matches("foo.com", "*.com"));
        assert!(host_matches("*", "anything"));
        assert!(host_matches("*.foo.com", "*.com"));
        assert!(!host_matches("foo.com", "bar.com"));
        assert!(host_matches("a", "a"));
    }

    #[test]
    fn host_names_resolve_like_istio() {
        assert_eq!(
            resource_name_from_host("x", "reviews"),
            ("x".into(), "reviews".into())
        );
        assert_eq!(
            resource_name_from_host("x", "reviews.prod.svc.cluster.local"),
            ("prod".into(), "reviews".into())
        );
        assert_eq!(host_to_fqdn("ns", "svc"), "svc.ns.svc.cluster.local");
        assert_eq!(host_to_fqdn("ns", "a.b"), "a.b");
        assert_eq!(short_or_full_name("d", "ns/gw"), ("ns".into(), "gw".into()));
        let hosts = vec![
            "ns/a".to_string(),
            "*/b".to_string(),
            "other/c".to_string(),
            "d".to_string(),
        ];
        assert_eq!(names_for_namespace(&hosts, "ns"), vec!["a", "b", "d"]);
    }

    #[test]
    fn selectors_and_labels() {
        let sel: Map<String, Value> = serde_json::from_str(r#"{"app":"a"}"#).unwrap();
        let labels: Map<String, Value> = serde_json::from_str(r#"{"app":"a","v":"1"}"#).unwrap();
        assert!(selector_matches(&sel, Some(&labels)));
        assert!(!selector_matches(&sel, None));
        assert_eq!(labels_string(&labels), "app=a,v=1");
        let expr: Value = serde_json::from_str(
            r#"{"matchLabels":{"app":"a"},"matchExpressions":[{"key":"v","operator":"In","values":["1","2"]},{"key":"x","operator":"DoesNotExist"}]}"#,
        )
        .unwrap();
        assert!(label_selector_matches(Some(&expr), Some(&labels)));
        assert!(label_selector_matches(None, None));
        assert!(!label_selector_matches(Some(&expr), None));
    }
}
