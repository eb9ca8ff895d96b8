//! The mesh config and mesh networks as istioctl loads them.
//!
//! istioctl builds the mesh config from Istio's defaults and one YAML body
//! (`mesh.ApplyMeshConfigDefaults`): the cluster's `istio` ConfigMap
//! (`mesh` key), replaced entirely by `--meshConfigFile` when that is given.
//! The body's fields replace the defaults' (`defaultConfig` is merged field
//! by field, extension providers by name, trust domain aliases joined), then
//! the result is decoded and validated; a body that fails either is not used
//! at all, and istioctl analyzes with what it had before, saying nothing.
//! Mesh networks (the ConfigMap's `meshNetworks` key, read only after a valid
//! `mesh`) are decoded and validated the same way.
//!
//! istioctl's `schema.ValidationAnalyzer.MeshConfig` and `.MeshNetworks`
//! validate these again as resources, with an empty validation, so they never
//! report anything: validation shows only in which config is used.

use serde_json::{Map, Value, json};

use super::typed::check_proto_go;
use super::validate::mesh::decode::{
    self, MESH_CONFIG, MESH_NETWORKS, PROXY_CONFIG, lookup, normalize,
};

/// The mesh config's protobuf message.
const MESH_CONFIG_MESSAGE: &str = "istio.mesh.v1alpha1.MeshConfig";
use super::validate::mesh::{validate_mesh_config, validate_mesh_networks};

/// Istio's default mesh config (`mesh.DefaultMeshConfig`), JSON names.
pub fn default_mesh_config() -> Value {
    json!({
        "enableTracing": true,
        "accessLogFile": "",
        "accessLogEncoding": "TEXT",
        "accessLogFormat": "",
        "protocolDetectionTimeout": "0s",
        "ingressService": "istio-ingressgateway",
        "ingressControllerMode": "STRICT",
        "ingressClass": "istio",
        "trustDomain": "cluster.local",
        "enableAutoMtls": true,
        "outboundTrafficPolicy": {"mode": "ALLOW_ANY"},
        "inboundTrafficPolicy": {"mode": "PASSTHROUGH"},
        "localityLbSetting": {"enabled": true},
        "defaultConfig": default_proxy_config(),
        "rootNamespace": "istio-system",
        "proxyListenPort": 15001,
        "proxyInboundListenPort": 15006,
        "connectTimeout": "10s",
        "defaultServiceExportTo": ["*"],
        "defaultVirtualServiceExportTo": ["*"],
        "defaultDestinationRuleExportTo": ["*"],
        "dnsRefreshRate": "60s",
        "enablePrometheusMerge": true,
        "defaultProviders": {},
        "extensionProviders": [
            {"name": "prometheus", "prometheus": {}},
            {"name": "stackdriver", "stackdriver": {}},
            {"name": "envoy", "envoyFileAccessLog": {"path": "/dev/stdout"}}
        ]
    })
}

/// Istio's default proxy config (`mesh.DefaultProxyConfig`).
pub(crate) fn default_proxy_config() -> Value {
    json!({
        "configPath": "./etc/istio/proxy",
        "serviceCluster": "istio-proxy",
        "drainDuration": "45s",
        "terminationDrainDuration": "5s",
        "proxyAdminPort": 15000,
        "controlPlaneAuthPolicy": "MUTUAL_TLS",
        "discoveryAddress": "istiod.istio-system.svc:15012",
        "binaryPath": "/usr/local/bin/envoy",
        "statNameLength": 189,
        "statusPort": 15020
    })
}

/// An accepted mesh config: the complete config, and Istio's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub mesh: Value,
    pub warnings: Option<String>,
}

