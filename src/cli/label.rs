//! `mast label namespace|ns` and `mast label list`: turn sidecar injection on
//! or off for namespaces (live, or in a manifest stream with `-f`), and show
//! every namespace's injection state.

use clap::{Args, Subcommand, ValueEnum};

use mast::exit::{Code, Failure};
use mast::label::namespace as nsmod;
use mast::label::webhook::{INJECTION_LABEL, REV_LABEL};
use mast::label::{self, Action, Rules, cluster};
use mast::manifest;
use mast::output::table::Table;

use super::Context;

#[derive(Debug, Args)]
pub struct LabelArgs {
    #[command(subcommand)]
    pub command: LabelCommand,
}

#[derive(Debug, Subcommand)]
pub enum LabelCommand {
    /// Turn injection on (istio-injection=enabled, or istio.io/rev=REV) or off for namespaces
    #[command(visible_alias = "ns")]
    Namespace(NamespaceArgs),
    /// List namespaces with their injection state, revision, webhook and conflicts
    List(ListArgs),
}

#[derive(Debug, Args)]
#[command(
    group(clap::ArgGroup::new("mode").required(true).args(["enable", "disable"])),
    after_help = "Exit codes: 0 every namespace labelled (or already so); 1 nothing changed because \
                  a namespace was refused, missing or failed; 64 usage errors.",
    after_long_help = "Examples:\n  mast label ns shop --enable\n  mast label ns shop cart --enable --revision canary --overwrite\n  \
                  mast label ns shop --disable --dry-run\n  mast label ns --enable -f namespaces.yaml > labelled.yaml\n\n\
                  istio-injection wins over istio.io/rev, so mast keeps only one of them: enabling a revision removes \
                  istio-injection and enabling the default revision removes istio.io/rev (with --overwrite).\n\n\
                  Exit codes: 0 every namespace labelled (or already so); 1 nothing changed because \
                  a namespace was refused, missing or failed; 64 usage errors."
)]
pub struct NamespaceArgs {
    /// Namespaces to label (with -f: Namespace documents to rewrite; default all of them)
    #[arg(value_name = "NAMESPACE")]
    pub names: Vec<String>,

    /// Turn injection on: istio-injection=enabled, or istio.io/rev=REV with --revision
    #[arg(long)]
    pub enable: bool,

    /// Turn injection off: istio-injection=disabled
    #[arg(long)]
    pub disable: bool,

    /// Inject with this control-plane revision or revision tag (sets istio.io/rev)
    #[arg(short = 'r', long, value_name = "REV", conflicts_with = "disable")]
    pub revision: Option<String>,

    /// Replace existing injection labels (as kubectl label --overwrite)
    #[arg(long)]
    pub overwrite: bool,

    /// Label system and control-plane namespaces, or revisions with no control plane, anyway
    #[arg(long)]
    pub force: bool,

    /// Show the change without making it: client (no request) or server (the API server validates it)
    #[arg(long, value_enum, value_name = "MODE", num_args = 0..=1, default_missing_value = "client",
          default_value_t = DryRun::None)]
    pub dry_run: DryRun,

    /// Print the resulting Namespace objects instead of one line per namespace
    #[arg(short = 'o', long, value_enum)]
    pub output: Option<ObjectFormat>,

    /// Rewrite Namespace documents in this manifest file (- for stdin) instead of the cluster
    #[arg(short = 'f', long, value_name = "FILE")]
    pub filename: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DryRun {
    None,
    Client,
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObjectFormat {
    Json,
    Yaml,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Without -A: the namespaces that carry an injection label (or the one named by -n)."
)]
pub struct ListArgs {
    /// Every namespace, labelled or not
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,

    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = ListFormat::Table)]
    pub output: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Yaml,
}

pub fn run(args: &LabelArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    match &args.command {
        LabelCommand::Namespace(a) => run_namespace(a, ctx),
        LabelCommand::List(a) => run_list(a, ctx),
    }
}

fn action(args: &NamespaceArgs) -> Action {
    if args.disable {
        Action::Disable
    } else {
        Action::Enable {
            revision: args.revision.clone(),
        }
    }
}

pub fn refusal_error(count: usize, total: usize, hint: &str) -> anyhow::Error {
    Failure::new(
        Code::Error,
        anyhow::anyhow!("no namespace was changed: {count} of {total} cannot be labelled"),
    )
    .with_hint(hint.to_string())
    .into()
}

fn run_namespace(args: &NamespaceArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let istio_namespace = ctx.global.istio_namespace.clone();
    let rules = Rules {
        overwrite: args.overwrite,
        force: args.force,
        istio_namespace: &istio_namespace,
    };
    let action = action(args);
    if let Some(file) = &args.filename {
        return run_offline(args, file, &action, rules, ctx);
    }
    if args.names.is_empty() {
        return Err(Failure::usage("name at least one namespace")
            .with_hint(
                "mast label ns NAMESPACE... --enable|--disable, or -f FILE to rewrite manifests",
            )
            .into());
    }
    let opts = ctx.client_options();
    let rt = super::runtime()?;
    rt.block_on(super::label_live::run_live(args, &action, rules, ctx, opts))
}

