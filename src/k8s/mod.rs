//! Cluster access: a client built from kubeconfig by kubectl's rules, and
//! errors that keep the API server's Status so callers tell 404 from 403
//! from an unreachable server.

pub mod client;
pub mod error;
pub mod workload;

pub use client::{
    ClientOptions, ConfigSource, Connection, connect, connect_inline, resolve_source,
};
pub use error::Error;
