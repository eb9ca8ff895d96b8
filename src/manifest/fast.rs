//! A fast reader for the block-YAML subset almost every manifest is written
//! in: indented mappings and sequences, plain and single-line quoted scalars,
//! `|`/`|-` literal blocks, one-line flow collections of scalars, comments.
//!
//! It either returns exactly the value the full parser ([`super::parse`])
//! would, or gives up (`None`) and the caller runs the full parser, which
//! also owns every error message. Anything outside the subset gives up:
//! anchors, aliases, tags, merge keys, folded or indicator-carrying block
//! scalars, multi-line flow or quoted scalars, plain scalars continued on the
//! next line, tabs in structure, duplicate keys, directives. The parity test
//! (`tests/yaml_fast.rs`) holds it to the full parser's value on every YAML
//! document of the upstream module and the corpus, and on mutations of them.

use std::rc::Rc;

use serde_json::Value;

use super::blocks::{Block, Place, Shadow, Site};
use super::parse::{Entries, FieldLines};
use crate::goyaml::{key_string, resolve_plain};

#[derive(Clone, Copy)]
struct Line {
    /// Byte offset of the line's first character.
    start: usize,
    /// Byte offset of its content (first non-space; or, for a sequence
    /// entry's inline mapping, the first key).
    content: usize,
    /// Byte offset of its end (the `\n`, or the end of the text).
    end: usize,
    /// Column of `content`.
    indent: usize,
    /// Blank or comment-only.
    skip: bool,
}

struct Reader<'a> {
    text: &'a str,
    lines: Vec<Line>,
    pos: usize,
    max_depth: usize,
    /// Field path → line, when asked for (see [`super::parse::FieldLines`]).
    fields: Option<FieldLines>,
    /// The path of the node being read.
    path: String,
    /// Reuse block nodes read before on this thread (see [`Memo`]), and
    /// keep the [`Shadow`] of what is read.
    memo: bool,
    /// With `memo`: leave a reused node's value out of the value read (a
    /// null in its place), in its shadow instead (see [`Shade::resolve`]).
    ///
    /// [`Shade::resolve`]: super::Shade::resolve
    lazy: bool,
    /// With `memo`: the shadows of the nodes read and not yet taken into
    /// their parent's (every node read pushes one).
    shadows: Vec<Shadow>,
}

/// The document is outside the fast reader's subset: use the full parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

/// The document's value; `Ok(None)` for a document with no node (blank,
/// comments, a bare `---`).
pub(super) fn parse(text: &str, max_depth: usize) -> Result<Option<Value>, Unsupported> {
    read(text, max_depth, None, None)
        .map(|(v, _)| v)
        .ok_or(Unsupported)
}

/// [`parse`] reusing the values of block nodes this thread has read twice
/// before (byte-identical text in the same place): for text generated over
/// and over with small differences, as injection templates render.
pub(super) fn parse_memo(text: &str, max_depth: usize) -> Result<Option<Value>, Unsupported> {
    parse_memo_shadow(text, max_depth, false).map(|(v, _)| v)
}

/// [`parse_memo`] with the value's [`Shadow`]; `lazy` leaves the values of
/// reused nodes in the shadow (see [`Reader::lazy`]).
pub(super) fn parse_memo_shadow(
    text: &str,
    max_depth: usize,
    lazy: bool,
) -> Result<(Option<Value>, Shadow), Unsupported> {
    let mut shadow = Shadow::None;
    read(text, max_depth, None, Some((&mut shadow, lazy)))
        .map(|(v, _)| (v, shadow))
        .ok_or(Unsupported)
}

/// [`parse`] with the field-line index the full parser builds.
pub(super) fn parse_with_lines(
    text: &str,
    max_depth: usize,
) -> Result<(Option<Value>, FieldLines), Unsupported> {
    read(text, max_depth, Some(FieldLines::new()), None)
        .map(|(v, lines)| (v, lines.unwrap_or_default()))
        .ok_or(Unsupported)
}

