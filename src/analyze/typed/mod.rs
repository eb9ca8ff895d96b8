//! Type checking of file documents as istioctl decodes them. istioctl turns
//! each document into its typed object before analysing it: the Istio kinds'
//! `spec` and `status` through the legacy protobuf JSON decoder (unknown
//! fields allowed, numbers may be quoted, enums by name or number), their
//! `metadata` as Kubernetes' `ObjectMeta`. A document that does not decode is
//! reported (`failed parsing JSON for built-in type`) and left out of the
//! analysis; a CI lint must not pass it silently, so mast reports it the same
//! way, naming the field and what was expected.
//!
//! The message and enum tables come from `istio-types.txt`, generated from
//! istio.io/api by `gen/` (protobuf reflection over the client-go scheme).

use std::collections::HashMap as StdHashMap;

/// Maps looked up for every key of every document: foldhash, not SipHash.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::FixedState>;
use std::fmt;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::validate::mesh::decode::go_parse_duration;

mod envoy;
mod k8s;

pub use envoy::{PatchDecode, check_envoy_patch};

const TABLE_TEXT: &str = include_str!("istio-types.txt");

/// A value that does not decode: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// Field path as written in the document (`spec.http[0].timeout`).
    pub path: String,
    pub problem: String,
    /// The decoder's own error text (Istio kinds; empty for the others).
    pub go: String,
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// A scalar (or well-known) type as the decoder reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    Str,
    Bytes,
    Enum(usize),
    Msg(usize),
    Duration,
    Timestamp,
    /// `Struct`, `Empty`, `Any`: a mapping.
    Object,
    /// `ListValue`.
    Array,
    /// `Value`: anything.
    Any,
    /// `google.protobuf.Any`: a mapping whose `@type` names the message of
    /// the rest (resolved in the table's registry, see `envoy.rs`).
    AnyMessage,
}

#[derive(Debug, Clone, Copy)]
enum Card {
    Single,
    List,
    Map(Ty),
}

#[derive(Debug)]
struct FieldDef {
    proto: String,
    json: String,
    card: Card,
    ty: Ty,
}

#[derive(Debug)]
struct Message {
    /// Full name (`envoy.config.cluster.v3.Cluster`).
    name: String,
    /// Its file's package is FROZEN (a deprecated `@type`); Envoy table only.
    frozen: bool,
    fields: Vec<FieldDef>,
    /// Field index by JSON name and by proto name.
    by_key: HashMap<String, usize>,
}

#[derive(Debug)]
struct EnumDef {
    name: String,
    values: Vec<String>,
}

/// An Istio kind's spec and status messages.
type SpecStatus = (usize, usize);

#[derive(Debug, Default)]
struct Table {
    /// kind → API versions with their (spec, status) messages (looked up
    /// for every document, without allocating).
    kinds: HashMap<String, Vec<(String, SpecStatus)>>,
    messages: Vec<Message>,
    enums: Vec<EnumDef>,
    /// Message full name → index.
    by_name: HashMap<String, usize>,
    /// Registered names that are not messages (Envoy table only): enum or
    /// extension, as an `@type` lookup reports them.
    not_messages: HashMap<String, &'static str>,
    /// The message of each EnvoyFilter `applyTo` (Envoy table only).
    roots: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(TABLE_TEXT))
}

/// Parse the Istio and Kubernetes type tables now (a caller with a core to
/// spare warms them while it reads its input; the parsing threads would
/// otherwise wait for the first of them to build them).
pub fn warm() {
    table();
    k8s::warm();
}

/// The well-known types the legacy decoder reads in their own JSON form
/// (`wellKnownType` in jsonpb, `Empty` aside: it is read as a message).
fn special_type(name: &str) -> Option<Ty> {
    Some(match name.strip_prefix("google.protobuf.")? {
        "BoolValue" => Ty::Bool,
        "Int32Value" => Ty::I32,
        "Int64Value" => Ty::I64,
        "UInt32Value" => Ty::U32,
        "UInt64Value" => Ty::U64,
        "FloatValue" => Ty::F32,
        "DoubleValue" => Ty::F64,
        "StringValue" => Ty::Str,
        "BytesValue" => Ty::Bytes,
        "Duration" => Ty::Duration,
        "Timestamp" => Ty::Timestamp,
        "ListValue" => Ty::Array,
        "Value" => Ty::Any,
        "Struct" => Ty::Object,
        "Any" => Ty::AnyMessage,
        _ => return None,
    })
}

