//! `mast label` and `mast check-inject` on the real test ground: Istio's own
//! injector webhook configurations (from the real `istioctl manifest
//! generate` / `tag generate`, pointed at a refused loopback URL with
//! `failurePolicy: Ignore` so the API server never dials anything), namespaces
//! with each label combination, pods, revisions and a default tag; answers
//! compared with the real `istioctl x check-inject`. Run through `./test.sh`
//! (or after `eval "$(testenv/up)"`).
//!
//! Webhook configurations are cluster-wide and `check-inject` reads all of
//! them, so the tests that install them run one at a time (`LOCK`) and
//! delete them when done.

mod support;

use std::collections::BTreeMap;
use std::process::{Command, Output};
use std::sync::OnceLock;

use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use serde_json::{Value, json};
use support::TestNamespace;

static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const FIXTURE_LABEL: &str = "mast.test/label-webhook";

fn mast(args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("mast"))
        .args(args)
        .env("KUBECONFIG", support::kubeconfig())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// Adapt a real injector configuration so the API server never dials out.
fn loopback(mut mwc: Value) -> Value {
    for w in mwc["webhooks"].as_array_mut().unwrap() {
        w["clientConfig"] = json!({"url": "https://127.0.0.1:1/inject"});
        w["failurePolicy"] = json!("Ignore");
    }
    let meta = mwc["metadata"].as_object_mut().unwrap();
    meta.remove("annotations");
    meta.remove("resourceVersion");
    meta.remove("uid");
    meta.remove("creationTimestamp");
    meta.remove("generation");
    meta.remove("managedFields");
    mwc["metadata"]["labels"][FIXTURE_LABEL] = json!("true");
    mwc
}

fn mwc_from_stream(yaml: &str) -> Value {
    let docs = mast::manifest::read_str(yaml, mast::manifest::Source::Stdin).unwrap();
    docs.into_iter()
        .filter_map(|d| d.value)
        .find(|v| v["kind"] == "MutatingWebhookConfiguration")
        .expect("a MutatingWebhookConfiguration in istioctl's output")
}

/// The injector of `istioctl manifest generate [--revision REV]`.
fn generated(revision: Option<&str>) -> Value {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, Value>>> = OnceLock::new();
    let key = revision.unwrap_or("default").to_string();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    let mut args = vec!["manifest", "generate"];
    if let Some(r) = revision {
        args.extend(["--revision", r]);
    }
    let out = support::run_istioctl(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = loopback(mwc_from_stream(&text(&out.stdout)));
    cache.lock().unwrap().insert(key, v.clone());
    v
}

/// The installed fixture set; deleted on drop.
struct Webhooks;

impl Webhooks {
    async fn clear(client: &kube::Client) {
        let api: Api<MutatingWebhookConfiguration> = Api::all(client.clone());
        let params = ListParams::default().labels(FIXTURE_LABEL);
        for m in api.list(&params).await.unwrap().items {
            let name = m.metadata.name.unwrap();
            let _ = api.delete(&name, &DeleteParams::default()).await;
        }
        // Wait until gone, so the next reader sees the new set only.
        support::wait_until(
            std::time::Duration::from_secs(10),
            "webhooks deleted",
            || {
                let api = api.clone();
                async move {
                    api.list(&ListParams::default().labels(FIXTURE_LABEL))
                        .await
                        .unwrap()
                        .items
                        .is_empty()
                }
            },
        )
        .await;
    }

    async fn install(client: &kube::Client, set: &[Value]) -> Webhooks {
        Self::clear(client).await;
        let api: Api<MutatingWebhookConfiguration> = Api::all(client.clone());
        for v in set {
            let mwc: MutatingWebhookConfiguration = serde_json::from_value(v.clone()).unwrap();
            api.create(&PostParams::default(), &mwc).await.unwrap();
        }
        Webhooks
    }

    /// The default revision's injector and a `canary` revision's.
    async fn default_and_canary(client: &kube::Client) -> Webhooks {
        Self::install(client, &[generated(None), generated(Some("canary"))]).await
    }

    /// istioctl's own check-inject test data (`default`, `1-16` and a
    /// deactivated never-match configuration).
    async fn istioctl_testdata(client: &kube::Client) -> Webhooks {
        let dir = support::istio_src().join("istioctl/pkg/checkinject/testdata/check-inject");
        let set: Vec<Value> = [
            "default-injector.yaml",
            "rev-16-injector.yaml",
            "never-match-injector.yaml",
        ]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            loopback(mwc_from_stream(&text))
        })
        .collect();
        Self::install(client, &set).await
    }

    /// Only `canary`, with the `default` tag pointing at it (`istioctl tag
    /// generate default --revision canary`, which needs canary installed).
    async fn canary_with_default_tag(client: &kube::Client) -> Webhooks {
        let w = Self::install(client, &[generated(Some("canary"))]).await;
        let out = support::run_istioctl(["tag", "generate", "default", "--revision", "canary"]);
        assert!(
            out.status.success(),
            "istioctl tag generate: {}",
            text(&out.stderr)
        );
        let tag = loopback(mwc_from_stream(&text(&out.stdout)));
        assert_eq!(tag["metadata"]["name"], "istio-revision-tag-default");
        let api: Api<MutatingWebhookConfiguration> = Api::all(client.clone());
        let mwc: MutatingWebhookConfiguration = serde_json::from_value(tag).unwrap();
        api.create(&PostParams::default(), &mwc).await.unwrap();
        w
    }
}

