//! `mast inject` (alias `kube-inject`): add Istio sidecars to manifests.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use mast::exit::{Code, Failure};
use mast::inject::{Config, Error as InjectError, Mode, Outcome, inject_stream};
use mast::manifest::{self, Source};
use mast::output::Verbosity;

use super::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NativeSidecars {
    Auto,
    True,
    False,
}

#[derive(Debug, Args)]
pub struct InjectArgs {
    /// Input manifests: files, directories or - for stdin (repeatable)
    #[arg(short = 'f', long = "filename", value_name = "FILE", required = true)]
    pub filename: Vec<String>,

    /// Write the result to FILE (atomically: nothing is written unless every document succeeds)
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "in_place"
    )]
    pub output: Option<PathBuf>,

    /// Rewrite each input file with its injected content (atomically, permissions kept)
    #[arg(long = "in-place")]
    pub in_place: bool,

    /// Injector config: the `config` key of ConfigMap istio-sidecar-injector, or one template
    #[arg(
        long = "injectConfigFile",
        visible_alias = "inject-config-file",
        value_name = "FILE"
    )]
    pub inject_config_file: Option<PathBuf>,

    /// Mesh config: the `mesh` key of ConfigMap istio
    #[arg(
        long = "meshConfigFile",
        visible_alias = "mesh-config-file",
        value_name = "FILE"
    )]
    pub mesh_config_file: Option<PathBuf>,

    /// Helm values: the `values` key of ConfigMap istio-sidecar-injector
    #[arg(
        long = "valuesFile",
        visible_alias = "values-file",
        value_name = "FILE"
    )]
    pub values_file: Option<PathBuf>,

    /// Control plane revision (ConfigMap suffix, istio.io/rev annotation)
    #[arg(short = 'r', long, value_name = "REV")]
    pub revision: Option<String>,

    /// Put the sidecar in initContainers (Kubernetes native sidecars). auto honours
    /// $ENABLE_NATIVE_SIDECARS and is off offline, as istioctl
    #[arg(long = "native-sidecars", value_enum, value_name = "MODE")]
    pub native_sidecars: Option<NativeSidecars>,

    /// Remove what injection added instead of injecting
    #[arg(long)]
    pub uninject: bool,

    /// Reproduce istioctl exactly: skipped workloads are re-serialized too
    #[arg(long)]
    pub compat: bool,

    /// Mesh ConfigMap name (cluster mode)
    #[arg(
        long = "meshConfigMapName",
        default_value = "istio",
        value_name = "NAME"
    )]
    pub mesh_config_map_name: String,

    /// Injector ConfigMap name (cluster mode)
    #[arg(
        long = "injectConfigMapName",
        default_value = "istio-sidecar-injector",
        hide = true,
        value_name = "NAME"
    )]
    pub inject_config_map_name: String,

    /// Accepted for istioctl compatibility; unused
    #[arg(long = "webhookConfig", hide = true, value_name = "NAME")]
    pub webhook_config: Option<String>,

    /// IstioOperator input (not supported: use the generated files)
    #[arg(long = "operatorFileName", hide = true, value_name = "FILE")]
    pub operator_file_name: Option<PathBuf>,
}

fn native_mode(flag: Option<NativeSidecars>) -> bool {
    let mode = flag.unwrap_or_else(
        || match std::env::var("ENABLE_NATIVE_SIDECARS").as_deref() {
            Ok("true") => NativeSidecars::True,
            Ok("auto") | Err(_) => NativeSidecars::Auto,
            Ok(_) => NativeSidecars::False,
        },
    );
    // Offline, auto resolves to off (as istioctl without a webhook client).
    mode == NativeSidecars::True
}

