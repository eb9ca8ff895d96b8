//! Exit codes, in one place. The numbers follow istioctl's `sysexits.go`, so
//! scripts written against istioctl keep working.

use std::fmt;

/// A process exit status with a meaning users can script against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Everything worked.
    Ok,
    /// An error that is not the user's input or usage (I/O, network, cluster).
    Error,
    /// Incorrect usage: an unknown flag, a bad flag value, a missing argument.
    Usage,
    /// The input data could not be parsed or has the wrong shape.
    DataError,
    /// `analyze` found messages at or above the failure threshold.
    FindingsFound,
}

impl Code {
    /// The numeric exit status.
    pub const fn as_i32(self) -> i32 {
        match self {
            Code::Ok => 0,
            Code::Error => 1,
            Code::Usage => 64,
            Code::DataError => 65,
            Code::FindingsFound => 79,
        }
    }
}

impl From<Code> for std::process::ExitCode {
    fn from(code: Code) -> Self {
        // Every value fits in a u8; the match keeps the conversion explicit.
        let n: u8 = match code {
            Code::Ok => 0,
            Code::Error => 1,
            Code::Usage => 64,
            Code::DataError => 65,
            Code::FindingsFound => 79,
        };
        std::process::ExitCode::from(n)
    }
}

/// An error that knows which exit code it maps to. Wrap an error in it (or
/// return it from a command) to override the default of [`Code::Error`].
#[derive(Debug)]
pub struct Failure {
    pub code: Code,
    pub error: anyhow::Error,
    /// A hint printed after a blank line, if any.
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(code: Code, error: impl Into<anyhow::Error>) -> Self {
        Failure {
            code,
            error: error.into(),
            hint: None,
        }
    }

    pub fn usage(msg: impl fmt::Display) -> Self {
        Failure::new(Code::Usage, anyhow::anyhow!("{msg}"))
    }

    pub fn data(error: impl Into<anyhow::Error>) -> Self {
        Failure::new(Code::DataError, error)
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

/// Find the exit code for an error: the first [`Failure`] in the chain decides,
/// a manifest error means bad input data, anything else is a plain error.
pub fn code_for(err: &anyhow::Error) -> Code {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.code;
        }
        if cause.downcast_ref::<crate::manifest::Error>().is_some() {
            return Code::DataError;
        }
    }
    if let Some(f) = err.downcast_ref::<Failure>() {
        return f.code;
    }
    Code::Error
}

/// Whether the error is a broken pipe on output (`mast ... | head`), which is
/// not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The hint attached to the error, if any: a [`Failure`]'s own, else the
/// cluster error's.
pub fn hint_for(err: &anyhow::Error) -> Option<String> {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>()
            && let Some(h) = &f.hint
        {
            return Some(h.clone());
        }
        if let Some(k) = cause.downcast_ref::<crate::k8s::Error>() {
            return k.hint();
        }
    }
    err.downcast_ref::<Failure>().and_then(|f| f.hint.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_istioctl() {
        assert_eq!(Code::Ok.as_i32(), 0);
        assert_eq!(Code::Error.as_i32(), 1);
        assert_eq!(Code::Usage.as_i32(), 64);
        assert_eq!(Code::DataError.as_i32(), 65);
        assert_eq!(Code::FindingsFound.as_i32(), 79);
    }

    #[test]
    fn failure_in_chain_decides_the_code() {
        let err = anyhow::Error::new(Failure::usage("bad flag")).context("while parsing");
        assert_eq!(code_for(&err), Code::Usage);
        let plain = anyhow::anyhow!("boom");
        assert_eq!(code_for(&plain), Code::Error);
    }

    #[test]
    fn broken_pipe_is_detected_through_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::new(io).context("writing stdout");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
