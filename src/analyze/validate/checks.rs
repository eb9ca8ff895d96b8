//! Checks shared by the validators: DNS names and hosts, ports, IPs and
//! CIDRs, durations, percentages, labels and selectors, HTTP header names
//! and values, string matches and regular expressions, protocols, exportTo,
//! policy target references. Messages are Istio's.

use std::net::IpAddr;

use serde_json::{Map, Value};

pub use super::super::diag::go_quote as quote;
pub use super::super::util::host_matches;
use super::super::util::is_wildcard;
use super::{Findings, field, list, map, text};

pub type Check = Result<(), String>;

// --- DNS names and hosts ---

fn is_label_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// RFC 1123 label: alphanumerics and `-`, not starting or ending with `-`, ≤ 63.
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|&c| is_label_char(c))
}

/// A label that may be `*`, or start with `*` or `*-` before a label.
pub fn is_wildcard_dns1123_label(s: &str) -> bool {
    if s.len() > 63 {
        return false;
    }
    if s == "*" {
        return true;
    }
    let rest = s
        .strip_prefix("*-")
        .or_else(|| s.strip_prefix('*'))
        .unwrap_or(s);
    is_dns1123_label(rest) || (s.starts_with("*-") && is_dns1123_label(&s[1..]))
}

pub fn dns1123_preconditions(name: &str) -> Check {
    if name.len() > 255 {
        return Err(format!("domain name {} too long (max 255)", quote(name)));
    }
    if name.is_empty() {
        return Err("empty domain name not allowed".into());
    }
    Ok(())
}

pub fn dns1123_labels(domain: &str) -> Check {
    let parts: Vec<&str> = domain.split('.').collect();
    let tld = parts[parts.len() - 1];
    if is_go_int(tld) {
        return Err(format!(
            "domain name {} invalid (top level domain {} cannot be all-numeric)",
            quote(domain),
            quote(tld)
        ));
    }
    for (i, label) in parts.iter().enumerate() {
        if i == parts.len() - 1 && label.is_empty() {
            return Ok(());
        }
        if !is_dns1123_label(label) {
            return Err(format!(
                "domain name {} invalid (label {} invalid)",
                quote(domain),
                quote(label)
            ));
        }
    }
    Ok(())
}

/// What Go's `strconv.Atoi` accepts.
fn is_go_int(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() <= 18
}

pub fn fqdn(name: &str) -> Check {
    dns1123_preconditions(name)?;
    dns1123_labels(name)
}

/// A DNS name whose first label may be a wildcard.
pub fn wildcard_domain(domain: &str) -> Check {
    dns1123_preconditions(domain)?;
    let (first, rest) = match domain.split_once('.') {
        Some((f, r)) => (f, Some(r)),
        None => (domain, None),
    };
    if !is_wildcard_dns1123_label(first) {
        return Err(format!(
            "domain name {} invalid (label {} invalid)",
            quote(domain),
            quote(first)
        ));
    }
    rest.map_or(Ok(()), dns1123_labels)
}

/// Hosts of a VirtualService bound to gateways: SNI hosts may be Istio's
/// generated `outbound_.<port>_._.<host>` names.
pub fn wildcard_domain_for_gateway(sni: bool, domain: &str) -> Check {
    dns1123_preconditions(domain)?;
    if sni && domain.starts_with("outbound_") {
        const FORMAT: &str = "outbound_.<port>_._.<hostname>";
        let parts: Vec<&str> = domain.split('_').collect();
        if parts.len() < 4 {
            return Err(format!(
                "domain name {domain} invalid, should follow '{FORMAT}' format"
            ));
        }
        let port = parts[1].trim_matches('.');
        let hostname = parts[3].trim_matches('.');
        if parts[0] != "outbound" {
            return Err(format!(
                "domain name {} invalid (label {} invalid)",
                quote(domain),
                quote(parts[0])
            ));
        }
        if !port.bytes().any(|b| b.is_ascii_digit()) {
            return Err(format!(
                "domain name {} invalid (label {} invalid). should follow {FORMAT} format",
                quote(domain),
                quote(port)
            ));
        }
        if !hostname.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Err(format!(
                "domain name {} invalid (label {} invalid). should follow {FORMAT} format",
                quote(domain),
                quote(hostname)
            ));
        }
        return Ok(());
    }
    wildcard_domain(domain)
}

