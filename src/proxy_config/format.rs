//! `-o json` and `-o yaml` in istioctl's shapes.
//!
//! istioctl re-marshals protobuf messages with jsonpb: lowerCamelCase keys,
//! proto field order, no top-level `@type`, then `encoding/json` indents with
//! four spaces and escapes `<`, `>`, `&`. Envoy already emits fields in
//! declaration order, so the transformation on JSON is: rename keys to
//! lowerCamel except inside map and Struct values (whose keys are data, and
//! which jsonpb sorts), and drop the element's own `@type`.
//!
//! YAML is `sigs.k8s.io/yaml.JSONToYAML` of that JSON, written by mast's one
//! go-yaml v2 emitter ([`crate::goyaml`]).

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use serde_json::{Map, Value};

use super::dump::camel;
use crate::goyaml;

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
    refs_json(&items.iter().collect::<Vec<_>>())
}

/// The same list as `-o yaml`.
pub fn values_yaml(items: &[Value]) -> String {
    refs_yaml(&items.iter().collect::<Vec<_>>())
}

/// istioctl's `fmt.Fprintln(out, string(yaml))` of `sigs.k8s.io/yaml`
/// output: go-yaml's final newline, then `Println`'s (a blank last line).
pub fn println_yaml(v: &Value) -> String {
    let mut s = goyaml::to_string(v);
    s.push('\n');
    s
}

/// The messages in jsonpb's shape, as one array.
fn jsonpb_array(items: &[&Value]) -> Value {
    Value::Array(items.iter().map(|v| to_jsonpb(v, true)).collect())
}

/// Borrowed variant of [`values_json`].
pub fn refs_json(items: &[&Value]) -> String {
    let mut s = go_json(&jsonpb_array(items));
    s.push('\n');
    s
}

/// Borrowed variant of [`values_yaml`].
pub fn refs_yaml(items: &[&Value]) -> String {
    println_yaml(&jsonpb_array(items))
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
    Ok(println_yaml(&to_jsonpb(section, true)))
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
    Ok(println_yaml(&to_jsonpb(section, true)))
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
    Ok(println_yaml(&ecds_value(dump)?))
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

    /// `-o yaml`: the element's own `@type` dropped, keys renamed and
    /// sorted, go-yaml's quoting, a blank last line (checked against istioctl
    /// in tests/proxy_config_diff.rs).
    #[test]
    fn yaml_quoting_and_layout() {
        let out = values_yaml(&[json!({"@type": "t", "b": [{"x": 1, "y": {}}], "a": "s",
            "v": "1605", "t": "2022-12-08T11:03:53.361Z", "u": "2022-12-08T09:07:09Z/10",
            "e": "", "j": "{\"a\":1}", "k": "@type"})]);
        assert_eq!(
            out,
            "- a: s\n  b:\n  - x: 1\n    \"y\": {}\n  e: \"\"\n  j: '{\"a\":1}'\n  k: '@type'\n  \
             t: \"2022-12-08T11:03:53.361Z\"\n  u: 2022-12-08T09:07:09Z/10\n  v: \"1605\"\n\n"
        );
    }
}
