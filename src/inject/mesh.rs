//! Mesh config and proxy config as injection needs them: the defaults of
//! the pinned Istio version, a mesh config file applied over them, the
//! `proxy.istio.io/config` annotation applied over `defaultConfig`, and the
//! views the templates see.

use std::sync::OnceLock;

use serde_json::{Map, Value as Json, json};

use crate::json_pointer::Pointer as _;
use crate::template::{Object, Value};

/// `ProxyConfig` fields in proto declaration order (jsonpb writes them so).
const PROXY_CONFIG_ORDER: &[&str] = &[
    "configPath",
    "binaryPath",
    "serviceCluster",
    "drainDuration",
    "parentShutdownDuration",
    "discoveryAddress",
    "discoveryRefreshDelay",
    "zipkinAddress",
    "statsdUdpAddress",
    "envoyMetricsServiceAddress",
    "proxyAdminPort",
    "availabilityZone",
    "controlPlaneAuthPolicy",
    "customConfigFile",
    "statNameLength",
    "concurrency",
    "proxyBootstrapTemplatePath",
    "interceptionMode",
    "tracing",
    "sds",
    "envoyAccessLogService",
    "envoyMetricsService",
    "proxyMetadata",
    "statusPort",
    "extraStatTags",
    "gatewayTopology",
    "terminationDrainDuration",
    "meshId",
    "readinessProbe",
    "proxyStatsMatcher",
    "holdApplicationUntilProxyStarts",
    "caCertificatesPem",
    "image",
    "privateKeyProvider",
    "proxyHeaders",
    "fileFlushInterval",
    "fileFlushMinSizeKb",
];

/// `DefaultProxyConfig()` of the pinned version (the fields that matter).
pub fn default_proxy_config() -> Json {
    json!({
        "configPath": "./etc/istio/proxy",
        "binaryPath": "/usr/local/bin/envoy",
        "serviceCluster": "istio-proxy",
        "drainDuration": "45s",
        "terminationDrainDuration": "5s",
        "discoveryAddress": "istiod.istio-system.svc:15012",
        "proxyAdminPort": 15000,
        "controlPlaneAuthPolicy": "MUTUAL_TLS",
        "statNameLength": 189,
        "statusPort": 15020,
        "tracing": {"zipkin": {"address": "zipkin.istio-system:9411"}},
    })
}

/// The effective mesh config.
#[derive(Debug, Clone)]
pub struct Mesh {
    /// The mesh config JSON (camelCase) with defaults applied.
    pub mesh: Json,
    /// `defaultConfig` fields set explicitly (by the mesh file or the pod
    /// annotation), for `protoToJSON`.
    pub explicit_proxy: Map<String, Json>,
    /// `ProxyConfig` and `MeshConfig` as templates see them, built on first
    /// use and shared by every pod injected with this config (as istioctl
    /// shares one `ProxyConfig`; its only map is a `map[string]string`, which
    /// templates cannot change).
    template_values: OnceLock<(Value, Value)>,
}

impl Default for Mesh {
    fn default() -> Self {
        Mesh::from_json(&json!({}))
    }
}

impl Mesh {
    /// Apply a mesh config (parsed YAML/JSON) over the defaults.
    pub fn from_json(user: &Json) -> Mesh {
        let mut mesh = json!({
            "proxyListenPort": 15001,
            "proxyInboundListenPort": 15006,
            "trustDomain": "cluster.local",
            "enablePrometheusMerge": true,
            "rootNamespace": "istio-system",
        });
        let mut explicit = Map::new();
        let mut proxy = default_proxy_config();
        if let Some(u) = user.as_object() {
            for (k, v) in u {
                if k == "defaultConfig" {
                    if let Some(dc) = v.as_object() {
                        apply_proxy(&mut proxy, &mut explicit, dc);
                    }
                } else {
                    mesh[k] = v.clone();
                }
            }
        }
        mesh["defaultConfig"] = proxy;
        Mesh {
            mesh,
            explicit_proxy: explicit,
            template_values: OnceLock::new(),
        }
    }

    /// The mesh config with a pod's `proxy.istio.io/config` applied.
    pub fn with_annotation(&self, text: &str) -> Result<Mesh, String> {
        let parsed = crate::manifest::parse_document(text, crate::manifest::Limits::default())
            .map_err(|e| format!("could not parse proxy config: {}", e.message))?;
        // As Istio's decoder reads it into a ProxyConfig (types, enums, durations).
        if let Some(v) = &parsed.value {
            crate::analyze::typed::check_proto_go(v, "istio.mesh.v1alpha1.ProxyConfig")
                .map_err(|e| format!("could not parse proxy config: {e}"))?;
        }
        let Some(Json::Object(dc)) = parsed.value else {
            return Ok(self.clone());
        };
        let mut out = self.clone();
        let mut proxy = out.mesh["defaultConfig"].clone();
        apply_proxy(&mut proxy, &mut out.explicit_proxy, &dc);
        out.mesh["defaultConfig"] = proxy;
        out.template_values = OnceLock::new();
        Ok(out)
    }

    pub fn proxy(&self) -> &Json {
        &self.mesh["defaultConfig"]
    }

    pub fn status_port(&self) -> i64 {
        self.proxy()
            .get("statusPort")
            .and_then(Json::as_i64)
            .unwrap_or(15020)
    }

    pub fn interception_mode(&self) -> String {
        self.proxy()
            .get("interceptionMode")
            .and_then(Json::as_str)
            .unwrap_or("REDIRECT")
            .to_string()
    }

    pub fn hold_application(&self) -> bool {
        self.proxy()
            .get("holdApplicationUntilProxyStarts")
            .and_then(Json::as_bool)
            .unwrap_or(false)
    }

