//! What the pod's Envoy actually received, from its `/config_dump`: for each
//! Service port, the outbound cluster, the DestinationRule named in the
//! cluster's Istio metadata and the VirtualService named in the route
//! metadata (as istioctl finds them), compared with the configuration.

use serde_json::Value;

use super::model::{Description, ProxyInfo, ProxyPort};
use crate::proxy_config::dump::{ConfigDump, arr_at, field, str_at};
use crate::proxy_config::names::describe_management;

const CLUSTERS: &str = "ClustersConfigDump";
const ROUTES: &str = "RoutesConfigDump";

fn clusters(dump: &ConfigDump) -> Vec<&Value> {
    let mut out = Vec::new();
    for s in dump.sections(CLUSTERS) {
        for key in ["dynamic_active_clusters", "static_clusters"] {
            out.extend(arr_at(s, &[key]).iter().filter_map(|c| field(c, "cluster")));
        }
    }
    out
}

fn route_configs(dump: &ConfigDump) -> Vec<&Value> {
    let mut out = Vec::new();
    for s in dump.sections(ROUTES) {
        for key in ["dynamic_route_configs", "static_route_configs"] {
            out.extend(
                arr_at(s, &[key])
                    .iter()
                    .filter_map(|c| field(c, "route_config")),
            );
        }
    }
    out
}

/// The VirtualService of the route config named after `port` (or `http.*`)
/// for `fqdn`: a vhost with that domain, or a route to its cluster.
fn virtual_service(dump: &ConfigDump, fqdn: &str, port: i64) -> Option<String> {
    let cluster_prefix = format!("outbound|{port}|");
    let cluster_suffix = format!("|{fqdn}");
    for rc in route_configs(dump) {
        let name = str_at(rc, &["name"]);
        if name != port.to_string() && !name.starts_with("http.") && !name.starts_with("https.") {
            continue;
        }
        for vh in arr_at(rc, &["virtual_hosts"]) {
            let domain = arr_at(vh, &["domains"])
                .iter()
                .any(|d| d.as_str() == Some(fqdn));
            for r in arr_at(vh, &["routes"]) {
                let c = str_at(r, &["route", "cluster"]);
                let to_svc = c.starts_with(&cluster_prefix) && c.ends_with(&cluster_suffix);
                if domain || to_svc {
                    let vs = describe_management(field(r, "metadata"));
                    if !vs.is_empty() {
                        return Some(vs);
                    }
                }
            }
        }
    }
    None
}

/// Compare the proxy's view with `desc` and attach it.
pub fn attach(desc: &mut Description, dump: &ConfigDump, source: &str) {
    let all = clusters(dump);
    let mut ports = Vec::new();
    let mut warnings = Vec::new();
    for svc in &desc.services {
        let fqdn = format!("{}.{}.svc.cluster.local", svc.name, svc.namespace);
        for p in &svc.ports {
            let name = format!("outbound|{}||{fqdn}", p.port);
            let cluster = all.iter().find(|c| str_at(c, &["name"]) == name);
            let dr = cluster
                .map(|c| describe_management(field(c, "metadata")))
                .filter(|s| !s.is_empty());
            let vs = virtual_service(dump, &fqdn, p.port);
            let want_dr = p
                .destination_rule
                .as_ref()
                .map(|d| format!("{}.{}", d.name, d.namespace));
            let want_vs = p
                .virtual_service
                .as_ref()
                .map(|v| format!("{}.{}", v.name, v.namespace));
            let agrees = cluster.is_some() && dr == want_dr && vs == want_vs;
            if cluster.is_none() {
                warnings.push(format!("the proxy has no cluster {name}"));
            }
            if cluster.is_some() && dr != want_dr {
                warnings.push(format!(
                    "the proxy uses DestinationRule {} for {}:{}, the configuration says {}",
                    dr.as_deref().unwrap_or("(none)"),
                    svc.name,
                    p.port,
                    want_dr.as_deref().unwrap_or("(none)")
                ));
            }
            if vs != want_vs {
                warnings.push(format!(
                    "the proxy routes {}:{} by VirtualService {}, the configuration says {}",
                    svc.name,
                    p.port,
                    vs.as_deref().unwrap_or("(none)"),
                    want_vs.as_deref().unwrap_or("(none)")
                ));
            }
            ports.push(ProxyPort {
                service: svc.name.clone(),
                port: p.port,
                cluster: cluster.map(|_| name),
                destination_rule: dr,
                virtual_service: vs,
                agrees,
            });
        }
    }
    desc.proxy = Some(ProxyInfo {
        source: source.to_string(),
        ports,
        warnings,
    });
}
