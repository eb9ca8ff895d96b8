//! The document pipeline: registered kinds are decoded, injected and
//! re-serialized; every other document is copied byte for byte. Each output
//! document is followed by `---\n`.

use std::io::{BufRead, Write};

use serde_json::{Value as Json, json};

use super::pod::{Injector, Owner, inject};
use super::policy::{Decision, Reason, decide};
use super::schema::{Kind, Schema, normalize};
use super::uninject;
use crate::goyaml;
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
        }
    }
}

impl std::error::Error for Error {}

/// Inject every document of one stream, writing to `out`.
pub fn inject_stream<R: BufRead, W: Write>(
    inj: &Injector,
    reader: R,
    source: &Source,
    out: &mut W,
    mode: Mode,
    outcomes: &mut Vec<Outcome>,
) -> Result<(), Error> {
    let mut docs = DocumentReader::new(reader, source.clone());
    while let Some(raw) = docs.next_raw() {
        let raw = raw.map_err(Error::Manifest)?;
        let text = process_raw(inj, raw, source, mode, outcomes)?;
        out.write_all(text.as_bytes()).map_err(Error::Io)?;
        out.write_all(b"---\n").map_err(Error::Io)?;
    }
    Ok(())
}

fn process_raw(
    inj: &Injector,
    raw: RawDocument,
    source: &Source,
    mode: Mode,
    outcomes: &mut Vec<Outcome>,
) -> Result<String, Error> {
    let index = raw.index;
    let raw_text = raw.text.clone();
    let doc = manifest::parse_raw_value(raw, source, manifest::Limits::default())
        .map_err(Error::Manifest)?;
    let line = doc.origin.line;
    let value = match &doc.value {
        None => return Ok(raw_text),
        Some(Json::Object(_)) => doc.value.clone().unwrap_or(Json::Null),
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
    let kind = value
        .get("kind")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    if Schema::get().root(&kind).is_none() {
        return Ok(raw_text);
    }
    let err = |message: String, data: bool| Error::Inject {
        source: source.clone(),
        index,
        line,
        message,
        data,
    };
    let (obj, changed) = process_object(inj, &value, mode, outcomes).map_err(|(m, d)| err(m, d))?;
    if !changed && !mode.compat {
        return Ok(raw_text);
    }
    Ok(goyaml::to_string(&obj))
}

/// Decode, inject (or skip) one registered object. Returns the encoded
/// object and whether anything was injected in it.
fn process_object(
    inj: &Injector,
    value: &Json,
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
    let mut obj = normalize(value, &Kind::Struct(root), "")
        .map_err(|e| (format!("error unmarshaling JSON: {e}"), true))?;
    if kind == "List" {
        let mut changed = false;
        if let Some(items) = obj.get_mut("items").and_then(Json::as_array_mut) {
            for item in items.iter_mut() {
                let ik = item.get("kind").and_then(Json::as_str).unwrap_or_default();
                if s.root(ik).is_some() {
                    let (o, c) = process_object(inj, item, mode, outcomes)?;
                    *item = o;
                    changed |= c;
                }
            }
        }
        return Ok((obj, changed));
    }
    let api_version = obj
        .get("apiVersion")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let obj_name = obj
        .pointer("/metadata/name")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let obj_ns = obj
        .pointer("/metadata/namespace")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    // Where the pod template is.
    let (meta_ptr, spec_ptr) = match kind.as_str() {
        "Pod" => ("/metadata", "/spec"),
        "CronJob" => (
            "/spec/jobTemplate/metadata",
            "/spec/jobTemplate/spec/template/spec",
        ),
        _ => ("/spec/template/metadata", "/spec/template/spec"),
    };
    if obj.pointer(spec_ptr).is_none() {
        return Err(("spec.template is required value".into(), true));
    }
    let meta = obj.pointer(meta_ptr).cloned().unwrap_or_else(|| json!({}));
    let spec = obj.pointer(spec_ptr).cloned().unwrap_or_else(|| json!({}));
    let name = meta
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
    if mode.uninject {
        let pod = json!({"metadata": meta, "spec": spec});
        if !uninject::is_injected(&pod) {
            return Ok((obj, false));
        }
        let clean = uninject::uninject_pod(&pod);
        *obj.pointer_mut(meta_ptr).expect("metadata") = clean["metadata"].clone();
        *obj.pointer_mut(spec_ptr).expect("spec") = clean["spec"].clone();
        outcomes.push(Outcome {
            kind,
            name: full_name,
            skipped: None,
            warning: None,
            uninjected: true,
        });
        let obj = normalize(&obj, &Kind::Struct(root), "").map_err(|e| (e.to_string(), false))?;
        return Ok((obj, true));
    }
    let Decision {
        inject: yes,
        reason,
    } = decide(&meta, &spec);
    if !yes {
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
        deploy_meta_from_pod(&obj)
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
    let mut pod = json!({"metadata": meta, "spec": spec});
    if !mode.compat && uninject::is_injected(&pod) {
        // Re-injection starts from the pod as it was before injection.
        pod = uninject::uninject_pod(&pod);
    }
    let injected = inject(inj, &pod, &owner).map_err(|m| (m, false))?;
    *obj.pointer_mut(meta_ptr).expect("metadata") = injected["metadata"].clone();
    *obj.pointer_mut(spec_ptr).expect("spec") = injected["spec"].clone();
    outcomes.push(Outcome {
        kind,
        name: full_name,
        skipped: None,
        warning: None,
        uninjected: false,
    });
    let obj = normalize(&obj, &Kind::Struct(root), "").map_err(|e| (e.to_string(), false))?;
    Ok((obj, true))
}

/// `GetDeployMetaFromPod`: the controller that owns a pod, as far as the
/// pod's own fields tell.
fn deploy_meta_from_pod(pod: &Json) -> (String, String, String, String) {
    let name = pod
        .pointer("/metadata/name")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let ns = pod
        .pointer("/metadata/namespace")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    let gen_name = pod
        .pointer("/metadata/generateName")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let labels = pod.pointer("/metadata/labels");
    let label = |k: &str| labels.and_then(|l| l.get(k)).and_then(Json::as_str);
    let mut out = (name, ns.clone(), "v1".to_string(), "Pod".to_string());
    if gen_name.is_empty() {
        return out;
    }
    let owner = pod
        .pointer("/metadata/ownerReferences")
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
