//! Namespaces and their injection labels: what a namespace's labels mean
//! (for `label list`) and how to change them safely (for `label namespace`).
//!
//! Precedence, as istiod and the webhooks apply it: `istio-injection`
//! wins over `istio.io/rev`; `istio-injection=disabled` (or any value but
//! `enabled`) turns injection off; setting both labels is a conflict.

use std::collections::BTreeMap;

use serde::Serialize;

use super::selector::{Labels, labels, validate_value};
use super::webhook::{INJECTION_LABEL, Injector, REV_LABEL, check_all};
use crate::inject::policy::IGNORED_NAMESPACES;

/// The ambient data-plane label.
pub const DATAPLANE_MODE_LABEL: &str = "istio.io/dataplane-mode";

/// Whether istiod never injects this namespace (or it holds the control
/// plane, `istio_namespace`).
pub fn is_excluded(name: &str, istio_namespace: &str) -> bool {
    IGNORED_NAMESPACES.contains(&name) || name == istio_namespace
}

/// One row of `label list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceState {
    pub namespace: String,
    /// `enabled`, `disabled`, `off` (nothing injects) or `excluded`.
    pub injection: String,
    /// The injection labels present, `k=v`.
    pub labels: Vec<String>,
    /// The control-plane revision that injects plain pods here.
    pub revision: Option<String>,
    /// The webhook configurations that inject plain pods here.
    pub webhooks: Vec<String>,
    pub conflicts: Vec<String>,
}

/// The revisions (and tags) the cluster's injectors answer to, with the
/// revision each resolves to: `canary → canary`, tag `prod → canary`.
pub fn known_revisions(injectors: &[Injector]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for i in injectors {
        if i.is_deactivated() {
            continue;
        }
        for name in i.rev_names() {
            out.entry(name).or_insert_with(|| i.revision.clone());
        }
    }
    out
}

/// What a namespace's labels mean, given the cluster's injectors.
pub fn state(
    name: &str,
    labels: &Labels,
    injectors: &[Injector],
    istio_namespace: &str,
) -> NamespaceState {
    let inj = labels.get(INJECTION_LABEL);
    let rev = labels.get(REV_LABEL);
    let mut shown = Vec::new();
    for key in [INJECTION_LABEL, REV_LABEL, DATAPLANE_MODE_LABEL] {
        if let Some(v) = labels.get(key) {
            shown.push(format!("{key}={v}"));
        }
    }
    let rows = check_all(injectors, &Labels::new(), labels);
    let webhooks: Vec<String> = rows
        .iter()
        .filter(|r| r.injected)
        .map(|r| r.name.clone())
        .collect();
    let revision = rows
        .iter()
        .find(|r| r.injected)
        .map(|r| r.revision.clone())
        .filter(|r| !r.is_empty());
    let mut conflicts = Vec::new();
    if let (Some(i), Some(r)) = (inj, rev) {
        conflicts.push(format!(
            "both {INJECTION_LABEL}={i} and {REV_LABEL}={r} are set; {INJECTION_LABEL} wins"
        ));
    }
    if let Some(i) = inj
        && i != "enabled"
        && i != "disabled"
    {
        conflicts.push(format!(
            "{INJECTION_LABEL}={i} is neither enabled nor disabled; it turns injection off"
        ));
    }
    if inj.is_none()
        && let Some(r) = rev
        && !known_revisions(injectors).contains_key(r)
    {
        conflicts.push(format!("no control plane or tag for revision {r}"));
    }
    if inj.is_some_and(|i| i == "enabled") && webhooks.is_empty() {
        conflicts.push(format!(
            "no webhook injects {INJECTION_LABEL}=enabled (no default revision or tag)"
        ));
    }
    if webhooks.len() > 1 {
        conflicts.push(format!("multiple webhooks inject: {}", webhooks.join(", ")));
    }
    let excluded = is_excluded(name, istio_namespace);
    if excluded && !webhooks.is_empty() {
        if IGNORED_NAMESPACES.contains(&name) {
            conflicts.push("istiod never injects this system namespace".into());
        } else {
            conflicts.push("injection is enabled in the control-plane namespace".into());
        }
    }
    if labels
        .get(DATAPLANE_MODE_LABEL)
        .is_some_and(|m| m == "ambient")
        && !webhooks.is_empty()
    {
        conflicts.push("ambient mode and sidecar injection are both enabled".into());
    }
    let injection = if IGNORED_NAMESPACES.contains(&name) {
        "excluded"
    } else if inj.is_some_and(|i| i != "enabled") {
        "disabled"
    } else if webhooks.is_empty() {
        "off"
    } else {
        "enabled"
    };
    NamespaceState {
        namespace: name.to_string(),
        injection: injection.to_string(),
        labels: shown,
        revision,
        webhooks,
        conflicts,
    }
}

