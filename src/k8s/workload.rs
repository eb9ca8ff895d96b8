//! Naming pods the way istioctl does: `[<type>/]<name>[.<namespace>]`.
//!
//! A bare name is a pod. With a type, a pod is used as it is; a workload
//! (deployment, statefulset, daemonset, replicaset, replicationcontroller,
//! job) or a service stands for the pods its selector matches. Commands that
//! talk to one Envoy take the first of those pods in `kubectl logs` order
//! (kubectl's `podutils.ByLogging`, as istioctl's `GetFirstPod`); `log`
//! takes all of them.

use std::cmp::Ordering;

use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::Api;
use kube::api::ListParams;
use serde_json::Value;

use super::{Connection, Error as KubeError};

/// A pod argument split by istioctl's `inferNsInfo` rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The resource type before the `/`, if any (`deployment`, `pod`, ...).
    pub kind: Option<String>,
    pub name: String,
    /// What follows the last `.` (after the `/`, if there is one).
    pub namespace: Option<String>,
}

impl Target {
    /// Split `[<type>/]<name>[.<namespace>]`. Only a `.` after the `/`
    /// separates the namespace, so `deployment.apps/web.shop` works. A name
    /// or namespace left empty by a stray dot keeps the dot in the name.
    pub fn parse(arg: &str) -> Target {
        let (kind, rest) = match arg.rfind('/') {
            Some(i) if i > 0 => (Some(arg[..i].to_string()), &arg[i + 1..]),
            _ => (None, arg),
        };
        let (name, namespace) = match rest.rsplit_once('.') {
            Some((name, ns)) if !name.is_empty() && !ns.is_empty() => {
                (name.to_string(), Some(ns.to_string()))
            }
            _ => (rest.to_string(), None),
        };
        Target {
            kind,
            name,
            namespace,
        }
    }

    /// The kind, if it names something other than a pod.
    pub fn workload_kind(&self) -> Result<Option<Kind>, Error> {
        match &self.kind {
            None => Ok(None),
            Some(k) => match Kind::of(k) {
                Some(Kind::Pod) => Ok(None),
                Some(kind) => Ok(Some(kind)),
                None => Err(Error::UnsupportedKind(k.clone())),
            },
        }
    }
}

/// The resource types a pod argument may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pod,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    ReplicationController,
    Job,
    Service,
}

impl Kind {
    /// The kind a kubectl resource name stands for: singular, plural, short
    /// name or `plural.group` / `singular.group`, in any case.
    pub fn of(kind: &str) -> Option<Kind> {
        let kind = kind.to_ascii_lowercase();
        let base = kind
            .strip_suffix(".apps")
            .or_else(|| kind.strip_suffix(".batch"))
            .unwrap_or(&kind);
        Some(match base {
            "pod" | "pods" | "po" => Kind::Pod,
            "deployment" | "deployments" | "deploy" => Kind::Deployment,
            "statefulset" | "statefulsets" | "sts" => Kind::StatefulSet,
            "daemonset" | "daemonsets" | "ds" => Kind::DaemonSet,
            "replicaset" | "replicasets" | "rs" => Kind::ReplicaSet,
            "replicationcontroller" | "replicationcontrollers" | "rc" => {
                Kind::ReplicationController
            }
            "job" | "jobs" => Kind::Job,
            "service" | "services" | "svc" => Kind::Service,
            _ => return None,
        })
    }

    /// The API path of the kind's collection: (`apis/group/version` or
    /// `api/v1`, plural).
    fn path(self) -> (&'static str, &'static str) {
        match self {
            Kind::Pod => ("api/v1", "pods"),
            Kind::Deployment => ("apis/apps/v1", "deployments"),
            Kind::StatefulSet => ("apis/apps/v1", "statefulsets"),
            Kind::DaemonSet => ("apis/apps/v1", "daemonsets"),
            Kind::ReplicaSet => ("apis/apps/v1", "replicasets"),
            Kind::ReplicationController => ("api/v1", "replicationcontrollers"),
            Kind::Job => ("apis/batch/v1", "jobs"),
            Kind::Service => ("api/v1", "services"),
        }
    }

