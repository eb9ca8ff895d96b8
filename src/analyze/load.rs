//! Files → snapshot: read every document of every input, keep what parses,
//! report what does not (with file and line) without stopping.

use std::path::Path;

use crate::manifest::{self, DocumentReader, RawDocument, Source};

use super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot, SnapshotOptions};
use super::typed;

/// A document that could not be used: the manifest error naming its file,
/// document and line.
pub type LoadError = manifest::Error;

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

/// What documents contribute: resources (a List gives several) and errors,
/// in document order.
type Prepared = Vec<Result<Resource, LoadError>>;

/// Parse one raw document into resources, appended to `out` (pure, so
/// documents are prepared on several threads; appending spares a vector
/// per document).
fn prepare(raw: RawDocument, source: &Source, opts: &SnapshotOptions, out: &mut Prepared) {
    let mut doc = match manifest::parse_raw_value(raw, source, manifest::Limits::default()) {
        Ok(doc) => doc,
        Err(e) => {
            out.push(Err(e));
            return;
        }
    };
    if doc.value.as_ref().is_none_or(serde_json::Value::is_null) {
        return;
    }
    if !typed::is_json_text(&doc.raw)
        && let Some(v) = doc.value.as_mut()
    {
        typed::yaml_numbers_as_go(v);
    }
    if !doc.value.as_ref().is_some_and(serde_json::Value::is_object) {
        out.push(Err(manifest::Error::shape(
            &doc,
            "not a Kubernetes object (expected a mapping)",
        )));
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
    let is_list = doc.kind() == Some("List");
    let start = out.len();
    out.extend(doc.expand_list().into_iter().map(|item| {
        let origin = item.origin.clone();
        let res = Resource::from_document(item, &opts.default_namespace).ok_or_else(|| {
            at(
                &origin,
                origin.line,
                "unable to parse resource with no group, version and kind".into(),
            )
        })?;
        decodes(&res, &origin)?;
        if res.is_istio() && opts.validate_kinds.contains(&res.kind.as_str()) {
            res.validation();
        }
        if res.kind == "VirtualService" && res.group == ISTIO_NETWORKING {
            res.virtual_service();
        }
        Ok(res)
    }));
    // As istioctl, one bad item fails the whole List.
    if is_list && let Some(i) = out[start..].iter().position(Result::is_err) {
        let err = out.swap_remove(start + i);
        out.truncate(start);
        out.push(err);
    }
}

/// Whether istioctl could decode the object into its typed form (it skips
/// the document otherwise); the error names the field, with its line.
fn decodes(res: &Resource, origin: &manifest::Origin) -> Result<(), LoadError> {
    let Err(e) = typed::check_document(&res.api_version, &res.kind, &res.value) else {
        return Ok(());
    };
    let line = res
        .line_near(&format!(".{}", e.path))
        .unwrap_or(origin.line);
    let name = if res.namespace.is_empty() {
        res.name.clone()
    } else {
        format!("{}/{}", res.namespace, res.name)
    };
    Err(at(
        origin,
        line,
        format!("cannot decode {} {name}: {e}", res.kind),
    ))
}

/// An error about a document's content at an absolute line.
fn at(origin: &manifest::Origin, line: usize, message: String) -> LoadError {
    manifest::Error {
        file: origin.source.clone(),
        index: Some(origin.index),
        line: Some(line),
        column: None,
        kind: manifest::ErrorKind::Shape(message),
    }
}

/// Documents read ahead and parsed together: enough per thread that
/// starting the threads is negligible, few enough to bound what is held.
const BATCH: usize = 2048;
/// Below this many documents one thread parses them all.
const PARALLEL_MIN: usize = 64;

/// Documents a thread takes at a time: small enough that the threads finish
/// together (the first document of a kind waits for its type table, and one
/// thread may be slowed by page faults), large enough to make taking cheap.
const CHUNK: usize = 32;

/// Prepare a batch on all cores (at most 8), results in input order (one
/// vector per chunk). The threads take chunks of documents in turn until
/// none are left.
fn prepare_batch(raws: Vec<RawDocument>, source: &Source, opts: &SnapshotOptions) -> Vec<Prepared> {
    let prepare_all = |raws: Vec<RawDocument>| {
        let mut out = Vec::with_capacity(raws.len());
        for r in raws {
            prepare(r, source, opts, &mut out);
        }
        out
    };
    if raws.len() < PARALLEL_MIN {
        return vec![prepare_all(raws)];
    }
    let mut chunks: Vec<Vec<RawDocument>> = Vec::with_capacity(raws.len().div_ceil(CHUNK));
    let mut rest = raws.into_iter().peekable();
    while rest.peek().is_some() {
        chunks.push(rest.by_ref().take(CHUNK).collect());
    }
    crate::threads::map_in_turn(chunks, prepare_all)
}

/// Read one stream into the snapshot, a batch of documents at a time.
fn load_stream<R: std::io::BufRead>(
    reader: R,
    source: &Source,
    opts: &SnapshotOptions,
    snap: &mut Snapshot,
    loaded: &mut Loaded,
) {
    let mut docs = DocumentReader::new(reader, source.clone());
    let mut done = false;
    while !done {
        let mut raws = Vec::new();
        let mut failure = None;
        while raws.len() < BATCH {
            match docs.next_raw() {
                Some(Ok(raw)) => raws.push(raw),
                // A reader-level failure: the rest of the stream is unusable.
                Some(Err(e)) => {
                    failure = Some(e);
                    done = true;
                    break;
                }
                None => {
                    done = true;
                    break;
                }
            }
        }
        snap.reserve(raws.len());
        for item in prepare_batch(raws, source, opts).into_iter().flatten() {
            match item {
                Ok(mut r) => {
                    loaded.documents += 1;
                    r.cluster.clone_from(&opts.cluster);
                    snap.insert(r);
                }
                Err(e) => loaded.errors.push(e),
            }
        }
        loaded.errors.extend(failure);
    }
}

/// Read the sources into the snapshot. Syntax errors are collected, the
/// other documents of the file are still used. Documents are parsed on
/// several threads and added in input order.
pub fn load(sources: &[Source], opts: &SnapshotOptions, snap: &mut Snapshot) -> Loaded {
    let mut loaded = Loaded::default();
    for source in sources {
        loaded.files.push(source.clone());
        match manifest::open(source) {
            Ok(reader) => load_stream(reader, source, opts, snap, &mut loaded),
            Err(e) => loaded.errors.push(e),
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
    loaded.files.push(source.clone());
    load_stream(text.as_bytes(), source, opts, snap, &mut loaded);
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
            loaded.errors[0].to_string().starts_with("x.yaml:"),
            "{}",
            loaded.errors[0]
        );
        assert!(
            loaded.errors[1].to_string().contains("x.yaml:7"),
            "{}",
            loaded.errors[1]
        );
        assert!(
            loaded.errors[1]
                .detail()
                .contains("no group, version and kind")
        );
        assert_eq!(snap.of_kind("Service").count(), 1);
        assert_eq!(snap.of_kind("Namespace").count(), 1);
    }

    #[test]
    fn parallel_chunks_keep_input_order() {
        // More documents than one chunk per thread, with a bad one in between.
        let mut text = String::new();
        for i in 0..300 {
            if i == 150 {
                text.push_str("foo: [\n---\n");
            }
            let doc = format!(
                "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}, namespace: n}}\n---\n"
            );
            text += &doc;
        }
        let mut snap = Snapshot::new("istio-system");
        let loaded = load_str(
            &text,
            &Source::File("x.yaml".into()),
            &SnapshotOptions::default(),
            &mut snap,
        );
        assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
        assert!(
            loaded.errors[0]
                .to_string()
                .contains("x.yaml:601:6 (document 151)"),
            "{}",
            loaded.errors[0]
        );
        let names: Vec<&str> = snap.of_kind("Service").map(|r| r.name.as_str()).collect();
        let want: Vec<String> = (0..300).map(|i| format!("s{i}")).collect();
        assert_eq!(names, want);
    }
}
