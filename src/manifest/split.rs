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

    /// Append the complete lines at the start of the reader's buffer that
    /// are neither separators nor CRLF-terminated nor invalid UTF-8 (each
    /// one kept as it is, which is what the line-by-line path would make of
    /// it). Whether any were taken.
    fn copy_plain_lines(&mut self) -> Result<bool, SplitError> {
        let avail = self.reader.fill_buf()?;
        let mut n = plain_prefix(avail);
        let text = match std::str::from_utf8(&avail[..n]) {
            Ok(text) => text,
            Err(e) => {
                // The lines before the bad one; the bad one is reported by
                // the line-by-line path, with its number.
                let valid = &avail[..e.valid_up_to()];
                n = memchr::memrchr(b'\n', valid).map_or(0, |p| p + 1);
                std::str::from_utf8(&avail[..n]).expect("a valid prefix")
            }
        };
        if n == 0 {
            return Ok(false);
        }
        if self.buf.is_empty() {
            self.buf_first_line = self.line_no + 1;
        }
        self.buf.push_str(text);
        self.line_no += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        self.reader.consume(n);
        Ok(true)
    }

    fn next_doc(&mut self) -> Result<Option<RawDocument>, SplitError> {
        if self.done {
            return Ok(None);
        }
        loop {
            // After the first line (which may carry a byte-order mark), whole
            // lines that need no handling are copied from the reader's buffer
            // at once; the rest go one line at a time below.
            if self.line_no > 0 && self.copy_plain_lines()? {
                continue;
            }
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

/// The length of the complete lines at the start of `buf` (which starts a
/// line) up to the first separator line or the first line holding `\r`.
fn plain_prefix(buf: &[u8]) -> usize {
    if buf.starts_with(b"---") {
        return 0;
    }
    let mut end = match memchr::memmem::find(buf, b"\n---") {
        Some(p) => p + 1,
        None => memchr::memrchr(b'\n', buf).map_or(0, |p| p + 1),
    };
    if let Some(cr) = memchr::memchr(b'\r', &buf[..end]) {
        end = memchr::memrchr(b'\n', &buf[..cr]).map_or(0, |p| p + 1);
    }
    end
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

    /// Whole lines are copied from the reader's buffer in bulk where they
    /// need no handling; the result must not depend on where the buffer
    /// boundaries fall.
    #[test]
    fn buffer_boundaries_do_not_change_the_result() {
        let inputs: &[&[u8]] = &[
            b"a: 1\nb: 2\n---\nc: 3\n",
            b"\xef\xbb\xbfa: 1\n---\n---\nb: |\n  ---\n  x\n",
            b"a: 1\r\nb: 2\r\n---\r\nc: 3",
            b"a: 1\nb: x\ry\nc: 2\n---\nd: 4\n",
            b"\n\n# c\na: 1\n--- # sep\n\nb: 2\n---\n",
            b"a: 1\nb: \xff\nc: 3\n",
            b"a: 1\n----\nb: 2\n",
            b"a: \xc3\xa9t\xc3\xa9\n---\nb: \xe2\x82\xac\n",
        ];
        let summary = |r: Result<RawDocument, SplitError>| match r {
            Ok(d) => format!("{}@{}:{:?}", d.index, d.first_line, d.text),
            Err(e) => format!("error: {e}"),
        };
        for input in inputs {
            let whole: Vec<String> = Splitter::new(*input).map(summary).collect();
            for cap in 1..=input.len() + 1 {
                let reader = std::io::BufReader::with_capacity(cap, *input);
                let got: Vec<String> = Splitter::new(reader).map(summary).collect();
                assert_eq!(got, whole, "buffer of {cap} bytes, input {input:?}");
            }
        }
        // What the cases above come to.
        let docs = split_str("a: 1\r\nb: 2\r\n---\r\nc: 3").unwrap();
        assert_eq!(docs[0].text, "a: 1\nb: 2\n");
        assert_eq!((docs[1].text.as_str(), docs[1].first_line), ("c: 3\n", 4));
        let bad: Vec<_> = Splitter::new(&b"a: 1\nb: \xff\nc: 3\n"[..]).collect();
        assert!(
            matches!(bad[0], Err(SplitError::NotUtf8 { line: 2 })),
            "{bad:?}"
        );
        let cr = split_str("a: 1\nb: x\ry\nc: 2\n").unwrap();
        assert_eq!(cr[0].text, "a: 1\nb: x\ry\nc: 2\n");
    }
}
