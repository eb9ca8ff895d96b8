//! The sprig subset: strings, lists, dicts, defaults, conversions, math.
//! Encoding, regex, semver and paths live in `sprig_more.rs`.

use super::super::exec::State;
use super::super::fmt as gofmt;
use super::super::value::{ElemKind, Map, Value};
use super::util::{deep_copy, is_empty, strslice, strval, to_float64, to_int64};
use super::{Func, Param as P, fixed, variadic};

pub use super::sprig_more::FUNCS as FUNCS2;

type R = Result<Value, String>;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        _ => 0,
    }
}

fn strings_list(v: Vec<String>) -> Value {
    Value::list(v.into_iter().map(Value::from).collect())
}

fn title(x: &str) -> String {
    let mut out = String::with_capacity(x.len());
    let mut prev_sep = true;
    for c in x.chars() {
        if prev_sep {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = !(c.is_alphanumeric() || c == '_' || c == '\'');
    }
    out
}

fn words_case(x: &str, sep: char) -> String {
    let mut out = String::new();
    let chars: Vec<char> = x.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if i > 0
                && (prev_lower || (next_lower && chars[i - 1].is_uppercase()))
                && !out.ends_with(sep)
            {
                out.push(sep);
            }
            out.extend(c.to_lowercase());
        } else if *c == '_' || *c == '-' || *c == ' ' || *c == '.' {
            if !out.is_empty() && !out.ends_with(sep) {
                out.push(sep);
            }
        } else {
            out.push(*c);
        }
    }
    out
}

fn pascal(x: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in x.chars() {
        if c == '_' || c == '-' || c == ' ' || c == '.' {
            up = true;
            continue;
        }
        if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn indent(n: i64, text: &str) -> String {
    let pad = " ".repeat(usize::try_from(n).unwrap_or(0));
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

fn list_of(v: &Value, what: &str) -> Result<Vec<Value>, String> {
    match v {
        Value::List(l) => Ok(l.to_vec()),
        Value::Missing | Value::Nil => Err(format!("Cannot {what} nil")),
        other => Err(format!("Cannot {what} on type {}", other.type_name())),
    }
}

fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            let (x, y) = (x.snapshot(), y.snapshot());
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| p.0 == q.0 && deep_equal(&p.1, &q.1))
        }
        (Value::Int(x), Value::Int(y)) => x == y,
        #[allow(clippy::float_cmp)]
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (x, y) => x.is_nil() && y.is_nil(),
    }
}

fn dict(_: &mut State<'_>, a: Vec<Value>) -> R {
    let mut m = Map::new();
    let mut i = 0;
    while i < a.len() {
        let k = strval(&a[i]);
        let v = a.get(i + 1).cloned().unwrap_or_else(|| Value::from(""));
        m.insert(k, v);
        i += 2;
    }
    Ok(Value::map(m))
}

fn merge_into(dst: &Value, src: &Value, overwrite: bool) {
    let (Value::Map(d), Value::Map(s)) = (dst, src) else {
        return;
    };
    if d.ptr_eq(s) {
        return;
    }
    for (k, sv) in s.snapshot() {
        let dv = d.get(&k);
        match dv {
            Some(dv @ Value::Map(_)) if matches!(sv, Value::Map(_)) => {
                merge_into(&dv, &sv, overwrite);
            }
            // mergo (dario.cat/mergo v1.0.1) on map entries: a nil source
            // entry only overwrites; with overwrite any other source value
            // wins, even an empty one (`false`, `0`, `""`: Istio's demo
            // profile sets `autoscaleEnabled: false` this way).
            _ if sv.is_nil() => {
                if overwrite {
                    d.write().insert(k, sv);
                }
            }
            Some(dv) => {
                if overwrite || (is_empty(&dv) && !is_empty(&sv)) {
                    d.write().insert(k, sv);
                }
            }
            None => d.write().insert(k, sv),
        }
    }
}

fn merge(_: &mut State<'_>, a: Vec<Value>, overwrite: bool) -> R {
    for src in &a[1..] {
        merge_into(&a[0], src, overwrite);
    }
    Ok(a[0].clone())
}

