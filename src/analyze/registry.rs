//! Every rule, in code order (then name). Unit tests keep the list sorted,
//! the codes known and the docs complete.

use super::catalog;
use super::rule::Rule;
use super::rules::{
    alpha_annotation, application_uid, authorization_policy_targets,
    conflicting_mesh_gateway_hosts, conflicting_service_entry_protocol,
    deployment_multiple_services, deprecated_fields, destination_rule_ca_certificates,
    destination_rule_subset_selects_no_pods, envoy_filter_patch, external_control_plane_webhook,
    gateway_api_crd_version_below_minimum, gateway_conflicting_servers, gateway_credential,
    gateway_duplicate_certificate, gateway_selector, image_auto_without_injection,
    jwks_uri_fetch_unrestricted, jwt_claim_route_without_request_authentication,
    mesh_networks_unknown_registry, misused_annotations, multi_cluster_inconsistent_service,
    namespace_injection, negative_status_condition, pod_missing_proxy,
    policy_selector_on_kubernetes_gateway, proxy_image_mismatch, schema_validation,
    service_entry_addresses_required, service_port_name_convention, sidecar_selector,
    telemetry_empty_access_log_provider, telemetry_lightstep_provider, telemetry_selector,
    telemetry_without_selector, virtual_service_destination_host,
    virtual_service_gateway_not_found, virtual_service_host_not_in_gateway,
    virtual_service_internal_gateway, virtual_service_subset_not_found,
    virtual_service_unreachable_routes, webhook_overlap,
};

/// The registry.
pub static RULES: &[&Rule] = &[
    &deprecated_fields::RULE,
    &telemetry_lightstep_provider::RULE,
    &authorization_policy_targets::NAMESPACE_NOT_FOUND,
    &gateway_credential::NOT_FOUND,
    &gateway_credential::SELECTOR_NO_MATCH,
    &gateway_selector::NO_MATCH,
    &sidecar_selector::NO_MATCH,
    &telemetry_selector::NO_MATCH,
    &virtual_service_gateway_not_found::RULE,
    &virtual_service_destination_host::HOST_NOT_FOUND,
    &virtual_service_subset_not_found::RULE,
    &namespace_injection::NOT_INJECTED,
    &pod_missing_proxy::RULE,
    &schema_validation::AUTHORIZATION_POLICY_ERROR,
    &schema_validation::DESTINATION_RULE_ERROR,
    &schema_validation::ENVOY_FILTER_ERROR,
    &schema_validation::GATEWAY_ERROR,
    &schema_validation::PEER_AUTHENTICATION_ERROR,
    &schema_validation::PROXY_CONFIG_ERROR,
    &schema_validation::REQUEST_AUTHENTICATION_ERROR,
    &schema_validation::SERVICE_ENTRY_ERROR,
    &schema_validation::SIDECAR_ERROR,
    &schema_validation::TELEMETRY_ERROR,
    &schema_validation::TRAFFIC_EXTENSION_ERROR,
    &schema_validation::VIRTUAL_SERVICE_ERROR,
    &schema_validation::WASM_PLUGIN_ERROR,
    &schema_validation::WORKLOAD_ENTRY_ERROR,
    &schema_validation::WORKLOAD_GROUP_ERROR,
    &misused_annotations::MISPLACED,
    &misused_annotations::UNKNOWN,
    &conflicting_mesh_gateway_hosts::RULE,
    &sidecar_selector::CONFLICTING,
    &sidecar_selector::MULTIPLE_DEFAULT,
    &virtual_service_destination_host::PORT_REQUIRED,
    &deployment_multiple_services::PROTOCOLS,
    &service_port_name_convention::RULE,
    &namespace_injection::MULTIPLE_LABELS,
    &misused_annotations::INVALID,
    &mesh_networks_unknown_registry::RULE,
    &authorization_policy_targets::NO_WORKLOADS,
    &destination_rule_ca_certificates::RULE,
    &destination_rule_ca_certificates::PORT_RULE,
    &virtual_service_unreachable_routes::UNREACHABLE,
    &virtual_service_unreachable_routes::INEFFECTIVE,
    &virtual_service_host_not_in_gateway::RULE,
    &schema_validation::AUTHORIZATION_POLICY_WARNING,
    &schema_validation::DESTINATION_RULE_WARNING,
    &schema_validation::ENVOY_FILTER_WARNING,
    &schema_validation::GATEWAY_WARNING,
    &schema_validation::PEER_AUTHENTICATION_WARNING,
    &schema_validation::PROXY_CONFIG_WARNING,
    &schema_validation::REQUEST_AUTHENTICATION_WARNING,
    &schema_validation::SERVICE_ENTRY_WARNING,
    &schema_validation::SIDECAR_WARNING,
    &schema_validation::TELEMETRY_WARNING,
    &schema_validation::TRAFFIC_EXTENSION_WARNING,
    &schema_validation::VIRTUAL_SERVICE_WARNING,
    &schema_validation::WASM_PLUGIN_WARNING,
    &schema_validation::WORKLOAD_ENTRY_WARNING,
    &service_entry_addresses_required::RULE,
    &misused_annotations::DEPRECATED,
    &alpha_annotation::RULE,
    &deployment_multiple_services::TARGET_PORTS,
    &gateway_duplicate_certificate::RULE,
    &webhook_overlap::OVERLAP,
    &webhook_overlap::SERVICE_MISSING,
    &virtual_service_destination_host::INGRESS_SUBSET,
    &application_uid::RULE,
    &gateway_conflicting_servers::RULE,
    &image_auto_without_injection::DEPLOYMENT,
    &image_auto_without_injection::POD,
    &namespace_injection::ENABLED_BY_DEFAULT,
    &jwt_claim_route_without_request_authentication::RULE,
    &service_port_name_convention::EXTERNAL_NAME_RULE,
    &envoy_filter_patch::RELATIVE,
    &envoy_filter_patch::REPLACE,
    &envoy_filter_patch::ADD,
    &envoy_filter_patch::REMOVE,
    &envoy_filter_patch::RELATIVE_PROXY_VERSION,
    &telemetry_empty_access_log_provider::RULE,
    &proxy_image_mismatch::RULE,
    &telemetry_selector::CONFLICTING,
    &telemetry_without_selector::RULE,
    &gateway_credential::INVALID,
    &gateway_selector::PORT,
    &external_control_plane_webhook::INVALID,
    &external_control_plane_webhook::IP_ADDRESS,
    &virtual_service_internal_gateway::RULE,
    &policy_selector_on_kubernetes_gateway::RULE,
    &sidecar_selector::INEFFECTIVE,
    &multi_cluster_inconsistent_service::RULE,
    &negative_status_condition::RULE,
    &destination_rule_subset_selects_no_pods::SUBSET,
    &destination_rule_subset_selects_no_pods::UNKNOWN_HOST,
    &jwks_uri_fetch_unrestricted::RULE,
    &gateway_api_crd_version_below_minimum::RULE,
    &conflicting_service_entry_protocol::RULE,
];

