//! istioctl's log layout: `Error [IST0101] (Kind ns/name file:line) message`.

use super::super::diag::{Diagnostic, Level};

fn prefix(level: Level) -> &'static str {
    match level {
        Level::Error => "\x1b[1;31m",
        Level::Warning => "\x1b[33m",
        Level::Info => "",
    }
}

/// The whole block as istioctl prints it: lines joined by newlines, then one
/// newline (an empty result is a single empty line). With `color`, only the
/// level word is wrapped, exactly as istioctl does.
pub fn log(diags: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if color {
            out.push_str(prefix(d.level));
            out.push_str(d.level.as_str());
            out.push_str("\x1b[0m");
        } else {
            out.push_str(d.level.as_str());
        }
        out.push_str(" [");
        out.push_str(d.code);
        out.push(']');
        out.push_str(&d.origin());
        out.push(' ');
        out.push_str(&d.message);
    }
    out.push('\n');
    out
}