impl Drop for Webhooks {
    fn drop(&mut self) {
        // The client belongs to the test's runtime; delete from a fresh one.
        let kubeconfig = support::kubeconfig();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let kc = kube::config::Kubeconfig::read_from(&kubeconfig).unwrap();
                let cfg = kube::Config::from_custom_kubeconfig(
                    kc,
                    &kube::config::KubeConfigOptions::default(),
                )
                .await
                .unwrap();
                let client = kube::Client::try_from(cfg).unwrap();
                Webhooks::clear(&client).await;
            });
        })
        .join();
    }
}

async fn namespace(client: &kube::Client, prefix: &str, labels: &[(&str, &str)]) -> TestNamespace {
    let ns = TestNamespace::create(client, prefix).await;
    if !labels.is_empty() {
        let labels: BTreeMap<&str, &str> = labels.iter().copied().collect();
        Api::<Namespace>::all(client.clone())
            .patch(
                &ns.name,
                &PatchParams::default(),
                &Patch::Merge(json!({"metadata": {"labels": labels}})),
            )
            .await
            .unwrap();
    }
    ns
}

async fn ns_labels(client: &kube::Client, name: &str) -> BTreeMap<String, String> {
    let mut l = Api::<Namespace>::all(client.clone())
        .get(name)
        .await
        .unwrap()
        .metadata
        .labels
        .unwrap_or_default();
    l.retain(|k, _| k != "kubernetes.io/metadata.name" && k != "mast.test/ground");
    l
}

async fn create_pod(client: &kube::Client, ns: &TestNamespace, pod: Value) {
    ns.wait_default_sa(client).await;
    let mut pod = pod;
    pod["spec"]["nodeName"] = json!(support::kwok_node());
    let pod: Pod = serde_json::from_value(pod).unwrap();
    Api::<Pod>::namespaced(client.clone(), &ns.name)
        .create(&PostParams::default(), &pod)
        .await
        .unwrap();
}

/// istioctl's table rows: (webhook, revision, injected, reason).
fn istioctl_rows(stdout: &str) -> Vec<(String, String, bool, String)> {
    let ansi = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    let split = regex::Regex::new(r" {2,}").unwrap();
    let clean = ansi.replace_all(stdout, "");
    clean
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with("ERROR:"))
        .map(|l| {
            let cells: Vec<&str> = split.splitn(l.trim_end(), 4).collect();
            assert_eq!(cells.len(), 4, "row {l:?}");
            (
                cells[0].into(),
                cells[1].into(),
                cells[2] == "✔",
                cells[3].into(),
            )
        })
        .collect()
}

