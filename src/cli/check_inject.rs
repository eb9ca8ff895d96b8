//! `mast check-inject`: would this pod (or a pod with these labels) get a
//! sidecar, which webhook injects it, and why; for an existing pod, does it
//! have the sidecar. istioctl's `x check-inject`, with exit codes.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};

use mast::exit::{Code, Failure};
use mast::k8s::Connection;
use mast::label::{self, Labels, Subject, Verdict, cluster, selector};
use mast::output::Style;
use mast::output::color::escape_terminal;
use mast::output::tabwriter::{ESCAPE, STRIP_ESCAPE, TabWriter};

use super::Context;

#[derive(Debug, Args)]
#[command(
    after_help = "Exit codes: 0 injected (for an existing pod: injected and running the sidecar); \
                  1 not injected, or an error; 64 usage errors.",
    after_long_help = "Examples:\n  mast check-inject web-7d4f9c-x2x8z -n shop\n  mast check-inject deployment/web.shop\n  mast check-inject -n shop -l app=web,version=v1\n\n\
                  Exit codes: 0 injected (for an existing pod: injected and running the sidecar); \
                  1 not injected, or an error; 64 usage errors."
)]
pub struct CheckInjectArgs {
    /// The pod: [<type>/]<name>[.<namespace>] (type: pod, deployment, statefulset, daemonset, replicaset, job)
    #[arg(
        value_name = "POD",
        required_unless_present = "labels",
        conflicts_with = "labels"
    )]
    pub target: Option<String>,

    /// Check a pod that would have these labels (k=v,k2=v2) in the namespace given by -n
    #[arg(
        short = 'l',
        long = "labels",
        visible_alias = "selector",
        value_name = "LABELS"
    )]
    pub labels: Option<String>,

    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = OutputArg::Table)]
    pub output: OutputArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    Table,
    Json,
    Yaml,
}

/// Split istioctl's `[<type>/]<name>[.<namespace>]`: the namespace is what
/// follows the last `.` after the `/` (`inferNsInfo`).
fn split_target(target: &str) -> (Option<&str>, &str, Option<&str>) {
    let (kind, rest) = match target.rfind('/') {
        Some(i) if i > 0 => (Some(&target[..i]), &target[i + 1..]),
        _ => (None, target),
    };
    match rest.rfind('.') {
        Some(i) => (kind, &rest[..i], Some(&rest[i + 1..])),
        None => (kind, rest, None),
    }
}

