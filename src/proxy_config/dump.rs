//! The Envoy `/config_dump` model: a thin view over `serde_json::Value`.
//!
//! istioctl parses dumps with protojson, which accepts both Envoy's
//! snake_case field names and lowerCamelCase ones (Istio's own test data mixes
//! the two). Every accessor here therefore looks a field up under its
//! snake_case name first, then under the lowerCamel spelling.

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use std::borrow::Cow;
use std::cell::RefCell;

use serde::Deserialize as _;
use serde_json::Value;

use super::Error;
use super::cluster::ClusterTable;
use super::endpoint::EdsTable;
use super::route::RouteTable;

/// The `@type` prefix of every admin section.
pub const ADMIN_PREFIX: &str = "type.googleapis.com/envoy.admin.v3.";

/// A parsed config dump (or any admin JSON document).
#[derive(Debug, Clone)]
pub struct ConfigDump {
    root: Value,
    /// Sections decoded straight into a table's compact model while parsing
    /// ([`Keep::Model`]); their values in `root` then hold only `@type`.
    models: Models,
}

/// The compact table models a dump was decoded into (the last section of
/// each kind).
#[derive(Debug, Clone, Default)]
pub struct Models {
    clusters: Option<ClusterTable>,
    routes: Option<RouteTable>,
    eds: Option<EdsTable>,
}

/// Which compact model a section is decoded into ([`Keep::Model`]).
#[derive(Debug, Clone, Copy)]
pub enum ModelKind {
    /// `ClustersConfigDump` into a [`ClusterTable`].
    Clusters,
    /// `RoutesConfigDump` into a [`RouteTable`].
    Routes,
    /// `EndpointsConfigDump` into an [`EdsTable`].
    Eds,
}

/// A table's compact model of one kind of section.
pub trait Model: Clone + Default + serde::de::DeserializeOwned {
    /// The section's `@type` after the admin prefix.
    const KIND: &'static str;
    /// The model decoded while parsing, if any.
    fn decoded(models: &Models) -> Option<&Self>;
}

impl Model for ClusterTable {
    const KIND: &'static str = "ClustersConfigDump";
    fn decoded(models: &Models) -> Option<&Self> {
        models.clusters.as_ref()
    }
}

impl Model for RouteTable {
    const KIND: &'static str = "RoutesConfigDump";
    fn decoded(models: &Models) -> Option<&Self> {
        models.routes.as_ref()
    }
}

impl Model for EdsTable {
    const KIND: &'static str = "EndpointsConfigDump";
    fn decoded(models: &Models) -> Option<&Self> {
        models.eds.as_ref()
    }
}

