//! Conformance: every injection template execution of upstream's kube-inject
//! test cases (`pkg/kube/inject/testdata/inject` of the pinned Istio, with
//! the settings of `inject_goldens`), rendered by mast and by Go, compared
//! byte for byte.
//!
//! The Go side is the oracle `testenv/gotmpl/inject` (`testenv/gotmpl/build
//! inject`): Istio's own `inject.IntoResourceFile` with the same injector
//! config, values and mesh config files, whose templates are wrapped so that
//! each execution's text is recorded; Istio builds the template data
//! (`SidecarTemplateData`) and supplies its function map. On mast's side the
//! templates are wrapped the same way (a recording function that runs the
//! original template), so both record exactly what the injector parses.

#![allow(clippy::print_stderr)]

mod inject_cases;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use inject_cases::{Case, case_config, cases, config_dir};
use mast::inject::{Mode, inject_stream};
use mast::manifest::Source;
use mast::template::{Func, Param, Special, State, Template, Value};
use serde_json::json;

/// (template, output) of every execution, in order.
static RECORDED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Executions known to differ ("golden (template)"), with the reason.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

const ORIGINAL: &str = "mast-original";

#[allow(clippy::needless_pass_by_value)] // the engine's function signature
fn record(st: &mut State<'_>, a: Vec<Value>) -> Result<Value, String> {
    let out = st.include(ORIGINAL, &a[1])?;
    let name = a[0].as_str().unwrap_or_default().to_string();
    RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((name, out.clone()));
    Ok(Value::string(out))
}

/// Replace each template by one that runs the original and records its text.
fn recording(inj: &mut mast::inject::Injector, texts: &BTreeMap<String, String>) {
    let mut funcs = mast::inject::render::funcs();
    funcs.insert(Func {
        name: "mastRecord",
        params: &[Param::String, Param::Any],
        variadic: None,
        imp: record,
        special: Special::None,
    });
    for (name, text) in texts {
        let mut t = Template::new("inject", &funcs);
        t.add(ORIGINAL, text).expect("template parses");
        t.add("inject", &format!("{{{{ mastRecord {name:?} . }}}}"))
            .expect("wrapper parses");
        inj.templates.insert(name, t);
    }
}

/// Renders of one case by mast: the recorded executions, or the error.
fn mast_renders(
    case: &Case,
    dir: &Path,
    cache: &mut BTreeMap<String, mast::inject::Config>,
) -> Result<Vec<(String, String)>, String> {
    let cfg = case_config(case, dir, cache);
    let mut inj = cfg.injector("", case.native)?;
    inj.compliance_policy = case.env.map(|(_, v)| v.to_string()).unwrap_or_default();
    // Renders are recorded in execution order: one thread keeps it the
    // document order Go's oracle reports.
    inj.threads = 1;
    recording(&mut inj, &cfg.templates);
    RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    let input = std::fs::read(dir.join(&case.input)).unwrap();
    let res = inject_stream(
        &inj,
        &input[..],
        &Source::File(dir.join(&case.input)),
        &mut Vec::new(),
        Mode {
            compat: true,
            uninject: false,
        },
        &mut Vec::new(),
    );
    let recorded = std::mem::take(
        &mut *RECORDED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    res.map(|()| recorded).map_err(|e| e.to_string())
}

/// Renders of every case by Go (one oracle run for all cases).
fn go_renders(cases: &[Case], dir: &Path) -> Vec<Result<Vec<(String, String)>, String>> {
    let bin = support::gotmpl_oracle(Some("inject"));
    let jobs: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let cfg = config_dir(&c.sets, dir);
            json!({
                "name": c.golden,
                "config": cfg.join("inject-config.yaml"),
                "values": cfg.join("values.json"),
                "mesh": cfg.join("mesh-config.yaml"),
                "mesh_override": c.mesh.unwrap_or_default(),
                "input": dir.join(&c.input),
                "native": c.native,
                "compliance": c.env.map(|(_, v)| v).unwrap_or_default(),
            })
        })
        .collect();
    let mut child = Command::new(&bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run the gotmpl-inject oracle");
    serde_json::to_writer(child.stdin.take().unwrap(), &jobs).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "gotmpl-inject failed");
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    results
        .into_iter()
        .map(|r| match r["error"].as_str() {
            Some(e) => Err(e.to_string()),
            None => Ok(r["renders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| {
                    (
                        x["template"].as_str().unwrap().to_string(),
                        x["output"].as_str().unwrap().to_string(),
                    )
                })
                .collect()),
        })
        .collect()
}

#[test]
fn injection_templates_render_like_go() {
    support::require_env("MAST_ISTIOCTL");
    let src = support::require_path("MAST_ISTIO_SRC");
    let dir = src.join("pkg/kube/inject/testdata/inject");
    let only = std::env::var("INJECT_CASE").ok();
    let all: Vec<Case> = cases(&dir)
        .into_iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.golden.contains(o)))
        .collect();
    let go = go_renders(&all, &dir);
    let mut cache = BTreeMap::new();
    let (mut same, mut total) = (0, 0);
    let mut templates: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for (case, want) in all.iter().zip(go) {
        let got = mast_renders(case, &dir, &mut cache);
        let (want, got) = match (want, got) {
            (Ok(w), Ok(g)) => (w, g),
            (Err(w), Err(_)) => {
                eprintln!("  {}: both fail (go: {w})", case.golden);
                continue;
            }
            (w, g) => {
                total += 1;
                misses.push(format!("{}: go {w:?}, mast {g:?}", case.golden));
                continue;
            }
        };
        if want.len() != got.len() {
            total += want.len().max(got.len());
            misses.push(format!(
                "{}: go ran {} templates, mast {}",
                case.golden,
                want.len(),
                got.len()
            ));
            continue;
        }
        for ((wn, wt), (gn, gt)) in want.iter().zip(&got) {
            total += 1;
            let entry = templates.entry(wn.clone()).or_default();
            entry.1 += 1;
            if wn == gn && wt == gt {
                same += 1;
                entry.0 += 1;
            } else {
                misses.push(format!(
                    "{} ({wn}): {}",
                    case.golden,
                    support::first_difference(("go", wt), ("mast", gt))
                ));
                if only.is_some() {
                    std::fs::write("/tmp/inject-template-go.yaml", wt).unwrap();
                    std::fs::write("/tmp/inject-template-mast.yaml", gt).unwrap();
                }
            }
        }
    }
    let identical: BTreeSet<&String> = templates
        .iter()
        .filter(|(_, (s, t))| s == t)
        .map(|(n, _)| n)
        .collect();
    eprintln!(
        "injection templates: {} cases, {same}/{total} template executions byte-identical to Go; \
         templates always identical: {}/{} ({})",
        all.len(),
        identical.len(),
        templates.len(),
        templates
            .iter()
            .map(|(n, (s, t))| format!("{n} {s}/{t}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for m in &misses {
        eprintln!("  differs: {m}");
    }
    assert!(total > 0);
    let unexpected: Vec<&String> = misses
        .iter()
        .filter(|m| !KNOWN_DIFFERENCES.iter().any(|(n, _)| m.starts_with(n)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected differences: {unexpected:#?}"
    );
}