/// `mesh.ApplyMeshConfigDefaults(body)`: the defaults with `body` applied,
/// or Istio's error text when `body` does not decode or validate.
pub fn apply_mesh_config(body: &Value) -> Result<Applied, String> {
    let Some(overlay) = body.as_object() else {
        if body.is_null() {
            return Ok(Applied {
                mesh: default_mesh_config(),
                warnings: None,
            });
        }
        return Err(format!(
            "failed to convert to proto. {}",
            check_proto_go(body, MESH_CONFIG_MESSAGE).unwrap_err()
        ));
    };
    check_proto_go(body, MESH_CONFIG_MESSAGE)
        .map_err(|e| format!("failed to convert to proto. {e}"))?;
    let mut mesh = default_mesh_config();
    let out = mesh.as_object_mut().expect("defaults are a mapping");
    let given = normalize(body, MESH_CONFIG);
    let given = given.as_object().expect("a normalized mapping");
    for (k, v) in given {
        match k.as_str() {
            // Handled below from the body's exact keys, as Istio does.
            "defaultConfig" | "defaultProviders" => {}
            "extensionProviders" => merge_providers(out, v),
            "trustDomainAliases" => {
                let mut all: Vec<&str> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                all.sort_unstable();
                all.dedup();
                out.insert(k.clone(), json!(all));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(pc) = overlay.get("defaultConfig").filter(|v| !v.is_null()) {
        let proxy = out
            .get_mut("defaultConfig")
            .expect("a default proxy config");
        merge_proxy_config(proxy, pc);
    }
    if let Some(dp) = overlay.get("defaultProviders").filter(|v| !v.is_null()) {
        let mut providers = Map::new();
        for (k, v) in dp.as_object().into_iter().flatten() {
            if !v.is_null() {
                providers.insert(k.clone(), v.clone());
            }
        }
        out.insert("defaultProviders".into(), Value::Object(providers));
    }
    let v = validate_mesh_config(&mesh);
    if let Some(e) = v.err.text() {
        return Err(e);
    }
    Ok(Applied {
        mesh,
        warnings: v.warn.text(),
    })
}

/// `mesh.MergeProxyConfig`: the given fields replace the current ones,
/// `proxyMetadata` is merged.
fn merge_proxy_config(proxy: &mut Value, given: &Value) {
    let Some(obj) = given.as_object() else { return };
    let Some(out) = proxy.as_object_mut() else {
        return;
    };
    for f in PROXY_CONFIG {
        let Some(v) = lookup(obj, f) else { continue };
        let v = decode::normalize_field(v, f);
        match f.1 {
            "proxyMetadata" => {
                let merged = out.entry("proxyMetadata").or_insert_with(|| json!({}));
                if let (Some(m), Some(add)) = (merged.as_object_mut(), v.as_object()) {
                    for (k, x) in add {
                        m.insert(k.clone(), x.clone());
                    }
                }
            }
            // `clusterName` is a oneof.
            "serviceCluster" => {
                out.remove("tracingServiceName");
                out.insert(f.1.into(), v);
            }
            "tracingServiceName" => {
                out.remove("serviceCluster");
                out.insert(f.1.into(), v);
            }
            _ => {
                out.insert(f.1.into(), v);
            }
        }
    }
}

/// Extension providers replace the same-named default's provider, others
/// are appended.
fn merge_providers(out: &mut Map<String, Value>, given: &Value) {
    let list = out.entry("extensionProviders").or_insert_with(|| json!([]));
    let Some(list) = list.as_array_mut() else {
        return;
    };
    for p in given.as_array().into_iter().flatten() {
        let name = p.get("name").and_then(Value::as_str).unwrap_or("");
        match list
            .iter_mut()
            .find(|e| e.get("name").and_then(Value::as_str).unwrap_or("") == name)
        {
            Some(e) => *e = p.clone(),
            None => list.push(p.clone()),
        }
    }
}

/// `mesh.ParseMeshNetworks(body)`: the networks (JSON names), or Istio's
/// error text.
pub fn parse_mesh_networks(body: &Value) -> Result<Value, String> {
    if body.is_null() {
        return Ok(json!({"networks": {}}));
    }
    check_proto_go(body, "istio.mesh.v1alpha1.MeshNetworks")
        .map_err(|e| format!("failed to convert to proto. {e}"))?;
    let mut networks = normalize(body, MESH_NETWORKS);
    if networks.get("networks").is_none() {
        networks["networks"] = json!({});
    }
    if let Some(e) = validate_mesh_networks(&networks).text() {
        return Err(e);
    }
    Ok(networks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let a = apply_mesh_config(&Value::Null).unwrap();
        assert_eq!(a.mesh, default_mesh_config());
        assert_eq!(apply_mesh_config(&json!({})).unwrap(), a);
        assert!(validate_mesh_config(&default_mesh_config()).err.is_nil());
    }

    #[test]
    fn fields_replace_and_proxy_config_merges() {
        let a = apply_mesh_config(&json!({
            "root_namespace": "r",
            "outboundTrafficPolicy": {},
            "defaultConfig": {"drainDuration": "10s", "proxyMetadata": {"A": "1"}, "tracingServiceName": "CANONICAL_NAME_ONLY"},
            "extensionProviders": [{"name": "envoy", "envoyOtelAls": {"service": "s", "port": 1}}, {"name": "x", "zipkin": {}}],
            "trustDomainAliases": ["b", "a", "b"],
        }))
        .unwrap();
        let m = &a.mesh;
        assert_eq!(m["rootNamespace"], "r");
        assert_eq!(m["outboundTrafficPolicy"], json!({}));
        assert_eq!(m["defaultConfig"]["drainDuration"], "10s");
        assert_eq!(m["defaultConfig"]["statusPort"], 15020);
        assert_eq!(m["defaultConfig"]["proxyMetadata"], json!({"A": "1"}));
        assert!(m["defaultConfig"].get("serviceCluster").is_none());
        let names: Vec<&str> = m["extensionProviders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["prometheus", "stackdriver", "envoy", "x"]);
        assert!(m["extensionProviders"][2].get("envoyOtelAls").is_some());
        assert_eq!(m["trustDomainAliases"], json!(["a", "b"]));
    }

    #[test]
    fn invalid_configs_are_rejected_with_istios_text() {
        assert_eq!(
            apply_mesh_config(&json!({"connectTimeout": "-1s"})).unwrap_err(),
            "invalid connect timeout: duration must be greater than 1ms"
        );
        assert_eq!(
            apply_mesh_config(&json!({"connectTimeout": 5})).unwrap_err(),
            "failed to convert to proto. json: cannot unmarshal number into Go value of type string"
        );
        assert_eq!(
            apply_mesh_config(&json!({"tlsDefaults": {"ecdhCurves": ["foo"]}}))
                .unwrap()
                .warnings
                .unwrap(),
            "detected unrecognized ECDH curves: [foo]"
        );
    }

    #[test]
    fn mesh_networks() {
        assert_eq!(
            parse_mesh_networks(
                &json!({"networks": {"n": {"endpoints": [{"from_registry": "Kubernetes"}]}}})
            )
            .unwrap(),
            json!({"networks": {"n": {"endpoints": [{"fromRegistry": "Kubernetes"}]}}})
        );
        assert_eq!(
            parse_mesh_networks(
                &json!({"networks": {"n": {"gateways": [{"address": "1.2.3.4", "port": 99999}]}}})
            )
            .unwrap_err(),
            "1 error occurred:\n\t* invalid network n: port number 99999 must be in the range 1..65535\n\n"
        );
    }
}
