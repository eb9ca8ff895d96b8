//! Go's `fmt` verbs (`Sprint`, `Sprintln`, `Sprintf`) and `strconv` float
//! formatting, over template values.

use std::fmt::Write as _;

use super::value::Value;

/// `fmt.Sprint`: spaces between operands when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(a, Value::String(_));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        write_value(&mut out, a, 'v', &Flags::default(), 0);
        prev_string = is_string;
    }
    out
}

/// `fmt.Sprintln`: spaces always, newline at the end.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_value(&mut out, a, 'v', &Flags::default(), 0);
    }
    out.push('\n');
    out
}

/// `fmt.Sprint` of one value (`%v`).
pub fn display(v: &Value) -> String {
    if let Value::String(s) = v {
        return s.to_string();
    }
    let mut out = String::new();
    write_value(&mut out, v, 'v', &Flags::default(), 0);
    out
}

/// Go's fmt rejects widths and precisions above a million.
const TOO_LARGE: usize = 1_000_000;

#[derive(Default, Clone, Debug)]
struct Flags {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let bytes = format.as_bytes();
    let mut i = 0;
    let mut argn = 0;
    let mut reordered = false;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i] != b'%' {
            i += 1;
        }
        out.push_str(&format[start..i]);
        if i >= bytes.len() {
            break;
        }
        i += 1; // skip %
        let mut f = Flags::default();
        while i < bytes.len() {
            match bytes[i] {
                b'#' => f.sharp = true,
                b'0' => f.zero = true,
                b'+' => f.plus = true,
                b'-' => f.minus = true,
                b' ' => f.space = true,
                _ => break,
            }
            i += 1;
        }
        // argument index [n]
        if i < bytes.len()
            && bytes[i] == b'['
            && let Some(end) = format[i..].find(']')
        {
            if let Ok(n) = format[i + 1..i + end].parse::<usize>()
                && n >= 1
            {
                argn = n - 1;
                reordered = true;
            }
            i += end + 1;
        }
        // width
        if i < bytes.len() && bytes[i] == b'*' {
            i += 1;
            match args.get(argn) {
                Some(Value::Int(n)) if n.unsigned_abs() <= TOO_LARGE as u64 => {
                    if *n < 0 {
                        f.minus = true;
                        f.width = Some(usize::try_from(-*n).unwrap_or(0));
                    } else {
                        f.width = Some(usize::try_from(*n).unwrap_or(0));
                    }
                }
                _ => out.push_str("%!(BADWIDTH)"),
            }
            argn += 1;
        } else {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i > s {
                f.width = format[s..i].parse().ok().filter(|w| *w <= TOO_LARGE);
                if f.width.is_none() {
                    // Go's parsenum gives up and the verb is lost.
                    out.push_str("%!(NOVERB)");
                    break;
                }
            }
        }
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            if i < bytes.len() && bytes[i] == b'*' {
                i += 1;
                match args.get(argn) {
                    Some(Value::Int(n)) if *n >= 0 && n.unsigned_abs() <= TOO_LARGE as u64 => {
                        f.prec = Some(usize::try_from(*n).unwrap_or(0));
                    }
                    _ => out.push_str("%!(BADPREC)"),
                }
                argn += 1;
            } else {
                let s = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                f.prec = format[s..i]
                    .parse()
                    .ok()
                    .or(Some(0))
                    .filter(|p| *p <= TOO_LARGE);
                if f.prec.is_none() {
                    out.push_str("%!(NOVERB)");
                    break;
                }
            }
        }
        if f.minus {
            f.zero = false;
        }
        let Some(verb) = format[i..].chars().next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += verb.len_utf8();
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argn) else {
            let _ = write!(out, "%!{verb}(MISSING)");
            continue;
        };
        argn += 1;
        if verb == 'T' {
            let t = match arg {
                Value::Missing | Value::Nil => "<nil>".to_string(),
                other => other.type_name(),
            };
            pad(&mut out, &t, &f);
            continue;
        }
        write_value(&mut out, arg, verb, &f, 0);
    }
    if !reordered && argn < args.len() {
        out.push_str("%!(EXTRA ");
        for (k, a) in args[argn..].iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            if a.is_nil() {
                out.push_str("<nil>");
            } else {
                out.push_str(&a.type_name());
                out.push('=');
                write_value(&mut out, a, 'v', &Flags::default(), 0);
            }
        }
        out.push(')');
    }
    out
}

