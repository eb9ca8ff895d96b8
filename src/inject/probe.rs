//! Rewriting app probes to go through the agent (`ISTIO_KUBE_APP_PROBERS`).

use serde_json::{Map, Value as Json, json};

use super::mesh::Mesh;
use super::pod::{annotation, find_sidecar};

const PROBERS: &str = "ISTIO_KUBE_APP_PROBERS";

fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

fn resolve_port(c: &Json, port: &Json) -> Option<i64> {
    match port {
        Json::Number(n) => n.as_i64(),
        Json::String(name) => {
            if let Ok(n) = name.parse::<i64>() {
                return Some(n);
            }
            c.get("ports")?.as_array()?.iter().find_map(|p| {
                (p.get("name").and_then(Json::as_str) == Some(name.as_str()))
                    .then(|| p.get("containerPort").and_then(Json::as_i64))
                    .flatten()
            })
        }
        _ => None,
    }
}

/// The agent-side description of one probe or hook, if it qualifies.
fn prober(c: &Json, p: &Json, status_port: i64, lifecycle: bool) -> Option<Json> {
    let mut out = Map::new();
    if let Some(h) = p.get("httpGet") {
        let port = resolve_port(c, h.get("port")?)?;
        if port == status_port {
            return None;
        }
        let mut m = Map::new();
        if let Some(path) = h
            .get("path")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
        {
            m.insert("path".into(), json!(path));
        }
        m.insert("port".into(), json!(port));
        if let Some(host) = h
            .get("host")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
        {
            m.insert("host".into(), json!(host));
        }
        if let Some(s) = h
            .get("scheme")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
        {
            m.insert("scheme".into(), json!(s));
        }
        if let Some(hh) = h
            .get("httpHeaders")
            .filter(|v| v.as_array().is_some_and(|a| !a.is_empty()))
        {
            m.insert("httpHeaders".into(), hh.clone());
        }
        out.insert("httpGet".into(), Json::Object(m));
    } else if let Some(t) = p.get("tcpSocket") {
        let port = resolve_port(c, t.get("port")?)?;
        if port == status_port {
            return None;
        }
        let mut m = Map::new();
        m.insert("port".into(), json!(port));
        if let Some(host) = t
            .get("host")
            .and_then(Json::as_str)
            .filter(|s| !s.is_empty())
        {
            m.insert("host".into(), json!(host));
        }
        out.insert("tcpSocket".into(), Json::Object(m));
    } else if let Some(g) = p.get("grpc").filter(|_| !lifecycle) {
        let port = g.get("port").and_then(Json::as_i64)?;
        if port == status_port {
            return None;
        }
        out.insert(
            "grpc".into(),
            json!({"port": port, "service": g.get("service").cloned().unwrap_or(Json::Null)}),
        );
    } else {
        return None;
    }
    if let Some(t) = p
        .get("timeoutSeconds")
        .and_then(Json::as_i64)
        .filter(|t| *t != 0)
    {
        out.insert("timeoutSeconds".into(), json!(t));
    }
    Some(Json::Object(out))
}

const PROBES: [(&str, &str); 3] = [
    ("readinessProbe", "readyz"),
    ("livenessProbe", "livez"),
    ("startupProbe", "startupz"),
];
const HOOKS: [(&str, &str); 2] = [("preStop", "prestopz"), ("postStart", "poststartz")];

fn dump(pod: &Json, status_port: i64) -> Map<String, Json> {
    let mut out = Map::new();
    for field in ["initContainers", "containers"] {
        for c in pod["spec"]
            .get(field)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let name = c.get("name").and_then(Json::as_str).unwrap_or_default();
            if name == "istio-proxy" {
                continue;
            }
            for (probe, suffix) in PROBES {
                if let Some(p) = c.get(probe).filter(|p| !p.is_null())
                    && let Some(v) = prober(c, p, status_port, false)
                {
                    out.insert(format!("/app-health/{name}/{suffix}"), v);
                }
            }
            for (hook, suffix) in HOOKS {
                if let Some(p) = c
                    .get("lifecycle")
                    .and_then(|l| l.get(hook))
                    .filter(|p| !p.is_null())
                    && let Some(v) = prober(c, p, status_port, true)
                {
                    out.insert(format!("/app-lifecycle/{name}/{suffix}"), v);
                }
            }
        }
    }
    out
}

