//! Prometheus merge: the app's scrape annotations move into the sidecar's
//! `ISTIO_PROMETHEUS_ANNOTATIONS` env and the pod is scraped through the
//! agent's merged endpoint.

use serde_json::{Map, Value as Json, json};

use super::mesh::Mesh;
use super::pod::{annotation, set_annotation, sidecar_env_mut};
use crate::json_pointer::Pointer as _;

const RESERVED: [i64; 9] = [
    15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090,
];

/// A name as a Prometheus label: every character but ASCII letters, digits
/// and `_` becomes `_`.
fn sanitized(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        }
    })
}

/// Whether `name` sanitizes to `label` (without building the label).
fn sanitizes_to(name: &str, label: &str) -> bool {
    sanitized(name).eq(label.chars())
}

fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

fn find(pod: &Json, sanitized: &str) -> Option<String> {
    let anns = pod.at("/metadata/annotations")?.as_object()?;
    anns.iter()
        .find(|(k, _)| sanitizes_to(k, sanitized))
        .and_then(|(_, v)| v.as_str().map(str::to_string))
}

pub fn apply_prometheus_merge(pod: &mut Json, mesh: &Mesh) -> Result<(), String> {
    if find(pod, "prometheus_io_scrape").is_some_and(|s| go_parse_bool(&s) == Some(false)) {
        return Ok(());
    }
    let enabled = match annotation(pod, "prometheus.istio.io/merge-metrics").and_then(go_parse_bool)
    {
        Some(b) => b,
        None => mesh.enable_prometheus_merge(),
    };
    if !enabled {
        return Ok(());
    }
    let status = mesh.status_port().to_string();
    if annotation(pod, "prometheus.io/port") == Some(status.as_str()) {
        return Ok(());
    }
    let scrape = find(pod, "prometheus_io_scrape").unwrap_or_default();
    let mut path = find(pod, "prometheus_io_path").unwrap_or_default();
    let mut port = find(pod, "prometheus_io_port").unwrap_or_default();
    let targets = annotation(pod, "prometheus.istio.io/scrape-targets").map(str::to_string);
    // Without a port annotation the first target is the primary endpoint.
    if port.is_empty()
        && let Some(first) = targets
            .as_deref()
            .and_then(|t| t.split(',').map(str::trim).find(|e| !e.is_empty()))
    {
        let (p, pa) = first.split_once(':').unwrap_or((first, ""));
        port = p.to_string();
        if path.is_empty() {
            path = pa.to_string();
        }
    }
    let check = |p: &str| -> Result<(), String> {
        if p.is_empty() {
            return Ok(());
        }
        match p.parse::<i64>() {
            Ok(n)
                if (1..=65535).contains(&n)
                    && n != mesh.status_port()
                    && !RESERVED.contains(&n) =>
            {
                Ok(())
            }
            _ => Err(format!(
                "invalid prometheus scrape configuration: invalid port {p}"
            )),
        }
    };
    check(&port)?;
    let mut cfg = Map::new();
    if !scrape.is_empty() {
        cfg.insert("scrape".into(), json!(scrape));
    }
    if !path.is_empty() {
        cfg.insert("path".into(), json!(path));
    }
    if !port.is_empty() {
        cfg.insert("port".into(), json!(port));
    }
    if let Some(t) = &targets {
        let mut list = Vec::new();
        for entry in t.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (p, pa) = entry.split_once(':').unwrap_or((entry, ""));
            check(p)?;
            let mut m = Map::new();
            m.insert("port".into(), json!(p));
            if !pa.is_empty() {
                m.insert("path".into(), json!(pa));
            }
            list.push(Json::Object(m));
        }
        if !list.is_empty() {
            cfg.insert("targets".into(), Json::Array(list));
        }
    }
    if !cfg.is_empty()
        && let Some(env) = sidecar_env_mut(pod)
    {
        env.push(
            json!({"name": "ISTIO_PROMETHEUS_ANNOTATIONS", "value": Json::Object(cfg).to_string()}),
        );
    }
    if let Some(Json::Object(anns)) = pod.at_mut("/metadata/annotations") {
        anns.retain(|k, _| {
            ![
                "prometheus_io_scrape",
                "prometheus_io_path",
                "prometheus_io_port",
            ]
            .iter()
            .any(|label| sanitizes_to(k, label))
                && k != "prometheus.istio.io/scrape-targets"
        });
    }
    set_annotation(pod, "prometheus.io/port", &status);
    set_annotation(pod, "prometheus.io/path", "/stats/prometheus");
    set_annotation(pod, "prometheus.io/scrape", "true");
    Ok(())
}
