//! `mast analyze` end to end on our own fixtures: findings, layouts, exit
//! codes, thresholds, suppressions, formats.

use std::collections::BTreeSet;
use std::path::PathBuf;

use assert_cmd::Command;

fn data(name: &str) -> String {
    format!("tests/data/analyze/{name}")
}

fn mast() -> Command {
    let mut c = Command::cargo_bin("mast").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env("NO_COLOR", "1");
    c
}

fn offline(args: &[&str]) -> Command {
    let mut c = mast();
    c.arg("analyze").arg("--use-kube=false").args(args);
    c
}

/// `(code, origin)` pairs from `-o json` output.
fn json_findings(stdout: &[u8]) -> BTreeSet<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(stdout).expect("stdout is JSON");
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_string(),
                m["origin"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// `# expect: CODE rule Kind ns/name` lines of a fixture.
fn expectations(name: &str) -> BTreeSet<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(data(name));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let code = parts.next().unwrap().to_string();
            let _rule = parts.next().unwrap();
            (code, parts.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn fixtures_report_exactly_their_expectations() {
    for f in [
        "routing.yaml",
        "services.yaml",
        "policies.yaml",
        "ambient.yaml",
        "control-plane.yaml",
        "cluster-state.yaml",
        "annotations.yaml",
        "routes.yaml",
        "authz.yaml",
        "clean.yaml",
        "gateway-credentials.yaml",
        "validation.yaml",
    ] {
        let out = offline(&["-o", "json", &data(f)]).output().unwrap();
        let got = json_findings(&out.stdout);
        assert_eq!(got, expectations(f), "{f}");
        let want_code = if got.iter().any(|(c, _)| {
            mast::analyze::catalog::message(c).unwrap().level == mast::analyze::Level::Error
        }) {
            79
        } else {
            0
        };
        assert_eq!(
            out.status.code(),
            Some(want_code),
            "{f}: exit code (JSON output too)"
        );
        assert!(
            out.stderr.is_empty()
                || !String::from_utf8_lossy(&out.stderr).contains("No validation issues"),
            "{f}: no summary lines in JSON mode"
        );
    }
}

#[test]
fn opt_in_analyzers_run_only_when_named() {
    let all = offline(&["-o", "json", &data("alpha.yaml")])
        .output()
        .unwrap();
    assert!(
        json_findings(&all.stdout)
            .iter()
            .all(|(code, _)| code != "IST0136")
    );
    let named = offline(&[
        "-o",
        "json",
        "--analyzer",
        "annotations.AlphaAnalyzer",
        &data("alpha.yaml"),
    ])
    .output()
    .unwrap();
    assert_eq!(json_findings(&named.stdout), expectations("alpha.yaml"));
}

#[test]
fn log_layout_is_istioctls() {
    let out = offline(&[&data("routing.yaml")]).output().unwrap();
    assert_eq!(out.status.code(), Some(79));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "Error [IST0101] (VirtualService shop/reviews tests/data/analyze/routing.yaml:30) Referenced host+subset in destinationrule not found: \"reviews+v3\""
    );
    assert!(stdout.ends_with('\n'));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Error: Analyzers found issues when analyzing all namespaces."),
        "{stderr}"
    );
    assert!(stderr.contains("https://istio.io/v1.31/docs/reference/config/analysis"));
}

#[test]
fn clean_input_says_so_on_stderr_and_exits_zero() {
    let out = offline(&[&data("clean.yaml")]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "\n");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "\u{2714} No validation issues found when analyzing tests/data/analyze/clean.yaml.\n"
    );
    let out = offline(&["-o", "json", &data("clean.yaml")])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
    assert!(out.stderr.is_empty(), "machine formats keep stderr quiet");
}

#[test]
fn failure_and_output_thresholds() {
    // Only warnings in services.yaml once the errors are suppressed.
    let args = [
        "-S",
        "IST0101=*",
        "-S",
        "IST0112=*",
        "-S",
        "IST0106=*",
        &data("services.yaml"),
    ];
    let out = offline(&args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings alone do not fail at the default threshold"
    );
    let out = offline(&[&["--failure-threshold", "warning"][..], &args[..]].concat())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(79));
    let out = offline(
        &[
            &[
                "--output-threshold",
                "Error",
                "--failure-threshold",
                "WARNING",
            ][..],
            &args[..],
        ]
        .concat(),
    )
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(79),
        "hidden messages still count for the failure threshold"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "\n");
}

