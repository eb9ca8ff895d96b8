//! The fields of MeshConfig, ProxyConfig (its `defaultConfig`), the traffic
//! policy modes and MeshNetworks, with their types as Istio's decoder reads
//! them (`istio.io/api` `mesh/v1alpha1`, declaration order). Other nested
//! messages are only known to be messages.

/// A field's type, as the decoder reads its JSON value.
#[derive(Clone, Copy)]
pub enum Ty {
    Str,
    /// `bool` and `BoolValue`.
    Bool,
    /// `int32` and `Int32Value` (a quoted number is accepted).
    I32,
    /// `uint32` and `UInt32Value`.
    U32,
    /// An enum: its full name and value names.
    Enum(&'static str, &'static [&'static str]),
    Duration,
    /// A message, with its field table when it is checked further.
    Msg(Option<&'static [Field]>),
    List(&'static Ty),
    /// `map<string, T>`.
    Map(&'static Ty),
}

/// A message field: proto name, JSON name, type.
pub struct Field(pub &'static str, pub &'static str, pub Ty);

const MSG: Ty = Ty::Msg(None);
const STRS: Ty = Ty::List(&Ty::Str);
const MSGS: Ty = Ty::List(&MSG);

/// MeshConfig's fields, in declaration order (the decoder's order, which
/// decides the error reported when several fields are wrong).
pub const MESH_CONFIG: &[Field] = &[
    Field("proxy_listen_port", "proxyListenPort", Ty::I32),
    Field(
        "proxy_inbound_listen_port",
        "proxyInboundListenPort",
        Ty::I32,
    ),
    Field("proxy_http_port", "proxyHttpPort", Ty::I32),
    Field("connect_timeout", "connectTimeout", Ty::Duration),
    Field("hbone_idle_timeout", "hboneIdleTimeout", Ty::Duration),
    Field(
        "protocol_detection_timeout",
        "protocolDetectionTimeout",
        Ty::Duration,
    ),
    Field("tcp_keepalive", "tcpKeepalive", MSG),
    Field("ingress_class", "ingressClass", Ty::Str),
    Field("ingress_service", "ingressService", Ty::Str),
    Field(
        "ingress_controller_mode",
        "ingressControllerMode",
        Ty::Enum(
            "istio.mesh.v1alpha1.MeshConfig.IngressControllerMode",
            &["UNSPECIFIED", "OFF", "DEFAULT", "STRICT"],
        ),
    ),
    Field("ingress_selector", "ingressSelector", Ty::Str),
    Field("enable_tracing", "enableTracing", Ty::Bool),
    Field("access_log_file", "accessLogFile", Ty::Str),
    Field("access_log_format", "accessLogFormat", Ty::Str),
    Field(
        "access_log_encoding",
        "accessLogEncoding",
        Ty::Enum(
            "istio.mesh.v1alpha1.MeshConfig.AccessLogEncoding",
            &["TEXT", "JSON"],
        ),
    ),
    Field(
        "enable_envoy_access_log_service",
        "enableEnvoyAccessLogService",
        Ty::Bool,
    ),
    Field(
        "disable_envoy_listener_log",
        "disableEnvoyListenerLog",
        Ty::Bool,
    ),
    Field(
        "default_config",
        "defaultConfig",
        Ty::Msg(Some(PROXY_CONFIG)),
    ),
    Field(
        "outbound_traffic_policy",
        "outboundTrafficPolicy",
        Ty::Msg(Some(OUTBOUND_TRAFFIC_POLICY)),
    ),
    Field(
        "inbound_traffic_policy",
        "inboundTrafficPolicy",
        Ty::Msg(Some(INBOUND_TRAFFIC_POLICY)),
    ),
    Field("config_sources", "configSources", MSGS),
    Field("enable_auto_mtls", "enableAutoMtls", Ty::Bool),
    Field("trust_domain", "trustDomain", Ty::Str),
    Field("trust_domain_aliases", "trustDomainAliases", STRS),
    Field("ca_certificates", "caCertificates", MSGS),
    Field("default_service_export_to", "defaultServiceExportTo", STRS),
    Field(
        "default_virtual_service_export_to",
        "defaultVirtualServiceExportTo",
        STRS,
    ),
    Field(
        "default_destination_rule_export_to",
        "defaultDestinationRuleExportTo",
        STRS,
    ),
    Field("root_namespace", "rootNamespace", Ty::Str),
    Field("locality_lb_setting", "localityLbSetting", MSG),
    Field("zone_aware_lb_setting", "zoneAwareLbSetting", MSG),
    Field("dns_refresh_rate", "dnsRefreshRate", Ty::Duration),
    Field(
        "h2_upgrade_policy",
        "h2UpgradePolicy",
        Ty::Enum(
            "istio.mesh.v1alpha1.MeshConfig.H2UpgradePolicy",
            &["DO_NOT_UPGRADE", "UPGRADE"],
        ),
    ),
    Field(
        "inbound_cluster_stat_name",
        "inboundClusterStatName",
        Ty::Str,
    ),
    Field(
        "outbound_cluster_stat_name",
        "outboundClusterStatName",
        Ty::Str,
    ),
    Field("certificates", "certificates", MSGS),
    Field("service_settings", "serviceSettings", MSGS),
    Field("service_scope_configs", "serviceScopeConfigs", MSGS),
    Field("enable_prometheus_merge", "enablePrometheusMerge", Ty::Bool),
    Field(
        "verify_certificate_at_client",
        "verifyCertificateAtClient",
        Ty::Bool,
    ),
    Field("ca", "ca", MSG),
    Field("extension_providers", "extensionProviders", MSGS),
    Field("default_providers", "defaultProviders", MSG),
    Field("discovery_selectors", "discoverySelectors", MSGS),
    Field("path_normalization", "pathNormalization", MSG),
    Field("default_http_retry_policy", "defaultHttpRetryPolicy", MSG),
    Field("mesh_mTLS", "meshMTLS", MSG),
    Field("tls_defaults", "tlsDefaults", MSG),
    Field("default_traffic_policy", "defaultTrafficPolicy", MSG),
    Field("service_entry_visibility", "serviceEntryVisibility", MSG),
];

const OUTBOUND_TRAFFIC_POLICY: &[Field] = &[
    Field(
        "mode",
        "mode",
        Ty::Enum(
            "istio.mesh.v1alpha1.MeshConfig.OutboundTrafficPolicy.Mode",
            &["REGISTRY_ONLY", "ALLOW_ANY", "ALLOW_ANY_DYNAMIC_DNS"],
        ),
    ),
    Field("tls", "tls", MSG),
];

const INBOUND_TRAFFIC_POLICY: &[Field] = &[Field(
    "mode",
    "mode",
    Ty::Enum(
        "istio.mesh.v1alpha1.MeshConfig.InboundTrafficPolicy.Mode",
        &["PASSTHROUGH", "LOCALHOST"],
    ),
)];

/// ProxyConfig's fields (`defaultConfig`), in declaration order.
pub const PROXY_CONFIG: &[Field] = &[
    Field("config_path", "configPath", Ty::Str),
    Field("binary_path", "binaryPath", Ty::Str),
    Field("service_cluster", "serviceCluster", Ty::Str),
    Field(
        "tracing_service_name",
        "tracingServiceName",
        Ty::Enum(
            "istio.mesh.v1alpha1.ProxyConfig.TracingServiceName",
            &[
                "APP_LABEL_AND_NAMESPACE",
                "CANONICAL_NAME_ONLY",
                "CANONICAL_NAME_AND_NAMESPACE",
            ],
        ),
    ),
    Field("drain_duration", "drainDuration", Ty::Duration),
    Field("discovery_address", "discoveryAddress", Ty::Str),
    Field(
        "discovery_refresh_delay",
        "discoveryRefreshDelay",
        Ty::Duration,
    ),
    Field("zipkin_address", "zipkinAddress", Ty::Str),
    Field("statsd_udp_address", "statsdUdpAddress", Ty::Str),
    Field(
        "envoy_metrics_service_address",
        "envoyMetricsServiceAddress",
        Ty::Str,
    ),
    Field("proxy_admin_port", "proxyAdminPort", Ty::I32),
    Field("availability_zone", "availabilityZone", Ty::Str),
    Field(
        "control_plane_auth_policy",
        "controlPlaneAuthPolicy",
        Ty::Enum(
            "istio.mesh.v1alpha1.AuthenticationPolicy",
            &["NONE", "MUTUAL_TLS", "INHERIT"],
        ),
    ),
    Field("custom_config_file", "customConfigFile", Ty::Str),
    Field("stat_name_length", "statNameLength", Ty::I32),
    Field("concurrency", "concurrency", Ty::I32),
    Field(
        "proxy_bootstrap_template_path",
        "proxyBootstrapTemplatePath",
        Ty::Str,
    ),
    Field(
        "interception_mode",
        "interceptionMode",
        Ty::Enum(
            "istio.mesh.v1alpha1.ProxyConfig.InboundInterceptionMode",
            &["REDIRECT", "TPROXY", "NONE"],
        ),
    ),
    Field("tracing", "tracing", MSG),
    Field("sds", "sds", MSG),
    Field("envoy_access_log_service", "envoyAccessLogService", MSG),
    Field("envoy_metrics_service", "envoyMetricsService", MSG),
    Field("proxy_metadata", "proxyMetadata", Ty::Map(&Ty::Str)),
    Field("runtime_values", "runtimeValues", Ty::Map(&Ty::Str)),
    Field("status_port", "statusPort", Ty::I32),
    Field("extra_stat_tags", "extraStatTags", STRS),
    Field("gateway_topology", "gatewayTopology", MSG),
    Field(
        "termination_drain_duration",
        "terminationDrainDuration",
        Ty::Duration,
    ),
    Field("mesh_id", "meshId", Ty::Str),
    Field("readiness_probe", "readinessProbe", MSG),
    Field("proxy_stats_matcher", "proxyStatsMatcher", MSG),
    Field(
        "hold_application_until_proxy_starts",
        "holdApplicationUntilProxyStarts",
        Ty::Bool,
    ),
    Field("ca_certificates_pem", "caCertificatesPem", STRS),
    Field("image", "image", MSG),
    Field("private_key_provider", "privateKeyProvider", MSG),
    Field("proxy_headers", "proxyHeaders", MSG),
    Field("file_flush_interval", "fileFlushInterval", Ty::Duration),
    Field("file_flush_min_size_kb", "fileFlushMinSizeKb", Ty::U32),
    Field("stats_compression", "statsCompression", Ty::Bool),
    Field("connection_settings", "connectionSettings", MSG),
];

/// MeshNetworks: `networks: {<name>: Network}`.
pub const MESH_NETWORKS: &[Field] = &[Field(
    "networks",
    "networks",
    Ty::Map(&Ty::Msg(Some(NETWORK))),
)];

const NETWORK: &[Field] = &[
    Field("endpoints", "endpoints", Ty::List(&Ty::Msg(Some(ENDPOINT)))),
    Field("gateways", "gateways", Ty::List(&Ty::Msg(Some(GATEWAY)))),
];

const ENDPOINT: &[Field] = &[
    Field("from_cidr", "fromCidr", Ty::Str),
    Field("from_registry", "fromRegistry", Ty::Str),
];

const GATEWAY: &[Field] = &[
    Field("registry_service_name", "registryServiceName", Ty::Str),
    Field("address", "address", Ty::Str),
    Field("port", "port", Ty::U32),
    Field("locality", "locality", Ty::Str),
];
