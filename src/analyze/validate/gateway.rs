//! Gateway: name, servers (hosts, port, bind, TLS options), unique port names.

use serde_json::Value;

use super::checks::{self, Protocol, quote};
use super::{Findings, Target, field, flag, int, list, strs, text};

pub fn validate(t: &Target) -> Findings {
    let gw = t.spec;
    let mut f = Findings::default();
    if !checks::is_dns1123_label(t.name) {
        f.err(format!("invalid gateway name: {}", quote(t.name)));
    }
    let servers = list(gw, "servers");
    if servers.is_empty() {
        f.err("gateway must have at least one server");
    } else {
        for s in servers {
            if s.is_null() {
                f.err("cannot have nil server");
            } else {
                f.merge(server(s));
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for s in servers {
        if s.is_null() {
            f.err("server may not be nil");
            continue;
        }
        if let Some(p) = field(s, "port") {
            let name = text(p, "name");
            if names.contains(&name) {
                f.err(format!(
                    "port names in servers must be unique: duplicate name {name}"
                ));
            }
            names.push(name);
            let https_redirect = field(s, "tls").is_some_and(|t| flag(t, "httpsRedirect"));
            if !Protocol::parse(text(p, "protocol")).is_http() && https_redirect {
                f.warn("tls.httpsRedirect should only be used with http servers");
            }
        }
    }
    f
}

fn server(s: &Value) -> Findings {
    let mut f = Findings::default();
    let hosts = strs(s, "hosts");
    if hosts.is_empty() {
        f.err("server config must contain at least one host");
    }
    for h in hosts {
        f.errors
            .extend(checks::namespace_slash_wildcard_hostname(h, true));
    }
    let bind = text(s, "bind");
    let port = field(s, "port");
    let port_errors = server_port(port, bind);
    let port_ok = port_errors.is_empty();
    f.errors.extend(port_errors);
    server_bind(port, bind, &mut f.errors);
    let tls = field(s, "tls");
    if let Some(tls) = tls {
        f.merge(tls_options(tls));
    }
    if port_ok && let Some(p) = port {
        let proto = Protocol::parse(text(p, "protocol"));
        if proto.is_tls() && tls.is_none() {
            f.err("server must have TLS settings for HTTPS/TLS protocols");
        } else if let (false, Some(tls)) = (proto.is_tls(), tls) {
            if proto.is_http() {
                if !is_passthrough_server(s)
                    || !text(tls, "caCertificates").is_empty()
                    || !text(tls, "privateKey").is_empty()
                    || !text(tls, "serverCertificate").is_empty()
                {
                    f.err("server cannot have TLS settings for plain text HTTP ports");
                }
            } else {
                f.err("server cannot have TLS settings for non HTTPS/TLS ports");
            }
        }
    }
    f
}

/// Istio's `gateway.IsPassThroughServer`: TLS mode `PASSTHROUGH` (the
/// default) or `AUTO_PASSTHROUGH`.
fn is_passthrough_server(s: &Value) -> bool {
    field(s, "tls")
        .is_some_and(|tls| matches!(text(tls, "mode"), "" | "PASSTHROUGH" | "AUTO_PASSTHROUGH"))
}

fn server_port(port: Option<&Value>, bind: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(p) = port else {
        out.push("port is required".into());
        return out;
    };
    let proto = text(p, "protocol");
    if Protocol::parse(proto) == Protocol::Unsupported {
        out.push(format!(
            "invalid protocol {}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP",
            quote(proto)
        ));
    }
    let number = int(p, "number");
    if (number > 0 || !bind.starts_with("unix://"))
        && let Err(e) = checks::port(number)
    {
        out.push(e);
    }
    if int(p, "targetPort") > 0 {
        out.push("targetPort has no impact on Gateways".into());
    }
    if text(p, "name").is_empty() {
        out.push(format!("port name must be set: {}", proto_text(p)));
    }
    out
}

/// Go's `%v` of a `Port` message (protobuf text format).
fn proto_text(p: &Value) -> String {
    let mut parts = Vec::new();
    let number = int(p, "number");
    if number != 0 {
        parts.push(format!("number:{number}"));
    }
    let proto = text(p, "protocol");
    if !proto.is_empty() {
        parts.push(format!("protocol:{}", quote(proto)));
    }
    let target = int(p, "targetPort");
    if target != 0 {
        parts.push(format!("target_port:{target}"));
    }
    parts.join(" ")
}

fn server_bind(port: Option<&Value>, bind: &str, out: &mut Vec<String>) {
    if let Some(path) = bind.strip_prefix("unix://") {
        if let Err(e) = checks::unix_address(path) {
            out.push(e);
        }
        if let Some(p) = port
            && int(p, "number") != 0
        {
            out.push(format!(
                "port number must be 0 for unix domain socket: {}",
                proto_text(p)
            ));
        }
    } else if !bind.is_empty()
        && let Err(e) = checks::ip(bind)
    {
        out.push(e);
    }
}

const CIPHER_SUITES: &[&str] = &[
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    "ECDHE-RSA-CHACHA20-POLY1305",
    "ECDHE-ECDSA-AES128-SHA",
    "ECDHE-RSA-AES128-SHA",
    "ECDHE-ECDSA-AES256-SHA",
    "ECDHE-RSA-AES256-SHA",
    "AES128-GCM-SHA256",
    "AES256-GCM-SHA384",
    "AES128-SHA",
    "AES256-SHA",
    "DES-CBC3-SHA",
];

/// A `ServerTLSSettings` (Gateway servers and Sidecar ingress listeners).
pub fn tls_options(tls: &Value) -> Findings {
    let mut f = Findings::default();
    let mode = match text(tls, "mode") {
        "" => "PASSTHROUGH",
        m => m,
    };
    let ciphers = strs(tls, "cipherSuites");
    if matches!(text(tls, "minProtocolVersion"), "TLSV1_0" | "TLSV1_1") && ciphers.is_empty() {
        f.warn("TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.");
    }
    let mut invalid: Vec<&str> = Vec::new();
    let mut valid: Vec<&str> = Vec::new();
    let mut duplicate: Vec<&str> = Vec::new();
    for c in ciphers {
        if !CIPHER_SUITES.contains(&c) {
            invalid.push(c);
        } else if valid.contains(&c) {
            duplicate.push(c);
        } else {
            valid.push(c);
        }
    }
    for (set, what) in [(&mut invalid, "invalid"), (&mut duplicate, "duplicate")] {
        if !set.is_empty() {
            set.sort_unstable();
            set.dedup();
            f.warn(format!(
                "ignoring {what} cipher suites: [{}]",
                set.join(" ")
            ));
        }
    }
    let cert = text(tls, "serverCertificate");
    let key = text(tls, "privateKey");
    let ca = text(tls, "caCertificates");
    let crl = text(tls, "caCrl");
    let credential = text(tls, "credentialName");
    let credentials = !list(tls, "credentialNames").is_empty();
    let tls_certs = list(tls, "tlsCertificates");
    if mode == "ISTIO_MUTUAL" {
        for (set, what) in [
            (!cert.is_empty(), "server certificate"),
            (!key.is_empty(), "private key"),
            (!ca.is_empty(), "CA bundle"),
            (!tls_certs.is_empty(), "tlsCertificates"),
            (!credential.is_empty(), "credentialName"),
            (credentials, "credentialNames"),
        ] {
            if set {
                f.err(format!("ISTIO_MUTUAL TLS cannot have associated {what}"));
            }
        }
        return f;
    }
    if (mode == "PASSTHROUGH" || mode == "AUTO_PASSTHROUGH")
        && (!crl.is_empty()
            || !cert.is_empty()
            || !key.is_empty()
            || !ca.is_empty()
            || !tls_certs.is_empty()
            || !credential.is_empty()
            || credentials)
    {
        f.warn(format!(
            "{mode} mode does not use certificates, they will be ignored"
        ));
    }
    let sources = usize::from(!cert.is_empty() && !key.is_empty())
        + usize::from(!credential.is_empty())
        + usize::from(credentials)
        + usize::from(!tls_certs.is_empty());
    if sources > 1 {
        f.err("only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified");
    }
    let simple_or_mutual = matches!(mode, "SIMPLE" | "MUTUAL" | "OPTIONAL_MUTUAL");
    if simple_or_mutual && (!credential.is_empty() || credentials) {
        return f;
    }
    if simple_or_mutual {
        let prefix = if mode == "SIMPLE" {
            "SIMPLE TLS"
        } else {
            if ca.is_empty() {
                f.err("MUTUAL TLS requires a client CA bundle");
            }
            "MUTUAL TLS"
        };
        if tls_certs.len() > 2 {
            f.warn(format!("{prefix} can support up to 2 server certificates"));
        }
        let pairs: Vec<(&str, &str)> = if tls_certs.is_empty() {
            vec![(cert, key)]
        } else {
            tls_certs
                .iter()
                .map(|c| (text(c, "serverCertificate"), text(c, "privateKey")))
                .collect()
        };
        for (c, k) in pairs {
            if c.is_empty() {
                f.err(format!("{prefix} requires a server certificate"));
            }
            if k.is_empty() {
                f.err(format!("{prefix} requires a private key"));
            }
        }
    }
    if !crl.is_empty() {
        if !credential.is_empty() {
            f.err("CRL is not supported with credentialName. CRL has to be specified in the credential");
        }
        if mode == "SIMPLE" {
            f.err("CRL is not supported with SIMPLE TLS");
        }
    }
    f
}
