//! Telemetry, WasmPlugin and ProxyConfig.

use serde_json::Value;

use super::checks;
use super::{Findings, Target, field, int, list, map, text, wrapped};

fn providers(list_: &[Value]) -> Option<&'static str> {
    list_
        .iter()
        .any(|p| p.is_null() || text(p, "name").is_empty())
        .then_some("providers.name may not be empty")
}

pub fn validate_telemetry(t: &Target) -> Findings {
    let spec = t.spec;
    let mut f = checks::policy_targets(spec);
    for m in list(spec, "metrics") {
        if m.is_null() {
            continue;
        }
        if let Some(e) = providers(list(m, "providers")) {
            f.err(e);
        }
        for o in list(m, "overrides") {
            if o.is_null() {
                f.err("tagOverrides may not be null");
                continue;
            }
            for (name, to) in map(o, "tagOverrides").into_iter().flatten() {
                if name.is_empty() {
                    f.warn("tagOverrides.name may not be empty");
                }
                if to.is_null() {
                    f.err("tagOverrides may not be null");
                    continue;
                }
                let value = text(to, "value");
                match text(to, "operation") {
                    "" | "UPSERT" if value.is_empty() => {
                        f.err("tagOverrides.value must be set when operation is UPSERT");
                    }
                    "REMOVE" if !value.is_empty() => {
                        f.err("tagOverrides.value may only be set when operation is UPSERT");
                    }
                    _ => {}
                }
            }
            if let Some(sel) = field(o, "match")
                && sel
                    .get("customMetric")
                    .is_some_and(|c| c.as_str() == Some(""))
            {
                f.err("customMetric may not be empty");
            }
        }
    }
    let tracing = list(spec, "tracing");
    if tracing.len() > 1 {
        f.warn("multiple tracing is not currently supported");
    }
    for tr in tracing {
        if tr.is_null() {
            continue;
        }
        let provs = list(tr, "providers");
        if provs.len() > 1 {
            f.warn("multiple providers is not currently supported");
        }
        if let Some(e) = providers(provs) {
            f.err(e);
        }
        let pct = wrapped(tr, "randomSamplingPercentage").unwrap_or(0.0);
        if !(0.0..=100.0).contains(&pct) {
            f.err("randomSamplingPercentage must be in range [0.0, 100.0]");
        }
        for (name, tag) in map(tr, "customTags").into_iter().flatten() {
            if name.is_empty() {
                f.err("tag name may not be empty");
            }
            if tag.is_null() {
                f.err(format!("tag '{name}' may not have a nil value"));
                continue;
            }
            if let Some(l) = field(tag, "literal") {
                if text(l, "value").is_empty() {
                    f.err("literal tag value may not be empty");
                }
            } else if let Some(h) = field(tag, "header") {
                if text(h, "name").is_empty() {
                    f.err("header tag name may not be empty");
                }
            } else if let Some(e) = field(tag, "environment")
                && text(e, "name").is_empty()
            {
                f.err("environment tag name may not be empty");
            }
        }
    }
    for l in list(spec, "accessLogging") {
        if l.is_null() {
            continue;
        }
        if let Some(filter) = field(l, "filter")
            && let Err(e) = super::cel::parse(text(filter, "expression"))
        {
            f.err(format!("must be a valid CEL expression, {e}"));
        }
        if let Some(e) = providers(list(l, "providers")) {
            f.err(e);
        }
    }
    f
}

/// Go's `url.ParseRequestURI` acceptance, roughly: an absolute URI or an
/// absolute path, without spaces or control characters.
fn parses_as_request_uri(u: &str) -> bool {
    if u.is_empty() || u.chars().any(|c| c.is_control() || c == ' ') {
        return false;
    }
    if u.starts_with('/') {
        return true;
    }
    match u.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

fn wasm_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("url field needs to be set".into());
    }
    let scheme = if parses_as_request_uri(url) {
        url.split_once(':')
            .map_or("", |(s, _)| s)
            .to_ascii_lowercase()
    } else if parses_as_request_uri(&format!("http://{url}")) {
        "http".to_string()
    } else {
        return Err(format!(
            "failed to parse url: parse \"{url}\": invalid URI for request"
        ));
    };
    if !matches!(scheme.as_str(), "" | "file" | "http" | "https" | "oci") {
        return Err(format!("url contains unsupported scheme: {scheme}"));
    }
    Ok(())
}

