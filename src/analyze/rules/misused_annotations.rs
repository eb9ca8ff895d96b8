//! IST0108 / IST0107 / IST0125 / IST0135: Istio annotations that are unknown,
//! on the wrong kind, with a bad value, or deprecated.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::annotations::{self, Annotation};
use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};

/// Annotations Istio itself writes, never the user's mistake.
pub const ALWAYS_IGNORED: &[&str] = &[
    "sidecar.istio.io/status",
    "gateway.istio.io/controller-version",
    "istio.io/rev",
];

/// The kinds whose annotations are checked (a Deployment's own metadata too:
/// pod annotations there are a classic mistake).
const KINDS: &[&str] = &["Namespace", "Service", "Pod", "Deployment"];

pub static UNKNOWN: Rule = Rule {
    code: "IST0108",
    name: "unknown-annotation",
    analyzer: "annotations.K8sAnalyzer",
    summary: "An annotation in an Istio domain is not one Istio knows",
    docs: "### What it does
Looks at the annotations of Namespaces, Services, Pods and Deployments (and of a
Deployment's pod template). An annotation whose domain ends in `istio.io` (or
`kubernetes.io/ingress.class`) must be one of Istio's documented annotations.

### Why is this bad?
A misspelt annotation is ignored without a word: the setting you meant (a port exclusion, a
proxy resource limit) silently does not apply.

### Example
```yaml
metadata:
  annotations:
    networking.istio.io/exportThree: bar     # exportTo was meant
```

### How to fix
Fix the spelling (see Istio's annotation reference). An annotation newer than this mast
version is also reported: upgrade mast, or suppress the finding.
",
    requires: &[],
    check: check_unknown,
};

pub static MISPLACED: Rule = Rule {
    code: "IST0107",
    name: "misplaced-annotation",
    analyzer: "annotations.K8sAnalyzer",
    summary: "An Istio annotation is on a kind of resource it does not apply to",
    docs: "### What it does
For known Istio annotations on Namespaces, Services, Pods and Deployments, checks that the
annotation is documented for that kind. Annotations meant for pods that sit on a
Deployment's own metadata (instead of `spec.template.metadata`) are the usual case.

### Why is this bad?
Istio reads the annotation only where it is documented: elsewhere it has no effect.

### Example
```yaml
kind: Deployment
metadata:
  annotations:
    sidecar.istio.io/statsInclusionPrefixes: cluster.outbound   # belongs on the pod template
```

### How to fix
Move the annotation to the resource it applies to (for pod annotations, the Deployment's
`spec.template.metadata.annotations`).
",
    requires: &[],
    check: check_misplaced,
};

pub static INVALID: Rule = Rule {
    code: "IST0125",
    name: "invalid-annotation-value",
    analyzer: "annotations.K8sAnalyzer",
    summary: "An injection annotation has a value the injector rejects",
    docs: "### What it does
Validates the values of the annotations the sidecar injector parses: interception mode,
port and CIDR lists, interface names, readiness probe numbers, booleans, resource quantities
and `proxy.istio.io/config`, as the injector does.

### Why is this bad?
The injector rejects the pod (admission fails) or ignores the setting.

### Example
```yaml
metadata:
  annotations:
    readiness.status.sidecar.istio.io/initialDelaySeconds: bar
```

### How to fix
Use a value of the documented form (here an unsigned integer).
",
    requires: &[],
    check: check_invalid,
};

pub static DEPRECATED: Rule = Rule {
    code: "IST0135",
    name: "deprecated-annotation",
    analyzer: "annotations.K8sAnalyzer",
    summary: "A deprecated Istio annotation is used",
    docs: "### What it does
Reports Istio annotations marked deprecated, such as the `sidecar.istio.io/inject`
annotation (the label of the same name replaces it; the annotation is not reported when the
label is also set).

### Why is this bad?
Deprecated annotations may stop working in a future Istio release.

### Example
```yaml
metadata:
  annotations:
    sidecar.istio.io/inject: \"false\"
```

### How to fix
Use the replacement (for injection, the `sidecar.istio.io/inject` label).
",
    requires: &[],
    check: check_deprecated,
};

/// Whether Istio owns the annotation's domain.
pub fn is_istio_annotation(name: &str) -> bool {
    name == "kubernetes.io/ingress.class"
        || name
            .split('/')
            .next()
            .is_some_and(|d| d.ends_with("istio.io"))
}

/// One annotation to look at: where it sits and as which kind it counts.
struct Site<'a> {
    res: &'a Resource,
    kind: &'static str,
    name: &'a str,
    value: &'a Value,
    path: String,
    labels_have_inject: bool,
}