fn bad_verb(out: &mut String, v: &Value, verb: char, f: &Flags) {
    let _ = write!(out, "%!{verb}(");
    if v.is_nil() {
        out.push_str("<nil>");
    } else {
        out.push_str(&v.type_name());
        out.push('=');
        write_value(out, v, 'v', f, 1);
    }
    out.push(')');
}

/// `%#v`: Go syntax for the values templates see.
fn write_sharp_v(out: &mut String, v: &Value) {
    match v {
        Value::Missing | Value::Nil => out.push_str("<nil>"),
        Value::String(s) => out.push_str(&quote(s)),
        Value::List(items) => {
            out.push_str("[]interface {}{");
            for (k, it) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_sharp_v(out, it);
            }
            out.push('}');
        }
        Value::Map(m) => {
            out.push_str(m.read().type_name());
            out.push('{');
            for (k, (key, val)) in m.snapshot().iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(key));
                out.push(':');
                write_sharp_v(out, val);
            }
            out.push('}');
        }
        other => write_value(out, other, 'v', &Flags::default(), 1),
    }
}

fn pad(out: &mut String, s: &str, f: &Flags) {
    let Some(w) = f.width else {
        out.push_str(s);
        return;
    };
    let n = s.chars().count();
    if n >= w {
        out.push_str(s);
        return;
    }
    let fill = w - n;
    if f.minus {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', fill));
    } else {
        out.extend(std::iter::repeat_n(if f.zero { '0' } else { ' ' }, fill));
        out.push_str(s);
    }
}

/// Pad a number: zero padding goes after the sign.
fn pad_number(out: &mut String, s: &str, f: &Flags) {
    if f.zero
        && !f.minus
        && let Some(w) = f.width
    {
        let n = s.chars().count();
        if n < w {
            let (sign, rest) = if s.starts_with(['-', '+', ' ']) {
                s.split_at(1)
            } else {
                ("", s)
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', w - n));
            out.push_str(rest);
            return;
        }
    }
    pad(out, s, f);
}

fn write_value(out: &mut String, v: &Value, verb: char, f: &Flags, depth: usize) {
    if verb == 'v' && f.sharp {
        let mut s = String::new();
        write_sharp_v(&mut s, v);
        pad(out, &s, f);
        return;
    }
    if verb == 'v' && depth == 0 && f.plus && !matches!(v, Value::Object(_)) {
        let f2 = Flags {
            plus: false,
            ..f.clone()
        };
        write_value(out, v, verb, &f2, depth);
        return;
    }
    match v {
        Value::Missing | Value::Nil => {
            if depth > 0 || verb == 'v' {
                pad(
                    out,
                    "<nil>",
                    &Flags {
                        zero: false,
                        ..f.clone()
                    },
                );
            } else {
                bad_verb(out, v, verb, f);
            }
        }
        Value::Bool(b) => match verb {
            't' | 'v' => pad(out, if *b { "true" } else { "false" }, f),
            _ => bad_verb(out, v, verb, f),
        },
        Value::Int(i) => write_int(out, *i, verb, f, v),
        Value::Float(x) => write_float(out, *x, verb, f, v),
        Value::String(s) => write_str(out, s, verb, f, v),
        Value::List(items) => {
            if verb == 'T' {
                return;
            }
            let mut s = String::from("[");
            for (k, it) in items.iter().enumerate() {
                if k > 0 {
                    s.push(' ');
                }
                write_value(
                    &mut s,
                    it,
                    verb,
                    &Flags {
                        width: f.width,
                        ..f.clone()
                    },
                    depth + 1,
                );
            }
            s.push(']');
            out.push_str(&s);
        }
        Value::Map(m) => {
            out.push_str("map[");
            for (k, (key, val)) in m.snapshot().iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                write_str(out, key, verb, f, &Value::from(key.as_str()));
                out.push(':');
                write_value(out, val, verb, f, depth + 1);
            }
            out.push(']');
        }
        Value::Object(o) => {
            if let Some(d) = &o.display
                && matches!(verb, 'v' | 's' | 'q' | 'x' | 'X')
            {
                write_str(out, d, verb, f, &Value::from(d.as_str()));
                return;
            }
            if o.is_nil {
                pad(out, "<nil>", f);
                return;
            }
            if depth == 0 && o.type_name.starts_with('*') {
                out.push('&');
            }
            out.push('{');
            for (k, (name, val)) in o.fields().iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                if f.plus {
                    out.push_str(name);
                    out.push(':');
                }
                write_value(out, val, verb, f, depth + 1);
            }
            out.push('}');
        }
    }
}