    /// The lower-case singular name, for messages (`deployment/web`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pod => "pod",
            Kind::Deployment => "deployment",
            Kind::StatefulSet => "statefulset",
            Kind::DaemonSet => "daemonset",
            Kind::ReplicaSet => "replicaset",
            Kind::ReplicationController => "replicationcontroller",
            Kind::Job => "job",
            Kind::Service => "service",
        }
    }

    /// `spec.selector` is a plain label map (not a `LabelSelector`).
    fn map_selector(self) -> bool {
        matches!(self, Kind::ReplicationController | Kind::Service)
    }
}

/// Why a pod argument did not lead to pods.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "cannot find pods through a {0:?}: name a pod, or one of deployment, statefulset, daemonset, replicaset, replicationcontroller, job, service"
    )]
    UnsupportedKind(String),
    #[error("no pods match {kind}/{name} in namespace {namespace}")]
    NoPods {
        kind: &'static str,
        name: String,
        namespace: String,
    },
    #[error("{kind}/{name} in namespace {namespace} has no pod selector")]
    NoSelector {
        kind: &'static str,
        name: String,
        namespace: String,
    },
    #[error(transparent)]
    Kube(#[from] KubeError),
}

impl Error {
    /// What to try next, if anything useful can be said.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Kube(e) => e.hint(),
            _ => None,
        }
    }
}

/// The label selector (API string syntax) of a workload or service object.
/// `None` when it has none. A `LabelSelector` with neither `matchLabels`
/// nor `matchExpressions` selects everything, as in Kubernetes.
pub fn selector_of(kind: Kind, obj: &Value) -> Option<String> {
    let sel = obj.pointer("/spec/selector")?;
    if kind.map_selector() {
        let terms = match_labels(sel);
        return (!terms.is_empty()).then(|| terms.join(","));
    }
    sel.is_object().then(|| label_selector_string(sel))
}

/// A `LabelSelector` (`matchLabels` and `matchExpressions`) in the API's
/// string syntax (`app=web,tier in (a,b),!legacy`).
pub fn label_selector_string(sel: &Value) -> String {
    let mut terms = sel.get("matchLabels").map(match_labels).unwrap_or_default();
    for e in sel
        .get("matchExpressions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = e.get("key").and_then(Value::as_str).unwrap_or_default();
        let values: Vec<&str> = e
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        terms.push(
            match e
                .get("operator")
                .and_then(Value::as_str)
                .unwrap_or_default()
            {
                "In" => format!("{key} in ({})", values.join(",")),
                "NotIn" => format!("{key} notin ({})", values.join(",")),
                "DoesNotExist" => format!("!{key}"),
                _ => key.to_string(),
            },
        );
    }
    terms.join(",")
}

/// `key=value` terms of a plain label map.
fn match_labels(m: &Value) -> Vec<String> {
    m.as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
        .collect()
}

/// The pods a workload or service selects, in `kubectl logs` order
/// ([`by_logging`]); empty when it selects none.
pub async fn pods_of(
    conn: &Connection,
    kind: Kind,
    name: &str,
    namespace: &str,
) -> Result<Vec<Pod>, Error> {
    let (prefix, plural) = kind.path();
    let req = http::Request::get(format!("/{prefix}/namespaces/{namespace}/{plural}/{name}"))
        .body(Vec::new())
        .map_err(|e| KubeError::Unreachable {
            server: conn.server.clone(),
            message: e.to_string(),
        })?;
    let obj: Value = conn.client.request(req).await.map_err(|e| conn.error(e))?;
    let Some(selector) = selector_of(kind, &obj) else {
        return Err(Error::NoSelector {
            kind: kind.name(),
            name: name.to_string(),
            namespace: namespace.to_string(),
        });
    };
    let mut pods = Api::<Pod>::namespaced(conn.client.clone(), namespace)
        .list(&ListParams::default().labels(&selector))
        .await
        .map_err(|e| conn.error(e))?
        .items;
    pods.sort_by(by_logging);
    Ok(pods)
}

/// Resolve a pod argument to one pod: (name, namespace). A pod name is taken
/// as it is (not looked up); a workload or service gives its first pod in
/// `kubectl logs` order.
pub async fn first_pod(
    conn: &Connection,
    target: &Target,
    namespace: &str,
) -> Result<String, Error> {
    let Some(kind) = target.workload_kind()? else {
        return Ok(target.name.clone());
    };
    let pods = pods_of(conn, kind, &target.name, namespace).await?;
    pods.into_iter()
        .find_map(|p| p.metadata.name)
        .ok_or_else(|| Error::NoPods {
            kind: kind.name(),
            name: target.name.clone(),
            namespace: namespace.to_string(),
        })
}

