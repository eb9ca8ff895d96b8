//! DestinationRule: host, traffic policies (outlier detection, connection
//! pool, load balancer, TLS, port-level settings, tunnel, proxy protocol),
//! subsets, exportTo, workload selector.

use serde_json::Value;

use super::checks::{self, quote};
use super::{Findings, Target, field, flag, has, int, list, map, strs, text, wrapped};

pub fn validate(t: &Target) -> Findings {
    let dr = t.spec;
    let mut f = Findings::default();
    f.check(checks::wildcard_domain(text(dr, "host")));
    if let Some(tp) = field(dr, "trafficPolicy") {
        f.merge(traffic_policy(t.namespace, tp));
    }
    let mut names: Vec<&str> = Vec::new();
    for subset in list(dr, "subsets") {
        if subset.is_null() {
            f.err("subset may not be null");
            continue;
        }
        let name = text(subset, "name");
        if names.contains(&name) {
            f.err(format!("duplicate subset names: {name}"));
        }
        names.push(name);
        if name.is_empty() {
            f.err("subset name cannot be empty");
        } else if !checks::is_dns1123_label(name) {
            f.err(format!("subset name is invalid: {name}"));
        }
        f.errors.extend(checks::labels(map(subset, "labels")));
        if let Some(tp) = field(subset, "trafficPolicy") {
            f.merge_errors(traffic_policy(t.namespace, tp));
        }
    }
    let selector = field(dr, "workloadSelector");
    f.errors.extend(checks::export_to(
        t.namespace,
        &strs(dr, "exportTo"),
        false,
        selector.is_some(),
    ));
    f.merge(checks::workload_selector(selector));
    f
}

const POLICY_FIELDS: &[&str] = &[
    "outlierDetection",
    "connectionPool",
    "loadBalancer",
    "tls",
    "portLevelSettings",
    "tunnel",
    "proxyProtocol",
    "retryBudget",
];

fn traffic_policy(namespace: &str, tp: &Value) -> Findings {
    let mut f = Findings::default();
    if !POLICY_FIELDS.iter().any(|k| has(tp, k)) {
        f.err("traffic policy must have at least one field");
        return f;
    }
    if has(tp, "tunnel") && has(tp, "proxyProtocol") {
        f.err("tunnel and proxyProtocol must not be set together");
        return f;
    }
    f.merge(policy_settings(namespace, tp));
    for pl in list(tp, "portLevelSettings") {
        if pl.is_null() {
            f.err("traffic policy may not be null");
            continue;
        }
        if !has(pl, "port") {
            f.err("portTrafficPolicy must have valid port");
        }
        let fields = ["outlierDetection", "connectionPool", "loadBalancer", "tls"];
        if !fields.iter().any(|k| has(pl, k)) {
            f.err("port traffic policy must have at least one field");
            continue;
        }
        // Istio keeps only the errors of port-level settings.
        f.merge_errors(policy_settings(namespace, pl));
    }
    if let Some(tunnel) = field(tp, "tunnel") {
        let proto = text(tunnel, "protocol");
        if !proto.is_empty() && proto != "CONNECT" && proto != "POST" {
            f.err("tunnel protocol must be \"CONNECT\" or \"POST\"");
        }
        let target = text(tunnel, "targetHost");
        if let (Err(fq), Err(ip)) = (checks::fqdn(target), checks::ip(target)) {
            f.err(format!(
                "tunnel target host must be valid FQDN or IP address: {fq}; {ip}"
            ));
        }
        if let Err(e) = checks::port(int(tunnel, "targetPort")) {
            f.err(format!("tunnel target port is invalid: {e}"));
        }
    }
    if let Some(pp) = field(tp, "proxyProtocol") {
        let v = match field(pp, "version") {
            Some(Value::String(s)) => match s.as_str() {
                "V1" => 0,
                "V2" => 1,
                _ => 2,
            },
            Some(v) => super::number(v),
            None => 0,
        };
        if v != 0 && v != 1 {
            f.err(format!("proxy protocol version is invalid: {v}"));
        }
    }
    f
}

/// Outlier detection, connection pool, load balancer and TLS of a traffic
/// policy or of one of its port-level settings.
fn policy_settings(namespace: &str, p: &Value) -> Findings {
    let mut f = Findings::default();
    let outlier = field(p, "outlierDetection");
    if let Some(o) = outlier {
        f.merge(outlier_detection(o));
    }
    if let Some(cp) = field(p, "connectionPool") {
        connection_pool(cp, &mut f.errors);
    }
    if let Some(lb) = field(p, "loadBalancer") {
        f.merge(load_balancer(lb, outlier.is_some()));
    }
    if let Some(tls) = field(p, "tls") {
        client_tls(namespace, tls, &mut f.errors);
    }
    f
}

