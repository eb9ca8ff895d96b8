//! The document pipeline: registered kinds are decoded, injected and
//! re-serialized; every other document is copied byte for byte. Each output
//! document is followed by `---\n`.

use std::io::{BufRead, Write};

use serde_json::{Map, Value as Json, json};

use super::pod::{Injector, Owner, inject};
use super::policy::{Decision, Reason, decide};
use super::schema::{Kind, Schema, normalize, normalize_owned};
use super::uninject;
use crate::goyaml;
use crate::json_pointer::Pointer as _;
use crate::manifest::{self, DocumentReader, RawDocument, Source};

/// What happened to one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub kind: String,
    pub name: String,
    /// `None` when injected.
    pub skipped: Option<Reason>,
    /// Upstream's warning text for skips that it reports.
    pub warning: Option<String>,
    /// `--uninject` removed a sidecar from it.
    pub uninjected: bool,
}

/// Options beyond the injector config.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// Reproduce istioctl exactly (skipped documents re-serialized,
    /// injected pods injected again as they are).
    pub compat: bool,
    /// Remove injection instead of injecting.
    pub uninject: bool,
}

/// An injection failure in a document.
#[derive(Debug)]
pub enum Error {
    Manifest(manifest::Error),
    Inject {
        source: Source,
        index: usize,
        line: usize,
        message: String,
        /// Bad input data (exit 65) rather than a config/template problem.
        data: bool,
    },
    Io(std::io::Error),
    /// The injector config is unusable (a template that does not parse).
    Config(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Manifest(e) => write!(f, "{e}"),
            Error::Inject {
                source,
                index,
                line,
                message,
                ..
            } => write!(f, "{source}:{line} (document {}): {message}", index + 1),
            Error::Io(e) => write!(f, "{e}"),
            Error::Config(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Inject every document of one stream, writing to `out`. What happened to
/// each object goes to `outcomes` as soon as its document is written (a
/// `Vec`, or a sink that drops them when nobody reads the report, which keeps
/// memory bounded for any stream length).
///
/// Documents are independent, so with more than one worker thread (see
/// [`workers`]) they are injected in parallel while this thread reads and
/// splits the stream and writes the results in stream order: the output, the
/// outcomes and the first error (in stream order) are the same as with one
/// thread. At most a few documents per worker are in flight, so memory stays
/// bounded for any stream length.
pub fn inject_stream<R: BufRead, W: Write>(
    inj: &Injector,
    reader: R,
    source: &Source,
    out: &mut W,
    mode: Mode,
    outcomes: &mut impl Extend<Outcome>,
) -> Result<(), Error> {
    let mut docs = DocumentReader::new(reader, source.clone());
    let first = docs.next_raw();
    let second = match first {
        Some(Ok(_)) => docs.next_raw(),
        _ => None,
    };
    let threads = match inj.threads {
        0 => workers(),
        n => n,
    };
    if threads <= 1 || second.is_none() {
        let mut sink = Sink::new(inj, out, outcomes);
        for raw in [first, second]
            .into_iter()
            .flatten()
            .chain(std::iter::from_fn(|| docs.next_raw()))
        {
            let raw = raw.map_err(Error::Manifest);
            let done = raw.and_then(|raw| process_doc(inj, raw, source, mode));
            sink.emit(done)?;
        }
        return Ok(());
    }
    let pending = [first, second]
        .into_iter()
        .flatten()
        .chain(std::iter::from_fn(|| docs.next_raw()));
    parallel(inj, pending, source, out, mode, outcomes, threads)
}

/// How many threads inject documents: `MAST_INJECT_THREADS` if set (1 runs
/// everything on the calling thread), else the available parallelism, at
/// most 8.
pub fn workers() -> usize {
    if let Some(n) = std::env::var("MAST_INJECT_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return n.max(1);
    }
    crate::threads::available()
}

/// One processed document: its output text and what happened to its objects.
type Done = Result<(String, Vec<Outcome>), Error>;

fn process_doc(inj: &Injector, raw: RawDocument, source: &Source, mode: Mode) -> Done {
    let mut outcomes = Vec::new();
    let text = process_raw(inj, raw, source, mode, &mut outcomes)?;
    Ok((text, outcomes))
}

/// Where processed documents go, in stream order.
struct Sink<'a, W, O> {
    inj: &'a Injector,
    out: &'a mut W,
    outcomes: &'a mut O,
    checked: bool,
}

impl<'a, W: Write, O: Extend<Outcome>> Sink<'a, W, O> {
    fn new(inj: &'a Injector, out: &'a mut W, outcomes: &'a mut O) -> Self {
        Sink {
            inj,
            out,
            outcomes,
            checked: false,
        }
    }

    fn emit(&mut self, done: Done) -> Result<(), Error> {
        if !self.checked {
            // Every template must parse, used or not (istioctl parses them
            // all before reading input); the ones not needed yet are parsed
            // in the background, so the first result waits for them.
            self.inj.check_templates().map_err(Error::Config)?;
            self.checked = true;
        }
        let (text, outcomes) = done?;
        self.out.write_all(text.as_bytes()).map_err(Error::Io)?;
        self.out.write_all(b"---\n").map_err(Error::Io)?;
        self.outcomes.extend(outcomes);
        Ok(())
    }
}

fn parallel<W: Write>(
    inj: &Injector,
    mut docs: impl Iterator<Item = Result<RawDocument, manifest::Error>>,
    source: &Source,
    out: &mut W,
    mode: Mode,
    outcomes: &mut impl Extend<Outcome>,
    threads: usize,
) -> Result<(), Error> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};