fn sorted(m: &Map<String, Json>) -> Json {
    let mut keys: Vec<String> = m.keys().cloned().collect();
    keys.sort();
    let mut out = Map::new();
    for k in keys {
        out.insert(k.clone(), m[&k].clone());
    }
    Json::Object(out)
}

fn rewrite_action(p: &mut Json, path: &str, status_port: i64) {
    let Some(obj) = p.as_object_mut() else { return };
    let has =
        obj.contains_key("httpGet") || obj.contains_key("tcpSocket") || obj.contains_key("grpc");
    if !has {
        return;
    }
    let scheme = obj
        .get("httpGet")
        .and_then(|h| h.get("scheme"))
        .and_then(Json::as_str)
        .map(str::to_string);
    let mut h = obj.shift_remove("httpGet").unwrap_or_else(|| json!({}));
    obj.shift_remove("tcpSocket");
    obj.shift_remove("grpc");
    h["port"] = json!(status_port);
    h["path"] = json!(path);
    if scheme.as_deref() == Some("HTTPS") {
        h["scheme"] = json!("HTTP");
    }
    obj.insert("httpGet".into(), h);
}

pub fn apply_rewrite(pod: &mut Json, mesh: &Mesh, default_rewrite: bool) {
    let Some((sf, si)) = find_sidecar(pod) else {
        return;
    };
    let rewrite = annotation(pod, "sidecar.istio.io/rewriteAppHTTPProbers")
        .and_then(go_parse_bool)
        .unwrap_or(default_rewrite);
    if !rewrite {
        return;
    }
    let status_port = annotation(pod, "status.sidecar.istio.io/port")
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or_else(|| mesh.status_port());
    let probers = dump(pod, mesh.status_port());
    if !probers.is_empty() {
        let already = annotation(pod, super::pod::STATUS_KEY).is_some();
        let env = pod["spec"][sf][si]
            .as_object_mut()
            .map(|c| c.entry("env").or_insert_with(|| json!([])));
        if let Some(env) = env {
            if env.is_null() {
                *env = json!([]);
            }
            let list = env.as_array_mut().expect("env");
            if let Some(e) = list
                .iter_mut()
                .find(|e| e.get("name").and_then(Json::as_str) == Some(PROBERS))
            {
                let mut merged = probers.clone();
                if already
                    && let Some(Ok(Json::Object(old))) = e
                        .get("value")
                        .and_then(Json::as_str)
                        .map(serde_json::from_str::<Json>)
                {
                    for (k, v) in old {
                        merged.insert(k, v);
                    }
                }
                e["value"] = json!(sorted(&merged).to_string());
            } else {
                list.push(json!({"name": PROBERS, "value": sorted(&probers).to_string()}));
            }
        }
    }
    for field in ["initContainers", "containers"] {
        let Some(list) = pod["spec"].get_mut(field).and_then(Json::as_array_mut) else {
            continue;
        };
        for c in list.iter_mut() {
            let name = c
                .get("name")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            if name == "istio-proxy" {
                continue;
            }
            for (probe, suffix) in PROBES {
                if let Some(p) = c.get_mut(probe).filter(|p| !p.is_null()) {
                    rewrite_action(p, &format!("/app-health/{name}/{suffix}"), status_port);
                }
            }
            for (hook, suffix) in HOOKS {
                if let Some(p) = c
                    .get_mut("lifecycle")
                    .and_then(|l| l.get_mut(hook))
                    .filter(|p| !p.is_null())
                    && (p.get("httpGet").is_some() || p.get("tcpSocket").is_some())
                {
                    rewrite_action(p, &format!("/app-lifecycle/{name}/{suffix}"), status_port);
                }
            }
        }
    }
}
