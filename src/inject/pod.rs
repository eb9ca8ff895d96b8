//! Injecting one pod: template data, rendering, strategic merge, the
//! override re-application and upstream's post-processing steps in order.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value as Json, json};

use super::merge::{Fallback, merge_decoded, merge_value};
use super::mesh::Mesh;
use super::probe;
use super::render::Data;
use super::schema::{Kind, Schema, normalize_owned};
use crate::json_pointer::Pointer as _;
use crate::manifest::{Shade, Shadow};
use crate::template::{FuncSet, Template, Value};

pub const STATUS_KEY: &str = "sidecar.istio.io/status";
pub const OVERRIDES_KEY: &str = "proxy.istio.io/overrides";
pub const TEMPLATES_KEY: &str = "inject.istio.io/templates";

/// The injection templates, parsed on first use (the one a pod selects is
/// parsed by the thread that needs it; [`Templates::parse_in_background`]
/// parses the others on a spare core, so start-up does not wait for
/// templates no pod uses).
#[derive(Clone, Default)]
pub struct Templates {
    funcs: FuncSet,
    entries: BTreeMap<String, Arc<LazyTemplate>>,
}

struct LazyTemplate {
    text: String,
    parsed: OnceLock<Result<Template, String>>,
}

impl Templates {
    pub fn new(funcs: FuncSet) -> Self {
        Templates {
            funcs,
            entries: BTreeMap::new(),
        }
    }

    /// Add a template by its text (parsed when first needed).
    pub fn insert_text(&mut self, name: &str, text: &str) {
        self.entries.insert(
            name.to_string(),
            Arc::new(LazyTemplate {
                text: text.to_string(),
                parsed: OnceLock::new(),
            }),
        );
    }

    /// Add (or replace) an already parsed template.
    pub fn insert(&mut self, name: &str, template: Template) {
        let parsed = OnceLock::new();
        let _ = parsed.set(Ok(template));
        self.entries.insert(
            name.to_string(),
            Arc::new(LazyTemplate {
                text: String::new(),
                parsed,
            }),
        );
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn parse(funcs: &FuncSet, name: &str, t: &LazyTemplate) -> Result<Template, String> {
        Template::parse("inject", &t.text, funcs).map_err(|e| format!("template {name:?}: {e}"))
    }

    /// The parsed template `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<Result<&Template, String>> {
        let t = self.entries.get(name)?;
        Some(
            t.parsed
                .get_or_init(|| Self::parse(&self.funcs, name, t))
                .as_ref()
                .map_err(Clone::clone),
        )
    }

