//! VirtualService: hosts, gateways, HTTP/TLS/TCP routes, their matches,
//! destinations, header operations, CORS, faults, retries, redirects,
//! rewrites, mirrors. (Unreachable routes and ineffective matches, IST0130 and
//! IST0131, are rules of their own.)

use serde_json::Value;

use super::checks::{self, Check, quote};
use super::{Findings, Target, field, float, has, int, list, map, strs, text};

pub fn validate(t: &Target) -> Findings {
    let vs = t.spec;
    let mut f = Findings::default();
    let hosts = strs(vs, "hosts");
    let gateways = strs(vs, "gateways");
    if hosts.is_empty() {
        if !gateways.is_empty() {
            f.err("delegate virtual service must have no gateways specified");
        }
        if !list(vs, "tls").is_empty() {
            f.err("delegate virtual service must have no tls route specified");
        }
        if !list(vs, "tcp").is_empty() {
            f.err("delegate virtual service must have no tcp route specified");
        }
    }
    let applies_to_gateway = !gateways.is_empty() && !gateways.contains(&"mesh");
    let applies_to_mesh = !applies_to_gateway;
    if !gateways.is_empty() {
        f.merge(gateway_names(&gateways));
    }
    if !applies_to_gateway {
        for http in list(vs, "http") {
            for m in list(http, "match") {
                for key in ["headers", "withoutHeaders"] {
                    for name in map(m, key).into_iter().flat_map(|h| h.keys()) {
                        if checks::is_jwt_claim_route(name) {
                            f.err(format!(
                                "JWT claim based routing (key: {name}) is only supported for gateway, found no gateways: [{}]",
                                gateways.join(" ")
                            ));
                        }
                    }
                }
            }
        }
    }
    let sni = list(vs, "tls").iter().any(|tls| {
        list(tls, "match")
            .iter()
            .any(|m| !list(m, "sniHosts").is_empty())
    });
    let mut all_hosts_valid = true;
    for h in &hosts {
        let r = if applies_to_gateway {
            checks::wildcard_domain_for_gateway(sni, h)
        } else {
            checks::wildcard_domain(h)
        };
        match r {
            Err(e) => {
                if !checks::is_ip(h) {
                    f.err(e);
                    all_hosts_valid = false;
                }
            }
            Ok(()) if applies_to_mesh && *h == "*" => {
                f.err(
                    "wildcard host * is not allowed for virtual services bound to the mesh gateway",
                );
                all_hosts_valid = false;
            }
            Ok(()) => {}
        }
    }
    if all_hosts_valid {
        for (i, a) in hosts.iter().enumerate() {
            for b in &hosts[i + 1..] {
                if checks::host_matches(a, b) {
                    f.err(format!("duplicate hosts in virtual service: {a} & {b}"));
                }
            }
        }
    }
    if list(vs, "http").is_empty() && list(vs, "tcp").is_empty() && list(vs, "tls").is_empty() {
        f.err("http, tcp or tls must be provided in virtual service");
    }
    for http in list(vs, "http") {
        if http.is_null() {
            f.err("http route may not be null");
            continue;
        }
        f.merge(http_route(http, hosts.is_empty()));
    }
    for tls in list(vs, "tls") {
        f.merge(tls_route(tls, &hosts, applies_to_gateway));
    }
    for tcp in list(vs, "tcp") {
        f.merge_errors(tcp_route(tcp));
    }
    f.errors.extend(checks::export_to(
        t.namespace,
        &strs(vs, "exportTo"),
        false,
        false,
    ));
    f
}

/// `gateways` entries: `ns/name`, or a bare (or legacy `name.ns`) name.
fn gateway_names(names: &[&str]) -> Findings {
    let mut f = Findings::default();
    for name in names {
        let Some((ns, gw)) = name.split_once('/') else {
            if name.contains('.') {
                let parts: Vec<&str> = name.split('.').collect();
                f.warn(format!(
                    "using legacy gatewayName format {}; prefer the <namespace>/<name> format: {}",
                    quote(name),
                    quote(&format!("{}/{}", parts[1], parts[0]))
                ));
            }
            f.check(checks::fqdn(name));
            // Istio stops at the first name without a namespace.
            return f;
        };
        if ns.is_empty() || gw.is_empty() {
            f.err("config namespace and gateway name cannot be empty");
        }
        if !checks::is_dns1123_label(ns) {
            f.err(format!("invalid value for namespace: {}", quote(ns)));
        }
        if !checks::is_dns1123_label(gw) {
            f.err(format!("invalid value for gateway name: {}", quote(gw)));
        }
    }
    f
}

