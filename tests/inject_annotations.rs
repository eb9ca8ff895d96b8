//! The pod annotations Istio validates before injecting (interception mode,
//! ports, IP ranges, interfaces, readiness values, Prometheus merge, proxy
//! resources): mast against the real `istioctl kube-inject`, one annotation
//! per Pod, on valid values and on each kind of bad one. Both must accept or
//! both reject, with the same text for the annotation.

#![allow(clippy::print_stderr)] // conformance counts go to the test log

mod support;

use std::path::Path;
use std::process::Command;

fn pod(name: &str, value: &str) -> String {
    // JSON quoting is valid YAML and keeps control characters exact.
    let value = serde_json::to_string(value).unwrap();
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    {name}: {value}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
    )
}

/// The annotation's message from istioctl's error, or "" when it succeeded.
fn istioctl_message(cfg: &Path, file: &Path) -> String {
    let out = support::run_istioctl(config_args(cfg, file));
    if out.status.success() {
        return String::new();
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let tail = err
        .split("Error: ")
        .last()
        .unwrap_or_default()
        .trim_end()
        .to_string();
    // "failed to run injection template: 1 error occurred:\n\t* MESSAGE"
    // go-multierror lists ("N errors occurred:\n\t* A\n\t* B", nested for
    // the proxy config) are one line in mast: "A; B".
    let lists = regex::Regex::new(r"\d+ errors? occurred:\n\t\* ").unwrap();
    let msg = lists.replace_all(&tail, "").replace("\n\t* ", "; ");
    // mast's error lines show control characters escaped.
    let mut out = String::with_capacity(msg.len());
    for c in msg.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn mast_message(cfg: &Path, file: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(config_args(cfg, file))
        .arg("-q")
        .output()
        .unwrap();
    if out.status.success() {
        return String::new();
    }
    let err = String::from_utf8_lossy(&out.stderr);
    // "error: FILE:1 (document 1): MESSAGE"
    err.split_once("(document 1): ")
        .map_or(err.to_string(), |(_, m)| m.trim_end().to_string())
}

fn config_args(cfg: &Path, file: &Path) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["kube-inject".into()];
    for (flag, name) in [
        ("--injectConfigFile", "inject-config.yaml"),
        ("--meshConfigFile", "mesh-config.yaml"),
        ("--valuesFile", "values.json"),
    ] {
        args.push(flag.into());
        args.push(cfg.join(name).into());
    }
    args.push("-f".into());
    args.push(file.into());
    args
}

const PORTS: &[&str] = &[
    "",
    "80",
    "80,443",
    "80, 443",
    " 80 ",
    "80,",
    ",",
    " ",
    "*",
    "80,*",
    "65535",
    "65536",
    "-1",
    "a",
    "0x10",
    "+80",
    "99999999999999999999",
];

const RANGES: &[&str] = &[
    "",
    "*",
    "10.0.0.0/8",
    "10.0.0.0/8,fd00::/8",
    "10.0.0.0/8,",
    "10.0.0.0/8, 1.2.3.4/32",
    "10.0.0.0",
    "1.2.3.4/33",
    "::/129",
    "::/0",
    "10.0.0.0/08",
    "1.2.3.4/+8",
    "1.2.3.4/",
    "1.2.3.4/99999999999999999999",
    "x/8",
    "/8",
    "fe80::1%eth0/64",
    "1.2.3/8",
    "1.2.3.4.5/8",
    "01.2.3.4/8",
    "256.1.1.1/8",
    "1..2.3/8",
    ".1.2.3/8",
    "1.2.3./8",
    "1.2.3.a/8",
    "::1::2/64",
    "12345::/16",
    "10000::/16",
    "1:2:3:4:5:6:7:8:9/64",
    "1:2:3:4:5:6:7/64",
    "1:2:3:4:5:6:7:8::/128",
    "::ffff:1.2.3.4/128",
    "1:2:3:4:5:6:1.2.3.4/128",
    "1:2:3:4:5:6:7:1.2.3.4/128",
    "1::1.2.3/96",
    "1:2:1.2.3.4/96",
    ":1/64",
    "1:/64",
    "1:/64x",
    "%eth0/8",
    "1.2.3.4%x/8",
    "::%/8",
    "g::/8",
    "1::2 /8",
];

#[test]
fn annotation_checks_match_istioctl() {
    support::require_env("MAST_ISTIOCTL");
    let cfg = support::default_inject_config();
    let mut cases: Vec<(&str, String)> = Vec::new();
    let mut add = |names: &[&'static str], values: &[&str]| {
        for n in names {
            for v in values {
                cases.push((n, (*v).to_string()));
            }
        }
    };
    add(
        &["sidecar.istio.io/interceptionMode"],
        &["REDIRECT", "TPROXY", "NONE", "redirect", ""],
    );
    add(&["status.sidecar.istio.io/port"], PORTS);
    add(
        &[
            "readiness.status.sidecar.istio.io/initialDelaySeconds",
            "readiness.status.sidecar.istio.io/periodSeconds",
            "readiness.status.sidecar.istio.io/failureThreshold",
        ],
        &[
            "0",
            "10",
            "4294967295",
            "4294967296",
            "-1",
            "",
            "1.5",
            "99999999999x",
            "+1",
        ],
    );
    add(
        &[
            "traffic.sidecar.istio.io/includeOutboundIPRanges",
            "traffic.sidecar.istio.io/excludeOutboundIPRanges",
        ],
        RANGES,
    );
    add(
        &[
            "traffic.sidecar.istio.io/includeInboundPorts",
            "traffic.sidecar.istio.io/excludeInboundPorts",
            "traffic.sidecar.istio.io/excludeOutboundPorts",
        ],
        PORTS,
    );
    add(
        &[
            "traffic.sidecar.istio.io/excludeInterfaces",
            "traffic.sidecar.istio.io/kubevirtInterfaces",
            "istio.io/reroute-virtual-interfaces",
        ],
        &[
            "eth0",
            "eth0,eth1",
            "eth0, eth1",
            "a b",
            "",
            ",",
            "eth0,",
            "0eth",
            "averyveryverylongname",
            "eth_0.1-x",
            "é",
        ],
    );
    add(
        &["prometheus.istio.io/merge-metrics"],
        &[
            "true", "false", "1", "0", "t", "F", "TRUE", "False", "yes", "tRUE", "",
        ],
    );
    add(
        &[
            "sidecar.istio.io/proxyCPU",
            "sidecar.istio.io/proxyMemory",
            "sidecar.istio.io/proxyCPULimit",
            "sidecar.istio.io/proxyMemoryLimit",
        ],
        &[
            "100m", "1Gi", "abc", "1Zi", "5iK", "1e", "1e3", "1.5Ki", "1.G", " 1", "1 ", "1\u{1}",
        ],
    );
    add(
        &["proxy.istio.io/config"],
        &[
            "",
            "concurrency: 2",
            "concurrency: x",
            "drainDuration: -1s",
            "drainDuration: 1.5s",
            "drain_duration: 2s",
            "discoveryAddress: x",
            "discoveryAddress: istiod:15012",
            "foo: bar",
            "proxyMetadata: {A: 1}",
            "proxyMetadata: {A: '1'}",
            "[1",
            "holdApplicationUntilProxyStarts: yes",
            "holdApplicationUntilProxyStarts: true",
            "proxyAdminPort: 70000",
            "statusPort: 0",
            "terminationDrainDuration: x",
            "interceptionMode: FOO",
            "interceptionMode: TPROXY",
            "tracing: {zipkin: {address: x}}",
            "{drainDuration: -1s, discoveryAddress: x}",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let mut differ = Vec::new();
    let mut rejected = 0;
    let mut known = 0;
    for (i, (name, value)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case-{i}.yaml"));
        std::fs::write(&file, pod(name, value)).unwrap();
        let want = istioctl_message(&cfg, &file);
        let got = mast_message(&cfg, &file);
        if !want.is_empty() {
            rejected += 1;
        }
        // A readiness value that passes the annotation check (a uint32) but
        // not the probe's int32 field fails decoding the rendered pod in both;
        // the texts are each decoder's own.
        if name.starts_with("readiness.") && value == "4294967295" {
            assert!(
                want.contains("of type int32") && got.ends_with("does not fit a Go int32"),
                "{want} / {got}"
            );
            known += 1;
            continue;
        }
        // Known difference: YAML syntax errors are worded by mast's own
        // parser, not go-yaml.
        if want.starts_with("could not parse proxy config: yaml: ") {
            assert!(
                got.starts_with("could not parse proxy config: "),
                "{value:?}: {got}"
            );
            known += 1;
            continue;
        }
        if want != got {
            differ.push(format!(
                "{name}: {value:?}\n  istioctl: {want}\n  mast:     {got}"
            ));
        }
    }
    eprintln!(
        "{} annotation values, {rejected} rejected by istioctl, {} differ, {known} known differences",
        cases.len(),
        differ.len()
    );
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(
        rejected > 100,
        "the bad values must be rejected: {rejected}"
    );
}
