//! `mast proxy-config` (alias `pc`): an Envoy's clusters, listeners, routes,
//! endpoints, secrets, bootstrap, ECDS and log levels, from a pod (through a
//! port-forward), a saved dump (`--file`) or an admin URL (`--admin`).

use std::io::Read as _;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};

use mast::envoy::{self, Admin};
use mast::exit::{Code, Failure};
use mast::k8s::workload::{self, Target};
use mast::proxy_config::{
    self as pc, AllFilters, ClusterFilter, ClustersStatus, ConfigDump, EndpointFilter,
    ListenerFilter, RouteFilter, SummaryOptions, format,
};

use super::Context;

#[derive(Debug, Args)]
pub struct ProxyConfigArgs {
    /// Output format: short (istioctl's tables), wide (extra columns and
    /// warming/rejected resources), json or yaml
    #[arg(short = 'o', long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Envoy admin port in the pod
    #[arg(long, global = true, default_value_t = 15000, value_name = "PORT",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub proxy_admin_port: u16,

    #[command(subcommand)]
    pub command: PcCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Short,
    Wide,
    Json,
    Yaml,
}

#[derive(Debug, Subcommand)]
pub enum PcCommand {
    /// Cluster configuration (CDS)
    #[command(visible_aliases = ["clusters", "c"])]
    Cluster(ClusterArgs),
    /// Listener configuration (LDS)
    #[command(visible_aliases = ["listeners", "l"])]
    Listener(ListenerArgs),
    /// Route configuration (RDS)
    #[command(visible_aliases = ["routes", "r"])]
    Route(RouteArgs),
    /// Endpoints and their health, from Envoy's /clusters
    #[command(visible_aliases = ["endpoints", "ep"])]
    Endpoint(EndpointArgs),
    /// Endpoints from the config dump (EDS)
    #[command(hide = true)]
    Eds(EndpointArgs),
    /// Secrets (SDS): certificates, validity, serials
    #[command(visible_aliases = ["secrets", "s"])]
    Secret(SourceArgs),
    /// Bootstrap configuration (default -o json; -o short for versions)
    #[command(visible_alias = "b")]
    Bootstrap(SourceArgs),
    /// Extension configuration (ECDS)
    #[command(visible_alias = "ec")]
    Ecds(SourceArgs),
    /// Everything: bootstrap, clusters, listeners, routes, secrets, endpoints
    #[command(visible_alias = "a")]
    All(AllArgs),
    /// Show or change Envoy's log levels
    #[command(visible_alias = "o")]
    Log(LogArgs),
}

/// Where the configuration comes from: exactly one of these.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// The pod: [<type>/]<name>[.<namespace>]; a deployment, statefulset,
    /// daemonset, replicaset, job or service (deploy/web) stands for its
    /// first pod, as `kubectl logs` picks it
    #[arg(value_name = "POD")]
    pub pod: Option<String>,

    /// A saved Envoy config dump (`-` for stdin); for `endpoint`, a
    /// /clusters?format=json body
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<String>,

    /// An Envoy admin URL to query directly (e.g. `http://127.0.0.1:15000`)
    #[arg(long, value_name = "URL")]
    pub admin: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClusterArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Filter clusters by substring of Service FQDN field
    #[arg(long, default_value = "")]
    pub fqdn: String,
    /// Filter clusters by Port field
    #[arg(long, default_value_t = 0)]
    pub port: u32,
    /// Filter clusters by substring of Subset field
    #[arg(long, default_value = "")]
    pub subset: String,
    /// Filter clusters by Direction field
    #[arg(long, default_value = "")]
    pub direction: String,
}

