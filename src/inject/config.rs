//! Where the injector config comes from: files (istioctl's flags), or the
//! cluster's `ConfigMaps` (`istio-sidecar-injector[-REV]`, `istio[-REV]`).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value as Json, json};

use super::mesh::Mesh;
use super::pod::{Injector, Templates};
use super::render::funcs;
use crate::template::Value;

/// The raw injector config.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Template name → Go template text.
    pub templates: BTreeMap<String, String>,
    /// Helm values (the `values` key of the injector `ConfigMap`).
    pub values: Json,
    /// The mesh config YAML/JSON (the `mesh` key of `ConfigMap` `istio`), parsed.
    pub mesh: Json,
    /// Where it came from, for `-v`.
    pub source: String,
}

fn parse_yaml(text: &str, what: &str) -> Result<Json, String> {
    crate::manifest::parse_value(
        text,
        crate::manifest::Limits::default(),
        crate::manifest::DuplicateKeys::Error,
    )
    .map(|p| p.value.unwrap_or(Json::Null))
    .map_err(|e| format!("{what}: line {}: {}", e.line, e.message))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

impl Config {
    /// The injector config text (`--injectConfigFile`, or the `ConfigMap`'s
    /// `config` key): the `templates` map, or else the whole text is the
    /// `sidecar` template.
    pub fn templates_from_text(text: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if let Ok(Json::Object(m)) = parse_yaml(text, "injector config")
            && let Some(Json::Object(t)) = m.get("templates")
            && !t.is_empty()
        {
            for (k, v) in t {
                out.insert(k.clone(), v.as_str().unwrap_or_default().to_string());
            }
            return out;
        }
        out.insert("sidecar".into(), text.to_string());
        out
    }

    pub fn from_files(
        inject: &Path,
        mesh: Option<&Path>,
        values: Option<&Path>,
    ) -> Result<Config, String> {
        let templates = Self::templates_from_text(&read(inject)?);
        let values = match values {
            Some(p) => parse_yaml(&read(p)?, &p.display().to_string())?,
            None => json!({}),
        };
        let mesh = match mesh {
            Some(p) => parse_yaml(&read(p)?, &p.display().to_string())?,
            None => json!({}),
        };
        Ok(Config {
            templates,
            values,
            mesh,
            source: format!("files (injector config {})", inject.display()),
        })
    }

    /// mast's embedded default: our own sidecar template with the default
    /// values and mesh config of the pinned Istio version, for injecting
    /// with no cluster and no files.
    pub fn embedded() -> Config {
        let mut templates = BTreeMap::new();
        templates.insert(
            "sidecar".to_string(),
            include_str!("default/sidecar.tmpl").to_string(),
        );
        Config {
            templates,
            values: serde_json::from_str(include_str!("default/values.json"))
                .expect("embedded values"),
            mesh: parse_yaml(include_str!("default/mesh.yaml"), "embedded mesh config")
                .expect("embedded mesh"),
            source: "embedded default (Istio 1.31-dev defaults)".into(),
        }
    }

    /// Build the injector. Templates are parsed when first needed: the
    /// default `sidecar` by the first pod, the others on a background
    /// thread; [`Injector::check_templates`] reports a template that does
    /// not parse (the pipeline checks before writing anything).
    pub fn injector(&self, revision: &str, native_sidecars: bool) -> Result<Injector, String> {
        let mut templates = Templates::new(funcs());
        for (name, text) in &self.templates {
            templates.insert_text(name, text);
        }
        templates.parse_in_background("sidecar");
        let values = if self.values.is_null() {
            json!({})
        } else {
            self.values.clone()
        };
        Ok(Injector {
            templates,
            values_value: Value::from_json(&values),
            values,
            mesh: Mesh::from_json(&self.mesh),
            revision: revision.to_string(),
            native_sidecars,
            compliance_policy: std::env::var("COMPLIANCE_POLICY").unwrap_or_default(),
            threads: 0,
        })
    }
}
