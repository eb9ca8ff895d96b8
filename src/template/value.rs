//! Template values: a dynamic value keeping Go's distinctions (int vs float,
//! nil vs absent, maps with sorted keys, struct-like objects with methods).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use foldhash::fast::FixedState;
use indexmap::IndexMap;

use super::funcs::Param;

/// A value seen by templates.
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// An absent value (Go's invalid `reflect.Value`): a missing map key.
    /// Prints as `<no value>`.
    #[default]
    Missing,
    /// Go's untyped `nil` (a JSON `null`). Prints as `<nil>`.
    Nil,
    Bool(bool),
    /// A Go `int`.
    Int(i64),
    /// A Go `float64` (all numbers decoded from JSON or YAML are floats).
    Float(f64),
    String(Arc<str>),
    /// A Go `[]interface{}`.
    List(Arc<Vec<Value>>),
    /// A Go `map[string]T`; ranged over in sorted key order. Shared and
    /// mutable, as Go maps are (sprig's `set` changes it everywhere).
    Map(MapRef),
    /// A Go struct (or pointer to one): fields in declaration order and
    /// zero-argument methods.
    Object(Arc<Object>),
}

/// The element type of a map, which decides what a missing key yields in
/// `index` (Go's zero value of the element type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ElemKind {
    /// `map[string]interface{}`: a missing key gives nil.
    #[default]
    Any,
    /// `map[string]string`: a missing key gives `""`.
    String,
}

/// A Go map with string keys.
#[derive(Clone, Debug, Default)]
pub struct Map {
    pub entries: BTreeMap<String, Value>,
    pub elem: ElemKind,
}

impl Map {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn strings() -> Self {
        Self {
            entries: BTreeMap::new(),
            elem: ElemKind::String,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.get(key)
    }

    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        self.entries.insert(key.into(), value);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The Go type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.elem {
            ElemKind::Any => "map[string]interface {}",
            ElemKind::String => "map[string]string",
        }
    }

    /// The zero value of the element type.
    pub fn zero(&self) -> Value {
        match self.elem {
            ElemKind::Any => Value::Nil,
            ElemKind::String => Value::from(""),
        }
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<T: IntoIterator<Item = (String, Value)>>(iter: T) -> Self {
        Self {
            entries: iter.into_iter().collect(),
            elem: ElemKind::Any,
        }
    }
}

/// A shared, mutable map (Go map semantics).
#[derive(Clone, Debug, Default)]
pub struct MapRef(Arc<RwLock<Map>>);

impl MapRef {
    pub fn new(map: Map) -> Self {
        MapRef(Arc::new(RwLock::new(map)))
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Map> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Map> {
        self.0.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn ptr_eq(&self, other: &MapRef) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// A copy of the entries (so callers may run code that mutates the map).
    pub fn snapshot(&self) -> Vec<(String, Value)> {
        self.read()
            .entries
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.read().entries.get(key).cloned()
    }

    pub fn len(&self) -> usize {
        self.read().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.read().entries.is_empty()
    }
}

/// A struct's fields by Go name, in declaration order (foldhash: injection
/// looks up thousands of struct fields per pod).
pub type Fields = IndexMap<String, Value, FixedState>;

/// Fields built when a template first reads them: a big struct (a pod spec
/// and its containers) costs nothing unless a template looks inside.
pub trait LazyFields: Send + Sync + std::fmt::Debug {
    /// Every field, in declaration order.
    fn fields(&self) -> Fields;
    /// The field `name` alone (the same value `fields` gives it), if there
    /// is one.
    fn field(&self, name: &str) -> Option<Value>;
    /// Every field is read (through [`Object::fields`], built or not): for
    /// implementations that tell the template memo what was read
    /// ([`super::memo::observe`]).
    fn observe_all(&self) {}
}

/// A Go struct value as the template sees it.
#[derive(Clone, Debug, Default)]
pub struct Object {
    /// The Go type name (`v1.Container`), used in messages and `%T`.
    pub type_name: String,
    /// Exported fields (see [`Object::fields`]).
    fields: OnceLock<Fields>,
    /// Where the fields come from when they are not set one by one.
    lazy: Option<Arc<dyn LazyFields>>,
    /// Zero-argument methods and their results (`String`, `GetValue`, ...).
    pub methods: IndexMap<String, Value, FixedState>,
    /// Methods taking arguments (Helm's `.Files.Get "name"`).
    pub calls: IndexMap<String, Method>,
    /// What `fmt` prints for it (a `String()` method), if any.
    pub display: Option<String>,
    /// True for a nil pointer to the struct: fields fail, methods work.
    pub is_nil: bool,
}

/// A Go method that takes arguments: its parameter types (arguments are
/// converted as for functions) and its implementation.
#[derive(Clone)]
pub struct Method {
    pub params: &'static [Param],
    pub imp: Arc<dyn Fn(Vec<Value>) -> Result<Value, String> + Send + Sync>,
}

impl std::fmt::Debug for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Method({:?})", self.params)
    }
}

impl Object {
    pub fn new(type_name: impl Into<String>) -> Self {
        Self {
            type_name: type_name.into(),
            ..Self::default()
        }
    }