fn seq(a: &[Value]) -> String {
    let ints: Vec<i64> = a.iter().map(int).collect();
    let (start, step, end) = match ints.as_slice() {
        [] => return String::new(),
        [e] => (1, if *e >= 1 { 1 } else { -1 }, *e),
        [s, e] => (*s, if e >= s { 1 } else { -1 }, *e),
        [s, st, e, ..] => (*s, *st, *e),
    };
    if step == 0 || (step > 0 && start > end) || (step < 0 && start < end) {
        return String::new();
    }
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i <= end) || (step < 0 && i >= end) {
        out.push(i.to_string());
        i += step;
    }
    out.join(" ")
}

fn until_step(start: i64, stop: i64, step: i64) -> Value {
    let mut v = Vec::new();
    if step == 0 || (step > 0 && start >= stop) || (step < 0 && start <= stop) {
        return Value::list(v);
    }
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        v.push(Value::Int(i));
        i += step;
    }
    Value::list(v)
}

fn round(a: &[Value]) -> f64 {
    let val = to_float64(&a[0]);
    let places = to_float64(&a[1]);
    let on = a.get(2).map_or(0.5, to_float64);
    let pow = 10f64.powf(places);
    let digit = pow * val;
    let div = digit.fract();
    let r = if div >= on {
        digit.ceil()
    } else {
        digit.floor()
    };
    r / pow
}

/// shopspring/decimal-style exact arithmetic on the shortest decimal forms.
fn decimal_op(a: &[Value], op: char) -> f64 {
    fn parse(f: f64) -> Option<(i128, i32)> {
        let s = gofmt::format_float(f, 'e', -1);
        let (m, e) = s.split_once('e')?;
        let e: i32 = e.parse().ok()?;
        let neg = m.starts_with('-');
        let digits: String = m.chars().filter(char::is_ascii_digit).collect();
        let frac = i32::try_from(digits.len()).ok()? - 1;
        let mant: i128 = digits.parse().ok()?;
        Some((if neg { -mant } else { mant }, e - frac))
    }
    let mut acc = to_float64(&a[0]);
    for x in &a[1..] {
        let b = to_float64(x);
        let exact = match (op, parse(acc), parse(b)) {
            ('+' | '-', Some((m1, e1)), Some((m2, e2))) => {
                let e = e1.min(e2);
                let s1 = m1.checked_mul(
                    10i128
                        .checked_pow(u32::try_from(e1 - e).unwrap_or(99))
                        .unwrap_or(0),
                );
                let s2 = m2.checked_mul(
                    10i128
                        .checked_pow(u32::try_from(e2 - e).unwrap_or(99))
                        .unwrap_or(0),
                );
                match (s1, s2) {
                    (Some(x1), Some(x2)) => {
                        let m = if op == '+' { x1 + x2 } else { x1 - x2 };
                        format!("{m}e{e}").parse::<f64>().ok()
                    }
                    _ => None,
                }
            }
            ('*', Some((m1, e1)), Some((m2, e2))) => m1
                .checked_mul(m2)
                .and_then(|m| format!("{m}e{}", e1 + e2).parse::<f64>().ok()),
            _ => None,
        };
        acc = exact.unwrap_or(match op {
            '+' => acc + b,
            '-' => acc - b,
            '*' => acc * b,
            _ => acc / b,
        });
        if op == '/' {
            acc = format!("{acc:.16}").parse().unwrap_or(acc);
        }
    }
    acc
}

