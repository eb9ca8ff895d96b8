//! Building a client the way kubectl does: `--kubeconfig` alone, else
//! `$KUBECONFIG` (a path list, merged, first file wins), else
//! `~/.kube/config`, else the in-cluster service account. `--context`
//! selects a context; the namespace comes from the flag, else the context,
//! else `default`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use kube::config::{KubeConfigOptions, Kubeconfig};

use super::error::Error;

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
    pub namespace: Option<String>,
}

/// Where the configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// These kubeconfig files, merged in order.
    Files(Vec<PathBuf>),
    /// The pod's service account.
    InCluster,
}

/// Decide the configuration source from the flag, `$KUBECONFIG` and the home
/// directory. Pure apart from checking which files exist.
pub fn resolve_source(
    flag: Option<&Path>,
    env: Option<OsString>,
    home: Option<PathBuf>,
) -> ConfigSource {
    if let Some(path) = flag {
        return ConfigSource::Files(vec![path.to_path_buf()]);
    }
    if let Some(value) = env {
        let paths: Vec<PathBuf> = std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        if !paths.is_empty() {
            return ConfigSource::Files(paths);
        }
    }
    if let Some(home) = home {
        let default = home.join(".kube").join("config");
        if default.exists() {
            return ConfigSource::Files(vec![default]);
        }
    }
    ConfigSource::InCluster
}

/// Read and merge kubeconfig files. With several files (from `$KUBECONFIG`),
/// missing ones are skipped, as kubectl does; a single named file must exist.
pub fn load_kubeconfig(paths: &[PathBuf]) -> Result<Kubeconfig, Error> {
    let config_error = |message: String| Error::Config {
        message,
        tried: paths.to_vec(),
    };
    let mut merged: Option<Kubeconfig> = None;
    for path in paths {
        if paths.len() > 1 && !path.exists() {
            continue;
        }
        let kc = Kubeconfig::read_from(path)
            .map_err(|e| config_error(format!("{}: {e}", path.display())))?;
        merged = Some(match merged {
            None => kc,
            Some(m) => m
                .merge(kc)
                .map_err(|e| config_error(format!("{}: {e}", path.display())))?,
        });
    }
    merged.ok_or_else(|| config_error("none of the kubeconfig files exist".into()))
}

