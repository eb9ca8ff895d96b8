//! Compact forms of the fields several rules read from a resource, built once
//! per resource (while loading, on the thread that parsed it and while its tree
//! is still in cache). Rules that walk every VirtualService read these instead
//! of looking the same keys up in each resource's JSON tree again: on large
//! inputs those trees no longer fit in cache, and each map lookup is a few
//! cache misses.

use std::collections::HashMap;

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::rules::virtual_service_unreachable_routes::{self as unreachable_routes, Finding};
use super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::util::{host_to_fqdn, items, str_of, strings};

/// A VirtualService section with route destinations, in Istio's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Tcp,
    Tls,
    Http,
}

impl Section {
    pub fn name(self) -> &'static str {
        match self {
            Section::Tcp => "tcp",
            Section::Tls => "tls",
            Section::Http => "http",
        }
    }
}

/// Where a destination sits in its VirtualService.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// `<section>[rule].route[route].destination`
    Route {
        section: Section,
        rule: usize,
        route: usize,
    },
    /// `http[rule].mirror`
    Mirror { rule: usize },
    /// `http[rule].mirrors[mirror].destination`
    Mirrors { rule: usize, mirror: usize },
}

/// A route or mirror destination of a VirtualService.
#[derive(Debug, Clone)]
pub struct Destination {
    pub host: Box<str>,
    pub subset: Box<str>,
    pub port: Option<i64>,
    pub site: Site,
    /// Whether the `destination` field is there (a route may lack it).
    pub present: bool,
}

impl Destination {
    fn new(d: Option<&Value>, site: Site) -> Destination {
        let present = d.is_some();
        let d = d.unwrap_or(&Value::Null);
        Destination {
            present,
            host: str_of(d, "host").into(),
            subset: str_of(d, "subset").into(),
            port: d.at("/port/number").and_then(Value::as_i64),
            site,
        }
    }

    /// The field path of the host (`.spec.http[0].route[0].destination.host`,
    /// without braces), as istioctl names it.
    pub fn path(&self) -> String {
        match self.site {
            Site::Route {
                section,
                rule,
                route,
            } => format!(
                ".spec.{}[{rule}].route[{route}].destination.host",
                section.name()
            ),
            Site::Mirror { rule } => format!(".spec.http[{rule}].mirror.host"),
            Site::Mirrors { rule, mirror } => format!(".spec.http[{rule}].mirrors[{mirror}].host"),
        }
    }

    /// Whether it is an HTTP route destination (not a mirror).
    pub fn is_http_route(&self) -> bool {
        matches!(
            self.site,
            Site::Route {
                section: Section::Http,
                ..
            }
        )
    }
}

/// What rules read of a VirtualService.
#[derive(Debug, Clone, Default)]
pub struct VirtualService {
    pub hosts: Vec<String>,
    pub gateways: Vec<String>,
    pub export_to: Vec<String>,
    /// Route destinations: tcp, tls, then http; a route without `destination`
    /// counts, with an empty host (as Istio sees it).
    pub routes: Vec<Destination>,
    /// `http[].mirror` (an object) and `http[].mirrors[].destination`.
    pub mirrors: Vec<Destination>,
    /// Unreachable and ineffective routes (IST0130, IST0131), which depend on
    /// the VirtualService alone.
    pub route_findings: Vec<Finding>,
    /// HTTP routes with the deprecated `fault.delay.percent` set above 0.
    pub delay_percent_routes: usize,
}

impl VirtualService {
    pub fn from_spec(spec: &Value) -> VirtualService {
        let mut routes = Vec::new();
        for section in [Section::Tcp, Section::Tls, Section::Http] {
            for (rule, r) in items(spec.get(section.name())).iter().enumerate() {
                for (route, rd) in items(r.get("route")).iter().enumerate() {
                    let d = rd.get("destination");
                    let site = Site::Route {
                        section,
                        rule,
                        route,
                    };
                    routes.push(Destination::new(d, site));
                }
            }
        }
        let mut mirrors = Vec::new();
        for (rule, r) in items(spec.get("http")).iter().enumerate() {
            if let Some(m) = r.get("mirror").filter(|m| m.is_object()) {
                mirrors.push(Destination::new(Some(m), Site::Mirror { rule }));
            }
            for (mirror, m) in items(r.get("mirrors")).iter().enumerate() {
                if let Some(d) = m.get("destination") {
                    let site = Site::Mirrors { rule, mirror };
                    mirrors.push(Destination::new(Some(d), site));
                }
            }
        }
        VirtualService {
            hosts: strings(spec.get("hosts")),
            gateways: strings(spec.get("gateways")),
            export_to: strings(spec.get("exportTo")),
            routes,
            mirrors,
            route_findings: unreachable_routes::findings(spec),
            delay_percent_routes: items(spec.get("http"))
                .iter()
                .filter(|r| {
                    r.at("/fault/delay/percent")
                        .and_then(Value::as_i64)
                        .is_some_and(|p| p > 0)
                })
                .count(),
        }
    }
}

/// What a Service or ServiceEntry host resolves to: the ports it exposes
/// and, for ServiceEntries, the workload selector labels.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub ports: Vec<i64>,
    pub selector: serde_json::Map<String, Value>,
}

/// The hosts Services and ServiceEntries make visible, keyed by
/// `<scope>/<fqdn>` (scope `*` when exported everywhere); a later entry with
/// the same key replaces an earlier one (Services over ServiceEntries).
#[derive(Debug, Default)]
pub struct Hosts {
    exact: HashMap<String, Target, foldhash::fast::RandomState>,
    /// The keys whose host starts with `*`, in key order, with their scope
    /// and their host without the `*`.
    wildcards: Vec<(String, usize)>,
}

