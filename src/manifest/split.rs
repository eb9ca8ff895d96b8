//! Splitting a YAML stream into documents exactly as Kubernetes' YAML reader
//! (apimachinery `yaml.YAMLReader`, used by kubectl and `istioctl kube-inject`)
//! does, one document at a time so a large stream needs bounded memory.
//!
//! The rules, all observable in istioctl's output:
//! - every line gets `\n` appended (CRLF becomes LF; a last line without a
//!   newline gets one);
//! - a line starting with `---` is a separator; the rest of it must be empty
//!   or a comment, otherwise the stream is invalid (`----` is an error);
//! - a separator ends a non-empty document and is dropped; on an empty buffer
//!   the separator line becomes the first line of the next document;
//! - at the end of input whatever is buffered is the last document; `...` is
//!   not special.

use std::io::BufRead;

/// One document's text as the splitter cut it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// The document's text, every line ending in `\n`.
    pub text: String,
    /// Zero-based position of the document in its stream.
    pub index: usize,
    /// One-based line of the stream where the document's text starts.
    pub first_line: usize,
}

impl RawDocument {
    /// One-based line of the first line that is neither blank nor a `---`
    /// separator (comment lines count): where a person would say the document
    /// starts. Falls back to the first line.
    pub fn start_line(&self) -> usize {
        for (n, line) in self.text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || (line.starts_with("---") && is_separator_rest(&line[3..])) {
                continue;
            }
            return self.first_line + n;
        }
        self.first_line
    }

    /// Whether the document holds nothing but blank lines, comments and
    /// separators.
    pub fn is_blank(&self) -> bool {
        self.text.lines().all(|line| {
            let t = line.trim();
            t.is_empty()
                || t.starts_with('#')
                || (line.starts_with("---") && is_separator_rest(&line[3..]))
        })
    }
}

fn is_separator_rest(rest: &str) -> bool {
    let r = rest.trim();
    r.is_empty() || r.starts_with('#')
}

/// A `---` line whose rest is neither empty nor a comment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid YAML document separator on line {line}: {rest:?}")]
pub struct SeparatorError {
    pub line: usize,
    pub rest: String,
}

/// Errors while splitting: bad separators and I/O.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    #[error(transparent)]
    Separator(#[from] SeparatorError),
    #[error("reading input: {0}")]
    Io(#[from] std::io::Error),
    #[error("input is not UTF-8 text (line {line})")]
    NotUtf8 { line: usize },
}

/// An iterator over the documents of a stream.
pub struct Splitter<R> {
    reader: R,
    line_no: usize,
    index: usize,
    buf: String,
    buf_first_line: usize,
    line: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Splitter<R> {
    pub fn new(reader: R) -> Self {
        Splitter {
            reader,
            line_no: 0,
            index: 0,
            buf: String::new(),
            buf_first_line: 1,
            line: Vec::with_capacity(256),
            done: false,
        }
    }

    fn take(&mut self) -> RawDocument {
        let doc = RawDocument {
            text: std::mem::take(&mut self.buf),
            index: self.index,
            first_line: self.buf_first_line,
        };
        self.index += 1;
        doc
    }

    fn next_doc(&mut self) -> Result<Option<RawDocument>, SplitError> {
        if self.done {
            return Ok(None);
        }
        loop {
            self.line.clear();
            let n = self.reader.read_until(b'\n', &mut self.line)?;
            if n == 0 {
                self.done = true;
                if self.buf.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.take()));
            }
            self.line_no += 1;
            // Strip the line ending (LF or CRLF), as bufio.ReadLine does.
            if self.line.last() == Some(&b'\n') {
                self.line.pop();
                if self.line.last() == Some(&b'\r') {
                    self.line.pop();
                }
            }
            let mut text = std::str::from_utf8(&self.line)
                .map_err(|_| SplitError::NotUtf8 { line: self.line_no })?;
            // A byte-order mark at the very start of the stream is not content.
            if self.line_no == 1 {
                text = text.strip_prefix('\u{feff}').unwrap_or(text);
            }
            if let Some(rest) = text.strip_prefix("---") {
                if !is_separator_rest(rest) {
                    return Err(SeparatorError {
                        line: self.line_no,
                        rest: rest.to_string(),
                    }
                    .into());
                }
                if !self.buf.is_empty() {
                    let doc = self.take();
                    self.buf_first_line = self.line_no + 1;
                    return Ok(Some(doc));
                }
            }
            if self.buf.is_empty() {
                self.buf_first_line = self.line_no;
            }
            self.buf.push_str(text);
            self.buf.push('\n');
        }
    }
}