    pub fn enable_prometheus_merge(&self) -> bool {
        self.mesh
            .get("enablePrometheusMerge")
            .and_then(Json::as_bool)
            .unwrap_or(true)
    }

    pub fn inbound_traffic_policy_mode(&self) -> &'static str {
        match self
            .mesh
            .at("/inboundTrafficPolicy/mode")
            .and_then(Json::as_str)
        {
            Some("LOCALHOST") => "localhost",
            _ => "passthrough",
        }
    }

    /// jsonpb of the proxy config with the defaults removed.
    pub fn proxy_config_json(&self) -> String {
        let defaults = default_proxy_config();
        let mut out = Map::new();
        let mut keys: Vec<&String> = self.explicit_proxy.keys().collect();
        keys.sort_by_key(|k| {
            PROXY_CONFIG_ORDER
                .iter()
                .position(|o| o == k)
                .unwrap_or(usize::MAX)
        });
        for k in keys {
            let v = &self.proxy()[k.as_str()];
            if defaults.get(k.as_str()) == Some(v) {
                continue;
            }
            out.insert(k.clone(), sort_maps(v));
        }
        Json::Object(out).to_string()
    }

    /// [`Mesh::proxy_config_value`] and [`Mesh::mesh_config_value`], built
    /// once per mesh config.
    pub fn template_values(&self) -> (Value, Value) {
        self.template_values
            .get_or_init(|| (self.proxy_config_value(), self.mesh_config_value()))
            .clone()
    }

    pub fn proxy_config_value(&self) -> Value {
        let p = self.proxy();
        let mode = self.interception_mode();
        let mode_obj = Object::new("v1alpha1.ProxyConfig_InboundInterceptionMode")
            .display(mode.clone())
            .method("String", Value::string(mode.as_str()));
        let hold = if let Some(b) = p
            .get("holdApplicationUntilProxyStarts")
            .and_then(Json::as_bool)
        {
            Value::object(
                Object::new("wrapperspb.BoolValue")
                    .field("Value", Value::Bool(b))
                    .method("GetValue", Value::Bool(b)),
            )
        } else {
            let mut o = Object::new("wrapperspb.BoolValue").method("GetValue", Value::Bool(false));
            o.is_nil = true;
            Value::object(o)
        };
        let ca = p
            .at("/tracing/tlsSettings/caCertificates")
            .and_then(Json::as_str)
            .unwrap_or("");
        let tls = Object::new("v1alpha3.ClientTLSSettings")
            .method("GetCaCertificates", Value::string(ca));
        let tracing = Object::new("v1alpha1.Tracing").method("GetTlsSettings", Value::object(tls));
        let mut md = crate::template::Map::strings();
        if let Some(m) = p.get("proxyMetadata").and_then(Json::as_object) {
            for (k, v) in m {
                md.insert(k.clone(), Value::string(v.as_str().unwrap_or_default()));
            }
        }
        let obj = Object::new("v1alpha1.ProxyConfig")
            .field(
                "DiscoveryAddress",
                Value::string(
                    p.get("discoveryAddress")
                        .and_then(Json::as_str)
                        .unwrap_or(""),
                ),
            )
            .field("InterceptionMode", Value::object(mode_obj))
            .field("ProxyMetadata", Value::map(md))
            .field("StatusPort", Value::Int(self.status_port()))
            .field("HoldApplicationUntilProxyStarts", hold)
            .method("GetTracing", Value::object(tracing))
            .method(
                "GetHoldApplicationUntilProxyStarts",
                Value::Bool(self.hold_application()),
            )
            .method(
                super::render::json_method(),
                Value::string(self.proxy_config_json()),
            );
        Value::object(obj)
    }

    pub fn mesh_config_value(&self) -> Value {
        let m = &self.mesh;
        let obj = Object::new("v1alpha1.MeshConfig")
            .field(
                "ProxyListenPort",
                Value::Int(
                    m.get("proxyListenPort")
                        .and_then(Json::as_i64)
                        .unwrap_or(15001),
                ),
            )
            .field(
                "ProxyInboundListenPort",
                Value::Int(
                    m.get("proxyInboundListenPort")
                        .and_then(Json::as_i64)
                        .unwrap_or(15006),
                ),
            )
            .field(
                "TrustDomain",
                Value::string(
                    m.get("trustDomain")
                        .and_then(Json::as_str)
                        .unwrap_or("cluster.local"),
                ),
            )
            .field("DefaultConfig", self.proxy_config_value())
            .method(super::render::json_method(), Value::string(m.to_string()));
        Value::object(obj)
    }
}

fn apply_proxy(proxy: &mut Json, explicit: &mut Map<String, Json>, dc: &Map<String, Json>) {
    for (k, v) in dc {
        if k == "proxyMetadata"
            && let (Some(old), Some(new)) = (
                proxy.get(k).and_then(Json::as_object).cloned(),
                v.as_object(),
            )
        {
            let mut merged = old;
            for (mk, mv) in new {
                merged.insert(mk.clone(), mv.clone());
            }
            proxy[k] = Json::Object(merged.clone());
            explicit.insert(k.clone(), Json::Object(merged));
            continue;
        }
        proxy[k.as_str()] = v.clone();
        explicit.insert(k.clone(), v.clone());
    }
}

fn sort_maps(v: &Json) -> Json {
    match v {
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Json::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sort_maps(&m[k])))
                    .collect(),
            )
        }
        Json::Array(a) => Json::Array(a.iter().map(sort_maps).collect()),
        other => other.clone(),
    }
}
