//! The live cluster as a snapshot source: every kind the analyzers read,
//! listed concurrently with pagination; system namespaces excluded by field
//! selector; ConfigMaps narrowed to the Istio namespace.

use http_body_util::BodyExt;
use kube::api::ListParams;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::list_split::{ListSplitter, Piece};
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
        "networking.istio.io",
        "v1",
        "WorkloadGroup",
        "workloadgroups",
        false,
    ),
    k(
        "networking.istio.io",
        "v1beta1",
        "ProxyConfig",
        "proxyconfigs",
        false,
    ),
    k(
        "extensions.istio.io",
        "v1alpha1",
        "WasmPlugin",
        "wasmplugins",
        false,
    ),
    k(
        "extensions.istio.io",
        "v1alpha1",
        "TrafficExtension",
        "trafficextensions",
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

/// Decodes one listed object without what no rule reads: `managedFields`
/// always, and the `status` of built-in kinds (only Istio and Gateway API
/// status conditions and ServiceEntry addresses are read). Skipped parts are
/// scanned, never built.
#[derive(Clone, Copy)]
struct Pruned {
    /// The key left out at this level (`status`, or `managedFields` in `metadata`).
    skip: Option<&'static str>,
    /// Whether this is the object (its `metadata` is pruned in turn).
    object: bool,
}

impl Pruned {
    fn object(keep_status: bool) -> Self {
        Pruned {
            skip: (!keep_status).then_some("status"),
            object: true,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Pruned {
    type Value = Map<String, Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Pruned {
    type Value = Map<String, Value>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Kubernetes object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if self.skip == Some(key.as_str()) {
                map.next_value::<IgnoredAny>()?;
            } else if self.object && key == "metadata" {
                let meta = map.next_value_seed(Pruned {
                    skip: Some("managedFields"),
                    object: false,
                })?;
                out.insert(key, Value::Object(meta));
            } else {
                let v = map.next_value::<Value>()?;
                out.insert(key, v);
            }
        }
        Ok(out)
    }
}

/// Send a request; a non-2xx answer becomes `kube::Error::Api` (its body is
/// the API server's `Status` when it sent one).
async fn send(
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<http::Response<kube::client::Body>, kube::Error> {
    let res = client.send(req.map(kube::client::Body::from)).await?;
    let code = res.status();
    if code.is_success() {
        return Ok(res);
    }
    let body = res.into_body().collect_bytes().await?;
    let status = serde_json::from_slice::<kube::core::Status>(&body).unwrap_or_else(|_| {
        kube::core::Status::failure(
            String::from_utf8_lossy(&body).trim(),
            "Failed to parse error data",
        )
        .with_code(code.as_u16())
    });
    Err(kube::Error::Api(status.boxed()))
}

/// One kind's page reader: the request parameters and what to keep.
struct Lister {
    client: kube::Client,
    lk: ListedKind,
    request: kube::core::Request,
    fields: Option<String>,
    api_version: String,
}

impl Lister {
    fn request(&self, token: Option<&str>) -> Result<http::Request<Vec<u8>>, kube::Error> {
        let mut params = ListParams::default().limit(PAGE_SIZE);
        if let Some(f) = &self.fields {
            params = params.fields(f);
        }
        if let Some(t) = token {
            params = params.continue_token(t);
        }
        self.request
            .list(&params)
            .map_err(kube::Error::BuildRequest)
    }

    /// The next page's request, sent in the background.
    fn prefetch(
        &self,
        token: &str,
    ) -> Result<
        tokio::task::JoinHandle<Result<http::Response<kube::client::Body>, kube::Error>>,
        kube::Error,
    > {
        let req = self.request(Some(token))?;
        let client = self.client.clone();
        Ok(tokio::spawn(async move { send(&client, req).await }))
    }

    /// Decode one item into a resource (`None` for objects left out).
    fn item(&self, bytes: &[u8]) -> Result<Option<Resource>, serde_json::Error> {
        let keep_status = !matches!(self.lk.group, "" | "apps" | "admissionregistration.k8s.io");
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let mut m = Pruned::object(keep_status).deserialize(&mut de)?;
        de.end()?;
        if self.lk.kind == "ConfigMap"
            && !m
                .get("metadata")
                .and_then(|md| md.get("name"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .starts_with("istio")
        {
            return Ok(None);
        }
        m.insert("apiVersion".into(), Value::String(self.api_version.clone()));
        m.insert("kind".into(), Value::String(self.lk.kind.to_string()));
        Ok(Resource::from_live(Value::Object(m)))
    }
}

/// Objects per page. Pages are streamed and decoded object by object, and
/// the next page is requested as soon as a page's continue token arrives
/// (before its items), so the API server prepares page N+1 while mast reads
/// page N; the page size bounds the server's work per request, not mast's
/// memory.
const PAGE_SIZE: u32 = 1000;

/// List one kind, all pages, as consistent reads (no `resourceVersion`: the
/// list reflects the latest state, and the API server honours `limit`;
/// `resourceVersion=0` would be served from its watch cache in one response
/// of every object, which measured no faster; see docs/compatibility.md). A
/// kind the server does not serve (CRD not installed) is `Ok(None)`.
async fn list_kind(
    client: kube::Client,
    lk: ListedKind,
    istio_namespace: String,
) -> Result<Option<Vec<Resource>>, kube::Error> {
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
    let api_version = if lk.group.is_empty() {
        lk.version.to_string()
    } else {
        format!("{}/{}", lk.group, lk.version)
    };
    let lister = Lister {
        client,
        lk,
        request,
        fields,
        api_version,
    };
    let mut out = Vec::new();
    let mut response = match send(&lister.client, lister.request(None)?).await {
        Ok(r) => r,
        Err(kube::Error::Api(s)) if s.code == 404 => return Ok(None),
        Err(e) => return Err(e),
    };
    loop {
        let mut next = None;
        let mut splitter = ListSplitter::new();
        let mut body = response.into_body();
        while let Some(frame) = body.frame().await {
            let Ok(chunk) = frame?.into_data() else {
                continue;
            };
            splitter
                .feed(&chunk, |piece| {
                    match piece {
                        Piece::Metadata(m) => {
                            let meta: ListMeta = serde_json::from_slice(m)?;
                            if let Some(token) = meta.continue_token.filter(|c| !c.is_empty()) {
                                next = Some(lister.prefetch(&token).map_err(Box::new)?);
                            }
                        }
                        Piece::Item(bytes) => out.extend(lister.item(bytes)?),
                    }
                    Ok::<(), PageError>(())
                })
                .map_err(PageError::into_kube)?;
        }
        if !splitter.is_complete() {
            return Err(kube::Error::Service(
                format!("the {} list response ended early", lk.plural).into(),
            ));
        }
        let Some(handle) = next else { break };
        response = handle
            .await
            .map_err(|e| kube::Error::Service(Box::new(e)))??;
    }
    Ok(Some(out))
}

/// The list's `metadata`.
#[derive(serde::Deserialize)]
struct ListMeta {
    #[serde(rename = "continue")]
    continue_token: Option<String>,
}

/// An error while reading a page's pieces.
enum PageError {
    Json(serde_json::Error),
    Kube(Box<kube::Error>),
}

impl From<serde_json::Error> for PageError {
    fn from(e: serde_json::Error) -> Self {
        PageError::Json(e)
    }
}

impl From<Box<kube::Error>> for PageError {
    fn from(e: Box<kube::Error>) -> Self {
        PageError::Kube(e)
    }
}

impl PageError {
    fn into_kube(self) -> kube::Error {
        match self {
            PageError::Json(e) => kube::Error::SerdeError(e),
            PageError::Kube(e) => *e,
        }
    }
}

/// Kinds istioctl does not read from remote clusters.
const REMOTE_EXCLUDED: &[&str] = &[
    "Deployment",
    "ConfigMap",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// List every kind concurrently and add the objects to the snapshot. Istio
/// objects labelled for another revision are skipped.
///
/// With `remote` (a remote cluster's id), as istioctl's multi-cluster
/// analysis: Deployments, ConfigMaps and webhook configurations are not
/// read; Pods, Services, Namespaces, Nodes and Secrets go to that cluster's
/// store; the rest joins the main store behind what is already there.
pub async fn load_cluster(
    client: &kube::Client,
    istio_namespace: &str,
    revision: &str,
    remote: Option<&str>,
    snap: &mut Snapshot,
) -> Result<(), kube::Error> {
    let mut set = tokio::task::JoinSet::new();
    for (i, lk) in KINDS.iter().enumerate() {
        if remote.is_some() && REMOTE_EXCLUDED.contains(&lk.kind) {
            continue;
        }
        let client = client.clone();
        let ns = istio_namespace.to_string();
        let lk = *lk;
        set.spawn(async move { (i, list_kind(client, lk, ns).await) });
    }
    let mut results: Vec<(usize, Option<Vec<Resource>>)> = Vec::new();
    while let Some(joined) = set.join_next().await {
        let Ok((i, r)) = joined else { continue };
        results.push((i, r?));
    }
    results.sort_by_key(|(i, _)| *i);
    for (i, items) in results {
        let lk = KINDS[i];
        let Some(items) = items else { continue };
        snap.mark_present(lk.kind);
        for mut r in items {
            if r.is_istio() && r.label("istio.io/rev").is_some_and(|rev| rev != revision) {
                continue;
            }
            match remote {
                Some(cluster) if lk.runtime => {
                    r.cluster = cluster.to_string();
                    snap.insert(r);
                }
                Some(_) => snap.insert_if_absent(r),
                None => snap.insert(r),
            }
        }
    }
    if remote.is_none() {
        let cm = snap.get("", "ConfigMap", istio_namespace, "istio").cloned();
        snap.load_istio_config_map(cm.as_ref());
    }
    Ok(())
}

/// The label marking Istio's remote secrets.
pub const MULTI_CLUSTER_SECRET_LABEL: &str = "istio/multiCluster";

/// The kubeconfigs of the remote secrets in the Istio namespace (labelled
/// `istio/multiCluster=true`), as istioctl finds remote clusters when no
/// `--remote-contexts` are given: (secret name, data key, kubeconfig text),
/// in name and key order.
pub fn remote_secret_kubeconfigs(
    snap: &Snapshot,
    istio_namespace: &str,
) -> Vec<(String, String, String)> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut secrets: Vec<&Resource> = snap
        .of_kind("Secret")
        .filter(|s| {
            s.group.is_empty()
                && s.cluster.is_empty()
                && s.namespace == istio_namespace
                && s.label(MULTI_CLUSTER_SECRET_LABEL) == Some("true")
        })
        .collect();
    secrets.sort_by(|a, b| a.name.cmp(&b.name));
    for s in secrets {
        let Some(data) = s.at("/data").and_then(Value::as_object) else {
            continue;
        };
        let mut keys: Vec<&String> = data.keys().collect();
        keys.sort();
        for key in keys {
            let text = data[key]
                .as_str()
                .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            out.push((s.name.clone(), key.clone(), text));
        }
    }
    out
}
