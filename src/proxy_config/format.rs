//! `-o json` and `-o yaml` in istioctl's shapes.
//!
//! istioctl re-marshals protobuf messages with jsonpb: lowerCamelCase keys,
//! proto field order, no top-level `@type`, then `encoding/json` indents with
//! four spaces and escapes `<`, `>`, `&`. Envoy already emits fields in
//! declaration order, so the transformation on JSON is: rename keys to
//! lowerCamel except inside map and Struct values (whose keys are data, and
//! which jsonpb sorts), and drop the element's own `@type`.
//!
//! YAML is `sigs.k8s.io/yaml.JSONToYAML`: go-yaml v2 output with keys in its
//! natural order, block sequences at the parent's indentation and go-yaml's
//! quoting rules.

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use serde_json::{Map, Value};

use super::dump::camel;

/// Fields whose values are proto maps or `google.protobuf.Struct`s: their
/// keys are kept verbatim (and sorted), and nothing inside a Struct is
/// renamed.
const MAP_FIELDS: &[&str] = &[
    "filter_metadata",
    "filterMetadata",
    "typed_filter_metadata",
    "typedFilterMetadata",
    "typed_per_filter_config",
    "typedPerFilterConfig",
    "key_values",
    "keyValues",
    "metadata_match",
];

fn sorted_verbatim(v: &Value) -> Value {
    match v {
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            let mut m = Map::new();
            for k in keys {
                m.insert(k.clone(), sorted_verbatim(&o[k]));
            }
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted_verbatim).collect()),
        other => other.clone(),
    }
}

/// Is `parent[key]` a `google.protobuf.Struct` (copied verbatim, keys
/// sorted)? Without the proto schemas, tell by context: `metadata` of a
/// Node or a BuildVersion, `value` of a TypedStruct, the deprecated
/// `per_filter_config` map of Structs. (`metadata` elsewhere is
/// core.Metadata or a MetadataTag, which are messages.)
fn is_struct_field(parent: &Map<String, Value>, key: &str) -> bool {
    match key {
        "metadata" => {
            [
                "id",
                "user_agent_name",
                "userAgentName",
                "user_agent_build_version",
                "userAgentBuildVersion",
            ]
            .iter()
            .any(|k| parent.contains_key(*k))
                || parent
                    .get("version")
                    .and_then(Value::as_object)
                    .is_some_and(|v| {
                        v.contains_key("major_number") || v.contains_key("majorNumber")
                    })
        }
        "value" => parent
            .get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.ends_with(".TypedStruct")),
        "per_filter_config" | "perFilterConfig" => true,
        _ => false,
    }
}

/// Convert Envoy's JSON of one message to jsonpb's shape.
pub fn to_jsonpb(v: &Value, top: bool) -> Value {
    match v {
        Value::Object(o) => {
            let mut m = Map::new();
            for (k, x) in o {
                if top && k == "@type" {
                    continue;
                }
                let key = if k.starts_with('@') {
                    k.clone()
                } else {
                    camel(k)
                };
                let val = if MAP_FIELDS.contains(&k.as_str()) {
                    match x {
                        Value::Object(inner) => {
                            let mut keys: Vec<&String> = inner.keys().collect();
                            keys.sort();
                            let mut mm = Map::new();
                            for ik in keys {
                                let iv = &inner[ik];
                                // Values of metadata maps are Structs (verbatim);
                                // typed maps hold Any messages (converted).
                                let conv = if k.contains("typed") || k.contains("Typed") {
                                    to_jsonpb(iv, false)
                                } else {
                                    sorted_verbatim(iv)
                                };
                                mm.insert(ik.clone(), conv);
                            }
                            Value::Object(mm)
                        }
                        other => to_jsonpb(other, false),
                    }
                } else if is_struct_field(o, k) {
                    sorted_verbatim(x)
                } else {
                    to_jsonpb(x, false)
                };
                m.insert(key, val);
            }
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| to_jsonpb(x, false)).collect()),
        other => other.clone(),
    }
}

