//! `mast label namespace` against the cluster: read and check every
//! namespace first, then patch them one by one (with the resourceVersion
//! read, so a concurrent change is refused), rolling back the ones already
//! changed if a later one fails; report each namespace's outcome and the
//! running pods the change does not reach until they restart.

use std::fmt::Write as _;

use k8s_openapi::api::core::v1::Namespace;

use mast::exit::{Code, Failure};
use mast::k8s::Connection;
use mast::label::namespace::{self as nsmod, revision_refusal};
use mast::label::webhook::{INJECTION_LABEL, REV_LABEL};
use mast::label::{self, Action, Change, Injector, Labels, Refusal, Rules, Subject, cluster};

use super::Context;
use super::label::{DryRun, NamespaceArgs, ObjectFormat, refusal_error};

/// One namespace: what it was, what changes, and what happened.
struct Item {
    name: String,
    before: Option<Namespace>,
    plan: Result<Change, Refusal>,
    done: Option<Namespace>,
}

pub async fn run_live(
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
