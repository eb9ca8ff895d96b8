//! `mast analyze`: Istio's configuration analyzers over files and/or the
//! live cluster, with istioctl's codes, layouts and exit codes (applied to
//! every output format).

use std::fmt::Write as _;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use mast::analyze::{
    self, Level, Options, Snapshot, SnapshotOptions, Suppression, catalog, load, registry,
    render::{self, Format},
};
use mast::exit::{Code, Failure};

use super::Context;

#[derive(Debug, Args)]
#[command(
    after_help = "Exit codes: 0 nothing at or above --failure-threshold; 79 findings at or above it \
                        (in every output format); 65 input that could not be parsed or decoded, e.g. a wrongly typed field (unless --ignore-unknown); \
                        64 usage errors; 1 other errors."
)]
pub struct AnalyzeArgs {
    /// Files, directories (walked recursively for .yaml/.yml/.json) or - for stdin
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Analyze all namespaces (files mode always does unless -n is given)
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Use the live cluster as a base, with the files layered over it
    #[arg(short = 'k', long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          default_value_t = true, action = clap::ArgAction::Set)]
    pub use_kube: bool,

    /// Output format
    #[arg(short = 'o', long, value_enum, ignore_case = true, default_value_t = OutputArg::Log)]
    pub output: OutputArg,

    /// Exit 79 when a message at or above this level is found: Info, Warning or Error
    #[arg(long, value_name = "LEVEL", value_parser = parse_level, default_value = "Error")]
    pub failure_threshold: Level,

    /// Print messages at or above this level: Info, Warning or Error
    #[arg(long, value_name = "LEVEL", value_parser = parse_level, default_value = "Info")]
    pub output_threshold: Level,

    /// Suppress messages: CODE=RESOURCE-GLOB over "Kind ns/name" (e.g. "IST0102=Namespace dev-*"); repeatable
    #[arg(short = 'S', long = "suppress", value_name = "CODE=GLOB")]
    pub suppress: Vec<String>,

    /// List the analyzers (istioctl's names) and exit
    #[arg(short = 'L', long)]
    pub list_analyzers: bool,

    /// Explain a message code (e.g. IST0101) and the rules that emit it
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,

    /// A MeshConfig YAML body applied over Istio's defaults, in place of the cluster's (ignored, as by istioctl, when Istio rejects it)
    #[arg(
        long = "meshConfigFile",
        visible_alias = "mesh-config-file",
        value_name = "FILE"
    )]
    pub mesh_config_file: Option<String>,

    /// Control plane revision: live Istio resources labelled for another revision are ignored
    #[arg(short = 'r', long, value_name = "REV", default_value = "default")]
    pub revision: String,

    /// Kubeconfig contexts of remote clusters for multi-cluster analysis (not --context); repeatable.
    /// Without it, remote clusters come from the Istio namespace's secrets labelled
    /// istio/multiCluster=true
    #[arg(long = "remote-contexts", value_name = "CONTEXT")]
    pub remote_contexts: Vec<String>,

    /// Do not exit 65 when some input cannot be parsed or decoded
    #[arg(long)]
    pub ignore_unknown: bool,

    /// Run only these analyzers (istioctl names, as -L lists them); repeatable
    #[arg(long = "analyzer", value_name = "NAME")]
    pub analyzers: Vec<String>,

    /// Accepted for istioctl compatibility: directories are always walked recursively
    #[arg(short = 'R', long, hide = true)]
    pub recursive: bool,

    /// How long to wait for the cluster
    #[arg(long, value_name = "DURATION", default_value = "30s", hide = true)]
    pub timeout: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    Log,
    Json,
    Yaml,
    Sarif,
    Github,
}

impl From<OutputArg> for Format {
    fn from(o: OutputArg) -> Self {
        match o {
            OutputArg::Log => Format::Log,
            OutputArg::Json => Format::Json,
            OutputArg::Yaml => Format::Yaml,
            OutputArg::Sarif => Format::Sarif,
            OutputArg::Github => Format::Github,
        }
    }
}

fn parse_level(s: &str) -> Result<Level, String> {
    Level::parse(s)
        .ok_or_else(|| format!("invalid level option {s:?}: expected Info, Warning or Error"))
}

