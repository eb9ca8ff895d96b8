//! Test support for tests that use the real test ground (`testenv/`).
//!
//! Use from a test binary with `mod support;` (this file is `tests/support/mod.rs`).
//! The ground is brought up by `./test.sh` (`testenv/build`, `eval "$(testenv/up)"`,
//! `cargo test`, `testenv/down`), which exports `KUBECONFIG`, `MAST_ENVOY`,
//! `MAST_ISTIOCTL` and `MAST_ISTIO_SRC`, and `MAST_REMOTE_KUBECONFIG` for a second, minimal
//! ground (`testenv/up-remote`). A test that needs the ground and finds it
//! absent fails with a message saying to run `./test.sh`; it never skips silently.
#![allow(dead_code, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{
    Api, ApiResource, DeleteParams, DynamicObject, GroupVersionKind, Patch, PatchParams, PostParams,
};
use serde_json::Value;

/// The command that builds, starts and tests against the ground.
pub const TEST_COMMAND: &str = "./test.sh";

fn absent(what: &str) -> ! {
    panic!(
        "{what}: this test needs the mast test ground (a real kube-apiserver, Envoy and istioctl).\n\
         Run `{TEST_COMMAND}` from the repository root: it builds testenv/ (cached), runs \
         `eval \"$(testenv/up)\"`, then `cargo test`, and stops the ground afterwards.\n\
         To keep a ground up while iterating: `testenv/build && eval \"$(testenv/up)\"`, then \
         `cargo test --test ground`; `testenv/down` when done."
    )
}

/// A required environment variable exported by `testenv/up`; panics pointing at `./test.sh`.
pub fn require_env(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => absent(&format!("${name} is not set")),
    }
}