pub fn run(args: &CheckInjectArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let pod_labels = match &args.labels {
        Some(text) => Some(selector::parse_label_pairs(text).map_err(|e| {
            Failure::usage(format!("-l {text:?}: {e}")).with_hint(
                "give the labels a pod would have, as key=value pairs separated by commas",
            )
        })?),
        None => None,
    };
    let parsed = args.target.as_deref().map(split_target);
    if let Some((kind, name, ns)) = parsed {
        if name.is_empty() || ns == Some("") {
            return Err(Failure::usage(format!(
                "invalid pod {:?}",
                args.target.as_deref().unwrap_or_default()
            ))
            .with_hint("name a pod as NAME, NAME.NAMESPACE or TYPE/NAME[.NAMESPACE]")
            .into());
        }
        if let Some(k) = kind
            && !is_pod_kind(k)
            && cluster::workload_path(k).is_none()
        {
            return Err(Failure::usage(format!("cannot check {k:?} objects"))
                .with_hint(
                    "use a pod, or one of deployment, statefulset, daemonset, replicaset, job",
                )
                .into());
        }
    }
    let opts = ctx.client_options();
    let rt = super::runtime()?;
    let verdict = rt.block_on(async {
        let conn = mast::k8s::connect(&opts).await?;
        let (namespace, pod) = match parsed {
            Some((kind, name, ns)) => {
                let ns = ns.map_or_else(|| conn.namespace.clone(), str::to_string);
                let pod = find_pod(&conn, &ns, kind, name).await?;
                (ns, Some(pod))
            }
            None => (conn.namespace.clone(), None),
        };
        let ns_obj = cluster::get_namespace(&conn, &namespace)
            .await
            .map_err(|e| not_found(e, &format!("namespace {namespace} does not exist"), "list namespaces with `mast label list -A`"))?;
        let injectors = read_injectors(&conn).await?;
        let subject = match pod {
            Some(p) => Subject {
                namespace: namespace.clone(),
                namespace_labels: cluster::namespace_labels(&ns_obj),
                labels: p.metadata.labels.clone().unwrap_or_default(),
                annotations: p.metadata.annotations.clone().unwrap_or_default(),
                spec: serde_json::json!({"hostNetwork": p.spec.as_ref().and_then(|s| s.host_network)}),
                pod: Some(cluster::pod_state(&p)),
            },
            None => Subject {
                namespace: namespace.clone(),
                namespace_labels: cluster::namespace_labels(&ns_obj),
                labels: pod_labels.clone().unwrap_or_default(),
                annotations: Labels::new(),
                spec: serde_json::json!({}),
                pod: None,
            },
        };
        anyhow::Ok(label::check(&injectors, &subject))
    })?;
    match args.output {
        OutputArg::Json => ctx.printer.json(&verdict)?,
        OutputArg::Yaml => ctx.printer.yaml(&verdict)?,
        OutputArg::Table => {
            let text = render(&verdict, ctx.printer.color_stdout());
            ctx.printer.data(&text)?;
        }
    }
    notes(&verdict, ctx)?;
    Ok(if verdict.ok() { Code::Ok } else { Code::Error })
}

fn is_pod_kind(k: &str) -> bool {
    matches!(k.to_ascii_lowercase().as_str(), "pod" | "pods" | "po")
}

/// Turn a 404 into one line with a hint; other errors pass through.
fn not_found(err: mast::k8s::Error, message: &str, hint: &str) -> anyhow::Error {
    if err.is_not_found() {
        Failure::new(Code::Error, anyhow::anyhow!("{message}"))
            .with_hint(hint)
            .into()
    } else {
        err.into()
    }
}

/// The injector webhooks, or an error when there are none or they cannot be read.
pub async fn read_injectors(conn: &Connection) -> anyhow::Result<Vec<label::Injector>> {
    let injectors = cluster::injectors(conn).await.map_err(|e| {
        anyhow::Error::new(e).context("cannot read the cluster's MutatingWebhookConfigurations")
    })?;
    if injectors.is_empty() {
        return Err(Failure::new(
            Code::Error,
            anyhow::anyhow!(
                "no Istio injection webhooks are installed in the cluster at {}",
                conn.server
            ),
        )
        .with_hint("install Istio (istioctl install), or pick the right cluster with --context")
        .into());
    }
    Ok(injectors)
}

async fn find_pod(
    conn: &Connection,
    ns: &str,
    kind: Option<&str>,
    name: &str,
) -> anyhow::Result<k8s_openapi::api::core::v1::Pod> {
    let pod_name = match kind {
        Some(k) if !is_pod_kind(k) => {
            let what = format!("{k}/{name}");
            let sel = cluster::workload_selector(conn, ns, k, name)
                .await
                .map_err(|e| {
                    not_found(
                        e,
                        &format!("{what} not found in namespace {ns}"),
                        "check the name and -n",
                    )
                })?
                .unwrap_or_default();
            let mut pods = cluster::list_pods(conn, ns, Some(&sel)).await?;
            // Prefer running pods, then the newest, as `kubectl logs` does.
            pods.sort_by_key(|p| {
                let running = p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running");
                (
                    !running,
                    std::cmp::Reverse(p.metadata.creation_timestamp.clone()),
                )
            });
            match pods.first().and_then(|p| p.metadata.name.clone()) {
                Some(n) => n,
                None => {
                    return Err(Failure::new(Code::Error, anyhow::anyhow!("no pods match {what:?} in namespace {ns}"))
                        .with_hint(format!("check a pod that does not exist yet with -l and its labels: mast check-inject -n {ns} -l app=..."))
                        .into());
                }
            }
        }
        _ => name.to_string(),
    };
    cluster::get_pod(conn, ns, &pod_name).await.map_err(|e| {
        not_found(
            e,
            &format!("pod {pod_name} not found in namespace {ns}"),
            "list pods with `kubectl get pods -n NAMESPACE`; name another namespace with -n or NAME.NAMESPACE",
        )
    })
}