#[derive(Debug, Args)]
pub struct ListenerArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Filter listeners by address field
    #[arg(long, default_value = "")]
    pub address: String,
    /// Filter listeners by Port field
    #[arg(long, default_value_t = 0)]
    pub port: u32,
    /// Filter listeners by type field (HTTP, TCP, HTTP+TCP, UNKNOWN)
    #[arg(long = "type", default_value = "")]
    pub listener_type: String,
    /// One row per filter chain (MATCH, DESTINATION); false: one row per listener
    /// (Shares its id with the global `-v/--verbose`; no default value, so
    /// leaving it out does not switch the global verbosity on.)
    #[arg(long, action = clap::ArgAction::Set, num_args = 0..=1, value_name = "BOOL",
          default_missing_value = "true", require_equals = true)]
    pub verbose: Option<bool>,
}

#[derive(Debug, Args)]
pub struct RouteArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Filter routes by route name field
    #[arg(long, default_value = "")]
    pub name: String,
    /// One row per route; false: one row per route configuration
    /// (Shares its id with the global `-v/--verbose`; no default value, so
    /// leaving it out does not switch the global verbosity on.)
    #[arg(long, action = clap::ArgAction::Set, num_args = 0..=1, value_name = "BOOL",
          default_missing_value = "true", require_equals = true)]
    pub verbose: Option<bool>,
}

#[derive(Debug, Args)]
pub struct EndpointArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Filter endpoints by address field
    #[arg(long, default_value = "")]
    pub address: String,
    /// Filter endpoints by Port field
    #[arg(long, default_value_t = 0)]
    pub port: u32,
    /// Filter endpoints by cluster name field
    #[arg(long, default_value = "")]
    pub cluster: String,
    /// Filter endpoints by status field (HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED, UNKNOWN)
    #[arg(long, default_value = "")]
    pub status: String,
}

#[derive(Debug, Args)]
pub struct AllArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Print a header before each section
    #[arg(long)]
    pub with_headers: bool,
    /// Per-chain listener rows and per-route rows
    /// (Shares its id with the global `-v/--verbose`; no default value, so
    /// leaving it out does not switch the global verbosity on.)
    #[arg(long, action = clap::ArgAction::Set, num_args = 0..=1, value_name = "BOOL",
          default_missing_value = "true", require_equals = true)]
    pub verbose: Option<bool>,
    /// Filter clusters by substring of Service FQDN field
    #[arg(long, default_value = "")]
    pub fqdn: String,
    /// Filter clusters by Direction field
    #[arg(long, default_value = "")]
    pub direction: String,
    /// Filter clusters by substring of Subset field
    #[arg(long, default_value = "")]
    pub subset: String,
    /// Filter clusters, listeners and endpoints by Port field
    #[arg(long, default_value_t = 0)]
    pub port: u32,
    /// Filter listeners and endpoints by address field
    #[arg(long, default_value = "")]
    pub address: String,
    /// Filter listeners by type field
    #[arg(long = "type", default_value = "")]
    pub listener_type: String,
    /// Filter routes by route name field
    #[arg(long, default_value = "")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The pod: [<type>/]<name>[.<namespace>]; a deployment, statefulset,
    /// daemonset, replicaset, job or service (deploy/web) stands for all
    /// its pods
    #[arg(value_name = "POD")]
    pub pod: Option<String>,
    /// Change the levels of the pods matching this label selector
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// An Envoy admin URL to use directly
    #[arg(long, value_name = "URL")]
    pub admin: Option<String>,
    /// Comma-separated [<logger>:]<level> pairs; a bare <level> sets all loggers.
    /// Levels: trace, debug, info, warning, error, critical, off
    #[arg(long, value_name = "LEVELS", conflicts_with = "reset")]
    pub level: Option<String>,
    /// Reset all loggers to the default level (warning)
    #[arg(short = 'r', long)]
    pub reset: bool,
}

/// The admin paths each subcommand reads.
const CLUSTERS_PATH: &str =
    "/config_dump?mask=dynamic_active_clusters,dynamic_warming_clusters,static_clusters";
