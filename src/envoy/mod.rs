//! Envoy admin API access: a direct URL or a port-forwarded stream.

pub mod admin;
