//! Istio's configuration validation (what `kubectl apply` runs through
//! istiod's validating webhook, and what `istioctl analyze` reports as
//! IST0106 `SchemaValidationError` / IST0133 `SchemaWarning`), one validator
//! per kind over the resource's JSON spec.
//!
//! Each finding is one message, as istioctl reports one message per error of
//! its flattened error list; the texts are Istio's. The order of findings
//! within a resource does not matter: diagnostics are sorted by their text.

pub mod cel;
mod checks;
mod destination_rule;
mod envoy_filter;
mod extensions;
mod gateway;
mod jwks;
pub mod mesh;
mod security;
mod service_entry;
mod sidecar;
mod virtual_service;

use serde_json::{Map, Value};

/// The errors and warnings of one resource.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

impl Findings {
    pub fn err(&mut self, msg: impl Into<String>) {
        self.errors.push(msg.into());
    }

    pub fn warn(&mut self, msg: impl Into<String>) {
        self.warnings.push(msg.into());
    }

    /// Add an optional error.
    pub fn check(&mut self, r: Result<(), String>) {
        if let Err(e) = r {
            self.errors.push(e);
        }
    }

    /// Merge another result, warnings included.
    pub fn merge(&mut self, other: Findings) {
        self.errors.extend(other.errors);
        self.warnings.extend(other.warnings);
    }

    /// Merge only the errors (Istio drops the warnings of some nested checks).
    pub fn merge_errors(&mut self, other: Findings) {
        self.errors.extend(other.errors);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }
}

/// `go-multierror`'s text for a list of errors; `None` when empty.
pub fn multierror_text(errors: &[String]) -> Option<String> {
    match errors {
        [] => None,
        [one] => Some(format!("1 error occurred:\n\t* {one}\n\n")),
        many => {
            let points: Vec<String> = many.iter().map(|e| format!("* {e}")).collect();
            Some(format!(
                "{} errors occurred:\n\t{}\n\n",
                many.len(),
                points.join("\n\t")
            ))
        }
    }
}

/// The Istio kinds validated, as `(API group, kind)`.
pub const KINDS: &[(&str, &str)] = &[
    ("networking.istio.io", "DestinationRule"),
    ("networking.istio.io", "EnvoyFilter"),
    ("networking.istio.io", "Gateway"),
    ("networking.istio.io", "ProxyConfig"),
    ("networking.istio.io", "ServiceEntry"),
    ("networking.istio.io", "Sidecar"),
    ("networking.istio.io", "VirtualService"),
    ("networking.istio.io", "WorkloadEntry"),
    ("networking.istio.io", "WorkloadGroup"),
    ("security.istio.io", "AuthorizationPolicy"),
    ("security.istio.io", "PeerAuthentication"),
    ("security.istio.io", "RequestAuthentication"),
    ("telemetry.istio.io", "Telemetry"),
    ("extensions.istio.io", "WasmPlugin"),
    ("extensions.istio.io", "TrafficExtension"),
];

/// What a validator sees of the resource: its spec, name and namespace
/// (istioctl passes neither labels nor annotations to validation).
pub struct Target<'a> {
    pub spec: &'a Value,
    pub name: &'a str,
    pub namespace: &'a str,
}

/// Validate one resource of `kind`; `None` for kinds without a validator.
pub fn validate(kind: &str, t: &Target) -> Option<Findings> {
    let f = match kind {
        "VirtualService" => virtual_service::validate(t),
        "DestinationRule" => destination_rule::validate(t),
        "Gateway" => gateway::validate(t),
        "ServiceEntry" => service_entry::validate(t),
        "WorkloadEntry" => service_entry::validate_workload_entry(t),
        "WorkloadGroup" => service_entry::validate_workload_group(t),
        "Sidecar" => sidecar::validate(t),
        "EnvoyFilter" => envoy_filter::validate(t),
        "AuthorizationPolicy" => security::validate_authorization_policy(t),
        "PeerAuthentication" => security::validate_peer_authentication(t),
        "RequestAuthentication" => security::validate_request_authentication(t),
        "Telemetry" => extensions::validate_telemetry(t),
        "WasmPlugin" => extensions::validate_wasm_plugin(t),
        "TrafficExtension" => extensions::validate_traffic_extension(t),
        "ProxyConfig" => extensions::validate_proxy_config(t),
        _ => return None,
    };
    Some(f)
}

