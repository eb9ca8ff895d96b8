//! IST0102 / IST0123 / IST0148: namespace injection labels.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::injection::{DATAPLANE_MODE_LABEL, injection_labels};
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};

pub static NOT_INJECTED: Rule = Rule {
    code: "IST0102",
    name: "namespace-not-injected",
    analyzer: "injection.Analyzer",
    summary: "A namespace has neither an istio-injection nor an istio.io/rev label",
    docs: "### What it does
Flags namespaces (other than `istio-system`, even when the Istio namespace is another one,
system namespaces and ambient namespaces) without an `istio-injection` or `istio.io/rev` label.

### Why is this bad?
Pods created there get no sidecar, so they are outside the mesh: no mTLS, no routing
rules, no telemetry. Often the label was simply forgotten.

### Example
```yaml
kind: Namespace
metadata: {name: shop}
```

### How to fix
`kubectl label namespace shop istio-injection=enabled` (or `istio.io/rev=<rev>`), or
`istio-injection=disabled` to mark it deliberately out of the mesh.
",
    requires: &["Namespace"],
    check: check_not_injected,
};

pub static MULTIPLE_LABELS: Rule = Rule {
    code: "IST0123",
    name: "namespace-multiple-injection-labels",
    analyzer: "injection.Analyzer",
    summary: "A namespace carries more than one kind of injection label",
    docs: "### What it does
Counts `istio-injection`, and (while `istio-injection` is absent or `enabled`)
`istio.io/rev` and `istio.io/dataplane-mode` on each namespace; more than one is flagged.

### Why is this bad?
The labels select different webhooks or data planes; which one wins is easy to get
wrong (`istio-injection` takes precedence over `istio.io/rev`).

### Example
```yaml
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled, istio.io/rev: canary}
```

### How to fix
Keep exactly one injection label.
",
    requires: &["Namespace"],
    check: check_multiple,
};

pub static ENABLED_BY_DEFAULT: Rule = Rule {
    code: "IST0148",
    name: "namespace-injection-enabled-by-default",
    analyzer: "injection.Analyzer",
    summary: "An unlabeled namespace is injected because the injector enables namespaces by default",
    docs: "### What it does
For unlabeled namespaces, reads the injector ConfigMap (`istio-sidecar-injector[-<rev>]`,
key `values`): when `sidecarInjectorWebhook.enableNamespacesByDefault` is true, reports this
instead of IST0102.

### Why is this bad?
Every namespace without a label gets sidecars, which surprises operators who expect
opt-in injection.

### Example
An `istio-sidecar-injector` ConfigMap with `\"enableNamespacesByDefault\": true` and a namespace
without labels.

### How to fix
Label namespaces explicitly (`istio-injection=enabled|disabled`) so intent is visible.
",
    requires: &["Namespace"],
    check: check_enabled_by_default,
};

/// Every namespace but `istio-system` (Istio skips that name, whatever the
/// Istio namespace is).
fn candidate_namespaces(snap: &Snapshot) -> impl Iterator<Item = &Resource> {
    snap.of("", "Namespace")
        .filter(|ns| ns.name != "istio-system")
}

fn unlabeled(ns: &Resource) -> bool {
    ns.label(DATAPLANE_MODE_LABEL) != Some("ambient")
        && ns.label("istio-injection").is_none_or(str::is_empty)
        && ns.label("istio.io/rev").is_none()
}

/// `sidecarInjectorWebhook.enableNamespacesByDefault` from the injector ConfigMap of a revision.
pub fn enabled_by_default(snap: &Snapshot, revision: Option<&str>) -> bool {
    let name = match revision {
        None | Some("" | "default") => "istio-sidecar-injector".to_string(),
        Some(rev) => format!("istio-sidecar-injector-{rev}"),
    };
    snap.of("", "ConfigMap")
        .find(|cm| cm.name == name)
        .and_then(|cm| cm.at("/data/values")?.as_str().map(str::to_string))
        .and_then(|v| serde_json::from_str::<Value>(&v).ok())
        .and_then(|v| {
            v.at("/sidecarInjectorWebhook/enableNamespacesByDefault")?
                .as_bool()
        })
        .unwrap_or(false)
}

fn check_not_injected(snap: &Snapshot, sink: &mut Sink) {
    for ns in candidate_namespaces(snap) {
        if unlabeled(ns) && !enabled_by_default(snap, None) {
            sink.report(
                ns,
                Some(".metadata.name"),
                &[Arg::from(&ns.name), Arg::from(&ns.name)],
            );
        }
    }
}

fn check_enabled_by_default(snap: &Snapshot, sink: &mut Sink) {
    for ns in candidate_namespaces(snap) {
        if unlabeled(ns) && enabled_by_default(snap, None) {
            sink.report(ns, None, &[]);
        }
    }
}

fn check_multiple(snap: &Snapshot, sink: &mut Sink) {
    for ns in candidate_namespaces(snap) {
        let labels = injection_labels(ns.labels());
        if labels.len() > 1 {
            sink.report(ns, None, &[Arg::Strs(labels)]);
        }
    }
}
