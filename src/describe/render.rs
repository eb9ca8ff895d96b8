//! istioctl's `x describe pod` text layout (lines indented by 0/3/6
//! spaces), plus mast's additions (clients locked out by STRICT mTLS, what
//! the proxy received) after the parts istioctl has.

use std::fmt::Write as _;

use super::kname;
use super::model::{Description, DestinationRuleInfo, ServiceInfo, VirtualServiceInfo};
use super::routes::{L1, L2};

const RULE: &str = "--------------------";

fn sp(n: usize) -> String {
    " ".repeat(n)
}

/// The whole description as text.
pub fn text(d: &Description) -> String {
    let mut out = String::new();
    let dn = d.describe_namespace.as_str();
    let p = &d.pod;
    let pod_name = kname(&p.name, &p.namespace, dn);
    for n in &p.early_notes {
        let _ = writeln!(out, "{n}");
    }
    let _ = writeln!(out, "Pod: {pod_name}");
    let _ = writeln!(out, "   Pod Revision: {}", p.revision);
    if p.ports.is_empty() {
        let _ = writeln!(out, "   Pod does not expose ports");
    } else {
        let ports: Vec<String> = p
            .ports
            .iter()
            .map(|x| {
                let proto = if x.protocol == "TCP" {
                    String::new()
                } else {
                    format!("/{}", x.protocol)
                };
                format!("{}{proto} ({})", x.port, x.container)
            })
            .collect();
        let _ = writeln!(out, "   Pod Ports: {}", ports.join(", "));
    }
    if p.phase == "Running" {
        for c in &p.not_ready {
            let _ = writeln!(out, "WARNING: Pod {pod_name} {c} NOT READY");
        }
        if p.sidecar {
            for n in &p.notes {
                let _ = writeln!(out, "{n}");
            }
        } else {
            let _ = writeln!(
                out,
                "WARNING: {pod_name} is not part of mesh; no Istio sidecar"
            );
        }
    } else {
        let _ = writeln!(out, "   Pod is not Running ({})", p.phase);
    }
    if d.services.is_empty() {
        let _ = writeln!(
            out,
            "Warning: No Kubernetes Services select pod {pod_name} (see https://istio.io/docs/setup/kubernetes/additional-setup/requirements/ )"
        );
    }
    let _ = writeln!(out, "{RULE}");
    for (i, svc) in d.services.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{RULE}");
        }
        service(&mut out, svc, dn);
    }
    for w in &d.warnings {
        let _ = writeln!(out, "WARNING: {w}");
    }
    let _ = writeln!(out, "{RULE}");
    let pa = &d.peer_authentication;
    let _ = writeln!(out, "Effective PeerAuthentication:");
    let _ = writeln!(out, "   Workload mTLS mode: {}", pa.mode);
    if !pa.port_modes.is_empty() {
        let _ = writeln!(out, "   Port Level mTLS mode:");
        for (port, mode) in &pa.port_modes {
            let _ = writeln!(out, "      {port}: {mode}");
        }
    }
    if !pa.applied.is_empty() {
        let _ = writeln!(out, "Applied PeerAuthentication:");
        let _ = writeln!(out, "   {}", pa.applied.join(", "));
    }
    if !pa.clients_without_sidecar.is_empty() {
        let _ = writeln!(
            out,
            "WARNING: mTLS is STRICT but these pods of namespace {} have no sidecar and cannot connect: {}",
            p.namespace,
            pa.clients_without_sidecar.join(", ")
        );
    }
    for n in &d.gateways.notes {
        let _ = writeln!(out, "{n}");
    }
    for e in &d.gateways.exposures {
        let _ = writeln!(out, "{RULE}");
        for u in &e.urls {
            let _ = writeln!(out, "Exposed on Ingress Gateway {u}");
        }
        virtual_service(&mut out, 0, &e.virtual_service, dn);
    }
    if let Some(px) = &d.proxy {
        let _ = writeln!(out, "{RULE}");
        let _ = writeln!(out, "Proxy ({}):", px.source);
        for port in &px.ports {
            let _ = writeln!(
                out,
                "   {}:{} cluster {}",
                port.service,
                port.port,
                port.cluster.as_deref().unwrap_or("(missing)")
            );
            if let Some(dr) = &port.destination_rule {
                let _ = writeln!(out, "      DestinationRule: {dr}");
            }
            if let Some(vs) = &port.virtual_service {
                let _ = writeln!(out, "      VirtualService: {vs}");
            }
        }
        for w in &px.warnings {
            let _ = writeln!(out, "WARNING: {w}");
        }
        if px.warnings.is_empty() {
            let _ = writeln!(out, "   The proxy agrees with the configuration");
        }
    }
    out
}