pub fn partial_wildcard(host: &str) -> Check {
    if host.contains('*') && host.len() != 1 && !host.starts_with("*.") {
        return Err(format!("partial wildcard {} not allowed", quote(host)));
    }
    Ok(())
}

/// Istio's `host.Name.SubsetOf`: every name `n` matches is matched by `o`.
pub fn host_subset_of(n: &str, o: &str) -> bool {
    if is_wildcard(o) {
        if is_wildcard(n) {
            return n[1..].ends_with(&o[1..]);
        }
        return n.ends_with(&o[1..]);
    }
    !is_wildcard(n) && n == o
}

fn sidecar_or_gateway_hostname_part(hostname: &str, gateway: bool, out: &mut Vec<String>) {
    if hostname != "*" && !hostname.contains('.') {
        out.push("short names (non FQDN) are not allowed".into());
    }
    if let Err(e) = wildcard_domain(hostname) {
        if !gateway {
            out.push(e.clone());
        }
        if !is_ip(hostname) {
            out.push(e);
        }
    }
    if let Err(e) = partial_wildcard(hostname) {
        out.push(e);
    }
}

/// `namespace/dnsName` hosts of Sidecar egress listeners and Gateway servers
/// (gateways also take a bare `dnsName`).
pub fn namespace_slash_wildcard_hostname(hostname: &str, gateway: bool) -> Vec<String> {
    let mut out = Vec::new();
    let Some((ns, name)) = hostname.split_once('/') else {
        if gateway {
            sidecar_or_gateway_hostname_part(hostname, true, &mut out);
        } else {
            out.push("host must be of form namespace/dnsName".into());
        }
        return out;
    };
    if ns.is_empty() || name.is_empty() {
        out.push("config namespace and dnsName in host entry cannot be empty".into());
    }
    if !gateway {
        let bare = ns.strip_prefix('~').unwrap_or(ns);
        if !bare.is_empty() && bare != "*" && bare != "." && !is_dns1123_label(bare) {
            out.push(format!("invalid namespace value {} in sidecar", quote(ns)));
        }
    } else if ns != "*" && ns != "." && !is_dns1123_label(ns) {
        out.push(format!("invalid namespace value {} in gateway", quote(ns)));
    }
    sidecar_or_gateway_hostname_part(name, gateway, &mut out);
    out
}

// --- addresses and ports ---

pub fn port(n: i64) -> Check {
    if (1..=65535).contains(&n) {
        Ok(())
    } else {
        Err(format!("port number {n} must be in the range 1..65535"))
    }
}

/// An IPv4 or IPv6 address, as Go's `netip.ParseAddr` reads it.
pub fn is_ip(s: &str) -> bool {
    let addr = s.split_once('%').map_or(s, |(a, _)| a);
    addr.parse::<IpAddr>().is_ok() && (addr.len() == s.len() || addr.contains(':'))
}

pub fn ip(addr: &str) -> Check {
    if is_ip(addr) {
        Ok(())
    } else {
        Err(format!("{addr} is not a valid IP"))
    }
}

pub use crate::netip::is_cidr;

pub fn ip_subnet(subnet: &str) -> Check {
    if subnet.matches('/').count() == 1 {
        if is_cidr(subnet) {
            return Ok(());
        }
        return Err(format!("{subnet} is not a valid CIDR block"));
    }
    ip(subnet)
}

pub fn unix_address(addr: &str) -> Check {
    if addr.is_empty() {
        return Err("unix address must not be empty".into());
    }
    if addr.starts_with('@') {
        return Ok(());
    }
    if !addr.starts_with('/') || addr.ends_with('/') {
        return Err(format!("{addr} is not an absolute path to a file"));
    }
    Ok(())
}

pub fn port_name(name: &str) -> Check {
    if is_dns1123_label(name) {
        Ok(())
    } else {
        Err(format!("invalid port name: {name}"))
    }
}

// --- protocols ---

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
    Grpc,
    GrpcWeb,
    Http,
    HttpProxy,
    Http2,
    Https,
    Tls,
    Mongo,
    Redis,
    MySql,
    Unsupported,
}