fn mast_rows(json_out: &str) -> (Vec<(String, String, bool, String)>, Value) {
    let v: Value = serde_json::from_str(json_out).unwrap_or_else(|e| panic!("{e}: {json_out}"));
    let rows = v["webhooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["webhook"].as_str().unwrap().to_string(),
                w["revision"].as_str().unwrap().to_string(),
                w["injected"].as_bool().unwrap(),
                w["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (rows, v)
}

const NS_LABELS: &[&[(&str, &str)]] = &[
    &[],
    &[("istio-injection", "enabled")],
    &[("istio-injection", "disabled")],
    &[("istio.io/rev", "canary")],
    &[("istio.io/rev", "default")],
    &[("istio-injection", "enabled"), ("istio.io/rev", "canary")],
    &[("istio.io/rev", "1-16")],
];

const POD_LABELS: &[&str] = &[
    "app=x",
    "app=x,sidecar.istio.io/inject=true",
    "app=x,sidecar.istio.io/inject=false",
    "app=x,istio.io/rev=canary",
    "app=x,istio.io/rev=default",
    "app=x,istio.io/rev=1-16",
];

/// Every namespace-label × pod-label combination, on three control-plane
/// layouts (the last is istioctl's own test data, with a deactivated webhook), gives istioctl's rows exactly; the exit code follows the answer.
#[tokio::test]
async fn check_inject_labels_match_istioctl_on_every_combination() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let mut namespaces = Vec::new();
    for (i, labels) in NS_LABELS.iter().enumerate() {
        namespaces.push(namespace(&client, &format!("ci-diff-{i}"), labels).await);
    }
    let mut compared = 0;
    let mut injected_somewhere = 0;
    let layouts = ["default+canary", "canary+tag", "istioctl-testdata"];
    for layout in layouts {
        let _w = match layout {
            "default+canary" => Webhooks::default_and_canary(&client).await,
            "canary+tag" => Webhooks::canary_with_default_tag(&client).await,
            _ => Webhooks::istioctl_testdata(&client).await,
        };
        for ns in &namespaces {
            for pod in POD_LABELS {
                let ours = mast(&["check-inject", "-n", &ns.name, "-l", pod, "-o", "json"]);
                let theirs =
                    support::run_istioctl(["x", "check-inject", "-n", &ns.name, "-l", pod]);
                assert!(theirs.status.success(), "{}", text(&theirs.stderr));
                let (rows, v) = mast_rows(&text(&ours.stdout));
                assert_eq!(
                    rows,
                    istioctl_rows(&text(&theirs.stdout)),
                    "{layout}: namespace {} labels {pod}",
                    ns.name
                );
                let injected = rows.iter().any(|r| r.2);
                assert_eq!(
                    v["injected"],
                    json!(injected),
                    "no policy opt-out in -l mode"
                );
                assert_eq!(code(&ours), i32::from(!injected), "{}", text(&ours.stderr));
                assert_eq!(
                    text(&ours.stderr).contains("multiple webhooks will inject"),
                    text(&theirs.stdout).contains("multiple webhooks will inject")
                );
                injected_somewhere += usize::from(injected);
                compared += 1;
            }
        }
    }
    assert_eq!(compared, layouts.len() * NS_LABELS.len() * POD_LABELS.len());
    assert!(
        injected_somewhere > 10 && injected_somewhere < compared - 10,
        "{injected_somewhere}"
    );
}

/// Existing pods: the same rows as istioctl for `POD.NS` and `deployment/NAME`,
/// plus what istioctl does not say: whether the sidecar is there, a restart
/// hint when it is missing, and istiod's own opt-outs (annotation, hostNetwork).
#[tokio::test]
async fn check_inject_existing_pods() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let ns = namespace(&client, "ci-pods", &[("istio-injection", "enabled")]).await;
    let c = json!([{"name": "app", "image": "nginx"}]);
    create_pod(
        &client,
        &ns,
        json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "plain", "labels": {"app": "plain"}}, "spec": {"containers": c}}),
    )
    .await;
    create_pod(&client, &ns, json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "meshed", "labels": {"app": "meshed"}},
        "spec": {"containers": [{"name": "app", "image": "nginx"}, {"name": "istio-proxy", "image": "proxyv2"}]}})).await;
    create_pod(
        &client,
        &ns,
        json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "annotated", "annotations": {"sidecar.istio.io/inject": "false"}},
        "spec": {"containers": c}}),
    )
    .await;
    create_pod(
        &client,
        &ns,
        json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "hostnet"}, "spec": {"hostNetwork": true, "containers": c}}),
    )
    .await;

    for pod in ["plain", "meshed", "annotated", "hostnet"] {
        let target = format!("{pod}.{}", ns.name);
        let ours = mast(&["check-inject", &target, "-o", "json"]);
        let theirs = support::run_istioctl(["x", "check-inject", &target]);
        let (rows, v) = mast_rows(&text(&ours.stdout));
        assert_eq!(rows, istioctl_rows(&text(&theirs.stdout)), "pod {pod}");
        let (injected, sidecar) = (
            v["injected"].as_bool().unwrap(),
            v["pod"]["hasSidecar"].as_bool().unwrap(),
        );
        match pod {
            "plain" => assert!(injected && !sidecar && v["needsRestart"] == json!(true)),
            "meshed" => assert!(injected && sidecar && v["needsRestart"] == json!(false)),
            // The webhook matches (istioctl says ✔), istiod skips the pod.
            "annotated" => {
                assert!(rows[0].2 && !injected, "{v}");
                assert!(
                    v["reason"]
                        .as_str()
                        .unwrap()
                        .contains("annotation sidecar.istio.io/inject=false")
                );
            }
            _ => assert!(
                rows[0].2 && !injected && v["reason"].as_str().unwrap().contains("hostNetwork")
            ),
        }
        assert_eq!(code(&ours), i32::from(!(injected && sidecar)), "{pod}");
    }

    // The table form says it in words, and the restart hint goes to stderr.
    let out = mast(&["check-inject", "plain", "-n", &ns.name]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("WEBHOOK  "), "{stdout}");
    assert!(
        stdout.contains("Injected: yes, by istio-sidecar-injector (revision default)"),
        "{stdout}"
    );
    assert!(stdout.contains("Sidecar: missing (pod plain)"), "{stdout}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("created before injection was enabled"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("kubectl delete pod plain -n {}", ns.name)),
        "{stderr}"
    );

    // A Deployment's pod, found through its selector; restart names the Deployment.
    ns.wait_default_sa(&client).await;
    let deploy = json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"nodeName": support::kwok_node(), "containers": c}}}});
    let api: Api<k8s_openapi::api::apps::v1::Deployment> =
        Api::namespaced(client.clone(), &ns.name);
    api.create(
        &PostParams::default(),
        &serde_json::from_value(deploy).unwrap(),
    )
    .await
    .unwrap();
    let pods: Api<Pod> = Api::namespaced(client.clone(), &ns.name);
    support::wait_until(std::time::Duration::from_secs(30), "deployment pod", || {
        let pods = pods.clone();
        async move {
            !pods
                .list(&ListParams::default().labels("app=web"))
                .await
                .unwrap()
                .items
                .is_empty()
        }
    })
    .await;
    let target = format!("deployment/web.{}", ns.name);
    let ours = mast(&["check-inject", &target]);
    let theirs = support::run_istioctl(["x", "check-inject", &target]);
    assert_eq!(code(&ours), 1);
    assert!(text(&ours.stderr).contains(&format!(
        "kubectl rollout restart deployment/web -n {}",
        ns.name
    )));
    let ours = mast(&["check-inject", &target, "-o", "json"]);
    assert_eq!(
        mast_rows(&text(&ours.stdout)).0,
        istioctl_rows(&text(&theirs.stdout))
    );
}

