//! The pod annotations Istio checks before it renders the injection template
//! (`validateAnnotations`), with the error texts of the Go parsers it uses.
//! A bad value fails the injection of that object.

use serde_json::Value as Json;

use crate::json_pointer::Pointer as _;
use crate::template::fmt::quote as go_quote;

/// Every checked annotation's problem, in annotation-name order (istioctl
/// lists them in Go's random map order), joined on one line.
pub fn validate(pod: &Json) -> Result<(), String> {
    let Some(annotations) = pod.at("/metadata/annotations").and_then(Json::as_object) else {
        return Ok(());
    };
    let mut found: Vec<(&str, String)> = annotations
        .iter()
        .filter_map(|(name, value)| {
            let value = value.as_str()?;
            let err = check(name, value)?.err()?;
            Some((
                name.as_str(),
                format!("invalid value '{value}' for annotation '{name}': {err}"),
            ))
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    let all: Vec<String> = found.into_iter().map(|(_, e)| e).collect();
    Err(format!(
        "failed to run injection template: {}",
        all.join("; ")
    ))
}

/// `None` for an annotation Istio does not check here.
pub(crate) fn check(name: &str, v: &str) -> Option<Result<(), String>> {
    Some(match name {
        "sidecar.istio.io/interceptionMode" => {
            if matches!(v, "REDIRECT" | "TPROXY" | "NONE") {
                Ok(())
            } else {
                Err(format!(
                    "interceptionMode invalid, use REDIRECT,TPROXY,NONE: {v}"
                ))
            }
        }
        "status.sidecar.istio.io/port" => {
            parse_port(v).map_err(|e| format!("excludeInboundPorts invalid: {e}"))
        }
        "readiness.status.sidecar.istio.io/initialDelaySeconds"
        | "readiness.status.sidecar.istio.io/periodSeconds"
        | "readiness.status.sidecar.istio.io/failureThreshold" => {
            parse_uint(v, u64::from(u32::MAX))
        }
        "traffic.sidecar.istio.io/includeOutboundIPRanges" => {
            if v == "*" {
                Ok(())
            } else {
                cidr_list(v).map_err(|e| format!("includeIPRanges invalid: {e}"))
            }
        }
        "traffic.sidecar.istio.io/excludeOutboundIPRanges" => {
            cidr_list(v).map_err(|e| format!("excludeIPRanges invalid: {e}"))
        }
        "traffic.sidecar.istio.io/includeInboundPorts" => {
            if v == "*" {
                Ok(())
            } else {
                port_list("includeInboundPorts", v)
            }
        }
        "traffic.sidecar.istio.io/excludeInboundPorts" => port_list("excludeInboundPorts", v),
        "traffic.sidecar.istio.io/excludeOutboundPorts" => port_list("excludeOutboundPorts", v),
        "traffic.sidecar.istio.io/excludeInterfaces"
        | "traffic.sidecar.istio.io/kubevirtInterfaces"
        | "istio.io/reroute-virtual-interfaces" => interface_names(v),
        "prometheus.istio.io/merge-metrics" => match v {
            "1" | "t" | "T" | "TRUE" | "true" | "True" | "0" | "f" | "F" | "FALSE" | "false"
            | "False" => Ok(()),
            _ => Err(format!(
                "strconv.ParseBool: parsing {}: invalid syntax",
                go_quote(v)
            )),
        },
        "sidecar.istio.io/proxyCPU"
        | "sidecar.istio.io/proxyMemory"
        | "sidecar.istio.io/proxyCPULimit"
        | "sidecar.istio.io/proxyMemoryLimit" => {
            if v.chars().any(char::is_control) {
                Err("value contains control characters".into())
            } else {
                super::quantity::go_parse_error(v).map_or(Ok(()), |e| Err(e.to_string()))
            }
        }
        "proxy.istio.io/config" => proxy_config(v),
        _ => return None,
    })
}

/// Istio applies the annotation over its default proxy config and
/// validates the result. (A value that does not decode was refused before:
/// `Mesh::with_annotation`.)
fn proxy_config(v: &str) -> Result<(), String> {
    let Ok(Some(overlay)) =
        crate::manifest::parse_document(v, crate::manifest::Limits::default()).map(|d| d.value)
    else {
        return Ok(());
    };
    if !overlay.is_object() {
        return Ok(());
    }
    let errors = crate::analyze::validate::mesh::proxy_config_annotation_errors(&overlay);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// `strconv.ParseUint(s, 10, bits)` with `max` the largest value.
fn parse_uint(s: &str, max: u64) -> Result<(), String> {
    let fail = |what: &str| {
        Err(format!(
            "strconv.ParseUint: parsing {}: {what}",
            go_quote(s)
        ))
    };
    if s.is_empty() {
        return fail("invalid syntax");
    }
    let mut n: u64 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return fail("invalid syntax");
        }
        // Go stops at the first overflow, before looking at what follows.
        match n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(b - b'0')))
        {
            Some(v) if v <= max => n = v,
            _ => return fail("value out of range"),
        }
    }
    Ok(())
}

