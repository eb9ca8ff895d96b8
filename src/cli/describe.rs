//! `mast describe pod`: a pod, its Services, the DestinationRules,
//! VirtualServices, PeerAuthentications and Gateways that shape its traffic
//! (istioctl's `x describe pod`), from the configuration; optionally what
//! its proxy actually received.

use clap::{Args, Subcommand, ValueEnum};

use mast::describe::{self, live};
use mast::envoy::admin::Admin;
use mast::exit::{Code, Failure};
use mast::proxy_config::dump::ConfigDump;

use super::Context;

#[derive(Debug, Args)]
pub struct DescribeArgs {
    #[command(subcommand)]
    pub what: DescribeCommand,
}

#[derive(Debug, Subcommand)]
pub enum DescribeCommand {
    /// A pod and the Istio configuration that affects it
    #[command(
        visible_alias = "po",
        after_long_help = "DestinationRules and VirtualServices are resolved from the configuration, \
                           as istiod would for the pod's namespace; --admin or --proxy add what the \
                           pod's Envoy actually received.\n\nExamples:\n  mast describe pod reviews-v1-5f9d.bookinfo\n  \
                           mast describe pod reviews-v1-5f9d -n bookinfo --proxy\n  mast describe pod web-0 -o json"
    )]
    Pod(PodArgs),
}

#[derive(Debug, Args)]
pub struct PodArgs {
    /// The pod: [pod/]<name>[.<namespace>]
    #[arg(value_name = "POD")]
    pub target: String,

    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = OutputArg::Text)]
    pub output: OutputArg,

    /// Also read the pod's Envoy config dump from this admin URL (e.g. http://127.0.0.1:15000)
    #[arg(long, value_name = "URL", conflicts_with = "proxy")]
    pub admin: Option<String>,

    /// Also read the pod's Envoy config dump through a port-forward to its admin port
    #[arg(long)]
    pub proxy: bool,

    /// Envoy admin port in the pod (with --proxy)
    #[arg(long, default_value_t = 15000, value_name = "PORT")]
    pub proxy_admin_port: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    Text,
    Json,
    Yaml,
}

/// `[pod/]name[.namespace]`: the namespace is what follows the last `.`.
fn split_target(target: &str) -> Result<(String, Option<String>), Failure> {
    let bad = || {
        Failure::usage(format!("invalid pod {target:?}"))
            .with_hint("name a pod as NAME, NAME.NAMESPACE or pod/NAME[.NAMESPACE]")
    };
    let rest = match target.rsplit_once('/') {
        Some((kind, rest)) => {
            if !matches!(kind.to_ascii_lowercase().as_str(), "pod" | "pods" | "po") {
                return Err(Failure::usage(format!("cannot describe {kind:?} objects"))
                    .with_hint("describe a pod: mast describe pod NAME[.NAMESPACE]"));
            }
            rest
        }
        None => target,
    };
    let (name, ns) = match rest.rsplit_once('.') {
        Some((n, ns)) => (n, Some(ns.to_string())),
        None => (rest, None),
    };
    if name.is_empty() || ns.as_deref() == Some("") {
        return Err(bad());
    }
    Ok((name.to_string(), ns))
}

fn not_found(e: mast::k8s::Error, message: String, hint: &str) -> anyhow::Error {
    if e.is_not_found() {
        Failure::new(Code::Error, anyhow::anyhow!(message))
            .with_hint(hint)
            .into()
    } else {
        e.into()
    }
}

pub fn run(args: &DescribeArgs, ctx: &mut Context) -> anyhow::Result<Code> {
    let DescribeCommand::Pod(a) = &args.what;
    let (name, ns) = split_target(&a.target)?;
    let admin = match &a.admin {
        Some(u) => Some(Admin::from_url(u).map_err(|e| Failure::usage(e.to_string()))?),
        None => None,
    };
    let opts = ctx.client_options();
    let istio_namespace = ctx.global.istio_namespace.clone();
    let rt = super::runtime()?;
    let desc = rt.block_on(async {
        let conn = mast::k8s::connect(&opts).await?;
        let namespace = ns.unwrap_or_else(|| conn.namespace.clone());
        let pod = match live::get_pod(&conn, &namespace, &name).await {
            Ok(p) => p,
            Err(e) if e.is_not_found() => {
                // Say which is missing: the namespace or the pod.
                if let Err(ne) = mast::label::cluster::get_namespace(&conn, &namespace).await {
                    return Err(not_found(
                        ne,
                        format!("namespace {namespace} does not exist"),
                        "list namespaces with `kubectl get namespaces`; name the pod as NAME.NAMESPACE or use -n",
                    ));
                }
                return Err(not_found(
                    e,
                    format!("pod {name} not found in namespace {namespace}"),
                    "list pods with `kubectl get pods -n NAMESPACE`; name another namespace with -n or NAME.NAMESPACE",
                ));
            }
            Err(e) => return Err(e.into()),
        };
        let req = live::Request {
            namespace: namespace.clone(),
            pod: name.clone(),
            istio_namespace,
            describe_namespace: conn.namespace.clone(),
        };
        let inputs = Box::pin(live::read(&conn, &req, pod)).await?;
        let mut desc = describe::describe(&inputs);
        let admin = match (&admin, a.proxy) {
            (Some(ad), _) => Some(ad.clone()),
            (None, true) => {
                mast::envoy::admin::check_sidecar(&conn, &namespace, &name)
                    .await
                    .map_err(super::proxy_config::envoy_err)?;
                Some(Admin::pod(&conn, &namespace, &name, a.proxy_admin_port))
            }
            (None, false) => None,
        };
        if let Some(ad) = admin {
            let bytes = ad.get("/config_dump").await.map_err(super::proxy_config::envoy_err)?;
            let dump = ConfigDump::parse(&bytes).map_err(|e| {
                Failure::data(anyhow::anyhow!("cannot parse the config dump from {}: {e}", ad.describe()))
            })?;
            describe::proxy::attach(&mut desc, &dump, &ad.describe());
        }
        anyhow::Ok(desc)
    })?;
    match a.output {
        OutputArg::Json => ctx.printer.json(&desc)?,
        OutputArg::Yaml => ctx.printer.yaml(&desc)?,
        OutputArg::Text => ctx.printer.data(&describe::render::text(&desc))?,
    }
    Ok(Code::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_like_istioctl() {
        assert_eq!(split_target("web").unwrap(), ("web".into(), None));
        assert_eq!(
            split_target("web.shop").unwrap(),
            ("web".into(), Some("shop".into()))
        );
        assert_eq!(
            split_target("pod/web.shop").unwrap(),
            ("web".into(), Some("shop".into()))
        );
        assert!(split_target("deployment/web").is_err());
        assert!(split_target("web.").is_err());
    }
}