/// Bad input and unusable clusters: one line, a hint, the right exit code.
#[tokio::test]
async fn check_inject_errors() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let ns = namespace(&client, "ci-err", &[]).await;

    // No injector installed at all.
    Webhooks::clear(&client).await;
    let out = mast(&["check-inject", "-n", &ns.name, "-l", "app=x"]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr).starts_with("error: no Istio injection webhooks are installed"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("hint: install Istio"));
    assert!(out.stdout.is_empty());

    let _w = Webhooks::default_and_canary(&client).await;
    for (args, want_code, want) in [
        (
            vec!["check-inject", "nope", "-n", ns.name.as_str()],
            1,
            format!("error: pod nope not found in namespace {}", ns.name),
        ),
        (
            vec!["check-inject", "-n", "mast-no-such-ns", "-l", "app=x"],
            1,
            "error: namespace mast-no-such-ns does not exist".into(),
        ),
        (
            vec!["check-inject", "deployment/nope", "-n", ns.name.as_str()],
            1,
            format!("error: deployment/nope not found in namespace {}", ns.name),
        ),
        (
            vec!["check-inject", "-l", "app in (x)", "-n", ns.name.as_str()],
            64,
            "error: -l \"app in (x)\"".into(),
        ),
        (
            vec!["check-inject", "service/x"],
            64,
            "error: cannot check \"service\" objects".into(),
        ),
        (
            vec!["check-inject", "p", "-l", "app=x"],
            64,
            "error:".into(),
        ),
        (vec!["check-inject"], 64, "error:".into()),
    ] {
        let out = mast(&args);
        let stderr = text(&out.stderr);
        assert_eq!(code(&out), want_code, "{args:?}: {stderr}");
        assert!(stderr.starts_with(&want), "{args:?}: {stderr}");
        if want_code == 1 {
            assert!(stderr.contains("\n\nhint: "), "{args:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 3, "one line, blank, hint: {stderr}");
        }
    }

    // A user without RBAC.
    let out = Command::new(assert_cmd::cargo::cargo_bin("mast"))
        .args(["check-inject", "-n", &ns.name, "-l", "app=x"])
        .env("KUBECONFIG", support::limited_kubeconfig())
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(
        stderr.contains("forbidden") && stderr.contains("403"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: your user lacks permission"),
        "{stderr}"
    );
}

/// Enabling, switching revision and disabling, each read back from the API server.
#[tokio::test]
async fn label_namespace_changes_are_read_back() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let ns = namespace(&client, "lbl-rt", &[("team", "a")]).await;
    let n = ns.name.as_str();
    let pairs = |v: &[(&str, &str)]| -> BTreeMap<String, String> {
        v.iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    };

    let out = mast(&["label", "ns", n, "--enable"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("namespace/{n} labeled: istio-injection=enabled\n")
    );
    assert_eq!(
        ns_labels(&client, n).await,
        pairs(&[("team", "a"), ("istio-injection", "enabled")])
    );

    let out = mast(&["label", "namespace", n, "--enable"]);
    assert_eq!(text(&out.stdout), format!("namespace/{n} unchanged\n"));

    let out = mast(&["label", "ns", n, "--enable", "--revision", "canary"]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr).contains("--overwrite"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        ns_labels(&client, n).await,
        pairs(&[("team", "a"), ("istio-injection", "enabled")])
    );

    let out = mast(&["label", "ns", n, "--enable", "-r", "canary", "--overwrite"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        ns_labels(&client, n).await,
        pairs(&[("team", "a"), ("istio.io/rev", "canary")])
    );

    // The change is what check-inject then reports.
    let out = mast(&["check-inject", "-n", n, "-l", "app=x", "-o", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["injectedBy"], json!(["istio-sidecar-injector-canary"]));

    let out = mast(&["label", "ns", n, "--disable", "--overwrite"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        ns_labels(&client, n).await,
        pairs(&[("team", "a"), ("istio-injection", "disabled")])
    );

    // A revision no control plane serves is refused, unless --force.
    let out = mast(&["label", "ns", n, "--enable", "-r", "nope", "--overwrite"]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr).contains(
            "no control plane or revision tag nope is installed (known: canary, default)"
        )
    );
    let out = mast(&[
        "label",
        "ns",
        n,
        "--enable",
        "-r",
        "nope",
        "--overwrite",
        "--force",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        ns_labels(&client, n).await,
        pairs(&[("team", "a"), ("istio.io/rev", "nope")])
    );
}

/// A pod created before the label: `label ns --enable` says it needs a restart.
#[tokio::test]
async fn label_enable_reports_pods_needing_a_restart() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let ns = namespace(&client, "lbl-restart", &[]).await;
    create_pod(
        &client,
        &ns,
        json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "old"}, "spec": {"containers": [{"name": "a", "image": "nginx"}]}}),
    )
    .await;
    let out = mast(&["label", "ns", &ns.name, "--enable"]);
    assert_eq!(code(&out), 0);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "namespace/{}: 1 running pod(s) do not match the new labels yet (sidecar missing)",
            ns.name
        )),
        "{stderr}"
    );
}

