//! ServiceEntry (hosts, addresses, ports, resolution, endpoints, exportTo),
//! WorkloadEntry and WorkloadGroup.

use serde_json::Value;

use super::checks::{self, Protocol};
use super::{Findings, Target, field, has, int, list, map, strs, text};

pub fn validate(t: &Target) -> Findings {
    let se = t.spec;
    let mut f = Findings::default();
    let selector = field(se, "workloadSelector");
    match checks::alpha_workload_selector(selector, "service entry") {
        Ok(w) => f.merge(w),
        Err(errors) => return errors,
    }
    let endpoints = list(se, "endpoints");
    if selector.is_some() && has(se, "endpoints") {
        f.err("only one of WorkloadSelector or Endpoints is allowed in Service Entry");
    }
    let hosts = strs(se, "hosts");
    let resolution = match text(se, "resolution") {
        "" => "NONE",
        r => r,
    };
    if hosts.is_empty() {
        f.err("service entry must have at least one host");
    }
    for h in &hosts {
        if *h == "*" {
            f.err(format!("invalid host {h}"));
        } else {
            f.check(checks::wildcard_domain(h));
            if resolution != "DYNAMIC_DNS"
                && let Err(e) = checks::partial_wildcard(h)
            {
                f.warn(e);
            }
        }
    }
    let addresses = strs(se, "addresses");
    for a in &addresses {
        f.check(checks::ip_subnet(a));
    }
    if addresses.iter().any(|a| a.contains('/')) && resolution != "NONE" && resolution != "STATIC" {
        f.err("CIDR addresses are allowed only for NONE/STATIC resolution types");
    }
    let ports = list(se, "ports");
    let mut names: Vec<&str> = Vec::new();
    let mut numbers: Vec<i64> = Vec::new();
    for p in ports {
        if p.is_null() {
            f.err("service entry port may not be null");
            continue;
        }
        let name = text(p, "name");
        if names.contains(&name) {
            f.err(format!(
                "service entry port name \"{name}\" already defined"
            ));
        }
        names.push(name);
        let number = int(p, "number");
        if numbers.contains(&number) {
            f.err(format!("service entry port {number} already defined"));
        }
        numbers.push(number);
        let target = int(p, "targetPort");
        if target != 0 {
            f.check(checks::port(target));
        }
        let proto = text(p, "protocol");
        // Istio allocates addresses itself (PILOT_ENABLE_IP_AUTOALLOCATE, on
        // by default) unless the resolution is NONE.
        let auto_allocated = resolution != "NONE";
        if addresses.is_empty() && !auto_allocated && (proto.is_empty() || proto == "TCP") {
            f.warn("addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled");
        }
        f.check(checks::port_name(name));
        f.check(checks::protocol(proto));
        f.check(checks::port(number));
    }
    match resolution {
        "NONE" => {
            if !endpoints.is_empty() {
                f.err("no endpoints should be provided for resolution type none");
            }
            if selector.is_some() {
                f.warn("workloadSelector should not be set when resolution mode is NONE");
            }
        }
        "STATIC" => {
            for ep in endpoints {
                if ep.is_null() {
                    f.err("endpoint cannot be nil");
                    continue;
                }
                f.merge(workload_entry(ep, Some(&names), false));
            }
        }
        "DNS" | "DNS_ROUND_ROBIN" => {
            if endpoints.is_empty()
                && let Some(e) = hosts.iter().find_map(|h| checks::fqdn(h).err())
            {
                f.err(format!("hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode {resolution}, {e}"));
            }
            if resolution == "DNS_ROUND_ROBIN" && endpoints.len() > 1 {
                f.err(format!(
                    "there must only be 0 or 1 endpoint for resolution mode {resolution}"
                ));
            }
            for ep in endpoints {
                if ep.is_null() {
                    f.err("endpoint cannot be nil");
                    continue;
                }
                let addr = text(ep, "address");
                if !checks::is_ip(addr) && checks::fqdn(addr).is_err() {
                    f.err(format!(
                        "endpoint address \"{addr}\" is not a valid FQDN or an IP address"
                    ));
                }
                f.errors.extend(checks::labels(map(ep, "labels")));
                for (name, port) in map(ep, "ports").into_iter().flatten() {
                    let port = super::number(port);
                    if !names.contains(&name.as_str()) {
                        f.err(format!(
                            "endpoint port {port} is not defined by the service entry"
                        ));
                    }
                    f.check(checks::port_name(name));
                    f.check(checks::port(port));
                }
            }
            if !addresses.is_empty()
                && hosts.len() > 1
                && ports
                    .iter()
                    .any(|p| Protocol::parse(text(p, "protocol")).is_tcp())
            {
                f.warn("service entry can not have more than one host specified simultaneously with address and tcp port");
            }
        }
        "DYNAMIC_DNS" => {
            if hosts.is_empty() {
                f.err(format!(
                    "at least one wildcard host must be provided for resolution type {resolution}"
                ));
            }
            for h in &hosts {
                if !h.starts_with('*') {
                    f.err(format!(
                        "host must be wildcarded for resolution mode {resolution}"
                    ));
                }
            }
            if !addresses.is_empty() {
                f.err(format!("addresses cannot be set for resolution type {resolution}. HTTP route domains will only be generatedfrom the hosts field values"));
            }
            if !endpoints.is_empty() {
                f.err(format!("endpoints cannot be set for resolution type {resolution}. Destination IP address determined from hostsfield values"));
            }
            for p in ports {
                let proto = Protocol::parse(text(p, "protocol"));
                if !matches!(
                    proto,
                    Protocol::Http | Protocol::Tls | Protocol::Grpc | Protocol::Http2
                ) {
                    f.err(format!("only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type {resolution}"));
                }
            }
            let location = text(se, "location");
            if !matches!(location, "" | "MESH_EXTERNAL" | "MESH_INTERNAL") {
                f.err(format!(
                    "location must be MESH_EXTERNAL or MESH_INTERNAL for resolution type {resolution}"
                ));
            }
        }
        other => f.err(format!("unsupported resolution type {other}")),
    }
    if resolution != "NONE"
        && hosts.len() > 1
        && ports.iter().any(|p| {
            let proto = Protocol::parse(text(p, "protocol"));
            !proto.is_http() && !proto.is_tls()
        })
    {
        f.err("multiple hosts provided with non-HTTP, non-TLS ports");
    }
    f.errors.extend(checks::export_to(
        t.namespace,
        &strs(se, "exportTo"),
        true,
        false,
    ));
    f
}

