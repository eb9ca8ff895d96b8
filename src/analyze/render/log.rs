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
///
/// With `escape` (stdout is a terminal), control characters in resource names
/// and messages are shown escaped, so a hostile name cannot drive the terminal.
pub fn log(diags: &[Diagnostic], color: bool, escape: bool) -> String {
    let clean = |s: &str| {
        if escape {
            crate::output::escape_terminal(s)
        } else {
            s.to_string()
        }
    };
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
        out.push_str(&clean(&d.origin()));
        out.push(' ');
        out.push_str(&clean(&d.message));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters_only_when_asked() {
        let d = Diagnostic {
            code: "IST0101",
            level: Level::Error,
            rule: "test",
            message: "host \x1b[31mred\x1b[0m not found".to_string(),
            resource: None,
        };
        let raw = log(std::slice::from_ref(&d), true, false);
        assert!(raw.contains("\x1b[31mred"), "{raw:?}");
        let safe = log(std::slice::from_ref(&d), true, true);
        assert!(!safe.contains("\x1b[31mred"), "{safe:?}");
        assert!(safe.contains("\\u{1b}[31mred"), "{safe:?}");
        // Our own colour for the level word stays.
        assert!(safe.starts_with("\x1b[1;31mError\x1b[0m"), "{safe:?}");
    }
}