impl ConfigDump {
    /// Parse the bytes of a `/config_dump` response or file.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let root: Value = serde_json::from_slice(bytes).map_err(|e| Error::Parse(e.to_string()))?;
        if !root.is_object() {
            return Err(Error::Parse(format!(
                "expected a JSON object, found {}",
                kind_of(&root)
            )));
        }
        Ok(ConfigDump {
            root,
            models: Models::default(),
        })
    }

    /// Parse only the sections whose `@type` (after the admin prefix) is in
    /// `wanted`; the others are skipped without building values, which
    /// roughly halves time and memory for a single-resource command on a
    /// large dump. A document without a `configs` list is kept whole.
    pub fn parse_sections(bytes: &[u8], wanted: &[&str]) -> Result<Self, Error> {
        Self::parse_view(bytes, wanted, |_| &Keep::All)
    }

    /// Like [`parse_sections`](Self::parse_sections), but only the parts of
    /// each section that `view(kind)` keeps are built (see [`Keep`]); the
    /// rest is checked for syntax and skipped. A section whose `@type` does
    /// not come first is kept whole.
    pub fn parse_view(
        bytes: &[u8],
        wanted: &[&str],
        view: fn(&str) -> &'static Keep,
    ) -> Result<Self, Error> {
        if let Some(dump) = Self::parse_view_parallel(bytes, wanted, view) {
            return Ok(dump);
        }
        Self::parse_view_one_pass(bytes, wanted, view)
    }

    /// [`parse_view`](Self::parse_view) on one thread, in one pass.
    fn parse_view_one_pass(
        bytes: &[u8],
        wanted: &[&str],
        view: fn(&str) -> &'static Keep,
    ) -> Result<Self, Error> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let models = RefCell::new(Models::default());
        let seed = RootSeed {
            wanted,
            view,
            models: &models,
        };
        let root = serde::de::DeserializeSeed::deserialize(seed, &mut de)
            .and_then(|v| de.end().map(|()| v))
            .map_err(|e| Error::Parse(e.to_string()))?;
        Ok(ConfigDump {
            root,
            models: models.into_inner(),
        })
    }

    /// A large dump as Envoy writes it (`{"configs": [...]}`, indented by
    /// one space per level) has its sections parsed on all cores: a raw
    /// newline cannot occur inside a JSON string, so a line `  },` followed
    /// by `  {` is always the boundary between two sections. `None` (and the
    /// one-pass parse, with its exact error) for anything else, including a
    /// section that does not parse.
    fn parse_view_parallel(
        bytes: &[u8],
        wanted: &[&str],
        view: fn(&str) -> &'static Keep,
    ) -> Option<Self> {
        const MIN: usize = 4 << 20;
        const HEAD: &[u8] = b"{\n \"configs\": [\n";
        const SEP: &[u8] = b"\n  },\n  {\n";
        let threads = crate::threads::available();
        if bytes.len() < MIN || threads < 2 {
            return None;
        }
        let body = bytes.strip_prefix(HEAD)?;
        let body = body.strip_suffix(b"\n").unwrap_or(body);
        let body = body.strip_suffix(b"\n ]\n}")?;
        if !body.starts_with(b"  {\n") || !body.ends_with(b"\n  }") {
            return None;
        }
        // Each section's text, `{` to `}`.
        let mut sections = Vec::new();
        let mut start = 2;
        let finder = memchr::memmem::Finder::new(SEP);
        for at in finder.find_iter(body) {
            sections.push(&body[start..at + 4]);
            start = at + SEP.len() - 2;
        }
        sections.push(&body[start..]);
        // The largest sections first, each to the least loaded thread.
        let mut order: Vec<usize> = (0..sections.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sections[i].len()));
        let threads = threads.min(sections.len());
        let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads];
        for i in order {
            let least = shares.iter_mut().min_by_key(|s| s.0)?;
            least.0 += sections[i].len();
            least.1.push(i);
        }
        let parse_one = |text: &[u8]| -> Option<(Option<Value>, Models)> {
            let models = RefCell::new(Models::default());
            let mut de = serde_json::Deserializer::from_slice(text);
            let seed = SectionSeed {
                wanted,
                view,
                models: &models,
            };
            let v = serde::de::DeserializeSeed::deserialize(seed, &mut de).ok()?;
            de.end().ok()?;
            Some((v, models.into_inner()))
        };
        let mut parsed: Vec<Option<(Option<Value>, Models)>> = Vec::new();
        parsed.resize_with(sections.len(), || None);
        std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .map(|(_, ids)| {
                    let sections = &sections;
                    let parse_one = &parse_one;
                    scope.spawn(move || {
                        ids.iter()
                            .map(|&i| (i, parse_one(sections[i])))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                for (i, r) in h.join().ok()? {
                    parsed[i] = r;
                }
            }
            Some(())
        })?;
        // In dump order, as the one-pass parse: the last model of a kind wins.
        let mut configs = Vec::new();
        let mut models = Models::default();
        for section in parsed {
            let (v, m) = section?;
            configs.extend(v);
            models.clusters = m.clusters.or(models.clusters);
            models.routes = m.routes.or(models.routes);
            models.eds = m.eds.or(models.eds);
        }
        let mut root = serde_json::Map::new();
        root.insert("configs".to_string(), Value::Array(configs));
        Some(ConfigDump {
            root: Value::Object(root),
            models,
        })
    }

    /// Wrap an already-parsed value.
    pub fn from_value(root: Value) -> Self {
        ConfigDump {
            root,
            models: Models::default(),
        }
    }

    /// The last section of `T`'s kind as that compact model: the one decoded
    /// while parsing when that section was ([`Keep::Model`]), else decoded
    /// from the section's value. `None` without such a section.
    pub fn model<T: Model>(&self) -> Option<Result<Cow<'_, T>, Error>> {
        let section = self.section(T::KIND)?;
        // A decoded section is left as `{"@type": ...}`; a section that is
        // nothing but its @type was decoded too (its @type came first).
        let placeholder = section.as_object().is_some_and(|o| o.len() == 1);
        if placeholder && let Some(m) = T::decoded(&self.models) {
            return Some(Ok(Cow::Borrowed(m)));
        }
        Some(
            T::deserialize(section)
                .map(Cow::Owned)
                .map_err(|e| Error::Parse(e.to_string())),
        )
    }

    /// The whole document.
    pub fn root(&self) -> &Value {
        &self.root
    }

    fn configs(&self) -> &[Value] {
        field(&self.root, "configs")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// The section with exactly this `@type` (`ClustersConfigDump`, ...); the
    /// last match wins, as in istioctl.
    pub fn section(&self, kind: &str) -> Option<&Value> {
        self.configs().iter().rev().find(|c| is_type(c, kind))
    }

    /// Like [`section`](Self::section), but a missing section is istioctl's
    /// error `config dump has no configuration type ...`.
    pub fn require(&self, kind: &str) -> Result<&Value, Error> {
        self.section(kind).ok_or_else(|| missing(kind))
    }

    /// Like [`model`](Self::model), but a missing section is istioctl's
    /// error, as in [`require`](Self::require).
    pub fn require_model<T: Model>(&self) -> Result<Cow<'_, T>, Error> {
        self.model().unwrap_or_else(|| Err(missing(T::KIND)))
    }

    /// Every section with this `@type`, in dump order (ECDS has several).
    pub fn sections<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.configs().iter().filter(move |c| is_type(c, kind))
    }
}