/// Resolve a pod argument to every pod it names (one for a pod name).
pub async fn all_pods(
    conn: &Connection,
    target: &Target,
    namespace: &str,
) -> Result<Vec<String>, Error> {
    let Some(kind) = target.workload_kind()? else {
        return Ok(vec![target.name.clone()]);
    };
    let names: Vec<String> = pods_of(conn, kind, &target.name, namespace)
        .await?
        .into_iter()
        .filter_map(|p| p.metadata.name)
        .collect();
    if names.is_empty() {
        return Err(Error::NoPods {
            kind: kind.name(),
            name: target.name.clone(),
            namespace: namespace.to_string(),
        });
    }
    Ok(names)
}

/// kubectl's `podutils.ByLogging`: the pod `kubectl logs deployment/x`
/// would pick comes first. Scheduled before unscheduled; Running, then
/// Unknown, then Pending (other phases rank with Running, as in kubectl);
/// ready before not ready; ready longer before ready more recently; more
/// container restarts (then native-sidecar restarts) first; older first.
pub fn by_logging(a: &Pod, b: &Pod) -> Ordering {
    let node = |p: &Pod| {
        p.spec
            .as_ref()
            .and_then(|s| s.node_name.as_deref())
            .unwrap_or_default()
            .is_empty()
    };
    let phase = |p: &Pod| match p.status.as_ref().and_then(|s| s.phase.as_deref()) {
        Some("Unknown") => 1,
        Some("Pending") => 2,
        _ => 0,
    };
    let (ra, rb) = (readiness(a), readiness(b));
    let ready = |r: Readiness| r != Readiness::NotReady;
    let ready_order = match (ra, rb) {
        // Ready for longer first; a ready pod without a transition time last.
        (Readiness::Ready(Some(x)), Readiness::Ready(Some(y))) => x.cmp(y),
        (Readiness::Ready(None), Readiness::Ready(Some(_))) => Ordering::Greater,
        (Readiness::Ready(Some(_)), Readiness::Ready(None)) => Ordering::Less,
        _ => Ordering::Equal,
    };
    let (created_a, created_b) = (
        a.metadata.creation_timestamp.as_ref(),
        b.metadata.creation_timestamp.as_ref(),
    );
    node(a)
        .cmp(&node(b))
        .then_with(|| phase(a).cmp(&phase(b)))
        .then_with(|| ready(rb).cmp(&ready(ra)))
        .then(ready_order)
        .then_with(|| restarts(b).cmp(&restarts(a)))
        .then_with(|| match (created_a, created_b) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
}

/// A pod's Ready condition: not ready, or ready since the condition's last
/// transition (which may be unset).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Readiness<'a> {
    NotReady,
    Ready(Option<&'a Time>),
}

fn readiness(p: &Pod) -> Readiness<'_> {
    p.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .find(|c| c.type_ == "Ready" && c.status == "True")
        .map_or(Readiness::NotReady, |c| {
            Readiness::Ready(c.last_transition_time.as_ref())
        })
}

