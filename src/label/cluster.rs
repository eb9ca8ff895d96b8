//! The cluster reads and writes `label` and `check-inject` need, each
//! returning [`crate::k8s::Error`] so callers tell 404 from 403 from an
//! unreachable server.

use k8s_openapi::api::admissionregistration::v1::MutatingWebhookConfiguration;
use k8s_openapi::api::core::v1::{Namespace, Pod};
use kube::api::{Api, ListParams, Patch, PatchParams};
use serde_json::Value;

use super::check::{PodState, restart_target};
use super::namespace::Change;
use super::selector::Labels;
use super::webhook::Injector;
use crate::k8s::{Connection, Error};

/// Every Istio injector webhook configuration in the cluster.
pub async fn injectors(conn: &Connection) -> Result<Vec<Injector>, Error> {
    let api: Api<MutatingWebhookConfiguration> = Api::all(conn.client.clone());
    let list = api
        .list(&ListParams::default())
        .await
        .map_err(|e| conn.error(e))?;
    Ok(list.items.iter().filter_map(Injector::from_k8s).collect())
}

/// A namespace's labels.
pub fn namespace_labels(ns: &Namespace) -> Labels {
    ns.metadata.labels.clone().unwrap_or_default()
}

pub async fn get_namespace(conn: &Connection, name: &str) -> Result<Namespace, Error> {
    Api::<Namespace>::all(conn.client.clone())
        .get(name)
        .await
        .map_err(|e| conn.error(e))
}

/// Namespaces matching a label selector (`None`: all of them).
pub async fn list_namespaces(
    conn: &Connection,
    selector: Option<&str>,
) -> Result<Vec<Namespace>, Error> {
    let mut params = ListParams::default();
    if let Some(s) = selector {
        params = params.labels(s);
    }
    Api::<Namespace>::all(conn.client.clone())
        .list(&params)
        .await
        .map(|l| l.items)
        .map_err(|e| conn.error(e))
}

/// Apply a label change as a JSON merge patch. With `resource_version`, the
/// API server refuses it (409) if the namespace changed since it was read.
pub async fn patch_namespace(
    conn: &Connection,
    name: &str,
    change: &Change,
    resource_version: Option<&str>,
    dry_run: bool,
) -> Result<Namespace, Error> {
    let params = PatchParams {
        dry_run,
        field_manager: Some("mast".into()),
        ..PatchParams::default()
    };
    Api::<Namespace>::all(conn.client.clone())
        .patch(
            name,
            &params,
            &Patch::Merge(change.merge_patch(resource_version)),
        )
        .await
        .map_err(|e| conn.error(e))
}

pub async fn get_pod(conn: &Connection, ns: &str, name: &str) -> Result<Pod, Error> {
    Api::<Pod>::namespaced(conn.client.clone(), ns)
        .get(name)
        .await
        .map_err(|e| conn.error(e))
}

pub async fn list_pods(
    conn: &Connection,
    ns: &str,
    selector: Option<&str>,
) -> Result<Vec<Pod>, Error> {
    let mut params = ListParams::default();
    if let Some(s) = selector {
        params = params.labels(s);
    }
    Api::<Pod>::namespaced(conn.client.clone(), ns)
        .list(&params)
        .await
        .map(|l| l.items)
        .map_err(|e| conn.error(e))
}

/// The workload kinds `check-inject KIND/NAME` accepts, with the API path
/// of their collection (group/version/plural).
pub fn workload_path(kind: &str) -> Option<(&'static str, &'static str)> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "deployment" | "deployments" | "deploy" | "deployment.apps" => {
            ("apis/apps/v1", "deployments")
        }
        "statefulset" | "statefulsets" | "sts" | "statefulset.apps" => {
            ("apis/apps/v1", "statefulsets")
        }
        "daemonset" | "daemonsets" | "ds" | "daemonset.apps" => ("apis/apps/v1", "daemonsets"),
        "replicaset" | "replicasets" | "rs" | "replicaset.apps" => ("apis/apps/v1", "replicasets"),
        "job" | "jobs" | "job.batch" => ("apis/batch/v1", "jobs"),
        _ => return None,
    })
}

/// A workload's pod selector as a label-selector string (`matchLabels` only,
/// plus `matchExpressions` rendered in the API's set-based syntax).
pub async fn workload_selector(
    conn: &Connection,
    ns: &str,
    kind: &str,
    name: &str,
) -> Result<Option<String>, Error> {
    let Some((prefix, plural)) = workload_path(kind) else {
        return Ok(None);
    };
    let req = http::Request::get(format!("/{prefix}/namespaces/{ns}/{plural}/{name}"))
        .body(Vec::new())
        .map_err(|e| Error::Unreachable {
            server: conn.server.clone(),
            message: e.to_string(),
        })?;
    let obj: Value = conn.client.request(req).await.map_err(|e| conn.error(e))?;
    let sel = obj.pointer("/spec/selector").unwrap_or(&Value::Null);
    Ok(Some(crate::k8s::workload::label_selector_string(sel)))
}

/// Whether a pod runs the Istio sidecar, and what to restart to change that.
pub fn pod_state(pod: &Pod) -> PodState {
    // As `inject::pod::find_sidecar`: a container or (native sidecar) init
    // container named istio-proxy.
    let has_sidecar = pod.spec.as_ref().is_some_and(|s| {
        s.containers
            .iter()
            .chain(s.init_containers.iter().flatten())
            .any(|c| c.name == "istio-proxy")
    });
    let hash = pod
        .metadata
        .labels
        .as_ref()
        .and_then(|l| l.get("pod-template-hash"))
        .map(String::as_str);
    let owner = pod
        .metadata
        .owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
        .map(|o| restart_target(&o.kind, &o.name, hash));
    PodState {
        name: pod.metadata.name.clone().unwrap_or_default(),
        has_sidecar,
        owner,
    }
}
