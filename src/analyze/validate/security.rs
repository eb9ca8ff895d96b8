//! AuthorizationPolicy, PeerAuthentication, RequestAuthentication.

use serde_json::Value;

use super::checks::{self, Check, quote};
use super::jwks;
use super::{Findings, Target, field, has, list, map, strs, text};

pub fn validate_authorization_policy(t: &Target) -> Findings {
    let ap = t.spec;
    let mut errs: Vec<String> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let targets = checks::policy_targets(ap);
    errs.extend(targets.errors);
    warnings.extend(targets.warnings);
    let action = match text(ap, "action") {
        "" => "ALLOW",
        a => a,
    };
    let rules_set = has(ap, "rules");
    let provider = field(ap, "provider");
    if action == "CUSTOM" {
        if !rules_set {
            errs.push("CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request".into());
        } else if provider.is_none_or(|p| text(p, "name").is_empty()) {
            errs.push("`provider.name` must not be empty".into());
        }
        for rule in list(ap, "rules") {
            custom_rule(rule, &mut errs);
        }
    }
    if provider.is_some() && action != "CUSTOM" {
        errs.push(format!(
            "`provider` must not be with non CUSTOM action, found {action}"
        ));
    }
    if action == "DENY" && !rules_set {
        errs.push("DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request".into());
    }
    for (i, rule) in list(ap, "rules").iter().enumerate() {
        if rule.is_null() {
            errs.push(format!("`rule` must not be nil, found at rule {i}"));
            continue;
        }
        let (from_exists, tcp_from) = rule_from(rule, i, &mut errs);
        let (to_exists, tcp_to) = rule_to(rule, i, &mut errs);
        for cond in list(rule, "when") {
            let key = text(cond, "key");
            if key.is_empty() {
                errs.push("`key` must not be empty".into());
                continue;
            }
            let values = strs(cond, "values");
            let not_values = strs(cond, "notValues");
            if values.is_empty() && not_values.is_empty() {
                errs.push(format!(
                    "at least one of `values` or `notValues` must be set for key {key}"
                ));
                continue;
            }
            if let Err(e) = attribute(key, &values) {
                errs.push(format!("invalid `value` for `key` {key}: {e}"));
            }
            if let Err(e) = attribute(key, &not_values) {
                errs.push(format!("invalid `notValue` for `key` {key}: {e}"));
            }
        }
        if ((from_exists && !to_exists && !tcp_from) || (to_exists && !tcp_to)) && action == "DENY"
        {
            warnings.push("configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port".into());
        }
    }
    let prefix = format!("invalid policy {}.{}:", t.name, t.namespace);
    Findings {
        errors: errs.into_iter().map(|e| format!("{prefix} {e}")).collect(),
        warnings,
    }
}

fn custom_rule(rule: &Value, errs: &mut Vec<String>) {
    let unsupported = |name: &str| format!("{name} is currently not supported with CUSTOM action");
    for from in list(rule, "from") {
        let Some(src) = field(from, "source") else {
            continue;
        };
        for key in [
            "namespaces",
            "notNamespaces",
            "serviceAccounts",
            "notServiceAccounts",
            "trustDomains",
            "notTrustDomains",
            "principals",
            "notPrincipals",
            "requestPrincipals",
            "notRequestPrincipals",
        ] {
            if !list(src, key).is_empty() {
                let mut name = String::from("From.");
                let mut chars = key.chars();
                if let Some(c) = chars.next() {
                    name.push(c.to_ascii_uppercase());
                }
                name.extend(chars);
                errs.push(unsupported(&name));
            }
        }
    }
    for when in list(rule, "when") {
        if when.is_null() {
            errs.push("when field cannot be nil".into());
            continue;
        }
        let key = text(when, "key");
        if matches!(
            key,
            "source.namespace"
                | "source.serviceAccount"
                | "source.trustDomain"
                | "source.principal"
        ) || key.starts_with("request.auth.")
        {
            errs.push(unsupported(key));
        }
    }
}

