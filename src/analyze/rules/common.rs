//! Shared walks over Istio resources (not rules themselves).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{export_to_all, items, str_of, strings};

/// A route destination of a VirtualService with the field path of its host.
pub struct Destination<'a> {
    pub host: &'a str,
    pub subset: &'a str,
    pub port: Option<i64>,
    /// `{.spec.http[0].route[0].destination.host}`-style path, without braces.
    pub path: String,
}

fn destination(d: &Value, path: String) -> Destination<'_> {
    Destination {
        host: str_of(d, "host"),
        subset: str_of(d, "subset"),
        port: d.pointer("/port/number").and_then(Value::as_i64),
        path,
    }
}

/// Route destinations in Istio's order: tcp, tls, then http.
pub fn route_destinations(vs: &Resource) -> Vec<Destination<'_>> {
    let spec = vs.spec();
    let mut out = Vec::new();
    for section in ["tcp", "tls", "http"] {
        for (i, rule) in items(spec.get(section)).iter().enumerate() {
            for (j, rd) in items(rule.get("route")).iter().enumerate() {
                // A route without destination still counts (Istio sees an empty host).
                let d = rd.get("destination").unwrap_or(&Value::Null);
                out.push(destination(
                    d,
                    format!(".spec.{section}[{i}].route[{j}].destination.host"),
                ));
            }
        }
    }
    out
}

/// `http[].mirror` and `http[].mirrors[].destination`.
pub fn mirror_destinations(vs: &Resource) -> Vec<Destination<'_>> {
    let mut out = Vec::new();
    for (i, rule) in items(vs.spec().get("http")).iter().enumerate() {
        if let Some(m) = rule.get("mirror").filter(|m| m.is_object()) {
            out.push(destination(m, format!(".spec.http[{i}].mirror.host")));
        }
        for (j, m) in items(rule.get("mirrors")).iter().enumerate() {
            if let Some(d) = m.get("destination") {
                out.push(destination(d, format!(".spec.http[{i}].mirrors[{j}].host")));
            }
        }
    }
    out
}

pub fn virtual_services(snap: &Snapshot) -> impl Iterator<Item = &Resource> {
    snap.of(ISTIO_NETWORKING, "VirtualService")
}

/// The namespaces a resource is visible in, from `exportTo`: `*` alone when
/// exported to all (or unset), `.` resolved to the resource's namespace.
pub fn export_scopes(r: &Resource) -> BTreeSet<String> {
    let export_to = strings(r.spec().get("exportTo"));
    if export_to_all(&export_to) {
        return std::iter::once("*".to_string()).collect();
    }
    export_to
        .into_iter()
        .map(|e| if e == "." { r.namespace.clone() } else { e })
        .collect()
}

/// Groups keyed by (scope, key), in key order, each narrower than `*` joined
/// by the members of the `*` groups whose key `matches` its own: what is
/// exported to all namespaces conflicts with every scope.
pub fn with_exported_to_all<K: Ord, V: Clone>(
    groups: &BTreeMap<(String, K), Vec<V>>,
    matches: impl Fn(&K, &K) -> bool,
) -> impl Iterator<Item = (&str, &K, Vec<V>)> {
    groups.iter().map(move |((scope, key), members)| {
        let mut members = members.clone();
        if scope != "*" {
            for ((s2, k2), more) in groups {
                if s2 == "*" && matches(key, k2) {
                    members.extend(more.iter().cloned());
                }
            }
        }
        (scope.as_str(), key, members)
    })
}
