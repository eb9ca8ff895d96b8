//! Suppressions: `-S CODE=GLOB` over `Kind ns/name`, and the
//! `galley.istio.io/analyze-suppress` annotation on the resource itself.

use std::fmt;

use super::diag::Diagnostic;

/// One `-S` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub code: String,
    pub glob: String,
}

/// Why a `-S` value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SuppressionError(pub String);

impl fmt::Display for SuppressionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid suppression {:?}: expected CODE=RESOURCE-GLOB, e.g. \"IST0102=Namespace frod\" or \"IST0107=Deployment prod/*\"",
            self.0
        )
    }
}

impl Suppression {
    /// Parse `CODE=GLOB` (exactly one `=`).
    pub fn parse(s: &str) -> Result<Suppression, SuppressionError> {
        let mut parts = s.split('=');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(code), Some(glob), None) if !code.trim().is_empty() => Ok(Suppression {
                code: code.trim().to_string(),
                glob: glob.to_string(),
            }),
            _ => Err(SuppressionError(s.to_string())),
        }
    }

    fn matches(&self, d: &Diagnostic) -> bool {
        let Some(r) = &d.resource else { return false };
        self.code.eq_ignore_ascii_case(d.code) && glob_match(&self.glob, &r.friendly_name())
    }
}

/// A glob where `*` matches any run of characters (nothing else is special).
pub fn glob_match(pattern: &str, subject: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == subject;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !subject.starts_with(first) || subject.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &subject[first.len()..];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether the resource's own annotation suppresses this code.
fn annotation_suppresses(d: &Diagnostic) -> bool {
    let Some(value) = d.resource.as_ref().and_then(|r| r.suppress.as_deref()) else {
        return false;
    };
    value
        .split(',')
        .map(str::trim)
        .any(|c| c == "*" || c.eq_ignore_ascii_case(d.code))
}

/// Whether a diagnostic is suppressed by `-S` or by annotation.
pub fn is_suppressed(d: &Diagnostic, suppressions: &[Suppression]) -> bool {
    annotation_suppresses(d) || suppressions.iter().any(|s| s.matches(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*", "Pod a/b"));
        assert!(glob_match("Pod a/*", "Pod a/b"));
        assert!(glob_match("*a/b", "Pod a/b"));
        assert!(glob_match("Pod*/b", "Pod a/b"));
        assert!(!glob_match("Pod x/*", "Pod a/b"));
        assert!(glob_match("Namespace frod", "Namespace frod"));
        assert!(!glob_match("Pod a*a", "Pod a"));
    }

    #[test]
    fn parse_requires_one_equals() {
        assert_eq!(
            Suppression::parse("IST0102=Namespace *").unwrap(),
            Suppression {
                code: "IST0102".into(),
                glob: "Namespace *".into()
            }
        );
        assert!(Suppression::parse("IST0102").is_err());
        assert!(Suppression::parse("a=b=c").is_err());
        assert!(Suppression::parse("=x").is_err());
    }
}
