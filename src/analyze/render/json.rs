//! istioctl's JSON: `json.MarshalIndent(messages, "", "\t")`, keys sorted,
//! Go's HTML-safe escaping.

use std::fmt::Write as _;

use super::super::diag::Diagnostic;

/// Go's `encoding/json` string escaping (HTML-safe).
pub fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
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
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The key/value pairs of one message, in Go's sorted key order.
pub fn fields(d: &Diagnostic) -> Vec<(&'static str, String)> {
    let mut f = Vec::with_capacity(7);
    if let Some(c) = d.resource.as_ref().and_then(|r| r.cluster.as_ref()) {
        f.push(("cluster", c.clone()));
    }
    f.extend([
        ("code", d.code.to_string()),
        ("documentationUrl", d.documentation_url()),
        ("level", d.level.as_str().to_string()),
        ("message", d.message.clone()),
    ]);
    if let Some(r) = &d.resource {
        f.push(("origin", r.friendly_name()));
        if let Some(reference) = r.reference() {
            f.push(("reference", reference));
        }
    }
    f
}

/// The JSON block followed by a newline; `[]` when empty.
pub fn json(diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        return "[]\n".to_string();
    }
    let mut out = String::from("[\n");
    for (i, d) in diags.iter().enumerate() {
        out.push_str("\t{\n");
        let f = fields(d);
        for (j, (k, v)) in f.iter().enumerate() {
            out.push_str("\t\t\"");
            out.push_str(k);
            out.push_str("\": ");
            out.push_str(&go_json_string(v));
            if j + 1 < f.len() {
                out.push(',');
            }
            out.push('\n');
        }
        out.push_str("\t}");
        if i + 1 < diags.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str("]\n");
    out
}
