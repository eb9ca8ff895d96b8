//! Sidecar injection, as `istioctl kube-inject` does it: pure functions from
//! documents to documents. See `stream` for the multi-document pipeline,
//! `policy` for the should-this-pod-be-injected decision.

pub mod quantity;
pub mod schema;
