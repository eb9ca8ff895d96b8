//! Gateway exposure: the Gateways (and their ingress pods and Services) that
//! a VirtualService binds to and routes to one of the pod's Services.

use serde_json::{Map, Value};

use super::model::{Exposure, GatewayInfo};
use super::pod::{find_target_port, port_protocol, service_selects};
use super::routes::{
    destination_rule_for, resolve_host, subsets, virtual_service_info, visible_in,
};
use super::{Inputs, meta};
use crate::analyze::util::{items, selector_matches, str_of, strings};

/// An ingress: a Service in front of some gateway pods.
struct Ingress<'a> {
    service: &'a Value,
    pods: Vec<&'a Value>,
}

impl Ingress<'_> {
    /// istioctl's `getIngressIP`.
    fn ip(&self) -> String {
        if let Some(ip) = self
            .service
            .pointer("/status/loadBalancer/ingress/0/ip")
            .and_then(Value::as_str)
        {
            return ip.to_string();
        }
        self.pods
            .first()
            .and_then(|p| p.pointer("/status/hostIP"))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("unknown")
            .to_string()
    }

    /// istioctl's `printIngressService`: the http/http2 ports as URLs.
    fn urls(&self) -> Vec<String> {
        let Some(pod) = self.pods.first() else {
            return Vec::new();
        };
        items(self.service.pointer("/spec/ports"))
            .iter()
            .filter(|p| p.get("protocol").and_then(Value::as_str).unwrap_or("TCP") == "TCP")
            .filter(|p| matches!(str_of(p, "name"), "http" | "http2"))
            .filter(|p| find_target_port(pod, p).is_ok())
            .filter(|p| matches!(port_protocol(p).as_str(), "HTTP" | "HTTP2"))
            .map(|p| {
                let n = p.get("port").and_then(Value::as_i64).unwrap_or(0);
                let suffix = if n == 80 {
                    String::new()
                } else {
                    format!(":{n}")
                };
                format!("http://{}{suffix}", self.ip())
            })
            .collect()
    }
}

fn contains(labels: Option<&Map<String, Value>>, sel: Option<&Map<String, Value>>) -> bool {
    sel.is_none_or(|s| selector_matches(s, labels))
}

fn labels_of(v: &Value) -> Option<&Map<String, Value>> {
    v.pointer("/metadata/labels").and_then(Value::as_object)
}

/// Whether a VirtualService routes somewhere to `fqdn`.
fn routes_to(vs: &Value, fqdn: &str) -> bool {
    let ns = meta(vs, "namespace");
    ["http", "tcp", "tls"].iter().any(|section| {
        items(vs.pointer(&format!("/spec/{section}")))
            .iter()
            .flat_map(|r| items(r.get("route")))
            .any(|rd| resolve_host(ns, str_of(&rd["destination"], "host")) == fqdn)
    })
}