const LISTENERS_PATH: &str = "/config_dump?mask=dynamic_listeners,static_listeners";
const ROUTES_PATH: &str = "/config_dump?mask=dynamic_route_configs,static_route_configs";
const SECRETS_PATH: &str = "/config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets";
const BOOTSTRAP_PATH: &str = "/config_dump?mask=bootstrap";
const EDS_PATH: &str = "/config_dump?include_eds=true";
/// The sections `all -o short` renders.
const ENDPOINTS_PATH: &str = "/clusters?format=json";

/// `-o json` or `-o yaml` of a list of messages, in istioctl's shapes.
fn messages(f: OutputFormat, items: &[&serde_json::Value]) -> String {
    if f == OutputFormat::Yaml {
        format::refs_yaml(items)
    } else {
        format::refs_json(items)
    }
}

pub fn run(args: &ProxyConfigArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let port = args.proxy_admin_port;
    let out = args.output;
    let fmt = |default: OutputFormat| out.unwrap_or(default);
    // Tables read a few fields of each resource; parse only those.
    let tables = !matches!(out, Some(OutputFormat::Json | OutputFormat::Yaml));
    let opts = |wide: bool, verbose: bool| SummaryOptions {
        verbose,
        wide,
        ..SummaryOptions::default()
    };
    let text = match &args.command {
        PcCommand::Cluster(a) => {
            let dump = load_dump(
                ctx,
                &a.source,
                "cluster",
                CLUSTERS_PATH,
                port,
                &["ClustersConfigDump"],
                tables,
            )?;
            let filter = ClusterFilter {
                fqdn: a.fqdn.clone(),
                port: a.port,
                subset: a.subset.clone(),
                direction: a.direction.clone(),
            };
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    warn_warming_clusters(ctx, &dump)?;
                    pc::cluster::summary(&dump, &filter, &opts(f == OutputFormat::Wide, true))
                        .map_err(data_err)?
                        .render()
                }
                f @ (OutputFormat::Json | OutputFormat::Yaml) => messages(
                    f,
                    &pc::cluster::dump_values(&dump, &filter).map_err(data_err)?,
                ),
            }
        }
        PcCommand::Listener(a) => {
            let dump = load_dump(
                ctx,
                &a.source,
                "listener",
                LISTENERS_PATH,
                port,
                &["ListenersConfigDump"],
                tables,
            )?;
            let filter = ListenerFilter {
                address: a.address.clone(),
                port: a.port,
                listener_type: a.listener_type.clone(),
            };
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    warn_rejected_listeners(ctx, &dump)?;
                    pc::listener::summary(
                        &dump,
                        &filter,
                        &opts(f == OutputFormat::Wide, table_verbose(a.verbose)),
                    )
                    .map_err(data_err)?
                    .render()
                }
                f @ (OutputFormat::Json | OutputFormat::Yaml) => messages(
                    f,
                    &pc::listener::dump_values(&dump, &filter).map_err(data_err)?,
                ),
            }
        }
        PcCommand::Route(a) => {
            let dump = load_dump(
                ctx,
                &a.source,
                "route",
                ROUTES_PATH,
                port,
                &["RoutesConfigDump"],
                tables,
            )?;
            let filter = RouteFilter {
                name: a.name.clone(),
            };
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => pc::route::summary(
                    &dump,
                    &filter,
                    &opts(f == OutputFormat::Wide, table_verbose(a.verbose)),
                )
                .map_err(data_err)?
                .render(),
                f @ (OutputFormat::Json | OutputFormat::Yaml) => messages(
                    f,
                    &pc::route::dump_values(&dump, &filter).map_err(data_err)?,
                ),
            }
        }
        PcCommand::Endpoint(a) => {
            let bytes = load_bytes(ctx, &a.source, "endpoints", ENDPOINTS_PATH, port)?;
            let cs = ClustersStatus::parse(&bytes).map_err(|e| parse_failure(&a.source, &e))?;
            let filter = endpoint_filter(a);
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    pc::endpoint::clusters_summary(&cs, &filter, f == OutputFormat::Wide).render()
                }
                f @ (OutputFormat::Json | OutputFormat::Yaml) => {
                    messages(f, &pc::endpoint::clusters_dump_values(&cs, &filter))
                }
            }
        }
        PcCommand::Eds(a) => {
            let dump = load_dump(
                ctx,
                &a.source,
                "eds",
                EDS_PATH,
                port,
                &["EndpointsConfigDump"],
                tables,
            )?;
            let filter = endpoint_filter(a);
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    pc::endpoint::eds_summary(&dump, &filter, &opts(f == OutputFormat::Wide, true))
                        .map_err(data_err)?
                        .render()
                }
                f @ (OutputFormat::Json | OutputFormat::Yaml) => {
                    let values = format::eds_values(&dump, &filter);
                    messages(f, &values.iter().collect::<Vec<_>>())
                }
            }
        }
        PcCommand::Secret(s) => {
            let dump = load_dump(
                ctx,
                s,
                "secret",
                SECRETS_PATH,
                port,
                &["SecretsConfigDump"],
                tables,
            )?;
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    pc::secret::summary(&dump, &opts(f == OutputFormat::Wide, true))
                        .map_err(data_err)?
                        .render()
                }
                OutputFormat::Json => format::secret_json(&dump).map_err(data_err)?,
                OutputFormat::Yaml => format::secret_yaml(&dump).map_err(data_err)?,
            }
        }
        PcCommand::Bootstrap(s) => {
            let dump = load_dump(
                ctx,
                s,
                "bootstrap",
                BOOTSTRAP_PATH,
                port,
                &["BootstrapConfigDump"],
                tables,
            )?;
            match fmt(OutputFormat::Json) {
                OutputFormat::Short | OutputFormat::Wide => {
                    pc::bootstrap::summary(&dump).map_err(data_err)?.render()
                }
                OutputFormat::Json => format::bootstrap_json(&dump).map_err(data_err)?,
                OutputFormat::Yaml => format::bootstrap_yaml(&dump).map_err(data_err)?,
            }
        }
        PcCommand::Ecds(s) => {
            let dump = load_dump(ctx, s, "ecds", EDS_PATH, port, &["EcdsConfigDump"], tables)?;
            match fmt(OutputFormat::Short) {
                OutputFormat::Short | OutputFormat::Wide => pc::bootstrap::ecds_summary(&dump)
                    .map_err(data_err)?
                    .render(),
                OutputFormat::Json => format::ecds_json(&dump).map_err(data_err)?,
                OutputFormat::Yaml => format::ecds_yaml(&dump).map_err(data_err)?,
            }
        }
        PcCommand::All(a) => {
            match fmt(OutputFormat::Short) {
                f @ (OutputFormat::Short | OutputFormat::Wide) => {
                    // The tables copy what they read: the dump's bytes are
                    // freed once parsed, before the tables are built.
                    let dump = load_dump(
                        ctx,
                        &a.source,
                        "all",
                        EDS_PATH,
                        port,
                        pc::ALL_SECTIONS,
                        true,
                    )?;
                    let filters = AllFilters {
                        cluster: ClusterFilter {
                            fqdn: a.fqdn.clone(),
                            port: a.port,
                            subset: a.subset.clone(),
                            direction: a.direction.clone(),
                        },
                        listener: ListenerFilter {
                            address: a.address.clone(),
                            port: a.port,
                            listener_type: a.listener_type.clone(),
                        },
                        route: RouteFilter {
                            name: a.name.clone(),
                        },
                        endpoint: EndpointFilter {
                            address: a.address.clone(),
                            port: a.port,
                            ..EndpointFilter::default()
                        },
                    };
                    let parts = pc::full_summary_parts(
                        &dump,
                        &filters,
                        &opts(f == OutputFormat::Wide, table_verbose(a.verbose)),
                        a.with_headers,
                    )
                    .map_err(data_err)?;
                    drop(dump);
                    // One table laid out and written at a time; the last
                    // (endpoints, the largest) is laid out meanwhile on
                    // another thread.
                    let Some((last, rest)) = parts.split_last() else {
                        return Ok(Code::Ok);
                    };
                    std::thread::scope(|s| -> anyhow::Result<()> {
                        let last = s.spawn(|| last.render());
                        for part in rest {
                            ctx.printer.human(&part.render())?;
                        }
                        let last = last
                            .join()
                            .map_err(|_| anyhow::anyhow!("table layout thread failed"))?;
                        ctx.printer.human(&last)?;
                        Ok(())
                    })?;
                    return Ok(Code::Ok);
                }
                // The raw Envoy response, as istioctl prints it.
                OutputFormat::Json => {
                    let bytes = load_bytes(ctx, &a.source, "all", EDS_PATH, port)?;
                    let mut s = String::from_utf8_lossy(&bytes).into_owned();
                    s.push('\n');
                    s
                }
                OutputFormat::Yaml => {
                    let bytes = load_bytes(ctx, &a.source, "all", EDS_PATH, port)?;
                    let dump =
                        ConfigDump::parse(&bytes).map_err(|e| parse_failure(&a.source, &e))?;
                    format::println_yaml(dump.root())
                }
            }
        }
        PcCommand::Log(a) => return run_log(a, out, port, ctx),
    };
    // Names in a dump are untrusted: on a terminal, control characters are
    // shown escaped (pipes get istioctl's bytes unchanged).
    ctx.printer.human(&text)?;
    Ok(Code::Ok)
}

