//! Files → snapshot: read every document of every input, keep what parses,
//! report what does not (with file and line) without stopping.

use std::fmt;
use std::path::Path;

use crate::manifest::{self, Document, DocumentReader, Source};

use super::snapshot::{Resource, Snapshot, SnapshotOptions};

/// A document that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What reading the files produced besides resources.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files read, in order.
    pub files: Vec<Source>,
    pub errors: Vec<LoadError>,
    pub documents: usize,
}

/// Expand command-line paths: files, directories (recursive, hidden
/// directories such as `.git` and `.github` skipped) and `-`.
pub fn expand(args: &[String]) -> Result<Vec<Source>, manifest::Error> {
    let mut out = Vec::new();
    for arg in args {
        let root = Path::new(arg);
        let is_dir = arg != "-" && root.is_dir();
        for src in manifest::expand_paths(std::slice::from_ref(arg))? {
            if let (true, Source::File(p)) = (is_dir, &src) {
                let rel = p.strip_prefix(root).unwrap_or(p);
                let hidden = rel.parent().is_some_and(|d| {
                    d.components()
                        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                });
                if hidden {
                    continue;
                }
            }
            out.push(src);
        }
    }
    Ok(out)
}

fn add_document(
    mut doc: Document,
    opts: &SnapshotOptions,
    snap: &mut Snapshot,
    loaded: &mut Loaded,
) {
    if doc.value.as_ref().is_none_or(serde_json::Value::is_null) {
        return;
    }
    let origin = doc.origin.clone();
    if !doc.value.as_ref().is_some_and(serde_json::Value::is_object) {
        loaded.errors.push(LoadError {
            message: format!(
                "{origin} (document {}): not a Kubernetes object (expected a mapping)",
                origin.index + 1
            ),
        });
        return;
    }
    // Documents are parsed without field lines (resources compute them when a
    // finding needs them); a List's items need them now, for their origins.
    if doc.kind() == Some("List")
        && doc.fields.is_empty()
        && let Ok(p) = manifest::parse_document(&doc.raw, manifest::Limits::default())
    {
        doc.fields = p.lines;
    }
    for item in doc.expand_list() {
        let origin = item.origin.clone();
        match Resource::from_document(item, &opts.default_namespace) {
            Some(r) => {
                loaded.documents += 1;
                snap.insert(r);
            }
            None => loaded.errors.push(LoadError {
                message: format!(
                    "{origin} (document {}): unable to parse resource with no group, version and kind",
                    origin.index + 1
                ),
            }),
        }
    }
}

/// Read the sources into the snapshot. Syntax errors are collected, the
/// other documents of the file are still used.
pub fn load(sources: &[Source], opts: &SnapshotOptions, snap: &mut Snapshot) -> Loaded {
    let mut loaded = Loaded::default();
    for source in sources {
        loaded.files.push(source.clone());
        let reader = match manifest::open(source) {
            Ok(r) => r,
            Err(e) => {
                loaded.errors.push(LoadError {
                    message: e.to_string(),
                });
                continue;
            }
        };
        let mut docs = DocumentReader::new(reader, source.clone());
        while let Some(raw) = docs.next_raw() {
            match raw {
                Ok(raw) => {
                    match manifest::parse_raw_value(raw, source, manifest::Limits::default()) {
                        Ok(doc) => add_document(doc, opts, snap, &mut loaded),
                        Err(e) => loaded.errors.push(LoadError {
                            message: e.to_string(),
                        }),
                    }
                }
                Err(e) => {
                    // A reader-level failure: the rest of the file is unusable.
                    loaded.errors.push(LoadError {
                        message: e.to_string(),
                    });
                    break;
                }
            }
        }
    }
    loaded
}

/// Load YAML text (tests, stdin already read).
pub fn load_str(
    text: &str,
    source: &Source,
    opts: &SnapshotOptions,
    snap: &mut Snapshot,
) -> Loaded {
    let mut loaded = Loaded::default();
    let mut docs = DocumentReader::new(text.as_bytes(), source.clone());
    loaded.files.push(source.clone());
    while let Some(raw) = docs.next_raw() {
        match raw {
            Ok(raw) => match manifest::parse_raw_value(raw, source, manifest::Limits::default()) {
                Ok(doc) => add_document(doc, opts, snap, &mut loaded),
                Err(e) => loaded.errors.push(LoadError {
                    message: e.to_string(),
                }),
            },
            Err(e) => {
                loaded.errors.push(LoadError {
                    message: e.to_string(),
                });
                break;
            }
        }
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_documents_are_reported_and_the_rest_kept() {
        let mut snap = Snapshot::new("istio-system");
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nfoo: [\n---\nreplicas: 3\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: n}\n";
        let loaded = load_str(
            text,
            &Source::File("x.yaml".into()),
            &SnapshotOptions::default(),
            &mut snap,
        );
        assert_eq!(loaded.errors.len(), 2, "{:?}", loaded.errors);
        assert!(
            loaded.errors[0].message.starts_with("x.yaml:"),
            "{}",
            loaded.errors[0]
        );
        assert!(
            loaded.errors[1].message.contains("x.yaml:7"),
            "{}",
            loaded.errors[1]
        );
        assert!(
            loaded.errors[1]
                .message
                .contains("no group, version and kind")
        );
        assert_eq!(snap.of_kind("Service").count(), 1);
        assert_eq!(snap.of_kind("Namespace").count(), 1);
    }
}
