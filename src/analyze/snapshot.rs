//! The snapshot: every resource the analyzers see, from files and/or the
//! cluster, indexed by kind, plus the mesh config. Unlike istioctl, Pods,
//! Services, Namespaces, Nodes and Secrets read from files are kept.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use indexmap::IndexMap;

use serde_json::{Map, Value, json};

use crate::json_pointer::Pointer as _;
use crate::manifest::{Document, FieldLines, Limits, Source, parse_document};

use super::diag::ResourceRef;
use super::mesh;
use super::util::{selector_matches, str_eq, value_str};
use super::validate::{self, Findings, Target};
use super::view;

/// Kinds that have no namespace.
const CLUSTER_SCOPED: &[&str] = &[
    "Namespace",
    "Node",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleBinding",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "GatewayClass",
    "APIService",
];

/// Whether a kind is cluster-scoped.
pub fn is_cluster_scoped(kind: &str) -> bool {
    CLUSTER_SCOPED.contains(&kind)
}

/// Namespaces istioctl never reads resources from.
pub const IGNORED_NAMESPACES: &[&str] = &[
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "local-path-storage",
];

/// Where a resource came from.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub source: Source,
    /// The document's first content line (absolute).
    pub line: usize,
    /// Absolute line of the document text's first line (for field lines).
    pub first_line: usize,
    /// The document's text while its field lines are not computed: files are
    /// parsed without the field-line index, which only the few resources a
    /// finding names need (parsing it again costs less than indexing every
    /// field of every document).
    text: String,
    fields: OnceLock<FieldLines>,
}

impl Provenance {
    /// Field path → line relative to the document text, computed on first use.
    fn fields(&self) -> &FieldLines {
        self.fields.get_or_init(|| {
            parse_document(&self.text, Limits::default())
                .map(|p| p.lines)
                .unwrap_or_default()
        })
    }
}

/// One Kubernetes object.
#[derive(Debug, Clone)]
pub struct Resource {
    pub api_version: String,
    /// The API group (`networking.istio.io`, empty for core).
    pub group: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
    pub value: Value,
    /// The cluster whose runtime store holds it: empty for the main store
    /// (files, the current cluster, remote clusters' Istio configuration),
    /// a remote cluster's id for its Pods, Services, Namespaces, Nodes and
    /// Secrets (istioctl's multi-cluster stores).
    pub cluster: String,
    /// `None` for live and synthetic resources.
    pub provenance: Option<Provenance>,
    /// Istio's validation, run once for both of its codes (IST0106, IST0133).
    validation: OnceLock<Option<Findings>>,
    /// What rules read of a VirtualService, built once.
    virtual_service: OnceLock<Box<view::VirtualService>>,
}

impl Resource {
    /// Build from a parsed document; `None` without apiVersion/kind.
    pub fn from_document(doc: Document, default_namespace: &str) -> Option<Resource> {
        let value = doc.value?;
        let kind = value.get("kind")?.as_str()?.to_string();
        let api_version = value.get("apiVersion")?.as_str()?.to_string();
        if kind.is_empty() || api_version.is_empty() {
            return None;
        }
        let mut res = Resource::from_value(value, api_version, kind, default_namespace);
        // A document parsed with its field lines keeps them; one parsed
        // without keeps its text to compute them when needed.
        let (text, fields) = if doc.fields.is_empty() {
            (doc.raw, OnceLock::new())
        } else {
            (String::new(), OnceLock::from(doc.fields))
        };
        res.provenance = Some(Provenance {
            source: doc.origin.source,
            line: doc.origin.line,
            first_line: doc.origin.first_line,
            text,
            fields,
        });
        Some(res)
    }

    fn from_value(
        value: Value,
        api_version: String,
        kind: String,
        default_namespace: &str,
    ) -> Resource {
        let group = api_version
            .rsplit_once('/')
            .map(|(g, _)| g.to_string())
            .unwrap_or_default();
        let meta = value.get("metadata");
        let name = meta
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let namespace = if is_cluster_scoped(&kind) {
            String::new()
        } else {
            meta.and_then(|m| m.get("namespace"))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .unwrap_or(default_namespace)
                .to_string()
        };
        Resource {
            api_version,
            group,
            kind,
            name,
            namespace,
            value,
            cluster: String::new(),
            provenance: None,
            validation: OnceLock::new(),
            virtual_service: OnceLock::new(),
        }
    }

