//! Envoy's admin API, reached either straight at a URL (`--admin`, a local
//! or VM Envoy, or one already port-forwarded) or through a Kubernetes
//! port-forward to a pod's admin port. Both speak the same small HTTP/1.1
//! exchange over a byte stream; errors name the address or the pod.

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::Api;

use super::http::{Response, exchange};

/// How long one admin request may take end to end.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Something that went wrong talking to an Envoy.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid admin URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("cannot connect to the Envoy admin API at {address}: {message}")]
    Connect { address: String, message: String },
    #[error(
        "Envoy admin API at {address} answered {status} to {method} {path}{}",
        snippet(body)
    )]
    Status {
        address: String,
        method: String,
        path: String,
        status: u16,
        body: String,
    },
    #[error("error talking to the Envoy admin API at {address}: {message}")]
    Io { address: String, message: String },
    #[error("timed out after {}s waiting for the Envoy admin API at {address}", TIMEOUT.as_secs())]
    Timeout { address: String },
    #[error("pod {pod}.{namespace} has no istio-proxy container, so there is no Envoy to ask")]
    NoSidecar { pod: String, namespace: String },
    #[error("pod {pod}.{namespace} is not running (phase {phase})")]
    NotRunning {
        pod: String,
        namespace: String,
        phase: String,
    },
    #[error("port-forward to pod {pod}.{namespace} port {port} failed: {message}")]
    PortForward {
        pod: String,
        namespace: String,
        port: u16,
        message: String,
    },
    #[error(transparent)]
    Kube(#[from] crate::k8s::Error),
}

impl Error {
    /// What to try next, if anything useful can be said.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoSidecar { pod, namespace } => Some(format!(
                "check why it was not injected: mast check-inject {pod}.{namespace}"
            )),
            Error::Connect { .. } => Some(
                "is Envoy running, and is its admin listener on that address? Istio binds it to localhost:15000 in the pod"
                    .into(),
            ),
            Error::Kube(e) => e.hint(),
            _ => None,
        }
    }
}

fn snippet(body: &str) -> String {
    let first = body.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        String::new()
    } else {
        let cut: String = first.chars().take(200).collect();
        format!(": {cut}")
    }
}

/// Where the admin API is.
#[derive(Clone)]
pub enum Target {
    /// `http://host:port[/prefix]`.
    Url { authority: String, prefix: String },
    /// A pod's admin port, through the API server's `pods/portforward`.
    Pod {
        client: kube::Client,
        server: String,
        namespace: String,
        pod: String,
        port: u16,
    },
}

/// An Envoy admin endpoint.
#[derive(Clone)]
pub struct Admin {
    target: Target,
}

impl Admin {
    /// Parse `--admin`: `http://host:port[/prefix]`, or a bare `host:port`.
    pub fn from_url(url: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::InvalidUrl {
            url: url.to_string(),
            reason: reason.to_string(),
        };
        let rest = if let Some(r) = url.strip_prefix("http://") {
            r
        } else if url.starts_with("https://") {
            return Err(bad(
                "https is not supported; Envoy's admin API is plain HTTP",
            ));
        } else if url.contains("://") {
            return Err(bad("only http:// URLs are supported"));
        } else {
            url
        };
        let (authority, prefix) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        if authority.is_empty() {
            return Err(bad("missing host"));
        }
        let authority = if has_port(authority) {
            authority.to_string()
        } else {
            format!("{authority}:80")
        };
        Ok(Admin {
            target: Target::Url {
                authority,
                prefix: prefix.to_string(),
            },
        })
    }

    /// A pod's admin port through a port-forward.
    pub fn pod(conn: &crate::k8s::Connection, namespace: &str, pod: &str, port: u16) -> Self {
        Admin {
            target: Target::Pod {
                client: conn.client.clone(),
                server: conn.server.clone(),
                namespace: namespace.to_string(),
                pod: pod.to_string(),
                port,
            },
        }
    }

    /// The address for messages: the URL, or `pod <name>.<ns>`.
    pub fn describe(&self) -> String {
        match &self.target {
            Target::Url { authority, prefix } => format!("http://{authority}{prefix}"),
            Target::Pod {
                namespace,
                pod,
                port,
                ..
            } => format!("pod {pod}.{namespace} (port {port})"),
        }
    }

    /// `GET path`; anything but 200 is an error.
    pub async fn get(&self, path: &str) -> Result<Vec<u8>, Error> {
        self.call("GET", path).await
    }

    /// `POST path` (used by `/logging`); anything but 200 is an error.
    pub async fn post(&self, path: &str) -> Result<Vec<u8>, Error> {
        self.call("POST", path).await
    }

