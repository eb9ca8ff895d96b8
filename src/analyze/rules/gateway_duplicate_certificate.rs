//! IST0138: gateways on the same workload serve the same certificate.

use serde_json::{Map, Value};

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Snapshot};
use super::super::util::{items, str_of, value_str};

pub static RULE: Rule = Rule {
    code: "IST0138",
    name: "gateway-duplicate-certificate",
    analyzer: "gateway.CertificateAnalyzer",
    summary: "Two Istio Gateways on the same workload use the same TLS certificate",
    docs: "### What it does
For each pair of Istio Gateways where the first one's selector is a subset of the second's,
compares their servers' TLS settings: the same `credentialName`, or the same
`serverCertificate` and `privateKey`, is flagged (once per matching server pair).

### Why is this bad?
Browsers reuse an HTTP/2 connection for every host the certificate covers; requests for the
second gateway's hosts then arrive on the first one's filter chain and get 404.

### Example
Two Gateways selecting `istio: ingressgateway`, both with
`tls: {mode: SIMPLE, credentialName: wildcard-cert}`.

### How to fix
Use one Gateway with several hosts, or distinct certificates per Gateway.
",
    requires: &[],
    check,
};

fn selector(v: &Value) -> Map<String, Value> {
    v.at("/spec/selector")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn subset(x: &Map<String, Value>, y: &Map<String, Value>) -> bool {
    x.iter()
        .all(|(k, v)| y.get(k).is_some_and(|w| value_str(w) == value_str(v)))
}

fn same_certificate(a: &Value, b: &Value) -> bool {
    let (ca, cb) = (str_of(a, "credentialName"), str_of(b, "credentialName"));
    if !ca.is_empty() && !cb.is_empty() {
        return ca == cb;
    }
    if ca.is_empty() && cb.is_empty() {
        let (sa, sb) = (
            str_of(a, "serverCertificate"),
            str_of(b, "serverCertificate"),
        );
        let (ka, kb) = (str_of(a, "privateKey"), str_of(b, "privateKey"));
        return !sa.is_empty() && sa == sb && !ka.is_empty() && ka == kb;
    }
    false
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    // Only gateways with TLS servers can share a certificate; selectors and
    // TLS settings are computed once (the pairwise walk is quadratic).
    let gateways: Vec<_> = snap
        .of(ISTIO_NETWORKING, "Gateway")
        .map(|g| {
            let tls: Vec<&Value> = items(g.spec().get("servers"))
                .iter()
                .filter_map(|s| s.get("tls"))
                .collect();
            (g, g.key(), selector(&g.value), tls)
        })
        .filter(|(_, _, _, tls)| !tls.is_empty())
        .collect();
    for (cur, cur_key, sel, cur_tls) in &gateways {
        for (_, other_key, other_sel, other_tls) in &gateways {
            if cur_key == other_key || !subset(sel, other_sel) {
                continue;
            }
            for t1 in cur_tls {
                for t2 in other_tls {
                    if same_certificate(t1, t2) {
                        sink.report(
                            cur,
                            Some(".metadata.name"),
                            &[Arg::Strs(vec![cur_key.clone(), other_key.clone()])],
                        );
                    }
                }
            }
        }
    }
}
