//! The live cluster as a snapshot source: every kind the analyzers read,
//! listed concurrently with pagination; system namespaces excluded by field
//! selector; ConfigMaps narrowed to the Istio namespace.

use kube::api::{Api, ApiResource, DynamicObject, GroupVersionKind, ListParams};
use serde_json::Value;

use super::snapshot::{Resource, Snapshot};

/// One kind to list.
#[derive(Debug, Clone, Copy)]
pub struct ListedKind {
    pub group: &'static str,
    pub version: &'static str,
    pub kind: &'static str,
    pub plural: &'static str,
    /// Runtime kinds skip the revision filter and exclude system namespaces.
    pub runtime: bool,
}

const fn k(
    group: &'static str,
    version: &'static str,
    kind: &'static str,
    plural: &'static str,
    runtime: bool,
) -> ListedKind {
    ListedKind {
        group,
        version,
        kind,
        plural,
        runtime,
    }
}

/// The kinds read from the cluster.
pub const KINDS: &[ListedKind] = &[
    k("", "v1", "Namespace", "namespaces", true),
    k("", "v1", "Pod", "pods", true),
    k("", "v1", "Service", "services", true),
    k("", "v1", "Node", "nodes", true),
    k("", "v1", "Secret", "secrets", true),
    k("", "v1", "ConfigMap", "configmaps", false),
    k("apps", "v1", "Deployment", "deployments", false),
    k(
        "admissionregistration.k8s.io",
        "v1",
        "MutatingWebhookConfiguration",
        "mutatingwebhookconfigurations",
        false,
    ),
    k(
        "admissionregistration.k8s.io",
        "v1",
        "ValidatingWebhookConfiguration",
        "validatingwebhookconfigurations",
        false,
    ),
    k(
        "networking.istio.io",
        "v1",
        "VirtualService",
        "virtualservices",
        false,
    ),
    k(
        "networking.istio.io",
        "v1",
        "DestinationRule",
        "destinationrules",
        false,
    ),
    k("networking.istio.io", "v1", "Gateway", "gateways", false),
    k(
        "networking.istio.io",
        "v1",
        "ServiceEntry",
        "serviceentries",
        false,
    ),
    k("networking.istio.io", "v1", "Sidecar", "sidecars", false),
    k(
        "networking.istio.io",
        "v1",
        "WorkloadEntry",
        "workloadentries",
        false,
    ),
    k(
        "networking.istio.io",
        "v1alpha3",
        "EnvoyFilter",
        "envoyfilters",
        false,
    ),
    k(
        "security.istio.io",
        "v1",
        "AuthorizationPolicy",
        "authorizationpolicies",
        false,
    ),
    k(
        "security.istio.io",
        "v1",
        "PeerAuthentication",
        "peerauthentications",
        false,
    ),
    k(
        "security.istio.io",
        "v1",
        "RequestAuthentication",
        "requestauthentications",
        false,
    ),
    k(
        "telemetry.istio.io",
        "v1",
        "Telemetry",
        "telemetries",
        false,
    ),
    k(
        "gateway.networking.k8s.io",
        "v1",
        "Gateway",
        "gateways",
        false,
    ),
    k(
        "gateway.networking.k8s.io",
        "v1",
        "HTTPRoute",
        "httproutes",
        false,
    ),
];

const SYSTEM_NAMESPACE_SELECTOR: &str = "metadata.namespace!=kube-system,metadata.namespace!=kube-public,metadata.namespace!=kube-node-lease,metadata.namespace!=local-path-storage";

/// List one kind, all pages. A kind the server does not serve (CRD not
/// installed) is `Ok(None)`.
async fn list_kind(
    client: kube::Client,
    lk: ListedKind,
    istio_namespace: String,
) -> Result<Option<Vec<Value>>, kube::Error> {
    let gvk = GroupVersionKind::gvk(lk.group, lk.version, lk.kind);
    let ar = ApiResource::from_gvk_with_plural(&gvk, lk.plural);
    let api: Api<DynamicObject> = if lk.kind == "ConfigMap" {
        Api::namespaced_with(client, &istio_namespace, &ar)
    } else {
        Api::all_with(client, &ar)
    };
    let mut params = ListParams::default().limit(500);
    if lk.runtime && matches!(lk.kind, "Pod" | "Service") {
        params = params.fields(SYSTEM_NAMESPACE_SELECTOR);
    }
    if lk.kind == "Secret" {
        // As istioctl: Helm release and service-account token Secrets are never read.
        params = params.fields(&format!(
            "{SYSTEM_NAMESPACE_SELECTOR},type!=helm.sh/release.v1,type!=kubernetes.io/service-account-token"
        ));
    }
    let mut out = Vec::new();
    loop {
        let page = match api.list(&params).await {
            Ok(p) => p,
            Err(kube::Error::Api(s)) if s.code == 404 => return Ok(None),
            Err(e) => return Err(e),
        };
        for mut obj in page.items {
            obj.metadata.managed_fields = None;
            if lk.kind == "ConfigMap"
                && !obj
                    .metadata
                    .name
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with("istio")
            {
                continue;
            }
            let mut v = serde_json::to_value(&obj).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                let api_version = if lk.group.is_empty() {
                    lk.version.to_string()
                } else {
                    format!("{}/{}", lk.group, lk.version)
                };
                m.insert("apiVersion".into(), Value::String(api_version));
                m.insert("kind".into(), Value::String(lk.kind.to_string()));
            }
            out.push(v);
        }
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(token) => params = params.continue_token(&token),
            None => break,
        }
    }
    Ok(Some(out))
}

/// List every kind concurrently and add the objects to the snapshot. Istio
/// objects labelled for another revision are skipped.
pub async fn load_cluster(
    client: &kube::Client,
    istio_namespace: &str,
    revision: &str,
    snap: &mut Snapshot,
) -> Result<(), kube::Error> {
    let mut set = tokio::task::JoinSet::new();
    for (i, lk) in KINDS.iter().enumerate() {
        let client = client.clone();
        let ns = istio_namespace.to_string();
        let lk = *lk;
        set.spawn(async move { (i, list_kind(client, lk, ns).await) });
    }
    let mut results: Vec<(usize, Option<Vec<Value>>)> = Vec::new();
    while let Some(joined) = set.join_next().await {
        let Ok((i, r)) = joined else { continue };
        results.push((i, r?));
    }
    results.sort_by_key(|(i, _)| *i);
    for (i, items) in results {
        let lk = KINDS[i];
        let Some(items) = items else { continue };
        snap.mark_present(lk.kind);
        for v in items {
            let Some(r) = Resource::from_live(v) else {
                continue;
            };
            if r.is_istio() && r.label("istio.io/rev").is_some_and(|rev| rev != revision) {
                continue;
            }
            let mesh = (lk.kind == "ConfigMap" && r.name == "istio")
                .then(|| r.at("/data/mesh").and_then(Value::as_str))
                .flatten()
                .and_then(|m| crate::manifest::read_str(m, crate::manifest::Source::Stdin).ok())
                .and_then(|docs| docs.into_iter().find_map(|d| d.value));
            if let Some(v) = mesh {
                snap.merge_mesh_config(&v);
            }
            snap.insert(r);
        }
    }
    Ok(())
}
