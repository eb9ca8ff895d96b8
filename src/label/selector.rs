//! Kubernetes label selectors with the API server's semantics
//! (`metav1.LabelSelectorAsSelector`): `matchLabels` and `matchExpressions`
//! with `In`, `NotIn`, `Exists` and `DoesNotExist`, all of which must hold.
//! An empty selector matches everything; an invalid one matches nothing.

use std::collections::BTreeMap;
use std::fmt;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// An object's labels.
pub type Labels = BTreeMap<String, String>;

/// A `matchExpressions` operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s {
            "In" => Op::In,
            "NotIn" => Op::NotIn,
            "Exists" => Op::Exists,
            "DoesNotExist" => Op::DoesNotExist,
            _ => return None,
        })
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Op::In => "In",
            Op::NotIn => "NotIn",
            Op::Exists => "Exists",
            Op::DoesNotExist => "DoesNotExist",
        })
    }
}

/// One `matchExpressions` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

impl Requirement {
    /// Whether `labels` satisfy this requirement.
    pub fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        match self.op {
            Op::In => value.is_some_and(|v| self.values.contains(v)),
            Op::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            Op::Exists => value.is_some(),
            Op::DoesNotExist => value.is_none(),
        }
    }
}

/// A label selector. `invalid` holds the reason when the API object could
/// not be converted (an unknown operator, values where none are allowed):
/// such a selector matches nothing, as in istioctl.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    pub match_labels: Labels,
    pub expressions: Vec<Requirement>,
    pub invalid: Option<String>,
}

impl Selector {
    /// Convert the API type, validating operators and values as the API
    /// server does.
    pub fn from_k8s(ls: &LabelSelector) -> Selector {
        let mut sel = Selector {
            match_labels: ls.match_labels.clone().unwrap_or_default(),
            ..Selector::default()
        };
        for e in ls.match_expressions.iter().flatten() {
            let values = e.values.clone().unwrap_or_default();
            let Some(op) = Op::parse(&e.operator) else {
                sel.invalid = Some(format!(
                    "{:?} is not a valid label selector operator",
                    e.operator
                ));
                continue;
            };
            match op {
                Op::In | Op::NotIn if values.is_empty() => {
                    sel.invalid = Some(format!(
                        "values: must be specified when `operator` is '{op}' (key {})",
                        e.key
                    ));
                }
                Op::Exists | Op::DoesNotExist if !values.is_empty() => {
                    sel.invalid = Some(format!(
                        "values: may not be specified when `operator` is '{op}' (key {})",
                        e.key
                    ));
                }
                _ => {}
            }
            sel.expressions.push(Requirement {
                key: e.key.clone(),
                op,
                values,
            });
        }
        sel
    }

    /// Whether `labels` satisfy every term. Empty matches all; invalid none.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.invalid.is_none()
            && self
                .match_labels
                .iter()
                .all(|(k, v)| labels.get(k) == Some(v))
            && self.expressions.iter().all(|r| r.matches(labels))
    }

    /// Whether this is exactly `matchLabels: {key: value}` and nothing else.
    pub fn is_only_label(&self, key: &str, value: &str) -> bool {
        self.expressions.is_empty()
            && self.match_labels.len() == 1
            && self.match_labels.get(key).is_some_and(|v| v == value)
    }
}

/// Parse `-l` label pairs as istioctl's `check-inject -l` does
/// (`metav1.ParseToLabelSelector`, keeping only equality terms):
/// `k=v,k2==v2`. Anything else is refused with a message naming the term.
pub fn parse_label_pairs(text: &str) -> Result<Labels, String> {
    let mut out = Labels::new();
    for term in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (k, v) = term
            .split_once("==")
            .or_else(|| term.split_once('='))
            .ok_or_else(|| format!("{term:?} is not a key=value label pair"))?;
        let (k, v) = (k.trim(), v.trim());
        if k.ends_with('!') || v.contains('=') {
            return Err(format!(
                "{term:?} is not a key=value label pair (only equality is supported)"
            ));
        }
        validate_key(k).map_err(|e| format!("{term:?}: {e}"))?;
        validate_value(v).map_err(|e| format!("{term:?}: {e}"))?;
        if let Some(prev) = out.insert(k.to_string(), v.to_string())
            && prev != v
        {
            return Err(format!("label {k} is given twice ({prev} and {v})"));
        }
    }
    if out.is_empty() {
        return Err("no labels given".into());
    }
    Ok(out)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// A label value: empty, or at most 63 characters of `[A-Za-z0-9-_.]`
