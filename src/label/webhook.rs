//! Istio's injector `MutatingWebhookConfigurations` and which of them would
//! inject a pod: istioctl's `x check-inject` analysis
//! (`istioctl/pkg/checkinject/checkinject.go`), with its reason strings, over
//! real label-selector semantics.

use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;

use super::selector::{Labels, Op, Selector};

/// The revision label on webhook configurations and namespaces.
pub const REV_LABEL: &str = "istio.io/rev";
/// The revision-tag label on tag webhook configurations.
pub const TAG_LABEL: &str = "istio.io/tag";
/// The legacy namespace injection label.
pub const INJECTION_LABEL: &str = "istio-injection";

/// One webhook of a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    pub name: String,
    /// `None`: no selector, which matches every namespace.
    pub namespace_selector: Option<Selector>,
    /// `None`: no selector, which matches every pod.
    pub object_selector: Option<Selector>,
}

/// An injector webhook configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injector {
    pub name: String,
    /// The `istio.io/rev` label (empty when absent), as istioctl shows it.
    pub revision: String,
    /// The `istio.io/tag` label, for revision tags.
    pub tag: Option<String>,
    pub hooks: Vec<Hook>,
}

/// The answer for one configuration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HookResult {
    #[serde(rename = "webhook")]
    pub name: String,
    pub revision: String,
    pub injected: bool,
    pub reason: String,
}

impl Injector {
    /// Read a configuration; `None` unless one of its webhooks' names ends in
    /// `istio.io` (istioctl's test for an Istio injector).
    pub fn from_k8s(mwc: &MutatingWebhookConfiguration) -> Option<Injector> {
        let hooks = mwc.webhooks.as_deref().unwrap_or_default();
        if !hooks.iter().any(|w| w.name.ends_with("istio.io")) {
            return None;
        }
        let labels = mwc.metadata.labels.as_ref();
        let label = |k: &str| labels.and_then(|l| l.get(k)).cloned();
        Some(Injector {
            name: mwc.metadata.name.clone().unwrap_or_default(),
            revision: label(REV_LABEL).unwrap_or_default(),
            tag: label(TAG_LABEL),
            hooks: hooks
                .iter()
                .map(|w| Hook {
                    name: w.name.clone(),
                    namespace_selector: w.namespace_selector.as_ref().map(Selector::from_k8s),
                    object_selector: w.object_selector.as_ref().map(Selector::from_k8s),
                })
                .collect(),
        })
    }

