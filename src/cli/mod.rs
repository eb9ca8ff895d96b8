//! The command-line interface: clap types and one thin `run` per subcommand.
//! Compiled only into the binary, so domain code never sees clap.

mod analyze;
mod check_inject;
mod completion;
mod describe;
mod docs;
mod inject;
mod label;
mod label_live;
mod pending;
mod proxy_config;
mod version;

use std::cell::Cell;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use mast::exit::{self, Code};
use mast::output::{self, ColorChoice, Printer, Verbosity};

/// A fast, Istio-compatible service-mesh CLI.
#[derive(Debug, Parser)]
#[command(
    name = "mast",
    version,
    about = "A fast, Istio-compatible service-mesh CLI",
    long_about = "mast installs Istio, injects sidecars, reads Envoy configuration and \
                  lints mesh configuration. It gives istioctl's answers, faster, with \
                  clear errors and output fit for pipelines.",
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand accepts, spelled as kubectl and istioctl spell them.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file to use (only that file; otherwise $KUBECONFIG, then ~/.kube/config)
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// The namespace (default: the context's namespace, else "default")
    #[arg(short = 'n', long, global = true, value_name = "NS")]
    pub namespace: Option<String>,

    /// The namespace of the Istio control plane
    #[arg(
        short = 'i',
        long = "istio-namespace",
        visible_alias = "istioNamespace",
        global = true,
        value_name = "NS",
        default_value = "istio-system"
    )]
    pub istio_namespace: String,

    /// When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Say more on stderr (which sources were used and why)
    #[arg(short = 'v', long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Say nothing on stderr but errors
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(c: ColorArg) -> Self {
        match c {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install, upgrade, verify and remove the Istio control plane (not built yet)
    #[command(hide = true, disable_help_flag = true)]
    Install(Lazy<pending::Pending>),

    /// Add Istio sidecars to Kubernetes manifests (as istioctl kube-inject)
    #[command(visible_alias = "kube-inject")]
    Inject(Lazy<inject::InjectArgs>),

    /// Show an Envoy proxy's configuration: clusters, listeners, routes, endpoints, secrets, log levels
    #[command(name = "proxy-config", visible_alias = "pc")]
    ProxyConfig(Lazy<proxy_config::ProxyConfigArgs>),

    /// Find misconfiguration in mesh configuration (Istio's analyzers, istioctl's codes)
    Analyze(Lazy<analyze::AnalyzeArgs>),

    /// Turn sidecar injection on or off for namespaces, and list every namespace's injection state
    Label(Lazy<label::LabelArgs>),

    /// Explain whether a pod (or a pod with given labels) gets a sidecar, and which webhook injects it
    #[command(name = "check-inject")]
    CheckInject(Lazy<check_inject::CheckInjectArgs>),

    /// Describe a pod and the Istio configuration that affects its traffic (istioctl x describe)
    #[command(visible_alias = "des")]
    Describe(Lazy<describe::DescribeArgs>),

    /// Print the version of mast
    Version(Lazy<version::VersionArgs>),

    /// Print a shell completion script
    Completion(Lazy<completion::CompletionArgs>),

    /// Regenerate completions, man pages and docs/cli.md (for maintainers)
    #[command(name = "generate-docs", hide = true)]
    GenerateDocs(Lazy<docs::DocsArgs>),
}

/// A subcommand's arguments, defined when clap reaches that subcommand
/// rather than up front. Defining every subcommand's flags, help texts and
/// value parsers took about half a millisecond of each run, a twentieth of
/// a small `analyze`. Only the command line's own parse is lazy
/// ([`LAZY_ARGS`]); completions, man pages and docs get the whole tree.
#[derive(Debug)]
pub struct Lazy<T>(pub T);

thread_local! {
    /// Whether [`Lazy`] defers its arguments: only while [`parsing_command`]
    /// builds the tree.
    static LAZY_ARGS: Cell<bool> = const { Cell::new(false) };
}

/// The clap command for parsing the process's command line: subcommands'
/// arguments are defined when clap reaches them.
fn parsing_command() -> clap::Command {
    LAZY_ARGS.set(true);
    let cmd = Cli::command();
    LAZY_ARGS.set(false);
    cmd
}

impl<T> std::ops::Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Args> Args for Lazy<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        if LAZY_ARGS.get() {
            cmd.defer(T::augment_args)
        } else {
            T::augment_args(cmd)
        }
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        if LAZY_ARGS.get() {
            cmd.defer(T::augment_args_for_update)
        } else {
            T::augment_args_for_update(cmd)
        }
    }
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

