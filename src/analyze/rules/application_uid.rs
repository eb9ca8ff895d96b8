//! IST0144: an application container runs as UID 1337, the proxy's UID.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0144",
    name: "application-uses-proxy-uid",
    analyzer: "applicationUID.Analyzer",
    summary: "A pod or container (other than istio-proxy) runs as user 1337",
    docs: "### What it does
Checks `securityContext.runAsUser` of Pods and Deployment pod templates, at pod level and
for each container except `istio-proxy` and `istio-operator` (control-plane workloads
excepted).

### Why is this bad?
Traffic from UID 1337 is exempt from redirection: the application bypasses its own sidecar,
so its outbound traffic escapes mTLS and policy.

### Example
```yaml
spec:
  securityContext: {runAsUser: 1337}
```

### How to fix
Run the application as another UID.
",
    requires: &[],
    check,
};

fn check_spec(res: &Resource, spec: &Value, sink: &mut Sink) {
    if spec
        .at("/securityContext/runAsUser")
        .and_then(Value::as_i64)
        == Some(1337)
    {
        sink.report(res, None, &[]);
    }
    for c in items(spec.get("containers")) {
        let name = str_of(c, "name");
        if name == "istio-proxy" || name == "istio-operator" {
            continue;
        }
        if c.at("/securityContext/runAsUser").and_then(Value::as_i64) == Some(1337) {
            sink.report(res, None, &[]);
        }
    }
}

fn control_plane(r: &Resource) -> bool {
    r.label("istio").is_some() || r.label("release") == Some("istio")
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    for pod in snap.of("", "Pod").filter(|r| !control_plane(r)) {
        check_spec(pod, pod.spec(), sink);
    }
    for d in snap.of("apps", "Deployment").filter(|r| !control_plane(r)) {
        if let Some(spec) = d.spec().at("/template/spec") {
            check_spec(d, spec, sink);
        }
    }
}