fn parse_table(text: &str) -> Table {
    // Names first, so fields can refer to messages and enums defined later.
    let mut msg_ids: HashMap<&str, usize> = HashMap::default();
    let mut enum_ids: HashMap<&str, usize> = HashMap::default();
    let mut enums = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("message ") {
            let n = msg_ids.len();
            msg_ids.insert(rest.trim(), n);
        } else if let Some(rest) = line.strip_prefix("enum ") {
            let mut parts = rest.split_whitespace();
            let name = parts.next().unwrap_or_default();
            enum_ids.insert(name, enums.len());
            enums.push(EnumDef {
                name: name.to_string(),
                values: parts.map(str::to_string).collect(),
            });
        }
    }
    let ty_of = |s: &str| -> Ty {
        if let Some(name) = s.strip_prefix("enum:") {
            return Ty::Enum(enum_ids[name]);
        }
        if let Some(name) = s.strip_prefix("message:") {
            return match special_type(name) {
                Some(ty) => ty,
                None if name.starts_with("google.protobuf.") => Ty::Object,
                None => Ty::Msg(msg_ids[name]),
            };
        }
        match s {
            "bool" => Ty::Bool,
            "int32" => Ty::I32,
            "int64" => Ty::I64,
            "uint32" => Ty::U32,
            "uint64" => Ty::U64,
            "float" => Ty::F32,
            "double" => Ty::F64,
            "string" => Ty::Str,
            "bytes" => Ty::Bytes,
            other => panic!("istio-types.txt: unknown type {other}"),
        }
    };
    let mut t = Table {
        enums,
        by_name: msg_ids
            .iter()
            .map(|(k, v)| ((*k).to_string(), *v))
            .collect(),
        ..Table::default()
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("message ") {
            t.messages.push(Message {
                name: rest.trim().to_string(),
                frozen: false,
                fields: Vec::new(),
                by_key: HashMap::default(),
            });
        } else if let Some(rest) = line.strip_prefix("kind ") {
            let p: Vec<&str> = rest.split_whitespace().collect();
            let [group, version, kind, spec, status] = p[..] else {
                panic!("istio-types.txt: bad kind line {line}");
            };
            t.kinds.entry(kind.to_string()).or_default().push((
                format!("{group}/{version}"),
                (msg_ids[spec], msg_ids[status]),
            ));
        } else if let Some(rest) = line.strip_prefix(' ') {
            let p: Vec<&str> = rest.split_whitespace().collect();
            let [proto, json, card, ty] = p[..] else {
                panic!("istio-types.txt: bad field line {line}");
            };
            let card = match card {
                "s" => Card::Single,
                "l" => Card::List,
                m => Card::Map(ty_of(m.strip_prefix("m:").unwrap_or("string"))),
            };
            let msg = t.messages.last_mut().expect("field before message");
            msg.by_key.insert(proto.to_string(), msg.fields.len());
            msg.by_key.insert(json.to_string(), msg.fields.len());
            msg.fields.push(FieldDef {
                proto: proto.into(),
                json: json.into(),
                card,
                ty: ty_of(ty),
            });
        }
    }
    t
}

/// Whether istioctl decodes documents of this API group, version and kind
/// into an Istio type (and so whether [`check_istio`] applies).
pub fn is_istio_kind(api_version: &str, kind: &str) -> bool {
    messages_of(api_version, kind).is_some()
}

/// The (spec, status) messages of an Istio kind.
fn messages_of(api_version: &str, kind: &str) -> Option<(usize, usize)> {
    table()
        .kinds
        .get(kind)?
        .iter()
        .find(|(av, _)| av == api_version)
        .map(|(_, m)| *m)
}

/// Check a value as the legacy protobuf JSON decoder reads it into message
/// `message` (a full name, e.g. `istio.mesh.v1alpha1.MeshConfig`) from YAML;
/// the error is the decoder's own text.
pub fn check_proto_go(v: &Value, message: &str) -> Result<(), String> {
    let t = table();
    let Some(&m) = t.by_name.get(message) else {
        return Ok(());
    };
    let mut v = v.clone();
    yaml_numbers_as_go(&mut v);
    check_value(&Cx::lenient(t), &v, Ty::Msg(m), &mut String::new()).map_err(|e| e.go)
}

