//! EnvoyFilter: the standing warning, workload selector, config patches
//! (applyTo, patch, operation, value, match kinds, proxy version regex,
//! filter names) and each patch value decoded into its Envoy message as
//! istioctl decodes it (`typed::check_envoy_patch`): wrongly typed values and
//! unresolvable `@type`s are errors, unknown fields warnings, then deprecated
//! `@type`s and filters without `typed_config`.

use serde_json::Value;

use super::checks;
use super::{Findings, Target, field, has, text};
use crate::analyze::typed::{self, PatchDecode};

pub fn validate(t: &Target) -> Findings {
    let ef = t.spec;
    let mut f = Findings::default();
    f.warn("EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.");
    match checks::alpha_workload_selector(field(ef, "workloadSelector"), "Envoy filter") {
        Ok(w) => f.merge(w),
        Err(errors) => return errors,
    }
    for cp in super::list(ef, "configPatches") {
        config_patch(cp, &mut f);
    }
    f
}

const DEPRECATED_FILTER_NAMES: &[(&str, &str)] = &[
    (
        "envoy.http_connection_manager",
        "envoy.filters.network.http_connection_manager",
    ),
    ("envoy.tcp_proxy", "envoy.filters.network.tcp_proxy"),
    ("envoy.router", "envoy.filters.http.router"),
    ("envoy.cors", "envoy.filters.http.cors"),
    ("envoy.fault", "envoy.filters.http.fault"),
    ("envoy.lua", "envoy.filters.http.lua"),
    ("envoy.ext_authz", "envoy.filters.http.ext_authz"),
    (
        "envoy.filters.http.jwt_authn",
        "envoy.filters.http.jwt_authn",
    ),
    ("envoy.grpc_web", "envoy.filters.http.grpc_web"),
    ("envoy.gzip", "envoy.filters.http.gzip"),
    ("envoy.health_check", "envoy.filters.http.health_check"),
    ("envoy.rate_limit", "envoy.filters.http.ratelimit"),
    (
        "envoy.listener.tls_inspector",
        "envoy.filters.listener.tls_inspector",
    ),
    (
        "envoy.listener.original_dst",
        "envoy.filters.listener.original_dst",
    ),
    (
        "envoy.listener.http_inspector",
        "envoy.filters.listener.http_inspector",
    ),
    (
        "envoy.listener.proxy_protocol",
        "envoy.filters.listener.proxy_protocol",
    ),
    ("envoy.ratelimit", "envoy.filters.network.ratelimit"),
    ("envoy.mongo_proxy", "envoy.filters.network.mongo_proxy"),
    ("envoy.redis_proxy", "envoy.filters.network.redis_proxy"),
    (
        "envoy.client_ssl_auth",
        "envoy.filters.network.client_ssl_auth",
    ),
    ("envoy.echo", "envoy.filters.network.echo"),
    ("envoy.http_dynamo_filter", "envoy.filters.http.dynamo"),
    ("envoy.buffer", "envoy.filters.http.buffer"),
    ("envoy.ip_tagging", "envoy.filters.http.ip_tagging"),
    ("envoy.squash", "envoy.filters.http.squash"),
    (
        "envoy.grpc_http1_bridge",
        "envoy.filters.http.grpc_http1_bridge",
    ),
    (
        "envoy.grpc_json_transcoder",
        "envoy.filters.http.grpc_json_transcoder",
    ),
    (
        "envoy.filters.network.sni_cluster",
        "envoy.filters.network.sni_cluster",
    ),
];

fn filter_name(name: &str, f: &mut Findings) {
    if let Some((old, new)) = DEPRECATED_FILTER_NAMES
        .iter()
        .find(|(old, new)| *old == name && old != new)
    {
        f.warn(format!(
            "using deprecated filter name \"{old}\"; use \"{new}\" instead"
        ));
    }
}

