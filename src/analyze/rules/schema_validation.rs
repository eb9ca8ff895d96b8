//! IST0106 / IST0133: Istio's configuration validation, one error and one
//! warning rule per Istio kind (istioctl's `schema.ValidationAnalyzer.<Kind>`).
//! The checks live in `analyze::validate`.

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;

fn report(snap: &Snapshot, sink: &mut Sink, group: &str, kind: &str, errors: bool) {
    for res in snap.of(group, kind) {
        let Some(found) = res.validation() else {
            continue;
        };
        let messages = if errors {
            &found.errors
        } else {
            &found.warnings
        };
        for m in messages {
            sink.report(res, None, &[Arg::from(m.as_str())]);
        }
    }
}

/// The IST0106 rule of a kind.
macro_rules! error_rule {
    ($error:ident, $group:literal, $kind:literal, $slug:literal, $example:literal, $fix:literal) => {
        pub static $error: Rule = Rule {
            code: "IST0106",
            name: concat!("invalid-", $slug),
            analyzer: concat!("schema.ValidationAnalyzer.", $kind),
            summary: concat!("A ", $kind, " fails Istio's configuration validation"),
            docs: concat!(
                "### What it does\nRuns Istio's validation for ",
                $kind,
                " resources (what istiod's validating webhook rejects on `kubectl apply`) and \
                 reports each error.\n\n### Why is this bad?\nThe API server refuses the resource when \
                 Istio's webhook is installed; where it is not, istiod ignores or misapplies it.\n\n\
                 ### Example\n```yaml\n",
                $example,
                "```\n\n### How to fix\n",
                $fix,
                "\n"
            ),
            requires: &[],
            check: |snap, sink| report(snap, sink, $group, $kind, true),
        };
    };
}

/// The IST0133 rule of a kind (WorkloadGroup validation has no warnings).
macro_rules! warning_rule {
    ($warning:ident, $group:literal, $kind:literal, $slug:literal) => {
        pub static $warning: Rule = Rule {
            code: "IST0133",
            name: concat!($slug, "-validation-warning"),
            analyzer: concat!("schema.ValidationAnalyzer.", $kind),
            summary: concat!("A ", $kind, " passes validation with a warning"),
            docs: concat!(
                "### What it does\nReports the warnings of Istio's validation for ",
                $kind,
                " resources: accepted, but deprecated, ignored or risky settings.\n\n\
                 ### Why is this bad?\nThe setting does not do what it seems to, or stops working \
                 in a later Istio release.\n\n### Example\nA workload selector without labels \
                 (applies to every workload in the namespace), a deprecated field, an EnvoyFilter \
                 (always warned about).\n\n### How to fix\nFollow the warning's text; \
                 `galley.istio.io/analyze-suppress: IST0133` on the resource silences it.\n"
            ),
            requires: &[],
            check: |snap, sink| report(snap, sink, $group, $kind, false),
        };
    };
}

macro_rules! schema_rules {
    ($error:ident, $warning:ident, $group:literal, $kind:literal, $slug:literal, $example:literal, $fix:literal) => {
        error_rule!($error, $group, $kind, $slug, $example, $fix);
        warning_rule!($warning, $group, $kind, $slug);
    };
}