impl Protocol {
    pub fn parse(s: &str) -> Protocol {
        match s.to_ascii_lowercase().as_str() {
            "tcp" => Protocol::Tcp,
            "udp" => Protocol::Udp,
            "grpc" => Protocol::Grpc,
            "grpc-web" => Protocol::GrpcWeb,
            "http" => Protocol::Http,
            "http_proxy" => Protocol::HttpProxy,
            "http2" => Protocol::Http2,
            "https" => Protocol::Https,
            "tls" => Protocol::Tls,
            "mongo" => Protocol::Mongo,
            "redis" => Protocol::Redis,
            "mysql" => Protocol::MySql,
            _ => Protocol::Unsupported,
        }
    }

    pub fn is_http(self) -> bool {
        matches!(
            self,
            Protocol::Http
                | Protocol::Http2
                | Protocol::HttpProxy
                | Protocol::Grpc
                | Protocol::GrpcWeb
        )
    }

    pub fn is_tcp(self) -> bool {
        matches!(
            self,
            Protocol::Tcp
                | Protocol::Https
                | Protocol::Tls
                | Protocol::Mongo
                | Protocol::Redis
                | Protocol::MySql
        )
    }

    pub fn is_tls(self) -> bool {
        matches!(self, Protocol::Https | Protocol::Tls)
    }
}

/// A port protocol: empty (sniffed) or known.
pub fn protocol(s: &str) -> Check {
    if !s.is_empty() && Protocol::parse(s) == Protocol::Unsupported {
        return Err(format!("unsupported protocol: {s}"));
    }
    Ok(())
}

// --- durations and percentages ---

/// A duration in nanoseconds. Istio's decoder reads durations with Go's
/// `time.ParseDuration` (`"1.5s"`, `"5m"`, `"1h30m"`, `"300ms"`, `"0"`).
pub fn duration_nanos(v: &Value) -> Option<i128> {
    let s = v.as_str()?;
    let (neg, mut rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let number: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(rest.len(), |(i, _)| i);
        let scale = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += number * scale;
    }
    #[allow(clippy::cast_possible_truncation)]
    let nanos = total.round() as i128;
    Some(if neg { -nanos } else { nanos })
}

/// Istio's `ValidateDuration`: at least 1ms, millisecond precision.
pub fn duration(v: &Value) -> Check {
    let nanos = duration_nanos(v).unwrap_or(0);
    if nanos < 1_000_000 {
        return Err("duration must be greater than 1ms".into());
    }
    if nanos % 1_000_000 != 0 {
        return Err("only durations to ms precision are supported".into());
    }
    Ok(())
}

/// The duration field `name` of `v`, when set.
pub fn duration_field(f: &mut Findings, v: &Value, name: &str) {
    if let Some(d) = field(v, name) {
        f.check(duration(d));
    }
}

pub fn percent(val: i64) -> Check {
    if (0..=100).contains(&val) {
        Ok(())
    } else {
        Err(format!("percentage {val} is not in range 0..100"))
    }
}

/// A `Percent` message (`{value: 12.5}`), when set.
pub fn percentage(p: Option<&Value>) -> Check {
    let Some(p) = p else { return Ok(()) };
    let v = super::float(p, "value");
    if !(0.0..=100.0).contains(&v) || (v > 0.0 && v < 0.0001) {
        return Err(format!(
            "percentage {} is neither 0.0, nor in range [0.0001, 100.0]",
            go_float(v)
        ));
    }
    Ok(())
}

/// Go's `%v` of a float64 (for the values Istio accepts: Rust's shortest
/// form matches Go's outside exponent notation).
pub fn go_float(v: f64) -> String {
    format!("{v}")
}

// --- labels and selectors ---

fn is_qualified_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn is_dns_subdomain_prefix(s: &str) -> bool {
    s.split('.').all(is_dns1123_label)
}

fn label_key(k: &str) -> Check {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    let ok = is_qualified_name(name) && prefix.is_none_or(is_dns_subdomain_prefix);
    if !ok {
        return Err(format!("invalid tag key: {}", quote(k)));
    }
    if prefix.is_some_and(|p| p.len() > 253) {
        return Err(format!(
            "invalid tag key: {} (DNS prefix is too long)",
            quote(k)
        ));
    }
    if name.len() > 63 {
        return Err(format!("invalid tag key: {} (name is too long)", quote(k)));
    }
    Ok(())
}

