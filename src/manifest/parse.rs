//! Parsing one document's text into a JSON value plus a field-path → line
//! index, with Kubernetes' YAML 1.1 scalar rules, duplicate-key errors,
//! anchors, aliases and merge keys, and limits against nesting and alias bombs.

use std::collections::HashMap;

use serde_json::{Map, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::goyaml::{key_string, resolve_plain};

use super::blocks::Shadow;

/// Limits that keep hostile input from exhausting the machine while real
/// manifests of any size parse.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes an alias expansion may add to one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 512,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// A parse failure inside a document; `line` is relative to the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Field paths (`.spec.http[0].route[0].destination.host`, as Istio's analyzer
/// names them) to lines relative to the document text. Only scalar leaves and
/// scalar list items get an entry, as upstream does; mapping and sequence
/// nodes are recorded too under the same scheme so callers can fall back to
/// the nearest container.
pub type FieldLines = HashMap<String, usize>;

/// The result of parsing one document.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// `None` when the document holds no node (empty or comments only).
    pub value: Option<Value>,
    pub lines: FieldLines,
}

struct Builder<'a> {
    events: std::iter::Peekable<Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>>,
    anchors: HashMap<usize, Value>,
    lines: FieldLines,
    limits: Limits,
    alias_nodes: usize,
    duplicates: DuplicateKeys,
    /// The source's length in characters when it does not end with a line
    /// break (a block scalar running to there has no final line break).
    eof_without_break: Option<usize>,
    /// Build `lines` (callers that only want the value skip the cost).
    record_lines: bool,
}

/// What a repeated key in one mapping means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateKeys {
    /// An error naming the key and its line: right for user input, as
    /// Kubernetes' strict decoding rejects it.
    #[default]
    Error,
    /// The last value wins, as go-yaml v2's (non-strict) `Unmarshal` does:
    /// for text mast generates the way Go would read it (injection
    /// template output).
    LastWins,
}

fn err_at(span: &Span, message: impl Into<String>) -> ParseError {
    ParseError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
    }
}

