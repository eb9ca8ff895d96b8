//! Istio's message types and analyzer names: facts from Istio's
//! `messages.yaml` and `istioctl analyze -L`, kept so codes, levels,
//! templates and names carry over. Generated from
//! `reference/data/{messages,analyzers}.json`; edit the data, not the table.

use super::diag::Level;

/// One message type: code, Istio's name, level and `fmt` template.
#[derive(Debug)]
pub struct MessageType {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    pub template: &'static str,
    pub description: &'static str,
}

/// Every message type, in code order.
pub static MESSAGES: &[MessageType] = &[
    MessageType {
        code: "IST0001",
        name: "InternalError",
        level: Level::Error,
        template: "Internal error: %v",
        description: "There was an internal error in the toolchain. This is almost always a bug in the implementation.",
    },
    MessageType {
        code: "IST0002",
        name: "Deprecated",
        level: Level::Warning,
        template: "Deprecated: %s",
        description: "A feature that the configuration is depending on is now deprecated.",
    },
    MessageType {
        code: "IST0101",
        name: "ReferencedResourceNotFound",
        level: Level::Error,
        template: "Referenced %s not found: %q",
        description: "A resource being referenced does not exist.",
    },
    MessageType {
        code: "IST0102",
        name: "NamespaceNotInjected",
        level: Level::Info,
        template: "The namespace is not enabled for Istio injection. Run 'kubectl label namespace %s istio-injection=enabled' to enable it, or 'kubectl label namespace %s istio-injection=disabled' to explicitly mark it as not needing injection.",
        description: "A namespace is not enabled for Istio injection.",
    },
    MessageType {
        code: "IST0103",
        name: "PodMissingProxy",
        level: Level::Warning,
        template: "The pod %s is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.",
        description: "A pod is missing the Istio proxy.",
    },
    MessageType {
        code: "IST0106",
        name: "SchemaValidationError",
        level: Level::Error,
        template: "Schema validation error: %v",
        description: "The resource has a schema validation error.",
    },
    MessageType {
        code: "IST0107",
        name: "MisplacedAnnotation",
        level: Level::Warning,
        template: "Misplaced annotation: %s can only be applied to %s",
        description: "An Istio annotation is applied to the wrong kind of resource.",
    },
    MessageType {
        code: "IST0108",
        name: "UnknownAnnotation",
        level: Level::Warning,
        template: "Unknown annotation: %s",
        description: "An Istio annotation is not recognized for any kind of resource",
    },
    MessageType {
        code: "IST0109",
        name: "ConflictingMeshGatewayVirtualServiceHosts",
        level: Level::Error,
        template: "The VirtualServices %s associated with mesh gateway define the same host %s which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
        description: "Conflicting hosts on VirtualServices associated with mesh gateway",
    },
    MessageType {
        code: "IST0110",
        name: "ConflictingSidecarWorkloadSelectors",
        level: Level::Error,
        template: "The Sidecars %v in namespace %q select the same workload pod %q, which can lead to undefined behavior.",
        description: "A Sidecar resource selects the same workloads as another Sidecar resource",
    },
    MessageType {
        code: "IST0111",
        name: "MultipleSidecarsWithoutWorkloadSelectors",
        level: Level::Error,
        template: "The Sidecars %v in namespace %q have no workload selector, which can lead to undefined behavior.",
        description: "More than one sidecar resource in a namespace has no workload selector",
    },
    MessageType {
        code: "IST0112",
        name: "VirtualServiceDestinationPortSelectorRequired",
        level: Level::Error,
        template: "This VirtualService routes to a service %q that exposes multiple ports %v. Specifying a port in the destination is required to disambiguate.",
        description: "A VirtualService routes to a service with more than one port exposed, but does not specify which to use.",
    },
    MessageType {
        code: "IST0116",
        name: "DeploymentAssociatedToMultipleServices",
        level: Level::Warning,
        template: "This deployment %s is associated with multiple services using port %d but different protocols: %v",
        description: "The resulting pods of a service mesh deployment can't be associated with multiple services using the same port but different protocols.",
    },
    MessageType {
        code: "IST0118",
        name: "PortNameIsNotUnderNamingConvention",
        level: Level::Info,
        template: "Port name %s (port: %d, targetPort: %s) doesn't follow the naming convention of Istio port.",
        description: "Port name is not under naming convention. Protocol detection is applied to the port.",
    },
    MessageType {
        code: "IST0123",
        name: "NamespaceMultipleInjectionLabels",
        level: Level::Warning,
        template: "The namespace has more than one type of injection labels %v, which may lead to undefined behavior. Make sure only one injection label exists.",
        description: "A namespace has more than one type of injection labels",
    },
    MessageType {
        code: "IST0125",
        name: "InvalidAnnotation",
        level: Level::Warning,
        template: "Invalid annotation %s: %s",
        description: "An Istio annotation that is not valid",
    },
    MessageType {
        code: "IST0126",
        name: "UnknownMeshNetworksServiceRegistry",
        level: Level::Error,
        template: "Unknown service registry %s in network %s",
        description: "A service registry in Mesh Networks is unknown",
    },
    MessageType {
        code: "IST0127",
        name: "NoMatchingWorkloadsFound",
        level: Level::Warning,
        template: "No matching workloads for this resource with the following labels: %s",
        description: "There aren't workloads matching the resource labels",
    },
    MessageType {
        code: "IST0128",
        name: "NoServerCertificateVerificationDestinationLevel",
        level: Level::Warning,
        template: "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s",
        description: "No caCertificates are set in DestinationRule, this results in no verification of presented server certificate.",
    },
    MessageType {
        code: "IST0129",
        name: "NoServerCertificateVerificationPortLevel",
        level: Level::Warning,
        template: "DestinationRule %s in namespace %s has TLS mode set to %s but no caCertificates are set to validate server identity for host: %s at port %s",
        description: "No caCertificates are set in DestinationRule, this results in no verification of presented server certificate for traffic to a given port.",
    },
    MessageType {
        code: "IST0130",
        name: "VirtualServiceUnreachableRule",
        level: Level::Warning,
        template: "VirtualService rule %v not used (%s).",
        description: "A VirtualService rule will never be used because a previous rule uses the same match.",
    },
    MessageType {
        code: "IST0131",
        name: "VirtualServiceIneffectiveMatch",
        level: Level::Info,
        template: "VirtualService rule %v match %v is not used (duplicate/overlapping match in rule %v).",
        description: "A VirtualService rule match duplicates a match in a previous rule.",
    },
    MessageType {
        code: "IST0132",
        name: "VirtualServiceHostNotFoundInGateway",
        level: Level::Warning,
        template: "one or more host %v defined in VirtualService %s not found in Gateway %s.",
        description: "Host defined in VirtualService not found in Gateway.",
    },
    MessageType {
        code: "IST0133",
        name: "SchemaWarning",
        level: Level::Warning,
        template: "Schema validation warning: %v",
        description: "The resource has a schema validation warning.",
    },
    MessageType {
        code: "IST0134",
        name: "ServiceEntryAddressesRequired",
        level: Level::Warning,
        template: "ServiceEntry addresses are required for this protocol.",
        description: "Virtual IP addresses are required for ports serving TCP (or unset) protocol when PILOT_ENABLE_IP_AUTOALLOCATE is not set on a proxy",
    },
    MessageType {
        code: "IST0135",
        name: "DeprecatedAnnotation",
        level: Level::Info,
        template: "Annotation %q has been deprecated%s and may not work in future Istio versions.",
        description: "A resource is using a deprecated Istio annotation.",
    },
    MessageType {
        code: "IST0136",
        name: "AlphaAnnotation",
        level: Level::Info,
        template: "Annotation %q is part of an alpha-phase feature and may be incompletely supported.",
        description: "An Istio annotation may not be suitable for production.",
    },
    MessageType {
        code: "IST0137",
        name: "DeploymentConflictingPorts",
        level: Level::Warning,
        template: "This deployment %s is associated with multiple services %v using targetPort %q but different ports: %v.",
        description: "Two services selecting the same workload with the same targetPort MUST refer to the same port.",
    },
    MessageType {
        code: "IST0138",
        name: "GatewayDuplicateCertificate",
        level: Level::Warning,
        template: "Duplicate certificate in multiple gateways %v may cause 404s if clients re-use HTTP2 connections.",
        description: "Duplicate certificate in multiple gateways may cause 404s if clients re-use HTTP2 connections.",
    },
    MessageType {
        code: "IST0139",
        name: "InvalidWebhook",
        level: Level::Error,
        template: "%v",
        description: "Webhook is invalid or references a control plane service that does not exist.",
    },
    MessageType {
        code: "IST0140",
        name: "IngressRouteRulesNotAffected",
        level: Level::Warning,
        template: "Subset in virtual service %s has no effect on ingress gateway %s requests",
        description: "Route rules have no effect on ingress gateway requests",
    },
    MessageType {
        code: "IST0141",
        name: "InsufficientPermissions",
        level: Level::Error,
        template: "Missing required permission to create resource %v (%v)",
        description: "Required permissions to install Istio are missing.",
    },
    MessageType {
        code: "IST0142",
        name: "UnsupportedKubernetesVersion",
        level: Level::Error,
        template: "The Kubernetes Version %q is lower than the minimum version: %v",
        description: "The Kubernetes version is not supported",
    },
    MessageType {
        code: "IST0143",
        name: "LocalhostListener",
        level: Level::Error,
        template: "Port %v is exposed in a Service but listens on localhost. It will not be exposed to other pods.",
        description: "A port exposed in a Service is bound to a localhost address",
    },
    MessageType {
        code: "IST0144",
        name: "InvalidApplicationUID",
        level: Level::Warning,
        template: "User ID (UID) 1337 is reserved for the sidecar proxy.",
        description: "Application pods should not run as user ID (UID) 1337",
    },
    MessageType {
        code: "IST0145",
        name: "ConflictingGateways",
        level: Level::Error,
        template: "Conflict with gateways %s (workload selector %s, port %s, hosts %v).",
        description: "Gateway should not have the same selector, port and matched hosts of server",
    },
    MessageType {
        code: "IST0146",
        name: "ImageAutoWithoutInjectionWarning",
        level: Level::Warning,
        template: "%s %s contains `image: auto` but does not match any Istio injection webhook selectors.",
        description: "Deployments with `image: auto` should be targeted for injection.",
    },
    MessageType {
        code: "IST0147",
        name: "ImageAutoWithoutInjectionError",
        level: Level::Error,
        template: "%s %s contains `image: auto` but does not match any Istio injection webhook selectors.",
        description: "Pods with `image: auto` should be targeted for injection.",
    },
    MessageType {
        code: "IST0148",
        name: "NamespaceInjectionEnabledByDefault",
        level: Level::Info,
        template: "is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.",
        description: "user namespace should be injectable if Istio is installed with enableNamespacesByDefault enabled and neither injection label is set.",
    },
    MessageType {
        code: "IST0149",
        name: "JwtClaimBasedRoutingWithoutRequestAuthN",
        level: Level::Error,
        template: "The virtual service uses the JWT claim based routing (key: %s) but found no request authentication for the gateway (%s) pod (%s). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.",
        description: "Virtual service using JWT claim based routing without request authentication.",
    },
    MessageType {
        code: "IST0150",
        name: "ExternalNameServiceTypeInvalidPortName",
        level: Level::Warning,
        template: "Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly",
        description: "Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly for ExternalName services.",
    },
    MessageType {
        code: "IST0151",
        name: "EnvoyFilterUsesRelativeOperation",
        level: Level::Warning,
        template: "This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.",
        description: "This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.",
    },
    MessageType {
        code: "IST0152",
        name: "EnvoyFilterUsesReplaceOperationIncorrectly",
        level: Level::Error,
        template: "The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.",
        description: "The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.",
    },
    MessageType {
        code: "IST0153",
        name: "EnvoyFilterUsesAddOperationIncorrectly",
        level: Level::Error,
        template: "The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.",
        description: "The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.",
    },
    MessageType {
        code: "IST0154",
        name: "EnvoyFilterUsesRemoveOperationIncorrectly",
        level: Level::Error,
        template: "The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.",
        description: "The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.",
    },
    MessageType {
        code: "IST0155",
        name: "EnvoyFilterUsesRelativeOperationWithProxyVersion",
        level: Level::Warning,
        template: "This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.",
        description: "This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.",
    },
    MessageType {
        code: "IST0156",
        name: "UnsupportedGatewayAPIVersion",
        level: Level::Error,
        template: "The Gateway API CRD version %v is lower than the minimum version: %v",
        description: "The Gateway API CRD version is not supported",
    },
    MessageType {
        code: "IST0157",
        name: "InvalidTelemetryProvider",
        level: Level::Warning,
        template: "The Telemetry %v in namespace %q with empty providers will be ignored.",
        description: "The Telemetry with empty providers will be ignored",
    },
    MessageType {
        code: "IST0158",
        name: "PodsIstioProxyImageMismatchInNamespace",
        level: Level::Warning,
        template: "The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: %v). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.",
        description: "The Istio proxy image of the pods running in the namespace do not match the image defined in the injection configuration.",
    },
    MessageType {
        code: "IST0159",
        name: "ConflictingTelemetryWorkloadSelectors",
        level: Level::Error,
        template: "The Telemetries %v in namespace %q select the same workload pod %q, which can lead to undefined behavior.",
        description: "A Telemetry resource selects the same workloads as another Telemetry resource",
    },
    MessageType {
        code: "IST0160",
        name: "MultipleTelemetriesWithoutWorkloadSelectors",
        level: Level::Error,
        template: "The Telemetries %v in namespace %q have no workload selector, which can lead to undefined behavior.",
        description: "More than one telemetry resource in a namespace has no workload selector",
    },
    MessageType {
        code: "IST0161",
        name: "InvalidGatewayCredential",
        level: Level::Error,
        template: "The credential referenced by the Gateway %s in namespace %s is invalid, which can cause the traffic not to work as expected.",
        description: "The credential provided for the Gateway resource is invalid",
    },
    MessageType {
        code: "IST0162",
        name: "GatewayPortNotDefinedOnService",
        level: Level::Warning,
        template: "The gateway is listening on a target port (port %d) that is not defined in the Service associated with its workload instances (Pod selector %s). If you need to access the gateway port through the gateway Service, it will not be available.",
        description: "Gateway port not exposed by service",
    },
    MessageType {
        code: "IST0163",
        name: "InvalidExternalControlPlaneConfig",
        level: Level::Warning,
        template: "The hostname (%s) that was provided for the webhook (%s) to reach the ingress gateway on the external control plane cluster %s. Traffic may not flow properly.",
        description: "Address for the ingress gateway on the external control plane is not valid",
    },
    MessageType {
        code: "IST0164",
        name: "ExternalControlPlaneAddressIsNotAHostname",
        level: Level::Info,
        template: "The address (%s) that was provided for the webhook (%s) to reach the ingress gateway on the external control plane cluster is an IP address. This is not recommended for a production environment.",
        description: "Address for the ingress gateway on the external control plane is an IP address and not a hostname",
    },
    MessageType {
        code: "IST0165",
        name: "ReferencedInternalGateway",
        level: Level::Warning,
        template: "Gateway reference in VirtualService %s is to an implementation-generated internal Gateway: %s.",
        description: "VirtualServices should not reference internal Gateways.",
    },
    MessageType {
        code: "IST0166",
        name: "IneffectiveSelector",
        level: Level::Warning,
        template: "Ineffective selector on Kubernetes Gateway %s. Use the TargetRef field instead.",
        description: "Selector has no effect when applied to Kubernetes Gateways.",
    },
    MessageType {
        code: "IST0167",
        name: "IneffectivePolicy",
        level: Level::Warning,
        template: "The policy has no impact: %s.",
        description: "The policy applied has no impact.",
    },
    MessageType {
        code: "IST0168",
        name: "UnknownUpgradeCompatibility",
        level: Level::Warning,
        template: "The configuration %q changed in release %s, but compatibility cannot be automatically detected: %s. Or, install with `--set compatibilityVersion=%s` to retain the old default.",
        description: "We cannot automatically detect whether a change is fully compatible or not",
    },
    MessageType {
        code: "IST0169",
        name: "UpdateIncompatibility",
        level: Level::Warning,
        template: "The configuration %q changed in release %s: %s. Or, install with `--set compatibilityVersion=%s` to retain the old default.",
        description: "The provided configuration object may be incompatible due to an upgrade",
    },
    MessageType {
        code: "IST0170",
        name: "MultiClusterInconsistentService",
        level: Level::Warning,
        template: "The service %v in namespace %q is inconsistent across clusters %q, which can lead to undefined behaviors. The inconsistent behaviors are: %v.",
        description: "The services live in different clusters under multi-cluster deployment model are inconsistent",
    },
    MessageType {
        code: "IST0171",
        name: "NegativeConditionStatus",
        level: Level::Warning,
        template: "A condition with a negative status is present: type=%s, reason=%s, message=%s.",
        description: "A condition with a negative status is present",
    },
    MessageType {
        code: "IST0172",
        name: "FutureUnsupportedGatewayAPIVersion",
        level: Level::Warning,
        template: "The Gateway API CRD version %v is lower than the minimum version: %v",
        description: "The Gateway API CRD version will not be supported in the future",
    },
    MessageType {
        code: "IST0173",
        name: "DestinationRuleSubsetNotSelectPods",
        level: Level::Error,
        template: "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).",
        description: "Subsets defined in destination does not select any pods.",
    },
    MessageType {
        code: "IST0174",
        name: "UnknownDestinationRuleHost",
        level: Level::Warning,
        template: "The host %s defined in the DestinationRule does not match any services in the mesh.",
        description: "Host defined in destination rule does not match any services in the mesh.",
    },
    MessageType {
        code: "IST0175",
        name: "JwksUriFetchUnrestricted",
        level: Level::Warning,
        template: "BLOCKED_CIDRS_IN_JWKS_URIS is not configured but %d RequestAuthentication resource(s) exist (%s). Consider configuring it to restrict JWKS URI fetches to trusted networks.",
        description: "RequestAuthentication resources exist but BLOCKED_CIDRS_IN_JWKS_URIS is not configured on istiod.",
    },
    MessageType {
        code: "IST0176",
        name: "GatewayAPICRDVersionBelowMinimum",
        level: Level::Warning,
        template: "Gateway API CRD %q is at version %q but Istio requires at least %q; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.",
        description: "A Gateway API CRD is installed at a version below the minimum required by this Istio version. Resources of this kind will not be processed.",
    },
    MessageType {
        code: "IST0177",
        name: "ConflictingServiceEntryProtocol",
        level: Level::Warning,
        template: "Multiple ServiceEntries (%s) define the same host %q and port %d with conflicting protocols (%s).",
        description: "Multiple ServiceEntries define the same host and port with conflicting protocols.",
    },
];

