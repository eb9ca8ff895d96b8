//! go-yaml v2 as `sigs.k8s.io/yaml` uses it (go.yaml.in/yaml/v2 v2.4.4,
//! pinned by istioctl and Helm): the YAML 1.1 resolver for plain scalars and
//! the emitter behind `sigs.k8s.io/yaml.Marshal` / `JSONToYAML`.
//!
//! This is mast's one YAML emitter. `inject` (via `manifest`), the template
//! engine's `toYaml` and `proxy-config -o yaml` all write through
//! [`to_string`]. The module knows nothing of Kubernetes and has no
//! `use crate::` imports, so `template/` may depend on it (its only `crate::`
//! import) and still be extractable as a crate together with it. See
//! docs/ARCHITECTURE.md, "YAML emitter".

mod emit;
mod keys;
mod resolve;
mod scalar;

pub use emit::to_string;
pub use keys::{key_cmp, key_less, sorted_keys};
pub use resolve::{go_format_float, key_string, resolve_plain};
pub use scalar::resolves_to_non_string;