fn count_nodes(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(count_nodes).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

impl<'a> Builder<'a> {
    fn record(&mut self, path: &str, span: &Span) {
        if self.record_lines {
            self.lines.insert(path.to_string(), span.start.line());
        }
    }

    fn next(&mut self) -> Result<(Event<'a>, Span), ParseError> {
        match self.events.next() {
            Some(Ok(ev)) => Ok(ev),
            Some(Err(e)) => Err(ParseError {
                line: e.marker().line(),
                column: e.marker().col() + 1,
                message: e.info(),
            }),
            None => Err(ParseError {
                line: 0,
                column: 0,
                message: "unexpected end of YAML".into(),
            }),
        }
    }

    /// Next event that is not a comment.
    fn next_node_event(&mut self) -> Result<(Event<'a>, Span), ParseError> {
        loop {
            let ev = self.next()?;
            if !matches!(ev.0, Event::Comment(..) | Event::Anchor(..)) {
                return Ok(ev);
            }
        }
    }

    fn node(
        &mut self,
        ev: Event<'a>,
        span: Span,
        path: &str,
        depth: usize,
    ) -> Result<Value, ParseError> {
        if depth > self.limits.max_depth {
            return Err(err_at(
                &span,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            ));
        }
        let value = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                self.record(path, &span);
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.handle() == "tag:yaml.org,2002:" && t.suffix() == "str");
                let v = if forced_str || style != ScalarStyle::Plain {
                    let mut text = text.into_owned();
                    // The parser reads the end of input as a line break; YAML
                    // (and go-yaml) keep none when the block ends the text.
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded)
                        && self
                            .eof_without_break
                            .is_some_and(|n| span.end.index() >= n)
                        && text.ends_with('\n')
                    {
                        text.pop();
                    }
                    Value::String(text)
                } else {
                    resolve_plain(&text).map_err(|m| err_at(&span, m))?
                };
                if anchor != 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                v
            }
            Event::Alias(id) => {
                let v = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| err_at(&span, "alias to an unknown anchor"))?;
                self.alias_nodes += count_nodes(&v);
                if self.alias_nodes > self.limits.max_alias_nodes {
                    return Err(err_at(
                        &span,
                        format!(
                            "aliases expand to more than {} nodes (possible alias bomb)",
                            self.limits.max_alias_nodes
                        ),
                    ));
                }
                self.record(path, &span);
                v
            }
            Event::SequenceStart(_, anchor, _) => {
                self.record(path, &span);
                let mut items = Vec::new();
                loop {
                    let (ev, sp) = self.next_node_event()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break;
                    }
                    let child = if self.record_lines {
                        format!("{path}[{}]", items.len())
                    } else {
                        String::new()
                    };
                    items.push(self.node(ev, sp, &child, depth + 1)?);
                }
                let v = Value::Array(items);
                if anchor != 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                v
            }
            Event::MappingStart(_, anchor, _) => {
                self.record(path, &span);
                let v = Value::Object(self.mapping(path, depth)?);
                if anchor != 0 {
                    self.anchors.insert(anchor, v.clone());
                }
                v
            }
            other => return Err(err_at(&span, format!("unexpected YAML event {other:?}"))),
        };
        Ok(value)
    }

    fn mapping(&mut self, path: &str, depth: usize) -> Result<Map<String, Value>, ParseError> {
        // Entries are collected first and the map built once at its final
        // size: growing a map key by key (rehashing every key on each
        // growth) cost more than the parser itself.
        let mut entries = Entries::default();
        // Keys set by merge (`<<`) may be overridden by explicit keys.
        let mut merged: Vec<usize> = Vec::new();
        loop {
            let (ev, span) = self.next_node_event()?;
            if matches!(ev, Event::MappingEnd) {
                break;
            }
            let is_merge = matches!(&ev, Event::Scalar(t, ScalarStyle::Plain, _, _) if t == "<<");
            let key_value = self.node(ev, span, "", depth + 1)?;
            if self.record_lines {
                self.lines.remove("");
            }
            let key = match key_value {
                Value::String(s) => s,
                other => key_string(&other),
            };
            let (vev, vspan) = self.next_node_event()?;
            if is_merge {
                let merge_path = if self.record_lines {
                    format!("{path}.<<")
                } else {
                    String::new()
                };
                let v = self.node(vev, vspan, &merge_path, depth + 1)?;
                let sources = match v {
                    Value::Object(m) => vec![m],
                    Value::Array(items) => items
                        .into_iter()
                        .map(|i| match i {
                            Value::Object(m) => Ok(m),
                            _ => Err(err_at(
                                &span,
                                "merge key (<<) needs a mapping or a list of mappings",
                            )),
                        })
                        .collect::<Result<_, _>>()?,
                    _ => {
                        return Err(err_at(
                            &span,
                            "merge key (<<) needs a mapping or a list of mappings",
                        ));
                    }
                };
                for m in sources {
                    for (k, v) in m {
                        if entries.find(&k).is_none() {
                            merged.push(entries.len());
                            entries.push(k, v);
                        }
                    }
                }
                continue;
            }
            let existing = entries.find(&key);
            if let Some(i) = existing {
                if let Some(pos) = merged.iter().position(|&m| m == i) {
                    merged.remove(pos);
                } else if self.duplicates == DuplicateKeys::Error {
                    return Err(err_at(&span, format!("duplicate key {key:?}")));
                }
            }
            let child = if self.record_lines {
                format!("{path}.{key}")
            } else {
                String::new()
            };
            let value = self.node(vev, vspan, &child, depth + 1)?;
            // A repeated key keeps its first position and takes the new value.
            match existing {
                Some(i) => entries.items[i].1 = value,
                None => entries.push(key, value),
            }
        }
        Ok(entries.into_map())
    }
}

/// A mapping's entries while it is read: small mappings look keys up by
/// scanning, large ones through an index built when they grow.
/// The fast reader (`fast.rs`) collects its mappings the same way.
#[derive(Default)]
pub(super) struct Entries {
    pub(super) items: Vec<(String, Value)>,
    index: Option<HashMap<String, usize, foldhash::fast::RandomState>>,
}

impl Entries {
    const SCAN: usize = 16;

    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The map, built once at its final size.
    pub(super) fn into_map(self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.items.len());
        map.extend(self.items);
        map
    }

    pub(super) fn find(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.items.iter().position(|(k, _)| k == key),
        }
    }

    pub(super) fn push(&mut self, key: String, value: Value) {
        let i = self.items.len();
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), i);
        } else if i == Self::SCAN {
            let mut index: HashMap<String, usize, foldhash::fast::RandomState> = self
                .items
                .iter()
                .enumerate()
                .map(|(j, (k, _))| (k.clone(), j))
                .collect();
            index.insert(key.clone(), i);
            self.index = Some(index);
        }
        self.items.push((key, value));
    }
}

/// Parse one document's text. Multiple YAML documents in the text (possible
/// only through `...` markers, which the splitter leaves alone) are an error,
/// and so are duplicate keys.
pub fn parse_document(text: &str, limits: Limits) -> Result<Parsed, ParseError> {
    parse_document_with(text, limits, DuplicateKeys::Error)
}