fn route_conflicts(http: &Value, delegate: bool, f: &mut Findings) {
    let has_route = !list(http, "route").is_empty();
    if !delegate && has(http, "delegate") {
        if has(http, "redirect") {
            f.err(format!(
                "root HTTP route {} must not specify redirect",
                text(http, "name")
            ));
        }
        if has(http, "route") {
            f.err(format!(
                "root HTTP route {} must not specify route",
                text(http, "name")
            ));
        }
        return;
    }
    if delegate && has(http, "delegate") {
        f.err("delegate HTTP route cannot contain delegate");
    }
    if has(http, "redirect") {
        if has_route {
            f.err("HTTP route cannot contain both route and redirect");
        }
        if has(http, "fault") {
            f.err("HTTP route cannot contain both fault and redirect");
        }
        if has(http, "rewrite") {
            f.err("HTTP route rule cannot contain both rewrite and redirect");
        }
        if has(http, "directResponse") {
            f.err("HTTP route rule cannot contain both direct_response and redirect");
        }
    } else if has(http, "directResponse") {
        if has_route {
            f.err("HTTP route cannot contain both route and direct_response");
        }
        if has(http, "fault") {
            f.err("HTTP route cannot contain both fault and direct_response");
        }
        if has(http, "rewrite") {
            f.err("HTTP route rule cannot contain both rewrite and direct_response");
        }
    } else if !has_route {
        f.err("HTTP route, redirect or direct_response is required");
    }
    if has(http, "mirror") && !list(http, "mirrors").is_empty() {
        f.err("HTTP route cannot contain both mirror and mirrors");
    }
}

fn match_requests(http: &Value, f: &mut Findings) {
    let matches = list(http, "match");
    for m in matches.iter().filter(|m| !m.is_null()) {
        for (name, header) in map(m, "headers").into_iter().flatten() {
            if header.is_null() {
                f.err(format!("header match {name} cannot be null"));
            }
            f.check(checks::header_name_or_jwt_claim(name));
            f.check(checks::string_match(
                Some(header).filter(|h| !h.is_null()),
                "headers",
            ));
        }
        for (name, header) in map(m, "withoutHeaders").into_iter().flatten() {
            f.check(checks::header_name_or_jwt_claim(name));
            if !header.is_null() && text(header, "regex") != "*" {
                f.check(checks::string_match(Some(header), "withoutHeaders"));
            }
        }
        f.check(checks::string_match_regexp(field(m, "uri"), "uri"));
        for key in ["scheme", "method", "authority"] {
            f.check(checks::string_match(field(m, key), key));
        }
        for qp in map(m, "queryParams").into_iter().flat_map(|q| q.values()) {
            f.check(checks::string_match(Some(qp), "queryParams"));
        }
    }
    for m in matches.iter().filter(|m| !m.is_null()) {
        let p = int(m, "port");
        if p != 0 {
            f.check(checks::port(p));
        }
        f.errors.extend(checks::labels(map(m, "sourceLabels")));
        f.merge_errors(gateway_names(&strs(m, "gateways")));
        let source_ns = text(m, "sourceNamespace");
        if !source_ns.is_empty() && !checks::is_dns1123_label(source_ns) {
            f.err(format!("sourceNamespace match {source_ns} is invalid"));
        }
    }
}