/// A required path from the environment that must exist.
pub fn require_path(name: &str) -> PathBuf {
    let p = PathBuf::from(require_env(name));
    if !p.exists() {
        absent(&format!(
            "${name} points at {}, which does not exist",
            p.display()
        ));
    }
    p
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `testenv/` folder.
pub fn testenv_dir() -> PathBuf {
    repo_root().join("testenv")
}

/// The pins of `testenv/versions.env` (`KEY=value` lines; comments ignored).
pub fn versions() -> BTreeMap<String, String> {
    let path = testenv_dir().join("versions.env");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

/// One pin of `testenv/versions.env`, e.g. `version("ISTIO_VERSION")`.
pub fn version(key: &str) -> String {
    versions()
        .remove(key)
        .unwrap_or_else(|| panic!("{key} missing from testenv/versions.env"))
}

/// The `.yaml`/`.yml` files under `dir`, recursively, in path order.
pub fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

/// The real istioctl built from the pinned istio.io/istio module (`$MAST_ISTIOCTL`).
pub fn istioctl() -> PathBuf {
    require_path("MAST_ISTIOCTL")
}

/// The pinned istio.io/istio module source directory (`$MAST_ISTIO_SRC`): test data, charts, samples.
pub fn istio_src() -> PathBuf {
    let p = require_path("MAST_ISTIO_SRC");
    assert!(
        p.join("manifests").is_dir(),
        "$MAST_ISTIO_SRC={} does not look like the istio.io/istio module",
        p.display()
    );
    p
}

/// The Envoy binary (`$MAST_ENVOY`).
pub fn envoy_bin() -> PathBuf {
    require_path("MAST_ENVOY")
}

/// The ground's kubeconfig (`$KUBECONFIG`, a single file written by `testenv/up`).
pub fn kubeconfig() -> PathBuf {
    require_path("KUBECONFIG")
}

/// The kubeconfig of the second, minimal ground for multi-cluster tests
/// (`$MAST_REMOTE_KUBECONFIG`, written by `testenv/up-remote`, which `./test.sh` runs).
/// That ground has only etcd and kube-apiserver: no controllers (no `default` ServiceAccount,
/// no `kube-root-ca.crt`, namespaces stay `Terminating` on delete), no nodes, no scheduler.
/// Its names (cluster and context `mast-remote`, user `admin@mast-remote`) differ from the
/// default ground's, so both files can be merged.
pub fn remote_kubeconfig() -> PathBuf {
    require_path("MAST_REMOTE_KUBECONFIG")
}

/// A kubeconfig for `mast-limited`, a user with no RBAC bindings (every request is 403).
pub fn limited_kubeconfig() -> PathBuf {
    require_path("MAST_KUBECONFIG_LIMITED")
}

/// The name of the kwok fake node.
pub fn kwok_node() -> String {
    std::env::var("MAST_KWOK_NODE").unwrap_or_else(|_| "kwok-node-0".into())
}

// ---------------------------------------------------------------------------------------
// Kubernetes
// ---------------------------------------------------------------------------------------

/// A connection to the ground through mast's own client layer (`mast::k8s`).
pub async fn connect() -> mast::k8s::Connection {
    connect_with(kubeconfig()).await
}

/// Connect with a given kubeconfig (e.g. [`limited_kubeconfig`]); checks `/version` answers.
pub async fn connect_with(kubeconfig: PathBuf) -> mast::k8s::Connection {
    let opts = mast::k8s::ClientOptions {
        kubeconfig: Some(kubeconfig.clone()),
        ..Default::default()
    };
    let conn = mast::k8s::connect(&opts)
        .await
        .unwrap_or_else(|e| absent(&format!("cannot load {}: {e}", kubeconfig.display())));
    if let Err(e) = conn.client.apiserver_version().await {
        absent(&format!(
            "the API server of {} does not answer ({})",
            kubeconfig.display(),
            conn.error(e)
        ));
    }
    conn
}

/// A raw kube client for the ground.
pub async fn client() -> kube::Client {
    connect().await.client
}

static NS_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A unique namespace, deleted when dropped (the deletion is sent from a helper thread).
pub struct TestNamespace {
    pub name: String,
    kubeconfig: PathBuf,
}

impl TestNamespace {
    /// Create `mast-<prefix>-<pid>-<n>` labelled `mast.test/ground=true`.
    pub async fn create(client: &kube::Client, prefix: &str) -> TestNamespace {
        let n = NS_COUNTER.fetch_add(1, Ordering::SeqCst);
        let prefix: String = prefix
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .take(30)
            .collect();
        let name = format!("mast-{prefix}-{}-{n}", std::process::id());
        Self::create_named(client, &kubeconfig(), &name).await
    }

    /// Create the namespace `name` through `client`, deleted when dropped
    /// through `kubeconfig` (the same cluster's; e.g. the remote ground's,
    /// for a namespace of the same name in both).
    pub async fn create_named(
        client: &kube::Client,
        kubeconfig: &Path,
        name: &str,
    ) -> TestNamespace {
        let name = name.to_string();
        let ns: Namespace = serde_json::from_value(serde_json::json!({
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": name, "labels": {"mast.test/ground": "true"}}
        }))
        .unwrap();
        Api::<Namespace>::all(client.clone())
            .create(&PostParams::default(), &ns)
            .await
            .unwrap_or_else(|e| panic!("creating namespace {name}: {e}"));
        TestNamespace {
            name,
            kubeconfig: kubeconfig.to_path_buf(),
        }
    }

    /// Wait until the controller-manager has created the `default` ServiceAccount
    /// (pods are rejected by admission before that).
    pub async fn wait_default_sa(&self, client: &kube::Client) {
        let api: Api<k8s_openapi::api::core::v1::ServiceAccount> =
            Api::namespaced(client.clone(), &self.name);
        wait_until(Duration::from_secs(30), "default ServiceAccount", || {
            let api = api.clone();
            async move { api.get_opt("default").await.ok().flatten().is_some() }
        })
        .await;
    }
}

impl Drop for TestNamespace {
    fn drop(&mut self) {
        let name = self.name.clone();
        let kubeconfig = self.kubeconfig.clone();
        // A kube::Client is tied to the runtime that made it; use a fresh one on a thread.
        let joined = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let kc = kube::config::Kubeconfig::read_from(&kubeconfig).ok()?;
                let cfg = kube::Config::from_custom_kubeconfig(
                    kc,
                    &kube::config::KubeConfigOptions::default(),
                )
                .await
                .ok()?;
                let client = kube::Client::try_from(cfg).ok()?;
                let r = Api::<Namespace>::all(client)
                    .delete(&name, &DeleteParams::background())
                    .await;
                if let Err(e) = r {
                    eprintln!("warning: deleting test namespace {name}: {e}");
                }
                Some(())
            })
        })
        .join();
        if joined.is_err() {
            eprintln!(
                "warning: namespace cleanup thread panicked for {}",
                self.name
            );
        }
    }
}