fn config_patch(cp: &Value, f: &mut Findings) {
    if cp.is_null() {
        f.err("Envoy filter: null config patch");
        return;
    }
    let m = field(cp, "match");
    if m.is_some_and(|m| text(m, "context") == "WAYPOINT") {
        return;
    }
    let apply_to = text(cp, "applyTo");
    if apply_to.is_empty() || apply_to == "INVALID" {
        f.err("Envoy filter: missing applyTo");
        return;
    }
    let Some(patch) = field(cp, "patch") else {
        f.err("Envoy filter: missing patch");
        return;
    };
    let op = text(patch, "operation");
    if op.is_empty() || op == "INVALID" {
        f.err("Envoy filter: missing patch operation");
        return;
    }
    let value = field(patch, "value");
    if op != "REMOVE" && value.is_none() {
        f.err("Envoy filter: missing patch value for non-remove operation");
        return;
    }
    if let Some(version) = m
        .and_then(|m| field(m, "proxy"))
        .map(|p| text(p, "proxyVersion"))
        .filter(|v| !v.is_empty())
    {
        if version.len() > 1024 {
            f.warn("Envoy filter: proxyVersion match exceeds 1024 characters and will be ignored");
        } else if let Some(e) = checks::regex_error(version) {
            f.err(format!(
                "Envoy filter: invalid regex for proxy version, [{e}]"
            ));
            return;
        }
    }
    let object_match =
        m.filter(|m| has(m, "listener") || has(m, "routeConfiguration") || has(m, "cluster"));
    match apply_to {
        "LISTENER" | "FILTER_CHAIN" | "NETWORK_FILTER" | "HTTP_FILTER" => {
            if let Some(m) = object_match {
                let Some(listener) = field(m, "listener") else {
                    f.err("Envoy filter: applyTo for listener class objects cannot have non listener match");
                    return;
                };
                if let Some(filter) =
                    field(listener, "filterChain").and_then(|c| field(c, "filter"))
                {
                    if apply_to == "LISTENER" || apply_to == "FILTER_CHAIN" {
                        f.warn(format!(
                            "Envoy filter: filter match has no effect when used with {apply_to}"
                        ));
                    }
                    let name = text(filter, "name");
                    if name.is_empty() {
                        f.err("Envoy filter: filter match has no name to match on");
                        return;
                    }
                    let sub = field(filter, "subFilter");
                    if let Some(sub) = sub {
                        if apply_to != "HTTP_FILTER" {
                            f.err("Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only");
                            return;
                        }
                        if name != "envoy.filters.network.http_connection_manager"
                            && name != "envoy.http_connection_manager"
                        {
                            f.err("Envoy filter: subfilter match requires filter match with envoy.filters.network.http_connection_manager");
                            return;
                        }
                        if text(sub, "name").is_empty() {
                            f.err("Envoy filter: subfilter match has no name to match on");
                            return;
                        }
                    }
                    filter_name(name, f);
                    if let Some(sub) = sub {
                        filter_name(text(sub, "name"), f);
                    }
                }
            }
        }
        "ROUTE_CONFIGURATION" | "VIRTUAL_HOST" | "HTTP_ROUTE"
            if object_match.is_some_and(|m| !has(m, "routeConfiguration")) =>
        {
            f.err("Envoy filter: applyTo for http route class objects cannot have non route configuration match");
        }
        "CLUSTER" if object_match.is_some_and(|m| !has(m, "cluster")) => {
            f.err("Envoy filter: applyTo for cluster class objects cannot have non cluster match");
        }
        _ => {}
    }
    let Some(value) = value.filter(|v| v.is_object()) else {
        return;
    };
    match typed::check_envoy_patch(apply_to, value) {
        None => {}
        Some(PatchDecode::Invalid(e)) => {
            let e = format!("Envoy filter: {e}");
            f.err(if !e.contains("could not resolve Any message type") {
                e
            } else if e.contains(".v2.") {
                format!("referenced type unknown (hint: try using the v3 XDS API): {e}")
            } else {
                format!("referenced type unknown: {e}")
            });
        }
        Some(PatchDecode::NotStrict(e)) => f.warn(format!("Envoy filter: {e}")),
        Some(PatchDecode::Decoded {
            frozen_types,
            missing_typed_config,
        }) => {
            if !frozen_types.is_empty() {
                f.warn(format!(
                    "using deprecated type_url(s); {}",
                    frozen_types.join(", ")
                ));
            }
            if !missing_typed_config.is_empty() {
                f.warn(format!(
                    "using deprecated types by name without typed_config; {}",
                    missing_typed_config.join(", ")
                ));
            }
        }
    }
}