/// Check an Istio object (`metadata`, `spec`, `status`) as istioctl decodes
/// it; `Ok` for kinds it does not decode as Istio types.
pub fn check_istio(api_version: &str, kind: &str, obj: &Value) -> Result<(), TypeError> {
    let t = table();
    let Some((spec, status)) = messages_of(api_version, kind) else {
        return Ok(());
    };
    let Some(obj) = obj.as_object() else {
        return Ok(());
    };
    k8s::check_object_meta(obj)?;
    for (key, msg) in [("spec", spec), ("status", status)] {
        if let Some(v) = obj.get(key).filter(|v| !v.is_null()) {
            let mut path = key.to_string();
            check_value(&Cx::lenient(t), v, Ty::Msg(msg), &mut path)?;
        }
    }
    Ok(())
}

/// Whether istioctl decodes documents of this kind into a typed object
/// (and fails those that do not decode).
pub fn is_decoded(api_version: &str, kind: &str) -> bool {
    is_istio_kind(api_version, kind) || k8s::is_decoded(api_version, kind)
}

/// Check a document as istioctl decodes it before analysis: Istio kinds
/// through the protobuf decoder, the Kubernetes kinds it reads as Go types;
/// `Ok` for kinds it does not decode (it skips them).
pub fn check_document(api_version: &str, kind: &str, obj: &Value) -> Result<(), TypeError> {
    if messages_of(api_version, kind).is_some() {
        check_istio(api_version, kind, obj)
    } else {
        k8s::check(api_version, kind, obj)
    }
}

fn push_index(path: &mut String, i: usize) {
    path.push('[');
    path.push_str(&i.to_string());
    path.push(']');
}

/// What the decoder expected where a value failed.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Value(Ty),
    List,
    Map,
    /// A map key of this (non-string) type.
    Key(Ty),
}

/// How a value is checked: against which table, and whether unknown fields
/// are errors (the strict decoder) or ignored (istioctl's resource decoding).
struct Cx<'a> {
    t: &'a Table,
    strict: bool,
}

impl<'a> Cx<'a> {
    fn lenient(t: &'a Table) -> Self {
        Cx { t, strict: false }
    }
}

/// One value of type `ty` (a singular field, list item or map value).
fn check_value(cx: &Cx, v: &Value, ty: Ty, path: &mut String) -> Result<(), TypeError> {
    let t = cx.t;
    let ok = match ty {
        Ty::Bool => v.is_boolean(),
        Ty::I32 => integer(v, i128::from(i32::MIN), i128::from(i32::MAX)).is_ok(),
        Ty::I64 => integer(v, i128::from(i64::MIN), i128::from(i64::MAX)).is_ok(),
        Ty::U32 => integer(v, 0, i128::from(u32::MAX)).is_ok(),
        Ty::U64 => integer(v, 0, i128::from(u64::MAX)).is_ok(),
        Ty::F32 | Ty::F64 => match v {
            Value::Number(_) => true,
            Value::String(s) => {
                matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity")
                    || number_literal(s.trim()).is_some()
            }
            _ => false,
        },
        Ty::Str => v.is_string(),
        Ty::Bytes => v.as_str().is_some_and(is_base64),
        Ty::Enum(e) => match v {
            Value::String(s) => t.enums[e].values.iter().any(|x| x == s),
            Value::Number(n) => integral(n).is_some_and(|i| i32::try_from(i).is_ok()),
            _ => false,
        },
        Ty::Duration => v.as_str().is_some_and(|s| go_parse_duration(s).is_ok()),
        Ty::Timestamp => v.as_str().is_some_and(is_rfc3339),
        Ty::Object => v.is_object(),
        Ty::Array => v.is_array(),
        Ty::Any => true,
        Ty::Msg(m) => {
            let Some(obj) = v.as_object() else {
                return Err(fail(t, path, v, Expect::Value(ty)));
            };
            return check_message(cx, obj, m, path);
        }
        Ty::AnyMessage => return envoy::check_any(cx, v, path),
    };
    if ok {
        Ok(())
    } else {
        Err(fail(t, path, v, Expect::Value(ty)))
    }
}