// Field access over the JSON form of a spec. Istio's decoder accepts a field
// under its JSON name (`retryOn`) or its proto name (`retry_on`); `null` and
// `[]` count as absent.

/// Whether `key` is the proto (snake_case) spelling of the JSON name `name`.
fn is_snake_of(key: &str, name: &str) -> bool {
    let mut k = key.bytes();
    for c in name.bytes() {
        if c.is_ascii_uppercase() {
            if k.next() != Some(b'_') || k.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
        } else if k.next() != Some(c) {
            return false;
        }
    }
    k.next().is_none()
}

/// The field `name` of `v`.
pub(crate) fn field<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    let o = v.as_object()?;
    o.get(name)
        .or_else(|| {
            if name.bytes().any(|b| b.is_ascii_uppercase()) {
                o.iter().find(|(k, _)| is_snake_of(k, name)).map(|(_, v)| v)
            } else {
                None
            }
        })
        // Istio's decoder leaves an empty list unset, like an absent field.
        .filter(|x| !x.is_null() && x.as_array().is_none_or(|a| !a.is_empty()))
}

/// Whether the field is set (present and not `null`).
pub(crate) fn has(v: &Value, name: &str) -> bool {
    field(v, name).is_some()
}

/// A string field, `""` when absent.
pub(crate) fn text<'a>(v: &'a Value, name: &str) -> &'a str {
    field(v, name).and_then(Value::as_str).unwrap_or("")
}

/// A list field, empty when absent.
pub(crate) fn list<'a>(v: &'a Value, name: &str) -> &'a [Value] {
    field(v, name)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A list of strings.
pub(crate) fn strs<'a>(v: &'a Value, name: &str) -> Vec<&'a str> {
    list(v, name).iter().filter_map(Value::as_str).collect()
}

/// A map field.
pub(crate) fn map<'a>(v: &'a Value, name: &str) -> Option<&'a Map<String, Value>> {
    field(v, name).and_then(Value::as_object)
}

/// A number field (numbers may be written as strings for 64-bit fields),
/// 0 when absent.
pub(crate) fn int(v: &Value, name: &str) -> i64 {
    field(v, name).map_or(0, number)
}

/// A float field, 0 when absent.
pub(crate) fn float(v: &Value, name: &str) -> f64 {
    match field(v, name) {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) => s.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

pub(crate) fn number(v: &Value) -> i64 {
    match v {
        Value::Number(n) => n.as_i64().unwrap_or(0),
        Value::String(s) => s.parse().unwrap_or(0),
        _ => 0,
    }
}

/// A bool field (also `BoolValue` wrappers), false when absent.
pub(crate) fn flag(v: &Value, name: &str) -> bool {
    matches!(field(v, name), Some(Value::Bool(true)))
}

/// A wrapper (`UInt32Value`, `DoubleValue`...) field: written as a bare
/// number in JSON.
pub(crate) fn wrapped(v: &Value, name: &str) -> Option<f64> {
    match field(v, name)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        Value::Object(o) => o.get("value").and_then(Value::as_f64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_under_json_or_proto_names() {
        let v = json!({"retry_on": "5xx", "perTryTimeout": "1s", "gone": null, "none": []});
        assert_eq!(text(&v, "retryOn"), "5xx");
        assert_eq!(text(&v, "perTryTimeout"), "1s");
        assert!(!has(&v, "gone"));
        assert!(!has(&v, "none"));
        assert!(!has(&v, "retry"));
        assert!(is_snake_of("per_try_timeout", "perTryTimeout"));
        assert!(!is_snake_of("per_try_timeouts", "perTryTimeout"));
    }

    #[test]
    fn multierror_rendering() {
        assert_eq!(
            multierror_text(&["a".into()]).unwrap(),
            "1 error occurred:\n\t* a\n\n"
        );
        assert_eq!(
            multierror_text(&["a".into(), "b".into()]).unwrap(),
            "2 errors occurred:\n\t* a\n\t* b\n\n"
        );
    }
}