    async fn call(&self, method: &str, path: &str) -> Result<Vec<u8>, Error> {
        let address = self.describe();
        let resp = match tokio::time::timeout(TIMEOUT, self.request(method, path)).await {
            Ok(r) => r?,
            Err(_) => return Err(Error::Timeout { address }),
        };
        if resp.status != 200 {
            return Err(Error::Status {
                address,
                method: method.to_string(),
                path: path.to_string(),
                status: resp.status,
                body: String::from_utf8_lossy(&resp.body).into_owned(),
            });
        }
        Ok(resp.body)
    }

    /// One request, whatever the status.
    pub async fn request(&self, method: &str, path: &str) -> Result<Response, Error> {
        let address = self.describe();
        let io = |e: std::io::Error| Error::Io {
            address: address.clone(),
            message: e.to_string(),
        };
        match &self.target {
            Target::Url { authority, prefix } => {
                let mut stream = tokio::net::TcpStream::connect(authority.as_str())
                    .await
                    .map_err(|e| Error::Connect {
                        address: address.clone(),
                        message: e.to_string(),
                    })?;
                let full = format!("{prefix}{path}");
                exchange(&mut stream, method, authority, &full)
                    .await
                    .map_err(io)
            }
            Target::Pod {
                client,
                server,
                namespace,
                pod,
                port,
            } => {
                let api: Api<Pod> = Api::namespaced(client.clone(), namespace);
                let pf_err = |message: String| Error::PortForward {
                    pod: pod.clone(),
                    namespace: namespace.clone(),
                    port: *port,
                    message,
                };
                let mut pf = api.portforward(pod, &[*port]).await.map_err(|e| match e {
                    kube::Error::Api(_) => Error::Kube(crate::k8s::Error::from_kube(server, e)),
                    other => pf_err(other.to_string()),
                })?;
                let mut stream = pf
                    .take_stream(*port)
                    .ok_or_else(|| pf_err("no stream for the port".into()))?;
                let resp = exchange(&mut stream, method, &format!("localhost:{port}"), path).await;
                drop(stream);
                pf.abort();
                resp.map_err(|e| pf_err(e.to_string()))
            }
        }
    }
}

fn has_port(authority: &str) -> bool {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest
            .split_once(']')
            .is_some_and(|(_, p)| p.starts_with(':'));
    }
    authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
}

/// Before forwarding: the pod must exist, run, and have an `istio-proxy`
/// container (or native-sidecar init container). istioctl skips this and
/// fails later with a bare EOF.
pub async fn check_sidecar(
    conn: &crate::k8s::Connection,
    namespace: &str,
    pod: &str,
) -> Result<(), Error> {
    let api: Api<Pod> = Api::namespaced(conn.client.clone(), namespace);
    let p = api.get(pod).await.map_err(|e| Error::Kube(conn.error(e)))?;
    if !has_istio_proxy(&p) {
        return Err(Error::NoSidecar {
            pod: pod.to_string(),
            namespace: namespace.to_string(),
        });
    }
    let phase = p
        .status
        .as_ref()
        .and_then(|s| s.phase.clone())
        .unwrap_or_default();
    if phase != "Running" {
        return Err(Error::NotRunning {
            pod: pod.to_string(),
            namespace: namespace.to_string(),
            phase,
        });
    }
    Ok(())
}

/// True if the pod runs an Envoy sidecar named `istio-proxy`.
pub fn has_istio_proxy(p: &Pod) -> bool {
    let Some(spec) = p.spec.as_ref() else {
        return false;
    };
    spec.containers.iter().any(|c| c.name == "istio-proxy")
        || spec
            .init_containers
            .as_ref()
            .is_some_and(|ic| ic.iter().any(|c| c.name == "istio-proxy"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            Admin::from_url("http://127.0.0.1:15000")
                .unwrap()
                .describe(),
            "http://127.0.0.1:15000"
        );
        assert_eq!(
            Admin::from_url("localhost:15000/").unwrap().describe(),
            "http://localhost:15000"
        );
        assert_eq!(
            Admin::from_url("http://envoy/admin/").unwrap().describe(),
            "http://envoy:80/admin"
        );
        assert_eq!(
            Admin::from_url("http://[::1]:15000").unwrap().describe(),
            "http://[::1]:15000"
        );
        assert!(Admin::from_url("https://x:1").is_err());
        assert!(Admin::from_url("http://").is_err());
    }

    #[tokio::test]
    async fn refused_names_the_address() {
        // Bind then drop a listener to get a port nobody listens on.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        let a = Admin::from_url(&format!("http://127.0.0.1:{port}")).unwrap();
        let e = a.get("/config_dump").await.unwrap_err().to_string();
        assert!(e.contains(&format!("127.0.0.1:{port}")), "{e}");
        assert!(
            e.starts_with("cannot connect to the Envoy admin API"),
            "{e}"
        );
    }
}
