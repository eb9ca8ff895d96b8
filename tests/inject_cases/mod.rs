//! The settings of upstream's kube-inject goldens
//! (`pkg/kube/inject/testdata/inject`): per golden, the istioctl `--set`s,
//! mesh overrides and native-sidecar mode, and the injector config the real
//! istioctl generates for them (`testenv/istioctl-inject-config`, cached
//! under `target/inject-config/`). Shared by `inject_goldens` and
//! `inject_templates`.
#![allow(dead_code, clippy::case_sensitive_file_extension_comparisons)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use mast::inject::Config;

use crate::support;

/// One golden: input, golden file, istioctl `--set`s, mesh overrides (YAML),
/// native sidecars, env.
pub struct Case {
    pub input: String,
    pub golden: String,
    pub sets: Vec<&'static str>,
    pub mesh: Option<&'static str>,
    pub native: bool,
    pub env: Option<(&'static str, &'static str)>,
}

/// (input, golden, `--set` overrides, extra env, native sidecars).
type Special = (
    &'static str,
    &'static str,
    Vec<&'static str>,
    Option<&'static str>,
    bool,
);

pub fn special() -> Vec<Special> {
    let cni = vec![
        "components.cni.enabled=true",
        "values.pilot.cni.enabled=true",
    ];
    vec![
        (
            "hello.yaml",
            "hello.yaml.cni.injected",
            vec![
                "components.cni.enabled=true",
                "values.pilot.cni.enabled=true",
                "values.pilot.cni.provider=default",
                "values.global.network=network1",
            ],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello.yaml.proxyImageName.injected",
            vec!["values.global.proxy.image=proxyTest"],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello.yaml.proxyInitImageName.injected",
            vec!["values.global.proxy_init.image=proxyInitTest"],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-always.yaml.injected",
            vec!["values.global.imagePullPolicy=Always"],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-never.yaml.injected",
            vec!["values.global.imagePullPolicy=Never"],
            None,
            true,
        ),
        (
            "traffic-params.yaml",
            "traffic-params.yaml.injected",
            vec![
                "values.global.proxy.includeIPRanges=127.0.0.1/24\\,10.96.0.1/24",
                "values.global.proxy.excludeIPRanges=10.96.0.2/24\\,10.96.0.3/24",
                "values.global.proxy.excludeInboundPorts=4\\,5\\,6",
                "values.global.proxy.statusPort=0",
            ],
            None,
            true,
        ),
        (
            "status_params.yaml",
            "status_params.yaml.injected",
            vec![
                "values.global.proxy.statusPort=123",
                "values.global.proxy.readinessInitialDelaySeconds=100",
                "values.global.proxy.readinessPeriodSeconds=200",
                "values.global.proxy.readinessFailureThreshold=300",
            ],
            None,
            true,
        ),
        (
            "kubevirtInterfaces.yaml",
            "kubevirtInterfaces.yaml.injected",
            vec![
                "values.global.proxy.statusPort=123",
                "values.global.proxy.readinessInitialDelaySeconds=100",
                "values.global.proxy.readinessPeriodSeconds=200",
                "values.global.proxy.readinessFailureThreshold=300",
            ],
            None,
            true,
        ),
        (
            "reroute-virtual-interfaces.yaml",
            "reroute-virtual-interfaces.yaml.injected",
            vec![
                "values.global.proxy.statusPort=123",
                "values.global.proxy.readinessInitialDelaySeconds=100",
                "values.global.proxy.readinessPeriodSeconds=200",
                "values.global.proxy.readinessFailureThreshold=300",
            ],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-mount-mtls-certs.yaml.injected",
            vec!["values.global.mountMtlsCerts=true"],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-cncf-networks.yaml.injected",
            vec![
                "components.cni.enabled=true",
                "values.pilot.cni.enabled=true",
                "values.pilot.cni.provider=multus",
            ],
            None,
            true,
        ),
        (
            "hello-existing-cncf-networks.yaml",
            "hello-existing-cncf-networks.yaml.injected",
            vec![
                "components.cni.enabled=true",
                "values.pilot.cni.enabled=true",
                "values.pilot.cni.provider=multus",
            ],
            None,
            true,
        ),
        (
            "hello-existing-cncf-networks-json.yaml",
            "hello-existing-cncf-networks-json.yaml.injected",
            vec![
                "components.cni.enabled=true",
                "values.pilot.cni.enabled=true",
                "values.pilot.cni.provider=multus",
            ],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello.proxyHoldsApplication.yaml.injected",
            vec!["values.global.proxy.holdApplicationUntilProxyStarts=true"],
            None,
            true,
        ),
        (
            "hello-probes.yaml",
            "hello-probes.proxyHoldsApplication.yaml.injected",
            vec!["values.global.proxy.holdApplicationUntilProxyStarts=true"],
            None,
            true,
        ),
        (
            "hello-probes-noProxyHoldApplication-ProxyConfig.yaml",
            "hello-probes-noProxyHoldApplication-ProxyConfig.yaml.injected",
            vec!["values.global.proxy.holdApplicationUntilProxyStarts=true"],
            None,
            true,
        ),
        (
            "merge-probers.yaml",
            "merge-probers.yaml.injected",
            vec!["values.global.proxy.holdApplicationUntilProxyStarts=true"],
            None,
            true,
        ),
        (
            "proxy-override-runas.yaml",
            "proxy-override-runas.yaml.cni.injected",
            cni.clone(),
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-template-in-values.yaml.injected",
            vec!["@hello-template-in-values.iop.yaml"],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-tproxy.yaml.injected",
            vec![],
            Some("defaultConfig:\n  interceptionMode: TPROXY\n"),
            true,
        ),
        (
            "proxy-override-runas.yaml",
            "proxy-override-runas.yaml.tproxy.injected",
            vec![],
            Some("defaultConfig:\n  interceptionMode: TPROXY\n"),
            true,
        ),
        (
            "format-duration.yaml",
            "format-duration.yaml.injected",
            vec![],
            Some("defaultConfig:\n  drainDuration: 23s\n"),
            true,
        ),
        (
            "traffic-annotations.yaml",
            "traffic-annotations.yaml.injected",
            vec![],
            Some(
                "defaultConfig:\n  proxyMetadata:\n    ISTIO_META_TLS_CLIENT_KEY: /etc/identity/client/keys/client-key.pem\n",
            ),
            true,
        ),
        (
            "hello-tracing-disabled.yaml",
            "hello-tracing-disabled.yaml.injected",
            vec![],
            Some("defaultConfig:\n  tracing: {}\n"),
            true,
        ),
        (
            "hello-probes-localhost.yaml",
            "hello-probes-localhost.yaml.injected",
            vec![],
            Some("inboundTrafficPolicy:\n  mode: LOCALHOST\n"),
            true,
        ),
        (
            "hello-otel-semconv.yaml",
            "hello-otel-semconv.yaml.injected",
            vec![],
            Some(
                "extensionProviders:\n- name: otel\n  opentelemetry:\n    service: otel-collector.observability.svc.cluster.local\n    port: 4317\n    serviceAttributeEnrichment: OTEL_SEMANTIC_CONVENTIONS\n",
            ),
            true,
        ),
        (
            "hello.yaml",
            "hello-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "cronjob.yaml",
            "cronjob-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "daemonset.yaml",
            "daemonset-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "job.yaml",
            "job-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "pod.yaml",
            "pod-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "replicaset.yaml",
            "replicaset-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "statefulset.yaml",
            "statefulset-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "native-sidecar.yaml",
            "native-sidecar-old-version.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "native-sidecar-opt-in.yaml",
            "native-sidecar-opt-in.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "native-sidecar-opt-out.yaml",
            "native-sidecar-opt-out.yaml.injected",
            vec![],
            None,
            false,
        ),
        (
            "native-sidecar-opt-in.yaml",
            "native-sidecar-opt-in.yaml.injected",
            vec![],
            None,
            true,
        ),
        (
            "native-sidecar-opt-out.yaml",
            "native-sidecar-opt-out.yaml.injected",
            vec![],
            None,
            true,
        ),
        (
            "hello.yaml",
            "hello-image-secrets-in-values.yaml.injected",
            vec!["@hello-image-secrets-in-values.iop.yaml"],
            None,
            true,
        ),
        (
            "hello-image-pull-secret.yaml",
            "hello-multiple-image-secrets.yaml.injected",
            vec!["@hello-image-secrets-in-values.iop.yaml"],
            None,
            true,
        ),
        (
            "custom-template.yaml",
            "custom-template.yaml.injected",
            vec!["@custom-template.iop.yaml"],
            None,
            true,
        ),
        (
            "sidecar-spire.yaml",
            "sidecar-spire.yaml.injected",
            vec!["@spire-template.iop.yaml"],
            None,
            true,
        ),
        (
            "gateway-spire.yaml",
            "gateway-spire.yaml.injected",
            vec!["@spire-template.iop.yaml"],
            None,
            true,
        ),
        (
            "proxy-resources-null.yaml",
            "proxy-resources-null.yaml.injected",
            vec!["@proxy-resources-null.iop.yaml"],
            None,
            true,
        ),
        (
            "proxy-resources-null-no-init.yaml",
            "proxy-resources-null-no-init.yaml.injected",
            vec!["@proxy-resources-null.iop.yaml"],
            None,
            true,
        ),
        (
            "proxy-resources-zero.yaml",
            "proxy-resources-zero.yaml.injected",
            vec!["@proxy-resources-zero.iop.yaml"],
            None,
            true,
        ),
        (
            "proxy-resources-memory-null.yaml",
            "proxy-resources-memory-null.yaml.injected",
            vec!["@proxy-resources-memory-null.iop.yaml"],
            None,
            true,
        ),
        (
            "proxy-resources-mixed-null.yaml",
            "proxy-resources-mixed-null.yaml.injected",
            vec!["@proxy-resources-mixed-null.iop.yaml"],
            None,
            true,
        ),
    ]
}

