//! A YAML emitter reproducing sigs.k8s.io/yaml `Marshal` (JSON, then
//! go-yaml v2): sorted keys in go-yaml's order, unindented block sequences,
//! go-yaml's scalar styles and quoting, literal blocks for multi-line text,
//! and line folding of long scalars at 80 columns.

use std::cmp::Ordering;

use super::super::fmt as gofmt;
use super::super::value::Value;

const BEST_WIDTH: usize = 80;

/// sigs.k8s.io/yaml.Marshal of the value (ends with a newline).
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match norm(v) {
        Node::Map(m) if !m.is_empty() => write_map(&mut out, &m, 0, false),
        Node::List(l) if !l.is_empty() => write_list(&mut out, &l, 0, false),
        other => {
            write_scalar_value(&mut out, &other, 0, 0);
            out.push('\n');
        }
    }
    out
}

enum Node {
    Null,
    Bool(bool),
    Int(String),
    Float(String),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn norm(v: &Value) -> Node {
    match v {
        Value::Missing | Value::Nil => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Int(i) => Node::Int(i.to_string()),
        Value::Float(f) => float_node(*f),
        Value::String(s) => Node::Str(s.to_string()),
        Value::List(l) => Node::List(l.iter().map(norm).collect()),
        Value::Map(m) => {
            let mut e: Vec<(String, Node)> = m
                .snapshot()
                .iter()
                .map(|(k, x)| (k.clone(), norm(x)))
                .collect();
            e.sort_by(|a, b| key_cmp(&a.0, &b.0));
            Node::Map(e)
        }
        Value::Object(o) => {
            if o.is_nil {
                return Node::Null;
            }
            let mut e: Vec<(String, Node)> =
                o.fields.iter().map(|(k, x)| (k.clone(), norm(x))).collect();
            e.sort_by(|a, b| key_cmp(&a.0, &b.0));
            Node::Map(e)
        }
    }
}

fn float_node(f: f64) -> Node {
    if !f.is_finite() {
        return Node::Null;
    }
    // JSON text first (Go's encoding/json), then YAML resolves it.
    let a = f.abs();
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    if f.fract() == 0.0 && a < 1e21 {
        if a < 9.2e18 {
            return Node::Int(format!("{}", f as i64));
        }
        return Node::Float(gofmt::format_float(f, 'g', -1));
    }
    Node::Float(gofmt::format_float(f, 'g', -1))
}

/// go-yaml v2's key order: natural ordering of digit runs, letters after
/// other characters.
fn key_cmp(a: &str, b: &str) -> Ordering {
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
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
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
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, m: &[(String, Node)], indent: usize, first_inline: bool) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(out, indent);
        }
        let key = scalar_text(k, true, indent, indent);
        out.push_str(&key);
        out.push(':');
        write_value_after(out, v, indent, indent + key.chars().count() + 1, true);
    }
}

fn write_list(out: &mut String, l: &[Node], indent: usize, first_inline: bool) {
    for (i, v) in l.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(out, indent);
        }
        out.push('-');
        write_value_after(out, v, indent, indent + 1, false);
    }
}

/// Write a value following `key:` or `-` (at column `col`).
fn write_value_after(out: &mut String, v: &Node, indent: usize, col: usize, in_map: bool) {
    match v {
        Node::Map(m) if !m.is_empty() => {
            if in_map {
                out.push('\n');
                write_map(out, m, indent + 2, false);
            } else {
                out.push(' ');
                write_map(out, m, indent + 2, true);
            }
        }
        Node::List(l) if !l.is_empty() => {
            if in_map {
                out.push('\n');
                write_list(out, l, indent, false);
            } else {
                out.push(' ');
                write_list(out, l, indent + 2, true);
            }
        }
        other => {
            out.push(' ');
            write_scalar_value(out, other, indent + 2, col + 1);
            out.push('\n');
        }
    }
}

