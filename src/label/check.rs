//! The `check-inject` verdict: which injector webhooks match a pod (or a set
//! of labels) in a namespace, then whether istiod's own policy
//! ([`crate::inject::policy`], the same code `inject` uses) lets the
//! injection happen, and for an existing pod whether it has the sidecar.

use serde::Serialize;
use serde_json::{Value, json};

use super::selector::Labels;
use super::webhook::{HookResult, Injector, check_all};
use crate::inject::policy::{self, Decision};

/// What is being checked.
#[derive(Debug, Clone)]
pub struct Subject {
    pub namespace: String,
    pub namespace_labels: Labels,
    /// The pod's labels (or the `-l` labels).
    pub labels: Labels,
    /// The pod's annotations (empty for `-l`).
    pub annotations: Labels,
    /// The pod's spec, when checking an existing pod (`hostNetwork` matters).
    pub spec: Value,
    /// The existing pod's name and whether it has an `istio-proxy` container.
    pub pod: Option<PodState>,
}

/// An existing pod.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodState {
    pub name: String,
    /// An `istio-proxy` container or native-sidecar init container is present.
    pub has_sidecar: bool,
    /// `kind/name` of the controller to restart (`deployment/web`), if known.
    pub owner: Option<String>,
}

/// The answer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    pub namespace: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod: Option<PodState>,
    pub labels: Labels,
    /// One row per injector configuration, sorted by name.
    pub webhooks: Vec<HookResult>,
    /// The configurations that match.
    pub injected_by: Vec<String>,
    /// istiod's policy: `false` when it skips the pod even though a webhook
    /// matches (hostNetwork, a system namespace, the inject annotation).
    pub policy_allows: bool,
    pub policy_reason: String,
    /// The final answer: a new pod with these labels gets a sidecar.
    pub injected: bool,
    /// One sentence saying why.
    pub reason: String,
    /// An existing pod whose sidecar state disagrees with the answer: it was
    /// created before the labels (or webhooks) changed.
    pub needs_restart: bool,
}

impl Verdict {
    /// Whether the check passes for scripts: injected, and for an existing
    /// pod, actually carrying the sidecar.
    pub fn ok(&self) -> bool {
        self.injected && self.pod.as_ref().is_none_or(|p| p.has_sidecar)
    }

    /// More than one configuration would inject (istioctl: "multiple
    /// webhooks will inject, which can lead to errors").
    pub fn multiple(&self) -> bool {
        self.injected_by.len() > 1
    }
}

fn to_json(m: &Labels) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

/// Decide.
pub fn check(injectors: &[Injector], s: &Subject) -> Verdict {
    let webhooks = check_all(injectors, &s.labels, &s.namespace_labels);
    let injected_by: Vec<String> = webhooks
        .iter()
        .filter(|w| w.injected)
        .map(|w| w.name.clone())
        .collect();
    let meta = json!({
        "namespace": s.namespace,
        "labels": to_json(&s.labels),
        "annotations": to_json(&s.annotations),
    });
    let Decision { inject, reason } = policy::decide(&meta, &s.spec);
    let policy_reason = reason.to_string();
    let (injected, reason) = match webhooks.iter().find(|w| w.injected) {
        None => (false, no_webhook_reason(&webhooks)),
        Some(_) if !inject => (
            false,
            format!("a webhook matches, but istiod skips the pod: {policy_reason}"),
        ),
        Some(w) => {
            let rev = if w.revision.is_empty() {
                String::new()
            } else {
                format!(" (revision {})", w.revision)
            };
            (true, format!("{}{rev}: {}", w.name, w.reason))
        }
    };
    let needs_restart = s.pod.as_ref().is_some_and(|p| p.has_sidecar != injected);
    Verdict {
        namespace: s.namespace.clone(),
        pod: s.pod.clone(),
        labels: s.labels.clone(),
        webhooks,
        injected_by,
        policy_allows: inject,
        policy_reason,
        injected,
        reason,
        needs_restart,
    }
}

