//! Istio's validation of the mesh config and the mesh networks
//! (`ValidateMeshConfig`, `ValidateMeshConfigProxyConfig` and
//! `ValidateMeshNetworks` in `pkg/config/validation/agent`).
//!
//! Unlike the per-kind validators, these are not analyzers' checks: Istio
//! validates the mesh config while loading it (`mesh.ApplyMeshConfig`,
//! `mesh.ParseMeshNetworks`) and an invalid one is not loaded at all, so
//! istioctl analyzes with the previous one (the defaults, or the cluster's).
//! The error text is Go's `err.Error()` of Istio's error value, which is a
//! plain error or a go-multierror list depending on how it was built: see
//! [`GoError`].
//!
//! The mesh config checked is the complete one (Istio's defaults with the
//! overlay applied, `analyze::mesh`), so an absent field is a zero value.
//! `decode` (with the field tables of `fields`) finds what Istio's decoder
//! rejects before validation; `proxy` checks `defaultConfig`, `traffic` the
//! load balancing and default traffic policy settings.

pub mod decode;
mod fields;
mod proxy;
pub(crate) mod traffic;

use serde_json::Value;

use super::checks::{self, quote};
use super::{field, list, map, multierror_text, strs, text};
use decode::go_parse_duration;

pub(super) const MS: i128 = 1_000_000;
pub(super) const SECOND: i128 = 1_000_000_000;

/// A Go `error` as Istio builds it: nil (no message), a plain error, or a
/// go-multierror list, which prints as `N errors occurred:` even with one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoError {
    pub messages: Vec<String>,
    pub multi: bool,
}

impl GoError {
    pub fn plain(m: impl Into<String>) -> Self {
        GoError {
            messages: vec![m.into()],
            multi: false,
        }
    }

    pub fn is_nil(&self) -> bool {
        self.messages.is_empty() && !self.multi
    }

    /// `multierror.Append(self, other)`: a flattened list.
    pub fn append(&mut self, other: GoError) {
        self.messages.extend(other.messages);
        self.multi = true;
    }

    /// `multierror.Append(self, errors.New(m))`.
    pub(super) fn push(&mut self, m: impl Into<String>) {
        self.append(GoError::plain(m));
    }

    /// Istio's `AppendValidation` / `AppendErrors`: nil stays out, one error
    /// alone stays as it is.
    pub fn join(&mut self, other: GoError) {
        if other.is_nil() {
            return;
        }
        if self.is_nil() {
            *self = other;
        } else {
            self.append(other);
        }
    }

    /// `multierror.Prefix(self, prefix)`.
    #[must_use]
    pub fn prefixed(mut self, prefix: &str) -> Self {
        for m in &mut self.messages {
            *m = format!("{prefix} {m}");
        }
        self
    }

    /// Go's `err.Error()`; `None` for nil.
    pub fn text(&self) -> Option<String> {
        if self.is_nil() {
            None
        } else if self.multi {
            multierror_text(&self.messages)
        } else {
            self.messages.first().cloned()
        }
    }
}

impl From<Result<(), String>> for GoError {
    fn from(r: Result<(), String>) -> Self {
        r.err().map(GoError::plain).unwrap_or_default()
    }
}

/// The error messages of Istio's check of a pod's `proxy.istio.io/config`
/// (already decoded): `ValidateMeshConfigProxyConfig` over the default proxy
/// config with the annotation's fields applied; empty when it passes.
pub fn proxy_config_annotation_errors(overlay: &Value) -> Vec<String> {
    let mut pc = crate::analyze::mesh::default_proxy_config();
    if let (Some(pc), Value::Object(given)) = (
        pc.as_object_mut(),
        decode::normalize(overlay, decode::PROXY_CONFIG),
    ) {
        pc.extend(given);
    }
    proxy::validate(&pc).err.messages
}

/// Errors and warnings (Istio's `Validation`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validation {
    pub err: GoError,
    pub warn: GoError,
}

impl Validation {
    fn join(&mut self, other: Validation) {
        self.err.join(other.err);
        self.warn.join(other.warn);
    }
}