/// The rules with this code.
pub fn by_code(code: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    RULES
        .iter()
        .copied()
        .filter(move |r| r.code.eq_ignore_ascii_case(code))
}

/// The rules of an istioctl analyzer (`virtualservice.GatewayAnalyzer`).
pub fn by_analyzer(name: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    RULES.iter().copied().filter(move |r| r.analyzer == name)
}

/// istioctl analyzers that never report anything, so mast implements them
/// without a rule, and why they are silent.
pub static SILENT_ANALYZERS: &[(&str, &str)] = &[
    (
        "schema.ValidationAnalyzer.MeshConfig",
        "Istio validates the mesh config while loading it, and istioctl ignores one Istio rejects \
         (mast does the same, with a warning on stderr: `analyze::mesh`); the analyzer's own \
         validation of the loaded config is empty",
    ),
    (
        "schema.ValidationAnalyzer.MeshNetworks",
        "Istio validates the mesh networks while loading them, and istioctl ignores networks Istio \
         rejects (mast does the same, with a warning on stderr: `analyze::mesh`); the analyzer's \
         own validation of the loaded networks is empty",
    ),
];

/// Istio codes `istioctl analyze` never reports (no analyzer emits them),
/// and where they come from instead.
pub static NOT_FROM_ANALYZE: &[(&str, &str)] = &[
    ("IST0001", "never emitted"),
    ("IST0141", "istioctl x precheck"),
    ("IST0142", "istioctl x precheck"),
    ("IST0143", "never emitted"),
    ("IST0156", "istioctl x precheck"),
    ("IST0168", "never emitted"),
    ("IST0169", "istioctl x precheck"),
    ("IST0172", "istioctl x precheck"),
];