/// Where the pod's Services are exposed through gateways.
pub fn exposure(inputs: &Inputs, labels: &Map<String, Value>) -> GatewayInfo {
    let mut info = GatewayInfo {
        gateway_pods: !inputs.gateway_pods.is_empty(),
        exposures: Vec::new(),
        notes: Vec::new(),
    };
    if inputs.gateway_pods.is_empty() {
        info.notes
            .push("Skipping Gateway information (no ingress gateway pods)".into());
        return info;
    }
    let ingresses: Vec<Ingress> = inputs
        .gateway_services
        .iter()
        .filter_map(|s| {
            let sel = s.pointer("/spec/selector").and_then(Value::as_object);
            let pods: Vec<&Value> = inputs
                .gateway_pods
                .iter()
                .filter(|p| meta(p, "namespace") == meta(s, "namespace"))
                .filter(|p| labels_of(p).is_some() && contains(labels_of(p), sel))
                .collect();
            (!pods.is_empty()).then_some(Ingress { service: s, pods })
        })
        .collect();
    if ingresses.is_empty() {
        info.notes
            .push("Skipping Gateway information (no ingress gateway service)".into());
    }
    for svc in inputs
        .services
        .iter()
        .filter(|s| service_selects(s, labels))
    {
        let fqdn = format!(
            "{}.{}.svc.cluster.local",
            meta(svc, "name"),
            meta(svc, "namespace")
        );
        for vs in inputs
            .virtual_services
            .iter()
            .filter(|vs| routes_to(vs, &fqdn))
        {
            let vs_ns = meta(vs, "namespace");
            for gw_name in strings(vs.pointer("/spec/gateways")) {
                if gw_name.is_empty() || gw_name == "mesh" {
                    continue;
                }
                let (gns, gname) = match gw_name.split_once('/') {
                    Some((n, g)) => (n.to_string(), g.to_string()),
                    None => (vs_ns.to_string(), gw_name.clone()),
                };
                let Some(gw) = inputs
                    .gateways
                    .iter()
                    .find(|g| meta(g, "namespace") == gns && meta(g, "name") == gname)
                else {
                    info.notes.push(format!(
                        "WARNING: VirtualService {}.{vs_ns} references non-existent gateway {gns}/{gname}",
                        meta(vs, "name")
                    ));
                    continue;
                };
                let sel = gw.pointer("/spec/selector").and_then(Value::as_object);
                if sel.is_none_or(Map::is_empty) {
                    info.notes.push(format!(
                        "Ingress Gateway {gns}/{gname} applies to all workloads"
                    ));
                    continue;
                }
                let mut matched: Vec<&Ingress> = ingresses
                    .iter()
                    .filter(|i| i.pods.iter().any(|p| contains(labels_of(p), sel)))
                    .collect();
                if matched.is_empty() {
                    continue;
                }
                matched.sort_by_key(|i| i.ip());
                let dr = destination_rule_for(inputs, &fqdn, &gns, meta(svc, "namespace"), labels)
                    .filter(|dr| visible_in(dr, &gns));
                let (m, n) = dr.map(|d| subsets(d, labels)).unwrap_or_default();
                info.exposures.push(Exposure {
                    gateway: format!("{gns}/{gname}"),
                    urls: matched.iter().flat_map(|i| i.urls()).collect(),
                    service: meta(svc, "name").to_string(),
                    virtual_service: virtual_service_info(
                        vs,
                        &fqdn,
                        &m,
                        &n,
                        dr,
                        &inputs.describe_namespace,
                    ),
                });
            }
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_gateway_route_exposes_the_service() {
        let inputs = Inputs {
            pod: json!({"metadata": {"name": "web-1", "namespace": "app", "labels": {"app": "web"}}}),
            services: vec![
                json!({"metadata": {"name": "web", "namespace": "app"}, "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80}]}}),
            ],
            virtual_services: vec![
                json!({"metadata": {"name": "web", "namespace": "app"}, "spec": {"hosts": ["web.example.com"], "gateways": ["gw", "app/missing"], "http": [{"route": [{"destination": {"host": "web"}}]}]}}),
            ],
            gateways: vec![
                json!({"metadata": {"name": "gw", "namespace": "app"}, "spec": {"selector": {"istio": "ingressgateway"}}}),
            ],
            gateway_pods: vec![
                json!({"metadata": {"name": "gw-1", "namespace": "gws", "labels": {"istio": "ingressgateway"}}, "status": {"hostIP": "10.0.0.9"}}),
            ],
            gateway_services: vec![
                json!({"metadata": {"name": "ingress", "namespace": "gws"}, "spec": {"selector": {"istio": "ingressgateway"}, "ports": [{"name": "http2", "port": 80, "targetPort": 8080}, {"name": "https", "port": 443}]}}),
            ],
            describe_namespace: "app".into(),
            ..Inputs::default()
        };
        let labels = inputs.pod["metadata"]["labels"]
            .as_object()
            .unwrap()
            .clone();
        let info = exposure(&inputs, &labels);
        assert_eq!(info.exposures.len(), 1, "{info:?}");
        assert_eq!(info.exposures[0].urls, vec!["http://10.0.0.9"]);
        assert_eq!(info.exposures[0].gateway, "app/gw");
        assert_eq!(
            info.notes,
            vec!["WARNING: VirtualService web.app references non-existent gateway app/missing"]
        );
        let none = Inputs {
            gateway_pods: vec![],
            ..inputs
        };
        let info = exposure(&none, &labels);
        assert_eq!(
            info.notes,
            vec!["Skipping Gateway information (no ingress gateway pods)"]
        );
    }
}
