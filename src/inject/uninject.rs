//! Removing what injection added, from the record injection leaves on the
//! pod (`sidecar.istio.io/status`, `proxy.istio.io/overrides`,
//! `ISTIO_KUBE_APP_PROBERS`, `ISTIO_PROMETHEUS_ANNOTATIONS`). Used by
//! `--uninject` and, outside compat mode, before re-injecting an injected
//! pod so that injection is idempotent.

use serde_json::{Map, Value as Json};

use super::pod::{OVERRIDES_KEY, STATUS_KEY};
use crate::json_pointer::Pointer as _;

const INJECTED_ANNOTATIONS: [&str; 5] = [
    STATUS_KEY,
    OVERRIDES_KEY,
    "istio.io/rev",
    "kubectl.kubernetes.io/default-container",
    "kubectl.kubernetes.io/default-logs-container",
];
const INJECTED_LABELS: [&str; 4] = [
    "security.istio.io/tlsMode",
    "service.istio.io/canonical-name",
    "service.istio.io/canonical-revision",
    "topology.istio.io/network",
];

/// Whether a pod (metadata + spec) carries an injection record.
pub fn is_injected(pod: &Json) -> bool {
    pod.at("/metadata/annotations")
        .and_then(|a| a.get(STATUS_KEY))
        .is_some()
}

fn string_list(v: &Json, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn env_value(c: &Json, name: &str) -> Option<String> {
    c.get("env")?
        .as_array()?
        .iter()
        .find(|e| e.get("name").and_then(Json::as_str) == Some(name))
        .and_then(|e| e.get("value").and_then(Json::as_str).map(str::to_string))
}

fn name_of(c: &Json) -> &str {
    c.get("name").and_then(Json::as_str).unwrap_or_default()
}

/// Remove the injected containers, volumes, annotations and labels, and
/// restore the app's probes and Prometheus annotations.
pub fn uninject_pod(pod: &Json) -> Json {
    let mut out = pod.clone();
    let Some(status_text) = pod
        .at("/metadata/annotations")
        .and_then(|a| a.get(STATUS_KEY))
        .and_then(Json::as_str)
    else {
        return out;
    };
    let status: Json = serde_json::from_str(status_text).unwrap_or(Json::Null);
    let sidecar = ["containers", "initContainers"].iter().find_map(|f| {
        pod["spec"]
            .get(*f)
            .and_then(Json::as_array)
            .and_then(|l| l.iter().find(|c| name_of(c) == "istio-proxy"))
            .cloned()
    });
    let probers: Map<String, Json> = sidecar
        .as_ref()
        .and_then(|c| env_value(c, "ISTIO_KUBE_APP_PROBERS"))
        .and_then(|t| serde_json::from_str::<Json>(&t).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let prom: Option<Json> = sidecar
        .as_ref()
        .and_then(|c| env_value(c, "ISTIO_PROMETHEUS_ANNOTATIONS"))
        .and_then(|t| serde_json::from_str(&t).ok());
    let overrides: Option<Json> = pod
        .at("/metadata/annotations")
        .and_then(|a| a.get(OVERRIDES_KEY))
        .and_then(Json::as_str)
        .and_then(|t| serde_json::from_str(t).ok());
    let spec = out["spec"].as_object_mut().expect("spec");
    for (field, key) in [
        ("containers", "containers"),
        ("initContainers", "initContainers"),
        ("volumes", "volumes"),
        ("imagePullSecrets", "imagePullSecrets"),
    ] {
        let names = string_list(&status, key);
        if let Some(Json::Array(list)) = spec.get_mut(field) {
            list.retain(|x| !names.iter().any(|n| n == name_of(x)));
            if list.is_empty() {
                spec.shift_remove(field);
            }
        }
    }
    // Injection moves the sidecar between lists with native mode; drop it
    // wherever it is.
    for field in ["containers", "initContainers"] {
        if let Some(Json::Array(list)) = spec.get_mut(field) {
            list.retain(|x| name_of(x) != "istio-proxy");
            if list.is_empty() {
                spec.shift_remove(field);
            }
        }
    }
    // User containers that overrode template containers come back as written.
    if let Some(ov) = &overrides {
        for field in ["containers", "initContainers"] {
            for c in ov
                .get(field)
                .and_then(Json::as_array)
                .cloned()
                .unwrap_or_default()
            {
                let target = if name_of(&c) == "istio-proxy" {
                    "containers"
                } else {
                    field
                };
                let list = spec
                    .entry(target)
                    .or_insert_with(|| Json::Array(Vec::new()));
                if let Json::Array(l) = list {
                    l.push(c);
                }
            }
        }
    }
    for field in ["containers", "initContainers"] {
        if let Some(Json::Array(list)) = spec.get_mut(field) {
            for c in list.iter_mut() {
                restore_probes(c, &probers);
            }
        }
    }
    let meta = out["metadata"].as_object_mut().expect("metadata");
    if let Some(Json::Object(anns)) = meta.get_mut("annotations") {
        for k in INJECTED_ANNOTATIONS {
            anns.shift_remove(k);
        }
        let agent =
            anns.get("prometheus.io/path").and_then(Json::as_str) == Some("/stats/prometheus");
        if agent {
            for k in [
                "prometheus.io/port",
                "prometheus.io/path",
                "prometheus.io/scrape",
            ] {
                anns.shift_remove(k);
            }
            if let Some(p) = &prom {
                for (field, key) in [
                    ("scrape", "prometheus.io/scrape"),
                    ("path", "prometheus.io/path"),
                    ("port", "prometheus.io/port"),
                ] {
                    if let Some(v) = p.get(field).and_then(Json::as_str) {
                        anns.insert(key.to_string(), Json::String(v.to_string()));
                    }
                }
            }
        }
    }
    if let Some(Json::Object(labels)) = meta.get_mut("labels") {
        for k in INJECTED_LABELS {
            labels.shift_remove(k);
        }
    }
    out
}

fn restore_probes(c: &mut Json, probers: &Map<String, Json>) {
    let name = name_of(c).to_string();
    for (probe, suffix) in [
        ("readinessProbe", "readyz"),
        ("livenessProbe", "livez"),
        ("startupProbe", "startupz"),
    ] {
        if let Some(orig) = probers.get(&format!("/app-health/{name}/{suffix}"))
            && let Some(Json::Object(p)) = c.get_mut(probe)
        {
            restore_action(p, orig);
        }
    }
    for (hook, suffix) in [("preStop", "prestopz"), ("postStart", "poststartz")] {
        if let Some(orig) = probers.get(&format!("/app-lifecycle/{name}/{suffix}"))
            && let Some(Json::Object(p)) = c.get_mut("lifecycle").and_then(|l| l.get_mut(hook))
        {
            restore_action(p, orig);
        }
    }
}

fn restore_action(p: &mut Map<String, Json>, orig: &Json) {
    p.shift_remove("httpGet");
    for action in ["httpGet", "tcpSocket", "grpc"] {
        if let Some(a) = orig.get(action) {
            p.insert(action.to_string(), a.clone());
        }
    }
}
