//! GitHub Actions workflow commands: `::error file=F,line=N,title=T::message`.

use std::fmt::Write as _;

use super::super::diag::{Diagnostic, Level};
use crate::manifest::Source;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line per input error (a document that could not be read
/// or decoded), then per diagnostic.
pub fn github(diags: &[Diagnostic], input_errors: &[crate::manifest::Error]) -> String {
    let mut out = String::new();
    for e in input_errors {
        let mut props = Vec::new();
        if let Source::File(p) = &e.file {
            props.push(format!("file={}", escape_property(&p.to_string_lossy())));
            if let Some(line) = e.line.filter(|_| !e.file.is_json()) {
                props.push(format!("line={line}"));
            }
        }
        props.push("title=input error".to_string());
        let detail = match e.index {
            Some(i) => format!("document {}: {}", i + 1, e.detail()),
            None => e.detail(),
        };
        let _ = writeln!(out, "::error {}::{}", props.join(","), escape_data(&detail));
    }
    for d in diags {
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some((r, Some(Source::File(p)))) = d.resource.as_ref().map(|r| (r, &r.source)) {
            props.push(format!("file={}", escape_property(&p.to_string_lossy())));
            if r.line > 0 && !r.source.as_ref().is_some_and(Source::is_json) {
                props.push(format!("line={}", r.line));
            }
        }
        let title = match &d.resource {
            Some(r) => format!("{} {}", d.code, r.labelled_name()),
            None => d.code.to_string(),
        };
        props.push(format!("title={}", escape_property(&title)));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&d.message)
        );
    }
    out
}