/// Goldens whose settings need an IstioOperator overlay (custom templates,
/// resources with nulls) or the webhook only; not run here.
const OVERLAY_OR_WEBHOOK_ONLY: &[&str] = &[
    "hello-openshift.yaml.injected",
    "hello-openshift-custom-injection.yaml.injected",
    "hello-openshift-tproxy.yaml.injected",
];

pub fn cases(dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let sp = special();
    let named: Vec<&str> = sp.iter().map(|s| s.1).collect();
    for (input, golden, sets, mesh, native) in sp {
        if dir.join(input).exists() && dir.join(golden).exists() {
            out.push(Case {
                input: input.into(),
                golden: golden.into(),
                sets,
                mesh,
                native,
                env: None,
            });
        }
    }
    out.push(Case {
        input: "hello.yaml".into(),
        golden: "hello-fips-140-3.yaml.injected".into(),
        sets: vec![],
        mesh: None,
        native: true,
        env: Some(("COMPLIANCE_POLICY", "fips-140-3")),
    });
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".yaml") || name.ends_with(".iop.yaml") {
            continue;
        }
        let golden = format!("{name}.injected");
        if named.contains(&golden.as_str()) || OVERLAY_OR_WEBHOOK_ONLY.contains(&golden.as_str()) {
            continue;
        }
        if dir.join(&golden).exists() {
            out.push(Case {
                input: name,
                golden,
                sets: vec![],
                mesh: None,
                native: true,
                env: None,
            });
        }
    }
    out
}

