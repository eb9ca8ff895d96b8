//! Istio's validation of a mesh config's `defaultConfig`
//! (`ValidateMeshConfigProxyConfig`) and of proxy addresses
//! (`ValidateProxyAddress`, with Go's `net.SplitHostPort` and
//! `strconv.Atoi` texts).

use serde_json::Value;

use super::super::checks::{self, quote};
use super::super::destination_rule::client_tls;
use super::super::{field, map, text, wrapped};
use super::{GoError, SECOND, Validation, check_duration, duration, int};

/// `ValidateMeshConfigProxyConfig`.
pub fn validate(pc: &Value) -> Validation {
    let mut errs = GoError::default();
    let mut warnings = GoError::default();
    if text(pc, "configPath").is_empty() {
        errs.push("config path must be set");
    }
    if text(pc, "binaryPath").is_empty() {
        errs.push("binary path must be set");
    }
    // `clusterName` is a oneof: the last of the two given wins.
    if field(pc, "tracingServiceName").is_none() {
        match field(pc, "serviceCluster") {
            Some(c) if c.as_str().is_some_and(|s| !s.is_empty()) => {}
            Some(_) => errs.push("service cluster must be specified"),
            None => errs.push("oneof service cluster or tracing service name must be specified"),
        }
    }
    let drain = duration(pc, "drainDuration").unwrap_or(0);
    if let Err(e) = check_duration(drain) {
        errs.push(format!("invalid drain duration: {e}"));
    } else if drain % SECOND != 0 {
        errs.push("drain time only supports durations to seconds precision");
    }
    let discovery = text(pc, "discoveryAddress");
    if discovery.is_empty() {
        errs.push("discovery address must be set to the proxy discovery service");
    } else if let Err(e) = proxy_address(discovery) {
        errs.push(format!("invalid discovery address: {e}"));
    }
    if let Some(tracing) = field(pc, "tracing") {
        tracer(tracing, &mut errs);
    }
    let statsd = text(pc, "statsdUdpAddress");
    if !statsd.is_empty()
        && let Err(e) = proxy_address(statsd)
    {
        errs.push(format!("invalid statsd udp address {}: {e}", quote(statsd)));
    }
    let metrics = text(pc, "envoyMetricsServiceAddress");
    if !metrics.is_empty()
        && let Err(e) = proxy_address(metrics)
    {
        errs.push(format!(
            "invalid envoy metrics service address {}: {e}",
            quote(metrics)
        ));
    }
    if map(pc, "proxyMetadata").is_some_and(|m| m.contains_key("ISTIO_META_DNS_AUTO_ALLOCATE")) {
        warnings.push(
            "'ISTIO_META_DNS_AUTO_ALLOCATE' is deprecated; review \
             https://istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/#dns-auto-allocation-v2 \
             for information about replacement functionality",
        );
    }
    for (key, what) in [
        ("envoyMetricsService", "envoy metrics service"),
        ("envoyAccessLogService", "envoy access log service"),
    ] {
        let addr = field(pc, key).map_or("", |s| text(s, "address"));
        if !addr.is_empty()
            && let Err(e) = proxy_address(addr)
        {
            errs.push(format!("invalid {what} address {}: {e}", quote(addr)));
        }
    }
    if let Err(e) = checks::port(int(pc, "proxyAdminPort")) {
        errs.push(format!("invalid proxy admin port: {e}"));
    }
    let policy = match field(pc, "controlPlaneAuthPolicy") {
        Some(Value::String(s)) => s.clone(),
        Some(n @ Value::Number(_)) => match super::super::number(n) {
            0 => "NONE".into(),
            1 => "MUTUAL_TLS".into(),
            1000 => "INHERIT".into(),
            other => other.to_string(),
        },
        _ => "NONE".into(),
    };
    if policy != "NONE" && policy != "MUTUAL_TLS" {
        errs.push(format!(
            "invalid authentication policy: unrecognized control plane auth policy {}",
            quote(&policy)
        ));
    }
    if let Err(e) = checks::port(int(pc, "statusPort")) {
        errs.push(format!("invalid status port: {e}"));
    }
    if let Some(pkp) = field(pc, "privateKeyProvider") {
        errs.append(
            private_key_provider(pkp).prefixed("invalid private key provider configuration:"),
        );
    }
    if let Some(cs) = field(pc, "connectionSettings") {
        let e = connection_settings(cs);
        if !e.is_nil() {
            errs.append(e.prefixed("invalid connection settings:"));
        }
    }
    Validation {
        err: errs,
        warn: warnings,
    }
}

/// The tracer of a proxy's `tracing` and its TLS settings.
fn tracer(tracing: &Value, errs: &mut GoError) {
    if let Some(ls) = field(tracing, "lightstep") {
        let mut e = GoError::default();
        let addr = text(ls, "address");
        if addr.is_empty() {
            e.push("address is required");
        }
        if let Err(x) = proxy_address(addr) {
            e.push(format!("invalid lightstep address: {x}"));
        }
        if text(ls, "accessToken").is_empty() {
            e.push("access token is required");
        }
        if !e.is_nil() {
            errs.append(e.prefixed("invalid lightstep config:"));
        }
    }
    for (key, name) in [("zipkin", "zipkin"), ("datadog", "datadog")] {
        if let Some(t) = field(tracing, key) {
            let addr = text(t, "address").replacen("$(HOST_IP)", "127.0.0.1", 1);
            if let Err(e) = proxy_address(&addr) {
                errs.push(format!("invalid {name} config: {e}"));
            }
        }
    }
    if let Some(tls) = field(tracing, "tlsSettings") {
        let mut out = Vec::new();
        client_tls("", tls, &mut out);
        for e in out {
            errs.push(format!("invalid tracing TLS config: {e}"));
        }
    }
}

