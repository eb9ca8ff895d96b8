//! `mast label namespace|ns` and `mast label list`: turn sidecar injection on
//! or off for namespaces (live, or in a manifest stream with `-f`), and show
//! every namespace's injection state.

use std::fmt::Write as _;

use clap::{Args, Subcommand, ValueEnum};
use k8s_openapi::api::core::v1::Namespace;

use mast::exit::{Code, Failure};
use mast::k8s::Connection;
use mast::label::namespace::{self as nsmod, known_revisions};
use mast::label::webhook::{INJECTION_LABEL, REV_LABEL, check_all};
use mast::label::{self, Action, Change, Injector, Labels, Refusal, Rules, Subject, cluster};
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

fn refusal_error(count: usize, total: usize, hint: &str) -> anyhow::Error {
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
    rt.block_on(run_live(args, &action, rules, ctx, opts))
}

/// One namespace: what it was, what changes, and what happened.
struct Item {
    name: String,
    before: Option<Namespace>,
    plan: Result<Change, Refusal>,
    done: Option<Namespace>,
}

async fn run_live(
    args: &NamespaceArgs,
    action: &Action,
    rules: Rules<'_>,
    ctx: &mut Context,
    opts: mast::k8s::ClientOptions,
) -> anyhow::Result<Code> {
    let conn = mast::k8s::connect(&opts).await?;
    // Read and check everything before changing anything.
    let mut items = Vec::new();
    let mut names = args.names.clone();
    names.dedup();
    for name in &names {
        match cluster::get_namespace(&conn, name).await {
            Ok(ns) => {
                let labels = cluster::namespace_labels(&ns);
                let plan = nsmod::plan(name, &labels, action, rules);
                items.push(Item {
                    name: name.clone(),
                    before: Some(ns),
                    plan,
                    done: None,
                });
            }
            Err(e) if e.is_not_found() => items.push(Item {
                name: name.clone(),
                before: None,
                plan: Err(Refusal {
                    message: format!("namespace {name} does not exist"),
                    hint: "list namespaces with `mast label list -A`".into(),
                }),
                done: None,
            }),
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!("cannot read namespace {name}")));
            }
        }
    }
    let injectors = if args.force {
        None
    } else {
        Some(injectors_for_check(&conn, ctx).await?)
    };
    if let Some(Some(injectors)) = &injectors
        && let Some(refusal) = revision_refusal(action, injectors)
    {
        for item in &mut items {
            if item.plan.is_ok() {
                item.plan = Err(refusal.clone());
            }
        }
    }
    let refused: Vec<&Item> = items.iter().filter(|i| i.plan.is_err()).collect();
    if !refused.is_empty() {
        let hint = refused[0]
            .plan
            .as_ref()
            .err()
            .map(|r| r.hint.clone())
            .unwrap_or_default();
        for item in &items {
            match &item.plan {
                Err(r) => ctx
                    .printer
                    .note(&format!("namespace/{}: refused: {}", item.name, r.message))?,
                Ok(_) => ctx.printer.note(&format!(
                    "namespace/{}: not changed (another namespace was refused)",
                    item.name
                ))?,
            }
        }
        return Err(refusal_error(refused.len(), items.len(), &hint));
    }
    apply_all(&conn, &mut items, args.dry_run, ctx).await?;
    report(&items, args, ctx)?;
    if args.dry_run != DryRun::Client
        && let Some(Some(injectors)) = &injectors
    {
        restart_notes(&conn, &items, injectors, ctx).await?;
    }
    Ok(Code::Ok)
}

/// The injectors, to check a revision exists; `None` (with a warning) when
/// this user may not read them.
async fn injectors_for_check(
    conn: &Connection,
    ctx: &mut Context,
) -> anyhow::Result<Option<Vec<Injector>>> {
    match cluster::injectors(conn).await {
        Ok(i) => Ok(Some(i)),
        Err(e) if e.is_forbidden() => {
            ctx.printer.warn(
                "cannot read MutatingWebhookConfigurations (forbidden), so the revision is not checked",
            )?;
            Ok(None)
        }
        Err(e) => Err(anyhow::Error::new(e)
            .context("cannot read the cluster's MutatingWebhookConfigurations")),
    }
}

