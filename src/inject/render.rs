//! Rendering the injection templates: the template data (typed pod,
//! proxy and mesh config as the Go structs look to templates, values as
//! `map[string]interface{}`) and the Istio helper functions that need
//! knowledge of those types.

// Template functions share the engine's signature (owned arguments, a
// `Result` even when they cannot fail).
#![allow(
    clippy::unnecessary_wraps,
    clippy::needless_pass_by_value,
    clippy::many_single_char_names
)]

use std::any::Any;
use std::sync::{Arc, OnceLock};

use foldhash::fast::FixedState;
use serde_json::Value as Json;

use super::mesh::Mesh;
use super::schema::{Kind, Schema};
use crate::json_pointer::Pointer as _;
use crate::template::{Fields, Func, FuncSet, LazyFields, Map, Object, Param, State, Value, memo};

/// The hidden method holding a struct's Go JSON encoding (for `structToJSON`
/// and `protoToJSON`).
const JSON_METHOD: &str = "\u{0}json";

/// Convert a JSON value of a typed field into the template's view of the
/// Go value: structs with Go field names, `map[string]string` maps.
pub fn typed(v: &Json, kind: &Kind) -> Value {
    let s = Schema::get();
    match kind {
        Kind::Struct(t) => {
            let def = s.def(*t);
            let empty = serde_json::Map::new();
            let m = v.as_object().unwrap_or(&empty);
            let mut o = Object::with_capacity(short_type(*t), def.fields.len());
            for f in &def.fields {
                let fv = m.get(&f.json).unwrap_or(&Json::Null);
                o.fields_mut().insert(f.go.clone(), typed(fv, &f.kind));
            }
            // Only small leaf structs need their Go JSON (`structToJSON $port`);
            // serializing every subtree would make data building quadratic.
            if def.name == "corev1.ContainerPort" {
                o = o.method(JSON_METHOD, Value::string(v.to_string()));
            }
            Value::object(o)
        }
        Kind::Ptr(inner) => {
            if v.is_null() {
                match &**inner {
                    Kind::Struct(t) => {
                        let mut o = Object::new(short_type(*t));
                        o.is_nil = true;
                        Value::object(o)
                    }
                    _ => Value::Nil,
                }
            } else {
                typed(v, inner)
            }
        }
        Kind::Slice(inner) => match v {
            Json::Array(a) => Value::list(a.iter().map(|x| typed(x, inner)).collect()),
            _ => Value::Nil,
        },
        Kind::Map(inner) => {
            let mut m = if **inner == Kind::String {
                Map::strings()
            } else {
                Map::new()
            };
            if let Json::Object(o) = v {
                for (k, x) in o {
                    m.insert(k.clone(), typed(x, inner));
                }
            }
            Value::map(m)
        }
        Kind::String | Kind::Quantity | Kind::Time => match v {
            Json::String(s) => Value::string(s.as_str()),
            _ => Value::string(""),
        },
        Kind::Bool => Value::Bool(v.as_bool().unwrap_or(false)),
        Kind::Int(_) | Kind::Uint(_) => Value::Int(v.as_i64().unwrap_or(0)),
        Kind::Float => Value::Float(v.as_f64().unwrap_or(0.0)),
        Kind::IntOrString => match v {
            Json::String(s) => Value::string(s.as_str()),
            other => Value::Int(other.as_i64().unwrap_or(0)),
        },
        Kind::Raw | Kind::Bytes => Value::from_json(v),
    }
}

/// One step from a JSON value to a child.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// A struct of the pod the templates see, built when a template reads its
/// fields: the pod (shared by every such struct) and the path to it.
/// Each field is built once, when first read alone or with all the others
/// (a pod's containers are read for their names and ports, never their
/// environment).
#[derive(Debug)]
struct LazyStruct {
    root: Arc<Json>,
    path: Vec<Step>,
    t: usize,
    built: Vec<OnceLock<Value>>,
}

