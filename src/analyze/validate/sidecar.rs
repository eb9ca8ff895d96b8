//! Sidecar: workload selector, ingress listeners (port, bind, default
//! endpoint, TLS, connection pool), egress listeners (port, bind, capture
//! mode, `namespace/host` hosts), outbound traffic policy.

use serde_json::Value;

use super::checks::{self, Protocol};
use super::destination_rule::connection_pool;
use super::gateway::tls_options;
use super::virtual_service::destination;
use super::{Findings, Target, field, flag, has, int, list, strs, text};

pub fn validate(t: &Target) -> Findings {
    let sc = t.spec;
    let mut f = Findings::default();
    match checks::alpha_workload_selector(field(sc, "workloadSelector"), "sidecar") {
        Ok(w) => f.merge(w),
        Err(errors) => return errors,
    }
    let ingress = list(sc, "ingress");
    let egress = list(sc, "egress");
    if ingress.is_empty()
        && egress.is_empty()
        && !has(sc, "outboundTrafficPolicy")
        && !has(sc, "inboundConnectionPool")
    {
        return Findings {
            errors: vec!["sidecar: empty configuration provided".into()],
            warnings: Vec::new(),
        };
    }
    let mut ports: Vec<i64> = Vec::new();
    for i in ingress {
        if i.is_null() {
            f.err("sidecar: ingress may not be null");
            continue;
        }
        let Some(port) = field(i, "port") else {
            f.err("sidecar: port is required for ingress listeners");
            continue;
        };
        if int(port, "targetPort") > 0 {
            f.err("targetPort has no impact on Sidecars");
        }
        let bind = text(i, "bind");
        port_name_protocol_number(port, &mut f);
        if !bind.is_empty() {
            f.check(checks::ip(bind));
        }
        let number = int(port, "number");
        if ports.contains(&number) {
            f.err("sidecar: ports on IP bound listeners must be unique");
        }
        ports.push(number);
        default_endpoint(text(i, "defaultEndpoint"), &mut f);
        if let Some(tls) = field(i, "tls") {
            ingress_tls(tls, port, &mut f);
        }
        if let Some(cp) = field(i, "connectionPool") {
            connection_pool(cp, &mut f.errors);
            if has(cp, "http") && !Protocol::parse(text(port, "protocol")).is_http() {
                f.warn(format!(
                    "sidecar: HTTP connection pool settings are configured for port {number} (\"{}\") but its protocol is not HTTP ({}); only TCP settings will apply",
                    text(port, "name"),
                    text(port, "protocol")
                ));
            }
        }
    }
    if let Some(cp) = field(sc, "inboundConnectionPool") {
        connection_pool(cp, &mut f.errors);
    }
    egress_listeners(t.namespace, egress, &mut f);
    if let Some(tp) = field(sc, "outboundTrafficPolicy") {
        outbound_traffic_policy(tp, &mut f);
    }
    f
}

fn port_name_protocol_number(port: &Value, f: &mut Findings) {
    let name = text(port, "name");
    if !name.is_empty() {
        f.check(checks::port_name(name));
    }
    f.check(checks::protocol(text(port, "protocol")));
    f.check(checks::port(int(port, "number")));
}

fn default_endpoint(ep: &str, f: &mut Findings) {
    if ep.is_empty() {
        return;
    }
    if let Some(path) = ep.strip_prefix("unix://") {
        f.check(checks::unix_address(path));
        return;
    }
    let (host, port) = match split_host_port(ep) {
        Ok(hp) => hp,
        Err(e) => {
            f.err(e);
            ("", "")
        }
    };
    if !matches!(host, "" | "127.0.0.1" | "0.0.0.0" | "::1" | "::") {
        f.err("sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset");
    }
    if let Ok(p) = port.parse::<i64>() {
        f.check(checks::port(p));
    } else {
        let why = if !port.is_empty()
            && port
                .trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            "value out of range"
        } else {
            "invalid syntax"
        };
        f.err(format!(
            "sidecar: defaultEndpoint port ({port}) is not a number: strconv.Atoi: parsing \"{port}\": {why}"
        ));
    }
}

/// Go's `net.SplitHostPort`.
fn split_host_port(hp: &str) -> Result<(&str, &str), String> {
    let missing = || format!("address {hp}: missing port in address");
    if let Some(rest) = hp.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| format!("address {hp}: missing ']' in address"))?;
        let port = after.strip_prefix(':').ok_or_else(missing)?;
        return Ok((host, port));
    }
    let (host, port) = hp.rsplit_once(':').ok_or_else(missing)?;
    if host.contains(':') {
        return Err(format!("address {hp}: too many colons in address"));
    }
    Ok((host, port))
}