/// Refuse a label no webhook would act on.
fn revision_refusal(action: &Action, injectors: &[Injector]) -> Option<Refusal> {
    let known = known_revisions(injectors);
    let list = if known.is_empty() {
        "none are installed".to_string()
    } else {
        format!(
            "known: {}",
            known.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    match action {
        Action::Enable {
            revision: Some(rev),
        } if !known.contains_key(rev) => Some(Refusal {
            message: format!("no control plane or revision tag {rev} is installed ({list})"),
            hint: "install that revision first, pick a known one, or pass --force".into(),
        }),
        Action::Enable { revision: None } => {
            let ns: Labels = [(INJECTION_LABEL.to_string(), "enabled".to_string())].into();
            if check_all(injectors, &Labels::new(), &ns)
                .iter()
                .any(|r| r.injected)
            {
                return None;
            }
            Some(Refusal {
                message: format!(
                    "no webhook injects namespaces labelled {INJECTION_LABEL}=enabled (no default revision or tag; revisions {list})"
                ),
                hint: "use --revision REV, or pass --force to set the label anyway".into(),
            })
        }
        _ => None,
    }
}

/// Patch every namespace; on a failure, put back the ones already changed.
async fn apply_all(
    conn: &Connection,
    items: &mut [Item],
    dry_run: DryRun,
    ctx: &mut Context,
) -> anyhow::Result<()> {
    for i in 0..items.len() {
        let item = &items[i];
        let Ok(change) = &item.plan else { continue };
        let before = item.before.clone().unwrap_or_default();
        if change.is_empty() || dry_run == DryRun::Client {
            let mut after = before;
            if let Some(labels) = after.metadata.labels.as_mut() {
                change.apply(labels);
            } else if !change.is_empty() {
                let mut labels = Labels::new();
                change.apply(&mut labels);
                after.metadata.labels = Some(labels);
            }
            items[i].done = Some(after);
            continue;
        }
        let rv = before.metadata.resource_version.as_deref();
        match cluster::patch_namespace(conn, &item.name, change, rv, dry_run == DryRun::Server)
            .await
        {
            Ok(ns) => items[i].done = Some(ns),
            Err(e) => {
                let failed = item.name.clone();
                ctx.printer
                    .note(&format!("namespace/{failed}: failed: {e}"))?;
                rollback(conn, &items[..i], ctx).await?;
                for later in &items[i + 1..] {
                    ctx.printer
                        .note(&format!("namespace/{}: not changed", later.name))?;
                }
                let hint = if e.is_conflict() {
                    "the namespace changed while mast was labelling; run the command again"
                        .to_string()
                } else {
                    e.hint().unwrap_or_else(|| {
                        "nothing was left half-applied; fix the cause and run again".into()
                    })
                };
                return Err(Failure::new(
                    Code::Error,
                    anyhow::anyhow!("labelling namespace {failed} failed: {e}"),
                )
                .with_hint(hint)
                .into());
            }
        }
    }
    Ok(())
}

async fn rollback(conn: &Connection, done: &[Item], ctx: &mut Context) -> anyhow::Result<()> {
    for item in done {
        let (Ok(change), Some(before)) = (&item.plan, &item.before) else {
            continue;
        };
        if change.is_empty() {
            continue;
        }
        let undo = change.undo(&cluster::namespace_labels(before));
        match cluster::patch_namespace(conn, &item.name, &undo, None, false).await {
            Ok(_) => ctx
                .printer
                .note(&format!("namespace/{}: rolled back", item.name))?,
            Err(e) => ctx.printer.warn(&format!(
                "namespace/{}: could not roll back ({e}); its labels are now: {}",
                item.name,
                change.describe()
            ))?,
        }
    }
    Ok(())
}

fn report(items: &[Item], args: &NamespaceArgs, ctx: &mut Context) -> anyhow::Result<()> {
    let suffix = match args.dry_run {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    let mut lines = String::new();
    for item in items {
        let Ok(change) = &item.plan else { continue };
        if change.is_empty() {
            let _ = writeln!(lines, "namespace/{} unchanged{suffix}", item.name);
        } else {
            let _ = writeln!(
                lines,
                "namespace/{} labeled{suffix}: {}",
                item.name,
                change.describe()
            );
        }
    }
    let objects: Vec<Namespace> = items
        .iter()
        .filter_map(|i| i.done.clone())
        .map(|mut ns| {
            ns.metadata.managed_fields = None;
            ns
        })
        .collect();
    match args.output {
        None => ctx.printer.data(&lines)?,
        Some(format) => {
            for line in lines.lines() {
                ctx.printer.note(line)?;
            }
            print_objects(&objects, format, ctx)?;
        }
    }
    Ok(())
}

fn print_objects(
    objects: &[Namespace],
    format: ObjectFormat,
    ctx: &mut Context,
) -> anyhow::Result<()> {
    match format {
        ObjectFormat::Json if objects.len() == 1 => ctx.printer.json(&objects[0])?,
        ObjectFormat::Json => ctx.printer.json(&serde_json::json!({
            "apiVersion": "v1", "kind": "List", "items": objects,
        }))?,
        ObjectFormat::Yaml => {
            for (i, o) in objects.iter().enumerate() {
                if i > 0 {
                    ctx.printer.data("---\n")?;
                }
                ctx.printer.yaml(o)?;
            }
        }
    }
    Ok(())
}

/// After a change, say which running pods do not match it yet.
async fn restart_notes(
    conn: &Connection,
    items: &[Item],
    injectors: &[Injector],
    ctx: &mut Context,
) -> anyhow::Result<()> {
    for item in items {
        let (Ok(change), Some(ns)) = (&item.plan, &item.done) else {
            continue;
        };
        if change.is_empty() {
            continue;
        }
        let Ok(pods) = cluster::list_pods(conn, &item.name, None).await else {
            continue;
        };
        let ns_labels = cluster::namespace_labels(ns);
        let stale = pods
            .iter()
            .filter(|p| {
                let subject = Subject {
                    namespace: item.name.clone(),
                    namespace_labels: ns_labels.clone(),
                    labels: p.metadata.labels.clone().unwrap_or_default(),
                    annotations: p.metadata.annotations.clone().unwrap_or_default(),
                    spec: serde_json::json!({"hostNetwork": p.spec.as_ref().and_then(|s| s.host_network)}),
                    pod: Some(cluster::pod_state(p)),
                };
                label::check(injectors, &subject).needs_restart
            })
            .count();
        if stale > 0 {
            ctx.printer.warn(&format!(
                "namespace/{}: {stale} running pod(s) do not match the new labels yet (sidecar {}); restart them: kubectl rollout restart deployment -n {}",
                item.name,
                if action_enables(change) { "missing" } else { "still present" },
                item.name
            ))?;
        }
    }
    Ok(())
}

fn action_enables(change: &Change) -> bool {
    change
        .set
        .get(INJECTION_LABEL)
        .is_some_and(|v| v == "enabled")
        || change.set.contains_key(REV_LABEL)
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