/// istioctl's `--verbose` (default true) for listener, route and all.
///
/// The flag shares its id with mast's global `-v/--verbose`, and clap copies
/// the global's value (false unless given) into the subcommand, so an unset
/// flag cannot be told from `--verbose=false` by the parsed value alone. The
/// command line decides: the last explicit `--verbose[=BOOL]` wins; without
/// one the tables are verbose, as in istioctl.
fn table_verbose(parsed: Option<bool>) -> bool {
    let mut explicit = None;
    for arg in std::env::args_os().skip(1) {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        if arg == "--verbose" {
            explicit = Some(true);
        } else if let Some(v) = arg.strip_prefix("--verbose=") {
            explicit = Some(!matches!(v, "false" | "0" | "f" | "F" | "FALSE" | "False"));
        }
    }
    // `parsed` is Some(false) for an unset flag (copied from the global).
    let _ = parsed;
    explicit.unwrap_or(true)
}

fn endpoint_filter(a: &EndpointArgs) -> EndpointFilter {
    EndpointFilter {
        address: a.address.clone(),
        port: a.port,
        cluster: a.cluster.clone(),
        status: a.status.clone(),
    }
}

fn data_err(e: pc::Error) -> anyhow::Error {
    match e {
        pc::Error::Parse(_) => Failure::data(e).into(),
        pc::Error::Data(_) => anyhow::Error::new(e),
    }
}

