//! The YAML document model: reading multi-document streams from files,
//! directories and stdin, split exactly as Kubernetes splits them, each
//! document keeping its origin (file, document index, first line and a
//! field → line index); writing documents back. This is the only module that
//! uses the YAML crate.

mod blocks;
mod document;
mod error;
mod fast;
mod parse;
mod read;
mod split;
mod write;

pub use crate::goyaml::{go_format_float, resolve_plain};
pub use blocks::{BlockKey, OwnedBlockKey, Place, Shade, Shadow};
pub use document::{Document, Origin, Source};
pub use error::{Error, ErrorKind};
pub use fast::Unsupported;
pub use parse::{
    DuplicateKeys, FieldLines, Limits, ParseError, Parsed, parse_document, parse_document_with,
    parse_full, parse_value, parse_value_memo,
};
pub use read::{
    DocumentReader, expand_paths, is_manifest_file, open, parse_raw, parse_raw_value, read_all,
    read_str,
};
pub use split::{RawDocument, SeparatorError, SplitError, Splitter, split_str};
/// The fast block-YAML reader on its own, for the parity test that holds it
/// to the full parser.
#[doc(hidden)]
pub fn parse_fast(text: &str) -> Result<Option<serde_json::Value>, Unsupported> {
    fast::parse(text, Limits::default().max_depth)
}
/// [`parse_fast`] with the thread's memo of block nodes (see
/// [`parse_value_memo`]).
#[doc(hidden)]
pub fn parse_fast_memo(text: &str) -> Result<Option<serde_json::Value>, Unsupported> {
    fast::parse_memo(text, Limits::default().max_depth)
}
/// [`parse_fast`] with the field-line index.
#[doc(hidden)]
pub fn parse_fast_lines(
    text: &str,
) -> Result<(Option<serde_json::Value>, FieldLines), Unsupported> {
    fast::parse_with_lines(text, Limits::default().max_depth)
}
pub use write::{to_yaml_string, write_stream};

/// The JSON type of a value as Go's `encoding/json` names it in its errors
/// (`cannot unmarshal string into ...`).
pub fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}