/// Go's `json.MarshalIndent(v, "", "    ")`: four spaces, `<>&` escaped,
/// `[]`/`{}` for empty containers.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v, 0);
    out
}

fn write_json(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Object(o) if o.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(o) => {
            out.push('{');
            let mut first = true;
            for (k, x) in o {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push('\n');
                indent(out, depth + 1);
                write_json_str(out, k);
                out.push_str(": ");
                write_json(out, x, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            let mut first = true;
            for x in a {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push('\n');
                indent(out, depth + 1);
                write_json(out, x, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::String(s) => write_json_str(out, s),
        other => out.push_str(&other.to_string()),
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = std::fmt::Write::write_fmt(out, format_args!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A list of messages as istioctl prints them with `-o json`
/// (`json.MarshalIndent` of a message slice, then `Fprintln`).
pub fn values_json(items: &[Value]) -> String {
    let arr = Value::Array(items.iter().map(|v| to_jsonpb(v, true)).collect());
    let mut s = go_json(&arr);
    s.push('\n');
    s
}

/// The same list as `-o yaml`.
pub fn values_yaml(items: &[Value]) -> String {
    let arr = Value::Array(items.iter().map(|v| to_jsonpb(v, true)).collect());
    let mut s = go_yaml(&arr);
    s.push('\n');
    s
}

/// Borrowed variant of [`values_json`].
pub fn refs_json(items: &[&Value]) -> String {
    let arr = Value::Array(items.iter().map(|v| to_jsonpb(v, true)).collect());
    let mut s = go_json(&arr);
    s.push('\n');
    s
}

/// Borrowed variant of [`values_yaml`].
pub fn refs_yaml(items: &[&Value]) -> String {
    let arr = Value::Array(items.iter().map(|v| to_jsonpb(v, true)).collect());
    let mut s = go_yaml(&arr);
    s.push('\n');
    s
}

/// The sorted ClusterLoadAssignments with non-matching endpoints removed
/// (`eds -o json`).
pub fn eds_values(dump: &super::ConfigDump, filter: &super::EndpointFilter) -> Vec<Value> {
    super::endpoint::sorted_assignments(dump, filter)
        .into_iter()
        .map(|a| {
            let mut cla = a.value.clone();
            if let Some(Value::Array(groups)) = cla.get_mut("endpoints") {
                for (g, (_, kept)) in groups.iter_mut().zip(a.groups.iter()) {
                    let lb = if g.get("lb_endpoints").is_some() {
                        "lb_endpoints"
                    } else {
                        "lbEndpoints"
                    };
                    if let Some(obj) = g.as_object_mut() {
                        obj.insert(
                            lb.to_string(),
                            Value::Array(kept.iter().map(|v| (*v).clone()).collect()),
                        );
                    }
                }
            }
            cla
        })
        .collect()
}

/// Mark Struct values so the writer can reproduce jsonpb's indentation of
/// them (`protomarshal.ToJSONWithIndent`).
const STRUCT_MARK: &str = "\u{1}struct";

fn mark_structs(v: &Value, parent_key: Option<&str>) -> Value {
    match v {
        Value::Object(o) => {
            let mut m = Map::new();
            for (k, x) in o {
                let conv = if is_struct_field(o, k) {
                    let mut wrapper = Map::new();
                    wrapper.insert(STRUCT_MARK.to_string(), sorted_verbatim(x));
                    Value::Object(wrapper)
                } else if MAP_FIELDS.contains(&k.as_str()) {
                    x.clone()
                } else {
                    mark_structs(x, Some(k))
                };
                m.insert(k.clone(), conv);
            }
            let _ = parent_key;
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| mark_structs(x, parent_key)).collect()),
        other => other.clone(),
    }
}

/// jsonpb with a four-space indent of one message (bootstrap, secrets).
pub fn jsonpb_indent(v: &Value) -> String {
    let converted = to_jsonpb(&mark_structs(v, None), true);
    let mut out = String::new();
    write_json_pb(&mut out, &converted, 0);
    out
}

fn write_json_pb(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key(STRUCT_MARK) => {
            // jsonpb writes a Struct's JSON one level deeper than its key.
            let inner = &o[STRUCT_MARK];
            if inner.as_object().is_some_and(Map::is_empty) {
                out.push_str("{}");
            } else {
                out.push('{');
                let obj = inner.as_object().cloned().unwrap_or_default();
                let mut first = true;
                for (k, x) in &obj {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push('\n');
                    indent(out, depth + 2);
                    write_json_str(out, k);
                    out.push_str(": ");
                    write_json(out, x, depth + 2);
                }
                out.push('\n');
                indent(out, depth + 1);
                out.push('}');
            }
        }
        Value::Object(o) if !o.is_empty() => {
            out.push('{');
            let mut first = true;
            for (k, x) in o {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push('\n');
                indent(out, depth + 1);
                write_json_str(out, k);
                out.push_str(": ");
                write_json_pb(out, x, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('[');
            let mut first = true;
            for x in a {
                if !first {
                    out.push(',');
                }
                first = false;
                out.push('\n');
                indent(out, depth + 1);
                write_json_pb(out, x, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        other => write_json(out, other, depth),
    }
}

/// `bootstrap -o json`: the BootstrapConfigDump through jsonpb.
pub fn bootstrap_json(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let section = dump.require("BootstrapConfigDump")?;
    let mut s = jsonpb_indent(section);
    s.push('\n');
    Ok(s)
}

/// `bootstrap -o yaml`.
pub fn bootstrap_yaml(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let section = dump.require("BootstrapConfigDump")?;
    let mut s = go_yaml(&to_jsonpb(section, true));
    s.push('\n');
    Ok(s)
}

/// `secret -o json`: the SecretsConfigDump through jsonpb.
pub fn secret_json(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let section = dump
        .require("SecretsConfigDump")
        .map_err(|e| super::Error::Data(format!("sidecar doesn't support secrets: {e}")))?;
    let mut s = jsonpb_indent(section);
    s.push('\n');
    Ok(s)
}

/// `secret -o yaml`.
pub fn secret_yaml(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let section = dump
        .require("SecretsConfigDump")
        .map_err(|e| super::Error::Data(format!("sidecar doesn't support secrets: {e}")))?;
    let mut s = go_yaml(&to_jsonpb(section, true));
    s.push('\n');
    Ok(s)
}

fn ecds_value(dump: &super::ConfigDump) -> Result<Value, super::Error> {
    super::bootstrap::ecds_filters(dump)?;
    let mut all = Vec::new();
    for s in dump.sections("EcdsConfigDump") {
        for e in super::dump::arr_at(s, &["ecds_filters"]) {
            all.push(to_jsonpb(e, false));
        }
    }
    let mut m = Map::new();
    m.insert("ecdsFilters".into(), Value::Array(all));
    Ok(Value::Object(m))
}

/// `ecds -o json` (merged over all sections, unsorted).
pub fn ecds_json(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let mut s = go_json(&ecds_value(dump)?);
    s.push('\n');
    Ok(s)
}

/// `ecds -o yaml`.
pub fn ecds_yaml(dump: &super::ConfigDump) -> Result<String, super::Error> {
    let mut s = go_yaml(&ecds_value(dump)?);
    s.push('\n');
    Ok(s)
}

// ---------------------------------------------------------------- YAML

/// go-yaml v2's map key order: letters before other runes, digit runs
/// compared numerically.
pub fn go_yaml_key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an
                .wrapping_mul(10)
                .wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn
                .wrapping_mul(10)
                .wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// `sigs.k8s.io/yaml.JSONToYAML` of a JSON value (no trailing newline
/// beyond the document's own).
pub fn go_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(o) if !o.is_empty() => yaml_map(&mut out, o, 0),
        Value::Array(a) if !a.is_empty() => yaml_seq(&mut out, a, 0),
        other => {
            out.push_str(&yaml_scalar(other, true));
            out.push('\n');
        }
    }
    // go-yaml always ends a document with a newline; drop it so callers
    // control the final newline like istioctl's Fprintln.
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

fn pad(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}

fn yaml_map(out: &mut String, o: &Map<String, Value>, ind: usize) {
    let mut keys: Vec<&String> = o.keys().collect();
    keys.sort_by(|a, b| {
        if go_yaml_key_less(a, b) {
            std::cmp::Ordering::Less
        } else if go_yaml_key_less(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    let mut first = true;
    for k in keys {
        if !first {
            pad(out, ind);
        }
        first = false;
        yaml_entry(out, k, &o[k], ind);
    }
}

fn yaml_entry(out: &mut String, k: &str, v: &Value, ind: usize) {
    out.push_str(&yaml_string(k, true));
    out.push(':');
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            pad(out, ind + 2);
            yaml_map(out, m, ind + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            pad(out, ind);
            yaml_seq(out, a, ind);
        }
        other => {
            out.push(' ');
            out.push_str(&yaml_block_scalar(other, ind));
            out.push('\n');
        }
    }
}

fn yaml_seq(out: &mut String, a: &[Value], ind: usize) {
    let mut first = true;
    for v in a {
        if !first {
            pad(out, ind);
        }
        first = false;
        out.push_str("- ");
        match v {
            Value::Object(m) if !m.is_empty() => yaml_map(out, m, ind + 2),
            Value::Array(inner) if !inner.is_empty() => yaml_seq(out, inner, ind + 2),
            other => {
                out.push_str(&yaml_block_scalar(other, ind + 2));
                out.push('\n');
            }
        }
    }
}

fn yaml_block_scalar(v: &Value, ind: usize) -> String {
    if let Value::String(s) = v
        && s.contains('\n')
    {
        // Literal block style, as go-yaml picks for multi-line strings.
        let chomp = if s.ends_with('\n') {
            if s.ends_with("\n\n") { "+" } else { "" }
        } else {
            "-"
        };
        let lead = if s.starts_with(' ') { "2" } else { "" };
        let mut r = format!("|{lead}{chomp}");
        let body = s.strip_suffix('\n').unwrap_or(s);
        for line in body.split('\n') {
            r.push('\n');
            if !line.is_empty() {
                r.push_str(&" ".repeat(ind + 2));
                r.push_str(line);
            }
        }
        return r;
    }
    yaml_scalar(v, false)
}

fn yaml_scalar(v: &Value, _top: bool) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                // go-yaml formats floats with strconv 'g'-like output.
                if f.fract() == 0.0 && f.abs() < 1e21 {
                    return format!("{f}");
                }
                return format!("{f}");
            }
            n.to_string()
        }
        Value::String(s) => yaml_string(s, false),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

/// Would go-yaml v2 resolve this plain scalar to something other than a
/// string (bool, null, number, timestamp)?
fn resolves_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF", "<<",
    ];
    if s.is_empty() || SPECIAL.contains(&s) {
        return true;
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        let plain = s.replace('_', "");
        if plain.parse::<i64>().is_ok() || plain.parse::<u64>().is_ok() {
            return true;
        }
        if let Some(h) = plain
            .strip_prefix("0x")
            .or_else(|| plain.strip_prefix("-0x"))
            && !h.is_empty()
            && h.chars().all(|c| c.is_ascii_hexdigit())
        {
            return true;
        }
        if let Some(b) = plain
            .strip_prefix("0b")
            .or_else(|| plain.strip_prefix("-0b"))
            && !b.is_empty()
            && b.chars().all(|c| c == '0' || c == '1')
        {
            return true;
        }
        if is_yaml_float(&plain) {
            return true;
        }
        if is_timestamp(s) {
            return true;
        }
        // base 60 floats are quoted as well
        if is_base60(s) {
            return true;
        }
    }
    false
}

fn is_yaml_float(s: &str) -> bool {
    let re = regex::Regex::new(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    re.is_ok_and(|r| r.is_match(s))
}

fn is_base60(s: &str) -> bool {
    let re = regex::Regex::new(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$");
    re.is_ok_and(|r| r.is_match(s))
}

fn is_timestamp(s: &str) -> bool {
    let re = regex::Regex::new(
        r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$",
    );
    re.is_ok_and(|r| r.is_match(s))
}

/// Can this string be written as a plain scalar (go-yaml's emitter analysis)?
fn plain_allowed(s: &str) -> bool {
    if s.is_empty() || s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // "-", "?", ":" are allowed when followed by a non-space, except at
        // the start where go-yaml forbids "- " / "? " / ": ".
        if matches!(first, '-' | '?' | ':') {
            let second = s.chars().nth(1);
            if second.is_none_or(|c| c == ' ') {
                return false;
            }
        } else {
            return false;
        }
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        if c == ':' && next.is_none_or(|n| n == ' ') {
            return false;
        }
        if c == '#' && prev == Some(' ') {
            return false;
        }
        if c == '\t' || (c as u32) < 0x20 || c == '\u{feff}' {
            return false;
        }
        if !c.is_ascii() && (c as u32) > 0x7e && is_special_unicode(c) {
            return false;
        }
    }
    true
}

fn is_special_unicode(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn yaml_string(s: &str, _key: bool) -> String {
    if resolves_non_string(s) {
        return double_quoted(s);
    }
    if plain_allowed(s) {
        return s.to_string();
    }
    if s.chars().all(|c| c == '\n' || !c.is_control()) && !s.contains('\n') {
        return format!("'{}'", s.replace('\'', "''"));
    }
    double_quoted(s)
}

fn double_quoted(s: &str) -> String {
    let mut r = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => r.push_str("\\\""),
            '\\' => r.push_str("\\\\"),
            '\n' => r.push_str("\\n"),
            '\t' => r.push_str("\\t"),
            '\r' => r.push_str("\\r"),
            c if c.is_control() => {
                let _ = std::fmt::Write::write_fmt(&mut r, format_args!("\\x{:02X}", c as u32));
            }
            c => r.push(c),
        }
    }
    r.push('"');
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn jsonpb_renames_but_keeps_map_keys() {
        let v = json!({"@type": "t", "cluster_name": "c", "metadata": {"filter_metadata": {"istio": {"b_x": 1, "a_y": 2}}}});
        let out = to_jsonpb(&v, true);
        assert_eq!(
            out,
            json!({"clusterName": "c", "metadata": {"filterMetadata": {"istio": {"a_y": 2, "b_x": 1}}}})
        );
        assert_eq!(
            go_json(&json!({"a": "<&>", "b": [], "c": {}})),
            "{\n    \"a\": \"\\u003c\\u0026\\u003e\",\n    \"b\": [],\n    \"c\": {}\n}"
        );
    }

    #[test]
    fn yaml_quoting() {
        assert_eq!(yaml_string("@type", false), "'@type'");
        assert_eq!(yaml_string("1605", false), "\"1605\"");
        assert_eq!(
            yaml_string("2022-12-08T11:03:53.361Z", false),
            "\"2022-12-08T11:03:53.361Z\""
        );
        assert_eq!(
            yaml_string("2022-12-08T09:07:09Z/10", false),
            "2022-12-08T09:07:09Z/10"
        );
        assert_eq!(yaml_string("", false), "\"\"");
        assert_eq!(yaml_string("{\"a\":1}", false), "'{\"a\":1}'");
        assert_eq!(yaml_string("true", false), "\"true\"");
    }

    #[test]
    fn yaml_layout() {
        let v = json!({"b": [{"x": 1, "y": {}}], "a": "s"});
        assert_eq!(go_yaml(&v), "a: s\nb:\n- x: 1\n  \"y\": {}");
        assert!(go_yaml_key_less("a2", "a10"));
        assert!(!go_yaml_key_less("abc", "a_c"));
    }
}
