//! Helm's template functions: `include`, `tpl`, `required`, YAML and JSON
//! conversions (`toYaml` follows sigs.k8s.io/yaml), `lookup`.

use super::super::value::{Map, Value};
use super::util::{from_json, to_json};
use super::yaml::to_yaml_trimmed;
use super::{Func, Param as P, fixed};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Parse YAML as sigs.k8s.io/yaml does into `interface{}` (numbers become
/// float64).
pub fn parse_yaml(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Ok(Value::Nil);
    }
    let j: serde_json::Value = serde_saphyr::from_str(text).map_err(|e| {
        let msg = e.to_string();
        format!(
            "error converting YAML to JSON: yaml: {}",
            msg.lines().next().unwrap_or_default()
        )
    })?;
    Ok(Value::from_json(&j))
}

fn from_yaml_map(text: &str) -> Value {
    match parse_yaml(text) {
        Ok(v @ Value::Map(_)) => v,
        Ok(Value::Nil) => Value::map(Map::new()),
        Ok(other) => {
            let mut m = Map::new();
            m.insert(
                "Error",
                format!(
                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    json_kind(&other)
                )
                .into(),
            );
            Value::map(m)
        }
        Err(e) => {
            let mut m = Map::new();
            m.insert("Error", e.into());
            Value::map(m)
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "array",
        Value::String(_) => "string",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

pub static FUNCS: &[Func] = &[
    fixed(
        "toYaml",
        &[P::Any],
        |_, a| Ok(to_yaml_trimmed(&a[0]).into()),
    ),
    fixed("mustToYaml", &[P::Any], |_, a| {
        Ok(to_yaml_trimmed(&a[0]).into())
    }),
    fixed("toYamlPretty", &[P::Any], |_, a| {
        Ok(to_yaml_trimmed(&a[0]).into())
    }),
    fixed("fromYaml", &[P::String], |_, a| Ok(from_yaml_map(s(&a[0])))),
    fixed("fromYamlArray", &[P::String], |_, a| {
        Ok(match parse_yaml(s(&a[0])) {
            Ok(v @ Value::List(_)) => v,
            Ok(Value::Nil) => Value::list(Vec::new()),
            Ok(other) => Value::list(vec![
                format!(
                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type []interface {{}}",
                    json_kind(&other)
                )
                .into(),
            ]),
            Err(e) => Value::list(vec![e.into()]),
        })
    }),
    fixed("toJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, None).unwrap_or_default().into())
    }),
    fixed("mustToJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, None)?.into())
    }),
    fixed("fromJson", &[P::String], |_, a| {
        Ok(if let Ok(v @ Value::Map(_)) = from_json(s(&a[0])) {
            v
        } else {
            let mut m = Map::new();
            let msg = match serde_json::from_str::<serde_json::Value>(s(&a[0])) {
                Err(e) => format!("invalid character: {e}"),
                Ok(_) => {
                    "json: cannot unmarshal into Go value of type map[string]interface {}".into()
                }
            };
            m.insert("Error", msg.into());
            Value::map(m)
        })
    }),
    fixed("fromJsonArray", &[P::String], |_, a| {
        Ok(match from_json(s(&a[0])) {
            Ok(v @ Value::List(_)) => v,
            Ok(_) | Err(_) => Value::list(vec!["invalid JSON array".into()]),
        })
    }),
    fixed("toToml", &[P::Any], |_, _| {
        Err("toToml is not supported".into())
    }),
    fixed("include", &[P::String, P::Any], |st, a| {
        Ok(st.include(s(&a[0]), &a[1])?.into())
    }),
    // Helm removes `<no value>` from tpl's output as from a file's.
    fixed("tpl", &[P::String, P::Any], |st, a| {
        Ok(st.tpl(s(&a[0]), &a[1])?.replace("<no value>", "").into())
    }),
    fixed("required", &[P::String, P::Any], |_, a| {
        let missing = match &a[1] {
            Value::Missing | Value::Nil => true,
            Value::String(x) => x.is_empty(),
            _ => false,
        };
        if missing {
            return Err(s(&a[0]).to_string());
        }
        Ok(a[1].clone())
    }),
    fixed(
        "lookup",
        &[P::String, P::String, P::String, P::String],
        |_, _| Ok(Value::map(Map::new())),
    ),
];