/// The error for value `v` at `path`: mast's words and the decoder's.
fn fail(t: &Table, path: &str, v: &Value, expect: Expect) -> TypeError {
    let mut e = match expect {
        Expect::List => mismatch(path, "a list", v),
        Expect::Map => mismatch(path, "a mapping", v),
        Expect::Key(ty) => problem(path, format!("key {} is not {}", show(v), int_name(ty))),
        Expect::Value(ty) => match ty {
            Ty::Bool => mismatch(path, "true or false", v),
            Ty::I32 | Ty::I64 | Ty::U32 | Ty::U64 => {
                let (min, max) = int_range(ty);
                match integer(v, min, max) {
                    Err(Some(_)) => problem(
                        path,
                        format!("{} is out of range for {}", show(v), int_name(ty)),
                    ),
                    _ => mismatch(path, &format!("{} (an integer)", int_name(ty)), v),
                }
            }
            Ty::F32 | Ty::F64 => mismatch(path, "a number", v),
            Ty::Str => mismatch(path, "a string", v),
            Ty::Bytes if v.is_string() => problem(path, format!("{} is not base64 data", show(v))),
            Ty::Bytes => mismatch(path, "base64 data (a string)", v),
            Ty::Enum(e) => problem(
                path,
                format!(
                    "unknown value {} (expected one of {})",
                    show(v),
                    t.enums[e].values.join(", ")
                ),
            ),
            Ty::Duration => match v.as_str().map(go_parse_duration) {
                Some(Err(err)) => problem(path, format!("{} is not a duration ({err})", show(v))),
                _ => mismatch(path, "a duration string such as \"5s\"", v),
            },
            Ty::Timestamp if v.is_string() => {
                problem(path, format!("{} is not an RFC 3339 time", show(v)))
            }
            Ty::Timestamp => mismatch(path, "an RFC 3339 time string", v),
            Ty::Array => mismatch(path, "a list", v),
            Ty::Object | Ty::Msg(_) | Ty::Any | Ty::AnyMessage => mismatch(path, "a mapping", v),
        },
    };
    e.go = go_text(t, v, expect);
    e
}

/// The legacy protobuf JSON decoder's error text for `v` (Go's
/// `encoding/json` words for type errors).
fn go_text(t: &Table, v: &Value, expect: Expect) -> String {
    use super::validate::mesh::decode::{
        go_enum_error, go_integer, go_quote, go_type_error, go_unquote_number,
    };
    let json_map = "map[string]json.RawMessage";
    match expect {
        Expect::List => go_type_error(v, "[]json.RawMessage"),
        Expect::Map => go_type_error(v, json_map),
        Expect::Key(ty) => {
            let (min, max) = int_range(ty);
            match go_unquote_number(&Value::String(v.as_str().unwrap_or_default().to_string())) {
                Err(e) => e,
                Ok(x) => go_integer(&x, go_int_type(ty), min, max)
                    .err()
                    .unwrap_or_default(),
            }
        }
        Expect::Value(ty) => match ty {
            Ty::Bool => go_type_error(v, "bool"),
            Ty::I32 | Ty::I64 | Ty::U32 | Ty::U64 => {
                let (min, max) = int_range(ty);
                match go_unquote_number(v) {
                    Err(e) => e,
                    // A quoted fraction or exponent: Go names the number as
                    // written between the quotes.
                    Ok(_)
                        if v.as_str().is_some_and(|s| {
                            number_literal(s.trim_matches([' ', '\t', '\r', '\n'])) == Some(false)
                        }) =>
                    {
                        let s = v.as_str().unwrap_or_default();
                        format!(
                            "json: cannot unmarshal number {} into Go value of type {}",
                            s.trim_matches([' ', '\t', '\r', '\n']),
                            go_int_type(ty)
                        )
                    }
                    Ok(x) => go_integer(&x, go_int_type(ty), min, max)
                        .err()
                        .unwrap_or_default(),
                }
            }
            Ty::F32 | Ty::F64 => {
                let go = if ty == Ty::F32 { "float32" } else { "float64" };
                match go_unquote_number(v) {
                    Err(e) => e,
                    Ok(x) => go_type_error(&x, go),
                }
            }
            Ty::Str => go_type_error(v, "string"),
            Ty::Bytes => match v.as_str() {
                Some(s) => {
                    use base64::Engine as _;
                    let clean: String = s.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
                    match base64::engine::general_purpose::STANDARD.decode(clean) {
                        Err(base64::DecodeError::InvalidByte(at, _)) => {
                            format!("illegal base64 data at input byte {at}")
                        }
                        _ => format!("illegal base64 data at input byte {}", s.len()),
                    }
                }
                None => go_type_error(v, "[]uint8"),
            },
            Ty::Enum(e) => match v {
                Value::String(s) => go_enum_error(s, &t.enums[e].name),
                _ => go_integer(
                    v,
                    "protoreflect.EnumNumber",
                    i128::from(i32::MIN),
                    i128::from(i32::MAX),
                )
                .err()
                .unwrap_or_default(),
            },
            Ty::Duration => match v.as_str().map(go_parse_duration) {
                Some(Err(e)) => format!("bad Duration: {e}"),
                _ => go_type_error(v, "string"),
            },
            Ty::Timestamp => match v.as_str() {
                Some(s) => format!(
                    "bad Timestamp: parsing time {} as \"2006-01-02T15:04:05.999999999Z07:00\"",
                    go_quote(s)
                ),
                None => go_type_error(v, "string"),
            },
            Ty::Array => format!("bad ListValue: {}", go_type_error(v, "[]json.RawMessage")),
            Ty::Object => format!("bad StructValue: {}", go_type_error(v, json_map)),
            Ty::Msg(_) | Ty::Any | Ty::AnyMessage => go_type_error(v, json_map),
        },
    }
}

