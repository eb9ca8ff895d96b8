//! `docs/rules.md` is generated from the rule registry; this keeps it current.

mod support;

#[test]
fn rules_md_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = mast::analyze::registry::rules_markdown();
    if std::env::var_os("MAST_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run `MAST_UPDATE_DOCS=1 cargo test --test analyze_docs`"
    );
}

/// Rules no file can trigger, and the tests that exercise them instead.
const NOT_FROM_FILES: &[(&str, &str)] = &[(
    "multi-cluster-inconsistent-service",
    "compares clusters: tests/analyze_multicluster.rs (two live API servers), the upstream grid and unit tests",
)];

#[test]
fn every_rule_has_a_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/analyze");
    let mut all = String::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "yaml") {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    for r in mast::analyze::registry::RULES {
        if NOT_FROM_FILES.iter().any(|(name, _)| *name == r.name) {
            continue;
        }
        assert!(
            all.contains(&format!("# expect: {} {}", r.code, r.name)),
            "rule {} has no fixture in tests/data/analyze (a `# expect: {} {}` comment)",
            r.name,
            r.code,
            r.name
        );
    }
}

/// Every Istio code has rules, or no analyzer of the pinned istioctl emits
/// it (its message constructor is called only outside the analyzers, if at
/// all).
#[test]
fn codes_without_rules_are_not_analyzer_codes() {
    let analyzers = support::istio_src().join("pkg/config/analysis/analyzers");
    let mut sources = String::new();
    let mut stack = vec![analyzers];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "go")
                && !p.to_string_lossy().ends_with("_test.go")
            {
                sources.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    assert!(sources.contains("msg.NewReferencedResourceNotFound("));
    for m in mast::analyze::catalog::MESSAGES {
        let status = mast::analyze::registry::code_status(m.code);
        let emitted = sources.contains(&format!("msg.New{}(", m.name));
        if status == "implemented" {
            continue;
        }
        assert!(
            !emitted,
            "{} ({}) is emitted by an istioctl analyzer but has no rule",
            m.code, m.name
        );
        assert!(
            mast::analyze::registry::NOT_FROM_ANALYZE
                .iter()
                .any(|(c, _)| *c == m.code),
            "{} ({}) has no rule and is not listed in NOT_FROM_ANALYZE",
            m.code,
            m.name
        );
    }
}