fn write_int(out: &mut String, i: i64, verb: char, f: &Flags, v: &Value) {
    let neg = i < 0;
    let mag = i.unsigned_abs();
    let (digits, prefix) = match verb {
        'd' | 'v' => (mag.to_string(), ""),
        'b' => (format!("{mag:b}"), if f.sharp { "0b" } else { "" }),
        'o' => (format!("{mag:o}"), if f.sharp { "0" } else { "" }),
        'O' => (format!("{mag:o}"), "0o"),
        'x' => (format!("{mag:x}"), if f.sharp { "0x" } else { "" }),
        'X' => (format!("{mag:X}"), if f.sharp { "0X" } else { "" }),
        'c' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, &c.to_string(), f);
            return;
        }
        'q' => {
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            pad(out, &quote_rune(c), f);
            return;
        }
        'U' => {
            #[allow(clippy::cast_sign_loss)]
            let s = format!("U+{:04X}", i as u64);
            pad(out, &s, f);
            return;
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 's' | 't' => {
            bad_verb(out, v, verb, f);
            return;
        }
        _ => {
            bad_verb(out, v, verb, f);
            return;
        }
    };
    let mut digits = digits;
    if let Some(p) = f.prec {
        if p == 0 && i == 0 {
            digits = String::new();
        } else if digits.len() < p {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    let sign = if neg {
        "-"
    } else if f.plus {
        "+"
    } else if f.space {
        " "
    } else {
        ""
    };
    let s = format!("{sign}{prefix}{digits}");
    if f.prec.is_some() {
        pad(out, &s, f);
    } else {
        pad_number(out, &s, f);
    }
}

fn write_float(out: &mut String, x: f64, verb: char, f: &Flags, v: &Value) {
    let (fmt_char, prec) = match verb {
        'v' => ('g', f.prec.map_or(-1, to_i32)),
        'g' | 'G' | 'e' | 'E' | 'f' | 'F' => (
            verb,
            f.prec
                .map_or(if matches!(verb, 'g' | 'G') { -1 } else { 6 }, to_i32),
        ),
        _ => {
            bad_verb(out, v, verb, f);
            return;
        }
    };
    let mut s = format_float(x, fmt_char, prec);
    if f.sharp && matches!(fmt_char, 'g' | 'G') && !s.contains('.') && x.is_finite() {
        // %#g keeps a decimal point.
        if let Some(epos) = s.find(['e', 'E']) {
            s.insert(epos, '.');
        } else {
            s.push('.');
        }
    }
    if x.is_infinite() || x.is_nan() {
        let body = if x.is_nan() {
            "NaN".to_string()
        } else if x > 0.0 {
            "+Inf".to_string()
        } else {
            "-Inf".to_string()
        };
        let body = if x.is_nan() {
            if f.plus {
                "+NaN".into()
            } else if f.space {
                " NaN".into()
            } else {
                body
            }
        } else if x > 0.0 && !f.plus {
            if f.space { " Inf".into() } else { "Inf".into() }
        } else {
            body
        };
        pad(
            out,
            &body,
            &Flags {
                zero: false,
                ..f.clone()
            },
        );
        return;
    }
    if !s.starts_with('-') {
        if f.plus {
            s.insert(0, '+');
        } else if f.space {
            s.insert(0, ' ');
        }
    }
    pad_number(out, &s, f);
}

fn to_i32(p: usize) -> i32 {
    i32::try_from(p).unwrap_or(i32::MAX)
}

fn write_str(out: &mut String, s: &str, verb: char, f: &Flags, v: &Value) {
    match verb {
        's' | 'v' => {
            if let Some(p) = f.prec {
                let t: String = s.chars().take(p).collect();
                pad(out, &t, f);
            } else {
                pad(out, s, f);
            }
        }
        'q' => {
            let s = match f.prec {
                Some(p) => s.chars().take(p).collect::<String>(),
                None => s.to_string(),
            };
            let q =
                if f.sharp && !s.contains('`') && !s.chars().any(|c| c.is_control() && c != '\t') {
                    format!("`{s}`")
                } else {
                    quote_with(&s, f.plus)
                };
            pad(out, &q, f);
        }
        'x' | 'X' => {
            let bytes = s.as_bytes();
            let bytes = match f.prec {
                Some(p) if p < bytes.len() => &bytes[..p],
                _ => bytes,
            };
            let mut h = String::new();
            for (k, b) in bytes.iter().enumerate() {
                if f.space && k > 0 {
                    h.push(' ');
                }
                if f.sharp && (f.space || k == 0) {
                    h.push_str(if verb == 'x' { "0x" } else { "0X" });
                }
                if verb == 'x' {
                    let _ = write!(h, "{b:02x}");
                } else {
                    let _ = write!(h, "{b:02X}");
                }
            }
            pad(out, &h, f);
        }
        _ => bad_verb(out, v, verb, f),
    }
}

/// Go's `strconv.Quote` (or `QuoteToASCII` when `ascii`).
pub fn quote_with(s: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape_char(&mut out, c, '"', ascii);
    }
    out.push('"');
    out
}