/// The namespace to use: the flag, else the selected context's, else `default`.
pub fn resolve_namespace(
    kc: Option<&Kubeconfig>,
    context: Option<&str>,
    flag: Option<&str>,
) -> String {
    if let Some(ns) = flag.filter(|n| !n.is_empty()) {
        return ns.to_string();
    }
    let ctx_name = context
        .map(str::to_string)
        .or_else(|| kc.and_then(|k| k.current_context.clone()));
    kc.zip(ctx_name)
        .and_then(|(k, name)| {
            k.contexts
                .iter()
                .find(|c| c.name == name)
                .and_then(|c| c.context.as_ref())
                .and_then(|c| c.namespace.clone())
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "default".to_string())
}

/// A live client and what it was built from.
#[derive(Clone)]
pub struct Connection {
    pub client: kube::Client,
    /// The namespace commands default to.
    pub namespace: String,
    /// The API server URL, for error messages.
    pub server: String,
    /// The context used, if from a kubeconfig.
    pub context: Option<String>,
    pub source: ConfigSource,
}

impl Connection {
    /// Classify a kube error against this connection's server.
    pub fn error(&self, err: kube::Error) -> Error {
        Error::from_kube(&self.server, err)
    }
}

/// Build a client by kubectl's rules. Reads no network; the first request does.
pub async fn connect(opts: &ClientOptions) -> Result<Connection, Error> {
    let source = resolve_source(
        opts.kubeconfig.as_deref(),
        std::env::var_os("KUBECONFIG"),
        home_dir(),
    );
    let (config, context, namespace) = match &source {
        ConfigSource::Files(paths) => {
            let kc = load_kubeconfig(paths)?;
            let namespace = resolve_namespace(
                Some(&kc),
                opts.context.as_deref(),
                opts.namespace.as_deref(),
            );
            let context = opts.context.clone().or_else(|| kc.current_context.clone());
            if let Some(name) = &opts.context
                && !kc.contexts.iter().any(|c| &c.name == name)
            {
                return Err(Error::Config {
                    message: format!("context {name:?} not found in kubeconfig"),
                    tried: paths.clone(),
                });
            }
            let kopts = KubeConfigOptions {
                context: opts.context.clone(),
                ..Default::default()
            };
            let config = kube::Config::from_custom_kubeconfig(kc, &kopts)
                .await
                .map_err(|e| Error::Config {
                    message: e.to_string(),
                    tried: paths.clone(),
                })?;
            (config, context, namespace)
        }
        ConfigSource::InCluster => {
            let config = kube::Config::incluster().map_err(|e| Error::Config {
                message: format!("no kubeconfig found and not running in a cluster ({e})"),
                tried: home_dir()
                    .map(|h| vec![h.join(".kube").join("config")])
                    .unwrap_or_default(),
            })?;
            let namespace = opts
                .namespace
                .clone()
                .unwrap_or_else(|| config.default_namespace.clone());
            (config, None, namespace)
        }
    };
    let server = config.cluster_url.to_string();
    let server = server.trim_end_matches('/').to_string();
    let client = kube::Client::try_from(config).map_err(|e| Error::from_kube(&server, e))?;
    Ok(Connection {
        client,
        namespace,
        server,
        context,
        source,
    })
}

/// Build a client from a kubeconfig held in memory (an Istio remote secret's
/// value), with its current context. `what` names it in errors. Returns the
/// connection and the current context's cluster name.
pub async fn connect_inline(text: &str, what: &str) -> Result<(Connection, String), Error> {
    let config_error = |message: String| Error::Config {
        message: format!("{what}: {message}"),
        tried: Vec::new(),
    };
    let kc = Kubeconfig::from_yaml(text).map_err(|e| config_error(e.to_string()))?;
    let current = kc.current_context.clone().unwrap_or_default();
    let cluster = kc
        .contexts
        .iter()
        .find(|c| c.name == current)
        .and_then(|c| c.context.as_ref())
        .map(|c| c.cluster.clone())
        .ok_or_else(|| config_error(format!("current context {current:?} not found")))?;
    let namespace = resolve_namespace(Some(&kc), None, None);
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .map_err(|e| config_error(e.to_string()))?;
    let server = config.cluster_url.to_string();
    let server = server.trim_end_matches('/').to_string();
    let client = kube::Client::try_from(config).map_err(|e| Error::from_kube(&server, e))?;
    Ok((
        Connection {
            client,
            namespace,
            server,
            context: Some(current),
            source: ConfigSource::Files(Vec::new()),
        },
        cluster,
    ))
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_over_env_and_home() {
        let got = resolve_source(
            Some(Path::new("/a")),
            Some("/b:/c".into()),
            Some("/home".into()),
        );
        assert_eq!(got, ConfigSource::Files(vec!["/a".into()]));
    }

    #[test]
    fn env_is_a_path_list() {
        let got = resolve_source(None, Some("/b::/c".into()), Some("/home".into()));
        assert_eq!(got, ConfigSource::Files(vec!["/b".into(), "/c".into()]));
    }

    #[test]
    fn empty_env_falls_back_to_home_then_in_cluster() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            resolve_source(None, Some("".into()), Some(dir.path().into())),
            ConfigSource::InCluster
        );
        std::fs::create_dir_all(dir.path().join(".kube")).unwrap();
        std::fs::write(
            dir.path().join(".kube/config"),
            "apiVersion: v1\nkind: Config\n",
        )
        .unwrap();
        assert_eq!(
            resolve_source(None, None, Some(dir.path().into())),
            ConfigSource::Files(vec![dir.path().join(".kube/config")])
        );
    }
}
