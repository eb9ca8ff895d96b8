//! EnvoyFilter patch values, decoded into their Envoy messages: mast must
//! report exactly the IST0106 / IST0133 messages the real istioctl reports.
//!
//! The EnvoyFilters are those of the pinned istio.io/istio module (samples,
//! analyzer and integration test data, read at test time) and the valid one
//! of `tests/data/analyze/validation.yaml`, each as written
//! and mutated node by node inside its patch values, `typed_config`s
//! included: a key renamed (an unknown field), a key removed, a value of
//! the wrong type, a quoted or fractional number, a duration without unit, a
//! lower-case enum value, an `@type` changed to a v2 or unknown type. Each
//! variant is its own resource, so every message is attributed.

#![allow(clippy::print_stderr)] // conformance reports go to the test log

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// The module's EnvoyFilter documents (CRD schemas and templates aside),
/// then the valid one of mast's validation fixture (a transport socket,
/// `TypedStruct`, a well-known type in `Any`).
fn envoy_filters() -> Vec<Value> {
    let src = support::istio_src();
    let mut files = Vec::new();
    for dir in ["samples", "pkg", "pilot", "tests", "operator", "manifests"] {
        support::yaml_files(&src.join(dir), &mut files);
    }
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/analyze/validation.yaml"));
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        if !text.contains("kind: EnvoyFilter") {
            continue;
        }
        let Ok(docs) = mast::manifest::read_str(&text, mast::manifest::Source::Stdin) else {
            continue;
        };
        for doc in docs {
            let Some(v) = doc.value else { continue };
            let is_ef = v["kind"] == "EnvoyFilter"
                && v["apiVersion"]
                    .as_str()
                    .is_some_and(|a| a.starts_with("networking.istio.io/"));
            let own = f.ends_with("validation.yaml");
            if is_ef
                && v["spec"]["configPatches"].is_array()
                && (!own || v["metadata"]["name"] == "ef-values")
            {
                out.push(v);
            }
        }
    }
    out
}

/// Replacement values for one node inside a patch value: the shared ones,
/// a wrapper mapping for numbers, an empty mapping for mappings, and other
/// types for `@type`.
fn mutations(key: &str, v: &Value) -> Vec<Value> {
    match v {
        Value::String(s) if key == "@type" => {
            let mut m = vec![
                json!("type.googleapis.com/example.NoSuchFilter"),
                json!(5),
                Value::Null,
            ];
            if s.contains(".v3.") {
                m.push(json!(s.replace(".v3.", ".v2.")));
            }
            m
        }
        Value::Number(n) => {
            let mut m = support::node_mutations(v);
            m.push(json!({"value": n}));
            m
        }
        Value::Object(_) => {
            let mut m = support::node_mutations(v);
            m.push(json!({}));
            m
        }
        _ => support::node_mutations(v),
    }
}

/// Every node below `v` with the key it is under (list items: their
/// list's key).
fn pointers(v: &Value, at: &str, key: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push((p.clone(), k.clone()));
                pointers(x, &p, k, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push((p.clone(), key.to_string()));
                pointers(x, &p, key, out);
            }
        }
        _ => {}
    }
}

/// The document with the node at `ptr` replaced, renamed or removed.
enum Change {
    Replace(Value),
    /// Rename a mapping's key (an unknown field in the decoder's eyes).
    Rename,
    Remove,
}

fn mutate(doc: &Value, ptr: &str, change: &Change) -> Option<Value> {
    let mut d = doc.clone();
    match change {
        Change::Replace(v) => *d.pointer_mut(ptr)? = v.clone(),
        Change::Rename | Change::Remove => {
            let (parent, key) = ptr.rsplit_once('/')?;
            let key = key.replace("~1", "/").replace("~0", "~");
            let obj = d.pointer_mut(parent)?.as_object_mut()?;
            let v = obj.shift_remove(&key)?;
            if matches!(change, Change::Rename) {
                obj.insert(format!("{key}Typo"), v);
            }
        }
    }
    Some(d)
}

/// `(resource, code, message)` of every IST0106 / IST0133 in `-o json`
/// output.
type Msgs = BTreeSet<(String, String, String)>;

fn schema_messages(stdout: &[u8]) -> Msgs {
    let messages = support::analyze_json(stdout).expect("-o json output");
    messages
        .iter()
        .filter(|m| matches!(m["code"].as_str(), Some("IST0106" | "IST0133")))
        .map(|m| {
            let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
            (s("origin"), s("code"), s("message"))
        })
        .collect()
}

fn run(tool: &Path, file: &Path) -> Msgs {
    let out = if tool.ends_with("mast") {
        Command::new(tool)
            .args(["analyze", "--use-kube=false", "-A", "-o", "json"])
            .arg(file)
            .output()
            .unwrap()
    } else {
        support::run_istioctl([
            "analyze".as_ref(),
            "--use-kube=false".as_ref(),
            "-A".as_ref(),
            "-o".as_ref(),
            "json".as_ref(),
            file.as_os_str(),
        ])
    };
    schema_messages(&out.stdout)
}

/// `(key, rest)` of a message `... unknown field "KEY" in MESSAGE`.
fn unknown_field(msg: &str) -> Option<(&str, String)> {
    let (head, tail) = msg.split_once("unknown field \"")?;
    let (key, rest) = tail.split_once("\" in ")?;
    Some((key, format!("{head}|{rest}")))
}

/// Whether some mapping in `v` has both keys.
fn same_mapping(v: &Value, a: &str, b: &str) -> bool {
    match v {
        Value::Object(m) => {
            (m.contains_key(a) && m.contains_key(b)) || m.values().any(|x| same_mapping(x, a, b))
        }
        Value::Array(items) => items.iter().any(|x| same_mapping(x, a, b)),
        _ => false,
    }
}