/// Which parts of a JSON value to build while parsing.
///
/// The summary tables read a handful of fields of each resource; on a large
/// dump most of the bytes are endpoints, transport sockets and filters they
/// never look at. A view names the fields to keep so the rest is skipped
/// instead of being built into [`Value`]s and dropped again.
#[derive(Debug)]
pub enum Keep {
    /// The whole value.
    All,
    /// Only these fields of an object, each with its own view. Names are
    /// snake_case; the lowerCamel spelling matches too, as in [`field`]. A
    /// list is viewed element by element; scalars are kept as they are.
    Fields(&'static [(&'static str, Keep)]),
    /// A whole section decoded into a table's compact model instead of
    /// values (only meaningful for that model's section).
    Model(ModelKind),
}

impl Keep {
    fn field(&self, key: &str) -> Option<&Keep> {
        match self {
            Keep::All | Keep::Model(_) => Some(&Keep::All),
            Keep::Fields(fields) => fields
                .iter()
                .find(|(name, _)| key == *name || is_camel_of(key, name))
                .map(|(_, keep)| keep),
        }
    }
}

/// True when `key` is the lowerCamel spelling of the snake_case `snake`
/// (what [`camel`] would return), without allocating.
fn is_camel_of(key: &str, snake: &str) -> bool {
    let mut key = key.chars();
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
            continue;
        }
        let matched = if upper {
            let mut up = ch.to_uppercase();
            up.all(|u| key.next() == Some(u))
        } else {
            key.next() == Some(ch)
        };
        if !matched {
            return false;
        }
        upper = false;
    }
    key.next().is_none()
}