/// (highest container restart count, highest restart count of native
/// sidecars), compared in that order.
fn restarts(p: &Pod) -> (i32, i32) {
    let Some(status) = p.status.as_ref() else {
        return (0, 0);
    };
    let regular = status
        .container_statuses
        .iter()
        .flatten()
        .map(|c| c.restart_count)
        .max()
        .unwrap_or(0);
    let sidecars: Vec<&str> = p
        .spec
        .as_ref()
        .and_then(|s| s.init_containers.as_ref())
        .into_iter()
        .flatten()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .map(|c| c.name.as_str())
        .collect();
    let sidecar = status
        .init_container_statuses
        .iter()
        .flatten()
        .filter(|c| sidecars.contains(&c.name.as_str()))
        .map(|c| c.restart_count)
        .max()
        .unwrap_or(0);
    (regular, sidecar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn target(kind: Option<&str>, name: &str, ns: Option<&str>) -> Target {
        Target {
            kind: kind.map(str::to_string),
            name: name.to_string(),
            namespace: ns.map(str::to_string),
        }
    }

    #[test]
    fn targets_split_like_istioctl() {
        assert_eq!(Target::parse("web-1"), target(None, "web-1", None));
        assert_eq!(
            Target::parse("web-1.prod"),
            target(None, "web-1", Some("prod"))
        );
        assert_eq!(
            Target::parse("deployment/web.prod"),
            target(Some("deployment"), "web", Some("prod"))
        );
        assert_eq!(
            Target::parse("deployment.apps/web"),
            target(Some("deployment.apps"), "web", None)
        );
        assert_eq!(Target::parse("web."), target(None, "web.", None));
        assert_eq!(Target::parse("/web"), target(None, "/web", None));
    }

    #[test]
    fn kinds_by_kubectl_names() {
        for k in [
            "deploy",
            "Deployment",
            "deployments.apps",
            "deployment.apps",
        ] {
            assert_eq!(Kind::of(k), Some(Kind::Deployment), "{k}");
        }
        assert_eq!(Kind::of("po"), Some(Kind::Pod));
        assert_eq!(Kind::of("svc"), Some(Kind::Service));
        assert_eq!(Kind::of("job.batch"), Some(Kind::Job));
        assert_eq!(Kind::of("configmap"), None);
        assert!(matches!(
            Target::parse("cm/x").workload_kind(),
            Err(Error::UnsupportedKind(_))
        ));
        assert_eq!(Target::parse("pod/x").workload_kind().unwrap(), None);
        assert_eq!(
            Target::parse("sts/x").workload_kind().unwrap(),
            Some(Kind::StatefulSet)
        );
    }

    #[test]
    fn selectors() {
        let dep = json!({"spec": {"selector": {
        "matchLabels": {"app": "web"},
        "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["a", "b"]},
            {"key": "x", "operator": "Exists"},
            {"key": "y", "operator": "DoesNotExist"}
        ]}}});
        assert_eq!(
            selector_of(Kind::Deployment, &dep).as_deref(),
            Some("app=web,tier in (a,b),x,!y")
        );
        let svc = json!({"spec": {"selector": {"app": "web", "v": "1"}}});
        assert_eq!(
            selector_of(Kind::Service, &svc).as_deref(),
            Some("app=web,v=1")
        );
        assert_eq!(selector_of(Kind::Service, &json!({"spec": {}})), None);
        assert_eq!(
            selector_of(Kind::Service, &json!({"spec": {"selector": {}}})),
            None
        );
        assert_eq!(
            selector_of(Kind::Deployment, &json!({"spec": {"selector": {}}})).as_deref(),
            Some("")
        );
    }

    fn pod(v: Value) -> Pod {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn logging_order() {
        let running_ready = |name: &str, since: &str, created: &str| {
            pod(json!({
                "metadata": {"name": name, "creationTimestamp": created},
                "spec": {"nodeName": "n", "containers": []},
                "status": {"phase": "Running", "conditions": [
                    {"type": "Ready", "status": "True", "lastTransitionTime": since}]}
            }))
        };
        let mut pods = vec![
            pod(
                json!({"metadata": {"name": "unscheduled"}, "spec": {"containers": []},
                       "status": {"phase": "Running"}}),
            ),
            pod(
                json!({"metadata": {"name": "pending"}, "spec": {"nodeName": "n", "containers": []},
                       "status": {"phase": "Pending"}}),
            ),
            pod(
                json!({"metadata": {"name": "not-ready"}, "spec": {"nodeName": "n", "containers": []},
                       "status": {"phase": "Running"}}),
            ),
            running_ready(
                "ready-later",
                "2026-01-02T00:00:00Z",
                "2026-01-01T00:00:00Z",
            ),
            running_ready(
                "ready-first",
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z",
            ),
        ];
        let mut restarted =
            running_ready("restarted", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z");
        restarted.status.as_mut().unwrap().container_statuses = Some(vec![
            serde_json::from_value(json!({
                "name": "app", "restartCount": 3, "ready": true, "image": "i", "imageID": ""
            }))
            .unwrap(),
        ]);
        pods.push(restarted);
        pods.sort_by(by_logging);
        let names: Vec<_> = pods
            .iter()
            .map(|p| p.metadata.name.as_deref().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "ready-first",
                "restarted",
                "ready-later",
                "not-ready",
                "pending",
                "unscheduled"
            ]
        );
    }
}