/// Istio's `labels.Instance.Validate`: one error per bad key or value.
pub fn labels(m: Option<&Map<String, Value>>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in m.into_iter().flatten() {
        if let Err(e) = label_key(k) {
            out.push(e);
        }
        let v = v.as_str().unwrap_or("");
        if !v.is_empty() && !is_qualified_name(v) {
            out.push(format!("invalid tag value: {}", quote(v)));
        }
    }
    out
}

fn selector_labels(m: &Map<String, Value>, f: &mut Findings) {
    for (k, v) in m {
        let v = v.as_str().unwrap_or("");
        let kv = quote(&format!("{k}={v}"));
        if k.is_empty() {
            f.err(format!("empty key is not supported in selector: {kv}"));
        }
        if k.contains('*') || v.contains('*') {
            f.err(format!("wildcard is not supported in selector: {kv}"));
        }
    }
}

/// A `WorkloadSelector` with `matchLabels` (security, telemetry, extensions).
pub fn workload_selector(selector: Option<&Value>) -> Findings {
    let mut f = Findings::default();
    if let Some(sel) = selector {
        let labels = map(sel, "matchLabels");
        selector_labels(labels.unwrap_or(&Map::new()), &mut f);
        if labels.is_none_or(Map::is_empty) {
            f.warn("workload selector specified without labels");
        }
    }
    f
}

/// A networking `WorkloadSelector` (`labels`) of a ServiceEntry, Sidecar or
/// EnvoyFilter: `Err` with its errors (Istio then reports nothing else), or
/// `Ok` with the warning for a selector without labels, after `what: `.
pub fn alpha_workload_selector(selector: Option<&Value>, what: &str) -> Result<Findings, Findings> {
    let mut f = Findings::default();
    let Some(sel) = selector else {
        return Ok(f);
    };
    let labels = map(sel, "labels");
    selector_labels(labels.unwrap_or(&Map::new()), &mut f);
    if !f.errors.is_empty() {
        return Err(f);
    }
    if labels.is_none_or(Map::is_empty) {
        f.warn(format!(
            "{what}: workload selector specified without labels, will be applied to all services in namespace"
        ));
    }
    Ok(f)
}

/// `selector`, `targetRef` and `targetRefs` of a policy.
pub fn policy_targets(spec: &Value) -> Findings {
    let mut f = Findings::default();
    let selector = field(spec, "selector");
    let target_ref = field(spec, "targetRef");
    let target_refs = list(spec, "targetRefs");
    let set = usize::from(selector.is_some())
        + usize::from(target_ref.is_some())
        + usize::from(!target_refs.is_empty());
    if set > 1 {
        f.err("only one of targetRefs or workloadSelector can be set");
    }
    f.merge(workload_selector(selector));
    for r in target_ref.into_iter().chain(target_refs) {
        target_reference(r, &mut f);
    }
    f
}

fn target_reference(r: &Value, f: &mut Findings) {
    if text(r, "name").is_empty() {
        f.err("targetRef name must be set");
    }
    if !text(r, "namespace").is_empty() {
        f.err("targetRef namespace must not be set; cross namespace referencing is not supported");
    }
    let group = text(r, "group");
    let kind = text(r, "kind");
    let canonical = if group.is_empty() { "core" } else { group };
    let allowed = matches!(
        (canonical, kind),
        ("core", "Service")
            | ("networking.istio.io", "ServiceEntry")
            | ("gateway.networking.k8s.io", "Gateway" | "GatewayClass")
    );
    if !allowed {
        f.err(format!(
            "targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry \
             gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was {group}/{kind}"
        ));
    }
}

// --- exportTo ---