fn outlier_detection(o: &Value) -> Findings {
    let mut f = Findings::default();
    checks::duration_field(&mut f, o, "baseEjectionTime");
    if int(o, "consecutiveErrors") != 0 {
        f.warn("outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead");
    }
    if !flag(o, "splitExternalLocalOriginErrors")
        && wrapped(o, "consecutiveLocalOriginFailures").is_some_and(|v| v > 0.0)
    {
        f.err("outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false");
    }
    checks::duration_field(&mut f, o, "interval");
    f.check(checks::percent(int(o, "maxEjectionPercent")));
    f.check(checks::percent(int(o, "minHealthPercent")));
    f
}

/// The HTTP connection pool's counts that must not be negative, with
/// Istio's messages.
pub const HTTP_POOL_COUNTS: &[(&str, &str)] = &[
    (
        "http1MaxPendingRequests",
        "http1 max pending requests must be non-negative",
    ),
    (
        "http2MaxRequests",
        "http2 max requests must be non-negative",
    ),
    (
        "maxRequestsPerConnection",
        "max requests per connection must be non-negative",
    ),
    ("maxRetries", "max retries must be non-negative"),
];

/// A `ConnectionPoolSettings` (DestinationRule and Sidecar).
pub fn connection_pool(cp: &Value, out: &mut Vec<String>) {
    let http = field(cp, "http");
    let tcp = field(cp, "tcp");
    if http.is_none() && tcp.is_none() {
        out.push("connection pool must have at least one field".into());
        return;
    }
    let mut f = Findings::default();
    if let Some(h) = http {
        for (key, msg) in HTTP_POOL_COUNTS {
            if int(h, key) < 0 {
                f.err(*msg);
            }
        }
        checks::duration_field(&mut f, h, "idleTimeout");
        if text(h, "h2UpgradePolicy") == "UPGRADE" && flag(h, "useClientProtocol") {
            f.err("use client protocol must not be true when H2UpgradePolicy is UPGRADE");
        }
        if int(h, "maxConcurrentStreams") < 0 {
            f.err("max concurrent streams must be non-negative");
        }
        if let Some(ka) = field(h, "http2KeepAlive") {
            for (key, name) in [("interval", "interval"), ("timeout", "timeout")] {
                match field(ka, key) {
                    None => f.err(format!("http2 keepalive {name} is required")),
                    Some(d) => f.check(checks::duration(d)),
                }
            }
        }
    }
    if let Some(t) = tcp {
        if int(t, "maxConnections") < 0 {
            f.err("max connections must be non-negative");
        }
        checks::duration_field(&mut f, t, "connectTimeout");
        checks::duration_field(&mut f, t, "maxConnectionDuration");
        if let Some(idle) = field(t, "idleTimeout")
            && checks::duration_nanos(idle).unwrap_or(0) / 1_000_000 != 0
        {
            f.check(checks::duration(idle));
        }
        if let Some(ka) = field(t, "tcpKeepalive") {
            checks::duration_field(&mut f, ka, "time");
            checks::duration_field(&mut f, ka, "interval");
        }
    }
    out.extend(f.errors);
}

fn is_prime(x: u64) -> bool {
    if x != 0 && x < 4 {
        return true;
    }
    if x & 1 == 0 {
        return false;
    }
    let mut factor: u64 = 3;
    while factor.saturating_mul(factor) <= x {
        if x.is_multiple_of(factor) {
            return false;
        }
        factor += 2;
    }
    true
}

