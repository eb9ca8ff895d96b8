//! Errors from the cluster, keeping the API server's Status.

use std::fmt;

use kube::core::Status;

/// A cluster error. Each prints as one line; [`Error::hint`] says what to try.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No usable kubeconfig or in-cluster configuration.
    #[error("cannot load cluster configuration: {message}")]
    Config {
        message: String,
        /// The kubeconfig files that were tried, in order.
        tried: Vec<std::path::PathBuf>,
    },
    /// The API server answered with a failure Status.
    #[error("{}", api_line(server, status))]
    Api { server: String, status: Box<Status> },
    /// The API server could not be reached (refused, DNS, TLS, timeout).
    #[error("cannot reach the Kubernetes API server at {server}: {message}")]
    Unreachable { server: String, message: String },
    /// Anything else the client library reported.
    #[error("Kubernetes client error talking to {server}: {source}")]
    Client {
        server: String,
        #[source]
        source: kube::Error,
    },
}

fn api_line(server: &str, status: &Status) -> String {
    let reason = if status.reason.is_empty() {
        "Failure"
    } else {
        &status.reason
    };
    let message = if status.message.is_empty() {
        "no message"
    } else {
        &status.message
    };
    format!("{message} ({} {reason}, from {server})", status.code)
}

impl Error {
    /// Classify a kube error, remembering which server was asked.
    pub fn from_kube(server: &str, err: kube::Error) -> Self {
        match err {
            kube::Error::Api(status) => Error::Api {
                server: server.to_string(),
                status,
            },
            kube::Error::HyperError(e) => Error::Unreachable {
                server: server.to_string(),
                message: full_chain(&e),
            },
            kube::Error::Service(e) => Error::Unreachable {
                server: server.to_string(),
                message: full_chain(e.as_ref()),
            },
            other => Error::Client {
                server: server.to_string(),
                source: other,
            },
        }
    }

    /// The HTTP code of an API failure, if that is what this is.
    pub fn code(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(status.code),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(404)
    }

    pub fn is_conflict(&self) -> bool {
        self.code() == Some(409)
    }

    pub fn is_forbidden(&self) -> bool {
        self.code() == Some(403)
    }

    pub fn is_unauthorized(&self) -> bool {
        self.code() == Some(401)
    }

    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Unreachable { .. })
    }

    /// The API server's Status, if it sent one.
    pub fn status(&self) -> Option<&Status> {
        match self {
            Error::Api { status, .. } => Some(status),
            _ => None,
        }
    }

    /// A hint for the user, printed after the error.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Config { tried, .. } => Some(if tried.is_empty() {
                "set KUBECONFIG or pass --kubeconfig; offline commands accept files instead".into()
            } else {
                format!(
                    "kubeconfig tried: {}; pass --kubeconfig or --context to choose another",
                    tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                )
            }),
            Error::Unreachable { .. } => Some(
                "check that the cluster is running and that your kubeconfig context points at it (--context, --kubeconfig)".into(),
            ),
            Error::Api { status, .. } if status.code == 401 => {
                Some("your credentials were rejected; refresh them or pick another --context".into())
            }
            Error::Api { status, .. } if status.code == 403 => {
                Some("your user lacks permission for this; ask for the RBAC role or use another --context".into())
            }
            _ => None,
        }
    }
}

fn full_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cur = c.source();
    }
    out
}

/// Display helper for a namespaced object reference.
pub struct ObjectRef<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub namespace: Option<&'a str>,
}

impl fmt::Display for ObjectRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.namespace {
            Some(ns) => write!(f, "{} {}/{}", self.kind, ns, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, reason: &str, message: &str) -> Box<Status> {
        let mut s = Status::failure(message, reason);
        s.code = code;
        Box::new(s)
    }

    #[test]
    fn api_errors_keep_code_and_print_one_line() {
        let e = Error::from_kube(
            "https://127.0.0.1:6443",
            kube::Error::Api(status(404, "NotFound", "namespaces \"nope\" not found")),
        );
        assert!(e.is_not_found());
        assert!(!e.is_conflict());
        assert_eq!(
            e.to_string(),
            "namespaces \"nope\" not found (404 NotFound, from https://127.0.0.1:6443)"
        );
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn forbidden_has_a_hint() {
        let e = Error::Api {
            server: "s".into(),
            status: status(403, "Forbidden", "no"),
        };
        assert!(e.is_forbidden());
        assert!(e.hint().unwrap().contains("permission"));
    }
}
