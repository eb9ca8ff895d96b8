//! mast: a fast, Istio-compatible service-mesh CLI. This library holds every
//! domain module; the binary (`src/main.rs` + `src/cli/`) only parses flags
//! and calls into it.

pub mod analyze;
pub mod describe;
pub mod envoy;
pub mod exit;
pub mod goyaml;
pub mod inject;
pub mod json_pointer;
pub mod k8s;
pub mod label;
pub mod manifest;
pub mod netip;
pub mod output;
pub mod proxy_config;
pub mod template;
pub mod threads;
pub mod x509;