/// Several namespaces: all are checked before any is changed; a refusal or a
/// missing namespace leaves every one as it was, and each outcome is reported.
#[tokio::test]
async fn label_several_namespaces_is_all_or_nothing() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let a = namespace(&client, "lbl-aon-a", &[]).await;
    let b = namespace(&client, "lbl-aon-b", &[("istio.io/rev", "canary")]).await;
    let out = mast(&[
        "label",
        "ns",
        &a.name,
        &b.name,
        "mast-no-such-ns",
        "--enable",
    ]);
    assert_eq!(code(&out), 1);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("namespace/{}: not changed", a.name)),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "namespace/{}: refused: namespace {} already has istio.io/rev=canary",
            b.name, b.name
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "namespace/mast-no-such-ns: refused: namespace mast-no-such-ns does not exist"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: no namespace was changed: 2 of 3 cannot be labelled"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    assert!(ns_labels(&client, &a.name).await.is_empty());

    let out = mast(&["label", "ns", &a.name, &b.name, "--enable", "--overwrite"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "namespace/{} labeled: istio-injection=enabled\nnamespace/{} labeled: istio-injection=enabled istio.io/rev-\n",
            a.name, b.name
        )
    );
    for n in [&a.name, &b.name] {
        assert_eq!(
            ns_labels(&client, n)
                .await
                .get("istio-injection")
                .map(String::as_str),
            Some("enabled")
        );
        assert!(!ns_labels(&client, n).await.contains_key("istio.io/rev"));
    }
}