/// An integer field (numbers may be quoted, or read as whole floats), 0 when
/// absent.
pub(super) fn int(v: &Value, name: &str) -> i64 {
    match field(v, name) {
        Some(Value::Number(n)) => n.as_i64().unwrap_or_else(|| {
            #[allow(clippy::cast_possible_truncation)]
            let i = n.as_f64().unwrap_or(0.0) as i64;
            i
        }),
        Some(Value::String(s)) => s.parse().unwrap_or(0),
        _ => 0,
    }
}

/// A duration field in nanoseconds; `None` when absent.
pub(super) fn duration(v: &Value, name: &str) -> Option<i128> {
    field(v, name)
        .and_then(Value::as_str)
        .map(|s| go_parse_duration(s).unwrap_or(0))
}

/// Istio's `ValidateDuration`.
pub(super) fn check_duration(d: i128) -> Result<(), String> {
    if d < MS {
        return Err("duration must be greater than 1ms".into());
    }
    if d % MS != 0 {
        return Err("only durations to ms precision are supported".into());
    }
    Ok(())
}

/// The mesh config's errors and warnings.
pub fn validate_mesh_config(mesh: &Value) -> Validation {
    let mut v = Validation::default();
    if let Err(e) = checks::port(int(mesh, "proxyListenPort")) {
        v.err
            .join(GoError::plain(format!("invalid proxy listen port: {e}")));
    }
    let connect = duration(mesh, "connectTimeout").unwrap_or(0);
    let connect_check = check_duration(connect).and_then(|()| {
        if connect > 3600 * SECOND {
            Err(format!(
                "time {} must be >1ms and <1h0m0s",
                go_duration(connect)
            ))
        } else {
            Ok(())
        }
    });
    if let Err(e) = connect_check {
        v.err
            .join(GoError::plain(format!("invalid connect timeout: {e}")));
    }
    let detection = duration(mesh, "protocolDetectionTimeout").unwrap_or(0);
    if detection != 0 && detection % MS != 0 {
        v.err.join(GoError::plain(
            "invalid protocol detection timeout: only durations to ms precision are supported",
        ));
    }
    match field(mesh, "defaultConfig") {
        None => v.err.join(GoError::plain("missing default config")),
        Some(pc) => v.join(proxy::validate(pc)),
    }
    if let Some(lb) = field(mesh, "localityLbSetting") {
        v.err.join(traffic::locality_lb(lb));
    }
    if let Some(lb) = field(mesh, "zoneAwareLbSetting") {
        v.err.join(traffic::zone_aware_lb(lb));
    }
    v.err.join(service_settings(mesh));
    v.err.join(trust_domain_config(mesh));
    // (Invalid extension providers are only logged, at a level istioctl hides.)
    if field(mesh, "meshMTLS").is_some_and(|t| field(t, "ecdhCurves").is_some()) {
        let mut e = GoError::default();
        e.push("mesh TLS does not support ECDH curves configuration");
        v.err.join(e);
    }
    v.warn.join(tls_defaults(mesh));
    if let Some(dtp) = field(mesh, "defaultTrafficPolicy") {
        v.err.join(traffic::default_traffic_policy(dtp));
    }
    v
}

/// Go's `time.Duration.String`.
fn go_duration(nanos: i128) -> String {
    let secs = i64::try_from(nanos / SECOND).unwrap_or(i64::MAX);
    let rest = i64::try_from(nanos % SECOND).unwrap_or(0);
    crate::template::funcs::istio::go_duration(secs, rest)
}

fn service_settings(mesh: &Value) -> GoError {
    let mut errs = GoError::default();
    for (i, s) in list(mesh, "serviceSettings").iter().enumerate() {
        for h in strs(s, "hosts") {
            if let Err(e) = checks::wildcard_domain(h) {
                errs.push(format!("serviceSettings[{i}], host `{h}`: {e}"));
            }
        }
    }
    errs
}

/// Istio's `ValidateTrustDomain`.
fn trust_domain(domain: &str) -> Result<(), String> {
    if domain.is_empty() {
        return Err("empty domain name not allowed".into());
    }
    let parts: Vec<&str> = domain.split('.').collect();
    for (i, label) in parts.iter().enumerate() {
        if i == parts.len() - 1 && label.is_empty() {
            return Ok(());
        }
        if !checks::is_dns1123_label(label) {
            return Err(format!("trust domain name {} invalid", quote(domain)));
        }
    }
    Ok(())
}

