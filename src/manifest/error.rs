//! Errors that name the file, the document and the line.

use std::fmt;

use super::document::Source;

/// What went wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The YAML could not be parsed.
    Syntax(String),
    /// A `---` line with trailing text.
    Separator(String),
    /// The file or directory could not be read.
    Io(String),
    /// The bytes are not UTF-8.
    NotUtf8,
    /// The document parsed but has the wrong shape (not a mapping, wrong types).
    Shape(String),
}

/// A manifest error: `app.yaml: document 2 (line 14): ...`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    pub file: Source,
    /// Zero-based document index, if the error is inside a document.
    pub index: Option<usize>,
    /// Absolute one-based line, if known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub kind: ErrorKind,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(i) = self.index {
            write!(f, " (document {})", i + 1)?;
        }
        write!(f, ": {}", self.detail())
    }
}

impl Error {
    /// What went wrong, without the file and line (for formats that carry
    /// the location apart: SARIF, GitHub annotations).
    pub fn detail(&self) -> String {
        match &self.kind {
            ErrorKind::Syntax(m) => format!("invalid YAML: {m}"),
            ErrorKind::Separator(rest) => format!("invalid YAML document separator: {rest:?}"),
            ErrorKind::Io(m) | ErrorKind::Shape(m) => m.clone(),
            ErrorKind::NotUtf8 => "input is not UTF-8 text".to_string(),
        }
    }

    pub fn io(source: Source, err: &std::io::Error) -> Self {
        Error {
            file: source,
            index: None,
            line: None,
            column: None,
            kind: ErrorKind::Io(err.to_string()),
        }
    }

    /// An error about a document's content, for commands that check shapes.
    pub fn shape(doc: &super::Document, message: impl Into<String>) -> Self {
        Error {
            file: doc.origin.source.clone(),
            index: Some(doc.origin.index),
            line: Some(doc.origin.line),
            column: None,
            kind: ErrorKind::Shape(message.into()),
        }
    }
}