/// A write the API server rejects half-way (a ValidatingAdmissionPolicy, run
/// in-process by the API server) rolls back the namespaces already changed.
#[tokio::test]
async fn label_failure_half_way_rolls_back() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let a = namespace(&client, "lbl-rb-a", &[]).await;
    let locked = namespace(&client, "lbl-rb-locked", &[("mast.test/locked", "true")]).await;
    let suffix = format!("{}", std::process::id());
    let policy_name = format!("mast-test-lock-{suffix}");
    let policy = json!({
        "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
        "metadata": {"name": policy_name},
        "spec": {"failurePolicy": "Fail",
                 "matchConstraints": {"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"],
                     "operations": ["UPDATE"], "resources": ["namespaces"]}]},
                 "validations": [{"expression": "!has(oldObject.metadata.labels) || !('mast.test/locked' in oldObject.metadata.labels)",
                                  "message": "namespace is locked by the test"}]}
    });
    let binding = json!({
        "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicyBinding",
        "metadata": {"name": policy_name},
        "spec": {"policyName": policy_name, "validationActions": ["Deny"]}
    });
    let dyn_api = |kind: &str, plural: &str| {
        let ar = kube::api::ApiResource {
            group: "admissionregistration.k8s.io".into(),
            version: "v1".into(),
            api_version: "admissionregistration.k8s.io/v1".into(),
            kind: kind.into(),
            plural: plural.into(),
        };
        Api::<kube::api::DynamicObject>::all_with(client.clone(), &ar)
    };
    let pol_api = dyn_api("ValidatingAdmissionPolicy", "validatingadmissionpolicies");
    let bind_api = dyn_api(
        "ValidatingAdmissionPolicyBinding",
        "validatingadmissionpolicybindings",
    );
    pol_api
        .create(
            &PostParams::default(),
            &serde_json::from_value(policy).unwrap(),
        )
        .await
        .unwrap();
    bind_api
        .create(
            &PostParams::default(),
            &serde_json::from_value(binding).unwrap(),
        )
        .await
        .unwrap();
    // The policy takes effect asynchronously: wait until it denies.
    let ns_api = Api::<Namespace>::all(client.clone());
    let probe = json!({"metadata": {"annotations": {"mast.test/probe": "1"}}});
    support::wait_until(
        std::time::Duration::from_secs(30),
        "admission policy active",
        || {
            let ns_api = ns_api.clone();
            let name = locked.name.clone();
            let probe = probe.clone();
            async move {
                let dry = PatchParams {
                    dry_run: true,
                    ..PatchParams::default()
                };
                ns_api
                    .patch(&name, &dry, &Patch::Merge(&probe))
                    .await
                    .is_err()
            }
        },
    )
    .await;

    let out = mast(&["label", "ns", &a.name, &locked.name, "--enable"]);
    let stderr = text(&out.stderr);
    let _ = pol_api.delete(&policy_name, &DeleteParams::default()).await;
    let _ = bind_api
        .delete(&policy_name, &DeleteParams::default())
        .await;
    assert_eq!(code(&out), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("namespace/{}: failed:", locked.name)),
        "{stderr}"
    );
    assert!(
        stderr.contains("namespace is locked by the test"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("namespace/{}: rolled back", a.name)),
        "{stderr}"
    );
    assert!(ns_labels(&client, &a.name).await.is_empty(), "rolled back");
}