/// [`parse_document`] with a choice of what duplicate keys mean.
pub fn parse_document_with(
    text: &str,
    limits: Limits,
    duplicates: DuplicateKeys,
) -> Result<Parsed, ParseError> {
    parse(text, limits, duplicates, true)
}

/// [`parse_document_with`] without the field-line index (`lines` is
/// empty): for callers that need only the value, faster.
pub fn parse_value(
    text: &str,
    limits: Limits,
    duplicates: DuplicateKeys,
) -> Result<Parsed, ParseError> {
    parse(text, limits, duplicates, false)
}

fn parse(
    text: &str,
    limits: Limits,
    duplicates: DuplicateKeys,
    record_lines: bool,
) -> Result<Parsed, ParseError> {
    if record_lines {
        if let Ok((value, lines)) = super::fast::parse_with_lines(text, limits.max_depth) {
            return Ok(Parsed { value, lines });
        }
    } else if let Ok(value) = super::fast::parse(text, limits.max_depth) {
        return Ok(Parsed {
            value,
            lines: FieldLines::new(),
        });
    }
    parse_full(text, limits, duplicates, record_lines)
}

/// [`parse_value`] for text generated over and over with small differences
/// (injection templates' output): the fast reader reuses the values of
/// block nodes it read in earlier texts on this thread. With the value's
/// [`Shadow`] (nothing known when the full parser read it); `lazy` leaves
/// the values of nodes reused out of the value, in the shadow (see
/// [`super::Shade::resolve`]).
pub fn parse_value_memo(
    text: &str,
    limits: Limits,
    duplicates: DuplicateKeys,
    lazy: bool,
) -> Result<(Parsed, Shadow), ParseError> {
    if let Ok((value, shadow)) = super::fast::parse_memo_shadow(text, limits.max_depth, lazy) {
        let parsed = Parsed {
            value,
            lines: FieldLines::new(),
        };
        return Ok((parsed, shadow));
    }
    parse_full(text, limits, duplicates, false).map(|parsed| (parsed, Shadow::None))
}

