//! Which DestinationRule and VirtualService apply to a Service as seen from
//! the pod's namespace, and istioctl's rendering of them (subsets that match
//! the pod, route facts with weights and match conditions).

use serde_json::{Map, Value};

use super::model::{
    DestinationRuleInfo, PortLevelPolicy, RouteDestination, RouteInfo, ServiceInfo,
    ServicePortInfo, VirtualServiceInfo,
};
use super::pod::{find_target_port, port_protocol};
use super::{Inputs, kname, meta};
use crate::analyze::util::{host_matches, host_to_fqdn, items, selector_matches, str_of, strings};

const SUFFIX: &str = ".svc.cluster.local";
pub(crate) const L1: usize = 3;
pub(crate) const L2: usize = 6;

/// istioctl's `extendFQDN`.
pub fn extend_fqdn(host: &str) -> String {
    if host.starts_with('*') || host.ends_with(SUFFIX) {
        host.to_string()
    } else {
        format!("{host}{SUFFIX}")
    }
}

/// A host as written in an object of `namespace`, made fully qualified.
pub fn resolve_host(namespace: &str, host: &str) -> String {
    if host.is_empty() || host == "*" {
        return host.to_string();
    }
    extend_fqdn(&host_to_fqdn(namespace, host))
}

/// Whether an object's `exportTo` makes it visible in `namespace`.
pub fn visible_in(obj: &Value, namespace: &str) -> bool {
    let export_to = strings(obj.pointer("/spec/exportTo"));
    let own = meta(obj, "namespace");
    export_to.is_empty()
        || export_to
            .iter()
            .any(|e| e == "*" || e == namespace || (e == "." && own == namespace))
}

fn created(v: &Value) -> &str {
    meta(v, "creationTimestamp")
}

/// The DestinationRule a sidecar in `client_ns` uses for `fqdn`: rules with
/// a workload selector matching the client first, then the client's
/// namespace, the service's, the root namespace; exact hosts before
/// wildcards, the longest wildcard, then the oldest.
pub fn destination_rule_for<'a>(
    inputs: &'a Inputs,
    fqdn: &str,
    client_ns: &str,
    service_ns: &str,
    client_labels: &Map<String, Value>,
) -> Option<&'a Value> {
    let tier = |dr: &Value| -> Option<u8> {
        let ns = meta(dr, "namespace");
        let selector = dr.pointer("/spec/workloadSelector/matchLabels");
        if let Some(sel) = selector.and_then(Value::as_object) {
            return (ns == client_ns && selector_matches(sel, Some(client_labels))).then_some(0);
        }
        if ns == client_ns {
            Some(1)
        } else if ns == service_ns {
            Some(2)
        } else if ns == inputs.root_namespace {
            Some(3)
        } else {
            Some(4)
        }
    };
    inputs
        .destination_rules
        .iter()
        .filter(|dr| visible_in(dr, client_ns))
        .filter_map(|dr| {
            let host = resolve_host(meta(dr, "namespace"), str_of(&dr["spec"], "host"));
            if !host_matches(&host, fqdn) {
                return None;
            }
            let t = tier(dr)?;
            let wildcard = host.starts_with('*');
            Some((
                (t, wildcard, std::cmp::Reverse(host.len()), created(dr)),
                dr,
            ))
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, dr)| dr)
}

/// The VirtualServices bound to the mesh that claim `fqdn`, visible from
/// `client_ns`, oldest first (istiod uses the first).
pub fn virtual_services_for<'a>(inputs: &'a Inputs, fqdn: &str, client_ns: &str) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = inputs
        .virtual_services
        .iter()
        .filter(|vs| visible_in(vs, client_ns))
        .filter(|vs| {
            let gws = strings(vs.pointer("/spec/gateways"));
            gws.is_empty() || gws.iter().any(|g| g == "mesh")
        })
        .filter(|vs| claims(vs, fqdn))
        .collect();
    out.sort_by(|a, b| {
        created(a)
            .cmp(created(b))
            .then(meta(a, "name").cmp(meta(b, "name")))
    });
    out
}