    let stop = AtomicBool::new(false);
    let in_flight_max = threads * 4;
    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, RawDocument)>(in_flight_max);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::channel::<(usize, Done)>();
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let stop = &stop;
            scope.spawn(move || {
                loop {
                    let job = work_rx
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .recv();
                    let Ok((seq, raw)) = job else { break };
                    if stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    // A panic (a bug) must not leave the writer waiting for
                    // this document: it becomes the document's error.
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        process_doc(inj, raw, source, mode)
                    }))
                    .unwrap_or_else(|_| {
                        Err(Error::Io(std::io::Error::other(
                            "internal error: injecting the document panicked",
                        )))
                    });
                    if done_tx.send((seq, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut sink = Sink::new(inj, out, outcomes);
        let mut work_tx = Some(work_tx);
        let (mut sent, mut written) = (0usize, 0usize);
        let mut read_error = None;
        let mut ready: BTreeMap<usize, Done> = BTreeMap::new();
        let result = loop {
            while read_error.is_none() && sent - written < in_flight_max {
                let Some(tx) = &work_tx else { break };
                match docs.next() {
                    None => {
                        work_tx = None;
                    }
                    Some(Err(e)) => {
                        read_error = Some(Error::Manifest(e));
                        work_tx = None;
                    }
                    Some(Ok(raw)) => {
                        if tx.send((sent, raw)).is_err() {
                            break;
                        }
                        sent += 1;
                    }
                }
            }
            if written == sent {
                break read_error.map_or(Ok(()), Err);
            }
            let Ok((seq, done)) = done_rx.recv() else {
                break Err(Error::Io(std::io::Error::other("an inject worker stopped")));
            };
            ready.insert(seq, done);
            let mut failed = None;
            while let Some(done) = ready.remove(&written) {
                written += 1;
                if let Err(e) = sink.emit(done) {
                    failed = Some(e);
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
        };
        stop.store(true, Ordering::Relaxed);
        drop(work_tx);
        result
    })
}

fn process_raw(
    inj: &Injector,
    raw: RawDocument,
    source: &Source,
    mode: Mode,
    outcomes: &mut Vec<Outcome>,
) -> Result<String, Error> {
    let index = raw.index;
    let doc = manifest::parse_raw_value(raw, source, manifest::Limits::default())
        .map_err(Error::Manifest)?;
    let line = doc.origin.line;
    let value = match doc.value {
        None => return Ok(doc.raw),
        Some(v @ Json::Object(_)) => v,
        Some(_) => {
            return Err(Error::Inject {
                source: source.clone(),
                index,
                line,
                message: "error unmarshaling JSON: the document is not a mapping".into(),
                data: true,
            });
        }
    };
    let kind = value.get("kind").and_then(Json::as_str).unwrap_or_default();
    if Schema::get().root(kind).is_none() {
        return Ok(doc.raw);
    }
    let err = |message: String, data: bool| Error::Inject {
        source: source.clone(),
        index,
        line,
        message,
        data,
    };
    let (obj, changed) = process_object(inj, value, mode, outcomes).map_err(|(m, d)| err(m, d))?;
    if !changed && !mode.compat {
        return Ok(doc.raw);
    }
    Ok(goyaml::to_string(&obj))
}

/// Replace the value at `ptr` (which exists) by `v`.
fn put(obj: &mut Json, ptr: &str, v: Json) {
    *obj.at_mut(ptr).expect("decoded object has the field") = v;
}

/// In debug builds (the tests), check that `v` is already what decoding it
/// as `kind` gives, where a decode pass was left out because of that.
fn debug_check_normalized(v: &Json, kind: &Kind) {
    if cfg!(debug_assertions) {
        let again = normalize(v, kind, "");
        debug_assert!(again.as_ref() == Ok(v), "not normalized: {v}");
    }
}

/// Decode, inject (or skip) one registered object. Returns the encoded
/// object and whether anything was injected in it.
fn process_object(
    inj: &Injector,
    value: Json,
    mode: Mode,
    outcomes: &mut Vec<Outcome>,
) -> Result<(Json, bool), (String, bool)> {
    let s = Schema::get();
    let kind = value
        .get("kind")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let root = s.root(&kind).expect("registered kind");
    let mut obj = normalize_owned(value, &Kind::Struct(root), "")
        .map_err(|e| (format!("error unmarshaling JSON: {e}"), true))?;
    if kind == "List" {
        let mut changed = false;
        if let Some(items) = obj.get_mut("items").and_then(Json::as_array_mut) {
            for item in items.iter_mut() {
                let ik = item.get("kind").and_then(Json::as_str).unwrap_or_default();
                if s.root(ik).is_some() {
                    let (o, c) = process_object(inj, item.take(), mode, outcomes)?;
                    *item = o;
                    changed |= c;
                }
            }
        }
        return Ok((obj, changed));
    }
    let str_at = |obj: &Json, ptr: &str| {
        obj.at(ptr)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let api_version = str_at(&obj, "/apiVersion");
    let obj_name = str_at(&obj, "/metadata/name");
    let obj_ns = str_at(&obj, "/metadata/namespace");
    // Where the pod template is.
    let (meta_ptr, spec_ptr) = match kind.as_str() {
        "Pod" => ("/metadata", "/spec"),
        "CronJob" => (
            "/spec/jobTemplate/metadata",
            "/spec/jobTemplate/spec/template/spec",
        ),
        _ => ("/spec/template/metadata", "/spec/template/spec"),
    };
    let Some(spec) = obj.at_mut(spec_ptr).map(Json::take) else {
        return Err(("spec.template is required value".into(), true));
    };
    // The decoded object always has the pod template's metadata.
    let meta = obj.at_mut(meta_ptr).map_or_else(|| json!({}), Json::take);
    // (Not `json!`, which would copy both through serde.)
    let mut pod = Json::Object(Map::from_iter([
        ("metadata".to_string(), meta),
        ("spec".to_string(), spec),
    ]));
    let name = pod["metadata"]
        .get("name")
        .and_then(Json::as_str)
        .filter(|n| !n.is_empty())
        .unwrap_or(&obj_name)
        .to_string();
    let full_name = if obj_ns.is_empty() {
        name.clone()
    } else {
        format!("{obj_ns}/{name}")
    };
    let restore = |obj: &mut Json, mut pod: Json| {
        if obj.at(meta_ptr).is_some() {
            put(obj, meta_ptr, pod["metadata"].take());
        }
        put(obj, spec_ptr, pod["spec"].take());
    };
    if mode.uninject {
        if !uninject::is_injected(&pod) {
            restore(&mut obj, pod);
            return Ok((obj, false));
        }
        let clean = uninject::uninject_pod(&pod);
        restore(&mut obj, clean);
        outcomes.push(Outcome {
            kind,
            name: full_name,
            skipped: None,
            warning: None,
            uninjected: true,
        });
        let obj =
            normalize_owned(obj, &Kind::Struct(root), "").map_err(|e| (e.to_string(), false))?;
        return Ok((obj, true));
    }
    let Decision {
        inject: yes,
        reason,
    } = decide(&pod["metadata"], &pod["spec"]);
    if !yes {
        restore(&mut obj, pod);
        let what = if reason == Reason::HostNetwork {
            "has host networking enabled"
        } else {
            "has sidecar injection disabled"
        };
        let kind_part = if kind.is_empty() {
            String::new()
        } else {
            format!("{kind} ")
        };
        outcomes.push(Outcome {
            kind: kind.clone(),
            name: full_name.clone(),
            skipped: Some(reason),
            uninjected: false,
            warning: Some(format!(
                "===> Skipping injection because {kind_part}\"{full_name}\" {what}\n"
            )),
        });
        return Ok((obj, false));
    }
    let (dep_name, dep_ns, type_api, type_kind) = if kind == "Pod" {
        deploy_meta_from_pod(&pod)
    } else {
        (
            obj_name.clone(),
            obj_ns.clone(),
            api_version.clone(),
            kind.clone(),
        )
    };
    let owner = Owner {
        api_version: type_api,
        kind: type_kind,
        name: dep_name,
        namespace: dep_ns,
    };
    // The pod's metadata and spec are decoded already, unless re-injection
    // starts from the pod as it was before injection.
    let mut decoded = true;
    if !mode.compat && uninject::is_injected(&pod) {
        pod = uninject::uninject_pod(&pod);
        decoded = false;
    }
    let injected = inject(inj, pod, decoded, &owner).map_err(|m| (m, false))?;
    restore(&mut obj, injected);
    outcomes.push(Outcome {
        kind,
        name: full_name,
        skipped: None,
        warning: None,
        uninjected: false,
    });
    // The injected pod is in decoded form (inject decodes after the merge
    // and post-processing keeps it so) and the rest of the object was
    // decoded above.
    debug_check_normalized(&obj, &Kind::Struct(root));
    Ok((obj, true))
}

/// `GetDeployMetaFromPod`: the controller that owns a pod, as far as the
/// pod's own fields tell.
fn deploy_meta_from_pod(pod: &Json) -> (String, String, String, String) {
    let name = pod
        .at("/metadata/name")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let ns = pod
        .at("/metadata/namespace")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let gen_name = pod
        .at("/metadata/generateName")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let labels = pod.at("/metadata/labels");
    let label = |k: &str| labels.and_then(|l| l.get(k)).and_then(Json::as_str);
    let mut out = (name, ns.clone(), "v1".to_string(), "Pod".to_string());
    if gen_name.is_empty() {
        return out;
    }
    let owner = pod
        .at("/metadata/ownerReferences")
        .and_then(Json::as_array)
        .and_then(|refs| {
            refs.iter()
                .find(|r| r.get("controller").and_then(Json::as_bool) == Some(true))
        });
    let Some(owner) = owner else { return out };
    let okind = owner.get("kind").and_then(Json::as_str).unwrap_or_default();
    let oname = owner
        .get("name")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let oapi = owner
        .get("apiVersion")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    out = (oname.clone(), ns.clone(), oapi, okind.to_string());
    if okind == "ReplicaSet"
        && let Some(h) = label("pod-template-hash")
        && let Some(d) = oname.strip_suffix(&format!("-{h}"))
    {
        out = (
            d.to_string(),
            ns.clone(),
            "apps/v1".into(),
            "Deployment".into(),
        );
    } else if okind == "ReplicationController" && label("deploymentconfig").is_some() {
        out = (
            label("deploymentconfig").unwrap_or_default().to_string(),
            ns.clone(),
            "apps.openshift.io/v1".into(),
            "DeploymentConfig".into(),
        );
    } else if okind == "Job"
        && let Some((base, suffix)) = oname.rsplit_once('-')
        && (8..=10).contains(&suffix.len())
        && suffix.bytes().all(|b| b.is_ascii_digit())
    {
        out = (base.to_string(), ns, "batch/v1".into(), "CronJob".into());
    }
    out
}
