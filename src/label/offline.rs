//! `label namespace -f FILE|-`: the same label change applied to Namespace
//! documents of a manifest stream instead of the cluster. Other documents
//! pass through byte for byte; changed Namespaces are re-emitted as
//! `kubectl`/`sigs.k8s.io/yaml` would write them.

use serde_json::Value;

use super::namespace::{Action, Change, Refusal, Rules, plan};
use super::selector::Labels;
use crate::goyaml;
use crate::manifest::Document;

/// What happened to one Namespace document.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub namespace: String,
    pub result: Result<Change, Refusal>,
}

/// The rewritten stream and each Namespace's outcome. `names` limits the
/// change to those Namespaces (each must be present); empty means all.
/// Nothing is rewritten unless every selected Namespace can be changed: the
/// caller checks the outcomes before writing the text.
pub fn rewrite(
    docs: &[Document],
    names: &[String],
    action: &Action,
    rules: Rules,
) -> Result<(String, Vec<Outcome>), String> {
    let mut outcomes = Vec::new();
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        let text = match &doc.value {
            Some(v) => {
                let mut v = v.clone();
                if edit_value(&mut v, names, action, rules, &mut outcomes) {
                    goyaml::to_string(&v)
                } else {
                    doc.raw.clone()
                }
            }
            None => doc.raw.clone(),
        };
        out.push_str(&text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    for n in names {
        if !outcomes.iter().any(|o| &o.namespace == n) {
            return Err(format!(
                "namespace {n} is not in the input (no Namespace document named {n})"
            ));
        }
    }
    if outcomes.is_empty() {
        return Err("the input has no Namespace documents".into());
    }
    Ok((out, outcomes))
}

/// Edit a Namespace (or the Namespaces of a `kind: List`); true if changed.
fn edit_value(
    v: &mut Value,
    names: &[String],
    action: &Action,
    rules: Rules,
    outcomes: &mut Vec<Outcome>,
) -> bool {
    match v.get("kind").and_then(Value::as_str) {
        Some("List") => {
            let mut changed = false;
            if let Some(items) = v.get_mut("items").and_then(Value::as_array_mut) {
                for item in items {
                    changed |= edit_value(item, names, action, rules, outcomes);
                }
            }
            changed
        }
        Some("Namespace") => {
            let name = v
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !names.is_empty() && !names.contains(&name) {
                return false;
            }
            let labels: Labels = v
                .pointer("/metadata/labels")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str().map_or_else(|| v.to_string(), str::to_string),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let result = plan(&name, &labels, action, rules);
            let changed = match &result {
                Ok(change) if !change.is_empty() => {
                    set_labels(v, change);
                    true
                }
                _ => false,
            };
            outcomes.push(Outcome {
                namespace: name,
                result,
            });
            changed
        }
        _ => false,
    }
}

fn set_labels(v: &mut Value, change: &Change) {
    let Some(obj) = v.as_object_mut() else { return };
    let meta = obj
        .entry("metadata")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    let Some(meta) = meta.as_object_mut() else {
        return;
    };
    let labels = meta
        .entry("labels")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !labels.is_object() {
        *labels = Value::Object(serde_json::Map::new());
    }
    let Some(labels) = labels.as_object_mut() else {
        return;
    };
    for k in &change.remove {
        labels.shift_remove(k);
    }
    for (k, val) in &change.set {
        labels.insert(k.clone(), Value::String(val.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{Source, read_str};

    const RULES: Rules = Rules {
        overwrite: false,
        force: false,
        istio_namespace: "istio-system",
    };

    const STREAM: &str = "# keep me\napiVersion: v1\nkind: ConfigMap\nmetadata:  {name: c}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n  labels: {istio-injection: disabled}\n";

    fn docs() -> Vec<Document> {
        read_str(STREAM, Source::Stdin).unwrap()
    }

    #[test]
    fn only_named_namespaces_change_and_others_pass_through() {
        let action = Action::Enable {
            revision: Some("canary".into()),
        };
        let (text, outcomes) = rewrite(&docs(), &["shop".into()], &action, RULES).unwrap();
        assert_eq!(outcomes.len(), 1);
        assert!(text.starts_with(
            "# keep me\napiVersion: v1\nkind: ConfigMap\nmetadata:  {name: c}\n---\n"
        ));
        assert!(
            text.contains(
                "kind: Namespace\nmetadata:\n  labels:\n    istio.io/rev: canary\n  name: shop\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("  labels: {istio-injection: disabled}\n"),
            "{text}"
        );
    }

    #[test]
    fn refusals_and_missing_names_are_reported() {
        let action = Action::Enable { revision: None };
        let (_, outcomes) = rewrite(&docs(), &[], &action, RULES).unwrap();
        assert!(outcomes[0].result.is_ok());
        assert!(
            outcomes[1].result.is_err(),
            "other has istio-injection=disabled"
        );
        assert!(rewrite(&docs(), &["nope".into()], &action, RULES).is_err());
    }
}
