//! The live cluster as a snapshot source: every kind the analyzers read,
//! listed concurrently with pagination; system namespaces excluded by field
//! selector; ConfigMaps narrowed to the Istio namespace.

use kube::api::ListParams;
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

/// The collection's URL path (`/api/v1/pods`, `/apis/g/v/namespaces/ns/x`).
fn url_path(lk: ListedKind, namespace: Option<&str>) -> String {
    let base = if lk.group.is_empty() {
        format!("/api/{}", lk.version)
    } else {
        format!("/apis/{}/{}", lk.group, lk.version)
    };
    match namespace {
        Some(ns) => format!("{base}/namespaces/{ns}/{}", lk.plural),
        None => format!("{base}/{}", lk.plural),
    }
}

/// List one kind, all pages, as plain JSON (no typed decoding and
/// re-encoding). The first page is read with `resourceVersion=0` (served
/// from the API server's watch cache, as informers read). A kind the server
/// does not serve (CRD not installed) is `Ok(None)`.
async fn list_kind(
    client: kube::Client,
    lk: ListedKind,
    istio_namespace: String,
) -> Result<Option<Vec<Value>>, kube::Error> {
    let request = kube::core::Request::new(url_path(
        lk,
        (lk.kind == "ConfigMap").then_some(istio_namespace.as_str()),
    ));
    let mut fields: Option<String> = None;
    if lk.runtime && matches!(lk.kind, "Pod" | "Service") {
        fields = Some(SYSTEM_NAMESPACE_SELECTOR.to_string());
    }
    if lk.kind == "Secret" {
        // As istioctl: Helm release and service-account token Secrets are never read.
        fields = Some(format!(
            "{SYSTEM_NAMESPACE_SELECTOR},type!=helm.sh/release.v1,type!=kubernetes.io/service-account-token"
        ));
    }
    let page_params = |token: Option<&str>| {
        let mut params = ListParams::default().limit(1000);
        if let Some(f) = &fields {
            params = params.fields(f);
        }
        match token {
            Some(t) => params.continue_token(t),
            None => params.match_any(),
        }
    };
    let api_version = if lk.group.is_empty() {
        lk.version.to_string()
    } else {
        format!("{}/{}", lk.group, lk.version)
    };
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let req = request
            .list(&page_params(token.as_deref()))
            .map_err(kube::Error::BuildRequest)?;
        let mut page: Value = match client.request(req).await {
            Ok(p) => p,
            Err(kube::Error::Api(s)) if s.code == 404 => return Ok(None),
            Err(e) => return Err(e),
        };
        if let Some(Value::Array(items)) = page.get_mut("items").map(Value::take) {
            for mut v in items {
                let Value::Object(m) = &mut v else { continue };
                if let Some(Value::Object(meta)) = m.get_mut("metadata") {
                    meta.remove("managedFields");
                }
                if lk.kind == "ConfigMap"
                    && !m
                        .get("metadata")
                        .and_then(|md| md.get("name"))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .starts_with("istio")
                {
                    continue;
                }
                m.insert("apiVersion".into(), Value::String(api_version.clone()));
                m.insert("kind".into(), Value::String(lk.kind.to_string()));
                out.push(v);
            }
        }
        token = page
            .pointer("/metadata/continue")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        if token.is_none() {
            break;
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