/// The injector config and the effective revision (in cluster mode without
/// `--revision`, the one the default revision tag points at).
fn load_config(
    args: &InjectArgs,
    ctx: &mut Context,
    revision: &str,
) -> anyhow::Result<(Config, String)> {
    if args.operator_file_name.is_some() {
        return Err(Failure::usage("--operatorFileName is not supported")
            .with_hint("generate the files with `istioctl manifest generate` and pass --injectConfigFile, --meshConfigFile and --valuesFile")
            .into());
    }
    if let Some(inject) = &args.inject_config_file {
        let cfg = Config::from_files(
            inject,
            args.mesh_config_file.as_deref(),
            args.values_file.as_deref(),
        )
        .map_err(|e| Failure::data(anyhow::anyhow!(e)))?;
        return Ok((cfg, revision.to_string()));
    }
    let (mut cfg, revision) = if cluster_configured(ctx) {
        cluster_config(args, ctx, revision)?
    } else {
        (Config::embedded(), revision.to_string())
    };
    if let Some(mesh) = &args.mesh_config_file {
        let text =
            std::fs::read_to_string(mesh).with_context(|| format!("reading {}", mesh.display()))?;
        cfg.mesh = parse(&text, &mesh.display().to_string())?;
    }
    if let Some(values) = &args.values_file {
        let text = std::fs::read_to_string(values)
            .with_context(|| format!("reading {}", values.display()))?;
        cfg.values = parse(&text, &values.display().to_string())?;
    }
    Ok((cfg, revision))
}

/// Whether a cluster is configured at all (a kubeconfig or in-cluster
/// credentials). Without one, the embedded default config is used.
fn cluster_configured(ctx: &Context) -> bool {
    if ctx.global.kubeconfig.is_some() || std::env::var_os("KUBERNETES_SERVICE_HOST").is_some() {
        return true;
    }
    match mast::k8s::resolve_source(
        None,
        std::env::var_os("KUBECONFIG"),
        std::env::var_os("HOME").map(PathBuf::from),
    ) {
        mast::k8s::ConfigSource::Files(paths) => paths.iter().any(|p| p.exists()),
        mast::k8s::ConfigSource::InCluster => false,
    }
}

fn parse(text: &str, what: &str) -> anyhow::Result<serde_json::Value> {
    manifest::parse_document(text, manifest::Limits::default())
        .map(|p| p.value.unwrap_or(serde_json::Value::Null))
        .map_err(|e| Failure::data(anyhow::anyhow!("{what}:{}: {}", e.line, e.message)).into())
}

/// The name of the webhook configuration that marks the default revision.
fn default_tag_webhook(istio_namespace: &str) -> String {
    if istio_namespace == "istio-system" {
        "istio-revision-tag-default".to_string()
    } else {
        format!("istio-revision-tag-default-{istio_namespace}")
    }
}