struct RootSeed<'a> {
    wanted: &'a [&'a str],
    view: fn(&str) -> &'static Keep,
    models: &'a RefCell<Models>,
}

impl<'de> serde::de::DeserializeSeed<'de> for RootSeed<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RootSeed<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "configs" {
                let configs = map.next_value_seed(ConfigsSeed {
                    wanted: self.wanted,
                    view: self.view,
                    models: self.models,
                })?;
                out.insert(key, Value::Array(configs));
            } else {
                out.insert(key, map.next_value::<Value>()?);
            }
        }
        Ok(Value::Object(out))
    }
}

struct ConfigsSeed<'a> {
    wanted: &'a [&'a str],
    view: fn(&str) -> &'static Keep,
    models: &'a RefCell<Models>,
}

impl<'de> serde::de::DeserializeSeed<'de> for ConfigsSeed<'_> {
    type Value = Vec<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<Value>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ConfigsSeed<'_> {
    type Value = Vec<Value>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of config sections")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Value>, A::Error> {
        let mut out = Vec::new();
        while let Some(section) = seq.next_element_seed(SectionSeed {
            wanted: self.wanted,
            view: self.view,
            models: self.models,
        })? {
            if let Some(v) = section {
                out.push(v);
            }
        }
        Ok(out)
    }
}

struct SectionSeed<'a> {
    wanted: &'a [&'a str],
    view: fn(&str) -> &'static Keep,
    models: &'a RefCell<Models>,
}

impl<'de> serde::de::DeserializeSeed<'de> for SectionSeed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for SectionSeed<'_> {
    type Value = Option<Value>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a config section")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Option<Value>, A::Error> {
        let wanted = |t: &str| {
            t.strip_prefix(ADMIN_PREFIX)
                .is_some_and(|k| self.wanted.contains(&k))
        };
        let mut out = serde_json::Map::new();
        let mut keep = &Keep::All;
        let mut first = true;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if first && key == "@type" {
                // Envoy writes @type first: decide before building anything.
                let t: String = map.next_value()?;
                if !wanted(&t) {
                    while map
                        .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                        .is_some()
                    {}
                    return Ok(None);
                }
                keep = t.strip_prefix(ADMIN_PREFIX).map_or(&Keep::All, self.view);
                out.insert(key.into_owned(), Value::String(t));
                if let Keep::Model(kind) = keep {
                    // The rest of the section goes straight into the model.
                    let de = serde::de::value::MapAccessDeserializer::new(map);
                    let m = &mut *self.models.borrow_mut();
                    match kind {
                        ModelKind::Clusters => m.clusters = Some(ClusterTable::deserialize(de)?),
                        ModelKind::Routes => m.routes = Some(RouteTable::deserialize(de)?),
                        ModelKind::Eds => m.eds = Some(EdsTable::deserialize(de)?),
                    }
                    return Ok(Some(Value::Object(out)));
                }
            } else if let Some(k) = keep.field(&key) {
                out.insert(key.into_owned(), map.next_value_seed(ViewSeed(k))?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            first = false;
        }
        let keep = out.get("@type").and_then(Value::as_str).is_none_or(wanted);
        Ok(keep.then_some(Value::Object(out)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Option<Value>, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = seq.next_element::<Value>()? {
            v.push(x);
        }
        Ok(Some(Value::Array(v)))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Option<Value>, E> {
        Ok(Some(Value::String(s.to_string())))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Option<Value>, E> {
        Ok(Some(Value::Bool(b)))
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(n)))
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(n)))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(n)))
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(s.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// An object key and its view when `Keep` keeps that field (`None`, and no
/// allocation, for a skipped one).
struct KeySeed<'k>(&'k Keep);

