//! Decoding a MeshConfig or MeshNetworks document as Istio does (legacy
//! `jsonpb`, unknown fields allowed): the fields' JSON names, and Go's error
//! texts, which `analyze::typed` uses to word the errors of the documents
//! that fail to decode (Istio rejects such a mesh config, `failed to convert
//! to proto. ...`, and istioctl then ignores it).

use std::fmt::Write as _;

use serde_json::{Map, Value};

pub use super::fields::{Field, MESH_CONFIG, MESH_NETWORKS, PROXY_CONFIG, Ty};

/// The value of field `f` in `obj`: under its proto name, or its JSON name
/// (which wins when both are given); `null` counts as absent.
pub fn lookup<'a>(obj: &'a Map<String, Value>, f: &Field) -> Option<&'a Value> {
    obj.get(f.1)
        .or_else(|| obj.get(f.0))
        .filter(|v| !v.is_null())
}

/// The same message with its known fields under their JSON names (the
/// decoder's view: unknown fields and `null`s dropped), nested tables
/// included.
pub fn normalize(v: &Value, fields: &[Field]) -> Value {
    let Some(obj) = v.as_object() else {
        return v.clone();
    };
    let mut out = Map::new();
    for f in fields {
        if let Some(x) = lookup(obj, f) {
            out.insert(f.1.to_string(), normalize_value(x, &f.2));
        }
    }
    Value::Object(out)
}

/// A field's value, nested known fields under their JSON names.
pub fn normalize_field(v: &Value, f: &Field) -> Value {
    normalize_value(v, &f.2)
}

fn normalize_value(v: &Value, ty: &Ty) -> Value {
    match (ty, v) {
        (Ty::Msg(Some(fields)), _) => normalize(v, fields),
        (Ty::List(inner), Value::Array(items)) => {
            Value::Array(items.iter().map(|x| normalize_value(x, inner)).collect())
        }
        (Ty::Map(inner), Value::Object(m)) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), normalize_value(x, inner)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

/// `encoding/json`'s type error for `v` decoded into `go_type`.
pub fn go_type_error(v: &Value, go_type: &str) -> String {
    cannot(v, go_type)
}

/// The legacy decoder's reading of a number field: a quoted value is read as
/// the JSON text between the quotes (Go's syntax error when it is not JSON).
pub fn go_unquote_number(v: &Value) -> Result<Value, String> {
    trim_quote(v)
}

/// Go's error decoding `v` into an integer type, if any.
pub fn go_integer(v: &Value, go_type: &str, min: i128, max: i128) -> Result<(), String> {
    let clamp = |x: i128| i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX });
    // Beyond i64 (uint64's upper half) only the lower bound matters here.
    if max > i128::from(i64::MAX)
        && let Value::Number(n) = v
        && n.as_u64().is_some()
    {
        return Ok(());
    }
    integer(v, go_type, clamp(min), clamp(max))
}

/// `unknown value "\"X\"" for enum NAME`, as the decoder words it.
pub fn go_enum_error(value: &str, enum_name: &str) -> String {
    format!(
        "unknown value {} for enum {enum_name}",
        super::super::checks::quote(&format!("\"{value}\""))
    )
}

/// A string in Go's `%q` quoting.
pub fn go_quote(s: &str) -> String {
    super::super::checks::quote(s)
}

/// `encoding/json`'s type error.
fn cannot(v: &Value, go_type: &str) -> String {
    let kind = crate::manifest::json_kind(v);
    format!("json: cannot unmarshal {kind} into Go value of type {go_type}")
}

/// The legacy decoder strips a number's quotes and reads the rest as JSON.
fn trim_quote(v: &Value) -> Result<Value, String> {
    let Value::String(s) = v else {
        return Ok(v.clone());
    };
    let Some(first) = s.chars().next() else {
        return Err("unexpected end of JSON input".into());
    };
    serde_json::from_str(s).map_err(|_| {
        if first.is_ascii_digit() || first == '-' {
            let bad = s
                .chars()
                .skip(1)
                .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
                .unwrap_or(first);
            format!("invalid character {} after top-level value", go_char(bad))
        } else {
            format!(
                "invalid character {} looking for beginning of value",
                go_char(first)
            )
        }
    })
}

fn go_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        c => format!("'{c}'"),
    }
}

