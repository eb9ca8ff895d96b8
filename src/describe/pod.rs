//! The pod itself (revision, ports, readiness, sidecar, istioctl's
//! suggestions) and the Service facts that depend only on the pod.

use serde_json::{Map, Value};

use super::model::{PodInfo, PodPort};
use super::{kname, meta};
use crate::analyze::util::{items, selector_matches, str_of, value_str};

const PROXY_UID: i64 = 1337;
const REQUIREMENTS: &str = "https://istio.io/latest/docs/ops/deployment/application-requirements/";

/// istioctl's `GetRevisionFromPodAnnotation`: the `istio.io/rev` annotation,
/// else the revision recorded in `sidecar.istio.io/status`.
pub fn revision(pod: &Value) -> String {
    let ann = pod.pointer("/metadata/annotations");
    if let Some(r) = ann
        .and_then(|a| a.get("istio.io/rev"))
        .and_then(Value::as_str)
    {
        return r.to_string();
    }
    ann.and_then(|a| a.get("sidecar.istio.io/status"))
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .and_then(|s| {
            s.get("revision")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// Whether the pod runs the sidecar (as `inject::pod::find_sidecar`).
pub fn has_sidecar(pod: &Value) -> bool {
    crate::inject::pod::find_sidecar(pod).is_some()
}

fn has_any(labels: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter().any(|k| labels.contains_key(*k))
}

/// The pod section, with istioctl's warnings in its order.
pub fn pod_info(pod: &Value) -> PodInfo {
    let name = meta(pod, "name").to_string();
    let namespace = meta(pod, "namespace").to_string();
    let mut ports = Vec::new();
    let mut early_notes = Vec::new();
    for c in items(pod.pointer("/spec/containers")) {
        let cname = str_of(c, "name");
        for p in items(c.get("ports")) {
            let protocol = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
            ports.push(PodPort {
                port: p.get("containerPort").and_then(Value::as_i64).unwrap_or(0),
                protocol: protocol.to_string(),
                container: cname.to_string(),
            });
        }
        if cname != "istio-proxy"
            && cname != "istio-operator"
            && c.pointer("/securityContext/runAsUser")
                .and_then(Value::as_i64)
                == Some(PROXY_UID)
        {
            early_notes
                .push("WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.".into());
        }
    }
    let phase = pod
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut not_ready = Vec::new();
    for (field, what) in [
        ("containerStatuses", "Container"),
        ("initContainerStatuses", "Init Container"),
    ] {
        for s in items(pod.pointer(&format!("/status/{field}"))) {
            if s.get("ready").and_then(Value::as_bool) != Some(true) {
                not_ready.push(format!("{what} {}", str_of(s, "name")));
            }
        }
    }
    let sidecar = has_sidecar(pod);
    let labels = pod
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut notes = Vec::new();
    if sidecar {
        if pod
            .pointer("/spec/securityContext/runAsUser")
            .and_then(Value::as_i64)
            == Some(PROXY_UID)
        {
            notes.push("   WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.".into());
        }
        if !has_any(
            &labels,
            &[
                "service.istio.io/canonical-name",
                "app.kubernetes.io/name",
                "app",
            ],
        ) {
            notes.push(format!("Suggestion: add required service name label for Istio telemetry. See {REQUIREMENTS}."));
        }
        if !has_any(
            &labels,
            &[
                "service.istio.io/canonical-revision",
                "app.kubernetes.io/version",
                "version",
            ],
        ) {
            notes.push(format!("Suggestion: add required service revision label for Istio telemetry. See {REQUIREMENTS}."));
        }
    }
    PodInfo {
        name,
        namespace,
        revision: revision(pod),
        ports,
        phase,
        sidecar,
        not_ready,
        notes,
        early_notes,
    }
}

/// Whether a Service's (non-empty) selector selects these labels.
pub fn service_selects(svc: &Value, labels: &Map<String, Value>) -> bool {
    svc.pointer("/spec/selector")
        .and_then(Value::as_object)
        .is_some_and(|sel| !sel.is_empty() && selector_matches(sel, Some(labels)))
}

/// Istio's `ConvertProtocol` as istioctl's `findProtocolForPort` prints it.
pub fn port_protocol(port: &Value) -> String {
    let transport = port
        .get("protocol")
        .and_then(Value::as_str)
        .unwrap_or("TCP");
    let app = port.get("appProtocol").and_then(Value::as_str);
    let pname = str_of(port, "name");
    if pname.is_empty() && app.is_none() && transport != "UDP" {
        return "auto-detect".into();
    }
    if transport == "UDP" {
        return "UDP".into();
    }
    let mut name = pname;
    if let Some(a) = app {
        match a {
            "kubernetes.io/h2c" => return "HTTP2".into(),
            "kubernetes.io/ws" => return "HTTP".into(),
            "kubernetes.io/wss" => return "HTTPS".into(),
            _ => name = a,
        }
    }
    if name.len() >= 8 && name[..8].eq_ignore_ascii_case("grpc-web") {
        return "GRPC-Web".into();
    }
    let prefix = name
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let p = match prefix.as_str() {
        "tcp" => "TCP",
        "udp" => "UDP",
        "grpc" => "GRPC",
        "http" => "HTTP",
        "http_proxy" => "HTTP_PROXY",
        "http2" => "HTTP2",
        "https" => "HTTPS",
        "tls" => "TLS",
        "mongo" => "Mongo",
        "redis" => "Redis",
        "mysql" => "MySQL",
        _ => "",
    };
    if !p.is_empty() {
        return p.into();
    }
    let number = port.get("port").and_then(Value::as_i64).unwrap_or(0);
    if matches!(number, 25 | 53 | 3306 | 27017) {
        return "TCP".into();
    }
    if app == Some("hbone") {
        return "HBONE".into();
    }
    "UnsupportedProtocol".into()
}

/// Pilot's `FindPort`: the pod port a Service port targets.
pub fn find_target_port(pod: &Value, port: &Value) -> Result<i64, String> {
    let transport = port
        .get("protocol")
        .and_then(Value::as_str)
        .unwrap_or("TCP");
    match port.get("targetPort") {
        Some(Value::Number(n)) => return Ok(n.as_i64().unwrap_or(0)),
        Some(Value::String(name)) => {
            let spec = pod.get("spec").unwrap_or(&Value::Null);
            let native = items(spec.get("initContainers"))
                .iter()
                .filter(|c| str_of(c, "restartPolicy") == "Always");
            for c in items(spec.get("containers")).iter().chain(native) {
                for p in items(c.get("ports")) {
                    let pp = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
                    if str_of(p, "name") == name && pp == transport {
                        return Ok(p.get("containerPort").and_then(Value::as_i64).unwrap_or(0));
                    }
                }
            }
        }
        // The API server defaults targetPort to port.
        None => return Ok(port.get("port").and_then(Value::as_i64).unwrap_or(0)),
        Some(_) => {}
    }
    Err(format!(
        "no suitable port for manifest: {}",
        pod.pointer("/metadata/uid")
            .map(value_str)
            .unwrap_or_default()
    ))
}

/// `kname` of an object.
pub fn object_kname(v: &Value, describe_namespace: &str) -> String {
    kname(meta(v, "name"), meta(v, "namespace"), describe_namespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn protocols_follow_istio() {
        assert_eq!(port_protocol(&json!({"port": 80})), "auto-detect");
        assert_eq!(
            port_protocol(&json!({"name": "http-web", "port": 80})),
            "HTTP"
        );
        assert_eq!(
            port_protocol(&json!({"name": "grpc-web-x", "port": 80})),
            "GRPC-Web"
        );
        assert_eq!(port_protocol(&json!({"name": "web", "port": 3306})), "TCP");
        assert_eq!(
            port_protocol(&json!({"name": "web", "port": 80})),
            "UnsupportedProtocol"
        );
        assert_eq!(
            port_protocol(&json!({"name": "web", "port": 80, "appProtocol": "kubernetes.io/h2c"})),
            "HTTP2"
        );
        assert_eq!(
            port_protocol(&json!({"name": "dns", "port": 53, "protocol": "UDP"})),
            "UDP"
        );
    }

    #[test]
    fn target_ports_by_number_and_name() {
        let pod = json!({"metadata": {"uid": "u1"}, "spec": {"containers": [{"name": "a", "ports": [{"name": "web", "containerPort": 8080}]}]}});
        assert_eq!(
            find_target_port(&pod, &json!({"port": 80, "targetPort": 9090})),
            Ok(9090)
        );
        assert_eq!(
            find_target_port(&pod, &json!({"port": 80, "targetPort": "web"})),
            Ok(8080)
        );
        assert_eq!(
            find_target_port(&pod, &json!({"port": 80, "targetPort": "nope"})),
            Err("no suitable port for manifest: u1".to_string())
        );
    }

    #[test]
    fn revision_from_label_or_status() {
        let p = json!({"metadata": {"annotations": {"sidecar.istio.io/status": "{\"revision\":\"canary\"}"}}});
        assert_eq!(revision(&p), "canary");
        let p = json!({"metadata": {"annotations": {"istio.io/rev": "a", "sidecar.istio.io/status": "{\"revision\":\"b\"}"}}});
        assert_eq!(revision(&p), "a");
        assert_eq!(revision(&json!({})), "");
    }
}
