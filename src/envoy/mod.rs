//! Envoy admin API access: a direct URL or a port-forwarded stream, sharing
//! one small HTTP/1.1 exchange.

pub mod admin;
pub mod http;

pub use admin::{Admin, Error};