    /// The revision or tag names this configuration answers to in
    /// `istio.io/rev` labels: its `In` values on `istio.io/rev`.
    pub fn rev_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for h in &self.hooks {
            for s in [&h.namespace_selector, &h.object_selector]
                .into_iter()
                .flatten()
            {
                for e in &s.expressions {
                    if e.key == REV_LABEL && e.op == Op::In {
                        for v in &e.values {
                            if !out.contains(v) {
                                out.push(v.clone());
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether every webhook carries istioctl's never-match selectors
    /// (`istio.io/deactivated: never-match`), as `tag set default` leaves the
    /// per-revision configuration.
    pub fn is_deactivated(&self) -> bool {
        !self.hooks.is_empty() && self.hooks.iter().all(hook_deactivated)
    }

    /// Would this configuration inject a pod with `pod` labels into a
    /// namespace with `ns` labels, and why.
    pub fn check(&self, pod: &Labels, ns: &Labels) -> HookResult {
        let (reason, injected) = match_status(&self.hooks, pod, ns);
        HookResult {
            name: self.name.clone(),
            revision: self.revision.clone(),
            injected,
            reason,
        }
    }
}

fn hook_deactivated(h: &Hook) -> bool {
    let never = |s: &Option<Selector>| {
        s.as_ref()
            .is_some_and(|s| s.is_only_label("istio.io/deactivated", "never-match"))
    };
    never(&h.namespace_selector) && never(&h.object_selector)
}

/// Check every configuration, sorted by name as istioctl sorts them.
pub fn check_all(injectors: &[Injector], pod: &Labels, ns: &Labels) -> Vec<HookResult> {
    let mut out: Vec<HookResult> = injectors.iter().map(|i| i.check(pod, ns)).collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// `extractMatchedSelectorInfo`: whether the selector matches, and the first
/// `In`/`NotIn` key present on the object as `k=v`.
fn matched_info(sel: Option<&Selector>, labels: &Labels) -> (bool, String) {
    let Some(sel) = sel else {
        return (true, String::new());
    };
    if !sel.matches(labels) {
        return (false, String::new());
    }
    for e in &sel.expressions {
        if matches!(e.op, Op::In | Op::NotIn)
            && let Some(v) = labels.get(&e.key)
        {
            return (true, format!("{}={v}", e.key));
        }
    }
    (true, String::new())
}

/// `analyzeWebhooksMatchStatus`, reason for reason.
fn match_status(hooks: &[Hook], pod: &Labels, ns: &Labels) -> (String, bool) {
    for h in hooks {
        let (ns_matched, ns_label) = matched_info(h.namespace_selector.as_ref(), ns);
        let (pod_matched, pod_label) = matched_info(h.object_selector.as_ref(), pod);
        if ns_matched && pod_matched {
            if !ns_label.is_empty() && !pod_label.is_empty() {
                return (
                    format!(
                        "Namespace label {ns_label} matches, and pod label {pod_label} matches"
                    ),
                    true,
                );
            } else if !ns_label.is_empty() {
                let mut msg = format!("Namespace label {ns_label} matches");
                if ns_label.contains("kubernetes.io/metadata.name") {
                    msg.push_str(" (Automatic injection is enabled in all namespaces).");
                }
                return (msg, true);
            } else if !pod_label.is_empty() {
                return (format!("Pod label {pod_label} matches"), true);
            }
        } else if ns_matched {
            let exprs = h.object_selector.iter().flat_map(|s| &s.expressions);
            for e in exprs {
                let Some(v) = pod.get(&e.key) else { continue };
                let blocks = match e.op {
                    Op::DoesNotExist => true,
                    Op::NotIn => e.values.contains(v),
                    _ => false,
                };
                if blocks {
                    return (
                        format!("Pod has {}={v} label, preventing injection", e.key),
                        false,
                    );
                }
            }
        } else if pod_matched
            && let Some(v) = ns.get(INJECTION_LABEL)
            && v != "enabled"
        {
            return (
                format!("Namespace has {INJECTION_LABEL}={v} label, preventing injection"),
                false,
            );
        }
    }
    (no_match_reason(hooks), false)
}

fn no_match_reason(hooks: &[Hook]) -> String {
    if hooks.iter().any(hook_deactivated) {
        return "The injection webhook is deactivated, and will never match labels.".into();
    }
    let in_labels = |s: &Option<Selector>| -> Vec<String> {
        s.iter()
            .flat_map(|s| &s.expressions)
            .filter(|e| e.op == Op::In)
            .flat_map(|e| e.values.iter().map(move |v| format!("{}={v}", e.key)))
            .collect()
    };
    let ns: Vec<String> = hooks
        .iter()
        .flat_map(|h| in_labels(&h.namespace_selector))
        .collect();
    let pod: Vec<String> = hooks
        .iter()
        .flat_map(|h| in_labels(&h.object_selector))
        .collect();
    format!(
        "No matching namespace labels ({}) or pod labels ({})",
        ns.join(", "),
        pod.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::selector::Requirement;
    use crate::label::selector::labels;

    fn req(key: &str, op: Op, values: &[&str]) -> Requirement {
        Requirement {
            key: key.into(),
            op,
            values: values.iter().map(|v| (*v).to_string()).collect(),
        }
    }

    fn sel(reqs: Vec<Requirement>) -> Option<Selector> {
        let s = Selector {
            expressions: reqs,
            ..Selector::default()
        };
        (!s.expressions.is_empty()).then_some(s)
    }

    /// The four webhooks of Istio's chart for revision `rev` (the last two
    /// only for the default revision), as `mutatingwebhook.yaml` renders them.
    fn istio(name: &str, rev: &str, default: bool) -> Injector {
        let not_false = req("sidecar.istio.io/inject", Op::NotIn, &["false"]);
        let mut hooks = vec![
            Hook {
                name: "rev.namespace.sidecar-injector.istio.io".into(),
                namespace_selector: sel(vec![
                    req(REV_LABEL, Op::In, &[rev]),
                    req(INJECTION_LABEL, Op::DoesNotExist, &[]),
                ]),
                object_selector: sel(vec![not_false.clone()]),
            },
            Hook {
                name: "rev.object.sidecar-injector.istio.io".into(),
                namespace_selector: sel(vec![
                    req(REV_LABEL, Op::DoesNotExist, &[]),
                    req(INJECTION_LABEL, Op::DoesNotExist, &[]),
                ]),
                object_selector: sel(vec![not_false.clone(), req(REV_LABEL, Op::In, &[rev])]),
            },
        ];
        if default {
            hooks.push(Hook {
                name: "namespace.sidecar-injector.istio.io".into(),
                namespace_selector: sel(vec![req(INJECTION_LABEL, Op::In, &["enabled"])]),
                object_selector: sel(vec![not_false]),
            });
            hooks.push(Hook {
                name: "object.sidecar-injector.istio.io".into(),
                namespace_selector: sel(vec![
                    req(INJECTION_LABEL, Op::DoesNotExist, &[]),
                    req(REV_LABEL, Op::DoesNotExist, &[]),
                ]),
                object_selector: sel(vec![
                    req("sidecar.istio.io/inject", Op::In, &["true"]),
                    req(REV_LABEL, Op::DoesNotExist, &[]),
                ]),
            });
        }
        Injector {
            name: name.into(),
            revision: rev.into(),
            tag: None,
            hooks,
        }
    }

    /// Pod labels, namespace labels, injected, reason.
    type Case = (
        &'static [(&'static str, &'static str)],
        &'static [(&'static str, &'static str)],
        bool,
        &'static str,
    );

    // The cases of istioctl's checkinject_test.go (default-injector.yaml).
    #[test]
    fn istioctl_default_injector_cases() {
        let inj = istio("istio-sidecar-injector", "default", true);
        let cases: &[Case] = &[
            (
                &[],
                &[("istio-injection", "enabled")],
                true,
                "Namespace label istio-injection=enabled matches",
            ),
            (
                &[],
                &[("istio.io/rev", "default")],
                true,
                "Namespace label istio.io/rev=default matches",
            ),
            (
                &[("istio.io/rev", "default")],
                &[],
                true,
                "Pod label istio.io/rev=default matches",
            ),
            (
                &[("sidecar.istio.io/inject", "true")],
                &[],
                true,
                "Pod label sidecar.istio.io/inject=true matches",
            ),
            (
                &[("sidecar.istio.io/inject", "false")],
                &[("istio-injection", "enabled")],
                false,
                "Pod has sidecar.istio.io/inject=false label, preventing injection",
            ),
            (
                &[("istio.io/rev", "default")],
                &[("istio-injection", "disabled")],
                false,
                "Namespace has istio-injection=disabled label, preventing injection",
            ),
            (
                &[],
                &[],
                false,
                "No matching namespace labels (istio.io/rev=default, istio-injection=enabled) or pod labels (istio.io/rev=default, sidecar.istio.io/inject=true)",
            ),
        ];
        for (pod, ns, injected, reason) in cases {
            let r = inj.check(&labels(pod), &labels(ns));
            assert_eq!(
                (r.injected, r.reason.as_str()),
                (*injected, *reason),
                "{pod:?} {ns:?}"
            );
        }
    }

    #[test]
    fn revisions_and_deactivated_configs() {
        let canary = istio("istio-sidecar-injector-canary", "canary", false);
        let r = canary.check(&labels(&[]), &labels(&[("istio.io/rev", "canary")]));
        assert!(r.injected);
        assert_eq!(r.reason, "Namespace label istio.io/rev=canary matches");
        assert!(
            !canary
                .check(&labels(&[]), &labels(&[("istio-injection", "enabled")]))
                .injected
        );
        assert_eq!(canary.rev_names(), vec!["canary"]);

        let never = || {
            Some(Selector {
                match_labels: labels(&[("istio.io/deactivated", "never-match")]),
                ..Selector::default()
            })
        };
        let mut off = istio("istio-sidecar-injector", "default", true);
        for h in &mut off.hooks {
            h.namespace_selector = never();
            h.object_selector = never();
        }
        assert!(off.is_deactivated());
        let r = off.check(&labels(&[]), &labels(&[("istio-injection", "enabled")]));
        assert!(!r.injected);
        assert_eq!(
            r.reason,
            "The injection webhook is deactivated, and will never match labels."
        );
    }

    #[test]
    fn results_are_sorted_by_name() {
        let all = [istio("b", "default", true), istio("a", "canary", false)];
        let names: Vec<String> = check_all(&all, &labels(&[]), &labels(&[]))
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, ["a", "b"]);
    }
}