/// starting and ending with an alphanumeric.
pub fn validate_value(v: &str) -> Result<(), String> {
    if v.is_empty() {
        return Ok(());
    }
    if v.len() > 63 {
        return Err(format!("label value {v:?} is longer than 63 characters"));
    }
    let edges_ok = v.starts_with(|c: char| c.is_ascii_alphanumeric())
        && v.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !edges_ok || !v.chars().all(is_name_char) {
        return Err(format!(
            "label value {v:?} must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        ));
    }
    Ok(())
}

/// A label key: an optional DNS-subdomain prefix and `/`, then a name of at
/// most 63 characters as for values (but not empty).
pub fn validate_key(k: &str) -> Result<(), String> {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    if name.is_empty() {
        return Err(format!("label key {k:?} has an empty name"));
    }
    validate_value(name).map_err(|_| {
        format!("label key {k:?} must be alphanumerics, '-', '_' or '.', at most 63, starting and ending with an alphanumeric")
    })?;
    if let Some(p) = prefix {
        let ok = !p.is_empty()
            && p.len() <= 253
            && p.split('.').all(|part| {
                !part.is_empty()
                    && part.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && part.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if !ok {
            return Err(format!(
                "label key {k:?} has an invalid DNS-subdomain prefix"
            ));
        }
    }
    Ok(())
}

/// Labels from `(key, value)` pairs.
pub fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn expr(key: &str, op: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: if values.is_empty() {
                None
            } else {
                Some(values.iter().map(|v| (*v).to_string()).collect())
            },
        }
    }

    fn sel(exprs: Vec<LabelSelectorRequirement>) -> Selector {
        Selector::from_k8s(&LabelSelector {
            match_expressions: Some(exprs),
            match_labels: None,
        })
    }

    #[test]
    fn operators_follow_kubernetes() {
        let in_ = sel(vec![expr("a", "In", &["x", "y"])]);
        assert!(in_.matches(&labels(&[("a", "y")])));
        assert!(!in_.matches(&labels(&[("a", "z")])));
        assert!(!in_.matches(&labels(&[])));
        let not_in = sel(vec![expr("a", "NotIn", &["false"])]);
        assert!(not_in.matches(&labels(&[])), "NotIn matches an absent key");
        assert!(
            not_in.matches(&labels(&[("a", "False")])),
            "values are case-sensitive"
        );
        assert!(!not_in.matches(&labels(&[("a", "false")])));
        let exists = sel(vec![expr("a", "Exists", &[])]);
        assert!(exists.matches(&labels(&[("a", "")])));
        assert!(!exists.matches(&labels(&[("b", "1")])));
        let dne = sel(vec![expr("a", "DoesNotExist", &[])]);
        assert!(dne.matches(&labels(&[("b", "1")])));
        assert!(!dne.matches(&labels(&[("a", "")])));
    }

    #[test]
    fn all_terms_must_hold_and_empty_matches_everything() {
        let s = Selector::from_k8s(&LabelSelector {
            match_labels: Some(labels(&[("app", "web")])),
            match_expressions: Some(vec![expr("istio.io/rev", "DoesNotExist", &[])]),
        });
        assert!(s.matches(&labels(&[("app", "web")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("istio.io/rev", "c")])));
        assert!(!s.matches(&labels(&[("app", "db")])));
        assert!(Selector::default().matches(&labels(&[])));
    }

    #[test]
    fn invalid_selectors_match_nothing() {
        for s in [
            sel(vec![expr("a", "Matches", &["x"])]),
            sel(vec![expr("a", "In", &[])]),
            sel(vec![expr("a", "Exists", &["x"])]),
        ] {
            assert!(s.invalid.is_some());
            assert!(!s.matches(&labels(&[("a", "x")])));
        }
    }

    #[test]
    fn label_pairs() {
        assert_eq!(
            parse_label_pairs("app=x, version==v1").unwrap(),
            labels(&[("app", "x"), ("version", "v1")])
        );
        assert_eq!(parse_label_pairs("a=").unwrap(), labels(&[("a", "")]));
        for bad in [
            "app",
            "app!=x",
            "app in (x)",
            "",
            "a=b=c",
            "-a=b",
            "a=b,a=c",
        ] {
            assert!(parse_label_pairs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_and_values() {
        assert!(validate_key("sidecar.istio.io/inject").is_ok());
        assert!(validate_key("Istio.io/rev").is_err());
        assert!(validate_key("/x").is_err());
        assert!(validate_value("canary-1.2").is_ok());
        assert!(validate_value("-canary").is_err());
        assert!(validate_value(&"a".repeat(64)).is_err());
    }
}