const SOURCE_FIELDS: &[&str] = &[
    "principals",
    "requestPrincipals",
    "namespaces",
    "ipBlocks",
    "remoteIpBlocks",
    "notPrincipals",
    "notRequestPrincipals",
    "notNamespaces",
    "notIpBlocks",
    "notRemoteIpBlocks",
    "serviceAccounts",
    "notServiceAccounts",
    "trustDomains",
    "notTrustDomains",
];

type ValuesCheck = fn(&str, &[&str]) -> Check;

/// Per-field checks of a `source`, in Istio's order: field, name in
/// messages, check.
const SOURCE_CHECKS: [(&str, &str, ValuesCheck); 14] = [
    ("principals", "Principals", empty_values),
    ("requestPrincipals", "RequestPrincipals", empty_values),
    ("namespaces", "Namespaces", empty_values),
    ("serviceAccounts", "ServiceAccounts", service_accounts),
    ("trustDomains", "TrustDomains", trust_domains),
    ("ipBlocks", "IpBlocks", empty_values),
    ("remoteIpBlocks", "RemoteIpBlocks", empty_values),
    ("notPrincipals", "NotPrincipals", empty_values),
    ("notRequestPrincipals", "NotRequestPrincipals", empty_values),
    ("notNamespaces", "NotNamespaces", empty_values),
    ("notServiceAccounts", "NotServiceAccounts", service_accounts),
    ("notTrustDomains", "NotTrustDomains", trust_domains),
    ("notIpBlocks", "NotIpBlocks", empty_values),
    ("notRemoteIpBlocks", "NotRemoteIpBlocks", empty_values),
];

/// `from` entries; returns whether a source exists and whether it uses
/// TCP-level attributes.
fn rule_from(rule: &Value, i: usize, errs: &mut Vec<String>) -> (bool, bool) {
    let mut exists = false;
    let mut tcp = false;
    if has(rule, "from") && list(rule, "from").is_empty() {
        errs.push(format!("`from` must not be empty, found at rule {i}"));
    }
    for from in list(rule, "from") {
        if from.is_null() {
            errs.push(format!("`from` must not be nil, found at rule {i}"));
            continue;
        }
        let Some(src) = field(from, "source") else {
            errs.push(format!("`from.source` must not be nil, found at rule {i}"));
            continue;
        };
        exists = true;
        let n = |k: &str| list(src, k).len();
        if n("principals") + n("notPrincipals") + n("namespaces") + n("notNamespaces") > 0
            && n("serviceAccounts") + n("notServiceAccounts") > 0
        {
            errs.push(format!(
                "cannot set serviceAccounts with namespaces or principals, found at rule {i}"
            ));
        }
        if SOURCE_FIELDS.iter().all(|k| n(k) == 0) {
            errs.push(format!(
                "`from.source` must not be empty, found at rule {i}"
            ));
        }
        for key in [
            "ipBlocks",
            "notIpBlocks",
            "remoteIpBlocks",
            "notRemoteIpBlocks",
        ] {
            errs.extend(ip_errors(&strs(src, key)));
        }
        for (key, name, check) in SOURCE_CHECKS {
            if let Err(e) = check(name, &strs(src, key)) {
                errs.push(e);
            }
        }
        if [
            "notPrincipals",
            "principals",
            "ipBlocks",
            "notIpBlocks",
            "namespaces",
            "notNamespaces",
            "remoteIpBlocks",
            "notRemoteIpBlocks",
            "serviceAccounts",
            "notServiceAccounts",
        ]
        .iter()
        .any(|k| has(src, k))
        {
            tcp = true;
        }
    }
    (exists, tcp)
}