/// Go's `strconv.Quote`.
pub fn quote(s: &str) -> String {
    quote_with(s, false)
}

fn quote_rune(c: char) -> String {
    let mut out = String::from("'");
    escape_char(&mut out, c, '\'', false);
    out.push('\'');
    out
}

fn escape_char(out: &mut String, c: char, q: char, ascii: bool) {
    match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        c if c == q => {
            out.push('\\');
            out.push(c);
        }
        c if (c as u32) < 0x20 || c == '\u{7f}' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if (c as u32) < 0x7f => out.push(c),
        c if !ascii && is_print(c) => out.push(c),
        c if (c as u32) < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\U{:08x}", c as u32);
        }
    }
}

/// An approximation of Go's `unicode.IsPrint` for non-ASCII characters.
pub fn is_print(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (0x80..=0x9f).contains(&u)
        || u == 0xad
        || (0x200b..=0x200f).contains(&u)
        || (0x2028..=0x202e).contains(&u)
        || (0x2060..=0x206f).contains(&u)
        || u == 0xfeff
        || (0xfff9..=0xfffb).contains(&u)
        || (0xe000..=0xf8ff).contains(&u)
        || u == 0xfffe
        || u == 0xffff
        || (c.is_whitespace() && c != ' '))
}

/// Decimal digits and decimal-point position of `x` (positive), either the
/// shortest round-trip form (`sig == None`) or rounded to `sig` significant
/// digits. Trailing zeros are trimmed. Returns (digits, dp) with value
/// `0.digits * 10^dp`.
fn decimal_digits(x: f64, sig: Option<usize>) -> (String, i32) {
    let s = match sig {
        None => format!("{x:e}"),
        Some(p) => format!("{:.*e}", p.saturating_sub(1), x),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if digits == "0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// Go's `strconv.FormatFloat(x, fmt, prec, 64)` for fmt in `e E f F g G`.
pub fn format_float(x: f64, fmt: char, prec: i32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = x.is_sign_negative();
    let a = x.abs();
    let body = match fmt {
        'f' | 'F' => {
            if prec < 0 {
                let (d, dp) = decimal_digits(a, None);
                fmt_f(
                    &d,
                    dp,
                    usize::try_from((to_i32(d.len()) - dp).max(0)).unwrap_or(0),
                )
            } else {
                format!("{:.*}", usize::try_from(prec).unwrap_or(0), a)
            }
        }
        'e' | 'E' => {
            let s = if prec < 0 {
                let (d, dp) = decimal_digits(a, None);
                fmt_e(&d, dp, d.len() - 1)
            } else {
                let p = usize::try_from(prec).unwrap_or(0);
                let (d, dp) = decimal_digits(a, Some(p + 1));
                fmt_e(&d, dp, p)
            };
            if fmt == 'E' { s.to_uppercase() } else { s }
        }
        _ => {
            let shortest = prec < 0;
            let (d, dp) = if shortest {
                decimal_digits(a, None)
            } else {
                decimal_digits(a, Some(usize::try_from(prec.max(1)).unwrap_or(1)))
            };
            let mut eprec = if shortest { 6 } else { prec.max(1) };
            let nd = to_i32(d.len());
            if !shortest && eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            let s = if exp < -4 || exp >= eprec {
                fmt_e(&d, dp, d.len() - 1)
            } else {
                fmt_f(&d, dp, usize::try_from((nd - dp).max(0)).unwrap_or(0))
            };
            if fmt == 'G' { s.to_uppercase() } else { s }
        }
    };
    if neg { format!("-{body}") } else { body }
}

fn fmt_e(d: &str, dp: i32, frac: usize) -> String {
    let mut s = String::new();
    let bytes = d.as_bytes();
    s.push(bytes[0] as char);
    if frac > 0 {
        s.push('.');
        for k in 1..=frac {
            s.push(bytes.get(k).map_or('0', |b| *b as char));
        }
    }
    let exp = if d == "0" { 0 } else { dp - 1 };
    let _ = write!(s, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    s
}

fn fmt_f(d: &str, dp: i32, frac: usize) -> String {
    let bytes = d.as_bytes();
    let mut s = String::new();
    if dp > 0 {
        for k in 0..usize::try_from(dp).unwrap_or(0) {
            s.push(bytes.get(k).map_or('0', |b| *b as char));
        }
    } else {
        s.push('0');
    }
    if frac > 0 {
        s.push('.');
        for k in 0..frac {
            let idx = i64::from(dp) + i64::try_from(k).unwrap_or(0);
            let c = if idx < 0 {
                '0'
            } else {
                bytes
                    .get(usize::try_from(idx).unwrap_or(usize::MAX))
                    .map_or('0', |b| *b as char)
            };
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
#[allow(clippy::approx_constant)] // 3.14159 is test data, not an approximation of PI
mod tests {
    use super::*;

    #[test]
    fn floats_like_go() {
        assert_eq!(format_float(1_000_000.0, 'g', -1), "1e+06");
        assert_eq!(format_float(123_456.0, 'g', -1), "123456");
        assert_eq!(format_float(0.5, 'g', -1), "0.5");
        assert_eq!(format_float(0.000_01, 'g', -1), "1e-05");
        assert_eq!(format_float(1_234_567.0, 'g', -1), "1.234567e+06");
        assert_eq!(format_float(3.14159, 'f', 2), "3.14");
        assert_eq!(format_float(100.0, 'g', 3), "100");
        assert_eq!(format_float(0.0, 'g', -1), "0");
    }

    #[test]
    fn printf_verbs() {
        let args = [Value::from("hi"), Value::Int(42)];
        assert_eq!(sprintf("%s=%d", &args), "hi=42");
        assert_eq!(sprintf("%-5s|%5d", &args), "hi   |   42");
        assert_eq!(sprintf("%d", &[Value::from("x")]), "%!d(string=x)");
        assert_eq!(sprintf("%d %d", &[Value::Int(1)]), "1 %!d(MISSING)");
    }
}