    /// With room for `fields` fields.
    pub fn with_capacity(type_name: impl Into<String>, fields: usize) -> Self {
        let mut o = Self::new(type_name);
        o.fields_mut().reserve(fields);
        o
    }

    /// A struct whose fields `lazy` builds when they are first read.
    pub fn lazy(type_name: impl Into<String>, lazy: Arc<dyn LazyFields>) -> Self {
        Self {
            type_name: type_name.into(),
            lazy: Some(lazy),
            ..Self::default()
        }
    }

    /// The exported fields, in declaration order.
    pub fn fields(&self) -> &Fields {
        if let Some(lazy) = &self.lazy {
            lazy.observe_all();
        }
        self.fields
            .get_or_init(|| self.lazy.as_ref().map(|l| l.fields()).unwrap_or_default())
    }

    /// The field `name`, building only that one when the fields are lazy.
    /// A lazy struct is always asked (even when all its fields are built),
    /// so every read reaches it (the template memo's reads).
    pub fn field_value(&self, name: &str) -> Option<Value> {
        match &self.lazy {
            Some(lazy) => lazy.field(name),
            None => self.fields().get(name).cloned(),
        }
    }

    /// The fields, to change: a lazy struct becomes a plain one.
    pub fn fields_mut(&mut self) -> &mut Fields {
        self.fields();
        self.lazy = None;
        self.fields.get_mut().expect("fields built above")
    }

    /// Whether the fields are built lazily (see [`LazyFields`]).
    pub fn is_lazy(&self) -> bool {
        self.lazy.is_some()
    }

    #[must_use]
    pub fn field(mut self, name: &str, value: Value) -> Self {
        self.fields_mut().insert(name.to_string(), value);
        self
    }

    #[must_use]
    pub fn method(mut self, name: &str, value: Value) -> Self {
        self.methods.insert(name.to_string(), value);
        self
    }

    /// Add a method taking arguments.
    #[must_use]
    pub fn call(
        mut self,
        name: &str,
        params: &'static [Param],
        imp: impl Fn(Vec<Value>) -> Result<Value, String> + Send + Sync + 'static,
    ) -> Self {
        self.calls.insert(
            name.to_string(),
            Method {
                params,
                imp: Arc::new(imp),
            },
        );
        self
    }

    #[must_use]
    pub fn display(mut self, text: impl Into<String>) -> Self {
        self.display = Some(text.into());
        self
    }
}

impl Value {
    pub fn string(s: impl Into<Arc<str>>) -> Self {
        Value::String(s.into())
    }

    pub fn list(items: Vec<Value>) -> Self {
        Value::List(Arc::new(items))
    }

    pub fn map(map: Map) -> Self {
        Value::Map(MapRef::new(map))
    }