/// Istio's `parsePort`: a trimmed 16-bit unsigned number.
fn parse_port(p: &str) -> Result<(), String> {
    parse_uint(p.trim(), u64::from(u16::MAX)).map_err(|e| format!("failed parsing port '{p}': {e}"))
}

/// Istio's `validatePortList`: the trimmed list split on `,`, every item a
/// port (an empty item is not).
fn port_list(what: &str, ports: &str) -> Result<(), String> {
    let ports = ports.trim();
    if ports.is_empty() {
        return Ok(());
    }
    for p in ports.split(',') {
        parse_port(p).map_err(|e| format!("{what} invalid: failed parsing port '{p}': {e}"))?;
    }
    Ok(())
}

/// Istio's `validateCIDRList`: every `,`-separated item, untrimmed.
fn cidr_list(cidrs: &str) -> Result<(), String> {
    if cidrs.is_empty() {
        return Ok(());
    }
    for cidr in cidrs.split(',') {
        crate::netip::parse_prefix(cidr)
            .map_err(|e| format!("failed parsing cidr '{cidr}': {e}"))?;
    }
    Ok(())
}

/// Istio's `ValidateInterfaceNames`.
fn interface_names(list: &str) -> Result<(), String> {
    if list.is_empty() {
        return Ok(());
    }
    for name in list.split(',') {
        let name = name.trim();
        if name.is_empty() {
            return Err("empty interface name".into());
        }
        if name.len() > 15 {
            return Err(format!(
                "interface name {} too long (max 15 chars)",
                go_quote(name)
            ));
        }
        let mut bytes = name.bytes();
        let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
        if !first_ok || !bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        {
            return Err(format!(
                "interface name {} contains invalid characters",
                go_quote(name)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::inject::quantity::go_parse_error;

    fn quantity(s: &str) -> Result<(), &'static str> {
        go_parse_error(s).map_or(Ok(()), Err)
    }

    #[test]
    fn go_texts() {
        let err = |n: &str, v: &str| check(n, v).unwrap().unwrap_err();
        assert_eq!(
            err("status.sidecar.istio.io/port", "70000"),
            "excludeInboundPorts invalid: failed parsing port '70000': strconv.ParseUint: parsing \"70000\": value out of range"
        );
        assert_eq!(
            err("traffic.sidecar.istio.io/excludeInboundPorts", "80,"),
            "excludeInboundPorts invalid: failed parsing port '': failed parsing port '': strconv.ParseUint: parsing \"\": invalid syntax"
        );
        assert_eq!(
            err("traffic.sidecar.istio.io/excludeInterfaces", "a b"),
            "interface name \"a b\" contains invalid characters"
        );
        assert!(
            check("traffic.sidecar.istio.io/includeInboundPorts", "*")
                .unwrap()
                .is_ok()
        );
        assert!(
            check("traffic.sidecar.istio.io/includeInboundPorts", "80,*")
                .unwrap()
                .is_err()
        );
        assert!(check("sidecar.istio.io/inject", "x").is_none());
    }

    #[test]
    fn quantities_as_go_parses_them() {
        for ok in [
            "0", "-", "+", ".", "1.G", "100m", "1.5Ki", "1e3", "2E-2", "0.5", "007",
        ] {
            assert_eq!(quantity(ok), Ok(()), "{ok}");
        }
        for (bad, want) in [
            ("", "quantities must"),
            ("abc", "quantities must"),
            (" 1", "quantities must"),
            ("1Zi", "quantities must"),
            ("5iK", "unable to parse quantity's suffix"),
            ("1e", "unable to parse quantity's suffix"),
        ] {
            let e = quantity(bad).unwrap_err();
            assert!(e.starts_with(want), "{bad}: {e}");
        }
    }
}