impl LazyStruct {
    /// The field with index `i` of the struct's type.
    fn field_at(&self, i: usize) -> Value {
        self.built[i]
            .get_or_init(|| {
                let mut v = &*self.root;
                for step in &self.path {
                    v = match step {
                        Step::Key(k) => v.get(k),
                        Step::Index(i) => v.get(i),
                    }
                    .unwrap_or(&Json::Null);
                }
                let f = &Schema::get().def(self.t).fields[i];
                let fv = v.get(&f.json).unwrap_or(&Json::Null);
                let mut path = Vec::with_capacity(self.path.len() + 2);
                path.extend_from_slice(&self.path);
                path.push(Step::Key(&f.json));
                typed_at(&self.root, &mut path, fv, &f.kind)
            })
            .clone()
    }
}

impl LazyStruct {
    /// Tell the template memo, when it records, that field `i` was read.
    fn observe(&self, i: usize) {
        if !memo::recording() {
            return;
        }
        let f = &Schema::get().def(self.t).fields[i];
        let v = json_at(&self.root, &self.path)
            .get(&f.json)
            .unwrap_or(&Json::Null);
        memo::observe(Box::new(PodRead {
            path: self.path.clone(),
            field: &f.json,
            kind: &f.kind,
            shape: Shape::of(v, &f.kind),
        }));
    }
}

impl LazyFields for LazyStruct {
    fn fields(&self) -> Fields {
        let def = Schema::get().def(self.t);
        let mut fields = Fields::with_capacity_and_hasher(def.fields.len(), FixedState::default());
        for (i, f) in def.fields.iter().enumerate() {
            fields.insert(f.go.clone(), self.field_at(i));
        }
        fields
    }

    fn field(&self, name: &str) -> Option<Value> {
        let def = Schema::get().def(self.t);
        let i = def.go_field_index(name)?;
        self.observe(i);
        Some(self.field_at(i))
    }

    fn observe_all(&self) {
        for i in 0..self.built.len() {
            self.observe(i);
        }
    }
}

/// The value at `path` in `root` (null where it leads nowhere).
fn json_at<'j>(root: &'j Json, path: &[Step]) -> &'j Json {
    let mut v = root;
    for step in path {
        v = match step {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
        }
        .unwrap_or(&Json::Null);
    }
    v
}

/// What of a pod field's JSON decides the template value [`typed_at`]
/// builds from it, structs built lazily aside (their fields' reads are
/// reported on their own).
#[derive(Debug, PartialEq)]
enum Shape {
    /// A lazily built struct.
    Lazy,
    /// A null pointer.
    Null,
    /// A non-null pointer to this.
    Ptr(Box<Shape>),
    List(Vec<Shape>),
    /// Not a list (a nil slice).
    NotList,
    /// The value itself decides.
    Json(Json),
}

impl Shape {
    /// Mirrors [`typed_at`]: equal shapes give the same template value
    /// (up to the lazy structs' own fields).
    fn of(v: &Json, kind: &Kind) -> Shape {
        match kind {
            Kind::Struct(t) if Schema::get().def(*t).name != "corev1.ContainerPort" => Shape::Lazy,
            Kind::Ptr(_) if v.is_null() => Shape::Null,
            Kind::Ptr(inner) => Shape::Ptr(Box::new(Shape::of(v, inner))),
            Kind::Slice(inner) => match v {
                Json::Array(a) => Shape::List(a.iter().map(|x| Shape::of(x, inner)).collect()),
                _ => Shape::NotList,
            },
            _ => Shape::Json(v.clone()),
        }
    }