/// The full YAML parser alone (no fast reader): what the fast reader's
/// parity test compares it with.
#[doc(hidden)]
pub fn parse_full(
    text: &str,
    limits: Limits,
    duplicates: DuplicateKeys,
    record_lines: bool,
) -> Result<Parsed, ParseError> {
    let parser = Parser::new_from_str(text);
    let mut b = Builder {
        events: parser.peekable(),
        anchors: HashMap::new(),
        lines: FieldLines::new(),
        limits,
        alias_nodes: 0,
        duplicates,
        eof_without_break: (!text.is_empty() && !text.ends_with('\n'))
            .then(|| text.chars().count()),
        record_lines,
    };
    let mut value = None;
    loop {
        let (ev, span) = match b.events.next() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                return Err(ParseError {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                    message: e.info(),
                });
            }
        };
        match ev {
            Event::StreamStart | Event::DocumentEnd | Event::Comment(..) | Event::Anchor(..) => {}
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                if value.is_some() {
                    return Err(err_at(
                        &span,
                        "more than one YAML document where one was expected",
                    ));
                }
                let (ev, sp) = b.next_node_event()?;
                if matches!(ev, Event::DocumentEnd) {
                    continue;
                }
                // An empty document (or one that is just `null`) holds no object,
                // as Kubernetes reads it.
                let v = b.node(ev, sp, "", 0)?;
                if !v.is_null() {
                    value = Some(v);
                }
            }
            other => return Err(err_at(&span, format!("unexpected YAML event {other:?}"))),
        }
    }
    b.lines.remove("");
    Ok(Parsed {
        value,
        lines: b.lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(s: &str) -> Value {
        parse_document(s, Limits::default()).unwrap().value.unwrap()
    }

    fn e(s: &str) -> ParseError {
        parse_document(s, Limits::default()).unwrap_err()
    }

    #[test]
    fn parses_mappings_lists_and_scalars() {
        assert_eq!(
            p("a: 1\nb: [x, 'y', \"z\"]\nc:\n  d: yes\n  e: '1'\n"),
            json!({"a": 1, "b": ["x", "y", "z"], "c": {"d": true, "e": "1"}})
        );
    }

    #[test]
    fn block_scalar_at_end_of_text_without_line_break() {
        // As go-yaml (and the YAML spec): no final line break to keep.
        assert_eq!(p("a: |\n  x\n  y"), json!({"a": "x\ny"}));
        assert_eq!(p("a: |+\n  x"), json!({"a": "x"}));
        assert_eq!(p("a: >\n  x\n  y"), json!({"a": "x y"}));
        // With the break, or not at the end, it is kept.
        assert_eq!(p("a: |\n  x\n"), json!({"a": "x\n"}));
        assert_eq!(p("a: |\n  x\nb: 1"), json!({"a": "x\n", "b": 1}));
    }

    #[test]
    fn keeps_key_order() {
        let v = p("z: 1\na: 2\n");
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["z", "a"]);
    }

    #[test]
    fn empty_and_comment_only_documents_have_no_value() {
        assert!(
            parse_document("", Limits::default())
                .unwrap()
                .value
                .is_none()
        );
        assert!(
            parse_document("# just a comment\n", Limits::default())
                .unwrap()
                .value
                .is_none()
        );
        assert!(
            parse_document("---\n", Limits::default())
                .unwrap()
                .value
                .is_none()
        );
    }

    #[test]
    fn duplicate_keys_last_wins_on_request() {
        let p = parse_document_with(
            "a: 1\nb: {c: 2}\na: 3\nb: {d: 4}\n",
            Limits::default(),
            DuplicateKeys::LastWins,
        )
        .unwrap();
        assert_eq!(p.value.unwrap(), serde_json::json!({"a": 3, "b": {"d": 4}}));
    }

    #[test]
    fn duplicate_keys_are_errors_with_line() {
        let err = e("a: 1\nb: 2\na: 3\n");
        assert_eq!(err.line, 3);
        assert!(
            err.message.contains("duplicate key \"a\""),
            "{}",
            err.message
        );
    }

    #[test]
    fn large_mappings_keep_order_and_find_duplicates() {
        use std::fmt::Write as _;
        let mut text = String::new();
        for i in (0..40).rev() {
            writeln!(text, "k{i}: {i}").unwrap();
        }
        let v = p(&text);
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 40);
        assert_eq!((keys[0].as_str(), keys[39].as_str()), ("k39", "k0"));
        text.push_str("k3: again\n");
        let err = e(&text);
        assert_eq!(err.line, 41);
        let last = parse_document_with(&text, Limits::default(), DuplicateKeys::LastWins)
            .unwrap()
            .value
            .unwrap();
        assert_eq!(last["k3"], json!("again"));
        let keys: Vec<_> = last.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys[36], "k3", "a repeated key keeps its first position");
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = p("base: &b {x: 1, z: 2}\nuse:\n  <<: *b\n  z: 3\nref: *b\n");
        assert_eq!(
            v,
            json!({"base": {"x": 1, "z": 2}, "use": {"x": 1, "z": 3}, "ref": {"x": 1, "z": 2}})
        );
    }

    #[test]
    fn single_letter_booleans_follow_yaml_1_1() {
        // go-yaml v2 (behind sigs.k8s.io/yaml) reads `y` and `n` as booleans, keys included.
        assert_eq!(p("y: n\n"), json!({"true": false}));
    }

    #[test]
    fn non_string_keys_become_strings() {
        assert_eq!(
            p("on: push\n80: http\n"),
            json!({"true": "push", "80": "http"})
        );
    }

    #[test]
    fn tabs_in_values_and_block_scalars() {
        assert_eq!(
            p("a: \"x\\ty\"\nb: |\n  l1\n  l2\n"),
            json!({"a": "x\ty", "b": "l1\nl2\n"})
        );
    }

    #[test]
    fn invalid_yaml_reports_line_and_column() {
        let err = e("a: 1\nb: [1, 2\nc: 3\n");
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn tag_str_keeps_text() {
        assert_eq!(p("a: !!str 0755\n"), json!({"a": "0755"}));
    }

    #[test]
    fn field_lines_follow_istio_paths() {
        let parsed = parse_document(
            "apiVersion: v1\nmetadata:\n  name: x\nspec:\n  http:\n  - route:\n    - destination:\n        host: reviews\n",
            Limits::default(),
        )
        .unwrap();
        assert_eq!(parsed.lines[".metadata.name"], 3);
        assert_eq!(parsed.lines[".spec.http[0].route[0].destination.host"], 8);
    }

    #[test]
    fn nesting_bomb_fails_cleanly() {
        let deep = "[".repeat(2000) + &"]".repeat(2000);
        let err = parse_document(&deep, Limits::default()).unwrap_err();
        assert!(
            ["nest", "deep", "recursion"]
                .iter()
                .any(|w| err.message.contains(w)),
            "{}",
            err.message
        );
    }

    #[test]
    fn alias_bomb_fails_cleanly() {
        use std::fmt::Write as _;
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            writeln!(
                s,
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]",
                p = i - 1
            )
            .unwrap();
        }
        let err = parse_document(&s, Limits::default()).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
    }
}