    /// The fields rules read of a VirtualService (built from the spec on first
    /// use; the loader builds it while parsing). Meaningful for VirtualServices.
    pub fn virtual_service(&self) -> &view::VirtualService {
        self.virtual_service
            .get_or_init(|| Box::new(view::VirtualService::from_spec(self.spec())))
    }

    /// Istio's configuration validation of this resource (`None` for kinds
    /// without a validator), computed on first use.
    pub fn validation(&self) -> Option<&Findings> {
        self.validation
            .get_or_init(|| {
                validate::validate(
                    &self.kind,
                    &Target {
                        spec: self.spec(),
                        name: &self.name,
                        namespace: &self.namespace,
                    },
                )
            })
            .as_ref()
    }

    /// A resource from a live object (no file reference).
    pub fn from_live(value: Value) -> Option<Resource> {
        let kind = value.get("kind")?.as_str()?.to_string();
        let api_version = value.get("apiVersion")?.as_str()?.to_string();
        Some(Resource::from_value(value, api_version, kind, ""))
    }

    /// Whether this is an Istio resource (`*.istio.io` group).
    pub fn is_istio(&self) -> bool {
        self.group.ends_with("istio.io")
    }

    /// JSON pointer lookup into the object.
    pub fn at(&self, path: &str) -> Option<&Value> {
        self.value.at(path)
    }

    pub fn spec(&self) -> &Value {
        self.value.get("spec").unwrap_or(&Value::Null)
    }

    pub fn labels(&self) -> Option<&Map<String, Value>> {
        self.value.get("metadata")?.get("labels")?.as_object()
    }

    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels()?.get(key)?.as_str()
    }

    pub fn annotations(&self) -> Option<&Map<String, Value>> {
        self.value.get("metadata")?.get("annotations")?.as_object()
    }

    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations()?.get(key)?.as_str()
    }

    /// The absolute line of a field path (Istio's scheme), if from a file.
    /// Like Istio, only scalar leaves have lines: a path naming a mapping or a
    /// list has none (the caller falls back to the document's line).
    pub fn line_of(&self, path: &str) -> Option<usize> {
        let p = self.provenance.as_ref()?;
        // A path the document does not have has no line either: the field
        // lines (a second parse of the document) are not needed for it.
        if value_at_path(&self.value, path).is_none_or(|v| v.is_object() || v.is_array()) {
            return None;
        }
        p.fields().get(path).map(|l| l + p.first_line - 1)
    }

    /// The absolute line of a field path or, for a mapping or list, of the
    /// first field inside it.
    pub fn line_near(&self, path: &str) -> Option<usize> {
        let p = self.provenance.as_ref()?;
        let fields = p.fields();
        let rel = fields.get(path).copied().or_else(|| {
            fields
                .iter()
                .filter(|(k, _)| {
                    k.strip_prefix(path)
                        .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
                })
                .map(|(_, l)| *l)
                .min()
        })?;
        Some(rel + p.first_line - 1)
    }

    /// The reference for a diagnostic: the field's line when known, else the
    /// document's first line.
    pub fn reference(&self, field: Option<&str>) -> ResourceRef {
        let line = field
            .and_then(|f| self.line_of(f))
            .or_else(|| self.provenance.as_ref().map(|p| p.line))
            .unwrap_or(0);
        ResourceRef {
            kind: self.kind.clone(),
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            cluster: (!self.cluster.is_empty()).then(|| self.cluster.clone()),
            source: self.provenance.as_ref().map(|p| p.source.clone()),
            line,
            suppress: self
                .annotation("galley.istio.io/analyze-suppress")
                .map(str::to_string),
        }
    }

    /// `ns/name` key.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// Follow an Istio field path (`.spec.http[0].route`, keys unescaped, so a
/// key may itself contain dots) into a value; the longest matching key wins.
pub fn value_at_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(v);
    }
    if let Some(rest) = path.strip_prefix('[') {
        let (idx, rest) = rest.split_once(']')?;
        return value_at_path(v.as_array()?.get(idx.parse::<usize>().ok()?)?, rest);
    }
    let rest = path.strip_prefix('.')?;
    let obj = v.as_object()?;
    let mut best: Option<(&String, &Value)> = None;
    for (k, val) in obj {
        if let Some(after) = rest.strip_prefix(k.as_str()) {
            let boundary = after.is_empty() || after.starts_with('.') || after.starts_with('[');
            if boundary && best.is_none_or(|(b, _)| k.len() > b.len()) {
                best = Some((k, val));
            }
        }
    }
    let (k, val) = best?;
    value_at_path(val, &rest[k.len()..])
}