pub fn validate_wasm_plugin(t: &Target) -> Findings {
    let spec = t.spec;
    let mut f = checks::policy_targets(spec);
    // (Istio's text says 255 here, 256 for a TrafficExtension's.)
    wasm_module(
        spec,
        "pluginName field must be less than 255 characters long",
        &mut f,
    );
    f.check(wasm_match(list(spec, "match")));
    f
}

/// The Wasm module fields a WasmPlugin and a TrafficExtension's `wasm` share:
/// `url`, `sha256`, `imagePullSecret`, `pluginName`, `vmConfig`.
fn wasm_module(v: &Value, long_plugin_name: &str, f: &mut Findings) {
    f.check(wasm_url(text(v, "url")));
    f.check(sha256(text(v, "sha256")));
    if text(v, "imagePullSecret").len() > 253 {
        f.err("imagePullSecret field must be less than 253 characters long");
    }
    if text(v, "pluginName").len() > 256 {
        f.err(long_plugin_name);
    }
    if let Some(vm) = field(v, "vmConfig") {
        f.check(vm_config(vm));
    }
}

/// A Wasm module's digest, when given.
fn sha256(sha: &str) -> Result<(), String> {
    if sha.is_empty() {
        Ok(())
    } else if sha.len() != 64 {
        Err("sha256 field must be 64 characters long".into())
    } else if !sha.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        Err("sha256 field must match [a-f0-9]{64} pattern".into())
    } else {
        Ok(())
    }
}

fn vm_config(vm: &Value) -> Result<(), String> {
    let mut seen: Vec<&str> = Vec::new();
    for env in list(vm, "env") {
        if env.is_null() {
            continue;
        }
        let name = text(env, "name");
        if name.is_empty() {
            return Err("spec.vmConfig.env invalid".into());
        }
        if name.len() > 256 {
            return Err("env.name field must be less than 255 characters long".into());
        }
        if seen.contains(&name) {
            return Err("duplicate env".into());
        }
        seen.push(name);
        if !matches!(text(env, "valueFrom"), "" | "INLINE") && !text(env, "value").is_empty() {
            return Err("value may only be set when valueFrom is INLINE".into());
        }
    }
    Ok(())
}

fn wasm_match(selectors: &[Value]) -> Result<(), String> {
    for (i, sel) in selectors.iter().enumerate() {
        if sel.is_null() {
            return Err(format!("spec.Match[{i}] is nil"));
        }
        for (j, port) in list(sel, "ports").iter().enumerate() {
            if port.is_null() {
                return Err(format!("spec.Match[{i}].Ports[{j}] is nil"));
            }
            let n = int(port, "number");
            if n <= 0 || n > 65535 {
                return Err(format!("spec.Match[{i}].Ports[{j}] is out of range: {n}"));
            }
        }
    }
    Ok(())
}

/// A TrafficExtension: one of `wasm` (checked as a WasmPlugin's fields are)
/// and `lua`, the policy targets, the traffic selectors.
pub fn validate_traffic_extension(t: &Target) -> Findings {
    let spec = t.spec;
    let mut f = Findings::default();
    // `wasm` and `lua` are a protobuf oneof: with both given, Istio's decoder
    // keeps `lua` (istioctl reports neither the conflict nor the Wasm fields).
    let lua = field(spec, "lua");
    let wasm = field(spec, "wasm").filter(|_| lua.is_none());
    if wasm.is_none() && lua.is_none() {
        f.err("exactly one of wasm or lua must be set");
    }
    f.merge(checks::policy_targets(spec));
    if let Some(lua) = lua {
        let code = text(lua, "inlineCode");
        if code.is_empty() {
            f.err("lua.inlineCode cannot be empty");
        } else if code.len() > 65536 {
            f.err("lua.inlineCode exceeds maximum size of 64KB");
        }
    }
    if let Some(wasm) = wasm {
        wasm_module(
            wasm,
            "pluginName field must be less than 256 characters long",
            &mut f,
        );
    }
    f.check(wasm_match(list(spec, "match")));
    f
}

pub fn validate_proxy_config(t: &Target) -> Findings {
    let spec = t.spec;
    let mut f = checks::workload_selector(field(spec, "selector"));
    if wrapped(spec, "concurrency").is_some_and(|c| c < 0.0) {
        f.err("concurrency must be greater than or equal to 0");
    }
    f
}
