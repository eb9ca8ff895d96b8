//! Istio naming conventions read back from Envoy config: cluster names
//! (`direction|port|subset|hostname`) and the `istio` filter metadata that
//! names the DestinationRule or VirtualService a resource came from.

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use std::cmp::Ordering;

use serde_json::Value;

use super::dump::{field, path};
use super::gosort;

/// The parts of an Istio cluster name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubsetKey<'a> {
    pub direction: &'a str,
    pub port: i64,
    pub subset: &'a str,
    pub hostname: &'a str,
}

/// Parse `direction|port|subset|hostname`, or the DNS SRV form
/// `outbound_.port_.subset_.hostname`. Parts that cannot be read stay empty
/// (port 0); a hostname that still contains the separator is dropped.
pub fn parse_subset_key(s: &str) -> SubsetKey<'_> {
    let sep = if s.starts_with("outbound_") || s.starts_with("inbound_") {
        "_."
    } else {
        "|"
    };
    let mut key = SubsetKey::default();
    let Some((dir, rest)) = s.split_once(sep) else {
        return key;
    };
    key.direction = dir;
    let Some((port, rest)) = rest.split_once(sep) else {
        return key;
    };
    key.port = go_atoi(port);
    let Some((subset, rest)) = rest.split_once(sep) else {
        return key;
    };
    key.subset = subset;
    if !rest.contains(sep) {
        key.hostname = rest;
    }
    key
}

/// Go's `strconv.Atoi`, returning 0 on any error.
pub fn go_atoi(s: &str) -> i64 {
    s.parse::<i64>().unwrap_or(0)
}

/// True when istioctl's tables treat the name as an Istio cluster name
/// (`strings.Split(name, "|")` has more than 3 parts).
pub fn is_istio_name(name: &str) -> bool {
    name.split('|').nth(3).is_some()
}

/// The key clusters and endpoint assignments are sorted by: istioctl's
/// `safelyParseSubsetKey`, which treats a non-Istio name as a bare hostname.
pub fn safe_subset_key(name: &str) -> SubsetKey<'_> {
    if is_istio_name(name) {
        parse_subset_key(name)
    } else {
        SubsetKey {
            hostname: name,
            ..SubsetKey::default()
        }
    }
}

/// Order by hostname, subset, port, direction (all ascending).
pub fn cmp_subset_keys(a: &SubsetKey<'_>, b: &SubsetKey<'_>) -> Ordering {
    a.hostname
        .cmp(b.hostname)
        .then_with(|| a.subset.cmp(b.subset))
        .then_with(|| a.port.cmp(&b.port))
        .then_with(|| a.direction.cmp(b.direction))
}

/// The DESTINATION RULE / VIRTUAL SERVICE column: `name.namespace` from the
/// `istio` filter metadata's `config` path, `<unknown>` for a path outside
/// networking.istio.io, empty when absent or malformed.
pub fn describe_management(metadata: Option<&Value>) -> String {
    let Some(md) = metadata else {
        return String::new();
    };
    let Some(config) = path(md, &["filter_metadata"])
        .and_then(|fm| fm.get("istio"))
        .and_then(|istio| field(istio, "config"))
    else {
        return String::new();
    };
    let config = config.as_str().unwrap_or("");
    render_config_path(config)
}

/// `/apis/networking.istio.io/v1/namespaces/<ns>/<kind>/<name>` → `name.ns`.
pub fn render_config_path(config: &str) -> String {
    if config.starts_with("/apis/networking.istio.io/") {
        let pieces: Vec<&str> = config.split('/').collect();
        if pieces.len() != 8 {
            return String::new();
        }
        return format!("{}.{}", pieces[7], pieces[5]);
    }
    "<unknown>".to_string()
}

/// Sort by parsed cluster name as istioctl does, parsing each name once
/// (the comparator runs O(n log n) times; the same comparisons give Go's
/// pdqsort the same permutation).
pub fn sort_by_cluster_name<'a, T>(items: Vec<T>, name: impl Fn(&T) -> &'a str) -> Vec<T> {
    let mut keyed: Vec<_> = items
        .into_iter()
        .map(|i| (safe_subset_key(name(&i)), i))
        .collect();
    gosort::sort_slice(&mut keyed, |a, b| cmp_subset_keys(&a.0, &b.0).is_lt());
    keyed.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn subset_keys() {
        let k = parse_subset_key("outbound|9080|v1|reviews.default.svc.cluster.local");
        assert_eq!(
            k,
            SubsetKey {
                direction: "outbound",
                port: 9080,
                subset: "v1",
                hostname: "reviews.default.svc.cluster.local"
            }
        );
        let k = parse_subset_key("inbound|9080||");
        assert_eq!(
            (k.direction, k.port, k.subset, k.hostname),
            ("inbound", 9080, "", "")
        );
        let k = parse_subset_key("outbound_.9080_.v1_.reviews.default.svc.cluster.local");
        assert_eq!((k.port, k.subset), (9080, "v1"));
        let k = parse_subset_key("a|b|c|d|e");
        assert_eq!(
            (k.direction, k.port, k.subset, k.hostname),
            ("a", 0, "c", "")
        );
        assert!(!is_istio_name("outbound_.9080_.v1_.reviews"));
        assert!(is_istio_name("inbound|9080||"));
        assert_eq!(
            safe_subset_key("BlackHoleCluster").hostname,
            "BlackHoleCluster"
        );
    }

    #[test]
    fn management() {
        let md = json!({"filter_metadata": {"istio": {"config":
            "/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews"}}});
        assert_eq!(describe_management(Some(&md)), "reviews.default");
        let md = json!({"filterMetadata": {"istio": {"config": "/apis/other/x"}}});
        assert_eq!(describe_management(Some(&md)), "<unknown>");
        let md =
            json!({"filter_metadata": {"istio": {"config": "/apis/networking.istio.io/v1/x"}}});
        assert_eq!(describe_management(Some(&md)), "");
        assert_eq!(describe_management(None), "");
    }
}