fn integer(v: &Value, go_type: &str, min: i64, max: i64) -> Result<(), String> {
    let Value::Number(n) = v else {
        return Err(cannot(v, go_type));
    };
    let fits = match n.as_i64() {
        Some(i) => (min..=max).contains(&i),
        // YAML reads `2.0` as a float; Go's YAML-to-JSON step writes it as `2`.
        None => n.as_f64().is_some_and(|f| {
            #[allow(clippy::cast_precision_loss)]
            let (lo, hi) = (min as f64, max as f64);
            f.fract() == 0.0 && f >= lo && f <= hi
        }),
    };
    if fits {
        Ok(())
    } else {
        Err(format!(
            "json: cannot unmarshal number {n} into Go value of type {go_type}"
        ))
    }
}

/// Go's `time.ParseDuration`: nanoseconds, or its error text.
pub fn go_parse_duration(orig: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(c) = s.chars().next()
        && (c == '-' || c == '+')
    {
        neg = c == '-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let whole: u128 = if int_len == 0 {
            0
        } else {
            s[..int_len].parse().map_err(|_| invalid())?
        };
        if whole > 1 << 63 {
            return Err(invalid());
        }
        s = &s[int_len..];
        let mut frac = "";
        if s.starts_with('.') {
            let n = s[1..].bytes().take_while(u8::is_ascii_digit).count();
            frac = &s[1..=n];
            s = &s[n + 1..];
        }
        if int_len == 0 && frac.is_empty() {
            return Err(invalid());
        }
        let unit_len = s
            .bytes()
            .take_while(|c| !(*c == b'.' || c.is_ascii_digit()))
            .count();
        if unit_len == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit),
                    time_quote(orig)
                ));
            }
        };
        let mut v = whole * scale;
        // Go keeps at most 19 fraction digits' worth (its uint64 limit).
        let digits: String = frac.chars().take(18).collect();
        if !digits.is_empty() {
            let f: u128 = digits.parse().unwrap_or(0);
            v += f * scale / 10u128.pow(u32::try_from(digits.len()).unwrap_or(18));
        }
        total += v;
        if total > 1 << 63 {
            return Err(invalid());
        }
    }
    if total == 1 << 63 && !neg {
        return Err(invalid());
    }
    let t = i128::try_from(total).unwrap_or(i128::MAX);
    Ok(if neg { -t } else { t })
}

/// `time.quote`: the string in double quotes (Go escapes only `"`, `\` and
/// non-printable bytes).
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn durations_parse_as_go_does() {
        assert_eq!(go_parse_duration("1m"), Ok(60_000_000_000));
        assert_eq!(go_parse_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(go_parse_duration("-1s"), Ok(-1_000_000_000));
        assert_eq!(go_parse_duration("1h2m3.004s"), Ok(3_723_004_000_000));
        assert_eq!(go_parse_duration("0"), Ok(0));
        assert_eq!(
            go_parse_duration("5"),
            Err("time: missing unit in duration \"5\"".into())
        );
        assert_eq!(
            go_parse_duration("5x"),
            Err("time: unknown unit \"x\" in duration \"5x\"".into())
        );
        assert_eq!(
            go_parse_duration("abc"),
            Err("time: invalid duration \"abc\"".into())
        );
        assert_eq!(
            go_parse_duration(".s"),
            Err("time: invalid duration \".s\"".into())
        );
    }

    #[test]
    fn decode_errors_are_gos() {
        let check =
            |v: Value| crate::analyze::typed::check_proto_go(&v, "istio.mesh.v1alpha1.MeshConfig");
        let e = |v: Value| check(v).unwrap_err();
        assert_eq!(
            e(json!({"connectTimeout": 5})),
            "json: cannot unmarshal number into Go value of type string"
        );
        assert_eq!(
            e(json!({"ingressControllerMode": false})),
            "json: cannot unmarshal bool into Go value of type protoreflect.EnumNumber"
        );
        assert_eq!(
            e(json!({"ingressControllerMode": "FOO"})),
            "unknown value \"\\\"FOO\\\"\" for enum istio.mesh.v1alpha1.MeshConfig.IngressControllerMode"
        );
        assert_eq!(
            e(json!({"proxyListenPort": 1.5})),
            "json: cannot unmarshal number 1.5 into Go value of type int32"
        );
        assert_eq!(
            e(json!({"defaultConfig": {"concurrency": "x"}})),
            "invalid character 'x' looking for beginning of value"
        );
        assert!(check(json!({"proxyListenPort": "15001", "bogus": 1})).is_ok());
        assert!(check(json!({"ingressControllerMode": 1})).is_ok());
    }

    #[test]
    fn normalize_uses_json_names() {
        let v = json!({"root_namespace": "a", "default_config": {"proxy_metadata": {"A": "b"}}, "x": 1, "ingressClass": null});
        assert_eq!(
            normalize(&v, MESH_CONFIG),
            json!({"rootNamespace": "a", "defaultConfig": {"proxyMetadata": {"A": "b"}}})
        );
    }
}
