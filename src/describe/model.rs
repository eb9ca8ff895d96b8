//! The description of a pod, as data: serialized for `-o json|yaml` and
//! printed by [`super::render`].

use std::collections::BTreeMap;

use serde::Serialize;

/// Everything `describe pod` found.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    pub pod: PodInfo,
    /// The Services whose selector selects the pod.
    pub services: Vec<ServiceInfo>,
    pub peer_authentication: PeerAuthInfo,
    pub gateways: GatewayInfo,
    /// What the proxy received (only with `--admin` or `--proxy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyInfo>,
    /// Configuration problems found on the way (ignored duplicates, missing objects).
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub describe_namespace: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodInfo {
    pub name: String,
    pub namespace: String,
    /// `istio.io/rev` annotation, else the revision in `sidecar.istio.io/status`.
    pub revision: String,
    pub ports: Vec<PodPort>,
    pub phase: String,
    /// Whether the pod runs an `istio-proxy` container (or native sidecar).
    pub sidecar: bool,
    /// Containers (and init containers) that are not ready.
    pub not_ready: Vec<String>,
    /// istioctl's warnings and suggestions about the pod, in its order.
    pub notes: Vec<String>,
    /// Lines istioctl prints before `Pod:` (UID 1337 in an app container).
    #[serde(skip)]
    pub early_notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodPort {
    pub port: i64,
    pub protocol: String,
    pub container: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceInfo {
    pub name: String,
    pub namespace: String,
    pub ports: Vec<ServicePortInfo>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePortInfo {
    pub name: String,
    pub port: i64,
    /// Kubernetes protocol (TCP, UDP, SCTP).
    pub transport: String,
    /// Istio's protocol for the port (`HTTP`, `TCP`, `auto-detect`, ...).
    pub protocol: String,
    /// The pod port traffic lands on, or why it cannot be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_rule: Option<DestinationRuleInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_service: Option<VirtualServiceInfo>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRuleInfo {
    pub name: String,
    pub namespace: String,
    pub host: String,
    pub matching_subsets: Vec<String>,
    pub non_matching_subsets: Vec<String>,
    /// `trafficPolicy.tls.mode`, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_mode: Option<String>,
    pub has_traffic_policy: bool,
    /// `load balancer`, `connection pool`, `outlier detection`.
    pub policies: Vec<String>,
    pub port_level: Vec<PortLevelPolicy>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortLevelPolicy {
    pub port: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_mode: Option<String>,
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualServiceInfo {
    pub name: String,
    pub namespace: String,
    pub routes: Vec<RouteInfo>,
    /// istioctl's lines under `VirtualService:` (indent, text).
    pub lines: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteInfo {
    /// `http` or `tcp`.
    pub kind: String,
    /// Rendered match conditions (empty: everything).
    pub matches: Vec<String>,
    pub destinations: Vec<RouteDestination>,
    /// Whether some destination of the route reaches this pod.
    pub reaches_pod: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteDestination {
    pub host: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub subset: String,
    pub weight: i64,
    pub reaches_pod: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerAuthInfo {
    /// `STRICT`, `PERMISSIVE`, `DISABLE` or `UNKNOWN`.
    pub mode: String,
    pub port_modes: BTreeMap<u32, String>,
    /// `name.namespace` of every PeerAuthentication that applies.
    pub applied: Vec<String>,
    /// Pods of the namespace without a sidecar, when some mode is STRICT.
    pub clients_without_sidecar: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayInfo {
    /// Whether any ingress gateway pod was found.
    pub gateway_pods: bool,
    pub exposures: Vec<Exposure>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exposure {
    /// `namespace/name` of the Gateway.
    pub gateway: String,
    /// `http://IP[:port]` of each gateway Service.
    pub urls: Vec<String>,
    pub service: String,
    pub virtual_service: VirtualServiceInfo,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyInfo {
    /// Where the config dump came from.
    pub source: String,
    pub ports: Vec<ProxyPort>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyPort {
    pub service: String,
    pub port: i64,
    /// The outbound cluster for the service port, if the proxy has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// `name.namespace` of the DestinationRule in the cluster's metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_rule: Option<String>,
    /// `name.namespace` of the VirtualService in the route metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_service: Option<String>,
    /// Whether the proxy's choices agree with the configuration.
    pub agrees: bool,
}