/// Whether one of a VirtualService's hosts matches `fqdn`.
pub fn claims(vs: &Value, fqdn: &str) -> bool {
    let ns = meta(vs, "namespace");
    strings(vs.pointer("/spec/hosts"))
        .iter()
        .any(|h| host_matches(&resolve_host(ns, h), fqdn))
}

/// The subsets of a DestinationRule whose labels match the pod, and the others.
pub fn subsets(dr: &Value, labels: &Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for s in items(dr.pointer("/spec/subsets")) {
        let sel = s
            .get("labels")
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        let matches = sel
            .as_object()
            .is_none_or(|m| selector_matches(m, Some(labels)));
        let name = str_of(s, "name").to_string();
        if matches {
            yes.push(name);
        } else {
            no.push(name);
        }
    }
    (yes, no)
}

fn short_policies(p: &Value) -> Vec<String> {
    [
        ("loadBalancer", "load balancer"),
        ("connectionPool", "connection pool"),
        ("outlierDetection", "outlier detection"),
    ]
    .iter()
    .filter(|(k, _)| p.get(*k).is_some_and(|v| !v.is_null()))
    .map(|(_, n)| (*n).to_string())
    .collect()
}

fn tls_mode(p: &Value) -> Option<String> {
    p.get("tls").filter(|t| !t.is_null()).map(|t| {
        t.get("mode")
            .and_then(Value::as_str)
            .unwrap_or("DISABLE")
            .to_string()
    })
}

/// The DestinationRule facts istioctl prints.
pub fn destination_rule_info(dr: &Value, labels: &Map<String, Value>) -> DestinationRuleInfo {
    let (matching, non_matching) = subsets(dr, labels);
    let tp = dr.pointer("/spec/trafficPolicy").filter(|v| !v.is_null());
    DestinationRuleInfo {
        name: meta(dr, "name").into(),
        namespace: meta(dr, "namespace").into(),
        host: str_of(&dr["spec"], "host").into(),
        matching_subsets: matching,
        non_matching_subsets: non_matching,
        tls_mode: tp.and_then(tls_mode),
        has_traffic_policy: tp.is_some(),
        policies: tp.map(short_policies).unwrap_or_default(),
        port_level: items(tp.and_then(|t| t.get("portLevelSettings")))
            .iter()
            .map(|ps| PortLevelPolicy {
                port: ps
                    .pointer("/port/number")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
                tls_mode: tls_mode(ps),
                policies: short_policies(ps),
            })
            .collect(),
    }
}

/// One Service and, per port, its DestinationRule and VirtualService.
pub fn service_info(
    inputs: &Inputs,
    svc: &Value,
    labels: &Map<String, Value>,
    warnings: &mut Vec<String>,
) -> ServiceInfo {
    let name = meta(svc, "name");
    let namespace = meta(svc, "namespace");
    let fqdn = format!("{name}.{namespace}{SUFFIX}");
    let client_ns = meta(&inputs.pod, "namespace");
    let dr = destination_rule_for(inputs, &fqdn, client_ns, namespace, labels);
    let dr_info = dr.map(|d| destination_rule_info(d, labels));
    let vss = virtual_services_for(inputs, &fqdn, client_ns);
    for extra in vss.iter().skip(1) {
        warnings.push(format!(
            "VirtualService {} also claims host {fqdn}; istiod uses the oldest, {}",
            kname(
                meta(extra, "name"),
                meta(extra, "namespace"),
                &inputs.describe_namespace
            ),
            kname(
                meta(vss[0], "name"),
                meta(vss[0], "namespace"),
                &inputs.describe_namespace
            ),
        ));
    }
    let vs_info = vss.first().map(|vs| {
        let (m, n) = dr_info
            .as_ref()
            .map(|d| (d.matching_subsets.clone(), d.non_matching_subsets.clone()))
            .unwrap_or_default();
        virtual_service_info(vs, &fqdn, &m, &n, dr, &inputs.describe_namespace)
    });
    let ports = items(svc.pointer("/spec/ports"))
        .iter()
        .map(|p| {
            let target = find_target_port(&inputs.pod, p);
            ServicePortInfo {
                name: str_of(p, "name").into(),
                port: p.get("port").and_then(Value::as_i64).unwrap_or(0),
                transport: p
                    .get("protocol")
                    .and_then(Value::as_str)
                    .unwrap_or("TCP")
                    .into(),
                protocol: port_protocol(p),
                target_port: target.as_ref().ok().copied(),
                target_error: target.err(),
                destination_rule: dr_info.clone(),
                virtual_service: vs_info.clone(),
            }
        })
        .collect();
    ServiceInfo {
        name: name.into(),
        namespace: namespace.into(),
        ports,
    }
}