fn load_balancer(lb: &Value, has_outlier: bool) -> Findings {
    let mut f = Findings::default();
    if let Some(ch) = field(lb, "consistentHash") {
        if let Some(cookie) = field(ch, "httpCookie") {
            if text(cookie, "name").is_empty() {
                f.err("name required for HttpCookie");
            }
            let mut seen: Vec<&str> = Vec::new();
            for attr in list(cookie, "attributes") {
                let name = text(attr, "name");
                if name.is_empty() {
                    f.err("cookie attribute name cannot be empty");
                    continue;
                }
                if seen.contains(&name) {
                    f.err(format!("duplicate cookie attribute name: {name}"));
                } else {
                    seen.push(name);
                }
            }
        }
        let ring = int(ch, "minimumRingSize");
        if ring != 0 {
            f.warn("consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
            if has(ch, "ringHash") || has(ch, "maglev") {
                f.err("only one of MinimumRingSize or Maglev/Ringhash can be specified");
            }
        }
        if let Some(ml) = field(ch, "maglev") {
            let size = u64::try_from(int(ml, "tableSize")).unwrap_or(0);
            if size == 0 {
                f.err("tableSize must be set for maglev");
            }
            if size >= 5_000_011 {
                f.err("tableSize must be less than 5000011 for maglev");
            }
            if !is_prime(size) {
                f.err("tableSize must be a prime number for maglev");
            }
        }
    }
    let locality = field(lb, "localityLbSetting");
    if locality.is_some() && has(lb, "zoneAwareLbSetting") {
        f.err("only one of localityLbSetting and zoneAwareLbSetting can be set");
    }
    if let Some(l) = locality {
        f.merge(locality_lb(l, has_outlier));
    }
    if let Some(z) = field(lb, "zoneAwareLbSetting") {
        for m in super::mesh::traffic::zone_aware_lb(z).messages {
            f.err(m);
        }
        if (!list(z, "failover").is_empty() || !strs(z, "failoverPriority").is_empty())
            && !has_outlier
        {
            f.warn("outlier detection policy must be provided for failover");
        }
    }
    if let Some(w) = field(lb, "warmup") {
        match field(w, "duration") {
            None => f.err("duration is required"),
            Some(d) => f.check(checks::duration(d)),
        }
        if wrapped(w, "minimumPercent").is_some_and(|v| v > 100.0) {
            f.err("minimumPercent value should be less than or equal to 100");
        }
        if wrapped(w, "aggression").is_some_and(|v| v <= 0.0) {
            f.err("aggression should be greater than 0");
        }
    }
    f
}

fn locality_lb(lb: &Value, has_outlier: bool) -> Findings {
    let mut f = Findings::default();
    let distribute = list(lb, "distribute");
    let failover = list(lb, "failover");
    let priority = strs(lb, "failoverPriority");
    if !distribute.is_empty() && !failover.is_empty() {
        f.err("can not simultaneously specify 'distribute' and 'failover'");
        return f;
    }
    if !failover.is_empty() {
        for p in &priority {
            if matches!(
                *p,
                "topology.kubernetes.io/region"
                    | "topology.kubernetes.io/zone"
                    | "topology.istio.io/subzone"
            ) {
                f.err(format!(
                    "can not simultaneously set 'failover' and topology label '{p}' in 'failover_priority'"
                ));
                return f;
            }
        }
    }
    for d in distribute {
        let mut total = 0;
        for w in map(d, "to").into_iter().flat_map(|m| m.values()) {
            let w = super::number(w);
            if w <= 0 || w > 100 {
                f.err("locality weight must be in range [1, 100]");
                return f;
            }
            total += w;
        }
        if total != 100 {
            f.err(format!("total locality weight {total} != 100"));
            return f;
        }
        // Istio checks these in Go map order (random: an overlap is found or
        // not from run to run); broader localities first finds it always.
        let mut to: Vec<&str> = map(d, "to")
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect();
        to.sort_by_key(|l| (l.split('/').count(), !l.ends_with('*')));
        f.check(super::mesh::traffic::localities(&to));
    }
    let from: Vec<&str> = distribute.iter().map(|d| text(d, "from")).collect();
    f.check(super::mesh::traffic::localities(&from));
    if (!failover.is_empty() || !priority.is_empty()) && !has_outlier {
        f.warn("outlier detection policy must be provided for failover");
    }
    for fo in failover {
        let (from, to) = (text(fo, "from"), text(fo, "to"));
        if from == to {
            f.err("locality lb failover settings must specify different regions");
        }
        if from.contains('/') || to.contains('/') {
            f.err("locality lb failover only specify region");
        }
        if from.contains('*') || to.contains('*') {
            f.err("locality lb failover region should not contain '*' wildcard");
        }
    }
    f
}

/// A `ClientTLSSettings`.
pub fn client_tls(namespace: &str, tls: &Value, out: &mut Vec<String>) {
    let mode = text(tls, "mode");
    let credential = text(tls, "credentialName");
    let ca = text(tls, "caCertificates");
    if let Some(rest) = credential.strip_prefix("configmap://") {
        let ns = match rest.split('/').collect::<Vec<_>>()[..] {
            [_name] => Some(namespace),
            [ns, _name] => Some(ns),
            _ => None,
        };
        match ns {
            None => out.push(format!(
                "invalid configmap:// credentialName: invalid resource name {}. Expected configmap://<namespace>/<name> or configmap://<name>",
                quote(credential)
            )),
            Some(ns) if ns != namespace || namespace.is_empty() => out.push(format!(
                "invalid configmap:// credentialName: namespace must match the configuration namespace {}",
                quote(namespace)
            )),
            Some(_) => {}
        }
    }
    if flag(tls, "insecureSkipVerify") {
        if mode == "SIMPLE"
            && (!ca.is_empty() || !credential.is_empty() || has(tls, "subjectAltNames"))
        {
            out.push("cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true".into());
        }
        if mode == "MUTUAL" && (!ca.is_empty() || has(tls, "subjectAltNames")) {
            out.push(
                "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true"
                    .into(),
            );
        }
    }
    if (mode == "SIMPLE" || mode == "MUTUAL") && !credential.is_empty() {
        if !text(tls, "clientCertificate").is_empty()
            || !ca.is_empty()
            || !text(tls, "privateKey").is_empty()
            || !text(tls, "caCrl").is_empty()
        {
            out.push("cannot specify client certificates or CA certificate or CA CRL If credentialName is set".into());
        }
        return;
    }
    if mode == "MUTUAL" {
        if text(tls, "clientCertificate").is_empty() {
            out.push("client certificate required for mutual tls".into());
        }
        if text(tls, "privateKey").is_empty() {
            out.push("private key required for mutual tls".into());
        }
    }
}