schema_rules!(
    AUTHORIZATION_POLICY_ERROR,
    AUTHORIZATION_POLICY_WARNING,
    "security.istio.io",
    "AuthorizationPolicy",
    "authorization-policy",
    "action: DENY          # DENY without rules never triggers\n",
    "Give DENY and CUSTOM policies `rules` (an empty rule `{}` matches every request)."
);
schema_rules!(
    DESTINATION_RULE_ERROR,
    DESTINATION_RULE_WARNING,
    "networking.istio.io",
    "DestinationRule",
    "destination-rule",
    "host: reviews\nsubsets:\n- name: v1_beta     # subset names are DNS labels\n",
    "Use DNS-label subset names, valid durations (`1s`, at least 1ms) and one field per traffic policy setting."
);
schema_rules!(
    ENVOY_FILTER_ERROR,
    ENVOY_FILTER_WARNING,
    "networking.istio.io",
    "EnvoyFilter",
    "envoy-filter",
    "configPatches:\n- applyTo: HTTP_ROUTE\n  match: {cluster: {}}   # route patches need a routeConfiguration match\n",
    "Match the object class `applyTo` names, and give every patch an operation and a value."
);
schema_rules!(
    GATEWAY_ERROR,
    GATEWAY_WARNING,
    "networking.istio.io",
    "Gateway",
    "gateway",
    "servers:\n- port: {number: 443, name: https, protocol: HTTPS}\n  hosts: [\"*\"]\n  tls: {mode: SIMPLE}   # needs credentialName or certificate and key\n",
    "Give each server a port with a unique name, hosts, and TLS settings matching its protocol."
);
schema_rules!(
    PEER_AUTHENTICATION_ERROR,
    PEER_AUTHENTICATION_WARNING,
    "security.istio.io",
    "PeerAuthentication",
    "peer-authentication",
    "portLevelMtls:          # needs a selector with labels\n  8080: {mode: DISABLE}\n",
    "Port-level mTLS needs a workload selector with labels."
);
schema_rules!(
    PROXY_CONFIG_ERROR,
    PROXY_CONFIG_WARNING,
    "networking.istio.io",
    "ProxyConfig",
    "proxy-config",
    "concurrency: -1\n",
    "Use a concurrency of 0 (one worker per core) or more."
);
schema_rules!(
    REQUEST_AUTHENTICATION_ERROR,
    REQUEST_AUTHENTICATION_WARNING,
    "security.istio.io",
    "RequestAuthentication",
    "request-authentication",
    "jwtRules:\n- audiences: [\"\"]      # and neither issuer nor jwksUri\n",
    "Give each JWT rule an issuer or a jwksUri (http or https) and non-empty names."
);
schema_rules!(
    SERVICE_ENTRY_ERROR,
    SERVICE_ENTRY_WARNING,
    "networking.istio.io",
    "ServiceEntry",
    "service-entry",
    "hosts: [\"*\"]           # a full wildcard is not a service\nresolution: DNS\n",
    "Name concrete hosts (a leading `*.` wildcard at most), unique port names and numbers, and a resolution that fits the endpoints."
);
schema_rules!(
    SIDECAR_ERROR,
    SIDECAR_WARNING,
    "networking.istio.io",
    "Sidecar",
    "sidecar",
    "spec:\n  workloadSelector:\n    labels: {app: a}   # and nothing else: empty configuration\n",
    "Configure at least one of ingress, egress, outboundTrafficPolicy or inboundConnectionPool; egress hosts are `namespace/host`."
);
schema_rules!(
    TELEMETRY_ERROR,
    TELEMETRY_WARNING,
    "telemetry.istio.io",
    "Telemetry",
    "telemetry",
    "selector: {matchLabels: {app: a}}\ntargetRefs: [{kind: Service, name: a}]   # only one of the two\n",
    "Use either `selector` or `targetRefs`, and name every provider."
);
schema_rules!(
    VIRTUAL_SERVICE_ERROR,
    VIRTUAL_SERVICE_WARNING,
    "networking.istio.io",
    "VirtualService",
    "virtual-service",
    "hosts: [\"*\"]           # no gateways: bound to the mesh, where * is not allowed\nhttp:\n- route:\n  - destination: {host: reviews}\n",
    "Use valid hosts, give every HTTP route a route, redirect or direct response, and keep durations, percentages and regular expressions valid."
);
schema_rules!(
    WASM_PLUGIN_ERROR,
    WASM_PLUGIN_WARNING,
    "extensions.istio.io",
    "WasmPlugin",
    "wasm-plugin",
    "url: ftp://example.com/filter.wasm   # file, http, https or oci\n",
    "Point `url` at a supported scheme and keep sha256 a 64-character hex digest."
);
schema_rules!(
    TRAFFIC_EXTENSION_ERROR,
    TRAFFIC_EXTENSION_WARNING,
    "extensions.istio.io",
    "TrafficExtension",
    "traffic-extension",
    "wasm: {url: oci://example.com/filter:1}\nlua: {inlineCode: \"...\"}   # both: exactly one is allowed\n",
    "Keep one of `wasm` and `lua`; give Wasm a supported `url` scheme and match ports in 1..65535."
);
schema_rules!(
    WORKLOAD_ENTRY_ERROR,
    WORKLOAD_ENTRY_WARNING,
    "networking.istio.io",
    "WorkloadEntry",
    "workload-entry",
    "ports: {http: 0}        # no address, and a port out of range\n",
    "Give the entry an IP, FQDN or unix socket address and ports in 1..65535."
);
error_rule!(
    WORKLOAD_GROUP_ERROR,
    "networking.istio.io",
    "WorkloadGroup",
    "workload-group",
    "metadata: {labels: {app: a}}   # no template\n",
    "Give the group a `template`, valid labels and a readiness probe with one method."
);