fn render_string_match(m: &Value) -> String {
    if let Some(e) = m.get("exact").and_then(Value::as_str) {
        return e.to_string();
    }
    if let Some(p) = m.get("prefix").and_then(Value::as_str) {
        return format!("{p}*");
    }
    if let Some(r) = m.get("regex").and_then(Value::as_str) {
        return format!("regex:{r}");
    }
    String::new()
}

/// istioctl's `renderMatch`.
pub fn render_match(m: &Value) -> String {
    let mut out = String::from("Match: ");
    if let Some(uri) = m.get("uri").filter(|u| !u.is_null()) {
        out.push_str(&render_string_match(uri));
        if m.get("ignoreUriCase").and_then(Value::as_bool) == Some(true) {
            out.push_str(" uncased");
        }
    }
    if let Some(h) = m
        .get("headers")
        .and_then(Value::as_object)
        .filter(|h| !h.is_empty())
    {
        let mut conds: Vec<String> = h
            .iter()
            .map(|(k, v)| format!("{k}={}", render_string_match(v)))
            .collect();
        conds.sort();
        out.push_str(" when headers are ");
        out.push_str(&conds.join("; "));
    }
    out.trim().to_string()
}

fn render_matches(ms: &[Value]) -> String {
    if ms.is_empty() {
        "everything".into()
    } else {
        ms.iter().map(render_match).collect::<Vec<_>>().join(", ")
    }
}

/// istioctl's `httpRouteMatchSvc`: whether the route reaches the pod, and its facts.
fn http_route(
    vs_ns: &str,
    route: &Value,
    svc_host: &str,
    matching: &[String],
    non_matching: &[String],
    dr: Option<&Value>,
    describe_ns: &str,
) -> (bool, Vec<String>, RouteInfo) {
    let mut facts = Vec::new();
    let mut mismatch = Vec::new();
    let mut reached = false;
    let mut dests = Vec::new();
    let matches = items(route.get("match"));
    for rd in items(route.get("route")) {
        let d = rd.get("destination").unwrap_or(&Value::Null);
        let host = str_of(d, "host");
        let subset = str_of(d, "subset");
        let weight = rd.get("weight").and_then(Value::as_i64).unwrap_or(0);
        let mut reaches = false;
        if resolve_host(vs_ns, host) == svc_host {
            if subset.is_empty() {
                reaches = true;
            } else if non_matching.iter().any(|s| s == subset) {
                mismatch.push(format!(
                    "Route to non-matching subset {subset} for ({})",
                    render_matches(matches)
                ));
            } else if !matching.iter().any(|s| s == subset) {
                mismatch.push(match dr {
                        None => format!("Warning: Route to subset {subset} but NO DESTINATION RULE defining subsets!"),
                        Some(dr) => format!(
                            "Warning: Route to UNKNOWN subset {subset}; check DestinationRule {}",
                            kname(meta(dr, "name"), meta(dr, "namespace"), describe_ns)
                        ),
                    });
            } else {
                reaches = true;
            }
            if reaches {
                reached = true;
                if weight > 0 {
                    let sub = if subset.is_empty() {
                        String::new()
                    } else {
                        format!(" subset \"{subset}\"")
                    };
                    facts.push(format!(
                        "Route to host \"{host}\"{sub} with weight {weight}%"
                    ));
                }
            }
        } else if subset.is_empty() {
            facts.push(format!("Route to host \"{host}\" with weight {weight}%"));
        } else {
            facts.push(format!("Route to {host} with invalid config"));
        }
        dests.push(RouteDestination {
            host: host.into(),
            subset: subset.into(),
            weight,
            reaches_pod: reaches,
        });
    }
    if reached {
        let mut req = Vec::new();
        if let Some(f) = route.get("fault").filter(|f| !f.is_null()) {
            req.push(format!("Fault injection {f}"));
        }
        req.extend(matches.iter().map(render_match));
        if !req.is_empty() {
            facts.push(req.join(", "));
        }
    } else {
        facts.extend(mismatch);
    }
    let info = RouteInfo {
        kind: "http".into(),
        matches: matches.iter().map(render_match).collect(),
        destinations: dests,
        reaches_pod: reached,
    };
    (reached, facts, info)
}

