//! One file per rule (or per family of rules sharing one walk), named after
//! the problem it flags.

mod common;
mod gateway_refs;

pub mod alpha_annotation;
pub mod application_uid;
pub mod authorization_policy_targets;
pub mod conflicting_mesh_gateway_hosts;
pub mod conflicting_service_entry_protocol;
pub mod deployment_multiple_services;
pub mod deprecated_fields;
pub mod destination_rule_ca_certificates;
pub mod destination_rule_subset_selects_no_pods;
pub mod envoy_filter_patch;
pub mod external_control_plane_webhook;
pub mod gateway_api_crd_version_below_minimum;
pub mod gateway_conflicting_servers;
pub mod gateway_credential;
pub mod gateway_duplicate_certificate;
pub mod gateway_selector;
pub mod image_auto_without_injection;
pub mod jwks_uri_fetch_unrestricted;
pub mod jwt_claim_route_without_request_authentication;
pub mod mesh_networks_unknown_registry;
pub mod misused_annotations;
pub mod multi_cluster_inconsistent_service;
pub mod namespace_injection;
pub mod negative_status_condition;
pub mod pod_missing_proxy;
pub mod policy_selector_on_kubernetes_gateway;
pub mod proxy_image_mismatch;
pub mod schema_validation;
pub mod service_entry_addresses_required;
pub mod service_port_name_convention;
pub mod sidecar_selector;
pub mod telemetry_empty_access_log_provider;
pub mod telemetry_lightstep_provider;
pub mod telemetry_selector;
pub mod telemetry_without_selector;
pub mod virtual_service_destination_host;
pub mod virtual_service_gateway_not_found;
pub mod virtual_service_host_not_in_gateway;
pub mod virtual_service_internal_gateway;
pub mod virtual_service_subset_not_found;
pub mod virtual_service_unreachable_routes;
pub mod webhook_overlap;