#[test]
fn suppressions_by_glob_and_annotation() {
    let out = offline(&[
        "-o",
        "json",
        "-S",
        "IST0132=VirtualService shop/*",
        "-S",
        "IST0109=*canary",
        &data("routing.yaml"),
    ])
    .output()
    .unwrap();
    let got = json_findings(&out.stdout);
    assert!(!got.iter().any(|(c, _)| c == "IST0132"));
    assert!(got.contains(&("IST0109".into(), "VirtualService shop/reviews".into())));
    assert!(!got.contains(&(
        "IST0109".into(),
        "VirtualService shop/reviews-canary".into()
    )));

    let text = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  annotations:\n    galley.istio.io/analyze-suppress: IST0101\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination: {host: a, subset: x}\n";
    let out = offline(&["-o", "json", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn namespace_flag_filters_and_defaults_documents() {
    let out = offline(&[
        "-o",
        "json",
        "-n",
        "ext",
        &data("policies.yaml"),
        &data("routing.yaml"),
    ])
    .output()
    .unwrap();
    let got = json_findings(&out.stdout);
    assert!(!got.is_empty());
    assert!(got.iter().all(|(_, o)| o.contains(" ext/")), "{got:?}");
    // Namespace-less documents land in -n's namespace.
    let text = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec:\n  hosts: [a]\n  http: [{route: [{destination: {host: a, subset: x}}]}]\n";
    let out = offline(&["-o", "json", "-n", "prod", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(
        json_findings(&out.stdout),
        [("IST0101".to_string(), "VirtualService prod/r".to_string())].into()
    );
}

#[test]
fn bad_input_is_reported_with_lines_and_exits_65() {
    let out = offline(&[
        "--analyzer",
        "virtualservice.GatewayAnalyzer",
        &data("broken.yaml"),
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("broken.yaml:10:9 (document 2): invalid YAML"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "broken.yaml:12 (document 3): unable to parse resource with no group, version and kind"
        ),
        "{stderr}"
    );
    let out = offline(&[
        "--ignore-unknown",
        "--analyzer",
        "virtualservice.GatewayAnalyzer",
        &data("broken.yaml"),
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // The other documents are still analysed, and findings win over 65.
    let out = offline(&["-o", "json", &data("broken.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(79));
    assert_eq!(
        json_findings(&out.stdout),
        [(
            "IST0101".to_string(),
            "VirtualService default/ok".to_string()
        )]
        .into()
    );
}

#[test]
fn usage_errors_exit_64() {
    for args in [
        vec!["-o", "xml", "x.yaml"],
        vec!["--failure-threshold", "fatal", "x.yaml"],
        vec!["-S", "IST0101", "x.yaml"],
        vec!["--analyzer", "no.SuchAnalyzer", "x.yaml"],
        vec!["--explain", "IST9999"],
    ] {
        let out = offline(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(64),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn list_analyzers_matches_istioctl_layout() {
    let out = mast().args(["analyze", "-L"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.lines().filter(|l| l.starts_with("* ")).count(), 53);
    assert!(s.starts_with("* annotations.K8sAnalyzer:\n    Checks for misplaced and invalid Istio annotations in Kubernetes resources\n"));
    assert!(s.contains("* envoyfilter.EnvoyPatchAnalyzer:\n    Checks an envoyFilters \n"));
}

#[test]
fn explain_prints_rule_docs() {
    let out = mast()
        .args(["analyze", "--explain", "ist0101"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("IST0101 ReferencedResourceNotFound (Error)"));
    assert!(
        s.contains("## virtual-service-subset-not-found (virtualservice.DestinationRuleAnalyzer)")
    );
    assert!(s.contains("### How to fix"));
}

#[test]
fn yaml_sarif_and_github_formats() {
    let out = offline(&["-o", "yaml", &data("routing.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(79));
    let y = String::from_utf8(out.stdout).unwrap();
    assert!(y.starts_with("- code: IST0101\n  documentationUrl: https://istio.io/v1.31/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze\n  level: Error\n  message: 'Referenced host+subset in destinationrule not found: \"reviews+v3\"'\n  origin: VirtualService shop/reviews\n  reference: tests/data/analyze/routing.yaml:30\n"), "{y}");
    assert!(y.ends_with("\n\n"));

    let out = offline(&["-o", "sarif", &data("routing.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(79));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), expectations("routing.yaml").len());
    let r0 = &results[0];
    assert_eq!(r0["ruleId"], "IST0101");
    assert_eq!(r0["level"], "error");
    assert_eq!(
        r0["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/data/analyze/routing.yaml"
    );
    assert_eq!(
        r0["locations"][0]["physicalLocation"]["region"]["startLine"],
        30
    );
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules[usize::try_from(r0["ruleIndex"].as_u64().unwrap()).unwrap()]["id"],
        "IST0101"
    );

    let out = offline(&["-o", "github", &data("routing.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(79));
    let g = String::from_utf8(out.stdout).unwrap();
    assert!(g.starts_with("::error file=tests/data/analyze/routing.yaml,line=30,title=IST0101 VirtualService shop/reviews::Referenced host+subset"), "{g}");
    assert!(g.contains("::warning file="));

    // Documents that cannot be read or decoded: annotations and SARIF tool
    // execution notifications with their file and line; exit 65.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: reviews\n---\nkey: [\n",
    )
    .unwrap();
    let out = offline(&["-o", "github", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let g = String::from_utf8(out.stdout).unwrap();
    let file = bad.display();
    assert!(
        g.starts_with(&format!("::error file={file},line=6,title=input error::document 1: cannot decode VirtualService default/r: spec.hosts: expected a list, found the string \"reviews\"\n::error file={file},line=8,title=input error::document 2: invalid YAML")),
        "{g}"
    );
    let out = offline(&["-o", "sarif", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        6
    );
    assert!(
        notes[1]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("document 2: invalid YAML")
    );
}

#[test]
fn directories_skip_hidden_dirs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
    std::fs::write(
        dir.path().join(".github/workflows/ci.yml"),
        "on: push\njobs: {}\n",
    )
    .unwrap();
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(data("clean.yaml")),
        dir.path().join("clean.yaml"),
    )
    .unwrap();
    let out = offline(&[dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn missing_path_is_an_error() {
    let out = offline(&["does/not/exist.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does/not/exist.yaml"));
}

#[test]
fn mesh_config_file_is_merged_and_errors_are_reported() {
    let out = offline(&[
        "-o",
        "json",
        "--meshConfigFile",
        "tests/data/analyze/lightstep-mesh.txt",
        &data("lightstep.yaml"),
    ])
    .output()
    .unwrap();
    assert_eq!(json_findings(&out.stdout), expectations("lightstep.yaml"));
    // Without the mesh config there is no Lightstep provider, so no finding.
    let out = offline(&["-o", "json", &data("lightstep.yaml")])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
    // istioctl swallows --meshConfigFile errors; mast reports them.
    let out = offline(&["--meshConfigFile", "nope.yaml", &data("clean.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.yaml"));
}