fn trust_domain_config(mesh: &Value) -> GoError {
    let mut errs = GoError::default();
    if let Err(e) = trust_domain(text(mesh, "trustDomain")) {
        errs.push(format!("trustDomain: {e}"));
    }
    for (i, alias) in strs(mesh, "trustDomainAliases").iter().enumerate() {
        if let Err(e) = trust_domain(alias) {
            errs.push(format!("trustDomainAliases[{i}], domain `{alias}` : {e}"));
        }
    }
    errs
}

/// The curves the mesh's TLS defaults accept (BoringSSL's).
const ECDH_CURVES: &[&str] = &[
    "P-224",
    "P-256",
    "P-521",
    "P-384",
    "X25519",
    "X25519Kyber768Draft00",
    "X25519MLKEM768",
];

fn tls_defaults(mesh: &Value) -> GoError {
    let mut warn = GoError::default();
    let Some(tls) = field(mesh, "tlsDefaults") else {
        return warn;
    };
    let mut unknown = std::collections::BTreeSet::new();
    let mut valid = std::collections::BTreeSet::new();
    let mut duplicate = std::collections::BTreeSet::new();
    for c in list(tls, "ecdhCurves")
        .iter()
        .map(|c| c.as_str().unwrap_or(""))
    {
        if !c.is_empty() && !ECDH_CURVES.contains(&c) {
            unknown.insert(c);
        } else if !valid.insert(c) {
            duplicate.insert(c);
        }
    }
    let go_list = |s: &std::collections::BTreeSet<&str>| {
        format!("[{}]", s.iter().copied().collect::<Vec<_>>().join(" "))
    };
    if !unknown.is_empty() {
        warn.join(GoError::plain(format!(
            "detected unrecognized ECDH curves: {}",
            go_list(&unknown)
        )));
    }
    if !duplicate.is_empty() {
        warn.join(GoError::plain(format!(
            "detected duplicate ECDH curves: {}",
            go_list(&duplicate)
        )));
    }
    warn
}

/// The mesh networks' errors (`ValidateMeshNetworks`; networks in name
/// order, where Go's map order varies from run to run).
pub fn validate_mesh_networks(networks: &Value) -> GoError {
    let mut errs = GoError::default();
    for (name, network) in map(networks, "networks").into_iter().flatten() {
        let e = validate_network(network);
        if !e.is_nil() {
            errs.append(e.prefixed(&format!("invalid network {name}:")));
        }
    }
    errs
}

fn validate_network(network: &Value) -> GoError {
    let mut errs = GoError::default();
    for ep in list(network, "endpoints") {
        // `fromCidr` and `fromRegistry` are a oneof: the later wins.
        if let Some(reg) = field(ep, "fromRegistry").and_then(Value::as_str) {
            if !checks::is_dns1123_label(reg) {
                errs.push(format!("invalid registry name: {reg}"));
            }
        } else if let Some(cidr) = field(ep, "fromCidr").and_then(Value::as_str)
            && let Err(e) = checks::ip_subnet(cidr)
        {
            errs.push(e);
        }
    }
    for gw in list(network, "gateways") {
        if let Some(addr) = field(gw, "address").and_then(Value::as_str) {
            // Hostnames are allowed (RESOLVE_HOSTNAME_GATEWAYS defaults to
            // true); Istio's error here replaces the earlier ones.
            if !checks::is_ip(addr) && checks::fqdn(addr).is_err() {
                errs = GoError::default();
                errs.push(format!("{addr} is not a valid IP address or DNS name"));
            }
        } else if let Some(name) = field(gw, "registryServiceName").and_then(Value::as_str)
            && let Err(e) = checks::fqdn(name)
        {
            errs.push(e);
        }
        if let Err(e) = checks::port(int(gw, "port")) {
            errs.push(e);
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_error_shapes() {
        let mut e = GoError::default();
        assert_eq!(e.text(), None);
        e.join(GoError::plain("a"));
        assert_eq!(e.text().unwrap(), "a");
        e.join(GoError::plain("b"));
        assert_eq!(e.text().unwrap(), "2 errors occurred:\n\t* a\n\t* b\n\n");
        let mut m = GoError::default();
        m.push("x");
        assert_eq!(
            m.prefixed("p:").text().unwrap(),
            "1 error occurred:\n\t* p: x\n\n"
        );
    }
}