/// `to.operation` fields and their names in Istio's messages.
const OPERATION_FIELDS: [(&str, &str); 8] = [
    ("ports", "Ports"),
    ("methods", "Methods"),
    ("paths", "Paths"),
    ("hosts", "Hosts"),
    ("notPorts", "NotPorts"),
    ("notMethods", "NotMethods"),
    ("notPaths", "NotPaths"),
    ("notHosts", "NotHosts"),
];

fn rule_to(rule: &Value, i: usize, errs: &mut Vec<String>) -> (bool, bool) {
    let mut exists = false;
    let mut tcp = false;
    if has(rule, "to") && list(rule, "to").is_empty() {
        errs.push(format!("`to` must not be empty, found at rule {i}"));
    }
    for to in list(rule, "to") {
        if to.is_null() {
            errs.push(format!("`to` must not be nil, found at rule {i}"));
            continue;
        }
        let Some(op) = field(to, "operation") else {
            errs.push(format!("`to.operation` must not be nil, found at rule {i}"));
            continue;
        };
        exists = true;
        if OPERATION_FIELDS.iter().all(|(k, _)| list(op, k).is_empty()) {
            errs.push(format!(
                "`to.operation` must not be empty, found at rule {i}"
            ));
        }
        errs.extend(port_errors(&strs(op, "ports")));
        errs.extend(port_errors(&strs(op, "notPorts")));
        for (key, name) in OPERATION_FIELDS {
            if let Err(e) = empty_values(name, &strs(op, key)) {
                errs.push(e);
            }
        }
        for (key, name) in [("paths", "Paths"), ("notPaths", "NotPaths")] {
            if let Err(e) = path_templates(name, &strs(op, key)) {
                errs.push(e);
            }
        }
        if has(op, "ports") || has(op, "notPorts") {
            tcp = true;
        }
    }
    (exists, tcp)
}

fn empty_values(key: &str, values: &[&str]) -> Check {
    if values.iter().any(|v| v.is_empty()) {
        return Err(format!("empty value not allowed, found in {key}"));
    }
    Ok(())
}

fn wildcard_values(key: &str, values: &[&str]) -> Check {
    empty_values(key, values)?;
    for v in values {
        let count = v.matches('*').count();
        if count > 1 {
            return Err(format!(
                "at most one wildcard is allowed, found in {key}: {}",
                quote(v)
            ));
        }
        if count == 1 && *v != "*" && !v.starts_with('*') && !v.ends_with('*') {
            return Err(format!(
                "wildcard is only allowed at the start or end, found in {key}: {}",
                quote(v)
            ));
        }
    }
    Ok(())
}

fn trust_domains(key: &str, values: &[&str]) -> Check {
    wildcard_values(key, values)?;
    if let Some(v) = values.iter().find(|v| v.contains('/')) {
        return Err(format!(
            "trust domain must not contain '/', found in {key}: {}",
            quote(v)
        ));
    }
    Ok(())
}

const FORMAT: &str = "expected format 'serviceAccount' or 'namespace/serviceAccount'";

fn service_accounts(key: &str, values: &[&str]) -> Check {
    if values.len() > 16 {
        return Err("may not have more than 16 values".into());
    }
    for v in values {
        if v.is_empty() {
            return Err(format!("empty value not allowed, found in {key}"));
        }
        if v.contains('*') {
            return Err(format!("wildcard not allowed, found in {key}"));
        }
        if v.matches('/').count() > 1 {
            return Err(format!("{FORMAT}, found {} in {key}", quote(v)));
        }
        if v.len() > 320 {
            return Err(format!(
                "value cannot exceed 320 characters, found {} in {key}",
                quote(v)
            ));
        }
        if let Some((ns, sa)) = v.split_once('/') {
            if ns.is_empty() {
                return Err(format!(
                    "{FORMAT}, found empty namespace {} in {key}",
                    quote(v)
                ));
            }
            if sa.is_empty() {
                return Err(format!(
                    "{FORMAT}, found empty serviceAccount {} in {key}",
                    quote(v)
                ));
            }
        }
    }
    Ok(())
}

