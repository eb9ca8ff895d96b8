//! Should this pod be injected, and why: the decision `istioctl kube-inject`
//! makes (fixed policy "enabled", no selectors), as a pure function over the
//! pod template's metadata and spec, reusable by `check-inject` and the
//! analyzers.

use std::fmt;

use serde_json::Value;

pub const INJECT_KEY: &str = "sidecar.istio.io/inject";

/// Namespaces never injected (checked against the pod template's own
/// namespace, as upstream does).
pub const IGNORED_NAMESPACES: [&str; 4] = [
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "local-path-storage",
];

/// Why a pod is or is not injected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `spec.hostNetwork: true`.
    HostNetwork,
    /// The pod's namespace is a system namespace.
    SystemNamespace(String),
    /// The `sidecar.istio.io/inject` label said so (`true`/`false`).
    Label(bool),
    /// The `sidecar.istio.io/inject` annotation said so.
    Annotation(bool),
    /// Nothing opted out: the default policy injects.
    Default,
    /// An unrecognised `sidecar.istio.io/inject` value, ignored.
    InvalidValue(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::HostNetwork => f.write_str("hostNetwork"),
            Reason::SystemNamespace(ns) => write!(f, "system namespace {ns}"),
            Reason::Label(v) => write!(f, "label {INJECT_KEY}={v}"),
            Reason::Annotation(v) => write!(f, "annotation {INJECT_KEY}={v}"),
            Reason::Default => f.write_str("default policy"),
            Reason::InvalidValue(v) => write!(
                f,
                "invalid {INJECT_KEY} value {v:?} ignored; default policy"
            ),
        }
    }
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub inject: bool,
    pub reason: Reason,
}

fn string_at<'a>(meta: &'a Value, map: &str, key: &str) -> Option<&'a str> {
    meta.get(map)?.get(key)?.as_str()
}

/// Decide for a pod template: `meta` is its metadata, `spec` its pod spec
/// (JSON as Kubernetes writes them).
pub fn decide(meta: &Value, spec: &Value) -> Decision {
    if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        return Decision {
            inject: false,
            reason: Reason::HostNetwork,
        };
    }
    if let Some(ns) = meta.get("namespace").and_then(Value::as_str)
        && IGNORED_NAMESPACES.contains(&ns)
    {
        return Decision {
            inject: false,
            reason: Reason::SystemNamespace(ns.to_string()),
        };
    }
    let (value, from_label) = match string_at(meta, "labels", INJECT_KEY) {
        Some(v) => (Some(v), true),
        None => (string_at(meta, "annotations", INJECT_KEY), false),
    };
    match value.map(str::to_ascii_lowercase).as_deref() {
        Some(v @ ("true" | "false")) => {
            let on = v == "true";
            Decision {
                inject: on,
                reason: if from_label {
                    Reason::Label(on)
                } else {
                    Reason::Annotation(on)
                },
            }
        }
        None | Some("") => Decision {
            inject: true,
            reason: Reason::Default,
        },
        Some(_) => Decision {
            inject: true,
            reason: Reason::InvalidValue(value.unwrap_or_default().to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn host_network_wins() {
        let d = decide(
            &json!({"labels": {INJECT_KEY: "true"}}),
            &json!({"hostNetwork": true}),
        );
        assert_eq!(
            d,
            Decision {
                inject: false,
                reason: Reason::HostNetwork
            }
        );
    }

    #[test]
    fn label_wins_over_annotation() {
        let meta = json!({"labels": {INJECT_KEY: "false"}, "annotations": {INJECT_KEY: "true"}});
        assert_eq!(
            decide(&meta, &json!({})),
            Decision {
                inject: false,
                reason: Reason::Label(false)
            }
        );
        let meta = json!({"annotations": {INJECT_KEY: "false"}});
        assert_eq!(
            decide(&meta, &json!({})),
            Decision {
                inject: false,
                reason: Reason::Annotation(false)
            }
        );
    }

    #[test]
    fn system_namespaces_and_default() {
        assert!(!decide(&json!({"namespace": "kube-system"}), &json!({})).inject);
        assert_eq!(decide(&json!({}), &json!({})).reason, Reason::Default);
        assert_eq!(
            decide(&json!({"annotations": {INJECT_KEY: "maybe"}}), &json!({})).reason,
            Reason::InvalidValue("maybe".into())
        );
    }
}