fn private_key_provider(pkp: &Value) -> GoError {
    let mut errs = GoError::default();
    // A oneof: the later of the two wins.
    let provider = field(pkp, "qat")
        .map(|q| (q, "qat"))
        .or_else(|| field(pkp, "cryptomb").map(|c| (c, "cryptomb")));
    let Some((conf, _)) = provider else {
        errs.push("private key provider configuration is required");
        errs.push("unknown private key provider");
        return errs;
    };
    match duration(conf, "pollDelay") {
        None => errs.push("pollDelay is required"),
        Some(0) => errs.push("pollDelay must be non zero"),
        Some(_) => {}
    }
    errs
}

fn connection_settings(cs: &Value) -> GoError {
    let mut errs = GoError::default();
    let below = |name: &str, min: f64| wrapped(cs, name).is_some_and(|v| v < min);
    if below("listenerPerConnectionBufferLimitBytes", 0.0) {
        errs.push("listener_per_connection_buffer_limit_bytes must be non-negative");
    }
    if below("clusterPerConnectionBufferLimitBytes", 0.0) {
        errs.push("cluster_per_connection_buffer_limit_bytes must be non-negative");
    }
    for (key, name) in [
        ("httpIdleTimeout", "http_idle_timeout"),
        ("httpMaxConnectionDuration", "http_max_connection_duration"),
        ("httpDrainTimeout", "http_drain_timeout"),
        ("httpRequestTimeout", "http_request_timeout"),
        ("httpRequestHeadersTimeout", "http_request_headers_timeout"),
        ("httpStreamIdleTimeout", "http_stream_idle_timeout"),
        ("httpMaxStreamDuration", "http_max_stream_duration"),
    ] {
        if duration(cs, key).is_some_and(|d| d < 0) {
            errs.push(format!("{name} must be non-negative"));
        }
    }
    if below("httpMaxConcurrentStreams", 1.0) {
        errs.push("http_max_concurrent_streams must be positive");
    }
    if below("http2InitialStreamWindowSize", 65535.0) {
        errs.push("http2_initial_stream_window_size must be at least 65535");
    }
    if below("http2InitialConnectionWindowSize", 65535.0) {
        errs.push("http2_initial_connection_window_size must be at least 65535");
    }
    if below("listenerConnectionLimit", 1.0) {
        errs.push("listener_connection_limit must be positive");
    }
    if below("globalDownstreamConnectionLimit", 1.0) {
        errs.push("global_downstream_connection_limit must be positive");
    }
    errs
}

/// Istio's `ValidateProxyAddress`: `host:port` with a DNS name or an IP.
pub fn proxy_address(addr: &str) -> Result<(), String> {
    let (host, port) =
        split_host_port(addr).map_err(|e| format!("unable to split {}: {e}", quote(addr)))?;
    let n = go_atoi(port).map_err(|e| format!("port ({port}) is not a number: {e}"))?;
    checks::port(n)?;
    if checks::fqdn(host).is_err() && !checks::is_ip(host) {
        return Err(format!(
            "{} is not a valid hostname or an IP address",
            quote(host)
        ));
    }
    Ok(())
}

/// Go's `net.SplitHostPort`, with its error text.
fn split_host_port(hostport: &str) -> Result<(&str, &str), String> {
    let fail = |why: &str| {
        Err(if hostport.is_empty() {
            why.to_string()
        } else {
            format!("address {hostport}: {why}")
        })
    };
    let Some(i) = hostport.rfind(':') else {
        return fail("missing port in address");
    };
    let (host, j, k);
    if hostport.starts_with('[') {
        let Some(end) = hostport.find(']') else {
            return fail("missing ']' in address");
        };
        if end + 1 == hostport.len() {
            return fail("missing port in address");
        } else if end + 1 != i {
            if hostport.as_bytes()[end + 1] == b':' {
                return fail("too many colons in address");
            }
            return fail("missing port in address");
        }
        host = &hostport[1..end];
        (j, k) = (1, end + 1);
    } else {
        host = &hostport[..i];
        if host.contains(':') {
            return fail("too many colons in address");
        }
        (j, k) = (0, 0);
    }
    if hostport[j..].contains('[') {
        return fail("unexpected '[' in address");
    }
    if hostport[k..].contains(']') {
        return fail("unexpected ']' in address");
    }
    Ok((host, &hostport[i + 1..]))
}

/// Go's `strconv.Atoi`, with its error text.
fn go_atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            quote(s)
        ));
    }
    s.trim_start_matches('+')
        .parse()
        .map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", quote(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_addresses() {
        assert!(proxy_address("istiod.istio-system.svc:15012").is_ok());
        assert!(proxy_address("[::1]:80").is_ok());
        assert_eq!(
            proxy_address("foo").unwrap_err(),
            "unable to split \"foo\": address foo: missing port in address"
        );
        assert_eq!(
            proxy_address("").unwrap_err(),
            "unable to split \"\": missing port in address"
        );
        assert_eq!(
            proxy_address("a:b:80").unwrap_err(),
            "unable to split \"a:b:80\": address a:b:80: too many colons in address"
        );
        assert_eq!(
            proxy_address("a:x").unwrap_err(),
            "port (x) is not a number: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            proxy_address("a:0").unwrap_err(),
            "port number 0 must be in the range 1..65535"
        );
        assert_eq!(
            proxy_address("a_b:80").unwrap_err(),
            "\"a_b\" is not a valid hostname or an IP address"
        );
    }
}