fn path_templates(key: &str, paths: &[&str]) -> Check {
    for path in paths {
        let templated = path.contains("{*}") || path.contains("{**}");
        let path = path.trim_matches('/');
        let mut any_seen = false;
        for glob in path.split('/') {
            if (glob == "{*}" || glob == "{**}") && any_seen {
                return Err(format!(
                    "invalid or unsupported path {path}, found in {key}. {{**}} is not the last operator"
                ));
            }
            if glob == "{*}" {
                continue;
            }
            if glob == "{**}" {
                any_seen = true;
                continue;
            }
            if glob.contains(['{', '}']) {
                return Err(format!(
                    "invalid or unsupported path {path}, found in {key}. Contains '{{' or '}}' beyond a supported path template"
                ));
            }
            let literal = !glob.is_empty()
                && glob
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%!$&'()+,;:@=".contains(&b));
            if templated && !literal {
                return Err(format!(
                    "invalid or unsupported path {path}, found in {key}. Contains segment {glob} with invalid string literal"
                ));
            }
        }
    }
    Ok(())
}

/// Go's `netip.ParsePrefix` error text, roughly: the offending part.
fn ip_errors(ips: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for v in ips {
        if v.contains('/') {
            if !checks::is_cidr(v) {
                out.push(format!("bad CIDR range ({v}): {}", prefix_error(v)));
            }
        } else if !checks::is_ip(v) {
            out.push(format!("bad IP address ({v})"));
        }
    }
    out
}

fn prefix_error(v: &str) -> String {
    let (addr, bits) = v.split_once('/').unwrap_or((v, ""));
    match addr.parse::<std::net::IpAddr>() {
        Err(_) => format!(
            "netip.ParsePrefix({}): ParseAddr({}): unable to parse IP",
            quote(v),
            quote(addr)
        ),
        Ok(_) if !bits.is_empty() && bits.bytes().all(|b| b.is_ascii_digit()) => {
            format!(
                "netip.ParsePrefix({}): prefix length out of range",
                quote(v)
            )
        }
        Ok(_) => format!(
            "netip.ParsePrefix({}): bad bits after slash: {}",
            quote(v),
            quote(bits)
        ),
    }
}

fn port_errors(ports: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for p in ports {
        match p.parse::<u64>() {
            Ok(n) if n <= 65535 => {}
            Ok(_) => out.push(format!("bad port ({p}): <nil>")),
            Err(_) => out.push(format!(
                "bad port ({p}): strconv.ParseUint: parsing {}: {}",
                quote(p),
                if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) {
                    "value out of range"
                } else {
                    "invalid syntax"
                }
            )),
        }
    }
    out
}

fn map_key(key: &str) -> Check {
    let open = key.find('[');
    if key.ends_with(']') && open.is_some_and(|o| o > 0 && o < key.len() - 2) {
        return Ok(());
    }
    Err(format!("bad key ({key}): should have format a[b]"))
}

/// The folded text of several errors in one message (`%v` of a multierror).
fn folded(errs: &[String]) -> Check {
    match errs.len() {
        0 => Ok(()),
        _ => Err(super::multierror_text(errs).unwrap_or_default()),
    }
}

fn attribute(key: &str, values: &[&str]) -> Check {
    empty_values(key, values)?;
    if key.starts_with("request.headers")
        || key.starts_with("request.auth.claims")
        || key.starts_with("experimental.envoy.filters.")
    {
        return map_key(key);
    }
    match key {
        "source.ip" | "remote.ip" | "destination.ip" => folded(&ip_errors(values)),
        "source.serviceAccount" => service_accounts(key, values),
        "source.trustDomain" => wildcard_values(key, values),
        "destination.port" => folded(&port_errors(values)),
        "source.namespace"
        | "source.principal"
        | "request.auth.principal"
        | "request.auth.audiences"
        | "request.auth.presenter"
        | "connection.sni" => Ok(()),
        "destination.namespace" => Err(format!(
            "attribute {key} is replaced by the metadata.namespace"
        )),
        k if k.starts_with("destination.labels") => Err(format!(
            "attribute {key} is replaced by the workload selector"
        )),
        "destination.name" | "destination.user" => Err(format!(
            "deprecated attribute {key}: only supported in v1alpha1"
        )),
        _ => Err(format!("unknown attribute: {key}")),
    }
}