/// Whether mast implements this istioctl analyzer: any rule of it, or it is
/// one that never reports.
pub fn implements(analyzer: &str) -> bool {
    by_analyzer(analyzer).next().is_some() || SILENT_ANALYZERS.iter().any(|(a, _)| *a == analyzer)
}

/// The status of each Istio code for `docs/rules.md`.
pub fn code_status(code: &str) -> &'static str {
    if by_code(code).next().is_some() {
        "implemented"
    } else if let Some((_, from)) = NOT_FROM_ANALYZE.iter().find(|(c, _)| *c == code) {
        match *from {
            "istioctl x precheck" => "not an analyzer's (istioctl x precheck)",
            _ => "not an analyzer's (never emitted)",
        }
    } else if catalog::message(code).is_some() {
        "not yet"
    } else {
        "unknown"
    }
}

/// `docs/rules.md`: every Istio code with its status, then each rule's docs.
/// Generated; `tests/analyze_docs.rs` keeps the file current.
pub fn rules_markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# mast analyze: rules\n\n\
         Generated from `src/analyze/registry.rs` (do not edit; run \
         `MAST_UPDATE_DOCS=1 cargo test --test analyze_docs` to regenerate).\n\n\
         mast keeps Istio's message codes, levels and message templates, so suppressions \
         (`-S CODE=...`, `galley.istio.io/analyze-suppress`) and Istio's documentation carry over. \
         `mast analyze --explain CODE` prints a code's rules.\n\n\
         ## Codes\n\n\
         | Code | Istio name | Level | Status | mast rules | istioctl analyzer |\n\
         |---|---|---|---|---|---|\n",
    );
    for m in catalog::MESSAGES {
        let rules: Vec<&Rule> = by_code(m.code).collect();
        let names: Vec<String> = rules
            .iter()
            .map(|r| format!("[`{}`](#{})", r.name, r.name))
            .collect();
        let mut analyzers: Vec<&str> = rules.iter().map(|r| r.analyzer).collect();
        analyzers.dedup();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            m.code,
            m.name,
            m.level,
            code_status(m.code),
            names.join(", "),
            analyzers.join(", ")
        );
    }
    out.push_str(
        "\n## Analyzers without rules\n\n\
         These istioctl analyzers never report anything; mast implements them by doing the same.\n\n",
    );
    for (a, why) in SILENT_ANALYZERS {
        let _ = writeln!(out, "- `{a}`: {why}.");
    }
    out.push_str("\n## Rules\n");
    for r in RULES {
        let _ = write!(
            out,
            "\n<a id=\"{}\"></a>\n### {} `{}` ({})\n\n{}\n\nistioctl analyzer: `{}`.",
            r.name,
            r.code,
            r.name,
            r.level(),
            r.summary,
            r.analyzer
        );
        if !r.requires.is_empty() {
            let _ = write!(
                out,
                " Runs when the input contains: {}.",
                r.requires.join(", ")
            );
        }
        out.push_str("\n\n");
        // Demote the rule's own headings one level under the rule heading.
        for line in r.docs.trim_end().lines() {
            if let Some(h) = line.strip_prefix("### ") {
                let _ = writeln!(out, "#### {h}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_sorted_and_unique() {
        for pair in RULES.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                (a.code, a.name) < (b.code, b.name),
                "{} {} before {} {}",
                a.code,
                a.name,
                b.code,
                b.name
            );
        }
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len(), "rule names must be unique");
    }

    #[test]
    fn silent_analyzers_are_istioctls_and_have_no_rules() {
        for (a, _) in SILENT_ANALYZERS {
            assert!(catalog::analyzer(a).is_some(), "unknown analyzer {a}");
            assert!(by_analyzer(a).next().is_none(), "{a} has rules");
            assert!(implements(a));
        }
    }

    #[test]
    fn every_rule_has_a_known_code_analyzer_and_docs() {
        for r in RULES {
            assert!(
                catalog::message(r.code).is_some(),
                "{}: unknown code {}",
                r.name,
                r.code
            );
            assert!(
                catalog::analyzer(r.analyzer).is_some(),
                "{}: unknown analyzer {}",
                r.name,
                r.analyzer
            );
            for section in [
                "### What it does",
                "### Why is this bad?",
                "### Example",
                "### How to fix",
            ] {
                assert!(r.docs.contains(section), "{}: docs lack {section}", r.name);
            }
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}: names are kebab-case",
                r.name
            );
            assert!(
                !r.summary.ends_with('.'),
                "{}: summaries have no final period",
                r.name
            );
        }
    }
}
