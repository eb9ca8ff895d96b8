//! JSON and YAML writers for machine-readable output. Never coloured.

use anyhow::Context as _;

/// Pretty JSON with a two-space indent and a trailing newline, as kubectl and
/// istioctl print it.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value).context("serializing JSON output")?;
    text.push('\n');
    Ok(text)
}

/// YAML through the manifest layer's writer (the one place the YAML crate is used).
pub fn yaml<T: serde::Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    crate::manifest::to_yaml_string(value).context("serializing YAML output")
}
