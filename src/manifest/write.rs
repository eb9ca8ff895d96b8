//! Writing documents back, deterministically.

use std::io::{self, Write};

use super::document::Document;

/// Serialize any value as YAML (block style, two-space indent, strings that
/// would read back as another type quoted, so YAML 1.1 readers agree).
pub fn to_yaml_string<T: serde::Serialize + ?Sized>(
    value: &T,
) -> Result<String, serde_saphyr::SerializeError> {
    let mut opts = serde_saphyr::SerializerOptions::default();
    opts.indent_step = 2;
    serde_saphyr::to_string_with_options(&value, opts)
}

/// Write documents as a stream: each document followed by `---\n`, except
/// that the stream never starts with a separator. Documents without a value
/// are written as their raw text.
pub fn write_stream<'a, W: Write, I: IntoIterator<Item = &'a Document>>(
    w: &mut W,
    docs: I,
) -> io::Result<()> {
    let mut first = true;
    for doc in docs {
        if !first {
            w.write_all(b"---\n")?;
        }
        first = false;
        match &doc.value {
            Some(v) => {
                let text = to_yaml_string(v).map_err(io::Error::other)?;
                w.write_all(text.as_bytes())?;
            }
            None => w.write_all(doc.raw.as_bytes())?,
        }
    }
    Ok(())
}
