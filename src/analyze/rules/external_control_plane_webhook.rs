//! IST0163 / IST0164: Istio webhooks that cannot reach an external control plane.

use std::net::IpAddr;

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, str_of};

pub static INVALID: Rule = Rule {
    code: "IST0163",
    name: "external-control-plane-webhook-invalid",
    analyzer: "externalcontrolplane.ExternalControlPlaneAnalyzer",
    summary: "An Istio webhook's clientConfig has an unparsable URL, or neither a URL nor a service",
    docs: "### What it does
For the validating webhook configurations `istiod-default-validator` and `istio-validator*`
and the mutating `istio-sidecar-injector*`, checks each webhook's `clientConfig`: a `url`
must parse; without a `url` there must be a `service`.

### Why is this bad?
The API server cannot call the webhook: injection or validation silently stops working
(or every request fails, depending on `failurePolicy`).

### Example
```yaml
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  clientConfig: {}
```

### How to fix
Point `clientConfig.url` at the external istiod (`https://istiod.example.com:15017/inject`) or
set `clientConfig.service`.
",
    requires: &[],
    check: check_invalid,
};

pub static IP_ADDRESS: Rule = Rule {
    code: "IST0164",
    name: "external-control-plane-webhook-ip-address",
    analyzer: "externalcontrolplane.ExternalControlPlaneAnalyzer",
    summary: "An Istio webhook reaches the external control plane by IP address",
    docs: "### What it does
Flags Istio webhook `clientConfig.url`s whose host is an IP address.

### Why is this bad?
Certificates rarely carry IP SANs and addresses change; a host name is the supported way to
reach an external control plane in production.

### Example
```yaml
clientConfig: {url: \"https://10.0.0.5:15017/inject\"}
```

### How to fix
Use a DNS name that resolves to the external control plane's gateway.
",
    requires: &[],
    check: check_ip,
};

fn istio_webhook_configs(snap: &Snapshot) -> impl Iterator<Item = &Resource> {
    let validating = snap
        .of(
            "admissionregistration.k8s.io",
            "ValidatingWebhookConfiguration",
        )
        .filter(|r| r.name == "istiod-default-validator" || r.name.starts_with("istio-validator"));
    let mutating = snap
        .of(
            "admissionregistration.k8s.io",
            "MutatingWebhookConfiguration",
        )
        .filter(|r| r.name.starts_with("istio-sidecar-injector"));
    validating.chain(mutating)
}

/// The host of a URL, if it parses as an absolute URL with an authority.
fn url_host(url: &str) -> Result<&str, ()> {
    if url.chars().any(|c| c.is_control() || c == ' ') || url.starts_with(':') {
        return Err(());
    }
    let rest = match url.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() => rest,
        _ => return Ok(""),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host_port.strip_prefix('[') {
        return v6.split_once(']').map(|(h, _)| h).ok_or(());
    }
    Ok(host_port.split(':').next().unwrap_or_default())
}

fn each_webhook(snap: &Snapshot, mut f: impl FnMut(&Resource, &str, &Value)) {
    for cfg in istio_webhook_configs(snap) {
        for hook in items(cfg.value.get("webhooks")) {
            let client = hook.get("clientConfig").unwrap_or(&Value::Null);
            f(cfg, str_of(hook, "name"), client);
        }
    }
}

fn check_invalid(snap: &Snapshot, sink: &mut Sink) {
    each_webhook(snap, |cfg, hook, client| {
        match client.get("url").and_then(Value::as_str) {
            Some(url) => {
                if url_host(url).is_err() {
                    sink.report(
                        cfg,
                        None,
                        &[
                            Arg::from(url),
                            Arg::from(hook),
                            Arg::from("was provided in an invalid format"),
                        ],
                    );
                }
            }
            None => {
                if client.get("service").is_none_or(Value::is_null) {
                    sink.report(
                        cfg,
                        None,
                        &[Arg::from(""), Arg::from(hook), Arg::from("is blank")],
                    );
                }
            }
        }
    });
}

fn check_ip(snap: &Snapshot, sink: &mut Sink) {
    each_webhook(snap, |cfg, hook, client| {
        if let Some(url) = client
            .get("url")
            .and_then(Value::as_str)
            .filter(|u| url_host(u).is_ok_and(|h| h.parse::<IpAddr>().is_ok()))
        {
            sink.report(cfg, None, &[Arg::from(url), Arg::from(hook)]);
        }
    });
}
