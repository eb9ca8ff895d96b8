//! Conversions shared by the function libraries (sprig's `strval`,
//! `strslice`, spf13/cast's number conversions, `empty`), and Go-style JSON.

use std::fmt::Write as _;

use super::super::fmt as gofmt;
use super::super::value::{Map, Value};

/// sprig's `strval`: strings as-is, everything else `%v`.
pub fn strval(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Missing | Value::Nil => "<nil>".into(),
        other => gofmt::display(other),
    }
}

/// sprig's `strslice`: a list of strings, nils dropped.
pub fn strslice(v: &Value) -> Vec<String> {
    match v {
        Value::List(l) => l.iter().filter(|x| !x.is_nil()).map(strval).collect(),
        Value::Missing | Value::Nil => Vec::new(),
        other => vec![strval(other)],
    }
}

/// sprig's `empty`.
pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.is_nil,
        other => !other.truthy(),
    }
}

fn trim_zero_decimal(s: &str) -> &str {
    if let Some(dot) = s.find('.')
        && s[dot + 1..].chars().all(|c| c == '0')
        && dot > 0
    {
        return &s[..dot];
    }
    s
}

/// spf13/cast `ToInt64`: invalid input gives 0.
#[allow(clippy::cast_possible_truncation)]
pub fn to_int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => {
            if f.is_nan() {
                0
            } else {
                *f as i64
            }
        }
        Value::Bool(b) => i64::from(*b),
        Value::String(s) => super::super::parser::parse_go_int(trim_zero_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// spf13/cast `ToFloat64`.
#[allow(clippy::cast_precision_loss)]
pub fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::String(s) => s.parse::<f64>().unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Deep copy (new maps, so later `set`s do not leak).
pub fn deep_copy(v: &Value) -> Value {
    match v {
        Value::List(l) => Value::list(l.iter().map(deep_copy).collect()),
        Value::Map(m) => {
            let r = m.read();
            let mut out = Map {
                entries: std::collections::BTreeMap::default(),
                elem: r.elem,
            };
            for (k, x) in &r.entries {
                out.entries.insert(k.clone(), deep_copy(x));
            }
            Value::map(out)
        }
        other => other.clone(),
    }
}

/// Go's `encoding/json` float formatting.
pub fn json_float(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    let a = f.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        let s = gofmt::format_float(f, 'e', -1);
        // e-07 -> e-7
        if let Some(p) = s.find("e-0") {
            return Some(format!("{}e-{}", &s[..p], &s[p + 3..]));
        }
        if let Some(p) = s.find("e+0") {
            return Some(format!("{}e+{}", &s[..p], &s[p + 3..]));
        }
        return Some(s);
    }
    Some(gofmt::format_float(f, 'f', -1))
}

/// Go's `json.Marshal` (`escape_html` as the default encoder does), with
/// optional indentation (`MarshalIndent(v, "", indent)`).
pub fn to_json(v: &Value, escape_html: bool, indent: Option<&str>) -> Result<String, String> {
    let mut out = String::new();
    write_json(&mut out, v, escape_html, indent, 0)?;
    Ok(out)
}

fn newline(out: &mut String, indent: Option<&str>, level: usize) {
    if let Some(ind) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(ind);
        }
    }
}

fn write_json(
    out: &mut String,
    v: &Value,
    html: bool,
    indent: Option<&str>,
    level: usize,
) -> Result<(), String> {
    match v {
        Value::Missing | Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => match json_float(*f) {
            Some(s) => out.push_str(&s),
            None => {
                return Err(format!(
                    "json: unsupported value: {}",
                    gofmt::format_float(*f, 'g', -1)
                ));
            }
        },
        Value::String(s) => json_string(out, s, html),
        Value::List(l) => {
            if l.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_json(out, x, html, indent, level + 1)?;
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Map(m) => {
            let entries = m.snapshot();
            write_json_object(
                out,
                entries.iter().map(|(k, x)| (k, x)),
                html,
                indent,
                level,
            )?;
        }
        Value::Object(o) => {
            if o.is_nil {
                out.push_str("null");
                return Ok(());
            }
            write_json_object(out, o.fields().iter(), html, indent, level)?;
        }
    }
    Ok(())
}

/// `{"k": v, ...}` (or `{}`) for a map's or a struct's entries.
fn write_json_object<'a, K: AsRef<str> + 'a>(
    out: &mut String,
    entries: impl ExactSizeIterator<Item = (&'a K, &'a Value)>,
    html: bool,
    indent: Option<&str>,
    level: usize,
) -> Result<(), String> {
    if entries.len() == 0 {
        out.push_str("{}");
        return Ok(());
    }
    out.push('{');
    for (i, (k, x)) in entries.enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, indent, level + 1);
        json_string(out, k.as_ref(), html);
        out.push(':');
        if indent.is_some() {
            out.push(' ');
        }
        write_json(out, x, html, indent, level + 1)?;
    }
    newline(out, indent, level);
    out.push('}');
    Ok(())
}

/// A JSON string as Go's encoder writes it.
pub fn json_string(out: &mut String, s: &str, html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' if html => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// JSON text to a value as Go's `json.Unmarshal` into `interface{}` does.
pub fn from_json(s: &str) -> Result<Value, String> {
    let j: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
    Ok(Value::from_json(&j))
}
