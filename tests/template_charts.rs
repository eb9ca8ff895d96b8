//! Conformance: Istio's Helm charts (base, istiod, gateway) of the pinned
//! Istio version (`$MAST_ISTIO_SRC/manifests/charts`) rendered by
//! `mast::template::chart` and by Helm's own engine (the Go oracle
//! `testenv/gotmpl`, `-chart` mode: Helm's loader, `chartutil.ToRenderValues`,
//! `engine.Render`), with the default profile (the charts' own values),
//! compared file by file, byte for byte.

#![allow(clippy::print_stderr)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use mast::template::Value;
use mast::template::chart::{Chart, Release};

/// (chart directory under `manifests/charts`, release name, namespace).
const CHARTS: &[(&str, &str, &str)] = &[
    ("base", "istio-base", "istio-system"),
    ("istio-control/istio-discovery", "istiod", "istio-system"),
    ("gateway", "istio-ingressgateway", "istio-ingress"),
];

/// Files known to differ, with the reason. Empty: every file is identical.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn helm_render(bin: &str, dir: &Path, release: &str, ns: &str) -> BTreeMap<String, String> {
    let out = Command::new(bin)
        .arg("-chart")
        .arg(dir)
        .arg(release)
        .arg(ns)
        .output()
        .expect("run the gotmpl oracle");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["error"].is_null(),
        "Helm failed on {}: {}",
        dir.display(),
        v["error"]
    );
    serde_json::from_value(v["files"].clone()).unwrap()
}

#[test]
fn istio_charts_render_like_helm() {
    let src = support::require_path("MAST_ISTIO_SRC");
    let bin = support::gotmpl_oracle(None);
    let (mut same, mut total) = (0, 0);
    let mut misses = Vec::new();
    for (rel, release, ns) in CHARTS {
        let dir = src.join("manifests/charts").join(rel);
        let want = helm_render(&bin, &dir, release, ns);
        let chart = Chart::load(&dir).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let got = match chart.render(&Value::Nil, &Release::install(release, ns), "v1.37.0") {
            Ok(g) => g,
            Err(e) => {
                total += want.len();
                misses.push(format!("{rel}: render failed: {e}"));
                continue;
            }
        };
        assert_eq!(
            want.keys().collect::<Vec<_>>(),
            got.keys().collect::<Vec<_>>(),
            "{rel}: rendered file names"
        );
        for (name, text) in &want {
            total += 1;
            if got[name] == *text {
                same += 1;
            } else {
                if std::env::var_os("MAST_CHART_DIFF").is_some() {
                    let d = std::env::temp_dir().join("mast-chart-diff");
                    std::fs::create_dir_all(&d).unwrap();
                    let f = name.replace('/', "_");
                    std::fs::write(d.join(format!("{f}.helm")), text).unwrap();
                    std::fs::write(d.join(format!("{f}.mast")), &got[name]).unwrap();
                }
                misses.push(format!(
                    "{name}: {}",
                    support::first_difference(("helm", text), ("mast", &got[name]))
                ));
            }
        }
    }
    eprintln!("Istio charts: {same}/{total} rendered files byte-identical to Helm");
    for m in &misses {
        eprintln!("  differs: {m}");
    }
    let unexpected: Vec<&String> = misses
        .iter()
        .filter(|m| !KNOWN_DIFFERENCES.iter().any(|(n, _)| m.starts_with(n)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected differences: {unexpected:#?}"
    );
}