fn service(out: &mut String, svc: &ServiceInfo, dn: &str) {
    let _ = writeln!(out, "Service: {}", kname(&svc.name, &svc.namespace, dn));
    for p in svc.ports.iter().filter(|p| p.transport == "TCP") {
        match (&p.target_port, &p.target_error) {
            (Some(t), _) => {
                let _ = writeln!(
                    out,
                    "   Port: {} {}/{} targets pod port {t}",
                    p.name, p.port, p.protocol
                );
            }
            (None, Some(e)) => {
                let _ = writeln!(out, "   {e}");
            }
            (None, None) => {}
        }
    }
    let multi = svc.ports.len() > 1;
    let level = if multi { L1 } else { 0 };
    for p in &svc.ports {
        if multi {
            let _ = writeln!(out, "{}:", p.port);
        }
        if let Some(dr) = &p.destination_rule {
            destination_rule(out, level, dr, dn);
        }
        if let Some(vs) = &p.virtual_service {
            virtual_service(out, level, vs, dn);
        }
    }
}

fn destination_rule(out: &mut String, level: usize, dr: &DestinationRuleInfo, dn: &str) {
    let _ = writeln!(
        out,
        "{}DestinationRule: {} for {:?}",
        sp(level),
        kname(&dr.name, &dr.namespace, dn),
        dr.host
    );
    let (m, n) = (&dr.matching_subsets, &dr.non_matching_subsets);
    if !m.is_empty() || !n.is_empty() {
        if m.is_empty() {
            let _ = writeln!(
                out,
                "{}WARNING POD DOES NOT MATCH ANY SUBSETS.  (Non matching subsets {})",
                sp(level + L1),
                n.join(",")
            );
        }
        let _ = writeln!(out, "{}Matching subsets: {}", sp(level + L1), m.join(","));
        if !n.is_empty() {
            let _ = writeln!(
                out,
                "{}(Non-matching subsets {})",
                sp(level + L2),
                n.join(",")
            );
        }
    }
    if !dr.has_traffic_policy {
        let _ = writeln!(out, "{}No Traffic Policy", sp(level + L1));
        return;
    }
    if let Some(t) = &dr.tls_mode {
        let _ = writeln!(out, "{}Traffic Policy TLS Mode: {t}", sp(level + L1));
    }
    if !dr.policies.is_empty() {
        let _ = writeln!(out, "{}Policies: {}", sp(level + L1), dr.policies.join("/"));
    }
    if !dr.port_level.is_empty() {
        let _ = writeln!(out, "{}Port Level Settings:", sp(level + L1));
        for ps in &dr.port_level {
            let _ = writeln!(out, "{}{}:", sp(4), ps.port);
            if let Some(t) = &ps.tls_mode {
                let _ = writeln!(out, "{}TLS Mode: {t}", sp(level + L2));
            }
            if !ps.policies.is_empty() {
                let _ = writeln!(out, "{}Policies: {}", sp(level + L2), ps.policies.join("/"));
            }
        }
    }
}

fn virtual_service(out: &mut String, level: usize, vs: &VirtualServiceInfo, dn: &str) {
    let _ = writeln!(
        out,
        "{}VirtualService: {}",
        sp(level),
        kname(&vs.name, &vs.namespace, dn)
    );
    for (indent, line) in &vs.lines {
        let _ = writeln!(out, "{}{line}", sp(level + indent));
    }
}
