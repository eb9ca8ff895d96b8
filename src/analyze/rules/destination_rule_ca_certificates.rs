//! IST0128 / IST0129: a DestinationRule originates TLS without verifying the server.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0128",
    name: "destination-rule-missing-ca-certificates",
    analyzer: "destinationrule.CaCertificateAnalyzer",
    summary: "A DestinationRule sets TLS mode SIMPLE or MUTUAL without caCertificates",
    docs: "### What it does
Checks `trafficPolicy.tls` of each DestinationRule: with `mode: SIMPLE` or `MUTUAL`,
`caCertificates` must be set (unless `credentialName` is set and the rule has a
`workloadSelector`).

### Why is this bad?
Without a CA the proxy does not verify the server's certificate: the connection is
encrypted but open to impersonation.

### Example
```yaml
kind: DestinationRule
spec:
  host: api.example.com
  trafficPolicy:
    tls: {mode: SIMPLE}
```

### How to fix
Set `caCertificates` (or `credentialName` with a `workloadSelector`), or use
`ISTIO_MUTUAL` for in-mesh services.
",
    requires: &[],
    check,
};

pub static PORT_RULE: Rule = Rule {
    code: "IST0129",
    name: "destination-rule-port-missing-ca-certificates",
    analyzer: "destinationrule.CaCertificateAnalyzer",
    summary: "A DestinationRule port-level TLS setting uses SIMPLE or MUTUAL without caCertificates",
    docs: "### What it does
Checks each `trafficPolicy.portLevelSettings[].tls` of each DestinationRule: with
`mode: SIMPLE` or `MUTUAL`, `caCertificates` must be set (unless `credentialName` is set and
the rule has a `workloadSelector`).

### Why is this bad?
Without a CA the proxy does not verify the server's certificate on that port: the
connection is encrypted but open to impersonation.

### Example
```yaml
spec:
  host: db.example.com
  trafficPolicy:
    portLevelSettings:
    - port: {number: 5432}
      tls: {mode: SIMPLE}
```

### How to fix
Set `caCertificates` for the port (or `credentialName` with a `workloadSelector`).
",
    requires: &[],
    check: check_ports,
};

fn unverified(tls: &Value, dr: &Resource) -> Option<String> {
    let mode = str_of(tls, "mode");
    if mode != "SIMPLE" && mode != "MUTUAL" {
        return None;
    }
    let has_credential =
        !str_of(tls, "credentialName").is_empty() && dr.spec().get("workloadSelector").is_some();
    (str_of(tls, "caCertificates").is_empty() && !has_credential).then(|| mode.to_string())
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    for dr in snap.of(ISTIO_NETWORKING, "DestinationRule") {
        let Some(tls) = dr.spec().at("/trafficPolicy/tls") else {
            continue;
        };
        if let Some(mode) = unverified(tls, dr) {
            let host = str_of(dr.spec(), "host");
            sink.report(
                dr,
                Some(".spec.trafficPolicy.tls.caCertificates"),
                &[
                    Arg::from(dr.key()),
                    Arg::from(&dr.namespace),
                    Arg::from(mode),
                    Arg::from(host),
                ],
            );
        }
    }
}

fn check_ports(snap: &Snapshot, sink: &mut Sink) {
    for dr in snap.of(ISTIO_NETWORKING, "DestinationRule") {
        for (i, p) in items(dr.spec().at("/trafficPolicy/portLevelSettings"))
            .iter()
            .enumerate()
        {
            let Some(tls) = p.get("tls") else { continue };
            if let Some(mode) = unverified(tls, dr) {
                let port = p
                    .at("/port/number")
                    .and_then(Value::as_i64)
                    .map(|n| format!("number:{n}"))
                    .unwrap_or_default();
                let host = str_of(dr.spec(), "host");
                let path = format!(".spec.trafficPolicy.portLevelSettings[{i}].tls.caCertificates");
                sink.report(
                    dr,
                    Some(&path),
                    &[
                        Arg::from(dr.key()),
                        Arg::from(&dr.namespace),
                        Arg::from(mode),
                        Arg::from(host),
                        Arg::from(port),
                    ],
                );
            }
        }
    }
}
