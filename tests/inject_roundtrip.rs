//! Beyond istioctl: re-injecting is idempotent, and `--uninject` undoes
//! injection (uninject(inject(x)) equals x as Kubernetes reads it), checked on
//! every upstream default-settings input with the generated default config.
#![allow(clippy::print_stderr)]

mod support;

use std::path::PathBuf;

use mast::inject::{Config, Injector, Mode, inject_stream};
use mast::manifest::Source;

fn config() -> Config {
    let dir = support::default_inject_config();
    Config::from_files(
        &dir.join("inject-config.yaml"),
        Some(&dir.join("mesh-config.yaml")),
        Some(&dir.join("values.json")),
    )
    .unwrap()
}

fn run(inj: &Injector, input: &[u8], mode: Mode) -> Result<String, String> {
    let mut out = Vec::new();
    inject_stream(inj, input, &Source::Stdin, &mut out, mode, &mut Vec::new())
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8(out).unwrap())
}

/// Documents as Kubernetes reads them: a probe port named after a container
/// port is the same as that port's number.
fn docs(text: &str) -> Vec<Option<serde_json::Value>> {
    let mut out: Vec<Option<serde_json::Value>> = mast::manifest::read_str(text, Source::Stdin)
        .unwrap()
        .into_iter()
        .map(|d| d.value)
        .collect();
    for d in out.iter_mut().flatten() {
        resolve_named_ports(d);
    }
    out
}

fn resolve_named_ports(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::Array(containers)) = m.get_mut("containers") {
                for c in containers.iter_mut() {
                    let ports = c.get("ports").cloned().unwrap_or_default();
                    for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
                        for action in ["httpGet", "tcpSocket"] {
                            let Some(p) = c
                                .get_mut(probe)
                                .and_then(|p| p.get_mut(action))
                                .and_then(|a| a.get_mut("port"))
                            else {
                                continue;
                            };
                            let Some(name) = p.as_str().map(str::to_string) else {
                                continue;
                            };
                            let found = ports.as_array().and_then(|ps| {
                                ps.iter().find(|x| {
                                    x.get("name").and_then(serde_json::Value::as_str)
                                        == Some(name.as_str())
                                })
                            });
                            if let Some(n) = found {
                                *p = n["containerPort"].clone();
                            }
                        }
                    }
                }
            }
            for x in m.values_mut() {
                resolve_named_ports(x);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(resolve_named_ports),
        _ => {}
    }
}

/// Upstream's injection inputs (`pkg/kube/inject/testdata/inject/*.yaml`,
/// without the `.iop.yaml` settings files), sorted.
fn upstream_inputs() -> Vec<PathBuf> {
    let dir = support::require_path("MAST_ISTIO_SRC").join("pkg/kube/inject/testdata/inject");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| {
        p.extension().is_some_and(|x| x == "yaml") && !p.to_string_lossy().ends_with(".iop.yaml")
    });
    files.sort();
    files
}

#[test]
fn reinjection_is_idempotent_and_uninject_restores() {
    support::require_env("MAST_ISTIOCTL");
    let inj = config().injector("", true).unwrap();
    let files = upstream_inputs();
    let native = Mode {
        compat: false,
        uninject: false,
    };
    let compat = Mode {
        compat: true,
        uninject: false,
    };
    let un = Mode {
        compat: true,
        uninject: true,
    };
    let (mut total, mut idempotent, mut restored) = (0, 0, 0);
    let mut misses = Vec::new();
    for f in &files {
        let input = std::fs::read(f).unwrap();
        let Ok(once) = run(&inj, &input, native) else {
            continue;
        };
        total += 1;
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let twice = run(&inj, once.as_bytes(), native).unwrap();
        if twice == once {
            idempotent += 1;
        } else {
            misses.push(format!("{name}: re-injection changed the output"));
        }
        // Compare with the input as Kubernetes reads it (normalized by a
        // compat pass that injects nothing: uninject of plain input).
        let baseline = run(&inj, &input, un).unwrap();
        let back = run(&inj, run(&inj, &input, compat).unwrap().as_bytes(), un).unwrap();
        if docs(&back) == docs(&baseline) {
            restored += 1;
        } else {
            misses.push(format!("{name}: uninject(inject(x)) != x"));
        }
    }
    eprintln!(
        "roundtrip: {total} inputs, {idempotent} idempotent, {restored} restored by --uninject"
    );
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    assert!(total > 50);
    assert!(
        idempotent * 10 >= total * 9,
        "{idempotent}/{total} idempotent"
    );
    assert!(restored * 10 >= total * 7, "{restored}/{total} restored");
}