fn parse_failure(source: &SourceArgs, e: &pc::Error) -> anyhow::Error {
    let what = match (&source.file, &source.admin, &source.pod) {
        (Some(f), _, _) if f == "-" => "config dump from stdin".to_string(),
        (Some(f), _, _) => format!("config dump file {f}"),
        (_, Some(u), _) => format!("response from the Envoy admin API at {u}"),
        (_, _, Some(p)) => format!("response from the Envoy in pod {p}"),
        _ => "config dump".to_string(),
    };
    let detail = match e {
        pc::Error::Parse(d) | pc::Error::Data(d) => d.clone(),
    };
    let err = anyhow::anyhow!("cannot parse the {what}: {detail}");
    if source.file.is_some() {
        Failure::data(err).into()
    } else {
        err
    }
}

/// An Envoy admin error as a failure (exit 1) with its hint.
pub(super) fn envoy_err(e: envoy::Error) -> anyhow::Error {
    let hint = e.hint();
    let mut f = Failure::new(Code::Error, e);
    if let Some(h) = hint {
        f = f.with_hint(h);
    }
    f.into()
}

/// A pod argument's resolution error: an unsupported resource type is a
/// usage error, the rest (no pods, API errors) exit 1 with a hint.
fn workload_err(e: workload::Error) -> anyhow::Error {
    if matches!(e, workload::Error::UnsupportedKind(_)) {
        return Failure::usage(e.to_string()).into();
    }
    let hint = e.hint();
    let mut f = Failure::new(Code::Error, e);
    if let Some(h) = hint {
        f = f.with_hint(h);
    }
    f.into()
}