fn tcp_route(vs_ns: &str, route: &Value, svc_host: &str) -> (bool, Vec<String>, RouteInfo) {
    let mut reached = false;
    let mut dests = Vec::new();
    for rd in items(route.get("route")) {
        let d = rd.get("destination").unwrap_or(&Value::Null);
        let reaches = resolve_host(vs_ns, str_of(d, "host")) == svc_host;
        reached |= reaches;
        dests.push(RouteDestination {
            host: str_of(d, "host").into(),
            subset: str_of(d, "subset").into(),
            weight: rd.get("weight").and_then(Value::as_i64).unwrap_or(0),
            reaches_pod: reaches,
        });
    }
    let matches: Vec<String> = items(route.get("match"))
        .iter()
        .map(Value::to_string)
        .collect();
    let facts = if reached { matches.clone() } else { Vec::new() };
    let info = RouteInfo {
        kind: "tcp".into(),
        matches,
        destinations: dests,
        reaches_pod: reached,
    };
    (reached, facts, info)
}

/// istioctl's `printVirtualService` as data: the lines under the name.
pub fn virtual_service_info(
    vs: &Value,
    svc_host: &str,
    matching: &[String],
    non_matching: &[String],
    dr: Option<&Value>,
    describe_ns: &str,
) -> VirtualServiceInfo {
    let ns = meta(vs, "namespace");
    let http = items(vs.pointer("/spec/http"));
    let tcp = items(vs.pointer("/spec/tcp"));
    let tls = items(vs.pointer("/spec/tls"));
    let mut lines = Vec::new();
    let mut routes = Vec::new();
    let mut mismatch = Vec::new();
    let (mut matches, mut facts) = (0usize, 0usize);
    let mut take = |(ok, fs, info): (bool, Vec<String>, RouteInfo),
                    lines: &mut Vec<(usize, String)>| {
        routes.push(info);
        if ok {
            matches += 1;
            facts += fs.len();
            lines.extend(fs.into_iter().map(|f| (L1, f)));
        } else {
            mismatch.extend(fs);
        }
    };
    for r in http {
        take(
            http_route(ns, r, svc_host, matching, non_matching, dr, describe_ns),
            &mut lines,
        );
    }
    for r in tcp {
        take(tcp_route(ns, r, svc_host), &mut lines);
    }
    if matches == 0 {
        if !http.is_empty() {
            lines.push((
                L1,
                format!(
                    "WARNING: No destinations match pod subsets (checked {} HTTP routes)",
                    http.len()
                ),
            ));
        }
        if !tcp.is_empty() {
            lines.push((
                L1,
                format!(
                    "WARNING: No destinations match pod subsets (checked {} TCP routes)",
                    tcp.len()
                ),
            ));
        }
        lines.extend(mismatch.into_iter().map(|m| (L2, m)));
    } else if matches < http.len() + tls.len() + tcp.len() {
        lines.push((
            L1,
            format!(
                "{} additional destination(s) that will not reach this pod",
                http.len() + tls.len() + tcp.len() - matches
            ),
        ));
        if facts == 0 {
            lines.extend(mismatch.into_iter().map(|m| (L2, m)));
        }
    } else if facts == 0 {
        if !http.is_empty() {
            lines.push((L1, format!("{} HTTP route(s)", http.len())));
        }
        if !tcp.is_empty() {
            lines.push((L1, format!("{} TCP route(s)", tcp.len())));
        }
    }
    VirtualServiceInfo {
        name: meta(vs, "name").into(),
        namespace: ns.into(),
        routes,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(v: &Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn weighted_subset_routes_render_like_istioctl() {
        let vs = json!({"metadata": {"name": "reviews", "namespace": "ns"}, "spec": {"hosts": ["reviews"], "http": [
            {"match": [{"headers": {"end-user": {"exact": "jason"}}}], "route": [{"destination": {"host": "reviews", "subset": "v2"}}]},
            {"route": [{"destination": {"host": "reviews", "subset": "v1"}, "weight": 80}, {"destination": {"host": "reviews", "subset": "v3"}, "weight": 20}]}
        ]}});
        let svc = "reviews.ns.svc.cluster.local";
        let m = vec!["v1".to_string()];
        let n = vec!["v2".to_string(), "v3".to_string()];
        let dr = json!({"metadata": {"name": "reviews", "namespace": "ns"}});
        let info = virtual_service_info(&vs, svc, &m, &n, Some(&dr), "ns");
        let lines: Vec<&str> = info.lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            lines,
            vec![
                "Route to host \"reviews\" subset \"v1\" with weight 80%",
                "1 additional destination(s) that will not reach this pod"
            ]
        );
        assert!(!info.routes[0].reaches_pod && info.routes[1].reaches_pod);
        // Seen from a v2 pod, the header route reaches it and its match is shown.
        let info = virtual_service_info(&vs, svc, &n, &m, Some(&dr), "ns");
        // istioctl joins "Match: " and " when headers are": two spaces.
        assert_eq!(info.lines[0].1, "Match:  when headers are end-user=jason");
    }

    #[test]
    fn no_matching_destinations_lists_the_reasons() {
        let vs = json!({"metadata": {"name": "r", "namespace": "ns"}, "spec": {"http": [
            {"route": [{"destination": {"host": "reviews", "subset": "v9"}}]}
        ]}});
        let info = virtual_service_info(&vs, "reviews.ns.svc.cluster.local", &[], &[], None, "ns");
        assert_eq!(
            info.lines[0],
            (
                L1,
                "WARNING: No destinations match pod subsets (checked 1 HTTP routes)".into()
            )
        );
        assert_eq!(
            info.lines[1],
            (
                L2,
                "Warning: Route to subset v9 but NO DESTINATION RULE defining subsets!".into()
            )
        );
    }

    #[test]
    fn destination_rules_prefer_the_client_namespace_and_exact_hosts() {
        let dr = |name: &str, ns: &str, host: &str| json!({"metadata": {"name": name, "namespace": ns, "creationTimestamp": "2024-01-01T00:00:00Z"}, "spec": {"host": host}});
        let inputs = Inputs {
            destination_rules: vec![
                dr("root", "istio-system", "reviews.app.svc.cluster.local"),
                dr("wild", "app", "*.app.svc.cluster.local"),
                dr("exact", "app", "reviews"),
                dr("other", "other", "reviews"),
            ],
            root_namespace: "istio-system".into(),
            ..Inputs::default()
        };
        let l = labels(&json!({"app": "reviews"}));
        let got = destination_rule_for(&inputs, "reviews.app.svc.cluster.local", "app", "app", &l)
            .unwrap();
        assert_eq!(meta(got, "name"), "exact");
        let mut only_root = inputs.clone();
        only_root
            .destination_rules
            .retain(|d| meta(d, "namespace") != "app");
        let got = destination_rule_for(
            &only_root,
            "reviews.app.svc.cluster.local",
            "app",
            "app",
            &l,
        )
        .unwrap();
        assert_eq!(meta(got, "name"), "root");
        // exportTo "." hides a rule from other namespaces.
        let hidden = json!({"metadata": {"name": "h", "namespace": "x"}, "spec": {"host": "reviews.app.svc.cluster.local", "exportTo": ["."]}});
        assert!(!visible_in(&hidden, "app"));
        assert!(visible_in(&hidden, "x"));
    }

    #[test]
    fn subsets_split_by_pod_labels() {
        let dr = json!({"spec": {"subsets": [{"name": "v1", "labels": {"version": "v1"}}, {"name": "v2", "labels": {"version": "v2"}}, {"name": "all"}]}});
        let (m, n) = subsets(&dr, &labels(&json!({"version": "v1"})));
        assert_eq!(m, vec!["v1", "all"]);
        assert_eq!(n, vec!["v2"]);
    }
}
