//! `describe pod`: everything that decides where a pod's traffic goes, as
//! data. The live reads ([`live`]) fill an [`Inputs`]; [`describe`] is a pure
//! function of it; [`render`] prints istioctl's `x describe pod` layout.
//! DestinationRules and VirtualServices are resolved from the configuration
//! (istioctl reads them from the proxy); [`proxy`] adds what an Envoy
//! actually received when one is reachable.

pub mod gateway;
pub mod live;
pub mod model;
pub mod mtls;
pub mod pod;
pub mod proxy;
pub mod render;
pub mod routes;

pub use model::*;

use serde_json::Value;

/// Everything [`describe`] reads, as plain Kubernetes objects (JSON).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub pod: Value,
    /// Services in the pod's namespace.
    pub services: Vec<Value>,
    /// DestinationRules, VirtualServices and Gateways of every namespace.
    pub destination_rules: Vec<Value>,
    pub virtual_services: Vec<Value>,
    pub gateways: Vec<Value>,
    /// PeerAuthentications of the pod's namespace and the root namespace.
    pub peer_authentications: Vec<Value>,
    /// The mesh root namespace (`rootNamespace` of the mesh config).
    pub root_namespace: String,
    /// Running `istio=ingressgateway` pods (the ones istioctl considers), and
    /// the Services of their namespaces.
    pub gateway_pods: Vec<Value>,
    pub gateway_services: Vec<Value>,
    /// The other pods of the pod's namespace (clients without sidecars).
    pub namespace_pods: Vec<Value>,
    /// The namespace names are printed relative to (`-n` or the context's).
    pub describe_namespace: String,
}

/// Describe the pod of `inputs`.
pub fn describe(inputs: &Inputs) -> Description {
    let pod = pod::pod_info(&inputs.pod);
    let labels = inputs
        .pod
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let services: Vec<&Value> = inputs
        .services
        .iter()
        .filter(|s| pod::service_selects(s, &labels))
        .collect();
    let mut warnings = Vec::new();
    let services: Vec<ServiceInfo> = services
        .iter()
        .map(|svc| routes::service_info(inputs, svc, &labels, &mut warnings))
        .collect();
    let peer_authentication = mtls::effective(inputs, &labels);
    let gateways = gateway::exposure(inputs, &labels);
    Description {
        pod,
        services,
        peer_authentication,
        gateways,
        proxy: None,
        warnings,
        describe_namespace: inputs.describe_namespace.clone(),
    }
}

/// `name` or `name.namespace` as istioctl's `kname` prints it.
pub fn kname(name: &str, namespace: &str, describe_namespace: &str) -> String {
    if namespace == describe_namespace {
        name.to_string()
    } else {
        format!("{name}.{namespace}")
    }
}

/// A string field of an object's metadata.
pub(crate) fn meta<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get("metadata")
        .and_then(|m| m.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
}