/// Read the bytes of the source: a file, stdin, an admin URL or a pod.
fn load_bytes(
    ctx: &mut Context,
    s: &SourceArgs,
    cmd: &str,
    path: &str,
    port: u16,
) -> anyhow::Result<Vec<u8>> {
    let given = usize::from(s.pod.is_some())
        + usize::from(s.file.is_some())
        + usize::from(s.admin.is_some());
    if given != 1 {
        return Err(Failure::usage(format!(
            "{cmd} requires exactly one of: a pod name, --file or --admin"
        ))
        .into());
    }
    if let Some(f) = &s.file {
        if f == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .context("reading the config dump from stdin")?;
            return Ok(buf);
        }
        return pc::read_dump_file(std::path::Path::new(f))
            .with_context(|| format!("reading config dump file {f}"));
    }
    let rt = super::runtime()?;
    if let Some(url) = &s.admin {
        let admin = Admin::from_url(url).map_err(|e| Failure::usage(e.to_string()))?;
        ctx.printer
            .verbose(&format!("GET {}{path}", admin.describe()))?;
        return rt.block_on(admin.get(path)).map_err(envoy_err);
    }
    let target = Target::parse(s.pod.as_deref().unwrap_or_default());
    target.workload_kind().map_err(workload_err)?;
    let opts = ctx.client_options();
    rt.block_on(async {
        let conn = mast::k8s::connect(&opts).await?;
        let ns = target
            .namespace
            .clone()
            .unwrap_or_else(|| conn.namespace.clone());
        let pod = workload::first_pod(&conn, &target, &ns)
            .await
            .map_err(workload_err)?;
        envoy::admin::check_sidecar(&conn, &ns, &pod)
            .await
            .map_err(envoy_err)?;
        let admin = Admin::pod(&conn, &ns, &pod, port);
        admin.get(path).await.map_err(|e| {
            anyhow::Error::new(Failure::new(Code::Error, e))
                .context(format!("failed to execute command on {pod}.{ns} sidecar"))
        })
    })
}

fn load_dump(
    ctx: &mut Context,
    s: &SourceArgs,
    cmd: &str,
    path: &str,
    port: u16,
    sections: &[&str],
    tables: bool,
) -> anyhow::Result<ConfigDump> {
    let bytes = load_bytes(ctx, s, cmd, path, port)?;
    if tables {
        pc::parse_for_tables(&bytes, sections)
    } else {
        ConfigDump::parse_sections(&bytes, sections)
    }
    .map_err(|e| parse_failure(s, &e))
}

/// istioctl hides clusters Envoy is still warming; say so on stderr.
fn warn_warming_clusters(ctx: &mut Context, dump: &ConfigDump) -> anyhow::Result<()> {
    let warming = pc::cluster::warming_count(dump);
    if warming > 0 {
        ctx.printer.warn(&format!(
            "{warming} cluster(s) are still warming and not shown; use -o wide to include them"
        ))?;
    }
    Ok(())
}

/// Rejected listener updates (`error_state`) go to stderr.
fn warn_rejected_listeners(ctx: &mut Context, dump: &ConfigDump) -> anyhow::Result<()> {
    for (name, details) in pc::listener::rejected(dump) {
        let name = if name.is_empty() {
            "<unnamed>".to_string()
        } else {
            name
        };
        ctx.printer.warn(&format!(
            "Envoy rejected an update of listener {name}: {details}"
        ))?;
    }
    Ok(())
}