/// Read `text`; with `shadow`, through the memo, and the value's shadow
/// there (lazily, see [`Reader::lazy`]).
fn read(
    text: &str,
    max_depth: usize,
    fields: Option<FieldLines>,
    shadow: Option<(&mut Shadow, bool)>,
) -> Option<(Option<Value>, Option<FieldLines>)> {
    if text.starts_with('\u{feff}') || text.contains('\r') {
        return None;
    }
    let mut lines = Vec::with_capacity(text.len() / 24 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        let end = memchr_nl(bytes, start);
        let indent = bytes[start..end].iter().take_while(|&&b| b == b' ').count();
        let first = bytes.get(start + indent).copied();
        let skip = start + indent == end || first == Some(b'#');
        lines.push(Line {
            start,
            content: start + indent,
            end,
            indent,
            skip,
        });
        start = end + 1;
    }
    let mut r = Reader {
        text,
        lines,
        pos: 0,
        max_depth,
        memo: shadow.is_some() && fields.is_none(),
        lazy: shadow.as_ref().is_some_and(|(_, lazy)| *lazy),
        fields,
        path: String::new(),
        shadows: Vec::new(),
    };
    let Some(first) = r.peek() else {
        return Some((None, r.fields));
    };
    let c = r.content(first)?;
    if c.starts_with("---") {
        if c.trim_end() != "---" || r.lines[first].indent != 0 {
            return None;
        }
        r.pos = first + 1;
    }
    let Some(first) = r.peek() else {
        return Some((None, r.fields));
    };
    let value = r.node(first, 0, None)?;
    if r.peek().is_some() {
        return None;
    }
    if let Some((shadow, _)) = shadow {
        *shadow = r.shadows.pop().unwrap_or_default();
        debug_assert!(r.shadows.is_empty() || !r.memo);
    }
    Some(((!value.is_null()).then_some(value), r.fields))
}

fn push_index(path: &mut String, n: usize) {
    use std::fmt::Write as _;
    let _ = write!(path, "[{n}]");
}

fn memchr_nl(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

fn is_seq_entry(c: &str) -> bool {
    c == "-" || c.starts_with("- ")
}

/// Characters that cannot start a plain scalar (or that start something the
/// subset leaves to the full parser).
fn bad_plain_start(c: &str) -> bool {
    let b = c.as_bytes();
    match b.first() {
        None
        | Some(
            b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
            | b'%' | b'@' | b'`' | b',',
        ) => true,
        Some(b'-' | b'?' | b':') => matches!(b.get(1), None | Some(b' ')),
        _ => false,
    }
}

/// Cut a trailing comment (` #...`) off a plain scalar's text and trim it.
fn plain_text(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    for i in 1..b.len() {
        if b[i] == b'#' && b[i - 1] == b' ' {
            end = i;
            break;
        }
    }
    s[..end].trim_end_matches(' ')
}

/// After a quoted scalar or flow collection: only spaces and a comment may follow.
fn only_comment(rest: &str) -> bool {
    let t = rest.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < rest.len())
}

/// A double-quoted scalar at the start of `s`, closed on the same line:
/// its value and the bytes consumed.
fn double_quoted(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 1;
    let mut run = 1;
    while i < b.len() {
        match b[i] {
            b'"' => {
                out.push_str(&s[run..i]);
                return Some((out, i + 1));
            }
            b'\\' => {
                out.push_str(&s[run..i]);
                let e = *b.get(i + 1)?;
                i += 2;
                match e {
                    b'\\' => out.push('\\'),
                    b'"' => out.push('"'),
                    b'/' => out.push('/'),
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'0' => out.push('\0'),
                    b'u' => {
                        let hex = s.get(i..i + 4)?;
                        if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                            return None;
                        }
                        out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                        i += 4;
                    }
                    _ => return None,
                }
                run = i;
            }
            b'\t' => return None,
            _ => i += 1,
        }
    }
    None
}

/// A single-quoted scalar at the start of `s`, closed on the same line.
fn single_quoted(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 1;
    let mut run = 1;
    while i < b.len() {
        if b[i] == b'\'' {
            out.push_str(&s[run..i]);
            if b.get(i + 1) == Some(&b'\'') {
                out.push('\'');
                i += 2;
                run = i;
                continue;
            }
            return Some((out, i + 1));
        }
        if b[i] == b'\t' {
            return None;
        }
        i += 1;
    }
    None
}