/// The embedded default gives what istioctl gives with the real generated
/// default config, on the upstream inputs that need no special settings.
#[test]
fn embedded_default_matches_generated_config() {
    support::require_env("MAST_ISTIOCTL");
    let files = upstream_inputs();
    let real = config();
    let emb = Config::embedded();
    let only = std::env::var("INJECT_CASE").ok();
    let (mut total, mut misses) = (0, Vec::new());
    for native in [false, true] {
        total += compare(
            &real.injector("", native).unwrap(),
            &emb.injector("", native).unwrap(),
            &files,
            only.as_deref(),
            &format!("native {native}"),
            &mut misses,
        );
    }
    let same = total - misses.len();
    eprintln!("embedded default: {total} runs, {same} identical to the generated config");
    for m in &misses {
        eprintln!("  miss: {m}");
    }
    if only.is_none() {
        // Every run of the pinned version's inputs (174) must be identical.
        assert!(total >= 174, "only {total} runs");
        assert_eq!(same, total, "{same}/{total} identical");
    }
}

/// Injects every file with both injectors (compat mode) and records where the
/// second differs from the first; returns the number of runs. Inputs the
/// first cannot inject, or that select other templates (out of the embedded
/// default's scope), do not count. With `only` (one case), a differing pair
/// is written to /tmp/emb-want.yaml and /tmp/emb-got.yaml.
fn compare(
    want_from: &Injector,
    got_from: &Injector,
    files: &[PathBuf],
    only: Option<&str>,
    what: &str,
    misses: &mut Vec<String>,
) -> usize {
    let mode = Mode {
        compat: true,
        uninject: false,
    };
    let mut total = 0;
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let input = std::fs::read(f).unwrap();
        let Ok(want) = run(want_from, &input, mode) else {
            continue;
        };
        if want.contains("inject.istio.io/templates") {
            continue;
        }
        total += 1;
        match run(got_from, &input, mode) {
            Ok(got) if got == want => {}
            Ok(got) => {
                if only.is_some() {
                    std::fs::write("/tmp/emb-want.yaml", &want).unwrap();
                    std::fs::write("/tmp/emb-got.yaml", &got).unwrap();
                }
                misses.push(format!("{name} ({what}): differs"));
            }
            Err(e) => misses.push(format!("{name} ({what}): {e}")),
        }
    }
    total
}

/// The embedded template honours the values the stock template reads: with
/// non-default values given to both (as `--valuesFile` does), the embedded
/// template still gives what the generated config's template gives.
#[test]
fn embedded_template_honours_values() {
    support::require_env("MAST_ISTIOCTL");
    let files = upstream_inputs();
    let real = config();
    // Two variants, each run in one native mode: CNI with most optional
    // features on; then the paths the first cannot take together.
    let cni = merged(
        &real.values,
        serde_json::json!({
            "pilot": {"cni": {"enabled": true, "provider": "multus"}},
            "global": {
                "logAsJson": true,
                "caName": "GkeWorkloadCertificate",
                "caAddress": "ca:15012",
                "mountMtlsCerts": true,
                "nativeNftables": true,
                "meshID": "mesh1",
                "network": "net1",
                "imagePullPolicy": "Always",
                "imagePullSecrets": ["s1", "s2"],
                "trustBundleName": "bundle",
                "proxy": {
                    "privileged": true,
                    "includeOutboundPorts": "11,12",
                    "excludeOutboundPorts": "13",
                    "seccompProfile": {"type": "RuntimeDefault"},
                    "outlierLogPath": "/dev/stdout",
                    "tracer": "datadog",
                    "capNetBindService": true
                }
            }
        }),
    );
    let other = merged(
        &real.values,
        serde_json::json!({
            "revision": "canary",
            "pilot": {"env": {"ENABLE_CLUSTER_TRUST_BUNDLE_API": true}, "crlConfigMapName": "crl"},
            "global": {
                "sts": {"servicePort": 15463},
                "proxy_init": {"forceApplyIptables": true},
                "proxy": {
                    "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
                    "holdApplicationUntilProxyStarts": true,
                    "resources": {},
                    "tracer": "lightstep",
                    "statusPort": 0,
                    "startupProbe": {"enabled": false}
                }
            }
        }),
    );
    let (mut total, mut misses) = (0, Vec::new());
    for (name, values, native) in [("cni", cni, false), ("other", other, true)] {
        let mut a = real.clone();
        a.values = values.clone();
        let mut b = Config::embedded();
        b.values = values;
        total += compare(
            &a.injector("", native).unwrap(),
            &b.injector("", native).unwrap(),
            &files,
            None,
            &format!("{name} values, native {native}"),
            &mut misses,
        );
    }
    eprintln!(
        "embedded template with other values: {total} runs, {} misses",
        misses.len()
    );
    assert!(total >= 150, "only {total} runs");
    assert!(misses.is_empty(), "{misses:#?}");
}

/// `base` with `patch`'s leaves written over it (objects merged recursively).
fn merged(base: &serde_json::Value, patch: serde_json::Value) -> serde_json::Value {
    let mut out = base.clone();
    match (&mut out, patch) {
        (serde_json::Value::Object(o), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                let cur = o.get(&k).cloned().unwrap_or(serde_json::Value::Null);
                o.insert(k, merged(&cur, v));
            }
        }
        (o, p) => *o = p,
    }
    out
}