fn run_log(
    a: &LogArgs,
    out: Option<OutputFormat>,
    port: u16,
    ctx: &mut Context,
) -> anyhow::Result<Code> {
    if !matches!(out, None | Some(OutputFormat::Short)) {
        return Err(Failure::usage("--output is not applicable for this command").into());
    }
    let given = usize::from(a.pod.is_some())
        + usize::from(a.selector.is_some())
        + usize::from(a.admin.is_some());
    if given != 1 {
        return Err(Failure::usage(
            "log requires exactly one of: a pod name, --selector or --admin",
        )
        .into());
    }
    let rt = super::runtime()?;
    // (label for output, admin endpoint)
    let targets: Vec<(Option<String>, Admin)> = if let Some(url) = &a.admin {
        vec![(
            None,
            Admin::from_url(url).map_err(|e| Failure::usage(e.to_string()))?,
        )]
    } else {
        let opts = ctx.client_options();
        rt.block_on(async {
            let conn = mast::k8s::connect(&opts).await?;
            let mut pods: Vec<(String, String)> = Vec::new();
            if let Some(sel) = &a.selector {
                let ns = conn.namespace.clone();
                let api: kube::Api<k8s_openapi::api::core::v1::Pod> =
                    kube::Api::namespaced(conn.client.clone(), &ns);
                let list = api
                    .list(&kube::api::ListParams::default().labels(sel))
                    .await
                    .map_err(|e| conn.error(e))?;
                for p in list.items {
                    if let Some(n) = p.metadata.name {
                        pods.push((n, ns.clone()));
                    }
                }
                if pods.is_empty() {
                    anyhow::bail!("no pods match selector {sel:?} in namespace {ns}");
                }
            } else {
                // A workload or service: every pod it selects, as istioctl.
                let target = Target::parse(a.pod.as_deref().unwrap_or_default());
                target.workload_kind().map_err(workload_err)?;
                let ns = target
                    .namespace
                    .clone()
                    .unwrap_or_else(|| conn.namespace.clone());
                for pod in workload::all_pods(&conn, &target, &ns)
                    .await
                    .map_err(workload_err)?
                {
                    pods.push((pod, ns.clone()));
                }
            }
            let mut out = Vec::new();
            for (pod, ns) in pods {
                envoy::admin::check_sidecar(&conn, &ns, &pod)
                    .await
                    .map_err(envoy_err)?;
                out.push((
                    Some(format!("{pod}.{ns}")),
                    Admin::pod(&conn, &ns, &pod, port),
                ));
            }
            Ok::<_, anyhow::Error>(out)
        })?
    };
    let mut failures = Vec::new();
    for (label, admin) in &targets {
        let result: anyhow::Result<Vec<u8>> = rt.block_on(async {
            let current = admin.post("/logging").await.map_err(envoy_err)?;
            let body = String::from_utf8_lossy(&current).into_owned();
            let queries = if a.reset {
                vec![format!("level={}", pc::log::RESET_LEVEL)]
            } else if let Some(spec) = &a.level {
                pc::log::plan(spec, &pc::log::logger_names(&body))
                    .map_err(|e| Failure::usage(e.to_string()))?
            } else {
                Vec::new()
            };
            let mut last = current;
            for q in queries {
                last = admin
                    .post(&format!("/logging?{q}"))
                    .await
                    .map_err(envoy_err)?;
            }
            Ok(last)
        });
        match result {
            Ok(body) => {
                if let Some(l) = label {
                    ctx.printer.data(&format!("{l}:\n"))?;
                }
                ctx.printer.data_bytes(&body)?;
            }
            Err(e) => {
                let what = label.clone().unwrap_or_else(|| admin.describe());
                failures.push(e.context(format!("error configuring log level for {what}")));
            }
        }
    }
    match failures.len() {
        0 => Ok(Code::Ok),
        1 => Err(failures.remove(0)),
        n => {
            for e in &failures[..n - 1] {
                ctx.printer.error(e, None)?;
            }
            Err(failures.remove(n - 1))
        }
    }
}