    /// `Shape::of(v, kind) == *self`, without building it.
    fn matches(&self, v: &Json, kind: &Kind) -> bool {
        match (kind, self) {
            (Kind::Struct(t), _) if Schema::get().def(*t).name != "corev1.ContainerPort" => {
                matches!(self, Shape::Lazy)
            }
            (Kind::Ptr(_), Shape::Null) => v.is_null(),
            (Kind::Ptr(inner), Shape::Ptr(s)) => !v.is_null() && s.matches(v, inner),
            (Kind::Slice(inner), Shape::List(items)) => match v {
                Json::Array(a) => {
                    a.len() == items.len() && a.iter().zip(items).all(|(x, s)| s.matches(x, inner))
                }
                _ => false,
            },
            (Kind::Slice(_), Shape::NotList) => !v.is_array(),
            (Kind::Ptr(_) | Kind::Slice(_), _) => false,
            (_, Shape::Json(j)) => j == v,
            _ => false,
        }
    }
}

/// A read of field `field` of the pod's struct at `path` (template memo);
/// the field's kind follows from the path (the pod's types are fixed).
struct PodRead {
    path: Vec<Step>,
    field: &'static str,
    kind: &'static Kind,
    shape: Shape,
}

/// The same kind of value for another pod: the memo's [`memo::Check`]s of
/// template data built by [`Data::to_value`] get its [`Source`].
impl memo::Check for PodRead {
    fn holds(&self, source: &dyn Any) -> bool {
        let Some(src) = source.downcast_ref::<Source>() else {
            return false;
        };
        let v = json_at(&src.pod, &self.path)
            .get(self.field)
            .unwrap_or(&Json::Null);
        let same = self.shape.matches(v, self.kind);
        debug_assert_eq!(same, Shape::of(v, self.kind) == self.shape);
        same
    }

    fn same_read(&self, other: &dyn memo::Check) -> bool {
        other
            .as_any()
            .downcast_ref::<PodRead>()
            .is_some_and(|o| o.field == self.field && o.path == self.path)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// [`typed`] of the value `v` at `path` in `root`, with structs (but small
/// leaves) built when first read.
fn typed_at(root: &Arc<Json>, path: &mut Vec<Step>, v: &Json, kind: &'static Kind) -> Value {
    match kind {
        Kind::Struct(t) => lazy_struct(root, path, *t).unwrap_or_else(|| typed(v, kind)),
        Kind::Ptr(inner) if !v.is_null() => typed_at(root, path, v, inner),
        Kind::Slice(inner) => match v {
            Json::Array(a) => Value::list(
                a.iter()
                    .enumerate()
                    .map(|(i, x)| {
                        path.push(Step::Index(i));
                        let item = typed_at(root, path, x, inner);
                        path.pop();
                        item
                    })
                    .collect(),
            ),
            _ => Value::Nil,
        },
        _ => typed(v, kind),
    }
}

/// The struct of type `t` at `path` in `root`, its fields built when first
/// read; `None` for small leaf structs, which [`typed`] builds at once
/// (they carry their Go JSON).
fn lazy_struct(root: &Arc<Json>, path: &[Step], t: usize) -> Option<Value> {
    if Schema::get().def(t).name == "corev1.ContainerPort" {
        return None;
    }
    let lazy = LazyStruct {
        root: Arc::clone(root),
        path: path.to_vec(),
        t,
        built: std::iter::repeat_with(OnceLock::new)
            .take(Schema::get().def(t).fields.len())
            .collect(),
    };
    Some(Value::object(Object::lazy(short_type(t), Arc::new(lazy))))
}

/// The Go type name templates see (`v1.Container`), per schema type.
fn short_type(t: usize) -> String {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        Schema::get()
            .types
            .iter()
            .map(|def| {
                let (pkg, t) = def.name.split_once('.').unwrap_or(("", &def.name));
                let short = if pkg.ends_with("v1") { "v1" } else { pkg };
                format!("{short}.{t}")
            })
            .collect()
    })[t]
        .clone()
}

/// Everything a template sees.
pub struct Data<'a> {
    pub type_meta: (String, String),
    pub deployment_meta: (String, String),
    /// The pod whose metadata and spec the templates see.
    pub pod: Arc<Json>,
    pub mesh: &'a Mesh,
    pub values: &'a Value,
    pub revision: &'a str,
    pub native_sidecars: bool,
    pub proxy_image: String,
    pub proxy_init_image: String,
    pub compliance_policy: String,
}