/// Excluded namespaces need --force; dry runs (client and server) change nothing.
#[tokio::test]
async fn label_excluded_namespaces_and_dry_runs() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::default_and_canary(&client).await;
    let out = mast(&["label", "ns", "kube-system", "--enable"]);
    assert_eq!(code(&out), 1);
    assert!(
        text(&out.stderr)
            .contains("namespace kube-system is a system namespace istiod never injects")
    );
    assert!(text(&out.stderr).contains("hint: pass --force"));
    let out = mast(&[
        "-i",
        "kube-public",
        "label",
        "ns",
        "kube-public",
        "--enable",
        "--force",
        "--dry-run",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "namespace/kube-public labeled (dry run): istio-injection=enabled\n"
    );
    assert!(
        !ns_labels(&client, "kube-public")
            .await
            .contains_key("istio-injection")
    );

    let ns = namespace(&client, "lbl-dry", &[]).await;
    let out = mast(&[
        "label",
        "ns",
        &ns.name,
        "--enable",
        "--dry-run=server",
        "-o",
        "yaml",
    ]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("istio-injection: enabled") && stdout.contains("kind: Namespace"),
        "{stdout}"
    );
    assert!(!stdout.contains("managedFields"), "{stdout}");
    assert!(text(&out.stderr).contains("labeled (server dry run)"));
    let out = mast(&[
        "label",
        "ns",
        &ns.name,
        "--enable",
        "--dry-run",
        "-o",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metadata"]["labels"]["istio-injection"], "enabled");
    assert!(
        ns_labels(&client, &ns.name).await.is_empty(),
        "dry runs change nothing"
    );
}

/// `label list`: state, effective revision (through the default tag), the
/// injecting webhook and the conflicts, as a table and as JSON.
#[tokio::test]
async fn label_list_shows_revision_webhook_and_conflicts() {
    let _g = LOCK.lock().await;
    let client = support::client().await;
    let _w = Webhooks::canary_with_default_tag(&client).await;
    let enabled = namespace(&client, "ls-enabled", &[("istio-injection", "enabled")]).await;
    let rev = namespace(&client, "ls-rev", &[("istio.io/rev", "canary")]).await;
    let both = namespace(
        &client,
        "ls-both",
        &[("istio-injection", "enabled"), ("istio.io/rev", "canary")],
    )
    .await;
    let ghost = namespace(&client, "ls-ghost", &[("istio.io/rev", "nope")]).await;
    let off = namespace(&client, "ls-off", &[("istio-injection", "disabled")]).await;
    let plain = namespace(&client, "ls-plain", &[]).await;

    let out = mast(&["label", "list", "-o", "json"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let row = |n: &str| rows.iter().find(|r| r["namespace"] == n).cloned();
    assert!(
        row(&plain.name).is_none(),
        "without -A only labelled namespaces"
    );
    let r = row(&enabled.name).unwrap();
    assert_eq!(
        (r["injection"].as_str(), r["revision"].as_str()),
        (Some("enabled"), Some("canary"))
    );
    assert_eq!(r["webhooks"], json!(["istio-revision-tag-default"]));
    assert_eq!(r["conflicts"], json!([]));
    let r = row(&rev.name).unwrap();
    assert_eq!(r["webhooks"], json!(["istio-sidecar-injector-canary"]));
    let r = row(&both.name).unwrap();
    assert_eq!(
        r["webhooks"],
        json!(["istio-revision-tag-default"]),
        "istio-injection wins"
    );
    assert_eq!(
        r["conflicts"][0],
        "both istio-injection=enabled and istio.io/rev=canary are set; istio-injection wins"
    );
    let r = row(&ghost.name).unwrap();
    assert_eq!(
        (r["injection"].as_str(), r["revision"].as_str()),
        (Some("off"), None)
    );
    assert_eq!(
        r["conflicts"],
        json!(["no control plane or tag for revision nope"])
    );
    assert_eq!(row(&off.name).unwrap()["injection"], "disabled");

    let out = mast(&["label", "list", "-A"]);
    let table = text(&out.stdout);
    assert!(table.starts_with("NAMESPACE "), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with(&plain.name) && l.contains(" off ")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("kube-system ") && l.contains(" excluded ")),
        "{table}"
    );
    let line = table
        .lines()
        .find(|l| l.starts_with(&enabled.name))
        .unwrap();
    assert!(
        line.split_whitespace().collect::<Vec<_>>()[..4]
            == [
                enabled.name.as_str(),
                "enabled",
                "canary",
                "istio-revision-tag-default"
            ],
        "{line}"
    );

    let out = mast(&["label", "list", "-n", &rev.name, "-o", "yaml"]);
    assert!(
        text(&out.stdout).starts_with(&format!("- namespace: {}\n", rev.name)),
        "{}",
        text(&out.stdout)
    );
    let out = mast(&["label", "list", "-n", "mast-no-such-ns"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).starts_with("error: namespace mast-no-such-ns does not exist"));
}

/// Users without RBAC and unreachable servers: one line and a hint, exit 1.
#[test]
fn label_forbidden_and_unreachable() {
    let limited = support::limited_kubeconfig();
    for args in [
        vec!["label", "ns", "default", "--enable"],
        vec!["label", "list"],
    ] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("mast"))
            .args(&args)
            .env("KUBECONFIG", &limited)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(code(&out), 1, "{args:?} {stderr}");
        assert!(stderr.contains("403 Forbidden"), "{stderr}");
        assert!(
            stderr.contains("hint: your user lacks permission"),
            "{stderr}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}\n\
         users:\n- name: u\n  user: {token: x}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n",
    )
    .unwrap();
    for args in [
        vec!["label", "ns", "default", "--enable"],
        vec!["check-inject", "-l", "a=b"],
    ] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("mast"))
            .args(&args)
            .env("KUBECONFIG", &kc)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(code(&out), 1, "{stderr}");
        assert!(
            stderr.contains("cannot reach the Kubernetes API server at https://127.0.0.1:1"),
            "{stderr}"
        );
        assert!(
            stderr.contains("hint: check that the cluster is running"),
            "{stderr}"
        );
    }
}
