//! IST0158: pods run a proxy image other than the one the injector would use now.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, selector_matches, str_of};

pub static RULE: Rule = Rule {
    code: "IST0158",
    name: "proxy-image-mismatch",
    analyzer: "injection.ImageAnalyzer",
    summary: "Pods in an injected namespace run a proxy image other than the injector's",
    docs: "### What it does
Reads the proxy image from each injector ConfigMap (`istio-sidecar-injector` and
`istio-sidecar-injector-<revision>`: `global.hub/global.proxy.image:global.tag`, or
`global.proxy.image` alone when it holds a `/`). For pods in namespaces labelled
`istio-injection=enabled` or `istio.io/rev=<revision>`, the `istio-proxy` container (or
native sidecar) must use that image, or that image with the `-<imageType>` suffix chosen by
ProxyConfig / mesh config / the `proxy.istio.io/config` annotation. Pods that pin
`sidecar.istio.io/proxyImage` are skipped. One finding per namespace lists the pods.

### Why is this bad?
After a control-plane upgrade, running pods keep the old proxy until they are recreated:
they miss fixes and may be incompatible with the new istiod.

### Example
A namespace labelled `istio-injection=enabled`, an injector at `1.32.0`, and a pod whose
`istio-proxy` image is `docker.io/istio/proxyv2:1.30.1`.

### How to fix
Restart the workloads (`kubectl rollout restart deployment -n <namespace>`).
",
    requires: &["Pod", "Namespace"],
    check,
};

/// The image the injector configuration would use, as Istio computes it.
fn injector_image(cm: &Resource) -> String {
    let values: Value = cm
        .at("/data/values")
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    let Some(g) = values.get("global").filter(|g| g.is_object()) else {
        return String::new();
    };
    let image = g
        .at("/proxy/image")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if image.contains('/') {
        image.to_string()
    } else {
        format!("{}/{image}:{}", str_of(g, "hub"), str_of(g, "tag"))
    }
}

fn image_type(v: Option<&Value>) -> Option<&str> {
    v.and_then(|v| v.at("/image/imageType"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// The image variant (`distroless`, ...) that applies to a pod.
fn variant(snap: &Snapshot, pod: &Resource) -> String {
    let root = snap
        .mesh
        .get("rootNamespace")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or("istio-system");
    let mut v = image_type(snap.mesh.get("defaultConfig")).map(str::to_string);
    let pcs: Vec<&Resource> = snap.of("networking.istio.io", "ProxyConfig").collect();
    let mut set = |x: Option<&str>| {
        if let Some(x) = x {
            v = Some(x.to_string());
        }
    };
    for pc in pcs.iter().filter(|p| p.namespace == root) {
        set(image_type(Some(pc.spec())));
    }
    for pc in &pcs {
        if pc.namespace != root
            && pc.namespace == pod.namespace
            && pc.spec().get("selector").is_none()
        {
            set(image_type(Some(pc.spec())));
        }
    }
    for pc in &pcs {
        if pc.namespace == root || pc.namespace != pod.namespace {
            continue;
        }
        if let Some(sel) = pc
            .spec()
            .at("/selector/matchLabels")
            .and_then(Value::as_object)
            && selector_matches(sel, pod.labels())
        {
            set(image_type(Some(pc.spec())));
        }
    }
    if let Some(text) = pod.annotation("proxy.istio.io/config")
        && let Ok(docs) = crate::manifest::read_str(text, crate::manifest::Source::Stdin)
        && let Some(doc) = docs.into_iter().find_map(|d| d.value)
    {
        set(image_type(Some(&doc)));
    }
    match v {
        Some(x) if x != "default" => x,
        _ => String::new(),
    }
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    let images: HashMap<&str, String> = snap
        .of_kind("ConfigMap")
        .filter(|c| c.name.starts_with("istio-sidecar-injector"))
        .map(|c| (c.name.as_str(), injector_image(c)))
        .collect();
    if images.is_empty() {
        return;
    }
    // namespace → revision
    let mut injected: HashMap<&str, (&Resource, String)> = HashMap::new();
    for ns in snap.of_kind("Namespace") {
        if let Some(rev) = ns.label("istio.io/rev") {
            injected.insert(&ns.name, (ns, rev.to_string()));
        } else if ns.label("istio-injection") == Some("enabled") {
            injected.insert(&ns.name, (ns, "default".to_string()));
        }
    }
    let mut mismatched: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for pod in snap.of_kind("Pod") {
        let Some((_, rev)) = injected.get(pod.namespace.as_str()) else {
            continue;
        };
        if pod
            .annotation("sidecar.istio.io/proxyImage")
            .is_some_and(|s| !s.is_empty())
        {
            continue;
        }
        let cm = if rev.is_empty() || rev == "default" {
            "istio-sidecar-injector".to_string()
        } else {
            format!("istio-sidecar-injector-{rev}")
        };
        let Some(expected) = images.get(cm.as_str()) else {
            continue;
        };
        let variant = variant(snap, pod);
        let spec = pod.value.get("spec");
        let containers = items(spec.and_then(|s| s.get("containers")))
            .iter()
            .chain(items(spec.and_then(|s| s.get("initContainers"))));
        for c in containers.filter(|c| str_of(c, "name") == "istio-proxy") {
            let image = str_of(c, "image");
            if image != expected && image != format!("{expected}-{variant}") {
                mismatched
                    .entry(&pod.namespace)
                    .or_default()
                    .push(pod.name.clone());
            }
        }
    }
    for (ns, mut pods) in mismatched {
        pods.sort();
        if let Some((res, _)) = injected.get(ns) {
            sink.report(res, None, &[Arg::from(pods)]);
        }
    }
}
