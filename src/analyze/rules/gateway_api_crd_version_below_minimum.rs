//! IST0176: Gateway API CRDs older than this Istio version supports.

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;

/// The minimum `gateway.networking.k8s.io/bundle-version` per CRD (Istio's
/// `pkg/config/schema/gatewayapi/minimumversions.go` at the pinned version).
const MINIMUM: &[(&str, (u64, u64, u64))] = &[
    ("backendtlspolicies.gateway.networking.k8s.io", (1, 4, 0)),
    ("grpcroutes.gateway.networking.k8s.io", (1, 1, 0)),
    ("tcproutes.gateway.networking.k8s.io", (1, 6, 0)),
    ("tlsroutes.gateway.networking.k8s.io", (1, 5, 0)),
];

pub static RULE: Rule = Rule {
    code: "IST0176",
    name: "gateway-api-crd-version-below-minimum",
    analyzer: "k8sgateway.CRDVersionAnalyzer",
    summary: "A Gateway API CRD is older than the version Istio requires",
    docs: "### What it does
Reads the `gateway.networking.k8s.io/bundle-version` annotation of the Gateway API CRDs
Istio has a minimum for (GRPCRoute, BackendTLSPolicy, TLSRoute, TCPRoute) and compares it,
ignoring any pre-release suffix, with that minimum.

### Why is this bad?
Istio skips the kinds whose CRDs are too old: routes of that kind are silently not
programmed.

### Example
```yaml
kind: CustomResourceDefinition
metadata:
  name: tlsroutes.gateway.networking.k8s.io
  annotations:
    gateway.networking.k8s.io/bundle-version: v1.4.1
```

### How to fix
Install the Gateway API release the Istio version documents (the experimental channel for
TLSRoute and TCPRoute).
",
    requires: &[],
    check,
};

/// A semantic version as Go's `semver.NewVersion` reads it (lenient: `v`
/// prefix, missing minor/patch); `None` when it does not parse.
fn parse(v: &str) -> Option<((u64, u64, u64), String)> {
    let v = v.strip_prefix('v').unwrap_or(v);
    let (core, pre) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let mut nums = core.split('.').map(str::parse::<u64>);
    let major = nums.next()?.ok()?;
    let minor = nums.next().transpose().ok()?.unwrap_or(0);
    let patch = nums.next().transpose().ok()?.unwrap_or(0);
    if nums.next().is_some() {
        return None;
    }
    Some(((major, minor, patch), pre.to_string()))
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    for crd in snap.of_kind("CustomResourceDefinition") {
        let Some(&(_, minimum)) = MINIMUM.iter().find(|(n, _)| *n == crd.name) else {
            continue;
        };
        let Some(bv) = crd.annotation("gateway.networking.k8s.io/bundle-version") else {
            continue;
        };
        let Some((installed, pre)) = parse(bv) else {
            continue;
        };
        if installed < minimum {
            let dotted =
                |(major, minor, patch): (u64, u64, u64)| format!("{major}.{minor}.{patch}");
            sink.report(
                crd,
                None,
                &[
                    Arg::from(&crd.name),
                    Arg::from(format!("{}{pre}", dotted(installed))),
                    Arg::from(dotted(minimum)),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn versions_parse_like_go_semver() {
        assert_eq!(parse("v1.4.1"), Some(((1, 4, 1), String::new())));
        assert_eq!(parse("1.5.0-rc.1"), Some(((1, 5, 0), "-rc.1".into())));
        assert_eq!(parse("v1.5"), Some(((1, 5, 0), String::new())));
        assert_eq!(parse("x"), None);
    }
}