fn ingress_tls(tls: &Value, port: &Value, f: &mut Findings) {
    if !list(tls, "subjectAltNames").is_empty() {
        f.err("sidecar: subjectAltNames is not supported in ingress tls");
    }
    if flag(tls, "httpsRedirect") {
        f.err("sidecar: httpsRedirect is not supported");
    }
    if !text(tls, "credentialName").is_empty() {
        f.err("sidecar: credentialName is not currently supported");
    }
    if !list(tls, "credentialNames").is_empty() {
        f.err("sidecar: credentialNames is not currently supported");
    }
    if !list(tls, "tlsCertificates").is_empty() {
        f.err("sidecar: tls_certificates is not currently supported");
    }
    let mode = text(tls, "mode");
    if mode == "ISTIO_MUTUAL" || mode == "AUTO_PASSTHROUGH" {
        f.err(format!(
            "configuration is invalid: cannot set mode to {mode} in sidecar ingress tls"
        ));
    }
    if !Protocol::parse(text(port, "protocol")).is_tls() {
        f.err("server cannot have TLS settings for non HTTPS/TLS ports");
    }
    f.merge(tls_options(tls));
}

fn egress_listeners(namespace: &str, egress: &[Value], f: &mut Findings) {
    let mut ports: Vec<i64> = Vec::new();
    let mut sockets: Vec<&str> = Vec::new();
    let mut catch_all = false;
    for (index, e) in egress.iter().enumerate() {
        if e.is_null() {
            f.err("egress listener may not be null");
            continue;
        }
        if let Some(port) = field(e, "port") {
            if int(port, "targetPort") > 0 {
                f.err("targetPort has no impact on Sidecars");
            }
            let bind = text(e, "bind");
            egress_port(port, bind, text(e, "captureMode"), f);
            let number = int(port, "number");
            if number == 0 {
                if sockets.contains(&bind) {
                    f.err("sidecar: unix domain socket values for listeners must be unique");
                }
                sockets.push(bind);
            } else {
                if ports.contains(&number) {
                    f.err("sidecar: ports on IP bound listeners must be unique");
                }
                ports.push(number);
            }
        } else if catch_all {
            f.err("sidecar: egress can have only one listener with empty port");
            continue;
        } else if index == egress.len() - 1 {
            catch_all = true;
        } else {
            f.err("sidecar: the egress listener with empty port should be the last listener in the list");
        }
        let hosts = strs(e, "hosts");
        if hosts.is_empty() {
            f.err("sidecar: egress listener must contain at least one host");
            continue;
        }
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for h in &hosts {
            if let Some((ns, svc)) = h.split_once('/')
                && !ns.starts_with('~')
            {
                let ns = if ns == "." { namespace } else { ns };
                let in_ns = |s: &str| seen.iter().any(|&(n, x)| n == ns && x == s);
                let duplicate = if svc == "*" {
                    seen.iter().any(|&(n, _)| n == ns)
                } else {
                    in_ns(svc) || in_ns("*")
                };
                if duplicate {
                    f.warn(format!("duplicated egress host: {h}"));
                }
                if !in_ns(svc) {
                    seen.push((ns, svc));
                }
            }
            f.errors
                .extend(checks::namespace_slash_wildcard_hostname(h, false));
        }
        let namespaces: std::collections::BTreeSet<&str> = seen.iter().map(|&(n, _)| n).collect();
        if seen.contains(&("*", "*")) && namespaces.len() != 1 {
            f.warn("`*/*` host select all resources, no other hosts can be added");
        }
    }
}

fn egress_port(port: &Value, bind: &str, capture: &str, f: &mut Findings) {
    let name = text(port, "name");
    if !name.is_empty() {
        f.check(checks::port_name(name));
    }
    if int(port, "number") == 0 {
        f.check(checks::protocol(text(port, "protocol")));
        match bind.strip_prefix("unix://") {
            None => {
                f.err("sidecar: ports with 0 value must have a unix domain socket bind address");
            }
            Some(path) => f.check(checks::unix_address(path)),
        }
        if !matches!(capture, "" | "DEFAULT" | "NONE") {
            f.err("sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners");
        }
    } else {
        f.check(checks::protocol(text(port, "protocol")));
        f.check(checks::port(int(port, "number")));
        if !bind.is_empty() {
            f.check(checks::ip(bind));
        }
    }
}

fn outbound_traffic_policy(tp: &Value, f: &mut Findings) {
    let mode = match text(tp, "mode") {
        "" => "REGISTRY_ONLY",
        m => m,
    };
    if mode == "ALLOW_ANY_DYNAMIC_DNS" {
        f.err("sidecar: ALLOW_ANY_DYNAMIC_DNS mode is only supported in MeshConfig, not in Sidecar resource");
        return;
    }
    let Some(proxy) = field(tp, "egressProxy") else {
        return;
    };
    if mode != "ALLOW_ANY" {
        f.err("sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode");
        return;
    }
    f.check(checks::fqdn(text(proxy, "host")));
    if !has(proxy, "port") {
        f.err("sidecar: egress_proxy port must be non-nil");
        return;
    }
    destination(proxy, &mut f.errors);
}