fn int_range(ty: Ty) -> (i128, i128) {
    match ty {
        Ty::I32 => (i128::from(i32::MIN), i128::from(i32::MAX)),
        Ty::I64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
        Ty::U32 => (0, i128::from(u32::MAX)),
        _ => (0, i128::from(u64::MAX)),
    }
}

fn int_name(ty: Ty) -> &'static str {
    match ty {
        Ty::I32 => "an int32",
        Ty::I64 => "an int64",
        Ty::U32 => "a uint32",
        Ty::U64 => "a uint64",
        Ty::Bool => "true or false",
        _ => "valid",
    }
}

fn go_int_type(ty: Ty) -> &'static str {
    match ty {
        Ty::I32 => "int32",
        Ty::I64 => "int64",
        Ty::U32 => "uint32",
        _ => "uint64",
    }
}

/// A message's fields. The object's keys are looked up (usually far fewer
/// than the fields declared); when one fails, the fields are checked again
/// in declaration order, the decoder's, for the error it reports first.
/// The strict decoder reports an unknown key after the message's fields
/// (of several, Go's map order picks one; here the first written).
fn check_message(
    cx: &Cx,
    obj: &Map<String, Value>,
    m: usize,
    path: &mut String,
) -> Result<(), TypeError> {
    let t = cx.t;
    let msg = &t.messages[m];
    let start = path.len();
    let mut failed = false;
    for (key, v) in obj {
        let Some(&i) = msg.by_key.get(key) else {
            if cx.strict {
                failed = true;
                break;
            }
            continue;
        };
        let f = &msg.fields[i];
        // A field given under both names is read from its JSON name.
        if *key != f.json && obj.contains_key(&f.json) {
            continue;
        }
        if check_field(cx, f, key, v, path).is_err() {
            failed = true;
            break;
        }
    }
    if !failed {
        return Ok(());
    }
    path.truncate(start);
    for f in &msg.fields {
        let (key, v) = match obj.get_key_value(&f.json) {
            Some(kv) => kv,
            None => match obj.get_key_value(&f.proto) {
                Some(kv) => kv,
                None => continue,
            },
        };
        check_field(cx, f, key, v, path)?;
    }
    if cx.strict
        && let Some(key) = obj.keys().find(|k| !msg.by_key.contains_key(*k))
    {
        return Err(TypeError {
            path: format!("{path}.{key}"),
            problem: format!("unknown field (not in {})", msg.name),
            go: format!(
                "unknown field {} in {}",
                super::validate::mesh::decode::go_quote(key),
                msg.name
            ),
        });
    }
    Ok(())
}

/// One field's value, given under `key`.
fn check_field(
    cx: &Cx,
    f: &FieldDef,
    key: &str,
    v: &Value,
    path: &mut String,
) -> Result<(), TypeError> {
    let t = cx.t;
    if v.is_null() {
        return Ok(());
    }
    {
        let len = path.len();
        path.push('.');
        path.push_str(key);
        match f.card {
            Card::Single => check_value(cx, v, f.ty, path)?,
            Card::List => {
                let Some(items) = v.as_array() else {
                    return Err(fail(t, path, v, Expect::List));
                };
                for (i, item) in items.iter().enumerate() {
                    if item.is_null() {
                        continue;
                    }
                    let l = path.len();
                    push_index(path, i);
                    check_value(cx, item, f.ty, path)?;
                    path.truncate(l);
                }
            }
            Card::Map(key_ty) => {
                let Some(entries) = v.as_object() else {
                    return Err(fail(t, path, v, Expect::Map));
                };
                for (k, x) in entries {
                    let l = path.len();
                    path.push('.');
                    path.push_str(k);
                    if key_ty != Ty::Str {
                        // Non-string keys are read from the key's text.
                        let key = serde_json::from_str::<Value>(k).unwrap_or(Value::Null);
                        if key.is_string() || check_value(cx, &key, key_ty, path).is_err() {
                            return Err(fail(
                                t,
                                path,
                                &Value::String(k.clone()),
                                Expect::Key(key_ty),
                            ));
                        }
                    }
                    if !x.is_null() {
                        check_value(cx, x, f.ty, path)?;
                    }
                    path.truncate(l);
                }
            }
        }
        path.truncate(len);
    }
    Ok(())
}