/// The table (istioctl's columns) and the verdict lines.
fn render(v: &Verdict, color: bool) -> String {
    let mut tw = TabWriter::new(Vec::new(), 0, 8, 2, b' ', STRIP_ESCAPE);
    let mut rows: Vec<u8> = b"WEBHOOK\tREVISION\tINJECTED\tREASON\n".to_vec();
    for w in &v.webhooks {
        let (mark, style) = if w.injected {
            ("✔", Style::Success)
        } else {
            ("✘", Style::Error)
        };
        rows.extend_from_slice(format!("{}\t{}\t", w.name, w.revision).as_bytes());
        if color {
            // Escaped, so the colour codes take no width in the table.
            rows.push(ESCAPE);
            rows.extend_from_slice(mast::output::color::paint(mark, style, true).as_bytes());
            rows.push(ESCAPE);
        } else {
            rows.extend_from_slice(mark.as_bytes());
        }
        rows.extend_from_slice(format!("\t{}\n", escape_terminal(&w.reason)).as_bytes());
    }
    // Writing to a Vec cannot fail.
    let _ = std::io::Write::write_all(&mut tw, &rows);
    let _ = std::io::Write::flush(&mut tw);
    let mut out = String::from_utf8_lossy(&tw.into_inner()).into_owned();
    out.push('\n');
    let _ = writeln!(out, "{}", verdict_line(v));
    if let Some(p) = &v.pod {
        let _ = writeln!(
            out,
            "Sidecar: {} (pod {})",
            if p.has_sidecar { "present" } else { "missing" },
            p.name
        );
    }
    out
}

fn verdict_line(v: &Verdict) -> String {
    if v.injected {
        format!("Injected: yes, by {}", v.reason)
    } else {
        format!("Injected: no, {}", v.reason)
    }
}

/// Warnings and hints for people, on stderr.
fn notes(v: &Verdict, ctx: &mut Context) -> anyhow::Result<()> {
    if v.multiple() {
        ctx.printer.warn(&format!(
            "multiple webhooks will inject, which can lead to errors: {}",
            v.injected_by.join(", ")
        ))?;
    }
    let Some(p) = &v.pod else { return Ok(()) };
    if !v.needs_restart {
        return Ok(());
    }
    let restart = p.owner.as_ref().map_or_else(
        || {
            format!(
                "kubectl delete pod {} -n {} (and recreate it)",
                p.name, v.namespace
            )
        },
        |o| format!("kubectl rollout restart {o} -n {}", v.namespace),
    );
    let why = if v.injected {
        "has no sidecar although its labels ask for one: it was created before injection was enabled (or while the webhook was unavailable)"
    } else {
        "has a sidecar although its labels no longer ask for one: it was created before injection was turned off"
    };
    ctx.printer.warn(&format!("pod {} {why}", p.name))?;
    let hint = ctx.printer.paint_err("hint:", Style::Hint);
    ctx.printer.note(&format!("{hint} restart it: {restart}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_like_istioctl() {
        assert_eq!(split_target("web"), (None, "web", None));
        assert_eq!(split_target("web.shop"), (None, "web", Some("shop")));
        assert_eq!(
            split_target("deployment/web.shop"),
            (Some("deployment"), "web", Some("shop"))
        );
        assert_eq!(
            split_target("deployment.apps/web"),
            (Some("deployment.apps"), "web", None)
        );
    }
}
