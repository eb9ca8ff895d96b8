//! A minimal Helm chart renderer: what `helm template` does between loading
//! a chart directory and splitting the output into documents, with Helm's
//! engine semantics (helm.sh/helm/v3 `pkg/engine`, `pkg/chartutil`).
//!
//! - `Chart.yaml`, `values.yaml`, `templates/**` and the other files
//!   (`.Files.Get`) are read from a directory;
//! - user values are coalesced over the chart's values as
//!   `chartutil.CoalesceValues` does (a user `null` deletes a key);
//! - every template sees one shared top-level map per chart (`.Values`,
//!   `.Release`, `.Chart`, `.Capabilities`, `.Files`, `.Subcharts`, and
//!   `.Template` set per file), so a template that replaces `.Values` (Istio's
//!   `zzz_profile.yaml`) changes what later files see;
//! - files are parsed and rendered in Helm's order (deeper paths first, then
//!   names in reverse order), partials (`_*`) are parsed but not rendered,
//!   `missingkey=zero`, and `<no value>` is removed from each output;
//! - `include`, `tpl`, `required`, `fail` and `lookup` (always empty) come
//!   from [`FuncSet::helm`].
//!
//! Not supported: subcharts (`charts/`, dependencies), `.helmignore`,
//! schema validation, `.Files.Glob`/`AsConfig`/`AsSecrets`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::funcs::Param;
use super::funcs::helm::parse_yaml;
use super::value::{Map, Object, Value};
use super::{Error as TemplateError, FuncSet, Template};

/// Why a chart could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Yaml { path: PathBuf, message: String },
    #[error("{0}")]
    Template(#[from] TemplateError),
}

/// A chart read from a directory.
#[derive(Debug, Clone)]
pub struct Chart {
    /// `Chart.yaml` as parsed (JSON field names).
    pub metadata: Value,
    /// `values.yaml` (numbers are float64, as Helm reads them).
    pub values: Value,
    /// Template files by path relative to the chart (`templates/x.yaml`).
    pub templates: BTreeMap<String, String>,
    /// Every other file by relative path (what `.Files.Get` reads).
    pub files: BTreeMap<String, String>,
}

/// The release a chart is rendered for (`.Release`).
#[derive(Debug, Clone)]
pub struct Release {
    pub name: String,
    pub namespace: String,
    pub revision: i64,
    pub is_install: bool,
    pub is_upgrade: bool,
}

impl Release {
    /// A first install, as `helm template` renders it.
    pub fn install(name: &str, namespace: &str) -> Self {
        Release {
            name: name.to_string(),
            namespace: namespace.to_string(),
            revision: 1,
            is_install: true,
            is_upgrade: false,
        }
    }
}

fn read(path: &Path) -> Result<String, ChartError> {
    std::fs::read_to_string(path).map_err(|source| ChartError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn yaml(path: &Path) -> Result<Value, ChartError> {
    parse_yaml(&read(path)?).map_err(|message| ChartError::Yaml {
        path: path.to_path_buf(),
        message,
    })
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), ChartError> {
    let io = |source| ChartError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        let rel = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            walk(&path, &rel, out)?;
        } else {
            out.push((rel, path));
        }
    }
    Ok(())
}