/// A WorkloadEntry, or a ServiceEntry endpoint (`service_ports` given; then
/// addresses must be IPs or unix sockets).
fn workload_entry(we: &Value, service_ports: Option<&[&str]>, allow_fqdn: bool) -> Findings {
    let mut f = Findings::default();
    let addr = text(we, "address");
    if addr.is_empty() {
        let network = text(we, "network");
        if network.is_empty() {
            f.err("address is required");
            return f;
        }
        f.warn(format!("address is unset with network \"{network}\""));
    }
    let ports = map(we, "ports");
    let unix = addr.starts_with("unix://");
    if let Some(path) = addr.strip_prefix("unix://") {
        f.check(checks::unix_address(path));
        if ports.is_some_and(|p| !p.is_empty()) {
            f.err(format!("unix endpoint {addr} must not include ports"));
        }
    } else if !addr.is_empty() && !checks::is_ip(addr) {
        if !allow_fqdn {
            f.err(format!(
                "endpoint address \"{addr}\" is not a valid IP address"
            ));
        } else if checks::fqdn(addr).is_err() {
            f.err(format!(
                "endpoint address \"{addr}\" is not a valid FQDN or an IP address"
            ));
        }
    }
    for (name, port) in ports.into_iter().flatten() {
        let port = super::number(port);
        if let Some(sp) = service_ports
            && !sp.contains(&name.as_str())
        {
            f.err(format!(
                "endpoint port {port} is not defined by the service entry"
            ));
        }
        f.check(checks::port_name(name));
        f.check(checks::port(port));
    }
    f.errors.extend(checks::labels(map(we, "labels")));
    if unix && service_ports.is_some_and(|sp| sp.len() != 1) {
        f.err("exactly 1 service port required for unix endpoints");
    }
    f
}

pub fn validate_workload_entry(t: &Target) -> Findings {
    workload_entry(t.spec, None, true)
}

pub fn validate_workload_group(t: &Target) -> Findings {
    let wg = t.spec;
    let mut f = Findings::default();
    let Some(_template) = field(wg, "template") else {
        f.err("template is required");
        return f;
    };
    if let Some(meta) = field(wg, "metadata") {
        let errs = checks::labels(map(meta, "labels"));
        if let Some(joined) = super::multierror_text(&errs) {
            f.err(format!("invalid labels: {joined}"));
            return f;
        }
    }
    if let Some(probe) = field(wg, "probe") {
        readiness_probe(probe, &mut f);
    }
    f
}

fn readiness_probe(probe: &Value, f: &mut Findings) {
    for (key, name) in [
        ("periodSeconds", "periodSeconds"),
        ("initialDelaySeconds", "initialDelaySeconds"),
        ("timeoutSeconds", "timeoutSeconds"),
        ("successThreshold", "successThreshold"),
        ("failureThreshold", "failureThreshold"),
    ] {
        if int(probe, key) < 0 {
            f.err(format!("{name} must be non-negative"));
        }
    }
    if let Some(h) = field(probe, "httpGet") {
        f.check(checks::port(int(h, "port")));
        let scheme = text(h, "scheme");
        if !scheme.is_empty() && scheme != "HTTPS" && scheme != "HTTP" {
            f.err("httpGet.scheme must be one of \"HTTPS\", \"HTTP\"");
        }
        for header in list(h, "httpHeaders") {
            if header.is_null() {
                f.err("invalid nil header");
                continue;
            }
            f.check(checks::probe_header_name(text(header, "name")));
        }
    } else if let Some(tcp) = field(probe, "tcpSocket") {
        f.check(checks::port(int(tcp, "port")));
    } else if let Some(exec) = field(probe, "exec") {
        if list(exec, "command").is_empty() {
            f.err("exec.command is required");
        }
    } else {
        f.err("unknown health check method <nil>");
    }
}
