//! IST0175: RequestAuthentications exist but istiod does not restrict JWKS fetches.

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0175",
    name: "jwks-uri-fetch-unrestricted",
    analyzer: "authn.BlockedCIDRsAnalyzer",
    summary: "RequestAuthentications exist but istiod does not set BLOCKED_CIDRS_IN_JWKS_URIS",
    docs: "### What it does
When at least one RequestAuthentication exists, checks every Deployment labelled
`app=istiod` for a non-empty `BLOCKED_CIDRS_IN_JWKS_URIS` environment variable on one of its
containers; the finding is on the istiod Deployment and names up to five
RequestAuthentications.

### Why is this bad?
istiod fetches the `jwksUri` of each RequestAuthentication. Anyone who can create one can
make istiod request internal addresses (cloud metadata endpoints, in-cluster services).

### Example
A RequestAuthentication with `jwksUri: http://169.254.169.254/...` and an istiod Deployment
without the variable.

### How to fix
Set `BLOCKED_CIDRS_IN_JWKS_URIS` on istiod (e.g. `169.254.0.0/16,10.0.0.0/8`), via
`--set values.pilot.env.BLOCKED_CIDRS_IN_JWKS_URIS=...`.
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    let names: Vec<String> = snap
        .of("security.istio.io", "RequestAuthentication")
        .map(super::super::snapshot::Resource::key)
        .collect();
    if names.is_empty() {
        return;
    }
    let listed = if names.len() <= 5 {
        names.join(", ")
    } else {
        format!("{}, and {} more", names[..5].join(", "), names.len() - 5)
    };
    for d in snap
        .of("apps", "Deployment")
        .filter(|d| d.label("app") == Some("istiod"))
    {
        let set = items(d.spec().at("/template/spec/containers"))
            .iter()
            .any(|c| {
                items(c.get("env")).iter().any(|e| {
                    str_of(e, "name") == "BLOCKED_CIDRS_IN_JWKS_URIS"
                        && !str_of(e, "value").is_empty()
                })
            });
        if !set {
            #[allow(clippy::cast_possible_wrap)]
            let n = names.len() as i64;
            sink.report(d, None, &[Arg::Int(n), Arg::from(listed.as_str())]);
        }
    }
}
