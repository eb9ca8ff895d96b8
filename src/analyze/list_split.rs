//! Splits a Kubernetes list response (`{"kind": .., "metadata": {..},
//! "items": [{..}, ..]}`) into its `metadata` and its items while the body
//! is still arriving, so each object is decoded on its own (from a small
//! contiguous slice, the fast path of serde_json) and the whole page is
//! never held in memory. The API server writes `metadata` before `items`,
//! so the continue token is known before the page's items are read.
//!
//! The splitter only tracks nesting, strings and the top-level keys; the
//! pieces it hands out are validated by the JSON parser that reads them.

/// A complete piece of the list.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// The list's `metadata` object (`continue`, `resourceVersion`).
    Metadata(&'a [u8]),
    /// One element of `items`.
    Item(&'a [u8]),
}

/// The incremental splitter: `feed` it the body's chunks in order.
#[derive(Debug, Default)]
pub struct ListSplitter {
    /// Bytes not yet handed out (only a partial piece is kept across chunks).
    buf: Vec<u8>,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// At depth 1, the next string is a key (not a value).
    expect_key: bool,
    key_start: Option<usize>,
    /// The last top-level key.
    key: Vec<u8>,
    in_items: bool,
    /// Start of the piece being read (an item, or `metadata`).
    start: Option<usize>,
}

impl ListSplitter {
    pub fn new() -> Self {
        ListSplitter::default()
    }

    /// Add a chunk of the body; `on` is called with each piece completed by it.
    pub fn feed<E>(
        &mut self,
        chunk: &[u8],
        mut on: impl FnMut(Piece<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let from = self.buf.len();
        self.buf.extend_from_slice(chunk);
        let mut i = from;
        let n = self.buf.len();
        while i < n {
            let c = self.buf[i];
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if c == b'\\' {
                    self.escaped = true;
                } else if c == b'"' {
                    self.in_string = false;
                    if let Some(ks) = self.key_start.take() {
                        self.key.clear();
                        self.key.extend_from_slice(&self.buf[ks..i]);
                    }
                } else {
                    // Skip to the next quote or backslash.
                    let rest = &self.buf[i + 1..];
                    let skip = rest
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\')
                        .unwrap_or(rest.len());
                    i += skip;
                }
                i += 1;
                continue;
            }
            match c {
                b'"' => {
                    self.in_string = true;
                    if self.depth == 1 && self.expect_key {
                        self.key_start = Some(i + 1);
                    }
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    match self.depth {
                        1 => self.expect_key = true,
                        2 if c == b'[' && self.key == b"items" => self.in_items = true,
                        2 if c == b'{' && self.key == b"metadata" => self.start = Some(i),
                        3 if self.in_items && c == b'{' => self.start = Some(i),
                        _ => {}
                    }
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    match self.depth {
                        2 if self.in_items => {
                            if let Some(s) = self.start.take() {
                                on(Piece::Item(&self.buf[s..=i]))?;
                            }
                        }
                        1 if self.in_items => self.in_items = false,
                        1 => {
                            if let Some(s) = self.start.take() {
                                on(Piece::Metadata(&self.buf[s..=i]))?;
                            }
                        }
                        _ => {}
                    }
                }
                b',' if self.depth == 1 => self.expect_key = true,
                b':' if self.depth == 1 => self.expect_key = false,
                _ => {}
            }
            i += 1;
        }
        // Keep only what an unfinished piece or key still needs.
        let keep = match (self.start, self.key_start) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => n,
        };
        self.buf.drain(..keep);
        self.start = self.start.map(|s| s - keep);
        self.key_start = self.key_start.map(|s| s - keep);
        Ok(())
    }

    /// Whether the body ended with the top-level object closed.
    pub fn is_complete(&self) -> bool {
        self.depth == 0 && !self.in_string && self.start.is_none() && !self.key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(chunks: &[&[u8]]) -> (Vec<String>, bool) {
        let mut s = ListSplitter::new();
        let mut out = Vec::new();
        for c in chunks {
            s.feed(c, |p| {
                out.push(match p {
                    Piece::Metadata(m) => format!("M{}", String::from_utf8_lossy(m)),
                    Piece::Item(m) => format!("I{}", String::from_utf8_lossy(m)),
                });
                Ok::<(), ()>(())
            })
            .unwrap();
        }
        (out, s.is_complete())
    }

    const LIST: &str = r#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"a\"}b"},"items":[{"metadata":{"name":"p{1"},"spec":{"c":[{"n":"x]"}]}} , {"a":"\\"}]}"#;

    #[test]
    fn metadata_and_items_in_one_chunk() {
        let (out, done) = split(&[LIST.as_bytes()]);
        assert_eq!(
            out,
            [
                r#"M{"resourceVersion":"7","continue":"a\"}b"}"#,
                r#"I{"metadata":{"name":"p{1"},"spec":{"c":[{"n":"x]"}]}}"#,
                r#"I{"a":"\\"}"#,
            ]
        );
        assert!(done);
    }

    #[test]
    fn every_chunk_boundary_gives_the_same_pieces() {
        let (whole, _) = split(&[LIST.as_bytes()]);
        let b = LIST.as_bytes();
        for cut in 0..=b.len() {
            let (out, done) = split(&[&b[..cut], &b[cut..]]);
            assert_eq!(out, whole, "cut at {cut}");
            assert!(done);
        }
        let bytes: Vec<&[u8]> = b.chunks(1).collect();
        assert_eq!(split(&bytes).0, whole);
    }

    #[test]
    fn keys_named_items_below_the_top_are_not_items() {
        let (out, _) =
            split(&[br#"{"metadata":{"items":[{"x":1}]},"items":[],"other":{"items":[{"y":2}]}}"#]);
        assert_eq!(out, [r#"M{"items":[{"x":1}]}"#]);
    }

    #[test]
    fn a_truncated_body_is_not_complete() {
        let b = LIST.as_bytes();
        assert!(!split(&[&b[..b.len() - 1]]).1);
        assert!(!split(&[b""]).1);
    }
}