fn push_sites<'a>(
    out: &mut Vec<Site<'a>>,
    res: &'a Resource,
    meta: Option<&'a Value>,
    kind: &'static str,
    prefix: &str,
) {
    let Some(meta) = meta else { return };
    let labels_have_inject = meta.at("/labels/sidecar.istio.io~1inject").is_some();
    for (name, value) in meta
        .get("annotations")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if !is_istio_annotation(name) || ALWAYS_IGNORED.contains(&name.as_str()) {
            continue;
        }
        out.push(Site {
            res,
            kind,
            name,
            value,
            path: format!("{prefix}.annotations.{name}"),
            labels_have_inject,
        });
    }
}

fn sites(snap: &Snapshot) -> Vec<Site<'_>> {
    let mut out = Vec::new();
    for kind in KINDS {
        for res in snap.of_kind(kind) {
            push_sites(&mut out, res, res.value.get("metadata"), kind, ".metadata");
            if *kind == "Deployment" {
                push_sites(
                    &mut out,
                    res,
                    res.at("/spec/template/metadata"),
                    "Pod",
                    ".spec.template.metadata",
                );
            }
        }
    }
    out
}

fn applies_to(def: &Annotation, kind: &str) -> bool {
    def.resources.iter().any(|r| *r == "Any" || *r == kind)
}

fn check_unknown(snap: &Snapshot, sink: &mut Sink) {
    for s in sites(snap) {
        if annotations::lookup(s.name).is_none() {
            sink.report(s.res, Some(&s.path), &[Arg::from(s.name)]);
        }
    }
}

fn check_deprecated(snap: &Snapshot, sink: &mut Sink) {
    for s in sites(snap) {
        let Some(def) = annotations::lookup(s.name) else {
            continue;
        };
        let inject = s.name == "sidecar.istio.io/inject";
        if !def.deprecated || (inject && s.labels_have_inject) {
            continue;
        }
        let extra = if inject {
            " in favor of the \"sidecar.istio.io/inject\" label"
        } else {
            ""
        };
        sink.report(s.res, Some(&s.path), &[Arg::from(s.name), Arg::from(extra)]);
    }
}

fn check_misplaced(snap: &Snapshot, sink: &mut Sink) {
    for s in sites(snap) {
        let Some(def) = annotations::lookup(s.name) else {
            continue;
        };
        if !applies_to(def, s.kind) {
            sink.report(
                s.res,
                Some(&s.path),
                &[Arg::from(s.name), Arg::from(def.resources.join(", "))],
            );
        }
    }
}

fn check_invalid(snap: &Snapshot, sink: &mut Sink) {
    for s in sites(snap) {
        let Some(def) = annotations::lookup(s.name) else {
            continue;
        };
        if !applies_to(def, s.kind) {
            continue;
        }
        let value = match s.value {
            Value::String(v) => v.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        if let Some(Err(e)) = validate(s.name, &value) {
            sink.report(s.res, Some(&s.path), &[Arg::from(s.name), Arg::from(e)]);
        }
    }
}

/// The injector's check of an annotation value; `None` when it has none.
pub fn validate(name: &str, value: &str) -> Option<Result<(), String>> {
    if name == "proxy.istio.io/config" {
        return Some(
            crate::manifest::read_str(value, crate::manifest::Source::Stdin)
                .map(|_| ())
                .map_err(|e| format!("failed to convert to apply proxy config: {e}")),
        );
    }
    crate::inject::annotations::check(name, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_like_the_injector() {
        assert!(
            validate(
                "readiness.status.sidecar.istio.io/initialDelaySeconds",
                "bar"
            )
            .unwrap()
            .is_err()
        );
        assert!(
            validate("readiness.status.sidecar.istio.io/periodSeconds", "10")
                .unwrap()
                .is_ok()
        );
        assert!(
            validate("traffic.sidecar.istio.io/includeOutboundIPRanges", "*")
                .unwrap()
                .is_ok()
        );
        assert!(
            validate(
                "traffic.sidecar.istio.io/excludeOutboundIPRanges",
                "10.0.0.0/8,::1/128"
            )
            .unwrap()
            .is_ok()
        );
        assert!(
            validate(
                "traffic.sidecar.istio.io/excludeOutboundIPRanges",
                "10.0.0.0"
            )
            .unwrap()
            .is_err()
        );
        assert!(
            validate("traffic.sidecar.istio.io/excludeInboundPorts", "15020, 80")
                .unwrap()
                .is_ok()
        );
        assert!(
            validate("traffic.sidecar.istio.io/excludeInboundPorts", "99999")
                .unwrap()
                .is_err()
        );
        assert!(
            validate("sidecar.istio.io/proxyCPU", "100m")
                .unwrap()
                .is_ok()
        );
        assert!(
            validate("sidecar.istio.io/proxyMemory", "lots")
                .unwrap()
                .is_err()
        );
        assert!(
            validate("sidecar.istio.io/interceptionMode", "TPROXY")
                .unwrap()
                .is_ok()
        );
        assert!(validate("networking.istio.io/exportTo", "x").is_none());
        assert!(is_istio_annotation("sidecar.istio.io/x"));
        assert!(!is_istio_annotation("helm.sh/hook"));
    }
}
