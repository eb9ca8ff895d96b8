//! A document with its origin: where it came from and where each field is.

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::parse::FieldLines;

/// Where a stream came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Stdin => f.write_str("-"),
        }
    }
}

impl Source {
    /// Whether the source is a `.json` file (Istio never shows lines for those).
    pub fn is_json(&self) -> bool {
        matches!(self, Source::File(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
    }
}

/// A document's place in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub source: Source,
    /// Zero-based document index in the stream.
    pub index: usize,
    /// One-based line of the stream where the document's text starts (a
    /// leading `---` included).
    pub first_line: usize,
    /// One-based line where its content starts: the first line that is
    /// neither blank nor `---` (comments count), as Istio reports it.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One YAML (or JSON) document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The exact text the splitter cut, for documents passed through unchanged.
    pub raw: String,
    /// The parsed content; `None` for an empty or comment-only document.
    pub value: Option<Value>,
    pub origin: Origin,
    /// Field path → line relative to the document text (1 = `first_line`).
    pub fields: FieldLines,
}

impl Document {
    fn str_at(&self, pointer: &str) -> Option<&str> {
        self.value.as_ref()?.at(pointer)?.as_str()
    }

    pub fn kind(&self) -> Option<&str> {
        self.str_at("/kind")
    }

    pub fn api_version(&self) -> Option<&str> {
        self.str_at("/apiVersion")
    }

    pub fn name(&self) -> Option<&str> {
        self.str_at("/metadata/name")
    }

    pub fn namespace(&self) -> Option<&str> {
        self.str_at("/metadata/namespace")
    }

    /// Absolute line of a field (`.spec.http[0].route[0].destination.host`),
    /// if the document has it.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        self.fields
            .get(path)
            .map(|l| l + self.origin.first_line - 1)
    }

    /// `kind: List` documents expanded into one document per item, each with
    /// its own field lines; any other document is returned as is.
    pub fn expand_list(self) -> Vec<Document> {
        let is_list = self.kind() == Some("List")
            && self
                .value
                .as_ref()
                .is_some_and(|v| v.get("items").is_some_and(Value::is_array));
        if !is_list {
            return vec![self];
        }
        let Some(Value::Object(mut map)) = self.value else {
            return Vec::new();
        };
        let Some(Value::Array(items)) = map.remove("items") else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let prefix = format!(".items[{i}]");
            let fields: FieldLines = self
                .fields
                .iter()
                .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|rest| (rest.to_string(), *v)))
                .filter(|(k, _)| k.is_empty() || k.starts_with('.') || k.starts_with('['))
                .collect();
            let rel = fields.get("").copied().unwrap_or(1);
            let mut origin = self.origin.clone();
            origin.line = rel + self.origin.first_line - 1;
            let mut sub = Document {
                raw: String::new(),
                value: Some(item),
                origin,
                fields,
            };
            sub.fields.remove("");
            out.extend(sub.expand_list());
        }
        out
    }
}