fn write_scalar_value(out: &mut String, v: &Node, indent: usize, col: usize) {
    match v {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(s) | Node::Float(s) => out.push_str(s),
        Node::Str(s) => out.push_str(&scalar_text(s, false, indent, col)),
        Node::List(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
    }
}

/// Does plain `s` resolve to something other than a string in YAML 1.1
/// (go-yaml v2's resolver)?
fn resolves_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
        ".NaN", ".NAN", "<<",
    ];
    if s.is_empty() || WORDS.contains(&s) {
        return true;
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return false;
    }
    // timestamps: 2006-1-2, optionally followed by a time
    {
        let date = s.split(['T', 't', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = date.split('-').collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
            && parts[1].len() <= 2
            && parts[2].len() <= 2
        {
            return true;
        }
    }
    let plain = s.replace('_', "");
    if super::super::parser::parse_go_int(&plain).is_some() {
        return true;
    }
    let b = plain.trim_start_matches(['+', '-']);
    if let Some(bin) = b.strip_prefix("0b")
        && !bin.is_empty()
        && bin.chars().all(|c| c == '0' || c == '1')
    {
        return true;
    }
    // float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let re_ok = {
        let (mant, exp) = match b.find(['e', 'E']) {
            Some(p) => (&b[..p], Some(&b[p + 1..])),
            None => (b, None),
        };
        let mant_ok = if let Some(frac) = mant.strip_prefix('.') {
            !frac.is_empty() && frac.chars().all(|c| c.is_ascii_digit())
        } else {
            let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
            !ip.is_empty()
                && ip.chars().all(|c| c.is_ascii_digit())
                && fp.chars().all(|c| c.is_ascii_digit())
        };
        let exp_ok = exp.is_none_or(|e| {
            let e = e.trim_start_matches(['+', '-']);
            !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
        });
        mant_ok && exp_ok
    };
    if re_ok {
        return true;
    }
    // base 60 float: 1:20
    let parts: Vec<&str> = b.split(':').collect();
    parts.len() > 1
        && parts[0].chars().next().is_some_and(|c| c.is_ascii_digit())
        && parts[0].chars().all(|c| c.is_ascii_digit() || c == '_')
        && parts[1..].iter().enumerate().all(|(i, p)| {
            let p = if i == parts.len() - 2 {
                p.split('.').next().unwrap_or("")
            } else {
                p
            };
            !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())
        })
}

fn is_printable(c: char) -> bool {
    let u = c as u32;
    c == '\n'
        || (0x20..=0x7e).contains(&u)
        || c == '\u{85}'
        || ((0xa0..=0xd7ff).contains(&u))
        || ((0xe000..=0xfffd).contains(&u) && u != 0xfeff)
        || (0x1_0000..=0x10_ffff).contains(&u)
}

#[derive(PartialEq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