fn scoped(scope: &str, ns: &str, host: &str) -> String {
    format!("{scope}/{}", host_to_fqdn(ns, host))
}

impl Hosts {
    pub fn build(snap: &Snapshot) -> Hosts {
        let mut out: HashMap<String, Target, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(
                snap.of_kind("ServiceEntry").count() + snap.of_kind("Service").count(),
                foldhash::fast::RandomState::default(),
            );
        for se in snap.of(ISTIO_NETWORKING, "ServiceEntry") {
            let ports: Vec<i64> = items(se.spec().get("ports"))
                .iter()
                .filter_map(|p| p.get("number").and_then(Value::as_i64))
                .collect();
            let target = Target {
                ports,
                selector: se
                    .spec()
                    .at("/workloadSelector/labels")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default(),
            };
            let export_to = strings(se.spec().get("exportTo"));
            for h in strings(se.spec().get("hosts")) {
                if export_to.is_empty() || export_to.iter().any(|e| e == "*") {
                    out.insert(scoped("*", &se.namespace, &h), target.clone());
                    continue;
                }
                for e in &export_to {
                    let scope = if e == "." {
                        se.namespace.as_str()
                    } else {
                        e.as_str()
                    };
                    out.insert(scoped(scope, &se.namespace, &h), target.clone());
                }
            }
        }
        for svc in snap.of("", "Service") {
            let ports: Vec<i64> = items(svc.spec().get("ports"))
                .iter()
                .filter_map(|p| p.get("port").and_then(Value::as_i64))
                .collect();
            let scopes: Vec<&str> = match svc.annotation("networking.istio.io/exportTo") {
                None | Some("") => vec!["*"],
                Some(a) => a
                    .split(',')
                    .map(str::trim)
                    .map(|s| if s == "." { svc.namespace.as_str() } else { s })
                    .collect(),
            };
            for scope in scopes {
                let target = Target {
                    ports: ports.clone(),
                    selector: serde_json::Map::new(),
                };
                out.insert(scoped(scope, &svc.namespace, &svc.name), target);
            }
        }
        let mut wildcards: Vec<(String, usize)> = out
            .keys()
            .filter_map(|k| {
                let slash = k.find('/')?;
                k[slash + 1..].starts_with('*').then(|| (k.clone(), slash))
            })
            .collect();
        wildcards.sort();
        Hosts {
            exact: out,
            wildcards,
        }
    }

    /// What `host` resolves to from `source_ns` for a resource exported to
    /// `export_to`: the host exported everywhere, then to the resource's
    /// scopes, then the first wildcard host (in key order) covering it.
    pub fn lookup(&self, source_ns: &str, export_to: &[String], host: &str) -> Option<&Target> {
        if let Some(p) = self.exact.get(&scoped("*", source_ns, host)) {
            return Some(p);
        }
        if export_to.is_empty() {
            if let Some(p) = self.exact.get(&scoped(source_ns, source_ns, host)) {
                return Some(p);
            }
        } else {
            for e in export_to {
                let e = if e == "." { source_ns } else { e.as_str() };
                if let Some(p) = self.exact.get(&scoped(e, source_ns, host)) {
                    return Some(p);
                }
            }
        }
        let bare = host.strip_prefix('*').unwrap_or(host);
        self.wildcards
            .iter()
            .find(|(k, slash)| {
                let (scope, h) = (&k[..*slash], &k[*slash + 1..]);
                (scope == "*" || scope == source_ns) && bare.ends_with(&h[1..])
            })
            .and_then(|(k, _)| self.exact.get(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn destinations_in_istio_order_with_paths() {
        let spec = json!({
            "hosts": ["a", 1, "b"],
            "gateways": ["gw"],
            "http": [
                {"route": [{"destination": {"host": "h1", "subset": "v1", "port": {"number": 80}}}, {}],
                 "mirror": {"host": "m"},
                 "fault": {"delay": {"percent": 5}},
                 "mirrors": [{"destination": {"host": "m2"}}, {}]},
            ],
            "tcp": [{"route": [{"destination": {"host": "t"}}]}],
            "tls": [{"route": [{"destination": {"host": "s"}}]}],
        });
        let vs = VirtualService::from_spec(&spec);
        assert_eq!(vs.hosts, ["a", "b"]);
        assert_eq!(vs.gateways, ["gw"]);
        let got: Vec<(String, String)> = vs
            .routes
            .iter()
            .map(|d| (d.host.to_string(), d.path()))
            .collect();
        assert_eq!(
            got,
            [
                ("t".into(), ".spec.tcp[0].route[0].destination.host".into()),
                ("s".into(), ".spec.tls[0].route[0].destination.host".into()),
                (
                    "h1".into(),
                    ".spec.http[0].route[0].destination.host".into()
                ),
                (
                    String::new(),
                    ".spec.http[0].route[1].destination.host".into()
                ),
            ]
        );
        assert_eq!(vs.routes[2].port, Some(80));
        assert_eq!(&*vs.routes[2].subset, "v1");
        assert!(vs.routes[2].is_http_route() && !vs.routes[0].is_http_route());
        assert_eq!(vs.delay_percent_routes, 1);
        let mirrors: Vec<String> = vs.mirrors.iter().map(Destination::path).collect();
        assert_eq!(
            mirrors,
            [".spec.http[0].mirror.host", ".spec.http[0].mirrors[0].host"]
        );
    }
}