/// `istioctl analyze -L` layout.
fn list_analyzers() -> String {
    let mut out = String::new();
    for a in catalog::ANALYZERS {
        let _ = writeln!(out, "* {}:", a.name);
        if !a.description.is_empty() {
            let _ = writeln!(out, "    {}", a.description);
        }
    }
    out
}

fn explain(code: &str) -> Result<String, Failure> {
    let Some(m) = catalog::message(code) else {
        return Err(Failure::usage(format!("unknown message code {code:?}"))
            .with_hint("codes look like IST0101; see docs/rules.md for the list"));
    };
    let mut out = format!(
        "{} {} ({})\n\n{}\n\nMessage: {}\nDocumentation: {}\n",
        m.code,
        m.name,
        m.level,
        m.description,
        m.template,
        analyze::diag::documentation_url(m.code)
    );
    let rules: Vec<_> = registry::by_code(m.code).collect();
    if rules.is_empty() {
        out.push_str("\nmast does not implement a rule for this code yet.\n");
    }
    for r in rules {
        let _ = write!(
            out,
            "\n## {} ({})\n\n{}\n\n{}",
            r.name, r.analyzer, r.summary, r.docs
        );
        if !r.docs.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

fn read_mesh_config(path: &str) -> anyhow::Result<serde_json::Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("reading --meshConfigFile {path}: {e}"))?;
    let docs = mast::manifest::read_str(&text, mast::manifest::Source::File(path.into()))?;
    let value = docs
        .into_iter()
        .find_map(|d| d.value)
        .unwrap_or(serde_json::Value::Null);
    if !value.is_object() && !value.is_null() {
        anyhow::bail!(
            "--meshConfigFile {path}: expected a MeshConfig mapping (e.g. `rootNamespace: istio-system`)"
        );
    }
    Ok(value)
}

/// Connect and list the cluster into the snapshot, then the remote clusters
/// (`--remote-contexts`, else the remote secrets); returns the namespace in
/// effect.
fn load_live(ctx: &mut Context, args: &AnalyzeArgs, snap: &mut Snapshot) -> anyhow::Result<String> {
    let opts = ctx.client_options();
    let istio_ns = ctx.global.istio_namespace.clone();
    let revision = args.revision.as_str();
    let rt = super::runtime()?;
    let (namespace, remotes) = rt.block_on(async {
        let conn = mast::k8s::connect(&opts).await?;
        analyze::live::load_cluster(&conn.client, &istio_ns, revision, None, snap)
            .await
            .map_err(|e| conn.error(e))?;
        // (cluster id, where it came from, connection)
        let mut remotes = Vec::new();
        if args.remote_contexts.is_empty() {
            for (secret, key, text) in analyze::live::remote_secret_kubeconfigs(snap, &istio_ns) {
                let what = format!("remote secret {istio_ns}/{secret} (key {key})");
                let (conn, cluster) = mast::k8s::connect_inline(&text, &what).await?;
                remotes.push((cluster, what, conn));
            }
        } else {
            if let mast::k8s::ConfigSource::Files(paths) = &conn.source {
                let kc = mast::k8s::client::load_kubeconfig(paths)?;
                if let Some(missing) = args
                    .remote_contexts
                    .iter()
                    .find(|c| !kc.contexts.iter().any(|k| &k.name == *c))
                {
                    let known: Vec<&str> = kc.contexts.iter().map(|c| c.name.as_str()).collect();
                    return Err(Failure::new(
                        Code::Error,
                        anyhow::anyhow!("remote context {missing:?} not found in kubeconfig"),
                    )
                    .with_hint(format!(
                        "--remote-contexts takes context names of the kubeconfig; it has: {}",
                        known.join(", ")
                    ))
                    .into());
                }
            }
            for context in &args.remote_contexts {
                let conn = mast::k8s::connect(&mast::k8s::ClientOptions {
                    context: Some(context.clone()),
                    namespace: None,
                    ..opts.clone()
                })
                .await?;
                remotes.push((context.clone(), format!("context {context:?}"), conn));
            }
        }
        let mut described = Vec::new();
        for (cluster, what, conn) in remotes {
            let cluster = if cluster.is_empty() {
                analyze::MAIN_CLUSTER.to_string()
            } else {
                cluster
            };
            analyze::live::load_cluster(&conn.client, &istio_ns, revision, Some(&cluster), snap)
                .await
                .map_err(|e| anyhow::Error::new(conn.error(e)))
                .with_context(|| format!("remote cluster {cluster} ({what})"))?;
            described.push(format!("{cluster} ({what}, {})", conn.server));
        }
        anyhow::Ok((conn.namespace, described))
    })?;
    if !remotes.is_empty() {
        ctx.printer.verbose(&format!(
            "Multi-cluster analysis: the current cluster (as {}) and {}",
            analyze::MAIN_CLUSTER,
            remotes.join(", ")
        ))?;
    }
    Ok(namespace)
}

