//! One file per rule, named after the problem it flags.

mod common;
mod gateway_refs;

pub mod conflicting_mesh_gateway_hosts;
pub mod conflicting_service_entry_protocol;
pub mod destination_rule_ca_certificates;
pub mod service_entry_addresses_required;
pub mod virtual_service_gateway_not_found;
pub mod virtual_service_host_not_in_gateway;
pub mod virtual_service_internal_gateway;
pub mod virtual_service_subset_not_found;