fn http_route(http: &Value, delegate: bool) -> Findings {
    let mut f = Findings::default();
    route_conflicts(http, delegate, &mut f);
    match_requests(http, &mut f);
    checks::header_operations(field(http, "headers"), &mut f.errors);
    if let Some(cors) = field(http, "corsPolicy") {
        cors_policy(cors, &mut f);
    }
    if let Some(fault) = field(http, "fault") {
        fault_injection(fault, &mut f);
    }
    if let Some(mp) = field(http, "mirrorPercent") {
        let v = super::number(mp.get("value").unwrap_or(mp));
        if v > 100 {
            f.err(format!(
                "mirror_percent must have a max value of 100 (it has {v})"
            ));
        }
        f.warn("using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
    }
    if let Some(mp) = field(http, "mirrorPercentage") {
        mirror_percentage("mirror_percentage", mp, &mut f);
    }
    if let Some(m) = field(http, "mirror") {
        destination(m, &mut f.errors);
    }
    for m in list(http, "mirrors") {
        let Some(d) = field(m, "destination") else {
            f.err(if m.is_null() {
                "mirror cannot be null"
            } else {
                "destination is required for mirrors"
            });
            continue;
        };
        destination(d, &mut f.errors);
        if let Some(p) = field(m, "percentage") {
            mirror_percentage("mirror percentage", p, &mut f);
        }
    }
    if let Some(r) = field(http, "redirect") {
        f.check(redirect(r, list(http, "match")));
    }
    if let Some(d) = field(http, "directResponse") {
        direct_response(d, &mut f);
    }
    if let Some(r) = field(http, "retries") {
        retries(r, &mut f);
    }
    if let Some(r) = field(http, "rewrite") {
        f.check(rewrite(r));
    }
    f.check(authority_rewrite(http));
    route_destinations(list(http, "route"), true, &mut f.errors);
    if let Some(t) = field(http, "timeout") {
        f.check(checks::duration(t));
    }
    f
}

/// A mirror `Percent` in 0..=100 (Go prints the value with `%f`).
fn mirror_percentage(what: &str, p: &Value, f: &mut Findings) {
    let v = float(p, "value");
    if v > 100.0 {
        f.err(format!(
            "{what} must have a max value of 100 (it has {v:.6})"
        ));
    }
    if v < 0.0 {
        f.err(format!("{what} must have a min value of 0 (it has {v:.6})"));
    }
}

fn authority_rewrite(http: &Value) -> Check {
    let mut current = field(http, "rewrite").map_or("", |r| text(r, "authority"));
    let request = field(http, "headers").and_then(|h| field(h, "request"));
    for op in ["set", "add"] {
        for (k, v) in request.and_then(|r| map(r, op)).into_iter().flatten() {
            if !checks::is_authority_header(k) {
                continue;
            }
            let v = v.as_str().unwrap_or("");
            if !current.is_empty() {
                return Err(format!(
                    "authority header cannot be set multiple times: have {}, attempting to set {}",
                    quote(current),
                    quote(v)
                ));
            }
            current = v;
        }
    }
    Ok(())
}

fn cors_policy(policy: &Value, f: &mut Findings) {
    for origin in list(policy, "allowOrigins") {
        let m = ["exact", "prefix", "regex"]
            .iter()
            .find_map(|k| field(origin, k))
            .and_then(Value::as_str)
            .unwrap_or("");
        if m.is_empty() {
            f.err(format!(
                "'{m}' is not a valid match type for CORS allow origins"
            ));
        } else {
            f.check(checks::string_match_regexp(
                Some(origin),
                "corsPolicy.allowOrigins",
            ));
        }
    }
    for method in strs(policy, "allowMethods") {
        if !matches!(
            method,
            "GET"
                | "HEAD"
                | "POST"
                | "PUT"
                | "PATCH"
                | "DELETE"
                | "CONNECT"
                | "OPTIONS"
                | "TRACE"
                | "*"
        ) {
            f.err(format!("{} is not a supported HTTP method", quote(method)));
        }
    }
    for key in ["allowHeaders", "exposeHeaders"] {
        for name in strs(policy, key) {
            f.check(checks::cors_header_name(name));
        }
    }
    if let Some(age) = field(policy, "maxAge") {
        f.check(checks::duration(age));
        if checks::duration_nanos(age).is_some_and(|n| n % 1_000_000_000 > 0) {
            f.err("max_age duration is accurate only to seconds precision");
        }
    }
}

const GRPC_STATUS: &[&str] = &[
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

fn http_status(status: i64) -> Check {
    if (200..=600).contains(&status) {
        Ok(())
    } else {
        Err(format!("HTTP status {status} is not in range 200-599"))
    }
}

fn fault_injection(fault: &Value, f: &mut Findings) {
    let abort = field(fault, "abort");
    let delay = field(fault, "delay");
    if abort.is_none() && delay.is_none() {
        f.err("HTTP fault injection must have an abort and/or a delay");
    }
    if let Some(a) = abort {
        f.check(checks::percentage(field(a, "percentage")));
        if let Some(s) = field(a, "grpcStatus") {
            let s = s.as_str().unwrap_or("");
            if !GRPC_STATUS.contains(&s) {
                f.err(format!(
                    "gRPC status {} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'",
                    quote(s)
                ));
            }
        } else if has(a, "http2Error") {
            f.err("HTTP/2 abort fault injection not supported yet");
        } else if has(a, "httpStatus") {
            f.check(http_status(int(a, "httpStatus")));
        } else {
            // Istio reports this as a warning, but its caller keeps only errors.
        }
    }
    if let Some(d) = delay {
        f.check(checks::percentage(field(d, "percentage")));
        if let Some(fixed) = field(d, "fixedDelay") {
            f.check(checks::duration(fixed));
        } else if let Some(exp) = field(d, "exponentialDelay") {
            f.check(checks::duration(exp));
            f.err("exponentialDelay not supported yet");
        }
    }
}

/// A `Destination`: host, subset name, port.
pub fn destination(d: &Value, out: &mut Vec<String>) {
    let host = text(d, "host");
    if host == "*" {
        out.push(format!("invalid destination host {host}"));
    } else if let Err(e) = checks::wildcard_domain(host) {
        out.push(e);
    }
    let subset = text(d, "subset");
    if !subset.is_empty() && !checks::is_dns1123_label(subset) {
        out.push(format!("subset name is invalid: {subset}"));
    }
    if let Some(p) = field(d, "port")
        && let Err(e) = checks::port(int(p, "number"))
    {
        out.push(e);
    }
}

/// Weighted destinations of an HTTP (`http`) or TCP/TLS route.
fn route_destinations(routes: &[Value], http: bool, out: &mut Vec<String>) {
    let mut total = 0;
    for r in routes {
        if r.is_null() {
            out.push("weight may not be nil".into());
            continue;
        }
        let dest = field(r, "destination");
        if dest.is_none() {
            out.push("destination is required".into());
        }
        if http {
            checks::header_operations(field(r, "headers"), out);
        }
        if let Some(d) = dest {
            destination(d, out);
        }
        let w = int(r, "weight");
        if w < 0 {
            out.push(format!("weight {w} < 0"));
        }
        total += w;
    }
    if routes.len() > 1 && total == 0 {
        out.push("total destination weight = 0".into());
    }
}

const RETRY_ON: &[&str] = &[
    "5xx",
    "gateway-error",
    "reset",
    "reset-before-request",
    "connect-failure",
    "retriable-4xx",
    "refused-stream",
    "retriable-status-codes",
    "retriable-headers",
    "envoy-ratelimited",
    "http3-post-connect-failure",
    "cancelled",
    "deadline-exceeded",
    "internal",
    "resource-exhausted",
    "unavailable",
];

/// Status codes Go's `http.StatusText` knows.
fn is_known_status(code: i64) -> bool {
    matches!(
        code,
        100..=103
            | 200..=208
            | 226
            | 300..=305
            | 307
            | 308
            | 400..=418
            | 421..=426
            | 428
            | 429
            | 431
            | 451
            | 500..=508
            | 510
            | 511
    )
}

fn retries(r: &Value, f: &mut Findings) {
    let attempts = int(r, "attempts");
    if attempts < 0 {
        f.err("attempts cannot be negative");
    }
    let retry_on = text(r, "retryOn");
    if attempts == 0
        && (has(r, "perTryTimeout") || !retry_on.is_empty() || has(r, "retryRemoteLocalities"))
    {
        f.err("http retry policy configured when attempts are set to 0 (disabled)");
    }
    if let Some(t) = field(r, "perTryTimeout") {
        f.check(checks::duration(t));
    }
    if !retry_on.is_empty() {
        for policy in retry_on.split(',') {
            let code = policy.parse::<i64>().unwrap_or(0);
            if !is_known_status(code) && !RETRY_ON.contains(&policy) {
                f.err(format!("{} is not a valid retryOn policy", quote(policy)));
            }
        }
    }
    if let Some(b) = field(r, "backoff") {
        f.check(checks::duration(b));
    }
}

fn redirect(r: &Value, matches: &[Value]) -> Check {
    let uri = text(r, "uri");
    let prefix_rewrite = text(r, "prefixRewrite");
    if !uri.is_empty() && !prefix_rewrite.is_empty() {
        return Err("redirect may only specify one of uri or prefix_rewrite".into());
    }
    if !prefix_rewrite.is_empty() {
        for m in matches {
            if let Some(u) = field(m, "uri")
                && !has(u, "prefix")
            {
                return Err(
                    "redirect prefix_rewrite requires all URI matches to use prefix match type"
                        .into(),
                );
            }
        }
    }
    let scheme = text(r, "scheme");
    if uri.is_empty()
        && prefix_rewrite.is_empty()
        && text(r, "authority").is_empty()
        && !has(r, "port")
        && !has(r, "derivePort")
        && scheme.is_empty()
    {
        return Err("redirect must specify URI, authority, scheme, or port".into());
    }
    let code = int(r, "redirectCode");
    if code != 0 && !(300..=399).contains(&code) {
        return Err(format!("{code} is not a valid redirect code, must be 3xx"));
    }
    if !scheme.is_empty() && scheme != "http" && scheme != "https" {
        return Err("invalid redirect scheme, must be \"http\" or \"https\"".into());
    }
    let p = int(r, "port");
    if p > 0 {
        checks::port(p)?;
    }
    Ok(())
}

fn direct_response(d: &Value, f: &mut Findings) {
    if let Some(body) = field(d, "body") {
        let size = if let Some(s) = field(body, "string") {
            s.as_str().map_or(0, str::len)
        } else {
            // bytes: base64 in JSON
            text(body, "bytes").len() * 3 / 4
        };
        if size > 1024 * 1024 {
            f.err("large direct_responses may impact control plane performance, must be less than 1MB");
        } else if size > 100 * 1024 {
            f.warn("large direct_responses may impact control plane performance");
        }
    }
    f.check(http_status(int(d, "status")));
}

fn rewrite(r: &Value) -> Check {
    let uri = text(r, "uri");
    let regex = field(r, "uriRegexRewrite");
    if !uri.is_empty() && regex.is_some() {
        return Err("rewrite may only contain one of URI or UriRegexRewrite".into());
    }
    if uri.is_empty() && regex.is_none() && text(r, "authority").is_empty() {
        return Err("rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified".into());
    }
    if let Some(re) = regex {
        let m = text(re, "match");
        let err = if m.is_empty() || text(re, "rewrite").is_empty() {
            Err("UriRegexRewrite requires both Rewrite and Match fields to be specified".into())
        } else {
            checks::string_regexp(m, "HTTPRewrite.UriRegexRewrite.Match")
        };
        if let Err(e) = err {
            return Err(format!("UriRegexRewrite has errors\n{e}"));
        }
    }
    Ok(())
}

fn tls_route(tls: &Value, hosts: &[&str], gateway: bool) -> Findings {
    let mut f = Findings::default();
    if tls.is_null() {
        return f;
    }
    let matches = list(tls, "match");
    if matches.is_empty() {
        f.err("TLS route must have at least one match condition");
    }
    for m in matches {
        if m.is_null() {
            f.err("TLS match may not be null");
            continue;
        }
        let sni_hosts = strs(m, "sniHosts");
        if sni_hosts.is_empty() {
            f.err("TLS match must have at least one SNI host");
        }
        for sni in sni_hosts {
            sni_host(sni, hosts, gateway, &mut f);
        }
        l4_match(m, &mut f);
        f.merge(gateway_names(&strs(m, "gateways")));
    }
    if list(tls, "route").is_empty() {
        f.err("TLS route is required");
    }
    route_destinations(list(tls, "route"), false, &mut f.errors);
    f
}

fn l4_match(m: &Value, f: &mut Findings) {
    for subnet in strs(m, "destinationSubnets") {
        f.check(checks::ip_subnet(subnet));
    }
    let p = int(m, "port");
    if p != 0 {
        f.check(checks::port(p));
    }
    f.errors.extend(checks::labels(map(m, "sourceLabels")));
}

fn sni_host(sni: &str, hosts: &[&str], gateway: bool, f: &mut Findings) {
    let r = if gateway {
        checks::wildcard_domain_for_gateway(true, sni)
    } else {
        checks::wildcard_domain(sni)
    };
    if let Err(e) = r {
        if checks::is_ip(sni) {
            f.warn(format!(
                "using an IP address ({}) goes against SNI spec and most clients do not support this",
                quote(sni)
            ));
        } else {
            f.err(e);
        }
        return;
    }
    if hosts.iter().any(|h| checks::host_subset_of(sni, h)) {
        return;
    }
    f.err(format!(
        "SNI host {} is not a compatible subset of any of the virtual service hosts: [{}]",
        quote(sni),
        hosts.join(", ")
    ));
}

fn tcp_route(tcp: &Value) -> Findings {
    let mut f = Findings::default();
    if tcp.is_null() {
        return f;
    }
    for m in list(tcp, "match") {
        if m.is_null() {
            f.err("tcp match may not be nil");
            continue;
        }
        l4_match(m, &mut f);
        f.merge_errors(gateway_names(&strs(m, "gateways")));
    }
    if list(tcp, "route").is_empty() {
        f.err("TCP route is required");
    }
    route_destinations(list(tcp, "route"), false, &mut f.errors);
    f
}
