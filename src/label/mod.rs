//! Namespace injection labels and the injection check: label selectors with
//! Kubernetes semantics, Istio's injector webhooks and istioctl's
//! `check-inject` analysis of them, the verdict combined with istiod's own
//! policy ([`crate::inject::policy`]), namespace label changes (live and in
//! manifest streams), and the cluster reads and writes behind
//! `mast label` and `mast check-inject`.

pub mod check;
pub mod cluster;
pub mod namespace;
pub mod offline;
pub mod selector;
pub mod webhook;

pub use check::{PodState, Subject, Verdict, check};
pub use namespace::{Action, Change, NamespaceState, Refusal, Rules};
pub use selector::{Labels, Selector};
pub use webhook::{HookResult, Injector};