    /// Parse every template (waiting for any the background thread is on);
    /// the first error in name order. The templates not parsed yet are
    /// parsed here from the last one back, while the background thread
    /// works from the first one on, so the two meet in the middle.
    pub fn check(&self) -> Result<(), String> {
        for (name, t) in self.entries.iter().rev() {
            t.parsed.get_or_init(|| Self::parse(&self.funcs, name, t));
        }
        for name in self.entries.keys() {
            if let Some(Err(e)) = self.get(name) {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Parse the templates other than `first_needed` on another thread.
    pub fn parse_in_background(&self, first_needed: &str) {
        let rest: Vec<(String, Arc<LazyTemplate>)> = self
            .entries
            .iter()
            .filter(|(n, t)| n.as_str() != first_needed && t.parsed.get().is_none())
            .map(|(n, t)| (n.clone(), Arc::clone(t)))
            .collect();
        if rest.is_empty() {
            return;
        }
        let funcs = self.funcs.clone();
        // A detached thread: if the process ends first, nothing is lost.
        let _ = std::thread::Builder::new()
            .name("mast-templates".into())
            .spawn(move || {
                for (name, t) in &rest {
                    t.parsed.get_or_init(|| Self::parse(&funcs, name, t));
                }
            });
    }
}

/// Parsed injection templates and the data that does not change per pod.
pub struct Injector {
    pub templates: Templates,
    pub values: Json,
    /// `values` as templates see it (`.Values`): one map shared by every
    /// pod, as istioctl shares its parsed values.
    pub values_value: Value,
    pub mesh: Mesh,
    pub revision: String,
    pub native_sidecars: bool,
    pub compliance_policy: String,
    /// Threads injecting documents of one stream: 0 picks
    /// [`super::stream::workers`], 1 keeps everything on the calling thread.
    pub threads: usize,
}

impl Injector {
    /// Every template parses (istioctl refuses a config with a broken
    /// template, used or not).
    pub fn check_templates(&self) -> Result<(), String> {
        self.templates.check()
    }
}

/// Who the pod belongs to, for the template data.
pub struct Owner {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
}

pub fn pod_kind() -> Kind {
    Kind::Struct(Schema::get().root("Pod").expect("Pod"))
}

fn normalize_pod(pod: Json) -> Result<Json, String> {
    normalize_owned(pod, &pod_kind(), "").map_err(|e| e.to_string())
}

fn ann<'a>(pod: &'a Json, key: &str) -> Option<&'a str> {
    pod.at("/metadata/annotations")?.get(key)?.as_str()
}

fn set_ann(pod: &mut Json, key: &str, value: &str) {
    let meta = pod["metadata"].as_object_mut().expect("metadata");
    let anns = meta.entry("annotations").or_insert_with(|| json!({}));
    if anns.is_null() {
        *anns = json!({});
    }
    anns[key] = Json::String(value.to_string());
}

fn names(list: Option<&Json>) -> Vec<String> {
    list.and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| c.get("name").and_then(Json::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

struct Status {
    init: Vec<String>,
    containers: Vec<String>,
}

fn parse_status(pod: &Json) -> Option<Status> {
    let v: Json = serde_json::from_str(ann(pod, STATUS_KEY)?).ok()?;
    let list = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(Status {
        init: list("initContainers"),
        containers: list("containers"),
    })
}

/// The pod the templates see: previously injected containers removed.
fn strip_pod<'a>(pod: &'a Json, mesh: &Mesh) -> Cow<'a, Json> {
    // Nothing to strip (the usual case: not injected before, no overrides).
    if parse_status(pod).is_none() && ann(pod, OVERRIDES_KEY).is_none() {
        return Cow::Borrowed(pod);
    }
    let mut out = pod.clone();
    if let Some(st) = parse_status(pod) {
        for (field, names) in [("containers", &st.containers), ("initContainers", &st.init)] {
            if let Some(Json::Array(list)) = out["spec"].get_mut(field) {
                list.retain(|c| {
                    !names
                        .iter()
                        .any(|n| Some(n.as_str()) == c.get("name").and_then(Json::as_str))
                });
            }
        }
        if ann(pod, "prometheus.io/port") == Some(mesh.status_port().to_string().as_str())
            && let Some(Json::Object(a)) = out["metadata"].get_mut("annotations")
        {
            a.shift_remove("prometheus.io/port");
            a.shift_remove("prometheus.io/path");
            a.shift_remove("prometheus.io/scrape");
        }
        if let Some(Json::Object(a)) = out["metadata"].get_mut("annotations") {
            a.shift_remove(STATUS_KEY);
        }
    }
    // Re-append user overrides missing by name.
    if let Some(text) = ann(pod, OVERRIDES_KEY)
        && let Ok(ov) = serde_json::from_str::<Json>(text)
    {
        for field in ["containers", "initContainers"] {
            let have = names(out["spec"].get(field));
            for c in ov
                .get(field)
                .and_then(Json::as_array)
                .cloned()
                .unwrap_or_default()
            {
                let n = c
                    .get("name")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string();
                if !have.contains(&n) {
                    let spec = out["spec"].as_object_mut().expect("spec");
                    let list = spec.entry(field).or_insert_with(|| json!([]));
                    if list.is_null() {
                        *list = json!([]);
                    }
                    if let Json::Array(l) = list {
                        l.push(c);
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

fn image(
    values: &Json,
    proxy: &Json,
    name_path: &str,
    annotation: Option<&str>,
    init: bool,
) -> String {
    let g = &values["global"];
    let hub = g.get("hub").and_then(Json::as_str).unwrap_or_default();
    let name = values
        .at(name_path)
        .and_then(Json::as_str)
        .unwrap_or("proxyv2");
    let tag = match g.get("tag") {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => {
            let f = n.as_f64().unwrap_or(0.0);
            crate::manifest::go_format_float(f)
        }
        Some(Json::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let mut ty = g
        .get("variant")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    if !init && let Some(t) = proxy.at("/image/imageType").and_then(Json::as_str) {
        ty = t.to_string();
    }
    if let Some(a) = annotation {
        ty = a.to_string();
    }
    let stripped = tag
        .strip_suffix("-distroless")
        .or_else(|| tag.strip_suffix("-debug"))
        .unwrap_or(&tag)
        .to_string();
    let tag = match ty.as_str() {
        "" => tag,
        "default" => stripped,
        t => format!("{stripped}-{t}"),
    };
    format!("{hub}/{name}:{tag}")
}

/// The encoding of a pod whose metadata and spec are decoded already: what
/// decoding the whole pod would give.
fn decoded_pod(mut pod: Json) -> Json {
    static STATUS: OnceLock<Json> = OnceLock::new();
    let status = STATUS.get_or_init(|| {
        let s = Schema::get();
        let pod_type = s.def(s.root("Pod").expect("Pod"));
        super::schema::zero(&pod_type.field("status").expect("Pod.status").kind)
    });
    if let Some(m) = pod.as_object_mut() {
        m.insert("status".into(), status.clone());
    }
    pod
}

/// Render the templates and merge them into `pod` (metadata + spec).
/// `decoded`: the pod's metadata and spec are decoded already (as
/// [`super::schema::normalize`] leaves them), so decoding them again is skipped.
pub fn inject(inj: &Injector, pod_in: Json, decoded: bool, owner: &Owner) -> Result<Json, String> {
    let original = if decoded {
        let pod = decoded_pod(pod_in);
        if cfg!(debug_assertions) {
            debug_assert_eq!(normalize_pod(pod.clone()).as_ref(), Ok(&pod));
        }
        pod
    } else {
        normalize_pod(pod_in)?
    };
    let mesh = match ann(&original, "proxy.istio.io/config") {
        Some(text) => Cow::Owned(inj.mesh.with_annotation(text)?),
        None => Cow::Borrowed(&inj.mesh),
    };
    validate(&original)?;
    let mut proxy_envs: BTreeMap<String, String> = BTreeMap::new();
    if let Some(c) = inj
        .values
        .at("/global/multiCluster/clusterName")
        .and_then(Json::as_str)
        && !c.is_empty()
    {
        proxy_envs.insert("ISTIO_META_CLUSTER_ID".into(), c.into());
    }
    let mut network = inj
        .values
        .at("/global/network")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(n) = original
        .at("/metadata/labels/topology.istio.io~1network")
        .and_then(Json::as_str)
    {
        network = n.to_string();
    }
    if !network.is_empty() {
        proxy_envs.insert("ISTIO_META_NETWORK".into(), network.clone());
    }
    let original = Arc::new(original);
    // The templates read the pod through lazily built structs sharing it.
    let stripped = match strip_pod(&original, &mesh) {
        Cow::Borrowed(_) => Arc::clone(&original),
        Cow::Owned(pod) => Arc::new(pod),
    };
    let image_type = ann(&original, "sidecar.istio.io/proxyImageType");
    let (data, source) = Data {
        type_meta: (owner.api_version.clone(), owner.kind.clone()),
        deployment_meta: (owner.name.clone(), owner.namespace.clone()),
        pod: stripped,
        mesh: &mesh,
        values: &inj.values_value,
        revision: &inj.revision,
        native_sidecars: inj.native_sidecars,
        proxy_image: image(
            &inj.values,
            mesh.proxy(),
            "/global/proxy/image",
            image_type,
            false,
        ),
        proxy_init_image: image(
            &inj.values,
            mesh.proxy(),
            "/global/proxy_init/image",
            image_type,
            true,
        ),
        compliance_policy: inj.compliance_policy.clone(),
    }
    .to_value();
    let selected: Vec<String> = match ann(&original, TEMPLATES_KEY) {
        Some(list) => list.split(',').map(|s| s.trim().to_string()).collect(),
        None => vec!["sidecar".to_string()],
    };
    let native = match ann(&original, "sidecar.istio.io/nativeSidecar") {
        Some("true") => true,
        Some("false") => false,
        _ => inj.native_sidecars,
    };
    let kind = pod_kind();
    let mut patches = Vec::with_capacity(selected.len());
    let mut shadows = Vec::with_capacity(selected.len());
    let mut outputs = Vec::with_capacity(selected.len());
    for name in &selected {
        let Some(t) = inj.templates.get(name) else {
            let have: Vec<&str> = inj.templates.names().collect();
            return Err(format!(
                "requested template {name:?} not found; have {}",
                have.join(", ")
            ));
        };
        let t = t?;
        let out = t
            .execute_memo(&data, &*source)
            .map_err(|e| format!("failed to run injection template: {e}"))?;
        if let Some(path) = dump_template_path() {
            let _ = std::fs::write(path, &out);
        }
        let (patch, shadow) = parse_patch(&out, true)?;
        patches.push(patch);
        shadows.push(shadow);
        outputs.push(out);
    }
    // The merge decodes only what the templates bring (the pod is decoded
    // already), moving the patches' values into the pod; anything unusual
    // takes the general path (merge, then decode the whole pod) over the
    // template output read again.
    // The templates have run: the pod is no longer shared with their data
    // and is merged into without a copy. The containers no template names
    // are set aside meanwhile (the merge only moves them), so the copy kept
    // for the overrides and the general path is small.
    drop((data, source));
    let mut original = Arc::try_unwrap(original).unwrap_or_else(|shared| (*shared).clone());
    let shades: Vec<Shade<'_>> = shadows
        .iter()
        .zip(&outputs)
        .map(|(shadow, out)| Shade::new(shadow, out))
        .collect();
    let debug_patches = cfg!(debug_assertions).then(|| {
        let full = patches
            .iter()
            .zip(&shades)
            .map(|(patch, shade)| shade.fill_all(patch.clone()));
        (full.collect::<Vec<_>>(), original.clone())
    });
    let aside = Aside::take(&mut original, &patches, &shades);
    let mut kept = original.clone();
    let (template_pod, mut merged) = if let Ok((template_pod, mut merged)) =
        merge_templates_decoded(original, patches, &shades, native, &kind)
    {
        aside.put_back(&mut merged);
        // Debug builds (every upstream golden and differential case)
        // check that the decoded merge is the general path's result
        // (of the template pod, the names the rest reads).
        if let Some((patches, original)) = debug_patches {
            let general = merge_templates(&original, &patches, native, &kind);
            let same = general.as_ref().is_ok_and(|(t, m)| {
                *m == merged && template_lists(t) == template_lists(&template_pod)
            });
            debug_assert!(
                same,
                "decoded merge differs from merge + decode:\n{}\n{}\n{:?}\n{:?}",
                serde_json::to_string(&general.as_ref().map(|p| &p.1)).unwrap_or_default(),
                merged,
                general.as_ref().map(|p| template_lists(&p.0)),
                template_lists(&template_pod),
            );
        }
        (template_pod, merged)
    } else {
        aside.put_back(&mut kept);
        let patches = outputs
            .iter()
            .map(|out| parse_patch(out, false).map(|(patch, _)| patch))
            .collect::<Result<Vec<_>, _>>()?;
        merge_templates(&kept, &patches, native, &kind)?
    };
    reapply_overrides(&mut merged, &kept, &template_pod, &mesh)?;
    post_process(
        &mut merged,
        &template_pod,
        &mesh,
        inj,
        &proxy_envs,
        &network,
    )?;
    // Post-processing writes values in their decoded form already, so the
    // pod is not decoded once more (the stream checks that in debug builds,
    // which every upstream golden and differential case runs through).
    Ok(merged)
}

/// `$MAST_INJECT_DUMP_TEMPLATE` (a debug aid: where each template's
/// output is written), read once.
fn dump_template_path() -> Option<&'static str> {
    static PATH: OnceLock<Option<String>> = OnceLock::new();
    PATH.get_or_init(|| std::env::var("MAST_INJECT_DUMP_TEMPLATE").ok())
        .as_deref()
}

/// A template's output as a patch, with its shadow (where its parts were
/// read from); `lazy` leaves nodes read before out of the patch, in the
/// shadow (read the patch through its [`Shade`]). Go reads it with go-yaml
/// v2: a repeated key keeps its last value (upstream's
/// prometheus-secure-metrics sample).
fn parse_patch(out: &str, lazy: bool) -> Result<(Json, Shadow), String> {
    let (parsed, shadow) = crate::manifest::parse_value_memo(
        out,
        crate::manifest::Limits::default(),
        crate::manifest::DuplicateKeys::LastWins,
        lazy,
    )
    .map_err(|e| {
        format!(
            "failed parsing generated injected YAML (check Istio sidecar injector configuration): line {}: {}",
            e.line, e.message
        )
    })?;
    Ok((parsed.value.unwrap_or(json!({})), shadow))
}

/// With native sidecars, a template that puts `istio-proxy` among the init
/// containers moves the pod's existing `istio-proxy` container there first.
fn move_proxy_to_init(merged: &mut Json, patch: &Json, shade: Shade<'_>) {
    if shade
        .entry(patch, "spec")
        .and_then(|(spec, s)| s.entry(spec, "initContainers"))
        .is_some_and(|(list, s)| {
            list.as_array().is_some_and(|items| {
                items
                    .iter()
                    .enumerate()
                    .any(|(i, c)| item_name(c, s.child(i)) == Some("istio-proxy"))
            })
        })
        && let Some(pos) = names(merged.at("/spec/containers"))
            .iter()
            .position(|n| n == "istio-proxy")
    {
        let c = merged["spec"]["containers"]
            .as_array_mut()
            .expect("containers")
            .remove(pos);
        let spec = merged["spec"].as_object_mut().expect("spec");
        let list = spec.entry("initContainers").or_insert_with(|| json!([]));
        if list.is_null() {
            *list = json!([]);
        }
        list.as_array_mut().expect("initContainers").push(c);
    }
}

/// The templates' patches merged into an empty pod and into `original`
/// (strategic merge), both decoded: the general path.
fn merge_templates(
    original: &Json,
    patches: &[Json],
    native: bool,
    kind: &Kind,
) -> Result<(Json, Json), String> {
    let mut template_pod = json!({});
    let mut merged = original.clone();
    for patch in patches {
        merge_value(&mut template_pod, patch, Some(kind));
        if native {
            move_proxy_to_init(&mut merged, patch, Shade::NONE);
        }
        merge_value(&mut merged, patch, Some(kind));
    }
    let template_pod = normalize_pod(template_pod)?;
    let merged = normalize_pod(merged)
        .map_err(|e| format!("failed parsing generated injected YAML (check Istio sidecar injector configuration): {e}"))?;
    Ok((template_pod, merged))
}

/// The `name` of a list element `c` of a patch read with `shade` (through
/// it: lazy reading may have left the element or its name out).
fn item_name<'p>(c: &'p Json, shade: Shade<'p>) -> Option<&'p str> {
    shade.entry(c, "name")?.0.as_str()
}

/// The lists of the template pod that injection reads (the names in them,
/// see [`template_names`]).
const TEMPLATE_LISTS: [&str; 4] = [
    "containers",
    "initContainers",
    "volumes",
    "imagePullSecrets",
];

fn template_lists(template_pod: &Json) -> Vec<Vec<String>> {
    TEMPLATE_LISTS
        .iter()
        .map(|f| names(template_pod.get("spec").and_then(|s| s.get(f))))
        .collect()
}

/// The templates' patches merged into an empty pod, as far as injection
/// reads that pod: the names in its [`TEMPLATE_LISTS`] (for the status
/// annotation and the custom-injection overrides). Merging only the names
/// gives the same lists as merging and decoding the whole patches, as long
/// as every element has a string name; `None` otherwise.
fn template_names(patches: &[Json], shades: &[Shade<'_>], kind: &Kind) -> Option<Json> {
    let mut pod = json!({});
    for (patch, shade) in patches.iter().zip(shades) {
        if !patch.is_object() {
            return None;
        }
        let (spec, spec_shade) = match shade.entry(patch, "spec") {
            None => continue,
            Some((spec @ Json::Object(_), s)) => (spec, s),
            Some(_) => return None,
        };
        let mut lists = Map::new();
        for field in TEMPLATE_LISTS {
            let projected = match spec_shade.entry(spec, field) {
                None => continue,
                Some((Json::Null, _)) => Json::Null,
                Some((Json::Array(items), s)) => Json::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let name = item_name(c, s.child(i))?;
                            Some(json!({ "name": name }))
                        })
                        .collect::<Option<Vec<Json>>>()?,
                ),
                Some(_) => return None,
            };
            lists.insert(field.to_string(), projected);
        }
        let patch = Json::Object(Map::from_iter([("spec".to_string(), Json::Object(lists))]));
        // Merged into an empty pod, the names (no directives in them) are
        // copied as they are: the usual single template needs no merge.
        if pod.as_object().is_some_and(Map::is_empty) {
            pod = patch;
        } else {
            merge_value(&mut pod, &patch, Some(kind));
        }
    }
    Some(pod)
}

/// [`merge_templates`] decoding only the patches' values, into the
/// original pod; the template pod is merged from the names alone (see
/// [`template_names`]).
fn merge_templates_decoded(
    original: Json,
    patches: Vec<Json>,
    shades: &[Shade<'_>],
    native: bool,
    kind: &Kind,
) -> Result<(Json, Json), Fallback> {
    let template_pod = if let Some(pod) = template_names(&patches, shades, kind) {
        pod
    } else {
        let mut template_pod = super::schema::zero(kind);
        for (patch, shade) in patches.iter().zip(shades) {
            merge_decoded(&mut template_pod, patch.clone(), kind, *shade)?;
        }
        template_pod
    };
    let mut merged = original;
    for (patch, shade) in patches.into_iter().zip(shades) {
        if native {
            move_proxy_to_init(&mut merged, &patch, *shade);
        }
        merge_decoded(&mut merged, patch, kind, *shade)?;
    }
    Ok((template_pod, merged))
}

/// The containers and init containers of a pod that no template names,
/// each replaced by a stand-in holding only its name while the templates
/// are merged in: a strategic merge keeps such list elements as they are
/// (by their names, in their order), and the general path and the custom
/// injection overrides never read them.
struct Aside(Vec<(&'static str, HashMap<String, VecDeque<Json>>)>);

impl Aside {
    const LISTS: [&'static str; 2] = ["containers", "initContainers"];

    /// Set aside the containers of `pod` that `patches` do not name; none
    /// when a patch's lists are not lists of named objects.
    fn take(pod: &mut Json, patches: &[Json], shades: &[Shade<'_>]) -> Aside {
        let mut named = HashSet::new();
        for (patch, shade) in patches.iter().zip(shades) {
            let Some((spec, spec_shade)) = shade.entry(patch, "spec") else {
                continue;
            };
            for field in Self::LISTS {
                let Some((list, list_shade)) = spec_shade.entry(spec, field) else {
                    continue;
                };
                let Some(list) = list.as_array() else {
                    return Aside(Vec::new());
                };
                for (i, c) in list.iter().enumerate() {
                    let Some(name) = item_name(c, list_shade.child(i)) else {
                        return Aside(Vec::new());
                    };
                    named.insert(name);
                }
            }
        }
        let mut aside = Vec::new();
        for field in Self::LISTS {
            let Some(list) = spec_list_mut(pod, field) else {
                continue;
            };
            let mut taken: HashMap<String, VecDeque<Json>> = HashMap::new();
            for c in list {
                if let Some(name) = c.get("name").and_then(Json::as_str)
                    && !named.contains(name)
                {
                    let name = name.to_string();
                    let stand_in = Json::Object(Map::from_iter([(
                        "name".to_string(),
                        Json::String(name.clone()),
                    )]));
                    taken
                        .entry(name)
                        .or_default()
                        .push_back(std::mem::replace(c, stand_in));
                }
            }
            if !taken.is_empty() {
                aside.push((field, taken));
            }
        }
        Aside(aside)
    }

    /// Put the containers set aside back in place of their stand-ins.
    fn put_back(self, pod: &mut Json) {
        for (field, mut taken) in self.0 {
            let Some(list) = spec_list_mut(pod, field) else {
                continue;
            };
            for c in list {
                if let Some(name) = c.get("name").and_then(Json::as_str)
                    && let Some(original) = taken.get_mut(name).and_then(VecDeque::pop_front)
                {
                    *c = original;
                }
            }
        }
    }
}

/// The pod's `spec.<field>` list, if it is one.
fn spec_list_mut<'a>(pod: &'a mut Json, field: &str) -> Option<&'a mut Vec<Json>> {
    pod.get_mut("spec")?.get_mut(field)?.as_array_mut()
}

fn validate(pod: &Json) -> Result<(), String> {
    super::annotations::validate(pod)
}

/// Containers the user defined that the template also defines win over the
/// template's fields ("custom injection").
fn reapply_overrides(
    merged: &mut Json,
    original: &Json,
    template_pod: &Json,
    mesh: &Mesh,
) -> Result<(), String> {
    let status = parse_status(original);
    let already = status.is_some();
    let overrides: Option<Json> =
        ann(original, OVERRIDES_KEY).and_then(|t| serde_json::from_str(t).ok());
    let container_kind = Kind::Struct(
        Schema::get()
            .type_named("corev1.Container")
            .expect("Container"),
    );
    let mut applied: Map<String, Json> = Map::new();
    let mut applied_c = Vec::new();
    let mut applied_i = Vec::new();
    for (field, is_init) in [("containers", false), ("initContainers", true)] {
        // (Every element of the template pod's lists has a name.)
        for name in names(template_pod.get("spec").and_then(|s| s.get(field))) {
            if let Some(st) = &status {
                let list = if is_init { &st.init } else { &st.containers };
                if list.contains(&name) {
                    continue;
                }
            }
            let find = |list: Option<&Json>| -> Option<Json> {
                list.and_then(Json::as_array)?
                    .iter()
                    .find(|c| c.get("name").and_then(Json::as_str) == Some(name.as_str()))
                    .cloned()
            };
            let found = match &overrides {
                Some(ov) => find(ov.get(field)),
                None => None,
            }
            .or_else(|| {
                if is_init {
                    find(original["spec"].get("containers"))
                        .or_else(|| find(original["spec"].get("initContainers")))
                } else {
                    find(original["spec"].get("containers"))
                }
            });
            let Some(mut user) = found else { continue };
            let user =
                normalize_owned(user.take(), &container_kind, "").map_err(|e| e.to_string())?;
            let mut overlay = user.clone();
            if overlay.get("image").and_then(Json::as_str) == Some("auto") {
                overlay
                    .as_object_mut()
                    .expect("container")
                    .shift_remove("image");
            }
            let target_field = if merged["spec"][field].as_array().is_some_and(|l| {
                l.iter()
                    .any(|c| c.get("name").and_then(Json::as_str) == Some(name.as_str()))
            }) {
                field
            } else {
                "initContainers"
            };
            if let Some(list) = merged["spec"]
                .get_mut(target_field)
                .and_then(Json::as_array_mut)
                && let Some(c) = list
                    .iter_mut()
                    .find(|c| c.get("name").and_then(Json::as_str) == Some(name.as_str()))
            {
                merge_value(c, &overlay, Some(&container_kind));
                *c = normalize_owned(c.take(), &container_kind, "").map_err(|e| e.to_string())?;
            }
            adjust_init_user(merged, &user, mesh, original);
            if is_init {
                applied_i.push(overlay);
            } else {
                applied_c.push(overlay);
            }
        }
    }
    if !already && (!applied_c.is_empty() || !applied_i.is_empty()) {
        if !applied_c.is_empty() {
            applied.insert("containers".into(), Json::Array(applied_c));
        }
        if !applied_i.is_empty() {
            applied.insert("initContainers".into(), Json::Array(applied_i));
        }
        set_ann(merged, OVERRIDES_KEY, &Json::Object(applied).to_string());
    }
    Ok(())
}

fn adjust_init_user(merged: &mut Json, user: &Json, mesh: &Mesh, original: &Json) {
    if user.get("name").and_then(Json::as_str) != Some("istio-proxy") {
        return;
    }
    let sc = user.get("securityContext");
    let run_as_user = sc.and_then(|s| s.get("runAsUser")).and_then(Json::as_i64);
    let run_as_group = sc.and_then(|s| s.get("runAsGroup")).and_then(Json::as_i64);
    if run_as_user.is_none() && run_as_group.is_none() {
        return;
    }
    let tproxy = mesh.interception_mode() == "TPROXY"
        || ann(original, "sidecar.istio.io/interceptionMode") == Some("TPROXY");
    for field in ["containers", "initContainers"] {
        let Some(list) = merged["spec"].get_mut(field).and_then(Json::as_array_mut) else {
            continue;
        };
        for c in list.iter_mut() {
            let name = c
                .get("name")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            if name == "istio-proxy" && tproxy && run_as_user.is_some() {
                c["securityContext"]["runAsUser"] = json!(0);
            }
            if name == "istio-validation" && !tproxy {
                if let Some(u) = run_as_user {
                    c["securityContext"]["runAsUser"] = json!(u);
                }
                if let Some(g) = run_as_group {
                    c["securityContext"]["runAsGroup"] = json!(g);
                }
            }
            if (name == "istio-init" || name == "istio-validation")
                && let Some(u) = run_as_user
                && u != 0
                && let Some(args) = c.get_mut("args").and_then(Json::as_array_mut)
                && let Some(pos) = args.iter().position(|a| a == "-u")
                && pos + 1 < args.len()
            {
                args[pos + 1] = Json::String(u.to_string());
            }
        }
    }
}

/// Index of the sidecar container (`istio-proxy`): (field, index).
pub fn find_sidecar(pod: &Json) -> Option<(&'static str, usize)> {
    for field in ["containers", "initContainers"] {
        if let Some(i) = names(pod["spec"].get(field))
            .iter()
            .position(|n| n == "istio-proxy")
        {
            return Some((field, i));
        }
    }
    None
}

fn sidecar_env(pod: &mut Json) -> Option<&mut Vec<Json>> {
    let (field, i) = find_sidecar(pod)?;
    let c = &mut pod["spec"][field][i];
    let obj = c.as_object_mut()?;
    let env = obj.entry("env").or_insert_with(|| json!([]));
    if env.is_null() {
        *env = json!([]);
    }
    env.as_array_mut()
}

fn post_process(
    pod: &mut Json,
    template_pod: &Json,
    mesh: &Mesh,
    inj: &Injector,
    proxy_envs: &BTreeMap<String, String>,
    network: &str,
) -> Result<(), String> {
    // 1. Cluster and network env vars move to the end, sorted.
    if !proxy_envs.is_empty()
        && let Some(env) = sidecar_env(pod)
    {
        env.retain(|e| {
            !e.get("name")
                .and_then(Json::as_str)
                .is_some_and(|n| proxy_envs.contains_key(n))
        });
        for (k, v) in proxy_envs {
            env.push(json!({"name": k, "value": v}));
        }
    }
    // 2. Prometheus merge.
    super::prom::apply_prometheus_merge(pod, mesh)?;
    // 3. Secure metrics port.
    if let Some((field, i)) = find_sidecar(pod) {
        let port = pod["spec"][field][i]
            .get("env")
            .and_then(Json::as_array)
            .and_then(|env| {
                env.iter()
                    .find(|e| {
                        e.get("name").and_then(Json::as_str)
                            == Some("ENVOY_SECURE_MERGED_METRICS_PORT")
                    })
                    .and_then(|e| e.get("value").and_then(Json::as_str).map(str::to_string))
            });
        if let Some(p) = port
            && !p.is_empty()
            && p != "0"
            && ann(pod, "prometheus.istio.io/secure-port").is_none()
        {
            set_ann(pod, "prometheus.istio.io/secure-port", &p);
        }
    }
    // 4. Probe rewrite.
    let default_rewrite = inj
        .values
        .at("/sidecarInjectorWebhook/rewriteAppHTTPProbe")
        .and_then(Json::as_bool)
        .unwrap_or(true);
    probe::apply_rewrite(pod, mesh, default_rewrite);
    // 5. Metadata.
    if !network.is_empty() {
        let meta = pod["metadata"].as_object_mut().expect("metadata");
        let labels = meta.entry("labels").or_insert_with(|| json!({}));
        if labels.is_null() {
            *labels = json!({});
        }
        labels["topology.istio.io/network"] = Json::String(network.to_string());
    }
    let status = status_json(template_pod, &inj.revision);
    set_ann(pod, STATUS_KEY, &status);
    // 6. Container order.
    let hold = mesh.hold_application()
        || inj
            .values
            .at("/global/proxy/holdApplicationUntilProxyStarts")
            .and_then(Json::as_bool)
            .unwrap_or(false);
    reorder(pod, hold);
    Ok(())
}

fn status_json(template_pod: &Json, revision: &str) -> String {
    let rev = if revision.is_empty() {
        "default"
    } else {
        revision
    };
    // The JSON of a map of these keys in this order, written directly.
    let spec = template_pod.get("spec");
    let mut out = String::from("{");
    for field in [
        "initContainers",
        "containers",
        "volumes",
        "imagePullSecrets",
    ] {
        let names: Vec<&str> = spec
            .and_then(|s| s.get(field))
            .and_then(Json::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|c| c.get("name").and_then(Json::as_str))
                    .collect()
            })
            .unwrap_or_default();
        out.push('"');
        out.push_str(field);
        out.push_str("\":");
        if names.is_empty() {
            out.push_str("null");
        } else {
            out.push_str(&serde_json::to_string(&names).expect("strings encode"));
        }
        out.push(',');
    }
    out.push_str("\"revision\":");
    out.push_str(&serde_json::to_string(rev).expect("a string encodes"));
    out.push('}');
    out
}

/// Move the container `name` to the front or the end (of several with that
/// name, the last one stays and the others go).
fn move_to(list: &mut Vec<Json>, name: &str, first: bool) {
    let named = |c: &Json| c.get("name").and_then(Json::as_str) == Some(name);
    let Some(last) = list.iter().rposition(named) else {
        return;
    };
    let c = list.remove(last);
    list.retain(|c| !named(c));
    if first {
        list.insert(0, c);
    } else {
        list.push(c);
    }
}

fn reorder(pod: &mut Json, hold: bool) {
    if let Some(cs) = pod["spec"]
        .get_mut("containers")
        .and_then(Json::as_array_mut)
    {
        move_to(cs, "istio-proxy", hold);
    }
    if let Some(ics) = pod["spec"]
        .get_mut("initContainers")
        .and_then(Json::as_array_mut)
    {
        if ics
            .iter()
            .any(|c| c.get("name").and_then(Json::as_str) == Some("istio-proxy"))
        {
            for n in [
                "enable-core-dump",
                "istio-proxy",
                "istio-validation",
                "istio-init",
            ] {
                move_to(ics, n, true);
            }
        } else {
            move_to(ics, "istio-validation", true);
            move_to(ics, "istio-init", false);
            move_to(ics, "enable-core-dump", false);
        }
    }
}

/// Set a string annotation on a pod JSON (used by other steps).
pub fn set_annotation(pod: &mut Json, key: &str, value: &str) {
    set_ann(pod, key, value);
}

pub fn annotation<'a>(pod: &'a Json, key: &str) -> Option<&'a str> {
    ann(pod, key)
}

pub fn sidecar_env_mut(pod: &mut Json) -> Option<&mut Vec<Json>> {
    sidecar_env(pod)
}

#[cfg(test)]
mod tests {
    use super::validate;
    use serde_json::json;

    fn ranges(key: &str, value: &str) -> Result<(), String> {
        validate(&json!({"metadata": {"annotations": {key: value}}}))
    }

    #[test]
    fn ip_range_annotations_as_istio_reads_them() {
        let inc = "traffic.sidecar.istio.io/includeOutboundIPRanges";
        let exc = "traffic.sidecar.istio.io/excludeOutboundIPRanges";
        for ok in ["", "10.0.0.0/8", "10.0.0.0/8,fd00::/8"] {
            assert_eq!(ranges(inc, ok), Ok(()), "{ok:?}");
            assert_eq!(ranges(exc, ok), Ok(()), "{ok:?}");
        }
        assert_eq!(ranges(inc, "*"), Ok(()));
        assert!(ranges(exc, "*").is_err());
        // Istio splits on "," alone and parses with netip.ParsePrefix.
        for bad in [
            "10.0.0.0/8, 1.2.3.4/32",
            "10.0.0.0/8,",
            "10.0.0.0/08",
            "10.0.0.0",
        ] {
            let e = ranges(exc, bad).unwrap_err();
            assert!(
                e.contains("excludeIPRanges invalid: failed parsing cidr"),
                "{bad:?}: {e}"
            );
        }
    }
}