/// The `networking.istio.io`, `security.istio.io`, ... group check for kinds
/// that exist in several groups (Gateway).
pub const ISTIO_NETWORKING: &str = "networking.istio.io";
pub const GATEWAY_API: &str = "gateway.networking.k8s.io";

/// How many resources [`Snapshot::add_default_resources`] adds: the
/// ingress gateway's Pod and Service.
const DEFAULT_RESOURCES: usize = 2;

/// Options for building a snapshot.
#[derive(Debug, Clone)]
pub struct SnapshotOptions {
    /// Namespace given to namespaced documents that have none.
    pub default_namespace: String,
    pub istio_namespace: String,
    /// Add Istio's dummy ingress gateway Pod and Service (files mode).
    pub add_default_resources: bool,
    /// Load into this remote cluster's store (empty: the main store).
    pub cluster: String,
    /// Istio kinds whose validation is run while their documents are parsed
    /// (on the parsing threads, while the tree is still in cache) instead of
    /// when the schema rule first asks: the kinds of the selected
    /// `schema.ValidationAnalyzer.<Kind>` rules.
    pub validate_kinds: Vec<&'static str>,
}

impl Default for SnapshotOptions {
    fn default() -> Self {
        SnapshotOptions {
            default_namespace: "default".into(),
            istio_namespace: "istio-system".into(),
            add_default_resources: true,
            cluster: String::new(),
            validate_kinds: Vec::new(),
        }
    }
}

/// The index key: (kind, group, namespace, name, cluster).
type Key = (String, String, String, String, String);

/// A borrowed index key: looks up without building five Strings (a tuple of
/// `&str` hashes as the tuple of `String`).
#[derive(Hash)]
struct KeyRef<'a>(&'a str, &'a str, &'a str, &'a str, &'a str);

impl indexmap::Equivalent<Key> for KeyRef<'_> {
    fn equivalent(&self, k: &Key) -> bool {
        str_eq(self.0, &k.0)
            && str_eq(self.1, &k.1)
            && str_eq(self.2, &k.2)
            && str_eq(self.3, &k.3)
            && str_eq(self.4, &k.4)
    }
}

/// Everything the analyzers read.
#[derive(Debug, Default)]
pub struct Snapshot {
    resources: Vec<Resource>,
    by_kind: HashMap<String, Vec<usize>, foldhash::fast::RandomState>,
    /// (kind, group, namespace, name, cluster) → position.
    index: IndexMap<Key, usize, foldhash::fast::RandomState>,
    /// Remote clusters' ids, in the order they were added.
    clusters: Vec<String>,
    /// Kinds supplied by the user (files or cluster), not only synthesised.
    present: BTreeSet<String>,
    /// (label key, value as a string) → core Pods carrying it, in input
    /// order; built on first use by [`Snapshot::pods_selected`].
    pod_labels: OnceLock<HashMap<(String, String), Vec<usize>>>,
    /// The hosts Services and ServiceEntries make visible; built on first use
    /// by [`Snapshot::hosts`].
    hosts: OnceLock<view::Hosts>,
    /// The mesh config in effect: Istio's defaults, or a body applied over
    /// them by [`Snapshot::load_mesh_config`] (`analyze::mesh`).
    pub mesh: Value,
    /// Istio's MeshNetworks (`networks:`) once loaded; `Null` means the rules
    /// read the `istio` ConfigMap's `meshNetworks` key from the input files.
    pub mesh_networks: Value,
    /// Mesh configs and networks Istio rejected (and istioctl ignores) or
    /// warned about, for the CLI to tell.
    pub mesh_notes: Vec<String>,
    pub istio_namespace: String,
}

impl Snapshot {
    pub fn new(istio_namespace: &str) -> Self {
        Snapshot {
            mesh: mesh::default_mesh_config(),
            istio_namespace: istio_namespace.to_string(),
            ..Snapshot::default()
        }
    }

