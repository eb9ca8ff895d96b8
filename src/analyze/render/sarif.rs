//! SARIF 2.1.0 for code scanning: one result per diagnostic, with the file
//! and line as a physical location and the resource as a logical one.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::super::catalog;
use super::super::diag::{Diagnostic, Level, documentation_url};
use crate::manifest::Source;

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

fn uri(source: &Source) -> String {
    match source {
        Source::Stdin => "stdin".to_string(),
        Source::File(p) => {
            let s = p.to_string_lossy().replace('\\', "/");
            s.strip_prefix("./").unwrap_or(&s).to_string()
        }
    }
}

/// An input error (a document that could not be read or decoded) as a tool
/// execution notification, with its file and line.
fn notification(e: &crate::manifest::Error) -> Value {
    let text = match e.index {
        Some(i) => format!("document {}: {}", i + 1, e.detail()),
        None => e.detail(),
    };
    let mut n = json!({"level": "error", "message": {"text": text}});
    if !matches!(e.file, Source::Stdin) {
        let mut physical = json!({"artifactLocation": {"uri": uri(&e.file)}});
        if let Some(line) = e.line.filter(|_| !e.file.is_json()) {
            physical["region"] = json!({"startLine": line});
        }
        n["locations"] = json!([{"physicalLocation": physical}]);
    }
    n
}

/// The SARIF log as a JSON value. Input errors are the invocation's tool
/// execution notifications (the run is then not successful).
pub fn sarif(
    diags: &[Diagnostic],
    input_errors: &[crate::manifest::Error],
    version: &str,
) -> Value {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diags {
        let n = rule_index.len();
        rule_index.entry(d.code).or_insert(n);
    }
    let mut codes: Vec<(&str, usize)> = rule_index.iter().map(|(c, i)| (*c, *i)).collect();
    codes.sort_by_key(|(_, i)| *i);
    let rules: Vec<Value> = codes
        .iter()
        .map(|(code, _)| {
            let m = catalog::message(code);
            json!({
                "id": code,
                "name": m.map_or(*code, |m| m.name),
                "shortDescription": {"text": m.map_or("", |m| m.description)},
                "helpUri": documentation_url(code),
                "defaultConfiguration": {"level": sarif_level(m.map_or(Level::Error, |m| m.level))},
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": sarif_level(d.level),
                "message": {"text": d.message},
            });
            if let Some(r) = &d.resource {
                let mut location = json!({
                    "logicalLocations": [{"fullyQualifiedName": r.friendly_name(), "kind": "resource"}]
                });
                if let Some(src) = r.source.as_ref().filter(|s| !matches!(s, Source::Stdin)) {
                    let mut physical = json!({"artifactLocation": {"uri": uri(src)}});
                    if r.line > 0 && !src.is_json() {
                        physical["region"] = json!({"startLine": r.line});
                    }
                    location["physicalLocation"] = physical;
                }
                result["locations"] = json!([location]);
                result["message"]["text"] = Value::String(format!("{} ({})", d.message, r.labelled_name()));
                if let Some(c) = &r.cluster {
                    result["properties"] = json!({"cluster": c});
                }
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mast",
                "informationUri": "https://istio.io/latest/docs/reference/config/analysis/",
                "version": version,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": input_errors.is_empty(),
                "toolExecutionNotifications": input_errors.iter().map(notification).collect::<Vec<_>>(),
            }],
            "results": results,
        }]
    })
}