/// Templates, values and mesh config from the cluster's ConfigMaps, and the
/// revision they belong to: without `--revision`, the one the default
/// revision tag's webhook names (as istioctl), else the default revision.
fn cluster_config(
    args: &InjectArgs,
    ctx: &mut Context,
    revision: &str,
) -> anyhow::Result<(Config, String)> {
    use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
    use k8s_openapi::api::core::v1::ConfigMap;
    let ns = ctx.global.istio_namespace.clone();
    let opts = ctx.client_options();
    let rt = super::runtime()?;
    let explicit = args.revision.is_some();
    let tag_name = default_tag_webhook(&ns);
    let (injector, mesh, revision, injector_name, mesh_name) = rt
        .block_on(async {
            let conn = mast::k8s::connect(&opts).await?;
            let mut revision = revision.to_string();
            if !explicit {
                let hooks: kube::Api<MutatingWebhookConfiguration> =
                    kube::Api::all(conn.client.clone());
                if let Some(tag) = hooks.get_opt(&tag_name).await.map_err(|e| conn.error(e))? {
                    let rev = tag
                        .metadata
                        .labels
                        .as_ref()
                        .and_then(|l| l.get("istio.io/rev"))
                        .cloned()
                        .unwrap_or_default();
                    revision = if rev == "default" { String::new() } else { rev };
                }
            }
            let suffix = if revision.is_empty() {
                String::new()
            } else {
                format!("-{revision}")
            };
            let injector_name = format!("{}{suffix}", args.inject_config_map_name);
            let mesh_name = if args.mesh_config_map_name == "istio" {
                format!("istio{suffix}")
            } else {
                args.mesh_config_map_name.clone()
            };
            let api: kube::Api<ConfigMap> = kube::Api::namespaced(conn.client.clone(), &ns);
            let injector = api.get(&injector_name).await.map_err(|e| conn.error(e))?;
            let mesh = if args.mesh_config_file.is_some() {
                None
            } else {
                Some(api.get(&mesh_name).await.map_err(|e| conn.error(e))?)
            };
            Ok::<_, mast::k8s::Error>((injector, mesh, revision, injector_name, mesh_name))
        })
        .map_err(|e| {
            let hint = e.hint();
            let f = Failure::new(
                Code::Error,
                anyhow::anyhow!("reading the injector config from the cluster: {e}"),
            );
            match hint {
                Some(h) => f.with_hint(h),
                None => f.with_hint(
                    "pass --injectConfigFile, --meshConfigFile and --valuesFile to inject offline",
                ),
            }
        })?;
    let data = injector.data.unwrap_or_default();
    let config_text = data.get("config").ok_or_else(|| {
        Failure::data(anyhow::anyhow!(
            "missing configuration map key \"config\" in \"{injector_name}\""
        ))
    })?;
    let mut cfg = Config {
        templates: Config::templates_from_text(config_text),
        values: serde_json::json!({}),
        mesh: serde_json::json!({}),
        source: format!("cluster (ConfigMaps {ns}/{injector_name}, {ns}/{mesh_name})"),
    };
    if let Some(values) = data.get("values") {
        cfg.values = parse(
            values,
            &format!("ConfigMap {ns}/{injector_name} key values"),
        )?;
    }
    if let Some(m) = mesh {
        let md = m.data.unwrap_or_default();
        let text = md.get("mesh").ok_or_else(|| {
            Failure::data(anyhow::anyhow!(
                "missing configuration map key \"mesh\" in \"{mesh_name}\""
            ))
        })?;
        cfg.mesh = parse(text, &format!("ConfigMap {ns}/{mesh_name} key mesh"))?;
    }
    if !explicit && !revision.is_empty() {
        use std::fmt::Write as _;
        let _ = write!(
            cfg.source,
            "; revision {revision:?} from the default tag {tag_name}"
        );
    }
    Ok((cfg, revision))
}

/// The per-object report, kept only when it will be printed (with `-q`
/// nothing is kept, so memory stays bounded for any stream length).
struct Report {
    keep: bool,
    list: Vec<Outcome>,
}

impl Extend<Outcome> for Report {
    fn extend<T: IntoIterator<Item = Outcome>>(&mut self, iter: T) {
        if self.keep {
            self.list.extend(iter);
        }
    }
}

fn report(ctx: &mut Context, outcomes: &Report) -> anyhow::Result<()> {
    for o in &outcomes.list {
        let kind = o.kind.to_lowercase();
        let line = match &o.skipped {
            None if o.uninjected => format!("{kind} {:?} uninjected", o.name),
            None => format!("{kind} {:?} injected", o.name),
            Some(r) => format!("{kind} {:?} skipped: {r}", o.name),
        };
        ctx.printer.note(&line)?;
    }
    Ok(())
}

fn to_failure(e: InjectError) -> anyhow::Error {
    match e {
        InjectError::Manifest(m) => Failure::data(m).into(),
        InjectError::Inject { data: true, .. } => Failure::data(anyhow::anyhow!("{e}")).into(),
        InjectError::Inject { .. } => Failure::new(Code::Error, anyhow::anyhow!("{e}")).into(),
        InjectError::Io(io) => io.into(),
        InjectError::Config(m) => Failure::new(Code::Error, anyhow::anyhow!(m)).into(),
    }
}

/// A temporary file next to `target`, renamed over it on commit.
struct Pending {
    tmp: PathBuf,
    target: PathBuf,
}

fn temp_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.mast-{}.tmp", std::process::id()))
}

fn commit(pending: Vec<Pending>) -> anyhow::Result<()> {
    for p in pending {
        if let Ok(meta) = std::fs::metadata(&p.target) {
            std::fs::set_permissions(&p.tmp, meta.permissions()).ok();
        }
        std::fs::rename(&p.tmp, &p.target)
            .with_context(|| format!("writing {}", p.target.display()))?;
    }
    Ok(())
}