fn run_offline(
    args: &NamespaceArgs,
    file: &str,
    action: &Action,
    rules: Rules,
    ctx: &mut Context,
) -> anyhow::Result<Code> {
    if args.dry_run == DryRun::Server {
        return Err(Failure::usage("--dry-run=server needs the cluster, not -f")
            .with_hint("with -f nothing is sent anywhere; the rewritten manifests go to stdout")
            .into());
    }
    let sources = manifest::expand_paths(&[file])?;
    let docs = manifest::read_all(&sources)?;
    let (text, outcomes) = label::offline::rewrite(&docs, &args.names, action, rules)
        .map_err(|e| Failure::data(anyhow::anyhow!("{file}: {e}")))?;
    let refused: Vec<&label::offline::Outcome> =
        outcomes.iter().filter(|o| o.result.is_err()).collect();
    if let Some(first) = refused.first() {
        for o in &outcomes {
            match &o.result {
                Err(r) => ctx.printer.note(&format!(
                    "namespace/{}: refused: {}",
                    o.namespace, r.message
                ))?,
                Ok(_) => ctx
                    .printer
                    .note(&format!("namespace/{}: not changed", o.namespace))?,
            }
        }
        let hint = first
            .result
            .as_ref()
            .err()
            .map(|r| r.hint.clone())
            .unwrap_or_default();
        return Err(refusal_error(refused.len(), outcomes.len(), &hint));
    }
    ctx.printer.data(&text)?;
    for o in &outcomes {
        if let Ok(change) = &o.result {
            if change.is_empty() {
                ctx.printer
                    .note(&format!("namespace/{} unchanged", o.namespace))?;
            } else {
                ctx.printer.note(&format!(
                    "namespace/{} labeled: {}",
                    o.namespace,
                    change.describe()
                ))?;
            }
        }
    }
    Ok(Code::Ok)
}

fn run_list(args: &ListArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let opts = ctx.client_options();
    let explicit_ns = ctx.global.namespace.clone();
    let istio_ns = ctx.global.istio_namespace.clone();
    let rt = super::runtime()?;
    let (namespaces, injectors) = rt.block_on(async {
        let conn = mast::k8s::connect(&opts).await?;
        let list = async {
            if args.all_namespaces {
                return cluster::list_namespaces(&conn, None).await;
            }
            if let Some(ns) = &explicit_ns {
                return cluster::get_namespace(&conn, ns).await.map(|n| vec![n]);
            }
            let mut out = cluster::list_namespaces(&conn, Some(INJECTION_LABEL)).await?;
            let revs = cluster::list_namespaces(&conn, Some(REV_LABEL)).await?;
            out.extend(revs.into_iter().filter(|n| {
                n.metadata
                    .labels
                    .as_ref()
                    .is_none_or(|l| !l.contains_key(INJECTION_LABEL))
            }));
            out.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
            Ok(out)
        };
        let (namespaces, injectors) = tokio::join!(list, cluster::injectors(&conn));
        let namespaces = namespaces.map_err(|e| match (&explicit_ns, e.is_not_found()) {
            (Some(ns), true) => Failure::new(
                Code::Error,
                anyhow::anyhow!("namespace {ns} does not exist"),
            )
            .with_hint("list namespaces with `mast label list -A`")
            .into(),
            _ => anyhow::Error::new(e).context("cannot list namespaces"),
        })?;
        let injectors = injectors.map_err(|e| {
            anyhow::Error::new(e).context("cannot read the cluster's MutatingWebhookConfigurations")
        })?;
        anyhow::Ok((namespaces, injectors))
    })?;
    if injectors.is_empty() {
        ctx.printer
            .warn("no Istio injection webhooks are installed: no namespace is injected")?;
    }
    let states: Vec<nsmod::NamespaceState> = namespaces
        .iter()
        .map(|n| {
            nsmod::state(
                n.metadata.name.as_deref().unwrap_or_default(),
                &cluster::namespace_labels(n),
                &injectors,
                &istio_ns,
            )
        })
        .collect();
    match args.output {
        ListFormat::Json => ctx.printer.json(&states)?,
        ListFormat::Yaml => ctx.printer.yaml(&states)?,
        ListFormat::Table => {
            if states.is_empty() {
                ctx.printer
                    .note("no namespace has an injection label (-A lists them all)")?;
                return Ok(Code::Ok);
            }
            let dash = |s: String| if s.is_empty() { "-".to_string() } else { s };
            let mut t = Table::new([
                "namespace",
                "injection",
                "revision",
                "webhook",
                "labels",
                "conflicts",
            ]);
            for s in &states {
                t.row([
                    s.namespace.clone(),
                    s.injection.clone(),
                    dash(s.revision.clone().unwrap_or_default()),
                    dash(s.webhooks.join(",")),
                    dash(s.labels.join(",")),
                    dash(s.conflicts.join("; ")),
                ]);
            }
            ctx.printer.data(&t.render())?;
        }
    }
    Ok(Code::Ok)
}