pub fn run(args: &AnalyzeArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let format: Format = args.output.into();
    if args.list_analyzers {
        ctx.printer.data(&list_analyzers())?;
        return Ok(Code::Ok);
    }
    if let Some(code) = &args.explain {
        ctx.printer.data(&explain(code)?)?;
        return Ok(Code::Ok);
    }

    for name in &args.analyzers {
        if catalog::analyzer(name).is_none() {
            return Err(Failure::usage(format!("unknown analyzer {name:?}"))
                .with_hint("`mast analyze -L` lists the analyzer names")
                .into());
        }
        if !registry::implements(name) {
            ctx.printer.warn(&format!(
                "analyzer {name} is not implemented by mast yet; it will not report anything"
            ))?;
        }
    }
    let mut suppressions = Vec::new();
    for s in &args.suppress {
        let sup = Suppression::parse(s).map_err(Failure::usage)?;
        if catalog::message(&sup.code).is_none() {
            ctx.printer.warn(&format!(
                "Supplied message code '{}' is an unknown message code and will not have any effect.",
                sup.code
            ))?;
        }
        suppressions.push(sup);
    }

    // The type tables every document is checked against are parsed on the
    // worker pool while the mesh config is built and the input read; the
    // pool is started now, so its threads are running when the documents
    // are ready. (A thread of its own for the tables cost a fourth heap:
    // 1.7 MB more memory to touch at 1k resources, 11% more time, and a
    // third more right after another large process had freed its memory.)
    if mast::threads::available() > 1 {
        mast::threads::spawn(analyze::typed::warm);
    }
    let istio_ns = ctx.global.istio_namespace.clone();
    let mut snap = Snapshot::new(&istio_ns);
    // Read first so that errors stop early; used after the cluster's, which
    // it replaces (when Istio accepts it).
    let mesh_file = match &args.mesh_config_file {
        Some(path) => Some((path, read_mesh_config(path)?)),
        None => None,
    };

    let mut namespace_filter = ctx
        .global
        .namespace
        .clone()
        .filter(|_| !args.all_namespaces);
    if args.use_kube {
        let ns = load_live(ctx, args, &mut snap)?;
        if namespace_filter.is_none() && !args.all_namespaces {
            namespace_filter = Some(ns);
        }
    }
    if let Some((path, body)) = &mesh_file {
        snap.load_mesh_config(body, &format!("--meshConfigFile {path}"));
    }

    let sources = load::expand(&args.paths).map_err(|e| Failure::new(Code::Error, e))?;
    let snap_opts = SnapshotOptions {
        default_namespace: ctx
            .global
            .namespace
            .clone()
            .unwrap_or_else(|| "default".into()),
        istio_namespace: istio_ns,
        add_default_resources: !args.use_kube,
        cluster: String::new(),
        validate_kinds: analyze::selected_rules(&args.analyzers)
            .iter()
            .filter_map(|r| r.analyzer.strip_prefix("schema.ValidationAnalyzer."))
            .collect(),
    };
    let loaded = load::load(&sources, &snap_opts, &mut snap);
    if snap_opts.add_default_resources {
        snap.add_default_resources();
    }
    if !args.use_kube {
        snap.mesh_networks_from_files();
    }
    for note in std::mem::take(&mut snap.mesh_notes) {
        ctx.printer.warn(&note)?;
    }
    if !loaded.errors.is_empty() {
        let label = ctx.printer.paint_err("error:", mast::output::Style::Error);
        for e in &loaded.errors {
            writeln!(
                ctx.printer.err(),
                "{label} {}",
                mast::output::color::escape_terminal(&e.to_string())
            )?;
        }
    }
    if !args.use_kube && sources.is_empty() {
        return Err(Failure::usage(
            "nothing to analyze: give files, directories or -, or use the cluster (--use-kube)",
        )
        .into());
    }

    let opts = Options {
        analyzers: args.analyzers.clone(),
        namespace: namespace_filter.clone(),
        suppressions,
    };
    let report = analyze::analyze(&snap, &opts);
    if ctx.global.verbose {
        ctx.printer.verbose(&format!(
            "Analyzed {} resources from {} source(s)",
            snap.len(),
            loaded.files.len()
        ))?;
        if !report.skipped.is_empty() {
            ctx.printer
                .verbose("Skipped rules (the input has no resource of the kind they need):")?;
            for (r, kind) in &report.skipped {
                ctx.printer
                    .verbose(&format!("\t {} ({}, needs {kind})", r.name, r.code))?;
            }
        }
        ctx.printer.verbose("Executed rules:")?;
        for r in &report.executed {
            ctx.printer
                .verbose(&format!("\t {} ({})", r.name, r.code))?;
        }
        ctx.printer.verbose("")?;
    }

    let failed = report
        .diagnostics
        .iter()
        .any(|d| d.level >= args.failure_threshold);
    let mut shown = report.diagnostics;
    shown.retain(|d| d.level >= args.output_threshold);
    let text = match format {
        Format::Log => render::log(
            &shown,
            ctx.printer.color_stdout(),
            ctx.printer.stdout_is_terminal(),
        ),
        Format::Json => render::json(&shown),
        Format::Yaml => render::yaml(&shown),
        Format::Sarif => {
            let mut s = serde_json::to_string_pretty(&render::sarif(
                &shown,
                &loaded.errors,
                env!("CARGO_PKG_VERSION"),
            ))?;
            s.push('\n');
            s
        }
        Format::Github => render::github(&shown, &loaded.errors),
    };
    ctx.printer.data(&text)?;
    // Keep stdout and stderr in order on a terminal.
    ctx.printer.flush()?;
    // Nothing reads the snapshot again and the process ends soon: freeing
    // every parsed resource one by one would be wasted work (a few percent
    // of a large run).
    std::mem::forget(snap);

    let target = match &namespace_filter {
        Some(ns) => format!("namespace: {ns}"),
        None => "all namespaces".to_string(),
    };
    if format.is_human() {
        if shown.is_empty() {
            let line = if !loaded.errors.is_empty() {
                format!(
                    "No validation issues found when analyzing {target} (but {} input error(s) were found).",
                    loaded.errors.len()
                )
            } else if sources.len() == 1 {
                format!(
                    "\u{2714} No validation issues found when analyzing {}.",
                    sources[0]
                )
            } else if sources.len() > 1 {
                let mut s = String::from("\u{2714} No validation issues found when analyzing:");
                for src in &sources {
                    let _ = write!(s, "\n  - {src}");
                }
                s
            } else {
                format!("\u{2714} No validation issues found when analyzing {target}.")
            };
            ctx.printer.note(&line)?;
        }
        if failed {
            ctx.printer.note(&format!(
                "Error: Analyzers found issues when analyzing {target}.\nSee https://istio.io/{}/docs/reference/config/analysis for more information about causes and resolutions.",
                analyze::diag::DOCS_VERSION
            ))?;
        } else if !loaded.errors.is_empty() && !args.ignore_unknown {
            ctx.printer.note("Error: Some files couldn't be parsed.")?;
        }
    }
    if failed {
        Ok(Code::FindingsFound)
    } else if !loaded.errors.is_empty() && !args.ignore_unknown {
        Ok(Code::DataError)
    } else {
        Ok(Code::Ok)
    }
}