impl<'de, 'k> serde::de::DeserializeSeed<'de> for KeySeed<'k> {
    type Value = Option<(String, &'k Keep)>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'k> serde::de::Visitor<'_> for KeySeed<'k> {
    type Value = Option<(String, &'k Keep)>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(self.0.field(s).map(|k| (s.to_string(), k)))
    }
}

/// Builds a [`Value`] holding only what a [`Keep`] names.
struct ViewSeed<'k>(&'k Keep);

impl<'de> serde::de::DeserializeSeed<'de> for ViewSeed<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self.0 {
            Keep::All | Keep::Model(_) => serde::Deserialize::deserialize(d),
            Keep::Fields(_) => d.deserialize_any(self),
        }
    }
}

/// Deserialize one value keeping only what `keep` names.
pub fn view_value<'de, D: serde::Deserializer<'de>>(keep: &Keep, d: D) -> Result<Value, D::Error> {
    serde::de::DeserializeSeed::deserialize(ViewSeed(keep), d)
}

impl<'de> serde::de::Visitor<'de> for ViewSeed<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        // Collected first so the map is allocated at its exact size: a
        // large dump holds hundreds of thousands of small kept objects.
        let mut kept = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(self.0))? {
            if let Some((key, k)) = key {
                kept.push((key, map.next_value_seed(ViewSeed(k))?));
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        let mut out = serde_json::Map::with_capacity(kept.len());
        for (key, value) in kept {
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(x) = seq.next_element_seed(ViewSeed(self.0))? {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
}

/// A repeated field for a model: `null` is empty, as in protojson.
pub fn list<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A string field for a model: `null` is empty.
pub fn string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// istioctl's error for a dump without a section of this kind.
fn missing(kind: &str) -> Error {
    Error::Data(format!(
        "config dump has no configuration type {ADMIN_PREFIX}{kind}"
    ))
}

fn is_type(section: &Value, kind: &str) -> bool {
    section
        .get("@type")
        .and_then(Value::as_str)
        .and_then(|t| t.strip_prefix(ADMIN_PREFIX))
        .is_some_and(|t| t == kind)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// lowerCamelCase spelling of a snake_case field name, as protojson derives it.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Look up a proto field by its snake_case name, falling back to lowerCamel.
pub fn field<'a>(v: &'a Value, snake: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    if let Some(x) = obj.get(snake) {
        return Some(x);
    }
    if !snake.as_bytes().contains(&b'_') {
        return None;
    }
    // Field names are short ASCII: spell the lowerCamel form on the stack
    // (this runs for every absent field of every resource in a large dump).
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut upper = false;
    for &b in snake.as_bytes() {
        if b == b'_' {
            upper = true;
            continue;
        }
        if n == buf.len() || !b.is_ascii() {
            return obj.get(&camel(snake));
        }
        buf[n] = if upper { b.to_ascii_uppercase() } else { b };
        upper = false;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok().and_then(|k| obj.get(k))
}

/// Follow a path of snake_case field names.
pub fn path<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    let mut cur = v;
    for k in keys {
        cur = field(cur, k)?;
    }
    Some(cur)
}

/// A string field (`""` when absent or not a string, like a proto getter).
pub fn str_at<'a>(v: &'a Value, keys: &[&str]) -> &'a str {
    path(v, keys).and_then(Value::as_str).unwrap_or("")
}

/// A repeated field (empty when absent).
pub fn arr_at<'a>(v: &'a Value, keys: &[&str]) -> &'a [Value] {
    path(v, keys)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An unsigned integer field; protojson also accepts integers as strings.
pub fn u64_at(v: &Value, keys: &[&str]) -> u64 {
    path(v, keys).map_or(0, as_u64)
}

/// A JSON number or numeric string as u64 (0 otherwise).
pub fn as_u64(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64().unwrap_or(0),
        Value::String(s) => s.parse().unwrap_or(0),
        _ => 0,
    }
}

/// A boolean field (`false` when absent).
pub fn bool_at(v: &Value, keys: &[&str]) -> bool {
    path(v, keys).and_then(Value::as_bool).unwrap_or(false)
}