/// What the user asked `label namespace` to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `--enable`: `istio-injection=enabled`, or `istio.io/rev=REV`.
    Enable { revision: Option<String> },
    /// `--disable`: `istio-injection=disabled`.
    Disable,
}

/// Flags that relax the checks.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules<'a> {
    /// Change or remove existing injection labels.
    pub overwrite: bool,
    /// Label excluded namespaces and unknown revisions anyway.
    pub force: bool,
    pub istio_namespace: &'a str,
}

/// The label edit for one namespace.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Change {
    /// Labels to set.
    pub set: Labels,
    /// Labels to remove.
    pub remove: Vec<String>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }

    /// Apply to a label map.
    pub fn apply(&self, labels: &mut Labels) {
        for k in &self.remove {
            labels.remove(k);
        }
        for (k, v) in &self.set {
            labels.insert(k.clone(), v.clone());
        }
    }

    /// The change that undoes this one on labels that were `before`.
    #[must_use]
    pub fn undo(&self, before: &Labels) -> Change {
        let mut back = Change::default();
        for k in self.set.keys().chain(&self.remove) {
            match before.get(k) {
                Some(v) => {
                    back.set.insert(k.clone(), v.clone());
                }
                None => back.remove.push(k.clone()),
            }
        }
        back
    }

    /// A JSON merge patch of `metadata.labels` (`null` removes).
    pub fn merge_patch(&self, resource_version: Option<&str>) -> serde_json::Value {
        let mut labels = serde_json::Map::new();
        for k in &self.remove {
            labels.insert(k.clone(), serde_json::Value::Null);
        }
        for (k, v) in &self.set {
            labels.insert(k.clone(), serde_json::Value::String(v.clone()));
        }
        let mut meta = serde_json::Map::new();
        meta.insert("labels".into(), serde_json::Value::Object(labels));
        if let Some(rv) = resource_version {
            meta.insert("resourceVersion".into(), rv.into());
        }
        serde_json::json!({ "metadata": meta })
    }

    /// `istio-injection=enabled, -istio.io/rev` for reports.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.set.iter().map(|(k, v)| format!("{k}={v}")).collect();
        parts.extend(self.remove.iter().map(|k| format!("{k}-")));
        parts.join(" ")
    }
}

/// Why a namespace is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

/// Plan the change for one namespace, or refuse it.
pub fn plan(name: &str, labels: &Labels, action: &Action, rules: Rules) -> Result<Change, Refusal> {
    let (key, value, other) = match action {
        Action::Enable { revision: None } => (INJECTION_LABEL, "enabled", REV_LABEL),
        Action::Enable {
            revision: Some(rev),
        } => (REV_LABEL, rev.as_str(), INJECTION_LABEL),
        Action::Disable => (INJECTION_LABEL, "disabled", REV_LABEL),
    };
    if let Err(e) = validate_value(value) {
        return Err(Refusal {
            message: format!("invalid revision: {e}"),
            hint: "a revision is a label value such as canary or 1-24-0".into(),
        });
    }
    if matches!(action, Action::Enable { .. })
        && !rules.force
        && is_excluded(name, rules.istio_namespace)
    {
        let why = if IGNORED_NAMESPACES.contains(&name) {
            "a system namespace istiod never injects"
        } else {
            "the control-plane namespace (injecting it can break istiod and the gateways)"
        };
        return Err(Refusal {
            message: format!("namespace {name} is {why}"),
            hint: "pass --force to label it anyway".into(),
        });
    }
    let mut change = Change::default();
    let mut clobbered = Vec::new();
    match labels.get(key) {
        Some(v) if v == value => {}
        Some(v) => {
            clobbered.push(format!("{key}={v}"));
            change.set.insert(key.into(), value.into());
        }
        None => {
            change.set.insert(key.into(), value.into());
        }
    }
    if let Some(v) = labels.get(other) {
        clobbered.push(format!("{other}={v}"));
        change.remove.push(other.into());
    }
    if !clobbered.is_empty() && !rules.overwrite {
        let verb = if change.remove.is_empty() {
            "would change"
        } else {
            "would replace"
        };
        return Err(Refusal {
            message: format!(
                "namespace {name} already has {}; {key}={value} {verb} it",
                clobbered.join(" and ")
            ),
            hint: format!(
                "pass --overwrite to replace existing injection labels ({INJECTION_LABEL} wins over {REV_LABEL}, so only one is kept)"
            ),
        });
    }
    Ok(change)
}

