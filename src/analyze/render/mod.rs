//! One renderer per output format. Each is a pure function from diagnostics
//! to the exact text for stdout.

mod github;
mod json;
mod log;
mod sarif;
mod yaml;

pub use github::github;
pub use json::json;
pub use log::log;
pub use sarif::sarif;
pub use yaml::yaml;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Log,
    Json,
    Yaml,
    Sarif,
    Github,
}

impl Format {
    /// Whether people read it (summary lines go to stderr only for these).
    pub fn is_human(self) -> bool {
        matches!(self, Format::Log | Format::Github)
    }
}