fn no_webhook_reason(rows: &[HookResult]) -> String {
    if rows.is_empty() {
        return "no Istio injection webhooks are installed".into();
    }
    // A row that names a blocking label says more than "no matching labels".
    rows.iter()
        .find(|r| r.reason.contains("preventing injection"))
        .or_else(|| rows.iter().find(|r| !r.reason.contains("deactivated")))
        .unwrap_or(&rows[0])
        .reason
        .clone()
}

/// The `kind/name` a person would restart for a pod with these owner
/// references: a `ReplicaSet` named `<deployment>-<hash>` means its
/// Deployment.
pub fn restart_target(
    owner_kind: &str,
    owner_name: &str,
    pod_template_hash: Option<&str>,
) -> String {
    match (owner_kind, pod_template_hash) {
        ("ReplicaSet", Some(hash)) => match owner_name.strip_suffix(&format!("-{hash}")) {
            Some(deploy) => format!("deployment/{deploy}"),
            None => format!("replicaset/{owner_name}"),
        },
        _ => format!("{}/{owner_name}", owner_kind.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::selector::labels;
    use crate::label::selector::{Op, Requirement, Selector};
    use crate::label::webhook::Hook;

    fn enabled_ns_injector(name: &str) -> Injector {
        Injector {
            name: name.into(),
            revision: "default".into(),
            tag: None,
            hooks: vec![Hook {
                name: "namespace.sidecar-injector.istio.io".into(),
                namespace_selector: Some(Selector {
                    expressions: vec![Requirement {
                        key: "istio-injection".into(),
                        op: Op::In,
                        values: vec!["enabled".into()],
                    }],
                    ..Selector::default()
                }),
                object_selector: Some(Selector {
                    expressions: vec![Requirement {
                        key: "sidecar.istio.io/inject".into(),
                        op: Op::NotIn,
                        values: vec!["false".into()],
                    }],
                    ..Selector::default()
                }),
            }],
        }
    }

    fn subject(ns: &str) -> Subject {
        Subject {
            namespace: ns.into(),
            namespace_labels: labels(&[("istio-injection", "enabled")]),
            labels: labels(&[("app", "web")]),
            annotations: Labels::new(),
            spec: json!({}),
            pod: None,
        }
    }

    #[test]
    fn webhook_and_policy_both_decide() {
        let inj = [enabled_ns_injector("istio-sidecar-injector")];
        let v = check(&inj, &subject("shop"));
        assert!(v.injected && v.ok());
        assert_eq!(
            v.reason,
            "istio-sidecar-injector (revision default): Namespace label istio-injection=enabled matches"
        );

        let mut s = subject("shop");
        s.annotations = labels(&[("sidecar.istio.io/inject", "false")]);
        let v = check(&inj, &s);
        assert_eq!(v.injected_by, ["istio-sidecar-injector"]);
        assert!(
            !v.injected,
            "the annotation is honoured by istiod, not the webhook"
        );
        assert!(
            v.reason
                .contains("annotation sidecar.istio.io/inject=false"),
            "{}",
            v.reason
        );

        let mut s = subject("shop");
        s.spec = json!({"hostNetwork": true});
        assert!(!check(&inj, &s).injected);
        assert!(!check(&inj, &subject("kube-system")).injected);
    }

    #[test]
    fn existing_pods_without_sidecar_need_a_restart() {
        let inj = [enabled_ns_injector("a"), enabled_ns_injector("b")];
        let mut s = subject("shop");
        s.pod = Some(PodState {
            name: "web-1".into(),
            has_sidecar: false,
            owner: None,
        });
        let v = check(&inj, &s);
        assert!(v.injected && v.multiple() && v.needs_restart && !v.ok());
    }

    #[test]
    fn no_webhooks() {
        let v = check(&[], &subject("shop"));
        assert!(!v.injected);
        assert_eq!(v.reason, "no Istio injection webhooks are installed");
    }

    #[test]
    fn restart_targets() {
        assert_eq!(
            restart_target("ReplicaSet", "web-5d4f8", Some("5d4f8")),
            "deployment/web"
        );
        assert_eq!(
            restart_target("ReplicaSet", "web-x", Some("5d4f8")),
            "replicaset/web-x"
        );
        assert_eq!(restart_target("StatefulSet", "db", None), "statefulset/db");
    }
}
