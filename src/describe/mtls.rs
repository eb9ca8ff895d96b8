//! The effective PeerAuthentication mTLS mode of a workload (istiod's
//! `ComposePeerAuthentication`) and the clients STRICT mode would lock out.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::model::PeerAuthInfo;
use super::pod::has_sidecar;
use super::{Inputs, meta};
use crate::analyze::util::selector_matches;

fn mode_of(mtls: Option<&Value>) -> Option<&str> {
    let mode = mtls?.get("mode")?.as_str()?;
    (mode != "UNSET").then_some(mode)
}

fn convert(mode: &str) -> String {
    match mode {
        "STRICT" | "PERMISSIVE" | "DISABLE" => mode.to_string(),
        _ => "UNKNOWN".to_string(),
    }
}

/// The PeerAuthentications that apply to a workload with `labels`: those of
/// its namespace and the root namespace whose selector (if any) matches.
pub fn applicable<'a>(inputs: &'a Inputs, labels: &Map<String, Value>) -> Vec<&'a Value> {
    let ns = meta(&inputs.pod, "namespace");
    let mut out: Vec<&Value> = Vec::new();
    // Root namespace first, as istioctl lists them.
    for want in [inputs.root_namespace.as_str(), ns] {
        for pa in &inputs.peer_authentications {
            if meta(pa, "namespace") != want || out.iter().any(|o| std::ptr::eq(*o, pa)) {
                continue;
            }
            let sel = pa
                .pointer("/spec/selector/matchLabels")
                .and_then(Value::as_object);
            if sel.is_none_or(|s| selector_matches(s, Some(labels))) {
                out.push(pa);
            }
        }
    }
    out
}

/// istiod's `ComposePeerAuthentication`: mesh, then namespace, then workload
/// policy (the oldest of each level), UNSET inheriting from the level above.
pub fn compose(root_namespace: &str, configs: &[&Value]) -> (String, BTreeMap<u32, String>) {
    let oldest = |a: Option<&Value>, c: &Value| -> bool {
        a.is_none_or(|a| meta(c, "creationTimestamp") < meta(a, "creationTimestamp"))
    };
    let (mut mesh, mut namespace, mut workload): (Option<&Value>, Option<&Value>, Option<&Value>) =
        (None, None, None);
    for &c in configs {
        let has_selector = c
            .pointer("/spec/selector/matchLabels")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
        if !has_selector {
            if meta(c, "namespace") == root_namespace {
                if oldest(mesh, c) {
                    mesh = Some(c);
                }
            } else if oldest(namespace, c) {
                namespace = Some(c);
            }
        } else if meta(c, "namespace") != root_namespace && oldest(workload, c) {
            workload = Some(c);
        }
    }
    let mut mode = "PERMISSIVE".to_string();
    for level in [mesh, namespace, workload].into_iter().flatten() {
        if let Some(m) = mode_of(level.pointer("/spec/mtls")) {
            mode = convert(m);
        }
    }
    let mut per_port = BTreeMap::new();
    if let Some(ports) = workload
        .and_then(|w| w.pointer("/spec/portLevelMtls"))
        .and_then(Value::as_object)
    {
        for (port, mtls) in ports {
            let Ok(p) = port.parse::<u32>() else { continue };
            per_port.insert(p, mode_of(Some(mtls)).map_or_else(|| mode.clone(), convert));
        }
    }
    (mode, per_port)
}

/// The effective mode, the applied policies, and (when some mode is STRICT)
/// the pods of the namespace that have no sidecar.
pub fn effective(inputs: &Inputs, labels: &Map<String, Value>) -> PeerAuthInfo {
    let configs = applicable(inputs, labels);
    let (mode, port_modes) = compose(&inputs.root_namespace, &configs);
    let strict = mode == "STRICT" || port_modes.values().any(|m| m == "STRICT");
    let me = meta(&inputs.pod, "name");
    let clients_without_sidecar = if strict {
        inputs
            .namespace_pods
            .iter()
            .filter(|p| meta(p, "name") != me && !has_sidecar(p))
            .filter(|p| p.pointer("/spec/hostNetwork").and_then(Value::as_bool) != Some(true))
            .map(|p| meta(p, "name").to_string())
            .collect()
    } else {
        Vec::new()
    };
    PeerAuthInfo {
        mode,
        port_modes,
        applied: configs
            .iter()
            .map(|c| format!("{}.{}", meta(c, "name"), meta(c, "namespace")))
            .collect(),
        clients_without_sidecar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pa(name: &str, ns: &str, t: &str, spec: &Value) -> Value {
        json!({"metadata": {"name": name, "namespace": ns, "creationTimestamp": t}, "spec": spec})
    }

    #[test]
    fn levels_compose_and_unset_inherits() {
        let mesh = pa("m", "root", "1", &json!({"mtls": {"mode": "STRICT"}}));
        let ns = pa("n", "app", "1", &json!({"mtls": {"mode": "UNSET"}}));
        let wl = pa(
            "w",
            "app",
            "1",
            &json!({"selector": {"matchLabels": {"app": "a"}}, "portLevelMtls": {"8080": {"mode": "DISABLE"}, "9090": {}}}),
        );
        let (mode, ports) = compose("root", &[&mesh, &ns, &wl]);
        assert_eq!(mode, "STRICT");
        assert_eq!(ports.get(&8080).map(String::as_str), Some("DISABLE"));
        assert_eq!(ports.get(&9090).map(String::as_str), Some("STRICT"));
        assert_eq!(compose("root", &[]).0, "PERMISSIVE");
        // The oldest namespace policy wins.
        let a = pa("a", "app", "2024-02", &json!({"mtls": {"mode": "DISABLE"}}));
        let b = pa("b", "app", "2024-01", &json!({"mtls": {"mode": "STRICT"}}));
        assert_eq!(compose("root", &[&a, &b]).0, "STRICT");
    }

    #[test]
    fn strict_lists_clients_without_sidecars() {
        let inputs = Inputs {
            pod: json!({"metadata": {"name": "me", "namespace": "app"}}),
            peer_authentications: vec![pa("d", "app", "1", &json!({"mtls": {"mode": "STRICT"}}))],
            namespace_pods: vec![
                json!({"metadata": {"name": "me"}}),
                json!({"metadata": {"name": "bare"}, "spec": {"containers": [{"name": "c"}]}}),
                json!({"metadata": {"name": "meshed"}, "spec": {"containers": [{"name": "istio-proxy"}]}}),
            ],
            root_namespace: "istio-system".into(),
            ..Inputs::default()
        };
        let info = effective(&inputs, &Map::new());
        assert_eq!(info.mode, "STRICT");
        assert_eq!(info.applied, vec!["d.app"]);
        assert_eq!(info.clients_without_sidecar, vec!["bare"]);
    }
}
