//! Go's predefined template functions.

use std::fmt::Write as _;

use super::super::exec::State;
use super::super::fmt as gofmt;
use super::super::value::Value;
use super::{Func, Param, Param::Reflect, Special, fixed, variadic};

type R = Result<Value, String>;

pub static FUNCS: &[Func] = &[
    Func {
        name: "and",
        params: &[Reflect],
        variadic: Some(Reflect),
        imp: unreachable_imp,
        special: Special::And,
    },
    Func {
        name: "or",
        params: &[Reflect],
        variadic: Some(Reflect),
        imp: unreachable_imp,
        special: Special::Or,
    },
    fixed("not", &[Reflect], |_, a| Ok(Value::Bool(!a[0].truthy()))),
    variadic("eq", &[Reflect], Reflect, eq),
    fixed("ne", &[Reflect, Reflect], |_, a| {
        eq_values(&a[0], &a[1..]).map(|b| Value::Bool(!b))
    }),
    fixed("lt", &[Reflect, Reflect], |_, a| {
        lt(&a[0], &a[1]).map(Value::Bool)
    }),
    fixed("le", &[Reflect, Reflect], |_, a| {
        le(&a[0], &a[1]).map(Value::Bool)
    }),
    fixed("gt", &[Reflect, Reflect], |_, a| {
        le(&a[0], &a[1]).map(|b| Value::Bool(!b))
    }),
    fixed("ge", &[Reflect, Reflect], |_, a| {
        lt(&a[0], &a[1]).map(|b| Value::Bool(!b))
    }),
    fixed("len", &[Reflect], length),
    variadic("index", &[Reflect], Reflect, index),
    variadic("slice", &[Reflect], Reflect, slice),
    variadic(
        "print",
        &[],
        Param::Any,
        |_, a| Ok(gofmt::sprint(&a).into()),
    ),
    variadic("println", &[], Param::Any, |_, a| {
        Ok(gofmt::sprintln(&a).into())
    }),
    variadic("printf", &[Param::String], Param::Any, |_, a| {
        let f = a[0].as_str().unwrap_or_default().to_string();
        Ok(gofmt::sprintf(&f, &a[1..]).into())
    }),
    variadic("html", &[], Param::Any, |_, a| {
        Ok(html_escape(&eval_args(&a)).into())
    }),
    variadic("js", &[], Param::Any, |_, a| {
        Ok(js_escape(&eval_args(&a)).into())
    }),
    variadic("urlquery", &[], Param::Any, |_, a| {
        Ok(query_escape(&eval_args(&a)).into())
    }),
    variadic("call", &[Reflect], Reflect, |_, a| {
        if a[0].is_missing() {
            return Err("call of nil".into());
        }
        Err(format!("non-function of type {}", a[0].type_name()))
    }),
];

fn unreachable_imp(_: &mut State<'_>, _: Vec<Value>) -> R {
    Err("internal error".into())
}

fn eval_args(args: &[Value]) -> String {
    if args.len() == 1
        && let Value::String(s) = &args[0]
    {
        return s.to_string();
    }
    let printable: Vec<Value> = args
        .iter()
        .map(|a| {
            if a.is_nil() {
                Value::from("<no value>")
            } else {
                a.clone()
            }
        })
        .collect();
    gofmt::sprint(&printable)
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u00{:02X}", c as u32);
            }
            c if (c as u32) < 0x80 => out.push(c),
            c if gofmt::is_print(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Float,
    String,
    Invalid,
}

fn basic_kind(v: &Value) -> Kind {
    match v {
        Value::Bool(_) => Kind::Bool,
        Value::Int(_) => Kind::Int,
        Value::Float(_) => Kind::Float,
        Value::String(_) => Kind::String,
        _ => Kind::Invalid,
    }
}

fn type_of(v: &Value) -> String {
    if v.is_missing() {
        "<nil>".into()
    } else if matches!(v, Value::Nil) {
        "interface {}".into()
    } else {
        v.type_name()
    }
}

fn eq(_: &mut State<'_>, a: Vec<Value>) -> R {
    eq_values(&a[0], &a[1..]).map(Value::Bool)
}