    /// Room for `n` more resources (a batch about to be inserted), so the
    /// store grows once rather than by doubling and copying; and for the
    /// default resources [`Snapshot::add_default_resources`] may add after
    /// them, which would otherwise make it grow (and copy every resource)
    /// for two more.
    pub fn reserve(&mut self, n: usize) {
        self.resources.reserve(n + DEFAULT_RESOURCES);
        self.index.reserve(n + DEFAULT_RESOURCES);
    }

    /// Add a resource. A later resource with the same kind, group, namespace
    /// and name replaces the earlier one (files layered over the cluster).
    pub fn insert(&mut self, res: Resource) {
        if !self.present.contains(&res.kind) {
            self.present.insert(res.kind.clone());
        }
        self.push(res);
    }

    /// Add a resource unless one with the same key is there (a remote
    /// cluster's Istio configuration: the current cluster's wins).
    pub fn insert_if_absent(&mut self, res: Resource) {
        if self.position(&res).is_none() {
            self.insert(res);
        }
    }

    /// Where the resource with the same key is.
    fn position(&self, res: &Resource) -> Option<usize> {
        let key = KeyRef(
            &res.kind,
            &res.group,
            &res.namespace,
            &res.name,
            &res.cluster,
        );
        self.index.get(&key).copied()
    }

    fn push(&mut self, res: Resource) {
        if IGNORED_NAMESPACES.contains(&res.namespace.as_str())
            || (res.kind == "Namespace" && IGNORED_NAMESPACES.contains(&res.name.as_str()))
        {
            return;
        }
        if !res.cluster.is_empty() && !self.clusters.contains(&res.cluster) {
            self.clusters.push(res.cluster.clone());
        }
        self.pod_labels = OnceLock::new();
        self.hosts = OnceLock::new();
        if let Some(i) = self.position(&res) {
            self.resources[i] = res;
            return;
        }
        let i = self.resources.len();
        let key = (
            res.kind.clone(),
            res.group.clone(),
            res.namespace.clone(),
            res.name.clone(),
            res.cluster.clone(),
        );
        self.index.insert(key, i);
        match self.by_kind.get_mut(&res.kind) {
            Some(at) => at.push(i),
            None => {
                self.by_kind.insert(res.kind.clone(), vec![i]);
            }
        }
        self.resources.push(res);
    }

    /// The hosts Services and ServiceEntries make visible (built once).
    pub fn hosts(&self) -> &view::Hosts {
        self.hosts.get_or_init(|| view::Hosts::build(self))
    }

    /// Mark a kind as listed (a live listing that returned nothing still counts).
    pub fn mark_present(&mut self, kind: &str) {
        self.present.insert(kind.to_string());
    }

    /// Whether the input supplied any resource of this kind (or it was listed live).
    pub fn has_kind(&self, kind: &str) -> bool {
        self.present.contains(kind) || kind == "MeshConfig"
    }

