//! IST0101 / IST0161: an Istio Gateway server's `tls.credentialName` against
//! the Secrets in the gateway workload's namespace (istioctl's
//! `gateway.SecretAnalyzer`).

use base64::Engine as _;
use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::items;
use super::gateway_refs::gateway_selector;
use super::gateway_selector::check_no_match;
use crate::json_pointer::Pointer as _;
use crate::x509;

pub static SELECTOR_NO_MATCH: Rule = Rule {
    code: "IST0101",
    name: "gateway-secret-selector-matches-no-pod",
    analyzer: "gateway.SecretAnalyzer",
    summary: "An Istio Gateway with TLS credentials selects no pod, so its Secrets' namespace is unknown",
    docs: "### What it does
The same check as `gateway-selector-matches-no-pod`, made by istioctl's `gateway.SecretAnalyzer`
before it looks for credentials: the Gateway's `selector` must match a pod, because the
credential Secrets are looked up in that pod's namespace. When both analyzers run, the
identical finding is printed once.

### Why is this bad?
No gateway proxy serves the Gateway, and there is no namespace in which its
`credentialName` Secrets could be found.

### Example
```yaml
kind: Gateway
spec:
  selector: {istio: ingresstypo}
  servers:
  - tls: {mode: SIMPLE, credentialName: httpbin-credential}
```

### How to fix
Use the labels of the gateway deployment's pods (`istio: ingressgateway` by default).
",
    requires: &["Pod", "Secret"],
    check: check_no_match,
};

pub static NOT_FOUND: Rule = Rule {
    code: "IST0101",
    name: "gateway-credential-not-found",
    analyzer: "gateway.SecretAnalyzer",
    summary: "An Istio Gateway server's credentialName names a Secret missing from the gateway workload's namespace",
    docs: "### What it does
For each Gateway server with `tls.credentialName`, finds the namespace of the first pod the
Gateway's `selector` matches (the gateway workload, not the Gateway resource) and checks that
a Secret of that name exists there. A `namespace/name` credential is looked up in the namespace
it names.

### Why is this bad?
The gateway proxy cannot load a certificate for the server: TLS handshakes on that listener
fail.

### Example
```yaml
kind: Gateway
metadata: {name: web, namespace: apps}
spec:
  selector: {istio: ingressgateway}   # pods in istio-system
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    tls: {mode: SIMPLE, credentialName: web-cert}   # Secret created in apps
```

### How to fix
Create the Secret in the gateway workload's namespace (`istio-system` for the default ingress
gateway), or correct the name.
",
    requires: &["Pod", "Secret"],
    check: check_not_found,
};

pub static INVALID: Rule = Rule {
    code: "IST0161",
    name: "gateway-credential-invalid",
    analyzer: "gateway.SecretAnalyzer",
    summary: "An Istio Gateway server's credential Secret has no usable certificate, or it is expired",
    docs: "### What it does
For each Gateway server whose `tls.credentialName` Secret exists (see
`gateway-credential-not-found`), checks the Secret as Istio's gateway does: it needs non-empty
`cert` and `key`, or non-empty `tls.crt` and `tls.key`; the certificate's first PEM block must
hold DER certificates, each valid now (not expired, not yet to come). The private key itself
is not checked, as upstream.

### Why is this bad?
The gateway rejects the credential: the server has no certificate and TLS handshakes fail.

### Example
A `kubernetes.io/tls` Secret with only `tls.cert` (not `tls.crt`), or whose `tls.crt` expired
last month.

### How to fix
Store a current certificate and its key under `tls.crt`/`tls.key` (or `cert`/`key`), e.g. with
`kubectl create secret tls NAME --cert=... --key=...`.
",
    requires: &["Pod", "Secret"],
    check: check_invalid,
};

/// Each Gateway with the namespace of the first pod its selector matches
/// (none: the selector rule reports it).
fn gateways_with_workload_namespace(snap: &Snapshot) -> impl Iterator<Item = (&Resource, &str)> {
    snap.of(ISTIO_NETWORKING, "Gateway").filter_map(|gw| {
        let sel = gateway_selector(gw);
        snap.pods_selected(&sel)
            .next()
            .map(|p| (gw, p.namespace.as_str()))
    })
}

/// Each server's `(index, credentialName)` when set.
fn credentials(gw: &Resource) -> impl Iterator<Item = (usize, &str)> {
    items(gw.spec().get("servers"))
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.at("/tls/credentialName")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty())
                .map(|c| (i, c))
        })
}

/// The Secret a credential name resolves to (`ns/name` or a name in `ns`).
fn find_secret<'a>(snap: &'a Snapshot, ns: &str, credential: &str) -> Option<&'a Resource> {
    let (ns, name) = credential.split_once('/').unwrap_or((ns, credential));
    snap.get("", "Secret", ns, name)
}

fn field(index: usize) -> String {
    format!(".spec.servers[{index}].tls.credentialName")
}

fn check_not_found(snap: &Snapshot, sink: &mut Sink) {
    for (gw, ns) in gateways_with_workload_namespace(snap) {
        for (i, cred) in credentials(gw) {
            if find_secret(snap, ns, cred).is_none() {
                sink.report(
                    gw,
                    Some(&field(i)),
                    &[Arg::from("credentialName"), Arg::from(cred)],
                );
            }
        }
    }
}

fn check_invalid(snap: &Snapshot, sink: &mut Sink) {
    let now = x509::now_unix();
    for (gw, ns) in gateways_with_workload_namespace(snap) {
        for (i, cred) in credentials(gw) {
            if let Some(secret) = find_secret(snap, ns, cred)
                && !credential_is_valid(secret, now)
            {
                sink.report(
                    gw,
                    Some(&field(i)),
                    &[Arg::from(gw.name.as_str()), Arg::from(ns)],
                );
            }
        }
    }
}

/// A Secret `data` entry, decoded (base64 as stored; empty when absent or
/// not base64).
fn data(secret: &Resource, key: &str) -> Vec<u8> {
    secret
        .at("/data")
        .and_then(|d| d.get(key))
        .and_then(Value::as_str)
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .unwrap_or_default()
}

/// Istio's gateway credential rules: a non-empty `cert`+`key` pair, else a
/// non-empty `tls.crt`+`tls.key` pair, whose certificate chain is valid at `now`.
pub fn credential_is_valid(secret: &Resource, now: i64) -> bool {
    for (cert_key, key_key) in [("cert", "key"), ("tls.crt", "tls.key")] {
        let cert = data(secret, cert_key);
        if !cert.is_empty() && !data(secret, key_key).is_empty() {
            return x509::check_pem_chain(&cert, now).is_ok();
        }
    }
    false
}