/// A list of strings (non-strings skipped).
pub fn strings_at<'a>(v: &'a Value, keys: &[&str]) -> Vec<&'a str> {
    arr_at(v, keys).iter().filter_map(Value::as_str).collect()
}

/// An enum field: protojson accepts the name or the number. `names[i]` is
/// the name of value `i`; absent means the proto3 default (index 0).
pub fn enum_at(v: &Value, keys: &[&str], names: &[&'static str]) -> String {
    match path(v, keys) {
        None | Some(Value::Null) => names[0].to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| names.get(i))
            .map_or_else(|| n.to_string(), |s| (*s).to_string()),
        Some(other) => other.to_string(),
    }
}

/// An Envoy `core.v3.Address` rendered the way several tables need it.
pub enum Address<'a> {
    Socket {
        address: &'a str,
        port: u64,
    },
    Pipe(&'a str),
    /// `envoy_internal_address` naming a server listener.
    Internal {
        listener: &'a str,
        endpoint_id: &'a str,
    },
    Unknown,
}

impl<'a> Address<'a> {
    pub fn of(v: Option<&'a Value>) -> Self {
        let Some(v) = v else {
            return Address::Unknown;
        };
        if let Some(s) = field(v, "socket_address") {
            return Address::Socket {
                address: str_at(s, &["address"]),
                port: u64_at(s, &["port_value"]),
            };
        }
        if let Some(p) = field(v, "pipe") {
            return Address::Pipe(str_at(p, &["path"]));
        }
        if let Some(i) = field(v, "envoy_internal_address")
            && let Some(name) = field(i, "server_listener_name").and_then(Value::as_str)
        {
            return Address::Internal {
                listener: name,
                endpoint_id: str_at(i, &["endpoint_id"]),
            };
        }
        Address::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A dump as Envoy writes it (one space per level), over 4 MB.
    fn large_envoy_dump() -> Vec<u8> {
        let t = |k: &str| format!("{ADMIN_PREFIX}{k}");
        let clusters: Vec<Value> = (0..20_000)
            .map(|i| {
                json!({"cluster": {
                    "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster",
                    "name": format!("outbound|80||svc-{i}.ns.svc.cluster.local"),
                    "type": "EDS",
                    "eds_cluster_config": {"service_name": format!("outbound|80||svc-{i}.ns.svc.cluster.local")}
                }, "last_updated": "2026-01-01T00:00:00Z"})
            })
            .collect();
        let dump = json!({"configs": [
            {"@type": t("BootstrapConfigDump"), "bootstrap": {"node": {"id": "sidecar~10.0.0.1~a.ns~ns.svc.cluster.local"}}},
            {"@type": t("ClustersConfigDump"), "version_info": "1", "dynamic_active_clusters": clusters},
            {"@type": t("ListenersConfigDump"), "dynamic_listeners": []},
            {"@type": t("RoutesConfigDump"), "dynamic_route_configs": [{"route_config": {
                "@type": "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
                "name": "80",
                "virtual_hosts": [{"name": "a:80", "domains": ["a"], "routes": [{"match": {"prefix": "/"}, "route": {"cluster": "c"}}]}]
            }}]},
            {"@type": t("SecretsConfigDump")},
            {"@type": t("EndpointsConfigDump"), "dynamic_endpoint_configs": [{"endpoint_config": {
                "@type": "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
                "cluster_name": "outbound|80||svc-1.ns.svc.cluster.local",
                "endpoints": [{"lb_endpoints": [{"endpoint": {"address": {"socket_address": {"address": "10.0.0.1", "port_value": 80}}}}]}]
            }}]}
        ]});
        let mut out = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
        serde::Serialize::serialize(&dump, &mut ser).unwrap();
        out.push(b'\n');
        out
    }

    use crate::proxy_config::ALL_SECTIONS as ALL;

    #[test]
    fn sections_parsed_in_parallel_equal_one_pass() {
        let bytes = large_envoy_dump();
        assert!(bytes.len() > 4 << 20);
        for wanted in [
            ALL,
            &["ClustersConfigDump"][..],
            &["EndpointsConfigDump"][..],
        ] {
            let view = crate::proxy_config::table_view;
            let Some(par) = ConfigDump::parse_view_parallel(&bytes, wanted, view) else {
                // One core: nothing to compare.
                assert!(crate::threads::available() < 2);
                return;
            };
            let one = ConfigDump::parse_view_one_pass(&bytes, wanted, view).unwrap();
            assert_eq!(par.root, one.root);
            assert_eq!(format!("{:?}", par.models), format!("{:?}", one.models));
        }
        // Not Envoy's layout (another indentation), or a section that does
        // not parse: the one-pass parse decides, with its own error.
        let text = String::from_utf8(bytes).unwrap();
        let other = text.replace("\n  },\n  {\n", "\n  }, {\n");
        assert!(
            ConfigDump::parse_view_parallel(other.as_bytes(), ALL, crate::proxy_config::table_view)
                .is_none()
        );
        let broken = text.replacen("\"dynamic_listeners\": []", "\"dynamic_listeners\": [}", 1);
        assert!(
            ConfigDump::parse_view_parallel(
                broken.as_bytes(),
                ALL,
                crate::proxy_config::table_view
            )
            .is_none()
        );
        assert!(
            ConfigDump::parse_view(broken.as_bytes(), ALL, crate::proxy_config::table_view)
                .is_err()
        );
    }

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("dynamic_active_clusters"), "dynamicActiveClusters");
        assert_eq!(camel("name"), "name");
    }

    #[test]
    fn field_accepts_both_spellings() {
        let v = json!({"routeConfig": 1, "route_config_name": "x"});
        assert_eq!(field(&v, "route_config"), Some(&json!(1)));
        assert_eq!(str_at(&v, &["route_config_name"]), "x");
        assert!(field(&v, "missing_key").is_none());
    }

    #[test]
    fn last_section_wins_and_missing_is_an_error() {
        let d = ConfigDump::from_value(json!({"configs": [
            {"@type": "type.googleapis.com/envoy.admin.v3.RoutesConfigDump", "n": 1},
            {"@type": "type.googleapis.com/envoy.admin.v3.ScopedRoutesConfigDump"},
            {"@type": "type.googleapis.com/envoy.admin.v3.RoutesConfigDump", "n": 2}
        ]}));
        assert_eq!(d.section("RoutesConfigDump").unwrap()["n"], 2);
        assert_eq!(d.sections("RoutesConfigDump").count(), 2);
        let err = d.require("ClustersConfigDump").unwrap_err().to_string();
        assert_eq!(
            err,
            "config dump has no configuration type type.googleapis.com/envoy.admin.v3.ClustersConfigDump"
        );
    }

    #[test]
    fn parse_errors() {
        assert!(matches!(
            ConfigDump::parse(b"{\"configs\": ["),
            Err(Error::Parse(_))
        ));
        assert!(matches!(ConfigDump::parse(b"[]"), Err(Error::Parse(_))));
        assert!(ConfigDump::parse(b"{}").is_ok());
    }

    #[test]
    fn selective_parse_keeps_only_wanted_sections() {
        let text = br#"{"configs": [
            {"@type": "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump", "bootstrap": {"x": [1, {"y": 2}]}},
            {"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump", "static_clusters": []},
            {"static_listeners": [], "@type": "type.googleapis.com/envoy.admin.v3.ListenersConfigDump"},
            {"static_route_configs": [], "@type": "type.googleapis.com/envoy.admin.v3.RoutesConfigDump"}
        ]}"#;
        let d =
            ConfigDump::parse_sections(text, &["ClustersConfigDump", "RoutesConfigDump"]).unwrap();
        assert_eq!(d.configs().len(), 2);
        assert!(d.section("ClustersConfigDump").is_some());
        assert!(d.section("RoutesConfigDump").is_some());
        assert!(d.section("BootstrapConfigDump").is_none());
        assert!(matches!(
            ConfigDump::parse_sections(b"{\"configs\": [{\"@type\": 1", &["X"]),
            Err(Error::Parse(_))
        ));
        assert!(matches!(
            ConfigDump::parse_sections(b"{} x", &["X"]),
            Err(Error::Parse(_))
        ));
        assert!(matches!(
            ConfigDump::parse_sections(b"[]", &["X"]),
            Err(Error::Parse(_))
        ));
    }

    #[test]
    fn camel_spellings_match_without_allocating() {
        assert!(is_camel_of(
            "dynamicActiveClusters",
            "dynamic_active_clusters"
        ));
        assert!(is_camel_of("name", "name"));
        assert!(!is_camel_of("dynamicActive", "dynamic_active_clusters"));
        assert!(!is_camel_of(
            "dynamicactiveClusters",
            "dynamic_active_clusters"
        ));
        assert!(!is_camel_of("names", "name"));
    }

    #[test]
    fn views_keep_only_named_fields() {
        const VIEW: Keep = Keep::Fields(&[(
            "dynamic_items",
            Keep::Fields(&[
                ("name", Keep::All),
                ("meta", Keep::Fields(&[("filter_metadata", Keep::All)])),
            ]),
        )]);
        let text = br#"{"configs": [
            {"@type": "type.googleapis.com/envoy.admin.v3.ItemsConfigDump", "version_info": "1",
             "dynamicItems": [
                {"name": "a", "big": {"x": [1, 2, {"y": "\u0041"}]}, "meta": {"filterMetadata": {"k": [1]}, "other": 1}},
                {"na\u006de": "b", "meta": null},
                7
             ]},
            {"@type": "type.googleapis.com/envoy.admin.v3.OtherConfigDump", "x": {"y": 1}},
            {"x": {"y": 1}, "@type": "type.googleapis.com/envoy.admin.v3.ItemsConfigDump"}
        ]}"#;
        let view = |kind: &str| -> &'static Keep {
            if kind == "ItemsConfigDump" {
                &VIEW
            } else {
                &Keep::All
            }
        };
        let d =
            ConfigDump::parse_view(text, &["ItemsConfigDump", "OtherConfigDump"], view).unwrap();
        assert_eq!(
            d.root()["configs"],
            json!([
                {"@type": "type.googleapis.com/envoy.admin.v3.ItemsConfigDump",
                 "dynamicItems": [
                    {"name": "a", "meta": {"filterMetadata": {"k": [1]}}},
                    {"name": "b", "meta": null},
                    7
                 ]},
                {"@type": "type.googleapis.com/envoy.admin.v3.OtherConfigDump", "x": {"y": 1}},
                // @type not first: kept whole.
                {"x": {"y": 1}, "@type": "type.googleapis.com/envoy.admin.v3.ItemsConfigDump"}
            ])
        );
        // Skipped parts are still checked.
        let bad = br#"{"configs": [{"@type": "type.googleapis.com/envoy.admin.v3.ItemsConfigDump",
            "dynamic_items": [{"big": [1, }]}]}"#;
        assert!(matches!(
            ConfigDump::parse_view(bad, &["ItemsConfigDump"], view),
            Err(Error::Parse(_))
        ));
    }

    #[test]
    fn enums_by_name_or_number() {
        let names = ["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"];
        assert_eq!(enum_at(&json!({}), &["type"], &names), "STATIC");
        assert_eq!(enum_at(&json!({"type": 3}), &["type"], &names), "EDS");
        assert_eq!(enum_at(&json!({"type": "EDS"}), &["type"], &names), "EDS");
    }
}