impl<T: FromArgMatches> FromArgMatches for Lazy<T> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(Lazy)
    }
    fn from_arg_matches_mut(m: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(Lazy)
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

/// What every command gets: the printer and the global flags.
pub struct Context {
    pub printer: Printer,
    pub global: GlobalArgs,
}

impl Context {
    /// Options for building a cluster client from the global flags.
    #[allow(dead_code)]
    pub fn client_options(&self) -> mast::k8s::ClientOptions {
        mast::k8s::ClientOptions {
            kubeconfig: self.global.kubeconfig.clone(),
            context: self.global.context.clone(),
            namespace: self.global.namespace.clone(),
        }
    }
}

/// A runtime for commands that talk to the network.
#[allow(dead_code)]
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}

/// The clap command, for completions and docs.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parse the process arguments, run the command, print any error, and
/// return the exit code.
pub fn main() -> Code {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // clap prints usage errors before `--color` is parsed; honour it there too.
    let matches = parsing_command()
        .color(clap_color(&args))
        .try_get_matches_from(&args);
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(err) => return output::clap_error(&err),
    };
    let verbosity = if cli.global.quiet {
        Verbosity::Quiet
    } else if cli.global.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let printer = Printer::terminal(cli.global.color.into(), verbosity);
    let mut ctx = Context {
        printer,
        global: cli.global,
    };
    let result = run(&cli.command, &mut ctx);
    let result = result.and_then(|code| {
        ctx.printer.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(err) if exit::is_broken_pipe(&err) => Code::Ok,
        Err(err) => {
            let hint = exit::hint_for(&err);
            let _ = ctx.printer.error(&err, hint.as_deref());
            exit::code_for(&err)
        }
    }
}

/// The `--color` choice found in raw arguments, for clap's own messages.
fn clap_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut value = None;
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = it.next() {
        if arg == "--" {
            break;
        }
        if let Some(v) = arg.strip_prefix("--color=") {
            value = Some(v);
        } else if arg == "--color" {
            value = it.next();
        }
    }
    match value {
        Some("never") => clap::ColorChoice::Never,
        Some("always") => clap::ColorChoice::Always,
        _ => clap::ColorChoice::Auto,
    }
}

fn run(command: &Command, ctx: &mut Context) -> anyhow::Result<Code> {
    match command {
        Command::Install(_) => pending::run("install", None),
        Command::Inject(args) => inject::run(args, ctx),
        Command::ProxyConfig(args) => proxy_config::run(args, ctx),
        Command::Analyze(args) => analyze::run(args, ctx),
        Command::Label(args) => label::run(args, ctx),
        Command::CheckInject(args) => check_inject::run(args, ctx),
        Command::Describe(args) => describe::run(args, ctx),
        Command::Version(args) => version::run(args, ctx),
        Command::Completion(args) => completion::run(args, ctx),
        Command::GenerateDocs(args) => docs::run(args, ctx),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command's help (and so its arguments) is the same whether the
    /// subcommands' arguments were defined up front or deferred.
    #[test]
    fn deferred_arguments_match_the_full_tree() {
        fn helps(mut cmd: clap::Command) -> Vec<(String, String)> {
            cmd.build();
            let mut out = Vec::new();
            let mut stack = vec![(String::from("mast"), cmd)];
            while let Some((path, mut c)) = stack.pop() {
                out.push((path.clone(), c.render_long_help().to_string()));
                // clap's generated `help` subcommand mirrors the tree as it
                // was when built; `mast help <cmd>` itself behaves the same.
                for sub in c.get_subcommands().filter(|s| s.get_name() != "help") {
                    stack.push((format!("{path} {}", sub.get_name()), sub.clone()));
                }
            }
            out
        }
        let eager = helps(Cli::command());
        let lazy = helps(parsing_command());
        assert!(eager.len() > 20, "{} commands", eager.len());
        assert_eq!(eager.len(), lazy.len());
        for (e, l) in eager.iter().zip(&lazy) {
            assert!(e == l, "{}:\n{}\n---- deferred:\n{}", e.0, e.1, l.1);
        }
        // The deferred tree really is deferred until built.
        let unbuilt = parsing_command();
        let analyze = unbuilt.find_subcommand("analyze").expect("analyze");
        assert_eq!(analyze.get_arguments().count(), 0);
    }
}