pub fn export_to(
    namespace: &str,
    export_to: &[&str],
    service_entry: bool,
    rule_with_selector: bool,
) -> Vec<String> {
    let mut errs = Vec::new();
    if export_to.is_empty() {
        return errs;
    }
    let mut set: Vec<&str> = Vec::new();
    for &e in export_to {
        let key = if e == "." { namespace } else { e };
        if set.contains(&key) {
            if key == e {
                errs.push(format!("duplicate entries in exportTo for entry {e}"));
            } else {
                errs.push(format!(
                    "duplicate entries in exportTo: . and current namespace {namespace}"
                ));
            }
        } else if (service_entry && e == "~") || key == "*" || key == "." || is_dns1123_label(key) {
            set.push(key);
        } else if key == "~" {
            errs.push("exportTo ~ (none) is not allowed for Istio configuration objects".into());
        } else {
            errs.push("only .,*, or a valid DNS 1123 label is allowed as exportTo entry".into());
        }
    }
    if rule_with_selector && !set.is_empty() {
        if set.contains(&namespace) {
            if set.len() > 1 {
                errs.push(
                    "destination rule with workload selector cannot have multiple entries in exportTo"
                        .into(),
                );
            }
        } else {
            errs.push(
                "destination rule with workload selector cannot have exportTo beyond current namespace"
                    .into(),
            );
        }
    }
    if set.contains(&"*") && export_to.len() > 1 {
        errs.push(
            "cannot have both public (*) and non-public exportTo values for a resource".into(),
        );
    }
    if set.contains(&"~") && export_to.len() > 1 {
        errs.push("cannot export service entry to no one (~) and someone".into());
    }
    errs
}

// --- HTTP headers ---

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

pub fn strict_header_name(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!("header name {name} is not a valid header name"));
    }
    Ok(())
}

pub fn probe_header_name(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(format!("header name {name} is not a valid header name"));
    }
    Ok(())
}

pub fn cors_header_name(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if name != "*" && !is_token(name) {
        return Err(format!("header name {name} is not a valid header name"));
    }
    Ok(())
}

/// `@request.auth.claims.x` or `@request.auth.claims[x]` route headers.
pub fn is_jwt_claim_route(name: &str) -> bool {
    if let Some(rest) = name.strip_prefix("@request.auth.claims.") {
        return !rest.is_empty();
    }
    if let Some(rest) = name.strip_prefix("@request.auth.claims[") {
        return rest.ends_with(']') && rest.len() > 1;
    }
    false
}

pub fn header_name_or_jwt_claim(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if is_jwt_claim_route(name)
        || matches!(
            name,
            ":method" | ":scheme" | ":authority" | ":path" | ":status"
        )
    {
        return Ok(());
    }
    if !is_token(name) {
        return Err(format!("header name {name} is not a valid header name"));
    }
    Ok(())
}

fn is_internal_header(k: &str) -> bool {
    k.starts_with(':') || k.eq_ignore_ascii_case("host")
}

pub fn is_authority_header(k: &str) -> bool {
    k.eq_ignore_ascii_case(":authority") || k.eq_ignore_ascii_case("host")
}

pub fn header_with_authority_operation_name(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if is_internal_header(name) && !is_authority_header(name) {
        return Err(format!(
            "invalid header {}: header cannot have \":\" prefix",
            quote(name)
        ));
    }
    Ok(())
}

pub fn header_operation_name(name: &str) -> Check {
    if name.is_empty() {
        return Err("header name cannot be empty".into());
    }
    if name.eq_ignore_ascii_case("host") {
        return Err(format!(
            "invalid header {}: cannot set Host header",
            quote(name)
        ));
    }
    if is_internal_header(name) {
        return Err(format!(
            "invalid header {}: header cannot have \":\" prefix",
            quote(name)
        ));
    }
    Ok(())
}

