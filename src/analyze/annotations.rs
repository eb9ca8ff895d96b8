//! Istio's resource annotations: name, maturity, deprecation and the kinds
//! each may be attached to. Data generated at development time from
//! `istio.io/api@v1.31.0-rc.0.0.20260824154656-b943409680a7/annotation/annotations.yaml`
//! (the `istio.io/api` version pinned by the Istio module mast follows), the
//! same table `annotation.AllResourceAnnotations()` is generated from.
//! Regenerate when the pinned Istio version moves.

/// One annotation Istio knows.
#[derive(Debug)]
pub struct Annotation {
    pub name: &'static str,
    /// Feature status `Alpha` (also when the table gives none: Go's zero value).
    pub alpha: bool,
    pub deprecated: bool,
    /// Kinds it belongs on (`Any` for every kind).
    pub resources: &'static [&'static str],
}

/// Every annotation, sorted by name.
pub static ANNOTATIONS: &[Annotation] = &[
    Annotation {
        name: "alpha.istio.io/canonical-serviceaccounts",
        alpha: true,
        deprecated: true,
        resources: &["Service"],
    },
    Annotation {
        name: "alpha.istio.io/kubernetes-serviceaccounts",
        alpha: true,
        deprecated: true,
        resources: &["Service"],
    },
    Annotation {
        name: "ambient.istio.io/bypass-inbound-capture",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "ambient.istio.io/dns-capture",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "ambient.istio.io/redirection",
        alpha: false,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "ambient.istio.io/waypoint-inbound-binding",
        alpha: true,
        deprecated: false,
        resources: &["GatewayClass", "Gateway"],
    },
    Annotation {
        name: "galley.istio.io/analyze-suppress",
        alpha: true,
        deprecated: false,
        resources: &["Any"],
    },
    Annotation {
        name: "gateway.istio.io/controller-version",
        alpha: true,
        deprecated: false,
        resources: &["Any"],
    },
    Annotation {
        name: "gateway.istio.io/name-override",
        alpha: true,
        deprecated: false,
        resources: &["Gateway"],
    },
    Annotation {
        name: "gateway.istio.io/service-account",
        alpha: true,
        deprecated: false,
        resources: &["Gateway"],
    },
    Annotation {
        name: "inject.istio.io/templates",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "istio.io/autoRegistrationGroup",
        alpha: true,
        deprecated: false,
        resources: &["WorkloadEntry"],
    },
    Annotation {
        name: "istio.io/connectedAt",
        alpha: true,
        deprecated: false,
        resources: &["WorkloadEntry"],
    },
    Annotation {
        name: "istio.io/disconnectedAt",
        alpha: true,
        deprecated: false,
        resources: &["WorkloadEntry"],
    },
    Annotation {
        name: "istio.io/dry-run",
        alpha: true,
        deprecated: false,
        resources: &["AuthorizationPolicy"],
    },
    Annotation {
        name: "istio.io/reroute-virtual-interfaces",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "istio.io/rev",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "istio.io/use-waypoint-canary-weight",
        alpha: true,
        deprecated: false,
        resources: &["Service", "ServiceEntry", "Namespace"],
    },
    Annotation {
        name: "istio.io/workloadController",
        alpha: true,
        deprecated: false,
        resources: &["WorkloadEntry"],
    },
    Annotation {
        name: "kubernetes.io/ingress.class",
        alpha: false,
        deprecated: false,
        resources: &["Ingress"],
    },
    Annotation {
        name: "networking.istio.io/exportTo",
        alpha: true,
        deprecated: false,
        resources: &["Service"],
    },
    Annotation {
        name: "networking.istio.io/service-type",
        alpha: true,
        deprecated: false,
        resources: &["Gateway"],
    },
    Annotation {
        name: "networking.istio.io/traffic-distribution",
        alpha: true,
        deprecated: false,
        resources: &["Namespace", "Service", "ServiceEntry"],
    },
    Annotation {
        name: "prometheus.istio.io/merge-metrics",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "proxy.istio.io/config",
        alpha: false,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "proxy.istio.io/overrides",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "readiness.status.sidecar.istio.io/applicationPorts",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "readiness.status.sidecar.istio.io/failureThreshold",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "readiness.status.sidecar.istio.io/initialDelaySeconds",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "readiness.status.sidecar.istio.io/periodSeconds",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/agentLogLevel",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/bootstrapOverride",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/componentLogLevel",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/discoveryAddress",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/extraStatTags",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/inject",
        alpha: false,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/interceptionMode",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/logLevel",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/nativeSidecar",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyCPU",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyCPULimit",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyImage",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyImageType",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyMemory",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/proxyMemoryLimit",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/rewriteAppHTTPProbers",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsCompression",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsEvictionInterval",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsFlushInterval",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsHistogramBins",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsHistogramBuckets",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsInclusionPrefixes",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsInclusionRegexps",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/statsInclusionSuffixes",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/status",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/userVolume",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "sidecar.istio.io/userVolumeMount",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "status.sidecar.istio.io/port",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "topology.istio.io/controlPlaneClusters",
        alpha: true,
        deprecated: false,
        resources: &["Namespace"],
    },
    Annotation {
        name: "traffic.istio.io/nodeSelector",
        alpha: false,
        deprecated: false,
        resources: &["Service"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/excludeInboundPorts",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/excludeInterfaces",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/excludeOutboundIPRanges",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/excludeOutboundPorts",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/includeInboundPorts",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/includeOutboundIPRanges",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/includeOutboundPorts",
        alpha: true,
        deprecated: false,
        resources: &["Pod"],
    },
    Annotation {
        name: "traffic.sidecar.istio.io/kubevirtInterfaces",
        alpha: true,
        deprecated: true,
        resources: &["Pod"],
    },
];

/// The annotation named `name`, if Istio knows it.
pub fn lookup(name: &str) -> Option<&'static Annotation> {
    ANNOTATIONS
        .binary_search_by(|a| a.name.cmp(name))
        .ok()
        .map(|i| &ANNOTATIONS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(ANNOTATIONS.windows(2).all(|w| w[0].name < w[1].name));
        assert_eq!(ANNOTATIONS.len(), 68);
        assert_eq!(
            lookup("sidecar.istio.io/inject").map(|a| a.deprecated),
            Some(true)
        );
        assert!(lookup("sidecar.istio.io/bogus").is_none());
    }
}
