//! IST0118 / IST0150: Service ports whose protocol Istio cannot tell.

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, str_of, value_str};

pub static RULE: Rule = Rule {
    code: "IST0118",
    name: "service-port-name-convention",
    analyzer: "service.PortNameAnalyzer",
    summary: "A Service port's protocol cannot be derived from its name or appProtocol",
    docs: "### What it does
For each Service port (except UDP, control-plane Services labelled `istio` or
`release=istio`, and gateway-managed Services), derives the protocol as Istio does: from
`appProtocol` if set, else from the port name's prefix before `-` (`http`, `http2`, `https`,
`grpc`, `grpc-web`, `tcp`, `tls`, `mongo`, `redis`, `mysql`, `udp`), with TCP assumed for
ports 25, 53, 3306 and 27017. A port whose protocol stays unknown is flagged.

### Why is this bad?
Istio falls back to protocol sniffing: HTTP features (retries, routing by path, metrics by
response code) may silently not apply, and server-first protocols can hang.

### Example
```yaml
kind: Service
spec:
  ports:
  - name: web        # neither a known prefix nor appProtocol
    port: 8080
```

### How to fix
Name the port `<protocol>[-<suffix>]` (`http-web`) or set `appProtocol: http`.
",
    requires: &["Service"],
    check,
};

pub static EXTERNAL_NAME_RULE: Rule = Rule {
    code: "IST0150",
    name: "external-name-service-port-name",
    analyzer: "service.PortNameAnalyzer",
    summary: "An ExternalName Service port has no usable protocol name, or is named plain `tcp`",
    docs: "### What it does
For Services of `type: ExternalName`, flags ports whose protocol cannot be derived from the
name or `appProtocol`, and ports named exactly `tcp`.

### Why is this bad?
For ExternalName services the proxy may refuse TCP-named ports and unmatched traffic on
TCP ports is not forwarded correctly.

### Example
```yaml
kind: Service
spec:
  type: ExternalName
  externalName: db.example.com
  ports: [{name: tcp, port: 5432}]
```

### How to fix
Give the port a protocol-specific name (`tcp-postgres`, `https`) or an `appProtocol`.
",
    requires: &["Service"],
    check: check_external,
};

const KNOWN: &[&str] = &[
    "tcp",
    "udp",
    "grpc",
    "grpc-web",
    "http",
    "http_proxy",
    "http2",
    "https",
    "tls",
    "mongo",
    "redis",
    "mysql",
];

/// Whether Istio can derive a protocol for the port.
pub fn protocol_known(port: &Value) -> bool {
    if str_of(port, "protocol") == "UDP" {
        return true;
    }
    let name = match port.get("appProtocol").and_then(Value::as_str) {
        Some(app) => {
            if matches!(
                app,
                "kubernetes.io/h2c" | "kubernetes.io/ws" | "kubernetes.io/wss"
            ) {
                return true;
            }
            app
        }
        None => str_of(port, "name"),
    };
    if name.len() >= 8 && name[..8].eq_ignore_ascii_case("grpc-web") {
        return true;
    }
    let prefix = name
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if KNOWN.contains(&prefix.as_str()) || name.split('-').next() == Some("DoubleHBONE") {
        return true;
    }
    matches!(
        port.get("port").and_then(Value::as_i64),
        Some(25 | 53 | 3306 | 27017)
    )
}

fn skipped(svc: &Resource) -> bool {
    svc.label("istio").is_some()
        || svc.label("release") == Some("istio")
        || matches!(
            svc.label("gateway.istio.io/managed"),
            Some(
                "istio.io-gateway-controller"
                    | "istio.io-mesh-controller"
                    | "istio.io-eastwest-controller"
            )
        )
}

fn check_impl(snap: &Snapshot, sink: &mut Sink, external: bool) {
    for svc in snap.of("", "Service") {
        if skipped(svc) {
            continue;
        }
        let is_external = str_of(svc.spec(), "type") == "ExternalName";
        if is_external != external {
            continue;
        }
        for (i, port) in items(svc.spec().get("ports")).iter().enumerate() {
            let name = str_of(port, "name");
            if protocol_known(port) && !(is_external && name == "tcp") {
                continue;
            }
            let path = format!(".spec.ports[{i}].port");
            if external {
                sink.report(svc, Some(&path), &[]);
            } else {
                let number = port.get("port").and_then(Value::as_i64).unwrap_or(0);
                let target = port
                    .get("targetPort")
                    .map_or_else(|| "0".to_string(), value_str);
                sink.report(
                    svc,
                    Some(&path),
                    &[Arg::from(name), Arg::Int(number), Arg::from(target)],
                );
            }
        }
    }
}

fn check(snap: &Snapshot, sink: &mut Sink) {
    check_impl(snap, sink, false);
}

fn check_external(snap: &Snapshot, sink: &mut Sink) {
    check_impl(snap, sink, true);
}