/// Poll `check` every 100 ms until it returns true; panics after `timeout`.
pub async fn wait_until<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    loop {
        if check().await {
            return;
        }
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------------------------------
// Envoy
// ---------------------------------------------------------------------------------------

/// A real Envoy on loopback, started by `testenv/envoy-run` in a temporary work dir with the
/// admin listener on a free port. Stopped (by PID) when dropped.
pub struct Envoy {
    /// `127.0.0.1:PORT` of the admin listener (also in `<workdir>/admin-address`).
    pub admin: String,
    pub workdir: tempfile::TempDir,
}

impl Envoy {
    /// Start with `"static"`, `"xds"` (the bootstraps in `testenv/envoy/`), a bootstrap file,
    /// or a folder holding `bootstrap.yaml` and its xDS files (`@DIR@` is replaced by the work dir).
    pub fn start(bootstrap: &str) -> Envoy {
        let envoy = envoy_bin();
        let workdir = tempfile::Builder::new()
            .prefix("mast-envoy-")
            .tempdir()
            .unwrap();
        let out = Command::new(testenv_dir().join("envoy-run"))
            .args(["start", bootstrap])
            .arg(workdir.path())
            .env("MAST_ENVOY", &envoy)
            .output()
            .expect("running testenv/envoy-run");
        assert!(
            out.status.success(),
            "testenv/envoy-run start {bootstrap} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let admin = String::from_utf8(out.stdout).unwrap().trim().to_string();
        assert!(
            admin.starts_with("127.0.0.1:"),
            "unexpected admin address {admin:?}"
        );
        Envoy { admin, workdir }
    }

    /// `http://127.0.0.1:PORT` of the admin listener.
    pub fn admin_url(&self) -> String {
        format!("http://{}", self.admin)
    }

    /// Path of a file in the work dir (xDS files for the `xds` bootstrap live there).
    pub fn path(&self, name: &str) -> PathBuf {
        self.workdir.path().join(name)
    }

    /// Replace an xDS file atomically (write + rename), so Envoy picks up the new version.
    pub fn update_file(&self, name: &str, contents: &str) {
        let tmp = self.path(&format!(".{name}.tmp"));
        std::fs::write(&tmp, contents).unwrap();
        std::fs::rename(&tmp, self.path(name)).unwrap();
    }

    /// `GET path` on the admin listener.
    pub fn get(&self, path: &str) -> HttpResponse {
        http(&self.admin, "GET", path)
    }

    /// `POST path` on the admin listener.
    pub fn post(&self, path: &str) -> HttpResponse {
        http(&self.admin, "POST", path)
    }

    /// `GET path` parsed as JSON; panics unless the status is 200.
    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        serde_json::from_str(&r.body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {}", r.body))
    }

    /// The Envoy process ID.
    pub fn pid(&self) -> u32 {
        std::fs::read_to_string(self.path("envoy.pid"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Envoy {
    fn drop(&mut self) {
        let _ = Command::new(testenv_dir().join("envoy-run"))
            .arg("stop")
            .arg(self.workdir.path())
            .status();
    }
}

/// A minimal HTTP/1.1 response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A blocking HTTP/1.1 request to a loopback `host:port` (no proxy, `Connection: close`).
pub fn http(addr: &str, method: &str, path: &str) -> HttpResponse {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connecting to {addr}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Read until the response is complete (Content-Length or the last chunk), or EOF.
    let mut raw = Vec::new();
    let mut buf = vec![0u8; 65536];
    loop {
        let n = s
            .read(&mut buf)
            .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"));
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if response_complete(&raw) {
            break;
        }
    }
    parse_http(&raw)
}

/// Whether `raw` holds a whole HTTP/1.1 response (by Content-Length or the final chunk).
pub fn response_complete(raw: &[u8]) -> bool {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let body = &raw[split + 4..];
    for line in head.lines() {
        if let Some(v) = line.strip_prefix("content-length:") {
            return v.trim().parse::<usize>().is_ok_and(|n| body.len() >= n);
        }
        if line.starts_with("transfer-encoding:") && line.contains("chunked") {
            return body.ends_with(b"0\r\n\r\n");
        }
    }
    false
}

/// Parse a raw HTTP/1.1 response (plain or chunked body).
pub fn parse_http(raw: &[u8]) -> HttpResponse {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of HTTP headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&b[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let end = (start + size).min(b.len());
        out.extend_from_slice(&b[start..end]);
        b = &b[(end + 2).min(b.len())..];
    }
    out
}

// ---------------------------------------------------------------------------------------
// istioctl
// ---------------------------------------------------------------------------------------

/// Run the real istioctl with `args`; returns the output (not checked).
/// HOME points at a temp dir so no user config leaks in; KUBECONFIG is kept.
pub fn run_istioctl<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let home = tempfile::tempdir().unwrap();
    Command::new(istioctl())
        .args(args)
        .env("HOME", home.path())
        .output()
        .expect("running istioctl")
}

/// `analyze --use-kube=false -A -o json FILE` by istioctl and then by mast;
/// the two outputs (not checked).
pub fn analyze_file_both(file: &Path) -> (std::process::Output, std::process::Output) {
    const ANALYZE_JSON: [&str; 5] = ["analyze", "--use-kube=false", "-A", "-o", "json"];
    let args = || {
        ANALYZE_JSON
            .iter()
            .map(std::ffi::OsStr::new)
            .chain([file.as_os_str()])
    };
    let ist = run_istioctl(args());
    let mast = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(args())
        .output()
        .expect("running mast");
    (ist, mast)
}

/// Run `testenv/istioctl-inject-config DIR [istioctl args]`: writes `inject-config.yaml`,
/// `mesh-config.yaml` and `values.json` from `istioctl manifest generate` into DIR.
pub fn istioctl_inject_config(dir: &Path, extra: &[&str]) {
    let out = Command::new(testenv_dir().join("istioctl-inject-config"))
        .arg(dir)
        .args(extra)
        .env("MAST_ISTIOCTL", istioctl())
        .output()
        .expect("running testenv/istioctl-inject-config");
    assert!(
        out.status.success(),
        "istioctl-inject-config failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A Go template oracle binary, built and cached by `testenv/gotmpl/build`
/// (`None`: text/template + sprig + Helm; `Some("inject")`: Istio's
/// kube-inject path). Needs Go when not cached (`testenv/build gotmpl`).
pub fn gotmpl_oracle(which: Option<&str>) -> String {
    let out = Command::new(testenv_dir().join("gotmpl/build"))
        .args(which)
        .output()
        .expect("run testenv/gotmpl/build (needs Go)");
    assert!(
        out.status.success(),
        "testenv/gotmpl/build {} failed: {}",
        which.unwrap_or_default(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Where two texts first differ, for a report line: `(label, text)` each.
pub fn first_difference(a: (&str, &str), b: (&str, &str)) -> String {
    for (i, (x, y)) in a.1.lines().zip(b.1.lines()).enumerate() {
        if x != y {
            return format!("line {}: {} {x:?}, {} {y:?}", i + 1, a.0, b.0);
        }
    }
    let (na, nb) = (a.1.lines().count(), b.1.lines().count());
    if na == nb {
        return format!(
            "same lines, {} {} bytes, {} {} bytes",
            a.0,
            a.1.len(),
            b.0,
            b.1.len()
        );
    }
    format!("{} {na} lines, {} {nb} lines", a.0, b.0)
}

/// The default profile's injector, mesh and values files from the real
/// istioctl, generated once into `target/inject-config/real-default`.
pub fn default_inject_config() -> PathBuf {
    let dir = repo_root().join("target/inject-config/real-default");
    if !dir.join("values.json").exists() {
        istioctl_inject_config(&dir, &[]);
    }
    dir
}

/// Server-side apply Istio's CRDs from the pinned source and wait until the
/// main ones are established (idempotent; shared by every test).
pub async fn install_istio_crds(client: &kube::Client) {
    let path = istio_src().join("manifests/charts/base/files/crd-all.gen.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let api: Api<CustomResourceDefinition> = Api::all(client.clone());
    let params = PatchParams::apply("mast-test").force();
    for doc in mast::manifest::read_str(&yaml, mast::manifest::Source::Stdin).unwrap() {
        let Some(v) = doc.value else { continue };
        if v["kind"] != "CustomResourceDefinition" {
            continue;
        }
        let name = v["metadata"]["name"].as_str().unwrap().to_string();
        api.patch(&name, &params, &Patch::Apply(&v)).await.unwrap();
    }
    for crd in [
        "destinationrules.networking.istio.io",
        "virtualservices.networking.istio.io",
        "peerauthentications.security.istio.io",
        "gateways.networking.istio.io",
    ] {
        wait_crd_established(client, crd).await;
    }
}

/// Wait (60 s at most) until pod `name` of `pods`' namespace is Running.
pub async fn wait_pod_running(pods: &Api<k8s_openapi::api::core::v1::Pod>, name: &str) {
    wait_until(
        Duration::from_secs(60),
        &format!("pod {name} Running"),
        || {
            let pods = pods.clone();
            async move {
                pods.get(name)
                    .await
                    .ok()
                    .and_then(|p| p.status)
                    .and_then(|s| s.phase)
                    .as_deref()
                    == Some("Running")
            }
        },
    )
    .await;
}

/// Wait (30 s at most) until the CRD `name` is Established.
pub async fn wait_crd_established(client: &kube::Client, name: &str) {
    let api: Api<CustomResourceDefinition> = Api::all(client.clone());
    wait_until(Duration::from_secs(30), name, || {
        let api = api.clone();
        async move {
            api.get(name)
                .await
                .ok()
                .and_then(|c| c.status)
                .and_then(|s| s.conditions)
                .is_some_and(|cs| {
                    cs.iter()
                        .any(|c| c.type_ == "Established" && c.status == "True")
                })
        }
    })
    .await;
}

/// Create a namespaced object of any kind (CRDs included) in `ns`, retrying
/// while a new CRD is not served yet.
pub async fn create_object(client: &kube::Client, ns: &str, obj: Value) {
    let api_version = obj["apiVersion"].as_str().unwrap();
    let kind = obj["kind"].as_str().unwrap();
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let plural = format!("{}s", kind.to_ascii_lowercase());
    let ar =
        ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk(group, version, kind), &plural);
    let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), ns, &ar);
    let o: DynamicObject = serde_json::from_value(obj.clone()).unwrap();
    // CRDs may take a moment to be served after Established.
    for i in 0..50 {
        match api.create(&PostParams::default(), &o).await {
            Ok(_) => return,
            Err(e) if i < 49 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("creating {kind} in {ns}: {e}"),
        }
    }
}

/// The messages of `analyze -o json` stdout, `None` without a JSON array.
/// istioctl logs warnings to stdout before the JSON (istio/istio#22570), so
/// parsing starts at the first line opening it.
pub fn analyze_json(stdout: &[u8]) -> Option<Vec<serde_json::Value>> {
    let text = String::from_utf8_lossy(stdout);
    let start = text.lines().position(|l| l.starts_with('['))?;
    let json: String = text.lines().skip(start).collect::<Vec<_>>().join("\n");
    match serde_json::from_str(&json).ok()? {
        serde_json::Value::Array(messages) => Some(messages),
        _ => None,
    }
}

/// Replacement values for one node of a document, by what it is: another
/// JSON type, a quoted or fractional number, a lower-case enum name, a
/// duration without unit... (the mutation differentials of analyze).
pub fn node_mutations(v: &Value) -> Vec<Value> {
    use serde_json::json;
    match v {
        Value::String(s) => {
            let mut m = vec![json!(5), json!(true), json!([s]), json!({"k": s})];
            if s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                m.push(json!(s.to_lowercase()));
            }
            if s.ends_with('s') && s.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                m.push(json!(10));
                m.push(json!(s.trim_end_matches(|c: char| c.is_ascii_alphabetic())));
            }
            m
        }
        Value::Number(n) => vec![
            json!("abc"),
            json!(n.to_string()),
            json!(format!(" {n}")),
            json!(1.5),
            json!(2.0),
            json!("1e3"),
            json!(true),
            json!(-1),
            json!(5_000_000_000_i64),
        ],
        Value::Bool(b) => vec![json!(b.to_string()), json!(1)],
        Value::Array(_) => vec![json!("x"), json!({"a": 1})],
        Value::Object(_) => vec![json!("x"), json!([1]), json!(7)],
        Value::Null => Vec::new(),
    }
}