fn quoted(s: &str) -> Option<(String, usize)> {
    if s.starts_with('"') {
        double_quoted(s)
    } else {
        single_quoted(s)
    }
}

/// Where a `key:` separator ends the key in `c`, for a plain key: the first
/// `:` followed by a space or the end of the line, before any comment.
fn plain_key_end(c: &str) -> Option<usize> {
    let b = c.as_bytes();
    for i in 0..b.len() {
        match b[i] {
            b':' if matches!(b.get(i + 1), None | Some(b' ')) => return Some(i),
            b'#' if i > 0 && b[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// Resolve a plain key's text as the full parser does.
fn plain_key(text: &str) -> Option<String> {
    if text.is_empty() || bad_plain_start(text) || text == "<<" {
        return None;
    }
    Some(match resolve_plain(text).ok()? {
        Value::String(s) => s,
        other => key_string(&other),
    })
}

/// Split `key: rest` (rest after the `:`, leading spaces removed).
/// `None` if `c` is not a mapping entry this reader handles.
fn split_entry(c: &str) -> Option<(String, &str)> {
    if c.starts_with('"') || c.starts_with('\'') {
        let (key, used) = quoted(c)?;
        let rest = c[used..].trim_start_matches(' ');
        let rest = rest.strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        return Some((key, rest.trim_start_matches(' ')));
    }
    let end = plain_key_end(c)?;
    let key = plain_key(c[..end].trim_end_matches(' '))?;
    Some((key, c[end + 1..].trim_start_matches(' ')))
}

/// Whether `c` (a sequence entry's inline content) is a mapping entry.
fn is_entry(c: &str) -> bool {
    if c.starts_with('"') || c.starts_with('\'') {
        return quoted(c).is_some_and(|(_, used)| {
            let rest = c[used..].trim_start_matches(' ');
            rest.strip_prefix(':')
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        });
    }
    if c.starts_with('[') || c.starts_with('{') {
        return false;
    }
    plain_key_end(c).is_some()
}

/// What [`Reader::next_at`] finds.
enum Next<'a> {
    Line(usize, &'a str),
    End,
    GiveUp,
}

/// Block nodes read before on this thread, by their exact text, the
/// indentation they sit under, their site and depth. Reading a block node
/// depends only on its own lines and on whether the next structural line
/// closes it, which its indentation decides (and, at the same indentation,
/// whether it holds a tab, so such nodes are not memoized); a node is kept only when its
/// reading ended exactly at the line the indentation rule names, so a
/// byte-identical node in the same place reads to the same value. Nodes are
/// kept the second time they are seen (text seen once, such as a pod's
/// name, is not copied), and the memo is emptied when it grows too large.
#[derive(Default)]
struct Memo {
    seen: std::collections::HashSet<u64, foldhash::fast::FixedState>,
    values: std::collections::HashMap<u64, MemoEntry, foldhash::fast::FixedState>,
    bytes: usize,
}

struct MemoEntry {
    text: Box<str>,
    indent: usize,
    site: Site,
    depth: usize,
    value: Rc<Value>,
}

impl Memo {
    /// Smaller nodes are cheaper to read than to look up and copy.
    const MIN_BYTES: usize = 48;
    const MAX_SEEN: usize = 1 << 16;
    /// The text kept (its values take a few times as much).
    const MAX_BYTES: usize = 1 << 20;
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
}

fn memo_key(text: &str, indent: usize, site: Site, depth: usize) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x6d61_7374).build_hasher();
    (indent, site, depth).hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

impl<'a> Reader<'a> {
    /// The next structural line after the block node starting on line
    /// `first` under an entry at `indent` (or `lines.len()`): the node takes
    /// the lines more indented than `indent`, and for a [`Site::Sequence`]
    /// also the sequence entries at `indent`.
    fn block_end(&self, first: usize, indent: usize, site: Site) -> usize {
        let mut i = first + 1;
        while let Some(l) = self.lines.get(i) {
            let inside = l.skip
                || l.indent > indent
                || (site == Site::Sequence
                    && l.indent == indent
                    && is_seq_entry(&self.text[l.content..l.end]));
            if !inside {
                break;
            }
            i += 1;
        }
        i
    }

    /// Read the block node starting on line `first` with `read`, or take
    /// its value from the thread's [`Memo`].
    fn memoized(
        &mut self,
        first: usize,
        indent: usize,
        site: Site,
        depth: usize,
        read: impl FnOnce(&mut Self) -> Option<Value>,
    ) -> Option<Value> {
        if !self.memo {
            return read(self);
        }
        // (Every path below pushes one shadow: `read` its own, which a
        // block node's shadow then wraps.)
        let end = self.block_end(first, indent, site);
        // A sequence at its key's indentation reads the line that ends it
        // (a tab there gives up); every other node stops at its
        // indentation alone. So a node is read from its own lines only when
        // that line holds no tab.
        if end < self.lines.len() && self.content(end).is_none() {
            return read(self);
        }
        let from = self.lines[first].start;
        let to = self.lines.get(end).map_or(self.text.len(), |l| l.start);
        let text = &self.text[from..to];
        if text.len() < Memo::MIN_BYTES {
            return read(self);
        }
        let key = memo_key(text, indent, site, depth);
        let block = |inner, lazy| {
            Shadow::Block(Box::new(Block {
                from,
                to,
                place: Place {
                    indent,
                    site,
                    depth,
                },
                hash: key,
                inner,
                lazy,
            }))
        };
        let known = MEMO.with_borrow_mut(|m| {
            if let Some(e) = m.values.get(&key)
                && *e.text == *text
                && (e.indent, e.site, e.depth) == (indent, site, depth)
            {
                return Some(Some(Rc::clone(&e.value)));
            }
            if m.seen.len() >= Memo::MAX_SEEN {
                m.seen.clear();
            }
            (!m.seen.insert(key)).then_some(None)
        });
        let keep = match known {
            Some(Some(v)) => {
                // Debug builds check the copy against reading the node.
                if cfg!(debug_assertions) {
                    // (Read whole: nodes inside it may be reused too.)
                    let lazy = std::mem::replace(&mut self.lazy, false);
                    let fresh = read(self);
                    self.lazy = lazy;
                    if fresh.is_some() {
                        self.shadows.pop();
                    }
                    debug_assert!(
                        fresh.as_ref() == Some(&*v)
                            && self.peek().unwrap_or(self.lines.len()) == end,
                        "memoized node differs: {text:?}"
                    );
                }
                self.pos = end;
                if self.lazy {
                    self.shadows.push(block(Shadow::None, Some(v)));
                    return Some(Value::Null);
                }
                self.shadows.push(block(Shadow::None, None));
                return Some((*v).clone());
            }
            Some(None) => true,
            None => false,
        };
        let v = read(self)?;
        // Only a node read to the line its indentation names is its text's
        // value.
        let exact = self.peek().unwrap_or(self.lines.len()) == end;
        if !exact {
            return Some(v);
        }
        let inner = self.shadows.pop().unwrap_or_default();
        if keep {
            // The value kept is whole: lazy reading may have left nodes
            // inside it out.
            let whole = if self.lazy {
                super::Shade::new(&inner, self.text).fill_all(v.clone())
            } else {
                v.clone()
            };
            MEMO.with_borrow_mut(|m| {
                if m.bytes + text.len() > Memo::MAX_BYTES {
                    m.values.clear();
                    m.bytes = 0;
                }
                m.bytes += text.len();
                m.values.insert(
                    key,
                    MemoEntry {
                        text: text.into(),
                        indent,
                        site,
                        depth,
                        value: Rc::new(whole),
                    },
                );
            });
        }
        self.shadows.push(block(inner, None));
        Some(v)
    }

    /// Push the shadow of a node just read (with the memo only).
    fn shade(&mut self, shadow: Shadow) {
        if self.memo {
            self.shadows.push(shadow);
        }
    }

    /// Take the shadows pushed since `base` (a map's entries or a
    /// sequence's items) into their node's.
    fn gather(&mut self, base: usize) {
        if !self.memo {
            return;
        }
        let node = if self.shadows[base..]
            .iter()
            .all(|s| matches!(s, Shadow::None))
        {
            self.shadows.truncate(base);
            Shadow::None
        } else {
            Shadow::Node(self.shadows.split_off(base))
        };
        self.shadows.push(node);
    }

    /// Record the current path's line (`i` is a line index).
    fn record(&mut self, i: usize) {
        if let Some(fields) = &mut self.fields
            && !self.path.is_empty()
        {
            fields.insert(self.path.clone(), i + 1);
        }
    }

    /// Record a one-line flow value and everything in it at line `i`.
    fn record_all(&mut self, v: &Value, i: usize) {
        self.record(i);
        let len = self.path.len();
        match v {
            Value::Object(m) => {
                for (k, item) in m {
                    self.path.push('.');
                    self.path.push_str(k);
                    self.record_all(item, i);
                    self.path.truncate(len);
                }
            }
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    push_index(&mut self.path, n);
                    self.record_all(item, i);
                    self.path.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// The next line that is not blank or a comment.
    fn peek(&self) -> Option<usize> {
        (self.pos..self.lines.len()).find(|&i| !self.lines[i].skip)
    }

    /// A structural line's content; `None` (give up) if it holds a tab.
    fn content(&self, i: usize) -> Option<&'a str> {
        let l = self.lines[i];
        let c = &self.text[l.content..l.end];
        if c.contains('\t') {
            return None;
        }
        Some(c)
    }

    /// The block node starting on line `i`, under an entry at `parent`'s
    /// indentation (`None` for the document's root).
    fn node(&mut self, i: usize, depth: usize, parent: Option<usize>) -> Option<Value> {
        if depth > self.max_depth {
            return None;
        }
        let indent = self.lines[i].indent;
        let c = self.content(i)?;
        if is_seq_entry(c) {
            self.seq(indent, depth)
        } else if is_entry(c) {
            self.map(indent, depth)
        } else {
            // A scalar on its own line (`key:` then `  []`): one line only.
            let parent = parent?;
            if c.starts_with('|') {
                return None;
            }
            self.pos = i + 1;
            self.value(c, parent, false, depth)
        }
    }

    /// The next structural line of a block at `indent`: its index and
    /// content, the end of the block (a less indented line or the end of
    /// the text), or a line the reader leaves to the full parser (more
    /// indented than the block, or holding a tab).
    fn next_at(&self, indent: usize) -> Next<'a> {
        let Some(i) = self.peek() else {
            return Next::End;
        };
        let l = self.lines[i];
        if l.indent < indent {
            return Next::End;
        }
        match self.content(i) {
            Some(c) if l.indent == indent => Next::Line(i, c),
            _ => Next::GiveUp,
        }
    }

    fn map(&mut self, indent: usize, depth: usize) -> Option<Value> {
        let mut entries = Entries::default();
        let base = self.shadows.len();
        loop {
            let (i, c) = match self.next_at(indent) {
                Next::Line(i, c) => (i, c),
                Next::End => break,
                Next::GiveUp => return None,
            };
            if is_seq_entry(c) {
                // Only right after `key:` (handled in `value`) may a
                // sequence sit at its mapping's indentation.
                return None;
            }
            let (key, rest) = split_entry(c)?;
            if entries.find(&key).is_some() {
                return None;
            }
            self.pos = i + 1;
            let len = self.path.len();
            if self.fields.is_some() {
                if entries.is_empty() {
                    self.record(i);
                }
                self.path.push('.');
                self.path.push_str(&key);
            }
            let value = self.value(rest, indent, true, depth);
            self.path.truncate(len);
            entries.push(key, value?);
        }
        self.gather(base);
        Some(Value::Object(entries.into_map()))
    }

    fn seq(&mut self, indent: usize, depth: usize) -> Option<Value> {
        let mut items = Vec::new();
        let base = self.shadows.len();
        loop {
            let (i, c) = match self.next_at(indent) {
                Next::Line(i, c) => (i, c),
                Next::End => break,
                Next::GiveUp => return None,
            };
            let l = self.lines[i];
            if !is_seq_entry(c) {
                break;
            }
            let after = &c[1..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            let rest = &after[spaces..];
            if is_seq_entry(rest) {
                return None;
            }
            let len = self.path.len();
            if self.fields.is_some() {
                if items.is_empty() {
                    self.record(i);
                }
                push_index(&mut self.path, items.len());
            }
            let item = self.memoized(i, indent, Site::Item, depth, |r| {
                if !rest.is_empty() && !rest.starts_with('#') && is_entry(rest) {
                    // `- key: value`: the mapping's keys sit at this column.
                    let col = indent + 1 + spaces;
                    r.lines[i].indent = col;
                    r.lines[i].content = l.content + 1 + spaces;
                    r.map(col, depth + 1)
                } else {
                    r.pos = i + 1;
                    r.value(rest, indent, false, depth)
                }
            });
            self.path.truncate(len);
            items.push(item?);
        }
        self.gather(base);
        Some(Value::Array(items))
    }

    /// The value after `key:` or `- ` (`rest`, leading spaces removed) of
    /// an entry at `indent`.
    fn value(&mut self, rest: &'a str, indent: usize, in_map: bool, depth: usize) -> Option<Value> {
        if rest.is_empty() || rest.starts_with('#') {
            return Some(match self.peek() {
                Some(j) if self.lines[j].indent > indent => {
                    self.memoized(j, indent, Site::Child, depth, |r| {
                        r.node(j, depth + 1, Some(indent))
                    })?
                }
                Some(j)
                    if in_map
                        && self.lines[j].indent == indent
                        && is_seq_entry(self.content(j)?) =>
                {
                    self.memoized(j, indent, Site::Sequence, depth, |r| {
                        r.seq(indent, depth + 1)
                    })?
                }
                _ => {
                    // The full parser places an empty value where the next
                    // token starts; leave those to it when lines are wanted.
                    if self.fields.is_some() {
                        return None;
                    }
                    self.shade(Shadow::None);
                    Value::Null
                }
            });
        }
        let line = self.pos - 1;
        let v = match rest.as_bytes()[0] {
            b'"' | b'\'' => {
                let (s, used) = quoted(rest)?;
                if !only_comment(&rest[used..]) {
                    return None;
                }
                Value::String(s)
            }
            b'[' | b'{' => match flow(rest) {
                Some(v) => v,
                None if self.fields.is_some() => return None,
                None => self.multi_line_flow(rest, indent)?,
            },
            b'|' => {
                // The full parser places a block scalar on its first line
                // of content.
                if self.fields.is_some() {
                    if self.lines.get(self.pos).is_none_or(|l| l.skip) {
                        return None;
                    }
                    self.record(self.pos);
                }
                let v = self.literal(rest, indent)?;
                self.shade(Shadow::None);
                return Some(v);
            }
            _ => {
                if bad_plain_start(rest) {
                    return None;
                }
                let text = plain_text(rest);
                if text.contains(": ") || text.ends_with(':') {
                    return None;
                }
                resolve_plain(text).ok()?
            }
        };
        // A scalar ends its entry: a more indented line would continue it
        // (or be an error); the full parser decides which.
        if let Some(j) = self.peek()
            && self.lines[j].indent > indent
        {
            return None;
        }
        if self.fields.is_some() {
            self.record_all(&v, line);
        }
        self.shade(Shadow::None);
        Some(v)
    }

    /// A flow collection opened at the end of a line and closed on a later
    /// one, as injection templates write annotations:
    /// `annotations: {` / `  a: "b",` / `}`. Line breaks may only fall
    /// between items (after `{`, `[` or `,`, or before the closing bracket),
    /// so no scalar spans lines; continuation lines are indented past the
    /// entry, the closing bracket at least to it.
    fn multi_line_flow(&mut self, first: &'a str, indent: usize) -> Option<Value> {
        let mut joined = first.trim_end_matches(' ').to_string();
        let mut i = self.pos;
        for _ in 0..256 {
            let l = *self.lines.get(i)?;
            if l.skip {
                return None;
            }
            let c = self.content(i)?.trim_end_matches(' ');
            let opens_with_close = c.starts_with(['}', ']']);
            if !(joined.ends_with(['{', '[', ',']) || opens_with_close)
                || l.indent < indent
                || (l.indent == indent && !opens_with_close)
                || c.contains('#')
            {
                return None;
            }
            joined.push(' ');
            joined.push_str(c);
            i += 1;
            if c.ends_with(['}', ']'])
                && let Some(v) = flow(&joined)
            {
                self.pos = i;
                return Some(v);
            }
        }
        None
    }

    /// A `|` or `|-` literal block whose header is `header`, under an entry
    /// at `indent`; its lines follow `self.pos`.
    fn literal(&mut self, header: &str, indent: usize) -> Option<Value> {
        let h = header[1..].trim_end_matches(' ');
        let (strip, h) = match h.strip_prefix('-') {
            Some(h) => (true, h),
            None => (false, h),
        };
        if !(h.is_empty() || (h.starts_with(' ') && h.trim_start().starts_with('#'))) {
            return None;
        }
        let bytes = self.text.as_bytes();
        // The block's indentation: that of its first non-blank line.
        let mut n = None;
        for l in &self.lines[self.pos..] {
            let spaces = bytes[l.start..l.end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            if l.start + spaces < l.end {
                n = Some(spaces);
                break;
            }
        }
        let n = n.filter(|&n| n > indent)?;
        let mut out = String::new();
        let mut pending_blank = 0usize;
        // The last content line: its index and where it ends.
        let mut last: Option<(usize, usize)> = None;
        let mut i = self.pos;
        while i < self.lines.len() {
            let l = self.lines[i];
            let line = &self.text[l.start..l.end];
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if spaces == line.len() {
                // A blank line: more spaces than the block's indentation
                // would be content; leave that to the full parser.
                if spaces > n {
                    return None;
                }
                pending_blank += 1;
                i += 1;
                continue;
            }
            if spaces < n {
                break;
            }
            if last.is_some() {
                out.push('\n');
            }
            for _ in 0..pending_blank {
                out.push('\n');
            }
            pending_blank = 0;
            out.push_str(&line[n..]);
            last = Some((i, l.end));
            i += 1;
        }
        let (last_line, last_end) = last?;
        // Reading goes on after the last content line (trailing blank
        // lines are skipped anyway).
        self.pos = last_line + 1;
        if !strip && last_end < self.text.len() {
            out.push('\n');
        }
        Some(Value::String(out))
    }
}

/// A one-line flow sequence or mapping (of scalars and flow collections),
/// with only a comment after it.
fn flow(s: &str) -> Option<Value> {
    let (v, used) = flow_collection(s, 0)?;
    only_comment(&s[used..]).then_some(v)
}

/// The flow collection at the start of `s` and the bytes it takes.
fn flow_collection(s: &str, depth: usize) -> Option<(Value, usize)> {
    if depth > 64 {
        return None;
    }
    let b = s.as_bytes();
    let close = if b[0] == b'[' { b']' } else { b'}' };
    let is_map = close == b'}';
    let mut i = 1;
    let mut items = Vec::new();
    let mut entries = Entries::default();
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if *b.get(i)? == close {
            i += 1;
            break;
        }
        if is_map {
            let (key, used) = flow_scalar(&s[i..], true)?;
            let Value::String(key) = key else {
                return None;
            };
            i += used;
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            if b.get(i) != Some(&b':') || b.get(i + 1) != Some(&b' ') {
                return None;
            }
            i += 2;
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            let (value, used) = flow_item(&s[i..], depth)?;
            i += used;
            if entries.find(&key).is_some() {
                return None;
            }
            entries.push(key, value);
        } else {
            let (item, used) = flow_item(&s[i..], depth)?;
            i += used;
            items.push(item);
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        match *b.get(i)? {
            b',' => i += 1,
            c if c == close => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    let v = if is_map {
        Value::Object(entries.into_map())
    } else {
        Value::Array(items)
    };
    Some((v, i))
}

/// A value inside a flow collection: a nested collection or a scalar.
fn flow_item(s: &str, depth: usize) -> Option<(Value, usize)> {
    match s.as_bytes().first() {
        Some(b'[' | b'{') => flow_collection(s, depth + 1),
        _ => flow_scalar(s, false),
    }
}

/// One scalar inside a flow collection: its value (a key's as its string)
/// and the bytes consumed.
fn flow_scalar(s: &str, key: bool) -> Option<(Value, usize)> {
    if s.starts_with('"') || s.starts_with('\'') {
        let (v, used) = quoted(s)?;
        return Some((Value::String(v), used));
    }
    if bad_plain_start(s) {
        return None;
    }
    let b = s.as_bytes();
    let mut end = 0;
    while end < b.len() {
        match b[end] {
            b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'\t' => break,
            b':' if key || matches!(b.get(end + 1), None | Some(b' ' | b',' | b']' | b'}')) => {
                break;
            }
            _ => end += 1,
        }
    }
    if matches!(b.get(end), Some(b'#' | b'\t' | b'[' | b'{')) {
        return None;
    }
    let text = s[..end].trim_end_matches(' ');
    if text.is_empty() || (!key && b.get(end) == Some(&b':')) {
        return None;
    }
    let v = resolve_plain(text).ok()?;
    let v = if key {
        Value::String(match v {
            Value::String(s) => s,
            other => key_string(&other),
        })
    } else {
        v
    };
    Some((v, end))
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::manifest::parse::{DuplicateKeys, Limits, parse_full};

    fn same(text: &str) {
        let fast = parse(text, 512).unwrap_or_else(|_| panic!("gave up on {text:?}"));
        let full = parse_full(text, Limits::default(), DuplicateKeys::Error, false)
            .unwrap()
            .value;
        assert_eq!(
            serde_json::to_string(&fast).unwrap(),
            serde_json::to_string(&full).unwrap(),
            "{text:?}"
        );
    }

    fn gives_up(text: &str) {
        assert!(parse(text, 512).is_err(), "should give up on {text:?}");
    }

    #[test]
    fn reads_the_subset_as_the_full_parser_does() {
        same("a: 1\nb: [x, 'y', \"z\"]\nc:\n  d: yes\n  e: '1'\n");
        same(
            "---\nkind: Pod\nspec:\n  containers:\n  - name: a\n    args: [\"--x\", y]\n    ports:\n      - containerPort: 80\n        name: http # comment\n",
        );
        same("a: |\n  line 1\n\n  line 2\n\nb: |-\n  x\n  y\nc: 2\n");
        same("a: |\n  x");
        same("s: {matchLabels: {app: a}}\np: [{containerPort: 80, name: http}, [1, []], {}]\n");
        same("m: {a: 1, \"b\": 'two', c: http://x:80}\nempty: {}\nlist: []\n");
        same(
            "m:\n  annotations: {\n    a: \"x\",\n    b: 'y'\n  }\n  l: [\n    1,\n    two]\nn: 1\n",
        );
        same("a:\n  []\nb:\n  'x' # c\nc:\n  - 1\n");
        same("- a\n-\n  b: 1\n- key:\n  - x\n  other: \"\\u00e9\\n\"\n");
    }

    #[test]
    fn gives_up_outside_the_subset() {
        gives_up("a: &x 1\nb: *x\n");
        gives_up("a: 1\na: 2\n");
        gives_up("a: >\n  folded\n");
        gives_up("a: b\n  continued\n");
        gives_up("a: \"multi\n  line\"\n");
        gives_up("a:\tb\n");
        gives_up("a: b: c\n");
        gives_up("just a scalar\n");
        gives_up("{\"json\": true}\n");
        gives_up("a: !!str 1\n");
        gives_up("- - nested\n");
        gives_up("a:\n  x\n  y\n");
        gives_up("a: {b: multi\n  line}\n");
        gives_up("a: {b: 1,\n# comment\n  c: 2}\n");
    }
}
