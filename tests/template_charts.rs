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

use mast::template::chart::{Chart, Release};

/// (chart directory under `manifests/charts`, release name, namespace).
const CHARTS: &[(&str, &str, &str)] = &[
    ("base", "istio-base", "istio-system"),
    ("istio-control/istio-discovery", "istiod", "istio-system"),
    ("gateway", "istio-ingressgateway", "istio-ingress"),
];

/// Files known to differ, with the reason. Empty: every file is identical.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

/// Helm's rendering, with a user values file (`-f`) when given.
fn helm_render(
    bin: &str,
    dir: &Path,
    release: &str,
    ns: &str,
    values: Option<&Path>,
) -> BTreeMap<String, String> {
    let out = Command::new(bin)
        .arg("-chart")
        .arg(dir)
        .arg(release)
        .arg(ns)
        .args(values)
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

/// Render the three charts with `profile` (None: the charts' defaults) in
/// mast and Helm; report and fail on unexpected differences.
fn compare(profile: Option<&str>) {
    let src = support::require_path("MAST_ISTIO_SRC");
    let bin = support::gotmpl_oracle(None);
    let label = profile.unwrap_or("default");
    let values_text = profile
        .map(|p| format!("profile: {p}\n"))
        .unwrap_or_default();
    let values_file = std::env::temp_dir().join(format!(
        "mast-chart-values-{label}-{}.yaml",
        std::process::id()
    ));
    std::fs::write(&values_file, &values_text).unwrap();
    let user = mast::template::funcs::helm::parse_yaml(&values_text).unwrap();
    let (mut same, mut total) = (0, 0);
    let mut misses = Vec::new();
    for (rel, release, ns) in CHARTS {
        let dir = src.join("manifests/charts").join(rel);
        let want = helm_render(
            &bin,
            &dir,
            release,
            ns,
            profile.map(|_| values_file.as_path()),
        );
        let chart = Chart::load(&dir).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let got = match chart.render(&user, &Release::install(release, ns), "v1.37.0") {
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
                    let f = format!("{label}_{}", name.replace('/', "_"));
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
    let _ = std::fs::remove_file(&values_file);
    eprintln!(
        "Istio charts, {label} profile: {same}/{total} rendered files byte-identical to Helm"
    );
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

#[test]
fn istio_charts_render_like_helm() {
    compare(None);
}

/// The charts' built-in profiles (`files/profile-*.yaml`, merged by
/// `zzz_profile.yaml`) exercise more of the templates.
#[test]
fn istio_chart_profiles_render_like_helm() {
    for p in ["demo", "ambient", "remote", "stable"] {
        compare(Some(p));
    }
}
