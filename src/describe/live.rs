//! The cluster reads behind `describe pod`: the pod, the Services of its
//! namespace, Istio's routing and security objects, the mesh config's root
//! namespace, and the ingress gateway pods with their Services. Every call
//! keeps the API server's Status ([`crate::k8s::Error`]).

use kube::api::{Api, ApiResource, DynamicObject, GroupVersionKind, ListParams};
use serde_json::Value;

use super::Inputs;
use crate::analyze::util::str_of;
use crate::k8s::{Connection, Error};

/// How to read.
#[derive(Debug, Clone)]
pub struct Request {
    pub namespace: String,
    pub pod: String,
    /// Where the mesh ConfigMap `istio` lives.
    pub istio_namespace: String,
    pub describe_namespace: String,
}

async fn list(
    conn: &Connection,
    (group, version, kind, plural): (&str, &str, &str, &str),
    namespace: Option<&str>,
    params: &ListParams,
) -> Result<Vec<Value>, Error> {
    let gvk = GroupVersionKind::gvk(group, version, kind);
    let ar = ApiResource::from_gvk_with_plural(&gvk, plural);
    let api: Api<DynamicObject> = match namespace {
        Some(ns) => Api::namespaced_with(conn.client.clone(), ns, &ar),
        None => Api::all_with(conn.client.clone(), &ar),
    };
    match api.list(params).await {
        Ok(l) => Ok(l
            .items
            .into_iter()
            .map(|mut o| {
                o.metadata.managed_fields = None;
                serde_json::to_value(o).unwrap_or(Value::Null)
            })
            .collect()),
        // An Istio kind the server does not serve (CRDs not installed): nothing of it.
        Err(kube::Error::Api(s)) if s.code == 404 && !group.is_empty() => Ok(Vec::new()),
        Err(e) => Err(conn.error(e)),
    }
}

const PODS: (&str, &str, &str, &str) = ("", "v1", "Pod", "pods");
const SERVICES: (&str, &str, &str, &str) = ("", "v1", "Service", "services");
const DRS: (&str, &str, &str, &str) = (
    "networking.istio.io",
    "v1",
    "DestinationRule",
    "destinationrules",
);
const VSS: (&str, &str, &str, &str) = (
    "networking.istio.io",
    "v1",
    "VirtualService",
    "virtualservices",
);
const GWS: (&str, &str, &str, &str) = ("networking.istio.io", "v1", "Gateway", "gateways");
const PAS: (&str, &str, &str, &str) = (
    "security.istio.io",
    "v1",
    "PeerAuthentication",
    "peerauthentications",
);

/// The pod, as JSON.
pub async fn get_pod(conn: &Connection, namespace: &str, name: &str) -> Result<Value, Error> {
    let api: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(conn.client.clone(), namespace);
    let mut pod = api.get(name).await.map_err(|e| conn.error(e))?;
    pod.metadata.managed_fields = None;
    let mut v = serde_json::to_value(pod).unwrap_or(Value::Null);
    v["apiVersion"] = "v1".into();
    v["kind"] = "Pod".into();
    Ok(v)
}

/// The mesh root namespace from ConfigMap `istio` (default: the Istio namespace).
async fn root_namespace(conn: &Connection, istio_namespace: &str) -> String {
    let api: Api<k8s_openapi::api::core::v1::ConfigMap> =
        Api::namespaced(conn.client.clone(), istio_namespace);
    let mesh = api
        .get_opt("istio")
        .await
        .ok()
        .flatten()
        .and_then(|cm| cm.data)
        .and_then(|d| d.get("mesh").cloned());
    mesh.and_then(|m| crate::manifest::read_str(&m, crate::manifest::Source::Stdin).ok())
        .and_then(|docs| docs.into_iter().find_map(|d| d.value))
        .and_then(|v| {
            v.get("rootNamespace")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| istio_namespace.to_string())
}

/// Read everything [`super::describe`] needs. The pod is read first, so an
/// unknown pod or namespace fails before anything else is asked.
pub async fn read(conn: &Connection, req: &Request, pod: Value) -> Result<Inputs, Error> {
    let ns = req.namespace.as_str();
    let all = ListParams::default();
    let ingress_params = ListParams::default()
        .labels("istio=ingressgateway")
        .fields("status.phase=Running");
    let root = root_namespace(conn, &req.istio_namespace).await;
    let (services, drs, vss, gws, pas_ns, pas_root, ns_pods, ingress) = tokio::try_join!(
        list(conn, SERVICES, Some(ns), &all),
        list(conn, DRS, None, &all),
        list(conn, VSS, None, &all),
        list(conn, GWS, None, &all),
        list(conn, PAS, Some(ns), &all),
        list(conn, PAS, Some(&root), &all),
        list(conn, PODS, Some(ns), &all),
        list(conn, PODS, None, &ingress_params),
    )?;
    // Only `istio=ingressgateway` pods, as istioctl: pods of Gateways with
    // other selectors would make the output depend on unrelated namespaces.
    let gateway_pods = ingress;
    let mut gw_namespaces: Vec<String> = gateway_pods
        .iter()
        .map(|p| str_of(&p["metadata"], "namespace").to_string())
        .collect();
    gw_namespaces.sort();
    gw_namespaces.dedup();
    let mut gateway_services = Vec::new();
    for gns in &gw_namespaces {
        gateway_services.extend(list(conn, SERVICES, Some(gns), &all).await?);
    }
    let mut peer_authentications = pas_root;
    if root != ns {
        peer_authentications.extend(pas_ns);
    }
    Ok(Inputs {
        pod,
        services,
        destination_rules: drs,
        virtual_services: vss,
        gateways: gws,
        peer_authentications,
        root_namespace: root,
        gateway_pods,
        gateway_services,
        namespace_pods: ns_pods,
        describe_namespace: req.describe_namespace.clone(),
    })
}