/// Refuse an `--enable` no webhook would act on: a revision or tag no
/// injector answers to, or `istio-injection=enabled` with no default
/// revision or tag.
pub fn revision_refusal(action: &Action, injectors: &[Injector]) -> Option<Refusal> {
    let known = known_revisions(injectors);
    let list = if known.is_empty() {
        "none are installed".to_string()
    } else {
        format!(
            "known: {}",
            known.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    match action {
        Action::Enable {
            revision: Some(rev),
        } if !known.contains_key(rev) => Some(Refusal {
            message: format!("no control plane or revision tag {rev} is installed ({list})"),
            hint: "install that revision first, pick a known one, or pass --force".into(),
        }),
        Action::Enable { revision: None } => {
            let ns = labels(&[(INJECTION_LABEL, "enabled")]);
            if check_all(injectors, &Labels::new(), &ns)
                .iter()
                .any(|r| r.injected)
            {
                return None;
            }
            Some(Refusal {
                message: format!(
                    "no webhook injects namespaces labelled {INJECTION_LABEL}=enabled (no default revision or tag; revisions {list})"
                ),
                hint: "use --revision REV, or pass --force to set the label anyway".into(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: Rules = Rules {
        overwrite: false,
        force: false,
        istio_namespace: "istio-system",
    };

    fn enable(rev: Option<&str>) -> Action {
        Action::Enable {
            revision: rev.map(str::to_string),
        }
    }

    #[test]
    fn enabling_sets_one_label_and_drops_the_other() {
        let c = plan("shop", &labels(&[]), &enable(None), RULES).unwrap();
        assert_eq!(c.describe(), "istio-injection=enabled");
        let c = plan(
            "shop",
            &labels(&[("istio-injection", "enabled")]),
            &enable(None),
            RULES,
        )
        .unwrap();
        assert!(c.is_empty(), "already enabled is a no-op");
        let before = labels(&[("istio-injection", "enabled"), ("app", "x")]);
        let rules = Rules {
            overwrite: true,
            ..RULES
        };
        let c = plan("shop", &before, &enable(Some("canary")), rules).unwrap();
        assert_eq!(c.describe(), "istio.io/rev=canary istio-injection-");
        let mut after = before.clone();
        c.apply(&mut after);
        assert_eq!(after, labels(&[("istio.io/rev", "canary"), ("app", "x")]));
        c.undo(&before).apply(&mut after);
        assert_eq!(after, before);
    }

    #[test]
    fn existing_labels_need_overwrite() {
        let r = plan(
            "shop",
            &labels(&[("istio-injection", "disabled")]),
            &enable(None),
            RULES,
        )
        .unwrap_err();
        assert!(
            r.message.contains("already has istio-injection=disabled"),
            "{}",
            r.message
        );
        assert!(r.hint.contains("--overwrite"));
        let r = plan(
            "shop",
            &labels(&[("istio.io/rev", "canary")]),
            &Action::Disable,
            RULES,
        )
        .unwrap_err();
        assert!(r.message.contains("istio.io/rev=canary"));
    }

    #[test]
    fn excluded_namespaces_need_force_to_enable() {
        for ns in ["kube-system", "istio-system", "local-path-storage"] {
            assert!(
                plan(ns, &labels(&[]), &enable(None), RULES).is_err(),
                "{ns}"
            );
            let rules = Rules {
                force: true,
                ..RULES
            };
            assert!(plan(ns, &labels(&[]), &enable(None), rules).is_ok());
        }
        assert!(plan("kube-system", &labels(&[]), &Action::Disable, RULES).is_ok());
        assert!(plan("x", &labels(&[]), &enable(Some("-bad")), RULES).is_err());
    }

    #[test]
    fn states() {
        let st = state(
            "x",
            &labels(&[("istio-injection", "enabled"), ("istio.io/rev", "c")]),
            &[],
            "istio-system",
        );
        assert_eq!(st.injection, "off");
        assert_eq!(st.conflicts.len(), 2, "{:?}", st.conflicts);
        let st = state("x", &labels(&[("istio.io/rev", "c")]), &[], "istio-system");
        assert_eq!(st.conflicts, ["no control plane or tag for revision c"]);
        let st = state("kube-system", &labels(&[]), &[], "istio-system");
        assert_eq!(st.injection, "excluded");
        let st = state(
            "y",
            &labels(&[("istio-injection", "disabled")]),
            &[],
            "istio-system",
        );
        assert_eq!((st.injection.as_str(), st.conflicts.len()), ("disabled", 0));
    }

    #[test]
    fn enabling_needs_a_webhook_that_acts() {
        use crate::label::webhook::Injector;
        assert!(revision_refusal(&enable(None), &[]).is_some());
        let canary = Injector {
            name: "istio-sidecar-injector-canary".into(),
            revision: "canary".into(),
            tag: None,
            hooks: vec![],
        };
        let r = revision_refusal(&enable(Some("prod")), std::slice::from_ref(&canary)).unwrap();
        assert!(
            r.message
                .contains("revision tag prod is installed (none are installed)"),
            "{}",
            r.message
        );
        assert!(revision_refusal(&Action::Disable, &[]).is_none());
    }
}