impl Chart {
    /// Read a chart directory.
    pub fn load(dir: &Path) -> Result<Chart, ChartError> {
        let metadata = yaml(&dir.join("Chart.yaml"))?;
        let values = match dir.join("values.yaml") {
            p if p.exists() => yaml(&p)?,
            _ => Value::Nil,
        };
        let mut all = Vec::new();
        walk(dir, "", &mut all)?;
        let (mut templates, mut files) = (BTreeMap::new(), BTreeMap::new());
        for (rel, path) in all {
            if rel.starts_with("templates/") {
                templates.insert(rel, read(&path)?);
            } else if !matches!(
                rel.as_str(),
                "Chart.yaml" | "values.yaml" | "values.schema.json"
            ) && !rel.starts_with("charts/")
            {
                // Non-UTF-8 files are kept lossily; only text is read by charts.
                let bytes = std::fs::read(&path).map_err(|source| ChartError::Io {
                    path: path.clone(),
                    source,
                })?;
                files.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        Ok(Chart {
            metadata,
            values,
            templates,
            files,
        })
    }

    /// The chart's name (`Chart.yaml` `name`).
    pub fn name(&self) -> String {
        match &self.metadata {
            Value::Map(m) => m.get("name").and_then(|v| v.as_str().map(str::to_string)),
            _ => None,
        }
        .unwrap_or_default()
    }

    /// Render every template: output file name (`<chart>/templates/x.yaml`)
    /// to text, partials left out, as `engine.Render` returns them.
    pub fn render(
        &self,
        user_values: &Value,
        release: &Release,
        kube_version: &str,
    ) -> Result<BTreeMap<String, String>, ChartError> {
        let name = self.name();
        let values = coalesce(user_values, &self.values);
        let mut top = Map::new();
        top.insert("Chart", self.chart_object());
        top.insert("Files", files_object(&self.files));
        top.insert("Release", release_map(release));
        top.insert("Capabilities", capabilities(kube_version));
        top.insert("Values", values);
        top.insert("Subcharts", Value::map(Map::new()));
        let top = Value::map(top);

        let mut keys: Vec<String> = self
            .templates
            .keys()
            .map(|k| format!("{name}/{k}"))
            .collect();
        keys.sort_by(|a, b| helm_order(a, b));
        let mut t = Template::new("gotpl", &FuncSet::helm());
        t.option("missingkey=zero").expect("a valid option");
        for key in &keys {
            let rel = &key[name.len() + 1..];
            t.add(key, &self.templates[rel])?;
        }
        let mut out = BTreeMap::new();
        for key in &keys {
            if key.rsplit('/').next().is_some_and(|b| b.starts_with('_')) {
                continue;
            }
            if let Value::Map(m) = &top {
                let mut tm = Map::new();
                tm.insert("Name", Value::string(key.as_str()));
                tm.insert("BasePath", Value::string(format!("{name}/templates")));
                m.write().insert("Template", Value::map(tm));
            }
            let text = t.execute_template(key, &top)?;
            out.insert(key.clone(), text.replace("<no value>", ""));
        }
        Ok(out)
    }

    /// `.Chart`: Helm's `chart.Metadata` struct plus `IsRoot`.
    fn chart_object(&self) -> Value {
        let get = |k: &str| match &self.metadata {
            Value::Map(m) => m.get(k),
            _ => None,
        };
        let text = |k: &str| {
            Value::string(
                get(k)
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            )
        };
        let any = |k: &str| get(k).unwrap_or(Value::Nil);
        let mut annotations = Map::strings();
        if let Some(Value::Map(m)) = get("annotations") {
            for (k, v) in &m.read().entries {
                annotations.insert(k.clone(), v.clone());
            }
        }
        let o = Object::new("struct { chart.Metadata; IsRoot bool }")
            .field("Name", text("name"))
            .field("Home", text("home"))
            .field("Sources", any("sources"))
            .field("Version", text("version"))
            .field("Description", text("description"))
            .field("Keywords", any("keywords"))
            .field("Maintainers", any("maintainers"))
            .field("Icon", text("icon"))
            .field("APIVersion", text("apiVersion"))
            .field("Condition", text("condition"))
            .field("Tags", text("tags"))
            .field("AppVersion", text("appVersion"))
            .field(
                "Deprecated",
                Value::Bool(get("deprecated").is_some_and(|v| v.truthy())),
            )
            .field("Annotations", Value::map(annotations))
            .field("KubeVersion", text("kubeVersion"))
            .field("Dependencies", any("dependencies"))
            .field("Type", text("type"))
            .field("IsRoot", Value::Bool(true));
        Value::object(o)
    }
}

/// Helm's `sortTemplates`: more path segments first, then reverse byte order.
fn helm_order(a: &str, b: &str) -> std::cmp::Ordering {
    let depth = |s: &str| s.matches('/').count();
    depth(b).cmp(&depth(a)).then_with(|| b.cmp(a))
}

fn release_map(r: &Release) -> Value {
    let mut m = Map::new();
    m.insert("Name", Value::string(r.name.as_str()));
    m.insert("Namespace", Value::string(r.namespace.as_str()));
    m.insert("IsUpgrade", Value::Bool(r.is_upgrade));
    m.insert("IsInstall", Value::Bool(r.is_install));
    m.insert("Revision", Value::Int(r.revision));
    m.insert("Service", Value::string("Helm"));
    Value::map(m)
}

/// `.Capabilities` with the given Kubernetes version (`v1.x.y`).
fn capabilities(kube_version: &str) -> Value {
    let trimmed = kube_version.trim_start_matches('v');
    let mut parts = trimmed.split('.');
    let major = parts.next().unwrap_or_default().to_string();
    let minor = parts.next().unwrap_or_default().to_string();
    let kv = Object::new("chartutil.KubeVersion")
        .field("Version", Value::string(kube_version))
        .field("Major", Value::string(major))
        .field("Minor", Value::string(minor))
        .method("String", Value::string(kube_version))
        .method("GitVersion", Value::string(kube_version))
        .display(kube_version);
    Value::object(
        Object::new("chartutil.Capabilities")
            .field("KubeVersion", Value::object(kv))
            .field("APIVersions", Value::list(Vec::new()))
            .field("HelmVersion", Value::map(Map::new())),
    )
}

/// `.Files`: `Get` returns a file's text, or `""` when absent; `Lines`
/// its lines.
fn files_object(files: &BTreeMap<String, String>) -> Value {
    let get_files = files.clone();
    let lines_files = files.clone();
    Value::object(
        Object::new("engine.files")
            .call("Get", &[Param::String], move |a| {
                let name = a[0].as_str().unwrap_or_default();
                Ok(Value::string(
                    get_files.get(name).map(String::as_str).unwrap_or_default(),
                ))
            })
            .call("Lines", &[Param::String], move |a| {
                let name = a[0].as_str().unwrap_or_default();
                let text = lines_files
                    .get(name)
                    .map(String::as_str)
                    .unwrap_or_default();
                if text.is_empty() {
                    return Ok(Value::list(Vec::new()));
                }
                Ok(Value::list(text.split('\n').map(Value::string).collect()))
            }),
    )
}

/// `chartutil.CoalesceValues` for a chart without dependencies: the user's
/// values win, the chart's fill in, a user `null` removes the key.
pub fn coalesce(user: &Value, chart: &Value) -> Value {
    let dst = match user {
        Value::Map(m) => Value::map(deep_copy(&m.read())),
        _ => Value::map(Map::new()),
    };
    if let (Value::Map(d), Value::Map(c)) = (&dst, chart) {
        coalesce_tables(&mut d.write(), &deep_copy(&c.read()));
    }
    dst
}

fn coalesce_tables(dst: &mut Map, src: &Map) {
    for (k, sv) in &src.entries {
        match dst.entries.get(k) {
            Some(Value::Nil) => {
                dst.entries.remove(k);
            }
            Some(Value::Map(dm)) => {
                if let Value::Map(sm) = sv {
                    coalesce_tables(&mut dm.write(), &sm.read());
                }
            }
            Some(_) => {}
            None => {
                dst.entries.insert(k.clone(), sv.clone());
            }
        }
    }
}

fn deep_copy(m: &Map) -> Map {
    let mut out = Map {
        entries: BTreeMap::new(),
        elem: m.elem,
    };
    for (k, v) in &m.entries {
        out.entries.insert(k.clone(), deep_copy_value(v));
    }
    out
}

fn deep_copy_value(v: &Value) -> Value {
    match v {
        Value::Map(m) => Value::map(deep_copy(&m.read())),
        Value::List(l) => Value::list(l.iter().map(deep_copy_value).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_render_order() {
        let mut v = vec![
            "c/templates/a.yaml",
            "c/templates/zzz_profile.yaml",
            "c/templates/sub/x.yaml",
            "c/templates/_helpers.tpl",
        ];
        v.sort_by(|a, b| helm_order(a, b));
        assert_eq!(
            v,
            [
                "c/templates/sub/x.yaml",
                "c/templates/zzz_profile.yaml",
                "c/templates/a.yaml",
                "c/templates/_helpers.tpl",
            ]
        );
    }

    #[test]
    fn shared_top_level_values_and_files() {
        let chart = Chart {
            metadata: parse_yaml("name: c\nversion: 1.0.0\n").unwrap(),
            values: parse_yaml("a: 1\nb: {c: 2}\n").unwrap(),
            templates: BTreeMap::from([
                (
                    "templates/zz.yaml".to_string(),
                    "{{- $_ := set $ \"Values\" (dict \"a\" 5) -}}".to_string(),
                ),
                (
                    "templates/a.yaml".to_string(),
                    "{{ .Values.a }} {{ .Files.Get \"f.txt\" }}{{ .Values.x }} {{ .Template.Name }} {{ .Chart.Name }}".to_string(),
                ),
            ]),
            files: BTreeMap::from([("f.txt".to_string(), "hi".to_string())]),
        };
        let out = chart
            .render(&Value::Nil, &Release::install("r", "ns"), "v1.30.0")
            .unwrap();
        assert_eq!(out["c/templates/a.yaml"], "5 hi c/templates/a.yaml c");
        assert_eq!(out["c/templates/zz.yaml"], "");
    }

    #[test]
    fn user_values_coalesce() {
        let chart = parse_yaml("a: 1\nb: {c: 2, d: 3}\ne: 4\n").unwrap();
        let user = parse_yaml("b: {c: 9, d: null}\ne: null\n").unwrap();
        let v = coalesce(&user, &chart).to_json();
        assert_eq!(v, serde_json::json!({"a": 1, "b": {"c": 9}}));
    }
}