/// The template data's top-level struct (`inject.SidecarTemplateData`):
/// its fields, built at once, and the pod the lazy ones read. Reads of its
/// fields are reported to the template memo, and it is the memo's source
/// ([`crate::template::Template::execute_memo`]) for the checks of reads
/// of the data.
#[derive(Debug)]
pub struct Source {
    pod: Arc<Json>,
    fields: Fields,
}

/// The fields that are the pod's lazily built structs: the same for every
/// pod, their fields' reads are checked on their own.
const POD_PARTS: [&str; 2] = ["ObjectMeta", "Spec"];

impl Source {
    fn observe(name: &str, v: &Value) {
        if memo::recording() {
            memo::observe(Box::new(RootRead {
                name: name.to_string(),
                value: (!POD_PARTS.contains(&name)).then(|| v.clone()),
            }));
        }
    }
}

impl LazyFields for Source {
    fn fields(&self) -> Fields {
        self.fields.clone()
    }

    fn field(&self, name: &str) -> Option<Value> {
        let v = self.fields.get(name)?;
        Source::observe(name, v);
        Some(v.clone())
    }

    fn observe_all(&self) {
        for (k, v) in &self.fields {
            Source::observe(k, v);
        }
    }
}

/// A read of a top-level field of the template data (`None`: a pod part).
struct RootRead {
    name: String,
    value: Option<Value>,
}

impl memo::Check for RootRead {
    fn holds(&self, source: &dyn Any) -> bool {
        let Some(src) = source.downcast_ref::<Source>() else {
            return false;
        };
        match (&self.value, src.fields.get(&self.name)) {
            (None, Some(_)) => POD_PARTS.contains(&self.name.as_str()),
            (Some(a), Some(b)) => a.same(b),
            _ => false,
        }
    }

    fn same_read(&self, other: &dyn memo::Check) -> bool {
        other
            .as_any()
            .downcast_ref::<RootRead>()
            .is_some_and(|o| o.name == self.name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Data<'_> {
    /// The template data, and its source for
    /// [`crate::template::Template::execute_memo`].
    pub fn to_value(&self) -> (Value, Arc<Source>) {
        let s = Schema::get();
        let meta_type = s.type_named("metav1.ObjectMeta").expect("ObjectMeta");
        let spec_type = s.type_named("corev1.PodSpec").expect("PodSpec");
        let part = |key: &'static str, t: usize| {
            lazy_struct(&self.pod, &[Step::Key(key)], t).expect("not a leaf struct")
        };
        let type_meta = Object::new("v1.TypeMeta")
            .field("Kind", Value::string(self.type_meta.1.as_str()))
            .field("APIVersion", Value::string(self.type_meta.0.as_str()));
        let dep_meta = Object::new("v1.ObjectMeta")
            .field("Name", Value::string(self.deployment_meta.0.as_str()))
            .field("Namespace", Value::string(self.deployment_meta.1.as_str()));
        let (proxy_config, mesh_config) = self.mesh.template_values();
        let mut root = Object::new("inject.SidecarTemplateData")
            .field("TypeMeta", Value::object(type_meta))
            .field("DeploymentMeta", Value::object(dep_meta))
            .field("ObjectMeta", part("metadata", meta_type))
            .field("Spec", part("spec", spec_type))
            .field("ProxyConfig", proxy_config)
            .field("MeshConfig", mesh_config)
            .field("Values", self.values.clone())
            .field("Revision", Value::string(self.revision))
            .field("NativeSidecars", Value::Bool(self.native_sidecars))
            .field("ProxyImage", Value::string(self.proxy_image.as_str()))
            .field(
                "ProxyInitImage",
                Value::string(self.proxy_init_image.as_str()),
            )
            .field("ProxyUID", Value::Int(1337))
            .field("ProxyGID", Value::Int(1337))
            .field(
                "InboundTrafficPolicyMode",
                Value::string(self.mesh.inbound_traffic_policy_mode()),
            )
            .field(
                "CompliancePolicy",
                Value::string(self.compliance_policy.as_str()),
            );
        let source = Arc::new(Source {
            pod: Arc::clone(&self.pod),
            fields: std::mem::take(root.fields_mut()),
        });
        let lazy: Arc<dyn LazyFields> = source.clone();
        let root = Object::lazy(root.type_name, lazy);
        (Value::object(root), source)
    }
}

/// The hidden JSON encoding of a struct built by [`typed`] or the mesh.
pub fn object_json(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o
            .methods
            .get(JSON_METHOD)
            .and_then(|m| m.as_str().map(str::to_string)),
        _ => None,
    }
}