#[test]
fn mast_reports_istioctls_messages_for_mutated_patch_values() {
    let originals = envoy_filters();
    assert!(
        originals.len() >= 20,
        "only {} upstream EnvoyFilters",
        originals.len()
    );
    let mut docs = Vec::new();
    for (i, doc) in originals.iter().enumerate() {
        let mut variants = vec![doc.clone()];
        let patches = doc["spec"]["configPatches"].as_array().unwrap();
        for (j, cp) in patches.iter().enumerate() {
            let Some(value) = cp.pointer("/patch/value") else {
                continue;
            };
            let base = format!("/spec/configPatches/{j}/patch/value");
            let mut ptrs = Vec::new();
            pointers(value, &base, "", &mut ptrs);
            for (ptr, key) in ptrs {
                let node = doc.pointer(&ptr).unwrap();
                let mut changes: Vec<Change> = mutations(&key, node)
                    .into_iter()
                    .map(Change::Replace)
                    .collect();
                if ptr.rsplit('/').next().unwrap().parse::<usize>().is_err() {
                    changes.push(Change::Rename);
                    changes.push(Change::Remove);
                }
                variants.extend(changes.iter().filter_map(|c| mutate(doc, &ptr, c)));
            }
            // An unknown field added to the value itself.
            variants.extend(mutate(
                doc,
                &format!("{base}/bogusField"),
                &Change::Replace(json!(1)),
            ));
        }
        for (k, mut v) in variants.into_iter().enumerate() {
            v["metadata"] = json!({"name": format!("ef{i}-{k}"), "namespace": "ef"});
            docs.push(v);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("envoyfilters.yaml");
    let text: Vec<String> = docs.iter().map(Value::to_string).collect();
    std::fs::write(&file, text.join("\n---\n")).unwrap();

    let ist = run(&support::istioctl(), &file);
    let mast = run(Path::new(env!("CARGO_BIN_EXE_mast")), &file);
    let count = |m: &Msgs, code: &str| m.iter().filter(|x| x.1 == code).count();
    // Only the messages about patch values: the standing warning and the
    // match checks are covered elsewhere, and are the same in every variant.
    let about_values = |m: &Msgs| -> Msgs {
        m.iter()
            .filter(|x| {
                !x.2.contains("EnvoyFilter exposes internal implementation details")
            })
            .cloned()
            .collect()
    };
    let (ist_v, mast_v) = (about_values(&ist), about_values(&mast));
    assert!(
        count(&ist_v, "IST0106") > 500 && count(&ist_v, "IST0133") > 200,
        "too few messages from istioctl: {} IST0106, {} IST0133",
        count(&ist_v, "IST0106"),
        count(&ist_v, "IST0133")
    );
    let by_resource = |m: &Msgs| -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (r, c, t) in m {
            out.entry(r.clone()).or_default().push(format!("{c} {t}"));
        }
        out
    };
    let (ist_r, mast_r) = (by_resource(&ist), by_resource(&mast));
    let doc_of = |r: &str| {
        docs.iter()
            .find(|d| format!("EnvoyFilter ef/{}", d["metadata"]["name"].as_str().unwrap()) == r)
    };
    // Of several unknown fields in one message, Go's map order picks the
    // one istioctl names: the same message naming another key of the same
    // mapping agrees.
    let mut map_order = 0;
    let differing: Vec<&String> = ist_r
        .keys()
        .chain(mast_r.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|r| {
            let (Some(i), Some(m)) = (ist_r.get(*r), mast_r.get(*r)) else {
                return true;
            };
            if i == m {
                return false;
            }
            // The messages exactly the same but for those naming another
            // unknown key of the same mapping in the same message.
            let only_i: Vec<&String> = i.iter().filter(|a| !m.contains(a)).collect();
            let mut only_m: Vec<&String> = m.iter().filter(|b| !i.contains(b)).collect();
            let same = i.len() == m.len()
                && only_i.iter().all(|a| {
                    let found = only_m.iter().position(|b| {
                        unknown_field(a).zip(unknown_field(b)).is_some_and(
                            |((ka, ra), (kb, rb))| {
                                ra == rb
                                    && doc_of(r).is_some_and(|d| same_mapping(&d["spec"], ka, kb))
                            },
                        )
                    });
                    found.map(|p| only_m.remove(p)).is_some()
                });
            map_order += usize::from(same);
            !same
        })
        .collect();
    let report: Vec<String> = differing
        .iter()
        .take(20)
        .map(|r| {
            let doc = doc_of(r);
            format!(
                "{r}\n  istioctl: {:?}\n  mast:     {:?}\n  {}",
                ist_r.get(*r),
                mast_r.get(*r),
                doc.map(|d| d["spec"].to_string()).unwrap_or_default()
            )
        })
        .collect();
    eprintln!(
        "{} EnvoyFilters ({} as written); istioctl: {} IST0106, {} IST0133 about values; mast: {} IST0106, {} IST0133; {} resources differ, {} agree but for which of several unknown fields is named",
        docs.len(),
        originals.len(),
        count(&ist_v, "IST0106"),
        count(&ist_v, "IST0133"),
        count(&mast_v, "IST0106"),
        count(&mast_v, "IST0133"),
        differing.len(),
        map_order
    );
    assert!(
        differing.is_empty(),
        "{} of {} resources differ:\n{}",
        differing.len(),
        docs.len(),
        report.join("\n")
    );
}