/// Envoy's header value formatter syntax (`%VAR%`, `%VAR(args)%`, `%%`).
fn header_value_syntax(value: &str) -> Check {
    #[derive(PartialEq)]
    enum S {
        Literal,
        Name,
        ExpectArray,
        ExpectString,
        Str,
        DelimOrEnd,
        ArgsEnd,
        VarEnd,
    }
    let b = value.as_bytes();
    let mut state = S::Literal;
    let mut pos = 0;
    while pos < b.len() {
        let ch = b[pos];
        let has_next = pos + 1 < b.len();
        match state {
            S::Literal => {
                if ch == b'%' {
                    if !has_next {
                        return Err("invalid header configuration. Un-escaped %".into());
                    }
                    if b[pos + 1] == b'%' {
                        pos += 1;
                    } else {
                        state = S::Name;
                    }
                }
            }
            S::Name => {
                if ch == b'%' {
                    state = S::Literal;
                } else if ch == b'(' {
                    state = S::ExpectArray;
                }
            }
            S::ExpectArray => {
                if ch == b'[' {
                    state = S::ExpectString;
                } else if ch != b' ' {
                    state = S::Str;
                }
            }
            S::DelimOrEnd => {
                if ch == b',' {
                    state = S::ExpectString;
                } else if ch == b']' {
                    state = S::ArgsEnd;
                } else if ch != b' ' {
                    return Err(
                        "invalid header configuration. Expecting ',', ']', or whitespace".into(),
                    );
                }
            }
            S::ExpectString => {
                if ch == b'"' {
                    state = S::Str;
                } else if ch != b' ' {
                    return Err("invalid header configuration. Expecting '\"'".into());
                }
            }
            S::Str => {
                if ch == b'\\' {
                    if !has_next {
                        return Err(
                            "invalid header configuration. Un-terminated backslash in JSON string"
                                .into(),
                        );
                    }
                    pos += 1;
                } else if ch == b')' {
                    state = S::VarEnd;
                } else if ch == b'"' {
                    state = S::DelimOrEnd;
                }
            }
            S::ArgsEnd => {
                if ch == b')' {
                    state = S::VarEnd;
                } else if ch != b' ' {
                    return Err("invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'".into());
                }
            }
            S::VarEnd => {
                if ch == b'%' {
                    state = S::Literal;
                } else if ch != b' ' {
                    return Err(
                        "invalid header configuration. Expecting '%' or whitespace after".into(),
                    );
                }
            }
        }
        pos += 1;
    }
    if state != S::Literal {
        return Err(format!(
            "invalid header configuration. Un-terminated variable expression '{value}'"
        ));
    }
    Ok(())
}

pub fn header_value(value: &str) -> Check {
    if value
        .chars()
        .any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'))
    {
        return Err(format!("header value configuration {value} is invalid"));
    }
    header_value_syntax(value).map_err(|e| format!("header value configuration: {e}"))
}

/// `headers: {request: {add, set, remove}, response: {...}}` of a route or
/// destination.
pub fn header_operations(headers: Option<&Value>, out: &mut Vec<String>) {
    let Some(h) = headers else { return };
    let mut push = |r: Check| {
        if let Err(e) = r {
            out.push(e);
        }
    };
    if let Some(req) = field(h, "request") {
        for op in ["add", "set"] {
            for (k, v) in map(req, op).into_iter().flatten() {
                push(header_with_authority_operation_name(k));
                push(header_value(v.as_str().unwrap_or("")));
            }
        }
        for v in list(req, "remove") {
            push(header_operation_name(v.as_str().unwrap_or("")));
        }
    }
    if let Some(resp) = field(h, "response") {
        for op in ["add", "set"] {
            for (k, v) in map(resp, op).into_iter().flatten() {
                push(header_operation_name(k));
                push(header_value(v.as_str().unwrap_or("")));
            }
        }
        for v in list(resp, "remove") {
            push(header_operation_name(v.as_str().unwrap_or("")));
        }
    }
}

// --- string matches and regular expressions ---

/// Go's error text for a regular expression RE2 rejects, or `None`.
pub fn regex_error(re: &str) -> Option<String> {
    let err = regex::Regex::new(re).err()?;
    let text = err.to_string();
    let kind = if text.contains("unclosed group") {
        format!("missing closing ): `{re}`")
    } else if text.contains("unopened group") {
        format!("unexpected ): `{re}`")
    } else if text.contains("unclosed character class") {
        let at = re.rfind('[').unwrap_or(0);
        format!("missing closing ]: `{}`", &re[at..])
    } else if text.contains("repetition operator missing expression") {
        let op: String = re
            .chars()
            .find(|c| matches!(c, '*' | '+' | '?'))
            .map_or(String::new(), String::from);
        format!("missing argument to repetition operator: `{op}`")
    } else {
        let line = text
            .lines()
            .find(|l| l.starts_with("error:"))
            .map_or("invalid regular expression", |l| {
                l.trim_start_matches("error: ")
            });
        format!("{line}: `{re}`")
    };
    Some(format!("error parsing regexp: {kind}"))
}

