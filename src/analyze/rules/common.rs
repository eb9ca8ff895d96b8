//! Shared walks over Istio resources (not rules themselves).

use std::collections::{BTreeMap, BTreeSet};

use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{export_to_all, strings};

pub use super::super::view::Destination;

/// Route destinations in Istio's order: tcp, tls, then http.
pub fn route_destinations(vs: &Resource) -> &[Destination] {
    &vs.virtual_service().routes
}

/// `http[].mirror` and `http[].mirrors[].destination`.
pub fn mirror_destinations(vs: &Resource) -> &[Destination] {
    &vs.virtual_service().mirrors
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