pub fn json_method() -> &'static str {
    JSON_METHOD
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Missing | Value::Nil => String::new(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::manifest::go_format_float(*f),
        Value::Bool(b) => b.to_string(),
        other => other.to_json().to_string(),
    }
}

fn go_sprint(v: &Value) -> String {
    match v {
        Value::Missing | Value::Nil => "<nil>".into(),
        Value::Object(o) => o.display.clone().unwrap_or_default(),
        other => s(other),
    }
}

fn map_get(m: &Value, key: &str) -> Option<Value> {
    match m {
        Value::Map(m) => m.get(key),
        _ => None,
    }
}

fn f_isset(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::Bool(map_get(&a[0], &s(&a[1])).is_some()))
}

fn f_annotation(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let ann = match &a[0] {
        Value::Object(o) => o.field_value("Annotations").unwrap_or(Value::Nil),
        other => other.clone(),
    };
    Ok(match map_get(&ann, &s(&a[1])) {
        Some(v) => v,
        None => Value::string(go_sprint(&a[2])),
    })
}

fn f_value_or_default(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let empty = match &a[0] {
        Value::Missing | Value::Nil => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    };
    Ok(if empty { a[1].clone() } else { a[0].clone() })
}

fn f_exclude_inbound_port(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let port = go_sprint(&a[0]).trim().to_string();
    let list = s(&a[1]);
    if port.is_empty() || port == "0" {
        return Ok(Value::string(list));
    }
    let parts: Vec<&str> = list.split(',').collect();
    if parts.iter().any(|p| p.trim() == port) {
        return Ok(Value::string(list));
    }
    let mut keep: Vec<String> = parts
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    keep.push(port);
    Ok(Value::string(keep.join(",")))
}

fn f_append_multus(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let existing = s(&a[0]);
    let net = s(&a[1]);
    if existing.contains(']') {
        let Ok(parsed) = serde_json::from_str::<Json>(&existing) else {
            return Ok(Value::string(existing));
        };
        let (ns, name) = match net.split_once('/') {
            Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
            None => (None, net.clone()),
        };
        let present = parsed.as_array().is_some_and(|items| {
            items
                .iter()
                .any(|i| i.get("name").and_then(Json::as_str) == Some(name.as_str()))
        });
        if present {
            return Ok(Value::string(existing));
        }
        let idx = existing.rfind(']').unwrap_or(existing.len());
        let entry = match ns {
            Some(ns) => format!(", {{\"name\": \"{name}\", \"namespace\": \"{ns}\"}}"),
            None => format!(", {{\"name\": \"{name}\"}}"),
        };
        return Ok(Value::string(format!(
            "{}{}{}",
            &existing[..idx],
            entry,
            &existing[idx..]
        )));
    }
    if existing.is_empty() {
        return Ok(Value::string(net));
    }
    if existing.split(',').any(|p| p.trim() == net) {
        return Ok(Value::string(existing));
    }
    Ok(Value::string(format!("{existing}, {net}")))
}

fn f_struct_to_json(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(
        object_json(&a[0]).unwrap_or_else(|| a[0].to_json().to_string()),
    ))
}

fn f_proto_to_json(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(
        object_json(&a[0]).unwrap_or_else(|| "{}".into()),
    ))
}

