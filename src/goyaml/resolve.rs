//! Resolving plain YAML scalars the way go-yaml v2 (and so Kubernetes) reads them: YAML 1.1 rules
//! as implemented by go-yaml v2 (behind `sigs.k8s.io/yaml`). So `yes`, `on`
//! and `Off` are booleans, `0755` is octal, `1_000` is an integer, and
//! timestamps stay strings.

use serde_json::{Number, Value};

/// A plain scalar resolved to a JSON value, or an error for values JSON
/// cannot hold (infinities, NaN).
pub fn resolve_plain(text: &str) -> Result<Value, String> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Ok(Value::Bool(true));
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Ok(Value::Bool(false));
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return Err(format!(
                "unsupported value: {text} (JSON has no infinity or NaN)"
            ));
        }
        _ => {}
    }
    if !numeric_start(text) {
        return Ok(Value::String(text.to_string()));
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(n) = parse_go_int(&plain) {
        return Ok(Value::Number(n));
    }
    if is_yaml_float(&plain)
        && let Ok(f) = plain.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Ok(Value::Number(n));
    }
    Ok(Value::String(text.to_string()))
}

/// Whether a plain scalar could be a number (the rest are strings unless
/// they are one of the null, boolean or infinity words).
fn numeric_start(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
}

/// Whether [`resolve_plain`] reads `text` as a string, without building
/// the value (the emitter asks this of every string it writes).
pub fn resolves_to_string(text: &str) -> bool {
    let b = text.as_bytes();
    // None of the null, boolean or infinity words starts with another letter.
    let maybe_word = b.first().is_none_or(|c| {
        matches!(
            c,
            b'~' | b'n'
                | b'N'
                | b'y'
                | b'Y'
                | b't'
                | b'T'
                | b'o'
                | b'O'
                | b'f'
                | b'F'
                | b'.'
                | b'+'
                | b'-'
        )
    });
    if !maybe_word && !numeric_start(text) {
        return true;
    }
    let answer = resolves_to_string_slow(text);
    debug_assert_eq!(
        answer,
        matches!(resolve_plain(text), Ok(Value::String(_))),
        "{text:?}"
    );
    answer
}

/// [`resolves_to_string`] by [`resolve_plain`]'s rules, without building
/// the value.
fn resolves_to_string_slow(text: &str) -> bool {
    if matches!(
        text,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "y"
            | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "true"
            | "True"
            | "TRUE"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "false"
            | "False"
            | "FALSE"
            | "off"
            | "Off"
            | "OFF"
            | ".inf"
            | ".Inf"
            | ".INF"
            | "+.inf"
            | "+.Inf"
            | "+.INF"
            | "-.inf"
            | "-.Inf"
            | "-.INF"
            | ".nan"
            | ".NaN"
            | ".NAN"
    ) {
        return false;
    }
    if !numeric_start(text) {
        return true;
    }
    let plain: std::borrow::Cow<'_, str> = if text.contains('_') {
        text.chars()
            .filter(|&c| c != '_')
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    if parse_go_int(&plain).is_some() {
        return false;
    }
    !(is_yaml_float(&plain)
        && plain
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .is_some())
}

/// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint`: an
/// optional sign, then `0x`, `0o`, `0b` or a leading `0` (octal) prefix.
fn parse_go_int(s: &str) -> Option<Number> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) =
        if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, d)
        } else if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, d)
        } else if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, d)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if neg {
        if magnitude <= i64::MAX as u64 + 1 {
            #[allow(clippy::cast_possible_wrap)]
            let v = (magnitude as i64).wrapping_neg();
            return Some(Number::from(v));
        }
        return None;
    }
    if let Ok(v) = i64::try_from(magnitude) {
        Some(Number::from(v))
    } else {
        Some(Number::from(magnitude))
    }
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The string form of a non-string mapping key, as `sigs.k8s.io/yaml` makes it.
pub fn key_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n
            .as_f64()
            .filter(|_| n.is_f64())
            .map_or_else(|| n.to_string(), go_format_float),
        other => other.to_string(),
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest representation,
/// in exponent form when the decimal exponent is below -4 or at least 6.
pub fn go_format_float(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let s = format!("{f:e}");
    let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    // Go uses precision 6 for this decision when printing the shortest form.
    let eprec = 6;
    if e < -4 || e >= eprec {
        let sign = if e < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", e.abs());
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_to_string_agrees_with_resolve_plain() {
        for s in [
            "",
            "~",
            "null",
            "Null",
            "nil",
            "y",
            "yes",
            "Yes",
            "yaml",
            "true",
            "tru",
            "on",
            "one",
            "Off",
            "offset",
            "n",
            "no",
            "nope",
            "NO",
            "false",
            "F",
            ".inf",
            ".5",
            "+1",
            "-",
            "-x",
            "1",
            "0x1F",
            "0o7",
            "1_000",
            "1e3",
            "1.2.3",
            "v1",
            "web",
            "80",
            "8080/TCP",
            "10m",
            "istio-proxy",
            "OFF",
            "Null",
            "NULL",
            "~x",
        ] {
            assert_eq!(
                resolves_to_string(s),
                matches!(resolve_plain(s), Ok(Value::String(_))),
                "{s:?}"
            );
        }
    }

    fn r(s: &str) -> Value {
        resolve_plain(s).unwrap()
    }

    #[test]
    fn yaml_1_1_booleans() {
        for t in ["yes", "Yes", "on", "ON", "y", "true", "True"] {
            assert_eq!(r(t), json!(true), "{t}");
        }
        for f in ["no", "No", "off", "OFF", "n", "false"] {
            assert_eq!(r(f), json!(false), "{f}");
        }
        assert_eq!(r("yEs"), json!("yEs"));
    }

    #[test]
    fn nulls() {
        for n in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(r(n), Value::Null);
        }
    }

    #[test]
    fn integers_in_go_forms() {
        assert_eq!(r("0755"), json!(493));
        assert_eq!(r("0o17"), json!(15));
        assert_eq!(r("0x1F"), json!(31));
        assert_eq!(r("-0x1F"), json!(-31));
        assert_eq!(r("0b101"), json!(5));
        assert_eq!(r("1_000"), json!(1000));
        assert_eq!(r("+12"), json!(12));
        assert_eq!(r("0"), json!(0));
        assert_eq!(
            r("18446744073709551615"),
            json!(18_446_744_073_709_551_615_u64)
        );
        assert_eq!(r("089"), json!(89.0), "not octal, but a valid float");
    }

    #[test]
    fn floats() {
        assert_eq!(r("1.5"), json!(1.5));
        assert_eq!(r(".5"), json!(0.5));
        assert_eq!(r("1e3"), json!(1000.0));
        assert_eq!(r("1."), json!(1.0));
        assert!(resolve_plain(".inf").is_err());
    }

    #[test]
    fn strings_stay_strings() {
        assert_eq!(r("1.2.3"), json!("1.2.3"));
        assert_eq!(r("2001-12-14"), json!("2001-12-14"));
        assert_eq!(r("1:20"), json!("1:20"));
        assert_eq!(r("-"), json!("-"));
        assert_eq!(r("nginx"), json!("nginx"));
    }

    #[test]
    fn keys_become_strings() {
        assert_eq!(key_string(&json!(true)), "true");
        assert_eq!(key_string(&json!(80)), "80");
        assert_eq!(key_string(&json!(1.5)), "1.5");
        assert_eq!(go_format_float(1e6), "1e+06");
        assert_eq!(go_format_float(1e20), "1e+20");
        assert_eq!(go_format_float(123_456.0), "123456");
        assert_eq!(go_format_float(1_234_567.0), "1.234567e+06");
        assert_eq!(go_format_float(1e21), "1e+21");
        assert_eq!(go_format_float(0.0001), "0.0001");
        assert_eq!(go_format_float(0.00001), "1e-05");
    }
}