pub fn validate_peer_authentication(t: &Target) -> Findings {
    let pa = t.spec;
    let mut f = Findings::default();
    let selector = field(pa, "selector");
    let empty_selector =
        selector.is_none_or(|s| map(s, "matchLabels").is_none_or(serde_json::Map::is_empty));
    let port_level = map(pa, "portLevelMtls");
    if empty_selector && port_level.is_some_and(|m| !m.is_empty()) {
        f.err("mesh/namespace peer authentication cannot have port level mTLS");
    }
    if port_level.is_some_and(serde_json::Map::is_empty) {
        f.err("port level mTLS, if defined, must have at least one element");
    }
    for port in port_level.into_iter().flat_map(|m| m.keys()) {
        let p: i64 = port.parse().unwrap_or(0);
        if !(1..=65535).contains(&p) {
            f.err("port must be in range 1..65535");
        }
    }
    f.merge(checks::workload_selector(selector));
    f
}

pub fn validate_request_authentication(t: &Target) -> Findings {
    let ra = t.spec;
    let mut f = checks::policy_targets(ra);
    // A null rule decodes to an empty one, which Istio then validates.
    for rule in list(ra, "jwtRules") {
        jwt_rule(rule, &mut f);
    }
    f
}

fn jwt_rule(rule: &Value, f: &mut Findings) {
    for a in strs(rule, "audiences") {
        if a.is_empty() {
            f.err("audience must be non-empty string");
        }
    }
    let issuer = text(rule, "issuer");
    let jwks_uri = text(rule, "jwksUri");
    if issuer.is_empty() && jwks_uri.is_empty() {
        f.err("issuer or jwksUri must be non-empty string");
    }
    if !jwks_uri.is_empty() {
        let scheme = jwks_uri
            .split_once("://")
            .map_or("", |(s, _)| s)
            .to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            let scheme = if jwks_uri.contains(':') {
                scheme
            } else {
                String::new()
            };
            f.err(format!("URI scheme {} is not supported", quote(&scheme)));
        }
    }
    for loc in list(rule, "fromHeaders") {
        if loc.is_null() {
            f.err("location header name must be non-null");
        } else if text(loc, "name").is_empty() {
            f.err("location header name must be non-empty string");
        }
    }
    for p in strs(rule, "fromParams") {
        if p.is_empty() {
            f.err("location query must be non-empty string");
        }
    }
    for c in strs(rule, "fromCookies") {
        if c.is_empty() {
            f.err("cookie name must be non-empty string");
        }
    }
    for o in list(rule, "outputClaimToHeaders") {
        if o.is_null() {
            f.err("outputClaimToHeaders must not be null");
            continue;
        }
        let (claim, header) = (text(o, "claim"), text(o, "header"));
        if claim.is_empty() || header.is_empty() {
            f.err("outputClaimToHeaders header and claim value must be non-empty string");
            continue;
        }
        f.check(checks::strict_header_name(header));
    }
    checks::duration_field(f, rule, "timeout");
    let jwks = text(rule, "jwks");
    if !jwks.is_empty() {
        match jwks::parse(jwks) {
            Ok(keys) => {
                for (i, _) in keys.iter().enumerate().filter(|(_, private)| **private) {
                    f.warn(format!("jwks key at index {i} contains private key material; only public keys are used for verification"));
                }
            }
            Err(e) => f.err(format!("jwks parse error: {e}")),
        }
    }
}