pub static FUNCS: &[Func] = &[
    fixed("hello", &[], |_, _| Ok("Hello!".into())),
    fixed("upper", &[P::String], |_, a| {
        Ok(s(&a[0]).to_uppercase().into())
    }),
    fixed("lower", &[P::String], |_, a| {
        Ok(s(&a[0]).to_lowercase().into())
    }),
    fixed("title", &[P::String], |_, a| Ok(title(s(&a[0])).into())),
    fixed("untitle", &[P::String], |_, a| {
        let mut out = String::new();
        let mut prev_space = true;
        for c in s(&a[0]).chars() {
            if prev_space {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
            prev_space = c.is_whitespace();
        }
        Ok(out.into())
    }),
    fixed("trim", &[P::String], |_, a| Ok(s(&a[0]).trim().into())),
    fixed("trimAll", &[P::String, P::String], |_, a| {
        let cut: Vec<char> = s(&a[0]).chars().collect();
        Ok(s(&a[1]).trim_matches(cut.as_slice()).into())
    }),
    fixed("trimall", &[P::String, P::String], |_, a| {
        let cut: Vec<char> = s(&a[0]).chars().collect();
        Ok(s(&a[1]).trim_matches(cut.as_slice()).into())
    }),
    fixed("trimPrefix", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).strip_prefix(s(&a[0])).unwrap_or(s(&a[1])).into())
    }),
    fixed("trimSuffix", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).strip_suffix(s(&a[0])).unwrap_or(s(&a[1])).into())
    }),
    fixed("nospace", &[P::String], |_, a| {
        Ok(s(&a[0])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .into())
    }),
    fixed("initials", &[P::String], |_, a| {
        Ok(s(&a[0])
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .into())
    }),
    fixed("swapcase", &[P::String], |_, a| {
        Ok(s(&a[0])
            .chars()
            .map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    c.to_uppercase().next().unwrap_or(c)
                }
            })
            .collect::<String>()
            .into())
    }),
    fixed("snakecase", &[P::String], |_, a| {
        Ok(words_case(s(&a[0]), '_').into())
    }),
    fixed("kebabcase", &[P::String], |_, a| {
        Ok(words_case(s(&a[0]), '-').into())
    }),
    fixed(
        "camelcase",
        &[P::String],
        |_, a| Ok(pascal(s(&a[0])).into()),
    ),
    fixed("repeat", &[P::Int, P::String], |_, a| {
        let n = int(&a[0]);
        if n < 0 {
            return Err("strings: negative Repeat count".into());
        }
        if n.saturating_mul(i64::try_from(s(&a[1]).len()).unwrap_or(i64::MAX)) > 64 << 20 {
            return Err("strings: Repeat output length exceeds the output limit".into());
        }
        Ok(s(&a[1]).repeat(usize::try_from(n).unwrap_or(0)).into())
    }),
    fixed("substr", &[P::Int, P::Int, P::String], |_, a| {
        let (st, en, x) = (int(&a[0]), int(&a[1]), s(&a[2]).as_bytes());
        let len = i64::try_from(x.len()).unwrap_or(0);
        let (lo, hi) = if st < 0 {
            (0, en)
        } else if en < 0 || en > len {
            (st, len)
        } else {
            (st, en)
        };
        if lo > hi || hi > len || lo < 0 {
            return Err(format!(
                "runtime error: slice bounds out of range [{lo}:{hi}]"
            ));
        }
        Ok(String::from_utf8_lossy(
            &x[usize::try_from(lo).unwrap_or(0)..usize::try_from(hi).unwrap_or(0)],
        )
        .into_owned()
        .into())
    }),
    fixed("trunc", &[P::Int, P::String], |_, a| {
        let (c, x) = (int(&a[0]), s(&a[1]));
        let len = i64::try_from(x.len()).unwrap_or(0);
        let b = x.as_bytes();
        let r = if c < 0 && len + c > 0 {
            &b[usize::try_from(len + c).unwrap_or(0)..]
        } else if c >= 0 && len > c {
            &b[..usize::try_from(c).unwrap_or(0)]
        } else {
            b
        };
        Ok(String::from_utf8_lossy(r).into_owned().into())
    }),
    fixed("abbrev", &[P::Int, P::String], |_, a| {
        let (w, x) = (int(&a[0]), s(&a[1]));
        let w = usize::try_from(w).unwrap_or(0);
        if w < 4 || x.len() <= w {
            return Ok(x.into());
        }
        Ok(format!("{}...", &x[..w - 3]).into())
    }),
    fixed("wrap", &[P::Int, P::String], |_, a| {
        let w = usize::try_from(int(&a[0])).unwrap_or(1).max(1);
        let mut lines: Vec<String> = Vec::new();
        for para in s(&a[1]).split('\n') {
            let mut line = String::new();
            for word in para.split(' ') {
                if !line.is_empty() && line.len() + 1 + word.len() > w {
                    lines.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(line);
        }
        Ok(lines.join("\n").into())
    }),
    fixed("contains", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).contains(s(&a[0])).into())
    }),
    fixed("hasPrefix", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).starts_with(s(&a[0])).into())
    }),
    fixed("hasSuffix", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).ends_with(s(&a[0])).into())
    }),
    variadic("quote", &[], P::Any, |_, a| {
        let v: Vec<String> = a
            .iter()
            .filter(|x| !x.is_nil())
            .map(|x| gofmt::quote(&strval(x)))
            .collect();
        Ok(v.join(" ").into())
    }),
    variadic("squote", &[], P::Any, |_, a| {
        let v: Vec<String> = a
            .iter()
            .filter(|x| !x.is_nil())
            .map(|x| format!("'{}'", strval(x)))
            .collect();
        Ok(v.join(" ").into())
    }),
    variadic("cat", &[], P::Any, |_, a| {
        let v: Vec<String> = a
            .iter()
            .filter(|x| !x.is_nil())
            .map(gofmt::display)
            .collect();
        Ok(v.join(" ").into())
    }),
    fixed("indent", &[P::Int, P::String], |_, a| {
        Ok(indent(int(&a[0]), s(&a[1])).into())
    }),
    fixed("nindent", &[P::Int, P::String], |_, a| {
        Ok(format!("\n{}", indent(int(&a[0]), s(&a[1]))).into())
    }),
    fixed("replace", &[P::String, P::String, P::String], |_, a| {
        Ok(s(&a[2]).replace(s(&a[0]), s(&a[1])).into())
    }),
    fixed("plural", &[P::String, P::String, P::Int], |_, a| {
        Ok(if int(&a[2]) == 1 {
            a[0].clone()
        } else {
            a[1].clone()
        })
    }),
    fixed("toString", &[P::Any], |_, a| Ok(strval(&a[0]).into())),
    fixed("atoi", &[P::String], |_, a| {
        Ok(Value::Int(s(&a[0]).parse::<i64>().unwrap_or(0)))
    }),
    fixed("int64", &[P::Any], |_, a| Ok(Value::Int(to_int64(&a[0])))),
    fixed("int", &[P::Any], |_, a| Ok(Value::Int(to_int64(&a[0])))),
    fixed("float64", &[P::Any], |_, a| {
        Ok(Value::Float(to_float64(&a[0])))
    }),
    variadic("seq", &[], P::Int, |_, a| Ok(seq(&a).into())),
    fixed("toDecimal", &[P::Any], |_, a| {
        Ok(Value::Int(
            i64::from_str_radix(&gofmt::display(&a[0]), 8).unwrap_or(0),
        ))
    }),
    fixed("split", &[P::String, P::String], |_, a| {
        let mut m = Map::strings();
        for (i, p) in s(&a[1]).split(s(&a[0])).enumerate() {
            m.insert(format!("_{i}"), p.into());
        }
        Ok(Value::map(m))
    }),
    fixed("splitList", &[P::String, P::String], |_, a| {
        Ok(strings_list(
            s(&a[1]).split(s(&a[0])).map(str::to_string).collect(),
        ))
    }),
    fixed("splitn", &[P::String, P::Int, P::String], |_, a| {
        let mut m = Map::strings();
        let n = int(&a[1]);
        let parts: Vec<&str> = if n < 0 {
            s(&a[2]).split(s(&a[0])).collect()
        } else {
            s(&a[2])
                .splitn(usize::try_from(n).unwrap_or(0), s(&a[0]))
                .collect()
        };
        for (i, p) in parts.into_iter().enumerate() {
            m.insert(format!("_{i}"), p.into());
        }
        Ok(Value::map(m))
    }),
    fixed("toStrings", &[P::Any], |_, a| {
        Ok(strings_list(strslice(&a[0])))
    }),
    fixed("until", &[P::Int], |_, a| {
        let n = int(&a[0]);
        Ok(until_step(0, n, if n < 0 { -1 } else { 1 }))
    }),
    fixed("untilStep", &[P::Int, P::Int, P::Int], |_, a| {
        Ok(until_step(int(&a[0]), int(&a[1]), int(&a[2])))
    }),
    fixed("add1", &[P::Any], |_, a| {
        Ok(Value::Int(to_int64(&a[0]).wrapping_add(1)))
    }),
    variadic("add", &[], P::Any, |_, a| {
        Ok(Value::Int(
            a.iter().map(to_int64).fold(0i64, i64::wrapping_add),
        ))
    }),
    fixed("sub", &[P::Any, P::Any], |_, a| {
        Ok(Value::Int(to_int64(&a[0]).wrapping_sub(to_int64(&a[1]))))
    }),
    fixed("div", &[P::Any, P::Any], |_, a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err("runtime error: integer divide by zero".into());
        }
        Ok(Value::Int(to_int64(&a[0]).wrapping_div(d)))
    }),
    fixed("mod", &[P::Any, P::Any], |_, a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err("runtime error: integer divide by zero".into());
        }
        Ok(Value::Int(to_int64(&a[0]).wrapping_rem(d)))
    }),
    variadic("mul", &[P::Any], P::Any, |_, a| {
        Ok(Value::Int(
            a.iter().map(to_int64).fold(1i64, i64::wrapping_mul),
        ))
    }),
    variadic("max", &[P::Any], P::Any, |_, a| {
        Ok(Value::Int(a.iter().map(to_int64).max().unwrap_or(0)))
    }),
    variadic("biggest", &[P::Any], P::Any, |_, a| {
        Ok(Value::Int(a.iter().map(to_int64).max().unwrap_or(0)))
    }),
    variadic("min", &[P::Any], P::Any, |_, a| {
        Ok(Value::Int(a.iter().map(to_int64).min().unwrap_or(0)))
    }),
    variadic("maxf", &[P::Any], P::Any, |_, a| {
        Ok(Value::Float(
            a.iter().map(to_float64).fold(f64::NEG_INFINITY, f64::max),
        ))
    }),
    variadic("minf", &[P::Any], P::Any, |_, a| {
        Ok(Value::Float(
            a.iter().map(to_float64).fold(f64::INFINITY, f64::min),
        ))
    }),
    fixed("add1f", &[P::Any], |_, a| {
        Ok(Value::Float(decimal_op(
            &[a[0].clone(), Value::Int(1)],
            '+',
        )))
    }),
    variadic("addf", &[], P::Any, |_, a| {
        let mut v = vec![Value::Float(0.0)];
        v.extend(a);
        Ok(Value::Float(decimal_op(&v, '+')))
    }),
    variadic("subf", &[P::Any], P::Any, |_, a| {
        Ok(Value::Float(decimal_op(&a, '-')))
    }),
    variadic("mulf", &[P::Any], P::Any, |_, a| {
        Ok(Value::Float(decimal_op(&a, '*')))
    }),
    variadic("divf", &[P::Any], P::Any, |_, a| {
        Ok(Value::Float(decimal_op(&a, '/')))
    }),
    fixed("ceil", &[P::Any], |_, a| {
        Ok(Value::Float(to_float64(&a[0]).ceil()))
    }),
    fixed("floor", &[P::Any], |_, a| {
        Ok(Value::Float(to_float64(&a[0]).floor()))
    }),
    variadic("round", &[P::Any, P::Int], P::Float, |_, a| {
        Ok(Value::Float(round(&a)))
    }),
    fixed("join", &[P::String, P::Any], |_, a| {
        Ok(strslice(&a[1]).join(s(&a[0])).into())
    }),
    fixed("sortAlpha", &[P::Any], |_, a| {
        if let Value::List(_) = &a[0] {
            let mut v = strslice(&a[0]);
            v.sort();
            return Ok(strings_list(v));
        }
        Ok(strings_list(vec![strval(&a[0])]))
    }),
    variadic("default", &[P::Any], P::Any, |_, a| {
        if a.len() < 2 || is_empty(&a[1]) {
            return Ok(a[0].clone());
        }
        Ok(a[1].clone())
    }),
    fixed("empty", &[P::Any], |_, a| Ok(is_empty(&a[0]).into())),
    variadic("coalesce", &[], P::Any, |_, a| {
        Ok(a.iter()
            .find(|x| !is_empty(x))
            .cloned()
            .unwrap_or(Value::Nil))
    }),
    variadic("all", &[], P::Any, |_, a| {
        Ok(a.iter().all(|x| !is_empty(x)).into())
    }),
    variadic("any", &[], P::Any, |_, a| {
        Ok((a.is_empty() || a.iter().any(|x| !is_empty(x))).into())
    }),
    fixed("compact", &[P::Any], |_, a| {
        Ok(Value::list(
            list_of(&a[0], "compact")?
                .into_iter()
                .filter(|x| !is_empty(x))
                .collect(),
        ))
    }),
    fixed("ternary", &[P::Any, P::Any, P::Bool], |_, a| {
        Ok(if matches!(a[2], Value::Bool(true)) {
            a[0].clone()
        } else {
            a[1].clone()
        })
    }),
    fixed("deepCopy", &[P::Any], |_, a| Ok(deep_copy(&a[0]))),
    fixed("mustDeepCopy", &[P::Any], |_, a| Ok(deep_copy(&a[0]))),
    fixed("deepEqual", &[P::Any, P::Any], |_, a| {
        Ok(deep_equal(&a[0], &a[1]).into())
    }),
    variadic("list", &[], P::Any, |_, a| Ok(Value::list(a))),
    variadic("tuple", &[], P::Any, |_, a| Ok(Value::list(a))),
    variadic("dict", &[], P::Any, dict),
    fixed("get", &[P::Map, P::String], |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok("".into());
        };
        Ok(m.get(s(&a[1])).unwrap_or_else(|| "".into()))
    }),
    fixed("set", &[P::Map, P::String, P::Any], |_, a| {
        if let Value::Map(m) = &a[0] {
            m.write().insert(s(&a[1]).to_string(), a[2].clone());
        }
        Ok(a[0].clone())
    }),
    fixed("unset", &[P::Map, P::String], |_, a| {
        if let Value::Map(m) = &a[0] {
            m.write().entries.remove(s(&a[1]));
        }
        Ok(a[0].clone())
    }),
    fixed("hasKey", &[P::Map, P::String], |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok(false.into());
        };
        Ok(m.get(s(&a[1])).is_some().into())
    }),
    variadic("pluck", &[P::String], P::Map, |_, a| {
        let k = s(&a[0]).to_string();
        Ok(Value::list(
            a[1..]
                .iter()
                .filter_map(|m| {
                    if let Value::Map(m) = m {
                        m.get(&k)
                    } else {
                        None
                    }
                })
                .collect(),
        ))
    }),
    variadic("keys", &[], P::Map, |_, a| {
        let mut v = Vec::new();
        for m in &a {
            if let Value::Map(m) = m {
                v.extend(m.read().entries.keys().cloned());
            }
        }
        Ok(strings_list(v))
    }),
    fixed("values", &[P::Map], |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok(Value::list(Vec::new()));
        };
        Ok(Value::list(
            m.snapshot().into_iter().map(|(_, v)| v).collect(),
        ))
    }),
    variadic("pick", &[P::Map], P::String, |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok(a[0].clone());
        };
        let mut out = Map::new();
        for k in &a[1..] {
            if let Some(v) = m.get(s(k)) {
                out.insert(s(k), v);
            }
        }
        Ok(Value::map(out))
    }),
    variadic("omit", &[P::Map], P::String, |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok(a[0].clone());
        };
        let drop: Vec<&str> = a[1..].iter().map(s).collect();
        Ok(Value::map(
            m.snapshot()
                .into_iter()
                .filter(|(k, _)| !drop.contains(&k.as_str()))
                .collect(),
        ))
    }),
    variadic("merge", &[P::Map], P::Map, |st, a| merge(st, a, false)),
    variadic("mustMerge", &[P::Map], P::Map, |st, a| merge(st, a, false)),
    variadic("mergeOverwrite", &[P::Map], P::Map, |st, a| {
        merge(st, a, true)
    }),
    variadic("mustMergeOverwrite", &[P::Map], P::Map, |st, a| {
        merge(st, a, true)
    }),
    fixed("append", &[P::Any, P::Any], push),
    fixed("push", &[P::Any, P::Any], push),
    fixed("mustAppend", &[P::Any, P::Any], push),
    fixed("mustPush", &[P::Any, P::Any], push),
    fixed("prepend", &[P::Any, P::Any], |_, a| {
        let mut l = list_of(&a[0], "prepend")?;
        l.insert(0, a[1].clone());
        Ok(Value::list(l))
    }),
    fixed("first", &[P::Any], |_, a| {
        Ok(list_of(&a[0], "find first")?
            .first()
            .cloned()
            .unwrap_or(Value::Nil))
    }),
    fixed("mustFirst", &[P::Any], |_, a| {
        Ok(list_of(&a[0], "find first")?
            .first()
            .cloned()
            .unwrap_or(Value::Nil))
    }),
    fixed("last", &[P::Any], |_, a| {
        Ok(list_of(&a[0], "find last")?
            .last()
            .cloned()
            .unwrap_or(Value::Nil))
    }),
    fixed("rest", &[P::Any], |_, a| {
        let l = list_of(&a[0], "find rest")?;
        if l.is_empty() {
            return Ok(Value::Nil);
        }
        Ok(Value::list(l[1..].to_vec()))
    }),
    fixed("initial", &[P::Any], |_, a| {
        let l = list_of(&a[0], "find initial")?;
        if l.is_empty() {
            return Ok(Value::Nil);
        }
        Ok(Value::list(l[..l.len() - 1].to_vec()))
    }),
    fixed("reverse", &[P::Any], |_, a| {
        let mut l = list_of(&a[0], "find reverse")?;
        l.reverse();
        Ok(Value::list(l))
    }),
    fixed("uniq", &[P::Any], |_, a| {
        let mut out: Vec<Value> = Vec::new();
        for x in list_of(&a[0], "find uniq")? {
            if !out.iter().any(|y| deep_equal(y, &x)) {
                out.push(x);
            }
        }
        Ok(Value::list(out))
    }),
    variadic("without", &[P::Any], P::Any, |_, a| {
        let l = list_of(&a[0], "find without")?;
        Ok(Value::list(
            l.into_iter()
                .filter(|x| !a[1..].iter().any(|y| deep_equal(x, y)))
                .collect(),
        ))
    }),
    fixed("has", &[P::Any, P::Any], |_, a| {
        if a[1].is_nil() {
            return Ok(false.into());
        }
        Ok(list_of(&a[1], "find has")?
            .iter()
            .any(|x| deep_equal(x, &a[0]))
            .into())
    }),
    variadic("concat", &[], P::Any, |_, a| {
        let mut out = Vec::new();
        for l in &a {
            out.extend(list_of(l, "concat")?);
        }
        Ok(Value::list(out))
    }),
    fixed("chunk", &[P::Int, P::Any], |_, a| {
        let n = usize::try_from(int(&a[0])).unwrap_or(1).max(1);
        let l = list_of(&a[1], "chunk")?;
        Ok(Value::list(
            l.chunks(n).map(|c| Value::list(c.to_vec())).collect(),
        ))
    }),
    variadic("slice", &[P::Any], P::Any, |_, a| {
        let l = list_of(&a[0], "slice")?;
        let len = i64::try_from(l.len()).unwrap_or(0);
        let st = a.get(1).map_or(0, to_int64);
        let en = a.get(2).map_or(len, to_int64);
        if st < 0 || en > len || st > en {
            return Err(format!(
                "runtime error: slice bounds out of range [{st}:{en}]"
            ));
        }
        Ok(Value::list(
            l[usize::try_from(st).unwrap_or(0)..usize::try_from(en).unwrap_or(0)].to_vec(),
        ))
    }),
    variadic("dig", &[P::Any], P::Any, |_, a| {
        if a.len() < 3 {
            return Err("dig needs at least three arguments".into());
        }
        let n = a.len();
        let Value::Map(m) = &a[n - 1] else {
            return Err("last argument to dig must be a map".into());
        };
        let mut cur = Value::Map(m.clone());
        for k in &a[..n - 2] {
            let Value::Map(mm) = &cur else {
                return Ok(a[n - 2].clone());
            };
            match mm.get(&strval(k)) {
                Some(v) => cur = v,
                None => return Ok(a[n - 2].clone()),
            }
        }
        Ok(cur)
    }),
    fixed("typeOf", &[P::Any], |_, a| Ok(type_of(&a[0]).into())),
    fixed("kindOf", &[P::Any], |_, a| Ok(kind_of(&a[0]).into())),
    fixed("kindIs", &[P::String, P::Any], |_, a| {
        Ok((kind_of(&a[1]) == s(&a[0])).into())
    }),
    fixed("typeIs", &[P::String, P::Any], |_, a| {
        Ok((type_of(&a[1]) == s(&a[0])).into())
    }),
    fixed("typeIsLike", &[P::String, P::Any], |_, a| {
        let t = type_of(&a[1]);
        Ok((t == s(&a[0]) || format!("*{t}") == s(&a[0])).into())
    }),
    fixed("fail", &[P::String], |_, a| Err(s(&a[0]).to_string())),
];

fn push(_: &mut State<'_>, a: Vec<Value>) -> R {
    let mut l = match &a[0] {
        Value::List(l) => l.to_vec(),
        other => return Err(format!("Cannot push on type {}", other.type_name())),
    };
    l.push(a[1].clone());
    Ok(Value::list(l))
}

fn type_of(v: &Value) -> String {
    match v {
        Value::Missing | Value::Nil => "<nil>".into(),
        Value::Map(m) if m.read().elem == ElemKind::String => "map[string]string".into(),
        other => other.type_name(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Missing | Value::Nil => "invalid",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float64",
        Value::String(_) => "string",
        Value::List(_) => "slice",
        Value::Map(_) => "map",
        Value::Object(o) => {
            if o.type_name.starts_with('*') {
                "ptr"
            } else {
                "struct"
            }
        }
    }
}