/// An analyzer as `istioctl analyze -L` lists it.
#[derive(Debug)]
pub struct AnalyzerInfo {
    pub name: &'static str,
    pub description: &'static str,
    /// The kinds it reads.
    pub inputs: &'static [&'static str],
}

/// The 53 analyzers of `istioctl analyze -L`, sorted by name.
pub static ANALYZERS: &[AnalyzerInfo] = &[
    AnalyzerInfo {
        name: "annotations.K8sAnalyzer",
        description: "Checks for misplaced and invalid Istio annotations in Kubernetes resources",
        inputs: &["Deployment", "Namespace", "Pod", "Service"],
    },
    AnalyzerInfo {
        name: "applicationUID.Analyzer",
        description: "Checks invalid application UID",
        inputs: &["Deployment", "Pod"],
    },
    AnalyzerInfo {
        name: "auth.AuthorizationPoliciesAnalyzer",
        description: "Checks the validity of authorization policies",
        inputs: &["AuthorizationPolicy", "MeshConfig", "Namespace", "Pod"],
    },
    AnalyzerInfo {
        name: "authn.BlockedCIDRsAnalyzer",
        description: "Checks that BLOCKED_CIDRS_IN_JWKS_URIS is configured on istiod when RequestAuthentication resources exist",
        inputs: &["Deployment", "RequestAuthentication"],
    },
    AnalyzerInfo {
        name: "conditions.ConditionAnalyzer",
        description: "Checks for negative status conditions on resources",
        inputs: &[
            "AuthorizationPolicy",
            "GRPCRoute",
            "HTTPRoute",
            "KubernetesGateway",
            "Service",
            "ServiceEntry",
            "WorkloadEntry",
        ],
    },
    AnalyzerInfo {
        name: "deployment.MultiServiceAnalyzer",
        description: "Checks association between services and pods",
        inputs: &["Deployment", "Namespace", "Service"],
    },
    AnalyzerInfo {
        name: "deprecation.DeprecationAnalyzer",
        description: "Checks for deprecated Istio types and fields",
        inputs: &["CustomResourceDefinition", "Sidecar", "VirtualService"],
    },
    AnalyzerInfo {
        name: "destinationrule.CaCertificateAnalyzer",
        description: "Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL",
        inputs: &["DestinationRule"],
    },
    AnalyzerInfo {
        name: "destinationrule.SubsetSelectPodAnalyzer",
        description: "Checks if pods are selected by subsets in destination rules.",
        inputs: &["DestinationRule", "Node", "Pod", "Service", "ServiceEntry"],
    },
    AnalyzerInfo {
        name: "envoyfilter.EnvoyPatchAnalyzer",
        description: "Checks an envoyFilters ",
        inputs: &["EnvoyFilter"],
    },
    AnalyzerInfo {
        name: "externalcontrolplane.ExternalControlPlaneAnalyzer",
        description: "Checks that the remote IstioOperator resources reference an external control plane",
        inputs: &[
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
        ],
    },
    AnalyzerInfo {
        name: "gateway.CertificateAnalyzer",
        description: "Checks a gateway certificate",
        inputs: &["Gateway"],
    },
    AnalyzerInfo {
        name: "gateway.ConflictingGatewayAnalyzer",
        description: "Checks a gateway's selector, port number and hosts",
        inputs: &["Gateway", "Pod"],
    },
    AnalyzerInfo {
        name: "gateway.IngressGatewayPortAnalyzer",
        description: "Checks a gateway's ports against the gateway's Kubernetes service ports",
        inputs: &["Gateway", "Pod", "Service"],
    },
    AnalyzerInfo {
        name: "gateway.SecretAnalyzer",
        description: "Checks a gateway's referenced secrets for correctness",
        inputs: &["Gateway", "Pod", "Secret"],
    },
    AnalyzerInfo {
        name: "injection.Analyzer",
        description: "Checks conditions related to Istio sidecar injection",
        inputs: &["ConfigMap", "Namespace", "Pod"],
    },
    AnalyzerInfo {
        name: "injection.ImageAnalyzer",
        description: "Checks the image of auto-injection configured with the running proxies on pods",
        inputs: &["ConfigMap", "MeshConfig", "Namespace", "Pod", "ProxyConfig"],
    },
    AnalyzerInfo {
        name: "injection.ImageAutoAnalyzer",
        description: "Makes sure that Pods and Deployments with `image: auto` are going to be injected",
        inputs: &[
            "Deployment",
            "MutatingWebhookConfiguration",
            "Namespace",
            "Pod",
        ],
    },
    AnalyzerInfo {
        name: "k8sgateway.CRDVersionAnalyzer",
        description: "Checks Gateway API CRDs are at the minimum version required by this Istio version",
        inputs: &["CustomResourceDefinition"],
    },
    AnalyzerInfo {
        name: "k8sgateway.SelectorAnalyzer",
        description: "Check that selectors are effective for Kubernetes gateway",
        inputs: &[
            "AuthorizationPolicy",
            "Pod",
            "RequestAuthentication",
            "Telemetry",
            "WasmPlugin",
        ],
    },
    AnalyzerInfo {
        name: "meshnetworks.MeshNetworksAnalyzer",
        description: "Check the validity of MeshNetworks in the cluster",
        inputs: &["MeshNetworks", "Secret"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.AuthorizationPolicy",
        description: "Runs schema validation as an analyzer on 'AuthorizationPolicy' resources",
        inputs: &["AuthorizationPolicy"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.DestinationRule",
        description: "Runs schema validation as an analyzer on 'DestinationRule' resources",
        inputs: &["DestinationRule"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.EnvoyFilter",
        description: "Runs schema validation as an analyzer on 'EnvoyFilter' resources",
        inputs: &["EnvoyFilter"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.Gateway",
        description: "Runs schema validation as an analyzer on 'Gateway' resources",
        inputs: &["Gateway"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.MeshConfig",
        description: "Runs schema validation as an analyzer on 'MeshConfig' resources",
        inputs: &["MeshConfig"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.MeshNetworks",
        description: "Runs schema validation as an analyzer on 'MeshNetworks' resources",
        inputs: &["MeshNetworks"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.PeerAuthentication",
        description: "Runs schema validation as an analyzer on 'PeerAuthentication' resources",
        inputs: &["PeerAuthentication"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.ProxyConfig",
        description: "Runs schema validation as an analyzer on 'ProxyConfig' resources",
        inputs: &["ProxyConfig"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.RequestAuthentication",
        description: "Runs schema validation as an analyzer on 'RequestAuthentication' resources",
        inputs: &["RequestAuthentication"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.ServiceEntry",
        description: "Runs schema validation as an analyzer on 'ServiceEntry' resources",
        inputs: &["ServiceEntry"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.Sidecar",
        description: "Runs schema validation as an analyzer on 'Sidecar' resources",
        inputs: &["Sidecar"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.Telemetry",
        description: "Runs schema validation as an analyzer on 'Telemetry' resources",
        inputs: &["Telemetry"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.TrafficExtension",
        description: "Runs schema validation as an analyzer on 'TrafficExtension' resources",
        inputs: &["TrafficExtension"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.VirtualService",
        description: "Runs schema validation as an analyzer on 'VirtualService' resources",
        inputs: &["VirtualService"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.WasmPlugin",
        description: "Runs schema validation as an analyzer on 'WasmPlugin' resources",
        inputs: &["WasmPlugin"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.WorkloadEntry",
        description: "Runs schema validation as an analyzer on 'WorkloadEntry' resources",
        inputs: &["WorkloadEntry"],
    },
    AnalyzerInfo {
        name: "schema.ValidationAnalyzer.WorkloadGroup",
        description: "Runs schema validation as an analyzer on 'WorkloadGroup' resources",
        inputs: &["WorkloadGroup"],
    },
    AnalyzerInfo {
        name: "service.PortNameAnalyzer",
        description: "Checks the port names associated with each service",
        inputs: &["Service"],
    },
    AnalyzerInfo {
        name: "serviceentry.Analyzer",
        description: "Checks the validity of ServiceEntry",
        inputs: &["MeshConfig", "ServiceEntry"],
    },
    AnalyzerInfo {
        name: "serviceentry.ConflictingServiceEntryProtocolAnalyzer",
        description: "Checks if multiple ServiceEntries define the same host and port with different protocols",
        inputs: &["ServiceEntry"],
    },
    AnalyzerInfo {
        name: "services.MultiClusterServiceAnalyzer",
        description: "Check the validity of services in the multi-cluster environment",
        inputs: &["Service"],
    },
    AnalyzerInfo {
        name: "sidecar.SelectorAnalyzer",
        description: "Validates that sidecars that define a workload selector match at least one pod, and that there aren't multiple sidecar resources that select overlapping pods",
        inputs: &["Namespace", "Pod", "Sidecar"],
    },
    AnalyzerInfo {
        name: "telemetry.DefaultSelectorAnalyzer",
        description: "Validates that there aren't multiple telemetry resources that have no selector",
        inputs: &["Telemetry"],
    },
    AnalyzerInfo {
        name: "telemetry.LightstepAnalyzer",
        description: "Validates that lightstep provider is still used",
        inputs: &["MeshConfig", "Telemetry"],
    },
    AnalyzerInfo {
        name: "telemetry.ProviderAnalyzer",
        description: "Validates that providers in telemetry resource is valid",
        inputs: &["MeshConfig", "Telemetry"],
    },
    AnalyzerInfo {
        name: "telemetry.SelectorAnalyzer",
        description: "Validates that telemetries that define a selector match at least one pod, and that there aren't multiple telemetry resources that select overlapping pods",
        inputs: &["Pod", "Telemetry"],
    },
    AnalyzerInfo {
        name: "virtualservice.ConflictingMeshGatewayHostsAnalyzer",
        description: "Checks if multiple virtual services associated with the mesh gateway have conflicting hosts",
        inputs: &["VirtualService"],
    },
    AnalyzerInfo {
        name: "virtualservice.DestinationHostAnalyzer",
        description: "Checks the destination hosts associated with each virtual service",
        inputs: &["Service", "ServiceEntry", "VirtualService"],
    },
    AnalyzerInfo {
        name: "virtualservice.DestinationRuleAnalyzer",
        description: "Checks the destination rules associated with each virtual service",
        inputs: &["DestinationRule", "VirtualService"],
    },
    AnalyzerInfo {
        name: "virtualservice.GatewayAnalyzer",
        description: "Checks the gateways associated with each virtual service",
        inputs: &["Gateway", "KubernetesGateway", "VirtualService"],
    },
    AnalyzerInfo {
        name: "virtualservice.JWTClaimRouteAnalyzer",
        description: "Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication",
        inputs: &["Gateway", "Pod", "RequestAuthentication", "VirtualService"],
    },
    AnalyzerInfo {
        name: "webhook.Analyzer",
        description: "Checks the validity of Istio webhooks",
        inputs: &["MutatingWebhookConfiguration", "Service"],
    },
];

/// The message type for a code.
pub fn message(code: &str) -> Option<&'static MessageType> {
    MESSAGES.iter().find(|m| m.code.eq_ignore_ascii_case(code))
}

/// Analyzers Istio has but does not register in `istioctl analyze` (too noisy
/// to run by default): they run only when named with `--analyzer`.
pub static OPT_IN_ANALYZERS: &[AnalyzerInfo] = &[AnalyzerInfo {
    name: "annotations.AlphaAnalyzer",
    description: "Checks for alpha Istio annotations in Kubernetes resources",
    inputs: &["Deployment", "Namespace", "Pod", "Service"],
}];

/// The analyzer with this `-L` name (or an opt-in analyzer's name).
pub fn analyzer(name: &str) -> Option<&'static AnalyzerInfo> {
    ANALYZERS
        .iter()
        .chain(OPT_IN_ANALYZERS)
        .find(|a| a.name == name)
}

/// Whether an analyzer runs only when asked for by name.
pub fn is_opt_in(name: &str) -> bool {
    OPT_IN_ANALYZERS.iter().any(|a| a.name == name)
}