fn eq_values(a1: &Value, rest: &[Value]) -> Result<bool, String> {
    if rest.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(a1);
    for a2 in rest {
        let k2 = basic_kind(a2);
        let truth = if k1 == k2 {
            match (a1, a2) {
                (Value::Bool(x), Value::Bool(y)) => x == y,
                (Value::Int(x), Value::Int(y)) => x == y,
                (Value::Float(x), Value::Float(y)) => x == y,
                (Value::String(x), Value::String(y)) => x == y,
                _ => {
                    // non-basic kinds
                    let n1 = a1.is_nil();
                    let n2 = a2.is_nil();
                    if n1 || n2 {
                        n1 == n2
                    } else {
                        return Err(format!(
                            "non-comparable type {}: {}",
                            gofmt::display(a2),
                            type_of(a2)
                        ));
                    }
                }
            }
        } else {
            if !a1.is_nil() && !a2.is_nil() {
                return Err(format!(
                    "incompatible types for comparison: {} and {}",
                    type_of(a1),
                    type_of(a2)
                ));
            }
            false
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

fn lt(a1: &Value, a2: &Value) -> Result<bool, String> {
    let k1 = basic_kind(a1);
    if k1 == Kind::Invalid {
        return Err("invalid type for comparison".into());
    }
    let k2 = basic_kind(a2);
    if k2 == Kind::Invalid {
        return Err("invalid type for comparison".into());
    }
    if k1 != k2 {
        return Err(format!(
            "incompatible types for comparison: {} and {}",
            type_of(a1),
            type_of(a2)
        ));
    }
    Ok(match (a1, a2) {
        (Value::Int(x), Value::Int(y)) => x < y,
        (Value::Float(x), Value::Float(y)) => x < y,
        (Value::String(x), Value::String(y)) => x < y,
        _ => return Err("invalid type for comparison".into()),
    })
}

fn le(a1: &Value, a2: &Value) -> Result<bool, String> {
    if lt(a1, a2)? {
        return Ok(true);
    }
    eq_values(a1, std::slice::from_ref(a2))
}

fn length(_: &mut State<'_>, a: Vec<Value>) -> R {
    let n = match &a[0] {
        Value::String(s) => s.len(),
        Value::List(l) => l.len(),
        Value::Map(m) => m.len(),
        Value::Nil => return Err("len of nil pointer".into()),
        Value::Missing => return Err("len of nil pointer".into()),
        other => return Err(format!("len of type {}", other.type_name())),
    };
    Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn index_arg(i: &Value, cap: usize) -> Result<usize, String> {
    let x = match i {
        Value::Int(x) => *x,
        Value::Missing | Value::Nil => return Err("cannot index slice/array with nil".into()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ));
        }
    };
    if x < 0 || usize::try_from(x).unwrap_or(usize::MAX) > cap {
        return Err(format!("index out of range: {x}"));
    }
    Ok(usize::try_from(x).unwrap_or(0))
}

fn index(_: &mut State<'_>, a: Vec<Value>) -> R {
    let mut item = a[0].clone();
    if item.is_missing() || matches!(item, Value::Nil) {
        return Err("index of untyped nil".into());
    }
    for idx in &a[1..] {
        item = match &item {
            Value::List(l) => {
                let x = index_arg(idx, l.len())?;
                match l.get(x) {
                    Some(v) => v.clone(),
                    None => return Err("reflect: slice index out of range".to_string()),
                }
            }
            Value::String(s) => {
                let x = index_arg(idx, s.len())?;
                match s.as_bytes().get(x) {
                    Some(b) => Value::Int(i64::from(*b)),
                    None => return Err("reflect: string index out of range".into()),
                }
            }
            Value::Map(m) => match idx {
                Value::String(k) => m.get(k).unwrap_or_else(|| m.read().zero()),
                Value::Missing | Value::Nil => {
                    return Err("value is nil; should be of type string".into());
                }
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ));
                }
            },
            Value::Nil => return Err("index of nil pointer".into()),
            other => return Err(format!("can't index item of type {}", type_of(other))),
        };
    }
    Ok(item)
}

fn slice(_: &mut State<'_>, a: Vec<Value>) -> R {
    let item = &a[0];
    if item.is_nil() {
        return Err("slice of untyped nil".into());
    }
    let idxs = &a[1..];
    if idxs.len() > 3 {
        return Err(format!("too many slice indexes: {}", idxs.len()));
    }
    let (len, cap) = match item {
        Value::String(s) => {
            if idxs.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            (s.len(), s.len())
        }
        Value::List(l) => (l.len(), l.len()),
        other => return Err(format!("can't slice item of type {}", type_of(other))),
    };
    let mut idx = [0, len, cap];
    for (i, x) in idxs.iter().enumerate() {
        idx[i] = index_arg(x, cap)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if idxs.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(match item {
        Value::String(s) => match s.get(idx[0]..idx[1]) {
            Some(sub) => Value::from(sub),
            None => {
                Value::from(String::from_utf8_lossy(&s.as_bytes()[idx[0]..idx[1]]).into_owned())
            }
        },
        Value::List(l) => Value::list(l[idx[0]..idx[1]].to_vec()),
        _ => Value::Missing,
    })
}