    /// All resources of a kind, in input order.
    pub fn of_kind<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.by_kind
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.resources[i])
    }

    /// Resources of a kind in a group.
    pub fn of<'a>(&'a self, group: &'a str, kind: &str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.of_kind(kind).filter(move |r| str_eq(&r.group, group))
    }

    /// The core Pods whose labels match `selector` (every key present with an
    /// equal value, as [`selector_matches`]), in input order. Looks up the
    /// pods carrying the selector's first label instead of testing every pod.
    pub fn pods_selected<'a, 's>(
        &'a self,
        selector: &'s Map<String, Value>,
    ) -> impl Iterator<Item = &'a Resource> + use<'a, 's> {
        let index = self.pod_labels.get_or_init(|| {
            let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
            for &i in self
                .by_kind
                .get("Pod")
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let pod = &self.resources[i];
                if !pod.group.is_empty() {
                    continue;
                }
                for (k, v) in pod.labels().into_iter().flatten() {
                    index.entry((k.clone(), value_str(v))).or_default().push(i);
                }
            }
            index
        });
        let candidates: Box<dyn Iterator<Item = usize> + 'a> = match selector.iter().next() {
            None => Box::new(
                self.by_kind
                    .get("Pod")
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .copied()
                    .filter(|&i| self.resources[i].group.is_empty()),
            ),
            Some((k, v)) => Box::new(
                index
                    .get(&(k.clone(), value_str(v)))
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .copied(),
            ),
        };
        candidates
            .map(|i| &self.resources[i])
            .filter(move |p| selector_matches(selector, p.labels()))
    }

    /// The resource with this name: the main store's, else the first remote
    /// cluster's that has one.
    pub fn get(&self, group: &str, kind: &str, namespace: &str, name: &str) -> Option<&Resource> {
        std::iter::once("")
            .chain(self.clusters.iter().map(String::as_str))
            .find_map(|cluster| {
                self.index
                    .get(&KeyRef(kind, group, namespace, name, cluster))
            })
            .map(|&i| &self.resources[i])
    }

    /// Whether resources of remote clusters were added (istioctl's
    /// multi-cluster analysis: findings then name their cluster).
    pub fn is_multi_cluster(&self) -> bool {
        !self.clusters.is_empty()
    }

    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    pub fn len(&self) -> usize {
        self.resources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// Use a MeshConfig body (`origin` names it in notes) as istioctl does:
    /// Istio's defaults with the body applied replace the mesh config, unless
    /// Istio rejects the result, which then leaves it as it was. Whether the
    /// body was used.
    pub fn load_mesh_config(&mut self, body: &Value, origin: &str) -> bool {
        match mesh::apply_mesh_config(body) {
            Ok(applied) => {
                self.mesh = applied.mesh;
                if let Some(w) = applied.warnings {
                    self.mesh_notes.push(format!(
                        "mesh config in {origin}: warnings occurred during mesh validation: {}",
                        w.trim_end()
                    ));
                }
                true
            }
            Err(e) => {
                self.mesh_notes.push(format!(
                    "ignoring the mesh config in {origin}, as istioctl does (Istio rejects it): {}",
                    e.trim_end()
                ));
                false
            }
        }
    }

    /// Use a MeshNetworks body as istioctl does: rejected networks leave the
    /// current ones. Whether the body was used.
    pub fn load_mesh_networks(&mut self, body: &Value, origin: &str) -> bool {
        match mesh::parse_mesh_networks(body) {
            Ok(networks) => {
                self.mesh_networks = networks;
                true
            }
            Err(e) => {
                self.mesh_notes.push(format!(
                    "ignoring the mesh networks in {origin}, as istioctl does (Istio rejects them): {}",
                    e.trim_end()
                ));
                false
            }
        }
    }

    /// The cluster's `istio` ConfigMap as istioctl reads it: the `mesh` key,
    /// then, when that was used, the `meshNetworks` key. Without the
    /// ConfigMap the mesh networks are empty.
    pub fn load_istio_config_map(&mut self, cm: Option<&Resource>) {
        if self.mesh_networks.is_null() {
            self.mesh_networks = json!({"networks": {}});
        }
        let Some(cm) = cm else { return };
        let origin = |key: &str| format!("ConfigMap {}/{} (key {key})", cm.namespace, cm.name);
        let Some(text) = cm.at("/data/mesh").and_then(Value::as_str) else {
            return;
        };
        let Some(body) = self.yaml_body(text, &origin("mesh"), "it") else {
            return;
        };
        if !self.load_mesh_config(&body, &origin("mesh")) {
            return;
        }
        let Some(text) = cm.at("/data/meshNetworks").and_then(Value::as_str) else {
            return;
        };
        if let Some(body) = self.yaml_body(text, &origin("meshNetworks"), "them") {
            self.load_mesh_networks(&body, &origin("meshNetworks"));
        }
    }

    /// Files only: the mesh networks of an `istio` ConfigMap in the Istio
    /// namespace among the input files (istioctl reads none from files).
    pub fn mesh_networks_from_files(&mut self) {
        if !self.mesh_networks.is_null() {
            return;
        }
        let Some(cm) = self.get("", "ConfigMap", &self.istio_namespace, "istio") else {
            return;
        };
        let origin = format!("ConfigMap {}/{} (key meshNetworks)", cm.namespace, cm.name);
        let Some(text) = cm.at("/data/meshNetworks").and_then(Value::as_str) else {
            return;
        };
        let text = text.to_string();
        if let Some(body) = self.yaml_body(&text, &origin, "them") {
            self.load_mesh_networks(&body, &origin);
        }
    }

    /// A ConfigMap value's YAML; a note when it does not parse.
    fn yaml_body(&mut self, text: &str, origin: &str, what: &str) -> Option<Value> {
        match crate::manifest::read_str(text, Source::Stdin) {
            Ok(docs) => Some(
                docs.into_iter()
                    .find_map(|d| d.value)
                    .unwrap_or(Value::Null),
            ),
            Err(e) => {
                self.mesh_notes.push(format!(
                    "ignoring {origin}, as istioctl does (Istio rejects {what}): not YAML: {e}"
                ));
                None
            }
        }
    }

    /// Add Istio's dummy ingress gateway Pod and Service in the Istio
    /// namespace, unless `ingressControllerMode` is `OFF`.
    pub fn add_default_resources(&mut self) {
        let mode = self
            .mesh
            .get("ingressControllerMode")
            .and_then(Value::as_str)
            .unwrap_or("STRICT");
        if mode.eq_ignore_ascii_case("OFF") {
            return;
        }
        let svc = self
            .mesh
            .get("ingressService")
            .and_then(Value::as_str)
            .unwrap_or("istio-ingressgateway")
            .to_string();
        let ns = self.istio_namespace.clone();
        let pod = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("{svc}-dummypod"), "namespace": ns, "labels": {"istio": "ingressgateway"}},
            "spec": {"containers": [{"name": "istio-proxy", "args": null}]}
        });
        let port = |name: &str, node: i64, port: i64| json!({"name": name, "nodePort": node, "port": port, "protocol": "TCP", "targetPort": port});
        let service = json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": svc, "namespace": ns},
            "spec": {
                "ports": [port("http2", 31380, 80), port("https", 31390, 443), port("tcp", 31400, 31400), port("tls", 31447, 15443)],
                "selector": {"istio": "ingressgateway"}
            }
        });
        for v in [pod, service] {
            if let Some(r) = Resource::from_live(v) {
                let exists = self.get(&r.group, &r.kind, &r.namespace, &r.name).is_some();
                if !exists {
                    self.push(r);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::read_str;

    fn snap(text: &str, default_ns: &str) -> Snapshot {
        let mut s = Snapshot::new("istio-system");
        for d in read_str(text, Source::File("t.yaml".into())).unwrap() {
            if let Some(r) = Resource::from_document(d, default_ns) {
                s.insert(r);
            }
        }
        s
    }

    #[test]
    fn namespaces_default_and_cluster_scope() {
        let s = snap(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  namespace: x\n",
            "default",
        );
        let svc = s.of_kind("Service").next().unwrap();
        assert_eq!(svc.namespace, "default");
        assert_eq!(svc.reference(None).line, 1);
        let ns = s.of_kind("Namespace").next().unwrap();
        assert_eq!(ns.namespace, "");
        assert_eq!(ns.reference(Some(".metadata.name")).line, 9);
    }

    #[test]
    fn paths_follow_dotted_keys_and_skip_mappings() {
        let v: Value = serde_json::from_str(r#"{"metadata":{"annotations":{"sidecar.istio.io/inject":"false"}},"spec":{"a":[{"b":1}]}}"#).unwrap();
        assert_eq!(
            value_at_path(&v, ".metadata.annotations.sidecar.istio.io/inject"),
            Some(&json!("false"))
        );
        assert_eq!(value_at_path(&v, ".spec.a[0].b"), Some(&json!(1)));
        assert!(value_at_path(&v, ".spec.a[1]").is_none());
        let s = snap(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  x:\n    z: 1\n",
            "default",
        );
        let pod = s.of_kind("Pod").next().unwrap();
        assert_eq!(pod.line_of(".spec.x.z"), Some(7));
        assert_eq!(pod.line_of(".spec.x"), None);
    }

    #[test]
    fn later_duplicates_replace_and_kube_system_is_dropped() {
        let s = snap(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {v: '1'}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: {v: '2'}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: k\n  namespace: kube-system\n",
            "default",
        );
        let all: Vec<_> = s.of_kind("Service").collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].label("v"), Some("2"));
    }

    #[test]
    fn default_ingress_resources_respect_mode_off() {
        let mut s = Snapshot::new("istio-system");
        s.add_default_resources();
        assert_eq!(s.of_kind("Pod").count(), 1);
        assert!(!s.has_kind("Pod"));
        let mut s = Snapshot::new("istio-system");
        assert!(s.load_mesh_config(&json!({"ingressControllerMode": "OFF"}), "test"));
        s.add_default_resources();
        assert_eq!(s.len(), 0);
    }
}