/// The injector config for a setting group: `inject-config.yaml`,
/// `values.json`, `mesh-config.yaml` in a directory, generated by the real
/// istioctl on first use.
pub fn config_dir(sets: &[&str], testdata: &Path) -> PathBuf {
    let key = sets.join(" ");
    let root = support::repo_root();
    let dir = root
        .join("target/inject-config")
        .join(format!("{:x}", fxhash(&key)));
    if !dir.join("values.json").exists() {
        let mut cmd = Command::new(root.join("testenv/istioctl-inject-config"));
        cmd.arg(&dir);
        for s in [
            "profile=empty",
            "components.pilot.enabled=true",
            "hub=registry.istio.io/testing",
            "tag=latest",
        ]
        .iter()
        .chain(sets.iter())
        {
            match s.strip_prefix('@') {
                Some(iop) => cmd.arg("-f").arg(testdata.join(iop)),
                None => cmd.arg("--set").arg(s),
            };
        }
        let out = cmd.output().expect("run testenv/istioctl-inject-config");
        assert!(
            out.status.success(),
            "istioctl-inject-config failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir
}

/// The parsed injector config for a setting group (cached per group).
pub fn config_for(sets: &[&str], testdata: &Path, cache: &mut BTreeMap<String, Config>) -> Config {
    let key = sets.join(" ");
    if let Some(c) = cache.get(&key) {
        return c.clone();
    }
    let dir = config_dir(sets, testdata);
    let c = Config::from_files(
        &dir.join("inject-config.yaml"),
        Some(&dir.join("mesh-config.yaml")),
        Some(&dir.join("values.json")),
    )
    .unwrap();
    cache.insert(key, c.clone());
    c
}

pub fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Merge mesh-config overrides (YAML as JSON) over a mesh config.
pub fn merge_yaml(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge_yaml(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// The injector config of a case: its setting group's config with the
/// case's mesh overrides merged in.
pub fn case_config(case: &Case, testdata: &Path, cache: &mut BTreeMap<String, Config>) -> Config {
    let mut cfg = config_for(&case.sets, testdata, cache);
    if let Some(m) = case.mesh {
        let over = mast::manifest::parse_document(m, mast::manifest::Limits::default())
            .unwrap()
            .value
            .unwrap();
        if cfg.mesh.is_null() {
            cfg.mesh = serde_json::json!({});
        }
        merge_yaml(&mut cfg.mesh, &over);
    }
    cfg
}