impl<R: BufRead> Iterator for Splitter<R> {
    type Item = Result<RawDocument, SplitError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_doc() {
            Ok(Some(doc)) => Some(Ok(doc)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Split a whole string (convenience for tests and small inputs).
pub fn split_str(text: &str) -> Result<Vec<RawDocument>, SplitError> {
    Splitter::new(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        split_str(input)
            .unwrap()
            .into_iter()
            .map(|d| d.text)
            .collect()
    }

    #[test]
    fn empty_stream_has_no_documents() {
        assert!(texts("").is_empty());
    }

    #[test]
    fn separators_between_documents_are_dropped() {
        assert_eq!(texts("a: 1\n---\nb: 2\n"), ["a: 1\n", "b: 2\n"]);
    }

    #[test]
    fn leading_separator_becomes_part_of_the_first_document() {
        assert_eq!(texts("---\na: 1\n"), ["---\na: 1\n"]);
    }

    #[test]
    fn double_separator_starts_the_next_document() {
        assert_eq!(texts("A\n---\n---\nB\n"), ["A\n", "---\nB\n"]);
    }

    #[test]
    fn trailing_double_separator_is_a_document() {
        assert_eq!(texts("A\n---\n---\n"), ["A\n", "---\n"]);
        assert_eq!(texts("A\n---\n"), ["A\n"]);
    }

    #[test]
    fn separator_with_comment_is_a_separator() {
        assert_eq!(texts("a: 1\n--- # next\nb: 2\n"), ["a: 1\n", "b: 2\n"]);
    }

    #[test]
    fn bad_separator_is_an_error_naming_the_line() {
        let err = split_str("a: 1\n----\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid YAML document separator on line 2: \"-\""
        );
    }

    #[test]
    fn crlf_becomes_lf_and_last_line_gets_a_newline() {
        assert_eq!(texts("a: 1\r\nb: 2"), ["a: 1\nb: 2\n"]);
    }

    #[test]
    fn dots_are_not_special() {
        assert_eq!(texts("a: 1\n...\n"), ["a: 1\n...\n"]);
    }

    #[test]
    fn separator_inside_block_scalar_still_splits_like_kubernetes() {
        // Kubernetes' reader is line based: `---` at column 0 splits even
        // inside a block scalar. Indented `---` does not.
        assert_eq!(texts("a: |\n  ---\n  x\n"), ["a: |\n  ---\n  x\n"]);
        assert_eq!(texts("a: |\n---\nb: 1\n").len(), 2);
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(texts("\u{feff}a: 1\n"), ["a: 1\n"]);
    }

    #[test]
    fn lines_and_indexes_are_tracked() {
        let docs = split_str("# c\na: 1\n---\n\n# x\nb: 2\n").unwrap();
        assert_eq!(docs[0].first_line, 1);
        assert_eq!(docs[0].start_line(), 1);
        assert_eq!(docs[1].index, 1);
        assert_eq!(docs[1].first_line, 4);
        assert_eq!(docs[1].start_line(), 5);
    }

    #[test]
    fn blank_documents_are_recognised() {
        let docs = split_str("# only a comment\n---\na: 1\n").unwrap();
        assert!(docs[0].is_blank());
        assert!(!docs[1].is_blank());
    }
}