fn f_to_json(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(
        object_json(&a[0]).unwrap_or_else(|| a[0].to_json().to_string()),
    ))
}

fn f_from_json(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(match serde_json::from_str::<Json>(&s(&a[0])) {
        Ok(v) => Value::from_json(&v),
        Err(_) => Value::string("{}"),
    })
}

fn f_indent(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let n = usize::try_from(a[0].to_json().as_i64().unwrap_or(0)).unwrap_or(0);
    let pad = " ".repeat(n);
    let text = s(&a[1]);
    Ok(Value::string(text.replace('\n', &format!("\n{pad}"))))
}

fn f_directory(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let p = s(&a[0]);
    Ok(Value::string(match p.rfind('/') {
        Some(i) => p[..=i].to_string(),
        None => String::new(),
    }))
}

fn f_contains(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::Bool(s(&a[1]).contains(&s(&a[0]))))
}

fn f_to_lower(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(s(&a[0]).to_lowercase()))
}

fn f_to_yaml(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let j = match object_json(&a[0]) {
        Some(t) => serde_json::from_str(&t).unwrap_or(Json::Null),
        None => a[0].to_json(),
    };
    Ok(Value::string(crate::goyaml::to_string(&j)))
}

fn omit_nil(v: &Json) -> Json {
    match v {
        Json::Object(m) => {
            let out: serde_json::Map<String, Json> = m
                .iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| (k.clone(), omit_nil(x)))
                .filter(|(_, x)| !x.is_null())
                .collect();
            if out.is_empty() {
                Json::Null
            } else {
                Json::Object(out)
            }
        }
        Json::Array(a) => {
            let out: Vec<Json> = a
                .iter()
                .filter(|x| !x.is_null())
                .map(omit_nil)
                .filter(|x| !x.is_null())
                .collect();
            if out.is_empty() {
                Json::Null
            } else {
                Json::Array(out)
            }
        }
        other => other.clone(),
    }
}

fn f_omit_nil(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::from_json(&omit_nil(&a[0].to_json())))
}

fn map_str(m: &Value, key: &str) -> Option<String> {
    map_get(m, key).map(|v| s(&v)).filter(|v| !v.is_empty())
}

fn image_tag_digest(image: &str) -> (String, String) {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, d.to_string()),
        None => (image, String::new()),
    };
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    let tag = rest[slash..]
        .split_once(':')
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    (tag, digest)
}