fn discard(pending: &[Pending]) {
    for p in pending {
        let _ = std::fs::remove_file(&p.tmp);
    }
}

pub fn run(args: &InjectArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    mast::inject::schema::load_in_background();
    let revision = match args.revision.as_deref() {
        None | Some("default") => String::new(),
        Some(r) => r.to_string(),
    };
    let sources = manifest::expand_paths(&args.filename).map_err(Failure::data)?;
    if args.in_place && sources.iter().any(|s| matches!(s, Source::Stdin)) {
        return Err(Failure::usage("--in-place cannot rewrite stdin").into());
    }
    let native = native_mode(args.native_sidecars);
    // Uninjecting needs no injector config.
    let (cfg, revision) = if args.uninject {
        (
            Config {
                source: "none (uninject)".into(),
                ..Config::default()
            },
            revision,
        )
    } else {
        load_config(args, ctx, &revision)?
    };
    ctx.printer
        .verbose(&format!("injector config: {}", cfg.source))?;
    ctx.printer.verbose(&format!(
        "native sidecars: {}",
        if native { "on" } else { "off" }
    ))?;
    // Never dropped: the process ends after this command, and freeing the
    // parsed templates' trees took about a tenth of a small injection's time.
    let injector = std::mem::ManuallyDrop::new(
        cfg.injector(&revision, native)
            .map_err(|e| Failure::new(Code::Error, anyhow::anyhow!(e)))?,
    );
    let mode = Mode {
        compat: args.compat,
        uninject: args.uninject,
    };
    let mut outcomes = Report {
        keep: ctx.printer.verbosity() >= Verbosity::Normal,
        list: Vec::new(),
    };
    if args.in_place {
        let mut pending = Vec::new();
        for source in &sources {
            let Source::File(path) = source else { continue };
            let tmp = temp_for(path);
            let result = (|| -> anyhow::Result<()> {
                let reader = manifest::open(source).map_err(Failure::data)?;
                let file = std::fs::File::create(&tmp)
                    .with_context(|| format!("creating {}", tmp.display()))?;
                let mut w = BufWriter::new(file);
                inject_stream(&injector, reader, source, &mut w, mode, &mut outcomes)
                    .map_err(to_failure)?;
                w.flush()?;
                Ok(())
            })();
            pending.push(Pending {
                tmp,
                target: path.clone(),
            });
            if let Err(e) = result {
                discard(&pending);
                return Err(e);
            }
        }
        commit(pending)?;
        report(ctx, &outcomes)?;
        return Ok(Code::Ok);
    }
    if let Some(out) = &args.output {
        let tmp = temp_for(out);
        let result = (|| -> anyhow::Result<()> {
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let mut w = BufWriter::new(file);
            for source in &sources {
                let reader = manifest::open(source).map_err(Failure::data)?;
                inject_stream(&injector, reader, source, &mut w, mode, &mut outcomes)
                    .map_err(to_failure)?;
            }
            w.flush()?;
            Ok(())
        })();
        let pending = vec![Pending {
            tmp,
            target: out.clone(),
        }];
        if let Err(e) = result {
            discard(&pending);
            return Err(e);
        }
        commit(pending)?;
        report(ctx, &outcomes)?;
        return Ok(Code::Ok);
    }
    let mut buf = Vec::with_capacity(64 * 1024);
    for source in &sources {
        let reader = manifest::open(source).map_err(Failure::data)?;
        let mut w = ChunkWriter { buf: &mut buf, ctx };
        let r = inject_stream(&injector, reader, source, &mut w, mode, &mut outcomes);
        ctx.printer.data_bytes(&buf)?;
        buf.clear();
        r.map_err(to_failure)?;
    }
    report(ctx, &outcomes)?;
    Ok(Code::Ok)
}

/// Streams stdout in chunks so huge inputs never sit in memory.
struct ChunkWriter<'a, 'b> {
    buf: &'a mut Vec<u8>,
    ctx: &'b mut Context,
}

impl Write for ChunkWriter<'_, '_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.ctx.printer.data_bytes(self.buf)?;
            self.buf.clear();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
