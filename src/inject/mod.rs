//! Sidecar injection, as `istioctl kube-inject` does it: pure functions from
//! documents to documents. `stream` is the multi-document pipeline, `policy`
//! the should-this-pod-be-injected decision, `pod` the per-pod injection
//! (templates, strategic merge, post-processing), `config` where the
//! injector config comes from.

pub(crate) mod annotations;
pub mod config;
mod decode_memo;
pub mod merge;
pub mod mesh;
pub mod pod;
pub mod policy;
pub mod probe;
pub mod prom;
pub mod quantity;
pub mod render;
pub mod schema;
pub mod stream;
pub mod uninject;

pub use config::Config;
pub use pod::Injector;
pub use stream::{Error, Mode, Outcome, inject_stream};