fn f_otel(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    // The mesh config's JSON (serde_json's, which escapes no letter) names
    // the convention in quotes when any provider sets it: read the JSON only
    // then, not for every pod.
    let text = match &a[0] {
        Value::Object(o) => o.methods.get(JSON_METHOD).and_then(|m| m.as_str()),
        _ => None,
    };
    let mesh: Json = text
        .filter(|t| t.contains("\"OTEL_SEMANTIC_CONVENTIONS\""))
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or(Json::Null);
    let enabled = mesh
        .get("extensionProviders")
        .and_then(Json::as_array)
        .is_some_and(|eps| {
            eps.iter().any(|ep| {
                ep.at("/opentelemetry/serviceAttributeEnrichment")
                    .and_then(Json::as_str)
                    == Some("OTEL_SEMANTIC_CONVENTIONS")
            })
        });
    if !enabled {
        return Ok(Value::string(""));
    }
    let (anns, labels, ns) = (&a[1], &a[2], s(&a[3]));
    let containers: Vec<(String, String)> = match &a[4] {
        Value::List(l) => l
            .iter()
            .filter_map(|c| match c {
                Value::Object(o) => Some((
                    o.field_value("Name").as_ref().map(s).unwrap_or_default(),
                    o.field_value("Image").as_ref().map(s).unwrap_or_default(),
                )),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut attrs = Vec::new();
    if let Some(v) = map_str(anns, "resource.opentelemetry.io/service.namespace") {
        attrs.push(format!("service.namespace={v}"));
    } else if !ns.is_empty() {
        attrs.push(format!("service.namespace={ns}"));
    }
    if let Some(v) = map_str(anns, "resource.opentelemetry.io/service.version") {
        attrs.push(format!("service.version={v}"));
    } else if let Some(v) = map_str(labels, "app.kubernetes.io/version") {
        attrs.push(format!("service.version={v}"));
    } else if containers.len() == 1 {
        let (tag, digest) = image_tag_digest(&containers[0].1);
        match (tag.is_empty(), digest.is_empty()) {
            (false, false) => attrs.push(format!("service.version={tag}@{digest}")),
            (true, false) => attrs.push(format!("service.version={digest}")),
            (false, true) => attrs.push(format!("service.version={tag}")),
            (true, true) => {}
        }
    }
    if let Some(v) = map_str(anns, "resource.opentelemetry.io/service.instance.id") {
        attrs.push(format!("service.instance.id={v}"));
    } else if let Some((name, _)) = containers.first() {
        attrs.push(format!("service.instance.id={ns}.$(POD_NAME).{name}"));
    }
    Ok(Value::string(attrs.join(",")))
}

fn f_env(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let v = std::env::var(s(&a[0])).unwrap_or_default();
    Ok(Value::string(if v.is_empty() { s(&a[1]) } else { v }))
}

fn f_format_duration(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(s(&a[0])))
}

fn f_ports_passthrough(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(Value::string(s(&a[a.len() - 1])))
}

fn f_application_ports(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let mut ports = Vec::new();
    if let Value::List(cs) = &a[0] {
        for c in cs.iter() {
            if let Value::Object(o) = c {
                if o.field_value("Name").as_ref().and_then(Value::as_str) == Some("istio-proxy") {
                    continue;
                }
                if let Some(Value::List(ps)) = o.field_value("Ports") {
                    for p in ps.iter() {
                        if let Value::Object(po) = p
                            && let Some(Value::Int(n)) = po.field_value("ContainerPort")
                        {
                            ports.push(n.to_string());
                        }
                    }
                }
            }
        }
    }
    Ok(Value::string(ports.join(",")))
}

fn f_identity(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    Ok(a.into_iter().next().unwrap_or(Value::Nil))
}

fn f_strdict(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let mut m = Map::strings();
    for pair in a.chunks(2) {
        let k = s(&pair[0]);
        let v = pair.get(1).map(s).unwrap_or_default();
        m.insert(k, Value::string(v));
    }
    Ok(Value::map(m))
}

fn f_omit(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let mut it = a.into_iter();
    let base = it.next().unwrap_or(Value::Nil);
    let drop: Vec<String> = it.map(|v| s(&v)).collect();
    let mut m = Map::new();
    if let Value::Map(src) = &base {
        for (k, v) in src.snapshot() {
            if !drop.contains(&k) {
                m.insert(k, v);
            }
        }
    }
    Ok(Value::map(m))
}

fn f_merge_maps(_: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let mut m = Map::new();
    for v in &a {
        if let Value::Map(src) = v {
            for (k, x) in src.snapshot() {
                m.insert(k, x);
            }
        }
    }
    Ok(Value::map(m))
}

static ISTIO_FUNCS: &[Func] = &[
    Func {
        name: "toJsonMap",
        params: &[],
        variadic: Some(Param::Any),
        imp: f_merge_maps,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "strdict",
        params: &[],
        variadic: Some(Param::Any),
        imp: f_strdict,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "omit",
        params: &[Param::Any],
        variadic: Some(Param::Any),
        imp: f_omit,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "mergeMaps",
        params: &[],
        variadic: Some(Param::Any),
        imp: f_merge_maps,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "identity",
        params: &[Param::Any],
        variadic: None,
        imp: f_identity,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "isset",
        params: &[Param::Any, Param::String],
        variadic: None,
        imp: f_isset,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "annotation",
        params: &[Param::Any, Param::String, Param::Any],
        variadic: None,
        imp: f_annotation,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "valueOrDefault",
        params: &[Param::Any, Param::Any],
        variadic: None,
        imp: f_value_or_default,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "excludeInboundPort",
        params: &[Param::Any, Param::String],
        variadic: None,
        imp: f_exclude_inbound_port,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "includeInboundPorts",
        params: &[Param::Any, Param::String],
        variadic: None,
        imp: f_ports_passthrough,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "kubevirtInterfaces",
        params: &[Param::String],
        variadic: None,
        imp: f_ports_passthrough,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "excludeInterfaces",
        params: &[Param::String],
        variadic: None,
        imp: f_ports_passthrough,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "applicationPorts",
        params: &[Param::Any],
        variadic: None,
        imp: f_application_ports,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "appendMultusNetwork",
        params: &[Param::String, Param::String],
        variadic: None,
        imp: f_append_multus,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "structToJSON",
        params: &[Param::Any],
        variadic: None,
        imp: f_struct_to_json,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "protoToJSON",
        params: &[Param::Any],
        variadic: None,
        imp: f_proto_to_json,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "toJSON",
        params: &[Param::Any],
        variadic: None,
        imp: f_to_json,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "fromJSON",
        params: &[Param::String],
        variadic: None,
        imp: f_from_json,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "indent",
        params: &[Param::Any, Param::String],
        variadic: None,
        imp: f_indent,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "directory",
        params: &[Param::String],
        variadic: None,
        imp: f_directory,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "contains",
        params: &[Param::String, Param::String],
        variadic: None,
        imp: f_contains,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "toLower",
        params: &[Param::String],
        variadic: None,
        imp: f_to_lower,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "toYaml",
        params: &[Param::Any],
        variadic: None,
        imp: f_to_yaml,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "omitNil",
        params: &[Param::Any],
        variadic: None,
        imp: f_omit_nil,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "otelResourceAttributes",
        params: &[Param::Any, Param::Any, Param::Any, Param::Any, Param::Any],
        variadic: None,
        imp: f_otel,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "env",
        params: &[Param::String, Param::String],
        variadic: None,
        imp: f_env,
        special: crate::template::funcs::Special::None,
    },
    Func {
        name: "formatDuration",
        params: &[Param::Any],
        variadic: None,
        imp: f_format_duration,
        special: crate::template::funcs::Special::None,
    },
];

/// The functions injection templates see: sprig, the engine's Istio set,
/// and ours for the helpers that need the injection data types.
pub fn funcs() -> FuncSet {
    let mut f = FuncSet::istio();
    let ours_always = [
        "structToJSON",
        "protoToJSON",
        "toJSON",
        "toYaml",
        "annotation",
        "isset",
        "otelResourceAttributes",
        "indent",
        "contains",
        "env",
    ];
    for func in ISTIO_FUNCS {
        if ours_always.contains(&func.name) || !f.contains(func.name) {
            f.insert(func.clone());
        }
    }
    // Read for this: each returns a value of its arguments alone and
    // changes none (`env` reads the environment, `set` changes a map: not
    // here). Templates calling only these are memoized per top-level node.
    f.mark_pure(&[
        "and",
        "or",
        "not",
        "eq",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
        "len",
        "index",
        "print",
        "printf",
        "println",
        "quote",
        "squote",
        "default",
        "empty",
        "coalesce",
        "list",
        "append",
        "join",
        "trunc",
        "trim",
        "trimAll",
        "trimPrefix",
        "trimSuffix",
        "hasPrefix",
        "hasSuffix",
        "lower",
        "upper",
        "replace",
        "nindent",
        "indent",
        "contains",
        "toLower",
        "toYaml",
        "toJSON",
        "toJsonMap",
        "fromJSON",
        "omit",
        "omitNil",
        "annotation",
        "isset",
        "valueOrDefault",
        "excludeInboundPort",
        "appendMultusNetwork",
        "structToJSON",
        "protoToJSON",
        "directory",
        "otelResourceAttributes",
    ]);
    f
}