/// Integers: a JSON number or a quoted integer literal, within range;
/// `Err(Some(n))` when out of range, `Err(None)` when not an integer.
fn integer(v: &Value, min: i128, max: i128) -> Result<(), Option<i128>> {
    let n = match v {
        Value::Number(n) => integral(n),
        Value::String(s) => match number_literal(s.trim()) {
            Some(true) => s.trim().parse::<i128>().ok(),
            _ => None,
        },
        _ => None,
    };
    match n {
        Some(i) if (min..=max).contains(&i) => Ok(()),
        Some(i) => Err(Some(i)),
        None => Err(None),
    }
}

/// The integer a JSON number is; a float is none (written with a fraction
/// or an exponent, which Go's integer decoding refuses; YAML's `2.0` was
/// made an integer by [`yaml_numbers_as_go`]).
fn integral(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Whether istioctl takes a document's text as JSON, as is (it starts with
/// `{`), rather than converting it from YAML.
pub fn is_json_text(text: &str) -> bool {
    let t = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let t = t
        .strip_prefix("---")
        .map_or(t, |rest| rest.trim_start_matches([' ', '\t', '\r', '\n']));
    t.starts_with('{')
}

/// 2^63 and 2^64 as floats.
const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;
const U64_LIMIT: f64 = 18_446_744_073_709_551_616.0;

/// Numbers as Go's YAML-to-JSON step writes them: a float without a
/// fraction (below 1e21) becomes an integer literal, so YAML's `80.0` and
/// `1e3` decode into integer fields.
pub fn yaml_numbers_as_go(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(0.5);
            if f.fract() == 0.0 && f.abs() < 1e21 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                if (-I64_LIMIT..I64_LIMIT).contains(&f) {
                    *v = Value::from(f as i64);
                } else if (0.0..U64_LIMIT).contains(&f) {
                    *v = Value::from(f as u64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(yaml_numbers_as_go),
        Value::Object(m) => m.values_mut().for_each(yaml_numbers_as_go),
        _ => {}
    }
}

/// A JSON number literal: `Some(true)` for an integer, `Some(false)` with a
/// fraction or exponent, `None` when it is not a number.
fn number_literal(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    // The end of the run of digits from `i`, `None` when there is none.
    let digits = |i: usize| {
        let end = i + b[i.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (end > i).then_some(end)
    };
    let mut i = usize::from(b.first() == Some(&b'-'));
    i = match b.get(i) {
        Some(b'0') => i + 1,
        _ => digits(i)?,
    };
    let mut int = true;
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
        int = false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
        int = false;
    }
    (i == b.len()).then_some(int)
}

/// Standard base64 as Go's `encoding/json` reads `[]byte` (line breaks
/// ignored).
fn is_base64(s: &str) -> bool {
    use base64::Engine as _;
    let clean: String = s.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean)
        .is_ok()
}

/// Go's RFC 3339 layout, `2006-01-02T15:04:05Z07:00`, fractional seconds
/// allowed (as Go's parser allows them).
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    let num =
        |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok()).unwrap_or(99);
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        || b[10] != b'T'
        || !(digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19))
    {
        return false;
    }
    let (month, day, hour, min, sec) =
        (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || min > 59 || sec > 59 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

fn problem(path: &str, problem: String) -> TypeError {
    TypeError {
        path: path.to_string(),
        problem,
        go: String::new(),
    }
}

fn mismatch(path: &str, want: &str, got: &Value) -> TypeError {
    problem(path, format!("expected {want}, found {}", describe(got)))
}

/// A value for a message: its JSON type, with short scalars shown.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => format!("the string {}", show(v)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

/// A scalar as written, strings quoted and cut at 60 characters.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() > 60 => {
            let cut: String = s.chars().take(57).collect();
            format!("{:?}", format!("{cut}..."))
        }
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)]
    fn vs(spec: Value) -> Result<(), TypeError> {
        check_istio(
            "networking.istio.io/v1",
            "VirtualService",
            &json!({"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
                    "metadata": {"name": "r"}, "spec": spec}),
        )
    }

    fn err(spec: Value) -> String {
        vs(spec).unwrap_err().to_string()
    }

    #[test]
    fn the_table_knows_every_istio_kind() {
        for (av, k) in [
            ("networking.istio.io/v1", "VirtualService"),
            ("networking.istio.io/v1alpha3", "EnvoyFilter"),
            ("networking.istio.io/v1beta1", "ProxyConfig"),
            ("security.istio.io/v1", "AuthorizationPolicy"),
            ("telemetry.istio.io/v1alpha1", "Telemetry"),
            ("extensions.istio.io/v1alpha1", "WasmPlugin"),
            ("extensions.istio.io/v1alpha1", "TrafficExtension"),
        ] {
            assert!(is_istio_kind(av, k), "{av} {k}");
        }
        assert!(!is_istio_kind("apps/v1", "Deployment"));
        assert!(!is_istio_kind("networking.istio.io/v2", "VirtualService"));
    }

    #[test]
    fn wrong_shapes_are_named_with_their_path() {
        assert_eq!(
            err(json!({"hosts": "reviews"})),
            "spec.hosts: expected a list, found the string \"reviews\""
        );
        assert_eq!(
            err(json!({"http": [{"timeout": 10}]})),
            "spec.http[0].timeout: expected a duration string such as \"5s\", found the number 10"
        );
        assert_eq!(
            err(json!({"http": [{"timeout": "10"}]})),
            "spec.http[0].timeout: \"10\" is not a duration (time: missing unit in duration \"10\")"
        );
        assert_eq!(
            err(
                json!({"http": [{"route": [{"destination": {"host": "a", "port": {"number": "x"}}}]}]})
            ),
            "spec.http[0].route[0].destination.port.number: expected a uint32 (an integer), found the string \"x\""
        );
        assert_eq!(
            err(json!({"http": [{"mirrorPercentage": 50}]})),
            "spec.http[0].mirrorPercentage: expected a mapping, found the number 50"
        );
        assert_eq!(
            err(json!({"http": [{"route": [{"weight": 1.5}]}]})),
            "spec.http[0].route[0].weight: expected an int32 (an integer), found the number 1.5"
        );
    }

    #[test]
    fn the_decoders_leniencies_are_kept() {
        // Quoted numbers, integral floats, enums by number, unknown fields,
        // nulls, proto names.
        let mut spec = json!({"hosts": ["a"], "http": [{"route": [{"weight": "50", "destination": {"host": "a", "port": {"number": 80.0}}}]}]});
        // A float is refused as JSON text, accepted from YAML (Go writes 80).
        assert!(vs(spec.clone()).is_err());
        yaml_numbers_as_go(&mut spec);
        assert!(vs(spec).is_ok());
        assert!(
            vs(json!({"hosts": null, "bogus": {"x": 1}, "export_to": ["."], "http": [null]}))
                .is_ok()
        );
        assert!(vs(json!({"http": [{"retries": {"retryRemoteLocalities": true, "perTryTimeout": "1.5s"}}]})).is_ok());
        let dr = |tls: Value| {
            check_istio(
                "networking.istio.io/v1",
                "DestinationRule",
                &json!({"spec": {"host": "a", "trafficPolicy": {"tls": tls}}}),
            )
        };
        assert!(dr(json!({"mode": "SIMPLE"})).is_ok());
        assert!(dr(json!({"mode": 1})).is_ok());
        assert_eq!(
            dr(json!({"mode": "simple"})).unwrap_err().to_string(),
            "spec.trafficPolicy.tls.mode: unknown value \"simple\" (expected one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL)"
        );
    }

    #[test]
    fn metadata_is_kubernetes_typed() {
        let obj = |meta: Value| {
            check_istio(
                "networking.istio.io/v1",
                "Gateway",
                &json!({"metadata": meta, "spec": {}}),
            )
        };
        assert!(obj(json!({"name": "g", "labels": {"a": "1"}, "creationTimestamp": null})).is_ok());
        assert_eq!(
            obj(json!({"name": "g", "labels": {"version": 1}}))
                .unwrap_err()
                .to_string(),
            "metadata.labels.version: expected a string (quote it), found the number 1"
        );
        assert_eq!(
            obj(json!({"name": 5})).unwrap_err().to_string(),
            "metadata.name: expected a string, found the number 5"
        );
    }

    #[test]
    fn deployments_and_config_maps_are_kubernetes_typed() {
        let dep = |spec: Value| {
            check_document(
                "apps/v1",
                "Deployment",
                &json!({"metadata": {"name": "d"}, "spec": spec}),
            )
        };
        assert!(dep(json!({"replicas": 2, "template": {"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}], "resources": {"limits": {"cpu": "100m", "memory": 128}}}]}}})).is_ok());
        assert_eq!(
            dep(json!({"replicas": "2"})).unwrap_err().to_string(),
            "spec.replicas: expected an int32 (an integer), found the string \"2\""
        );
        assert_eq!(
            dep(json!({"template": {"spec": {"containers": [{"name": "a", "resources": {"limits": {"cpu": "lots"}}}]}}})).unwrap_err().path,
            "spec.template.spec.containers[0].resources.limits.cpu"
        );
        let cm = |data: Value| check_document("v1", "ConfigMap", &json!({"data": data}));
        assert!(cm(json!({"a": "1"})).is_ok());
        assert_eq!(
            cm(json!({"a": 1})).unwrap_err().to_string(),
            "data.a: expected a string (quote it), found the number 1"
        );
        // Kinds istioctl does not decode are not checked.
        assert!(
            check_document(
                "apps/v1",
                "StatefulSet",
                &json!({"spec": {"replicas": "x"}})
            )
            .is_ok()
        );
        assert!(
            check_document("v1", "Service", &json!({"metadata": {"labels": {"a": 1}}})).is_ok()
        );
    }

    #[test]
    fn map_keys_and_values_are_typed() {
        let pa = |spec: Value| {
            check_istio(
                "security.istio.io/v1",
                "PeerAuthentication",
                &json!({"spec": spec}),
            )
        };
        assert!(pa(json!({"portLevelMtls": {"8080": {"mode": "STRICT"}}})).is_ok());
        assert_eq!(
            pa(json!({"portLevelMtls": {"http": {"mode": "STRICT"}}}))
                .unwrap_err()
                .to_string(),
            "spec.portLevelMtls.http: key \"http\" is not a uint32"
        );
        assert_eq!(
            pa(json!({"selector": {"matchLabels": {"version": 2}}}))
                .unwrap_err()
                .to_string(),
            "spec.selector.matchLabels.version: expected a string, found the number 2"
        );
    }

    #[test]
    fn json_text_is_recognized() {
        assert!(is_json_text("{\"a\": 1}"));
        assert!(is_json_text("---\n  {}"));
        assert!(!is_json_text("# c\n{}"));
        assert!(!is_json_text("a: {}"));
        let mut v = json!({"a": [1.0, 1.5, 1e3, -2.0, 1e22]});
        yaml_numbers_as_go(&mut v);
        assert_eq!(v.to_string(), "{\"a\":[1,1.5,1000,-2,1e+22]}");
    }

    #[test]
    fn quoted_fractions_are_named_as_written() {
        let t = table();
        let go = |v: Value| go_text(t, &v, Expect::Value(Ty::U32));
        assert_eq!(
            go(json!("1e3")),
            "json: cannot unmarshal number 1e3 into Go value of type uint32"
        );
        assert_eq!(
            go(json!(" 1.5")),
            "json: cannot unmarshal number 1.5 into Go value of type uint32"
        );
        assert_eq!(
            go(json!("5000000000")),
            "json: cannot unmarshal number 5000000000 into Go value of type uint32"
        );
    }

    #[test]
    fn number_literals_follow_json() {
        assert_eq!(number_literal("10"), Some(true));
        assert_eq!(number_literal("-0"), Some(true));
        assert_eq!(number_literal("1.5"), Some(false));
        assert_eq!(number_literal("1e3"), Some(false));
        assert_eq!(number_literal("05"), None);
        assert_eq!(number_literal("+5"), None);
        assert_eq!(number_literal("abc"), None);
        assert_eq!(number_literal(""), None);
    }

    #[test]
    fn times_are_rfc3339() {
        assert!(is_rfc3339("2024-01-02T03:04:05Z"));
        assert!(is_rfc3339("2024-01-02T03:04:05.123+01:00"));
        assert!(!is_rfc3339("2024-01-02"));
        assert!(!is_rfc3339("2024-13-02T03:04:05Z"));
    }
}