pub fn string_regexp(re: &str, where_: &str) -> Check {
    if re.len() > 1024 {
        return Err(format!(
            "{}: regex is too large, max length allowed is 1024",
            quote(where_)
        ));
    }
    match regex_error(re) {
        None => Ok(()),
        Some(e) => Err(format!(
            "{}: {e}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)",
            quote(where_)
        )),
    }
}

/// A `StringMatch` whose regex (if that is its type) must compile.
pub fn string_match_regexp(sm: Option<&Value>, where_: &str) -> Check {
    let Some(re) = sm.and_then(|s| field(s, "regex")) else {
        return Ok(());
    };
    let re = re.as_str().unwrap_or("");
    if re.is_empty() {
        return Err(format!(
            "{}: regex string match should not be empty",
            quote(where_)
        ));
    }
    string_regexp(re, where_)
}

/// A `StringMatch`: a prefix may not be empty, a regex must compile.
pub fn string_match(sm: Option<&Value>, where_: &str) -> Check {
    let Some(s) = sm else { return Ok(()) };
    if let Some(p) = field(s, "prefix") {
        if p.as_str().unwrap_or("").is_empty() {
            return Err(format!(
                "{}: prefix string match should not be empty",
                quote(where_)
            ));
        }
        return Ok(());
    }
    string_match_regexp(sm, where_)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dns_names() {
        assert!(is_dns1123_label("a-1"));
        assert!(!is_dns1123_label("-a"));
        assert!(!is_dns1123_label("a.b"));
        assert!(is_wildcard_dns1123_label("*"));
        assert!(is_wildcard_dns1123_label("*foo"));
        assert!(is_wildcard_dns1123_label("*-foo"));
        assert!(!is_wildcard_dns1123_label("foo*"));
        assert_eq!(wildcard_domain("*.example.com"), Ok(()));
        assert_eq!(
            wildcard_domain("foo.*.com"),
            // Istio names the rest of the name after the first label.
            Err("domain name \"*.com\" invalid (label \"*\" invalid)".into())
        );
        assert_eq!(
            fqdn("*.kiali.io"),
            Err("domain name \"*.kiali.io\" invalid (label \"*\" invalid)".into())
        );
        assert_eq!(
            fqdn("a.123"),
            Err(
                "domain name \"a.123\" invalid (top level domain \"123\" cannot be all-numeric)"
                    .into()
            )
        );
        assert_eq!(fqdn("istio.io."), Ok(()));
    }

    #[test]
    fn hosts() {
        assert!(host_matches("*.foo.com", "bar.foo.com"));
        assert!(host_matches("*.com", "*.foo.com"));
        assert!(!host_matches("a.com", "b.com"));
        assert!(host_subset_of("a.foo.com", "*.foo.com"));
        assert!(!host_subset_of("*.foo.com", "a.foo.com"));
    }

    #[test]
    fn durations() {
        assert_eq!(duration(&json!("1s")), Ok(()));
        assert_eq!(duration(&json!("0.001s")), Ok(()));
        assert_eq!(duration(&json!("5m")), Ok(()));
        assert_eq!(duration(&json!("1h30m")), Ok(()));
        assert_eq!(duration(&json!("300ms")), Ok(()));
        assert_eq!(
            duration(&json!("0s")),
            Err("duration must be greater than 1ms".into())
        );
        assert_eq!(
            duration(&json!("0.0015s")),
            Err("only durations to ms precision are supported".into())
        );
    }

    #[test]
    fn addresses() {
        assert!(is_ip("10.0.0.1"));
        assert!(is_ip("::1"));
        assert!(!is_ip("10.0.0.256"));
        assert_eq!(ip_subnet("10.0.0.0/8"), Ok(()));
        assert_eq!(
            ip_subnet("10.0.0.0/33"),
            Err("10.0.0.0/33 is not a valid CIDR block".into())
        );
    }

    #[test]
    fn header_values() {
        assert_eq!(header_value("100%%"), Ok(()));
        assert_eq!(header_value("%HOSTNAME%"), Ok(()));
        assert!(header_value("abc%").is_err());
    }

    #[test]
    fn label_checks() {
        let m = json!({"app": "x", "bad key": "v", "k": "-v"});
        let errs = labels(m.as_object());
        assert_eq!(
            errs,
            vec![
                "invalid tag key: \"bad key\"".to_string(),
                "invalid tag value: \"-v\"".to_string()
            ]
        );
    }
}
