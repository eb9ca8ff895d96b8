//! The namespace-level injection decision the analyzers need, as a small pure
//! function. (The `inject` policy module will own the full pod-level policy;
//! this keeps the namespace label rules in one place until then.)

use serde_json::{Map, Value};

/// The label that turns injection on or off for a namespace.
pub const INJECTION_LABEL: &str = "istio-injection";
/// The revision label.
pub const REVISION_LABEL: &str = "istio.io/rev";
/// The ambient data-plane label.
pub const DATAPLANE_MODE_LABEL: &str = "istio.io/dataplane-mode";

/// What a namespace's labels say about sidecar injection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamespaceInjection {
    /// `istio-injection=enabled`.
    Enabled,
    /// `istio.io/rev=<rev>` (and no `istio-injection` label).
    Revision(String),
    /// `istio-injection` set to anything but `enabled`.
    Disabled,
    /// `istio.io/dataplane-mode=ambient`.
    Ambient,
    /// No injection label at all.
    Unlabeled,
}

fn label<'a>(labels: Option<&'a Map<String, Value>>, key: &str) -> Option<&'a str> {
    labels?.get(key)?.as_str()
}

/// Decide from a namespace's labels. `istio-injection` wins over `istio.io/rev`.
pub fn namespace_injection(labels: Option<&Map<String, Value>>) -> NamespaceInjection {
    match label(labels, INJECTION_LABEL) {
        Some("enabled") => NamespaceInjection::Enabled,
        Some(_) => NamespaceInjection::Disabled,
        None => {
            if label(labels, DATAPLANE_MODE_LABEL) == Some("ambient") {
                NamespaceInjection::Ambient
            } else if let Some(rev) = label(labels, REVISION_LABEL) {
                NamespaceInjection::Revision(rev.to_string())
            } else {
                NamespaceInjection::Unlabeled
            }
        }
    }
}

/// The injection-related labels (`key=value`) present on a namespace, as Istio counts them
/// for IST0123: `istio-injection` always; `istio.io/rev` and
/// `istio.io/dataplane-mode` only while `istio-injection` is absent or `enabled`.
pub fn injection_labels(labels: Option<&Map<String, Value>>) -> Vec<String> {
    let mut out = Vec::new();
    let inj = label(labels, INJECTION_LABEL);
    if let Some(v) = inj {
        out.push(format!("{INJECTION_LABEL}={v}"));
    }
    if inj.is_none_or(|v| v == "enabled") {
        for key in [REVISION_LABEL, DATAPLANE_MODE_LABEL] {
            if let Some(v) = label(labels, key) {
                out.push(format!("{key}={v}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn decisions() {
        assert_eq!(namespace_injection(None), NamespaceInjection::Unlabeled);
        assert_eq!(
            namespace_injection(Some(&labels(
                r#"{"istio-injection":"enabled","istio.io/rev":"c"}"#
            ))),
            NamespaceInjection::Enabled
        );
        assert_eq!(
            namespace_injection(Some(&labels(r#"{"istio.io/rev":"canary"}"#))),
            NamespaceInjection::Revision("canary".into())
        );
        assert_eq!(
            namespace_injection(Some(&labels(r#"{"istio-injection":"disabled"}"#))),
            NamespaceInjection::Disabled
        );
        assert_eq!(
            namespace_injection(Some(&labels(r#"{"istio.io/dataplane-mode":"ambient"}"#))),
            NamespaceInjection::Ambient
        );
    }

    #[test]
    fn counted_labels() {
        assert_eq!(
            injection_labels(Some(&labels(
                r#"{"istio-injection":"enabled","istio.io/rev":"c"}"#
            ))),
            vec!["istio-injection=enabled", "istio.io/rev=c"]
        );
        assert_eq!(
            injection_labels(Some(&labels(
                r#"{"istio-injection":"disabled","istio.io/rev":"c"}"#
            ))),
            vec!["istio-injection=disabled"]
        );
    }
}