    pub fn object(obj: Object) -> Self {
        Value::Object(Arc::new(obj))
    }

    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    /// Nil or missing.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Missing | Value::Nil)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The same value for every template: equal scalars and strings,
    /// lists of the same values, the same map or struct (shared), or plain
    /// structs with the same fields. Maps are compared by identity only
    /// (they are mutable), lazy structs likewise (their fields are the
    /// template memo's reads). `false` is always a safe answer.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Missing, Value::Missing) | (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::List(a), Value::List(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y)))
            }
            (Value::Map(a), Value::Map(b)) => a.ptr_eq(b),
            (Value::Object(a), Value::Object(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.lazy.is_none()
                        && b.lazy.is_none()
                        && a.type_name == b.type_name
                        && a.is_nil == b.is_nil
                        && a.display == b.display
                        && a.methods.is_empty()
                        && b.methods.is_empty()
                        && a.calls.is_empty()
                        && b.calls.is_empty()
                        && a.fields().len() == b.fields().len()
                        && a.fields()
                            .iter()
                            .zip(b.fields().iter())
                            .all(|((ka, va), (kb, vb))| ka == kb && va.same(vb)))
            }
            _ => false,
        }
    }

    /// Go's truthiness (`if`, `with`, `and`, `or`, `not`).
    pub fn truthy(&self) -> bool {
        match self {
            Value::Missing | Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Object(o) => !o.is_nil,
        }
    }

    /// The Go type name, for messages and `%T`.
    pub fn type_name(&self) -> String {
        match self {
            Value::Missing | Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float64".into(),
            Value::String(_) => "string".into(),
            Value::List(_) => "[]interface {}".into(),
            Value::Map(m) => m.read().type_name().into(),
            Value::Object(o) => {
                if o.is_nil {
                    format!("*{}", o.type_name)
                } else {
                    o.type_name.clone()
                }
            }
        }
    }

    /// Convert from JSON as Go's `encoding/json` does into `interface{}`:
    /// every number becomes a float64.
    pub fn from_json(v: &serde_json::Value) -> Self {
        Self::from_json_inner(v, false)
    }

    /// Convert from JSON keeping integers as Go ints (for data that comes
    /// from typed Go structs rather than `map[string]interface{}`).
    pub fn from_json_typed(v: &serde_json::Value) -> Self {
        Self::from_json_inner(v, true)
    }

    fn from_json_inner(v: &serde_json::Value, ints: bool) -> Self {
        match v {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => {
                if ints && let Some(i) = n.as_i64() {
                    return Value::Int(i);
                }
                Value::Float(n.as_f64().unwrap_or(0.0))
            }
            serde_json::Value::String(s) => Value::string(s.as_str()),
            serde_json::Value::Array(a) => {
                Value::list(a.iter().map(|x| Self::from_json_inner(x, ints)).collect())
            }
            serde_json::Value::Object(o) => Value::map(
                o.iter()
                    .map(|(k, x)| (k.clone(), Self::from_json_inner(x, ints)))
                    .collect(),
            ),
        }
    }

    /// Convert to JSON (map keys sorted, as Go's `json.Marshal` does for maps;
    /// objects keep field order).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Missing | Value::Nil => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    #[allow(clippy::cast_possible_truncation)]
                    serde_json::Value::from(*f as i64)
                } else {
                    serde_json::Number::from_f64(*f)
                        .map_or(serde_json::Value::Null, serde_json::Value::Number)
                }
            }
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::List(l) => serde_json::Value::Array(l.iter().map(Value::to_json).collect()),
            Value::Map(m) => serde_json::Value::Object(
                m.read()
                    .entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            Value::Object(o) => {
                if o.is_nil {
                    return serde_json::Value::Null;
                }
                serde_json::Value::Object(
                    o.fields()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.to_json()))
                        .collect(),
                )
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Self {
        Value::list(v)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::map(m)
    }
}

impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Self {
        Value::from_json(v)
    }
}