fn choose_style(s: &str, simple_key: bool) -> Style {
    let requested = if s.contains('\n') {
        Style::Literal
    } else if !resolves_non_string(s) {
        Style::Plain
    } else {
        Style::Double
    };
    // analyze
    let chars: Vec<char> = s.chars().collect();
    let mut flow_ind = false;
    let mut block_ind = false;
    let mut special = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut line_breaks = false;
    if s.starts_with("---") || s.starts_with("...") {
        flow_ind = true;
        block_ind = true;
    }
    let mut prev_space = false;
    let mut prev_break = false;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let next_blank = chars
            .get(i + 1)
            .is_none_or(|x| *x == ' ' || *x == '\n' || *x == '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_ind = true;
                    block_ind = true;
                }
                '?' | ':' => {
                    flow_ind = true;
                    if next_blank {
                        block_ind = true;
                    }
                }
                '-' if next_blank => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_ind = true,
                ':' => {
                    flow_ind = true;
                    if next_blank {
                        block_ind = true;
                    }
                }
                '#' if chars[i - 1] == ' ' || chars[i - 1] == '\n' => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) || c == '\u{feff}' {
            special = true;
        }
        if c == '\n' {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i == n - 1 {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if c == '\n' {
            if i == 0 {
                leading_break = true;
            }
            if i == n - 1 {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
    }
    let mut block_plain = true;
    let mut single_ok = true;
    let mut block_ok = true;
    if leading_space || leading_break || trailing_space || trailing_break {
        block_plain = false;
    }
    if trailing_space {
        block_ok = false;
    }
    if break_space {
        block_plain = false;
        single_ok = false;
    }
    if space_break || special {
        block_plain = false;
        single_ok = false;
        block_ok = false;
    }
    if line_breaks {
        block_plain = false;
    }
    let _ = flow_ind;
    if block_ind {
        block_plain = false;
    }
    let mut style = requested;
    if style == Style::Plain && (!block_plain || (s.is_empty() && simple_key)) {
        style = Style::Single;
    }
    if style == Style::Single && !single_ok {
        style = Style::Double;
    }
    if style == Style::Literal && (!block_ok || simple_key) {
        style = Style::Double;
    }
    style
}

/// Render a string scalar. `indent` is the block indentation for
/// continuation lines, `col` the column where the scalar starts.
fn scalar_text(s: &str, simple_key: bool, indent: usize, col: usize) -> String {
    match choose_style(s, simple_key) {
        Style::Plain => fold(s, !simple_key, indent, col, FoldKind::Plain),
        Style::Single => fold(s, !simple_key, indent, col, FoldKind::Single),
        Style::Double => fold(s, !simple_key, indent, col, FoldKind::Double),
        Style::Literal => literal(s, indent),
    }
}

#[derive(PartialEq, Clone, Copy)]
enum FoldKind {
    Plain,
    Single,
    Double,
}

fn fold(s: &str, allow_breaks: bool, indent: usize, start_col: usize, kind: FoldKind) -> String {
    let mut out = String::new();
    let mut col = start_col;
    let chars: Vec<char> = s.chars().collect();
    match kind {
        FoldKind::Single => {
            out.push('\'');
            col += 1;
        }
        FoldKind::Double => {
            out.push('"');
            col += 1;
        }
        FoldKind::Plain => {}
    }
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_space = chars.get(i + 1) == Some(&' ');
            let can_break = match kind {
                FoldKind::Plain => allow_breaks && !spaces && col > BEST_WIDTH && !next_space,
                FoldKind::Single => {
                    allow_breaks
                        && !spaces
                        && col > BEST_WIDTH
                        && i != 0
                        && i != chars.len() - 1
                        && !next_space
                }
                FoldKind::Double => {
                    allow_breaks && !spaces && col > BEST_WIDTH && i != 0 && i != chars.len() - 1
                }
            };
            if can_break {
                out.push('\n');
                pad(&mut out, indent);
                col = indent;
                if kind == FoldKind::Double && next_space {
                    out.push('\\');
                    col += 1;
                }
            } else {
                out.push(' ');
                col += 1;
            }
            spaces = true;
            continue;
        }
        spaces = false;
        match kind {
            FoldKind::Single if c == '\'' => {
                out.push_str("''");
                col += 2;
            }
            FoldKind::Double => {
                let esc = match c {
                    '"' => Some("\\\"".to_string()),
                    '\\' => Some("\\\\".to_string()),
                    '\0' => Some("\\0".to_string()),
                    '\u{7}' => Some("\\a".to_string()),
                    '\u{8}' => Some("\\b".to_string()),
                    '\t' => Some("\\t".to_string()),
                    '\n' => Some("\\n".to_string()),
                    '\u{b}' => Some("\\v".to_string()),
                    '\u{c}' => Some("\\f".to_string()),
                    '\r' => Some("\\r".to_string()),
                    '\u{1b}' => Some("\\e".to_string()),
                    '\u{85}' => Some("\\N".to_string()),
                    '\u{a0}' => Some("\\_".to_string()),
                    '\u{2028}' => Some("\\L".to_string()),
                    '\u{2029}' => Some("\\P".to_string()),
                    c if !is_printable(c) || c == '\u{feff}' => {
                        let u = c as u32;
                        Some(if u <= 0xff {
                            format!("\\x{u:02X}")
                        } else if u <= 0xffff {
                            format!("\\u{u:04X}")
                        } else {
                            format!("\\U{u:08X}")
                        })
                    }
                    _ => None,
                };
                if let Some(e) = esc {
                    col += e.len();
                    out.push_str(&e);
                } else {
                    out.push(c);
                    col += 1;
                }
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    match kind {
        FoldKind::Single => out.push('\''),
        FoldKind::Double => out.push('"'),
        FoldKind::Plain => {}
    }
    out
}

fn literal(s: &str, indent: usize) -> String {
    let mut out = String::from("|");
    if s.starts_with(' ') || s.starts_with('\n') {
        out.push('2');
    }
    let trailing = s.len() - s.trim_end_matches('\n').len();
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    let body = if trailing == 1 {
        &s[..s.len() - 1]
    } else {
        s.trim_end_matches('\n')
    };
    let mut lines: Vec<&str> = body.split('\n').collect();
    if trailing > 1 {
        lines.extend(std::iter::repeat_n("", trailing - 1));
    }
    for line in lines {
        out.push('\n');
        if !line.is_empty() {
            pad(&mut out, indent.max(2).min(indent + 2).max(indent));
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_like_go_yaml() {
        let mut k = vec!["b", "a10", "a9", "_x", "B", "1"];
        k.sort_by(|a, b| key_cmp(a, b));
        // order checked against sigs.k8s.io/yaml v1.6.0
        assert_eq!(k, vec!["_x", "1", "B", "a9", "a10", "b"]);
    }

    #[test]
    fn quoting() {
        assert_eq!(scalar_text("true", false, 0, 0), "\"true\"");
        assert_eq!(scalar_text("", false, 0, 0), "\"\"");
        assert_eq!(scalar_text("- x", false, 0, 0), "'- x'");
        assert_eq!(scalar_text("plain", false, 0, 0), "plain");
    }
}
