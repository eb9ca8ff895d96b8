//! istioctl's YAML: the JSON maps through `sigs.k8s.io/yaml` (go-yaml v2
//! emitter: sorted keys, plain scalars where allowed, single quotes when an
//! indicator forbids plain, double quotes for strings that read as another
//! type, lines folded at spaces past column 80).

use super::super::diag::Diagnostic;
use super::json::fields;

const BEST_WIDTH: usize = 80;

/// Whether a plain scalar would be read back as something other than a
/// string (YAML 1.1 booleans, nulls, numbers).
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN", "<<",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let t = s.replace('_', "");
    let t = t.strip_prefix(['+', '-']).unwrap_or(&t);
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(h) = t.strip_prefix("0x") {
        return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(b) = t.strip_prefix("0b") {
        return !b.is_empty() && b.chars().all(|c| c == '0' || c == '1');
    }
    t.parse::<f64>().is_ok() && t.chars().any(|c| c.is_ascii_digit())
}

#[derive(PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

fn style(s: &str) -> Style {
    if resolves_to_non_string(s) {
        return Style::Double;
    }
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return Style::Double;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut indicators = false;
    let first = chars[0];
    if "#,[]{}&*!|>'\"%@`".contains(first) {
        indicators = true;
    }
    if (first == '?' || first == ':' || first == '-') && chars.get(1).is_none_or(|c| *c == ' ') {
        indicators = true;
    }
    for (i, &c) in chars.iter().enumerate() {
        let next_blank = chars.get(i + 1).is_none_or(|c| *c == ' ');
        if c == ':' && next_blank {
            indicators = true;
        }
        if c == '#' && i > 0 && chars[i - 1] == ' ' {
            indicators = true;
        }
    }
    let lead_trail = first == ' ' || chars[chars.len() - 1] == ' ';
    if indicators || lead_trail || s.starts_with("---") || s.starts_with("...") {
        Style::Single
    } else {
        Style::Plain
    }
}

/// Write a scalar after `key: ` (column `col`), folding at spaces past the
/// best width with continuation lines indented by `indent`.
fn write_scalar(out: &mut String, s: &str, mut col: usize, indent: usize) {
    let st = style(s);
    if st == Style::Double {
        out.push_str(&super::json::go_json_string(s));
        return;
    }
    let quote = st == Style::Single;
    if quote {
        out.push('\'');
        col += 1;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_space = chars.get(i + 1).is_some_and(|n| *n == ' ');
            let inner = !quote || (i > 0 && i + 1 < chars.len());
            if !spaces && col > BEST_WIDTH && !next_space && inner {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
            } else {
                out.push(c);
                col += 1;
            }
            spaces = true;
        } else {
            if quote && c == '\'' {
                out.push('\'');
                col += 1;
            }
            out.push(c);
            col += 1;
            spaces = false;
        }
    }
    if quote {
        out.push('\'');
    }
}

/// The YAML block plus the newline istioctl's `Fprintln` adds; `[]` when empty.
pub fn yaml(diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        return "[]\n\n".to_string();
    }
    let mut out = String::new();
    for d in diags {
        for (j, (k, v)) in fields(d).iter().enumerate() {
            out.push_str(if j == 0 { "- " } else { "  " });
            out.push_str(k);
            out.push_str(": ");
            write_scalar(&mut out, v, 2 + k.len() + 2, 4);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(s: &str) -> String {
        let mut out = String::new();
        write_scalar(&mut out, s, 11, 4);
        out
    }

    #[test]
    fn quoting_follows_go_yaml() {
        assert_eq!(scalar("Error"), "Error");
        assert_eq!(scalar("a: \"b\""), "'a: \"b\"'");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("123"), "\"123\"");
        assert_eq!(scalar("it's"), "it's");
        assert_eq!(scalar("'x"), "'''x'");
    }

    #[test]
    fn long_lines_fold_past_column_80() {
        let s = "The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it";
        let out = scalar(s);
        let first = out.lines().next().unwrap();
        assert!(11 + first.len() > 80);
        assert!(out.contains("\n    "));
        assert_eq!(out.replace("\n    ", " "), s);
    }
}
