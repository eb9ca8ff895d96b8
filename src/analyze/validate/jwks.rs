//! Inline `jwks` of a RequestAuthentication JWT rule, parsed the way istioctl
//! parses them: lestrrat-go/jwx v1's `jwk.Parse` over Go's `encoding/json`.
//!
//! The result is either the key set (which keys hold private material, for
//! Istio's warning) or the error text istioctl reports after `jwks parse
//! error: `. The texts come from three layers, each reproduced here:
//!
//! - Go's `json.Decoder` reading the first value of the input: its scanner's
//!   syntax errors (`invalid character 'x' after object key`), `EOF` for a
//!   blank input and `unexpected EOF` for a truncated one; whatever follows
//!   the first value is ignored;
//! - jwx's set decoder walking the top-level tokens: a `keys` member is a
//!   list of keys, each decoded on its own; without one the whole object is
//!   the sole key; other members are kept as opaque values;
//! - jwx's key decoders: a first pass reads `kty` and whether `d` is present
//!   (Go's case-insensitive struct matching), which picks the key type
//!   (public or private RSA/EC/OKP, or oct); then the members are read in
//!   order with each field's type (strings, base64 byte strings, `crv`,
//!   `key_ops`, `x5c` certificates) and the type's required fields checked.
//!
//! Go's decoding into typed targets reports `json: cannot unmarshal <kind>
//! into Go value of type <T>`; numbers decoded into `interface{}` fail only
//! when out of float64's range.

use crate::template::fmt::quote;

/// Parse `src` as jwx does. `Ok` holds, per key of the set, whether it is a
/// private key (RSA/EC/OKP with `d`, or any `oct` key); `Err` the message
/// after `jwks parse error: `.
pub fn parse(src: &str) -> Result<Vec<bool>, String> {
    parse_set(src.as_bytes()).map_err(|e| format!("failed to unmarshal JWK set: {e}"))
}

// ---------------------------------------------------------------------------
// Go's JSON scanner (encoding/json's state machine), for the first value.

#[derive(Clone, Copy, PartialEq, Eq)]
enum St {
    BeginValue,
    BeginValueOrEmpty,
    BeginStringOrEmpty,
    BeginString,
    EndValue,
    EndTop,
    InString,
    InStringEsc,
    EscU(u8),
    Neg,
    One,
    Zero,
    Dot,
    Dot0,
    E,
    ESign,
    E0,
    /// Inside `true`/`false`/`null`: the literal and the bytes matched.
    Lit(&'static [u8], usize),
    Error,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Continue,
    Skip,
    EndContainer,
    End,
    Error,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ps {
    ObjectKey,
    ObjectValue,
    ArrayValue,
}

const MAX_DEPTH: usize = 10000;

struct Scanner {
    step: St,
    stack: Vec<Ps>,
    err: Option<String>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Go's `quoteChar`: the byte as a rune, quoted with single quotes.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => r"'\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            let q = quote(&char::from(c).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

impl Scanner {
    fn new() -> Self {
        Scanner {
            step: St::BeginValue,
            stack: Vec::new(),
            err: None,
        }
    }

    /// Move to `st`, the byte accepted.
    fn go(&mut self, st: St) -> Op {
        self.step = st;
        Op::Continue
    }

    fn error(&mut self, c: u8, context: &str) -> Op {
        self.step = St::Error;
        self.err = Some(format!("invalid character {} {context}", quote_char(c)));
        Op::Error
    }

    fn push(&mut self, c: u8, ps: Ps) -> Op {
        self.stack.push(ps);
        if self.stack.len() <= MAX_DEPTH {
            Op::Continue
        } else {
            self.error(c, "exceeded max depth")
        }
    }

    fn pop(&mut self) {
        self.stack.pop();
        if self.stack.is_empty() {
            self.step = St::EndTop;
        } else {
            self.step = St::EndValue;
        }
    }

    fn step(&mut self, c: u8) -> Op {
        match self.step {
            St::BeginValueOrEmpty => {
                if is_space(c) {
                    return Op::Skip;
                }
                if c == b']' {
                    return self.end_value(c);
                }
                self.begin_value(c)
            }
            St::BeginValue => self.begin_value(c),
            St::BeginStringOrEmpty => {
                if is_space(c) {
                    return Op::Skip;
                }
                if c == b'}' {
                    if let Some(top) = self.stack.last_mut() {
                        *top = Ps::ObjectValue;
                    }
                    return self.end_value(c);
                }
                self.begin_string(c)
            }
            St::BeginString => self.begin_string(c),
            St::EndValue => self.end_value(c),
            St::EndTop => {
                if !is_space(c) {
                    self.error(c, "after top-level value");
                }
                Op::End
            }
            St::InString => {
                if c == b'"' {
                    self.step = St::EndValue;
                } else if c == b'\\' {
                    self.step = St::InStringEsc;
                } else if c < 0x20 {
                    return self.error(c, "in string literal");
                }
                Op::Continue
            }
            St::InStringEsc => match c {
                b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => self.go(St::InString),
                b'u' => self.go(St::EscU(0)),
                _ => self.error(c, "in string escape code"),
            },
            St::EscU(n) => {
                if c.is_ascii_hexdigit() {
                    self.go(if n == 3 {
                        St::InString
                    } else {
                        St::EscU(n + 1)
                    })
                } else {
                    self.error(c, "in \\u hexadecimal character escape")
                }
            }
            St::Neg => match c {
                b'0' => self.go(St::Zero),
                b'1'..=b'9' => self.go(St::One),
                _ => self.error(c, "in numeric literal"),
            },
            St::One => {
                if c.is_ascii_digit() {
                    return Op::Continue;
                }
                self.zero(c)
            }
            St::Zero => self.zero(c),
            St::Dot => {
                if c.is_ascii_digit() {
                    self.go(St::Dot0)
                } else {
                    self.error(c, "after decimal point in numeric literal")
                }
            }
            St::Dot0 => {
                if c.is_ascii_digit() {
                    Op::Continue
                } else if c == b'e' || c == b'E' {
                    self.go(St::E)
                } else {
                    self.end_value(c)
                }
            }
            St::E => {
                if c == b'+' || c == b'-' {
                    self.step = St::ESign;
                    return Op::Continue;
                }
                self.e_sign(c)
            }
            St::ESign => self.e_sign(c),
            St::E0 => {
                if c.is_ascii_digit() {
                    Op::Continue
                } else {
                    self.end_value(c)
                }
            }
            St::Lit(word, i) => {
                if c == word[i] {
                    self.go(if i + 1 == word.len() {
                        St::EndValue
                    } else {
                        St::Lit(word, i + 1)
                    })
                } else {
                    let name = std::str::from_utf8(word).unwrap_or_default();
                    let msg = format!("in literal {name} (expecting {})", quote_char(word[i]));
                    self.error(c, &msg)
                }
            }
            St::Error => Op::Error,
        }
    }

    fn e_sign(&mut self, c: u8) -> Op {
        if c.is_ascii_digit() {
            self.go(St::E0)
        } else {
            self.error(c, "in exponent of numeric literal")
        }
    }

    fn zero(&mut self, c: u8) -> Op {
        match c {
            b'.' => self.go(St::Dot),
            b'e' | b'E' => self.go(St::E),
            _ => self.end_value(c),
        }
    }

    fn begin_value(&mut self, c: u8) -> Op {
        if is_space(c) {
            return Op::Skip;
        }
        match c {
            b'{' => {
                self.step = St::BeginStringOrEmpty;
                self.push(c, Ps::ObjectKey)
            }
            b'[' => {
                self.step = St::BeginValueOrEmpty;
                self.push(c, Ps::ArrayValue)
            }
            b'"' => self.go(St::InString),
            b'-' => self.go(St::Neg),
            b'0' => self.go(St::Zero),
            b'1'..=b'9' => self.go(St::One),
            b't' => self.go(St::Lit(b"true", 1)),
            b'f' => self.go(St::Lit(b"false", 1)),
            b'n' => self.go(St::Lit(b"null", 1)),
            _ => self.error(c, "looking for beginning of value"),
        }
    }

    fn begin_string(&mut self, c: u8) -> Op {
        if is_space(c) {
            return Op::Skip;
        }
        if c == b'"' {
            self.step = St::InString;
            return Op::Continue;
        }
        self.error(c, "looking for beginning of object key string")
    }

    /// After an object member or array element: `,` moves on to `next`
    /// (parse state and step), `close` ends the container.
    fn after_member(&mut self, c: u8, (ps, step, close): (Ps, St, u8), context: &str) -> Op {
        if c == b',' {
            *self.stack.last_mut().expect("nonempty") = ps;
            self.step = step;
            return Op::Continue;
        }
        if c == close {
            self.pop();
            return Op::EndContainer;
        }
        self.error(c, context)
    }

    fn end_value(&mut self, c: u8) -> Op {
        let Some(&ps) = self.stack.last() else {
            self.step = St::EndTop;
            return self.step(c);
        };
        if is_space(c) {
            self.step = St::EndValue;
            return Op::Skip;
        }
        match ps {
            Ps::ObjectKey => {
                if c == b':' {
                    *self.stack.last_mut().expect("nonempty") = Ps::ObjectValue;
                    self.step = St::BeginValue;
                    return Op::Continue;
                }
                self.error(c, "after object key")
            }
            Ps::ObjectValue => self.after_member(
                c,
                (Ps::ObjectKey, St::BeginString, b'}'),
                "after object key:value pair",
            ),
            Ps::ArrayValue => self.after_member(
                c,
                (Ps::ArrayValue, St::BeginValue, b']'),
                "after array element",
            ),
        }
    }
}

/// `json.Decoder.Decode`'s reading of the first value: its bytes, or Go's
/// error text.
fn read_value(b: &[u8]) -> Result<&[u8], String> {
    let mut s = Scanner::new();
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    for (i, &c) in b.iter().enumerate() {
        match s.step(c) {
            Op::End => return Ok(&b[start..i]),
            Op::EndContainer => {
                if s.stack.is_empty() {
                    return Ok(&b[start..=i]);
                }
            }
            Op::Error => return Err(s.err.take().unwrap_or_default()),
            Op::Continue | Op::Skip => {}
        }
    }
    if s.step(b' ') == Op::End {
        return Ok(&b[start..]);
    }
    if start < b.len() {
        Err("unexpected EOF".into())
    } else {
        Err("EOF".into())
    }
}

// ---------------------------------------------------------------------------
// The value, read from bytes the scanner accepted, in an arena (no recursion,
// whatever the nesting). Nodes are numbered in document order, so a node's
// subtree is the range `i..end[i]`.

enum Node {
    Null,
    Bool,
    Num(String),
    Str(String),
    Arr(Vec<usize>),
    Obj(Vec<(String, usize)>),
}

/// An open container while reading: its node, its members so far and,
/// for an object, the key awaiting its value.
type Open = (usize, Vec<(String, usize)>, Option<String>);

struct Doc {
    nodes: Vec<Node>,
    end: Vec<usize>,
}

impl Doc {
    fn read(b: &[u8]) -> Doc {
        let mut doc = Doc {
            nodes: Vec::new(),
            end: Vec::new(),
        };
        // Open containers: (node, children, pending object key).
        let mut open: Vec<Open> = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let leaf = match c {
                b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' => {
                    i += 1;
                    continue;
                }
                b'{' | b'[' => {
                    let id = doc.alloc(if c == b'{' {
                        Node::Obj(Vec::new())
                    } else {
                        Node::Arr(Vec::new())
                    });
                    open.push((id, Vec::new(), None));
                    i += 1;
                    continue;
                }
                b'}' | b']' => {
                    i += 1;
                    let Some((id, children, _)) = open.pop() else {
                        break;
                    };
                    doc.nodes[id] = if c == b'}' {
                        Node::Obj(children)
                    } else {
                        Node::Arr(children.into_iter().map(|(_, v)| v).collect())
                    };
                    doc.end[id] = doc.nodes.len();
                    id
                }
                b'"' => {
                    let (s, next) = unquote(b, i);
                    i = next;
                    match open.last_mut() {
                        Some((id, _, pending @ None)) if matches!(doc.nodes[*id], Node::Obj(_)) => {
                            *pending = Some(s);
                            continue;
                        }
                        _ => doc.alloc(Node::Str(s)),
                    }
                }
                b't' | b'f' | b'n' => {
                    i += if c == b'f' { 5 } else { 4 };
                    doc.alloc(if c == b'n' { Node::Null } else { Node::Bool })
                }
                _ => {
                    let from = i;
                    while i < b.len()
                        && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                    {
                        i += 1;
                    }
                    let text = String::from_utf8_lossy(&b[from..i]).into_owned();
                    doc.alloc(Node::Num(text))
                }
            };
            match open.last_mut() {
                Some((_, children, pending)) => {
                    children.push((pending.take().unwrap_or_default(), leaf));
                }
                None => break,
            }
        }
        if doc.nodes.is_empty() {
            doc.alloc(Node::Null);
        }
        doc
    }

    fn alloc(&mut self, n: Node) -> usize {
        self.nodes.push(n);
        self.end.push(self.nodes.len());
        self.nodes.len() - 1
    }

    /// The kind Go names in `cannot unmarshal <kind>` (`None` for null).
    fn kind(&self, v: usize) -> Option<&'static str> {
        match self.nodes[v] {
            Node::Null => None,
            Node::Bool => Some("bool"),
            Node::Num(_) => Some("number"),
            Node::Str(_) => Some("string"),
            Node::Arr(_) => Some("array"),
            Node::Obj(_) => Some("object"),
        }
    }

    /// Decoding into `interface{}` fails only for a number beyond float64.
    fn any_error(&self, v: usize) -> Option<String> {
        self.nodes[v..self.end[v]].iter().find_map(|n| match n {
            Node::Num(t) if t.parse::<f64>().is_ok_and(f64::is_infinite) => Some(format!(
                "json: cannot unmarshal number {t} into Go value of type float64"
            )),
            _ => None,
        })
    }

    /// Decoding into a Go string (or a named string type `ty`): `Ok(None)`
    /// for null, the text for a string, else Go's type error.
    fn string(&self, v: usize, ty: &str) -> Result<Option<&str>, String> {
        match &self.nodes[v] {
            Node::Null => Ok(None),
            Node::Str(s) => Ok(Some(s)),
            _ => Err(type_error(self.kind(v), ty)),
        }
    }

    /// Decoding into a slice whose elements are strings of type `elem`:
    /// the elements (`None` for null), or Go's first type error.
    fn strings(&self, v: usize, ty: &str, elem: &str) -> Result<Vec<Option<&str>>, String> {
        match &self.nodes[v] {
            Node::Null => Ok(Vec::new()),
            Node::Arr(items) => items.iter().map(|&e| self.string(e, elem)).collect(),
            _ => Err(type_error(self.kind(v), ty)),
        }
    }
}

fn type_error(kind: Option<&str>, ty: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go value of type {ty}",
        kind.unwrap_or("null")
    )
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
}

/// Go's unquoting of the (scanner-checked) string starting at `b[at]`:
/// invalid surrogate escapes become U+FFFD. Returns the text and the index
/// after the closing quote.
fn unquote(b: &[u8], at: usize) -> (String, usize) {
    let mut out: Vec<u8> = Vec::new();
    let mut i = at + 1;
    while i < b.len() {
        match b[i] {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i + 1),
            b'\\' => {
                let e = b.get(i + 1).copied().unwrap_or(b'\\');
                i += 2;
                let ch = match e {
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => {
                        let r = hex4(b, i).unwrap_or(0xfffd);
                        i += 4;
                        if (0xd800..0xe000).contains(&r) {
                            let low = if b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
                                hex4(b, i + 2)
                            } else {
                                None
                            };
                            match low {
                                Some(lo) if r < 0xdc00 && (0xdc00..0xe000).contains(&lo) => {
                                    i += 6;
                                    char::from_u32(0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00))
                                        .unwrap_or('\u{fffd}')
                                }
                                _ => '\u{fffd}',
                            }
                        } else {
                            char::from_u32(r).unwrap_or('\u{fffd}')
                        }
                    }
                    other => char::from(other),
                };
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

// ---------------------------------------------------------------------------
// jwx's set and key decoding.

fn parse_set(src: &[u8]) -> Result<Vec<bool>, String> {
    let value = read_value(src)?;
    let doc = Doc::read(value);
    let top = 0;
    match &doc.nodes[top] {
        Node::Null | Node::Bool => Err("error reading token: EOF".into()),
        Node::Num(_) => Err(match doc.any_error(top) {
            Some(e) => format!("error reading token: {e}"),
            None => "error reading token: EOF".into(),
        }),
        Node::Str(s) if s == "keys" => Err("failed to decode \"keys\": EOF".into()),
        Node::Str(s) => Err(format!("failed to decode value for key {}: EOF", quote(s))),
        Node::Arr(_) => Err("expected '{', but got '['".into()),
        Node::Obj(members) => {
            let mut keys = Vec::new();
            let mut saw_keys = false;
            for (name, v) in members {
                if name == "keys" {
                    saw_keys = true;
                    let list: &[usize] = match &doc.nodes[*v] {
                        Node::Null => &[],
                        Node::Arr(items) => items,
                        _ => {
                            let e = type_error(doc.kind(*v), "[]json.RawMessage");
                            return Err(format!("failed to decode \"keys\": {e}"));
                        }
                    };
                    for (i, &k) in list.iter().enumerate() {
                        let private = parse_key(&doc, k)
                            .map_err(|e| format!("failed to decode key #{i} in \"keys\": {e}"))?;
                        keys.push(private);
                    }
                } else if let Some(e) = doc.any_error(*v) {
                    return Err(format!(
                        "failed to decode value for key {}: {e}",
                        quote(name)
                    ));
                }
            }
            if !saw_keys {
                let private = parse_key(&doc, top)
                    .map_err(|e| format!("failed to parse sole key in key set: {e}"))?;
                keys.push(private);
            }
            Ok(keys)
        }
    }
}

/// Go's case folding of struct field names (`K` also from the Kelvin sign).
fn folded(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{212a}' => 'K',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

const HINT: &str = r#"struct { Kty string "json:\"kty\""; D json.RawMessage "json:\"d\"" }"#;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kty {
    Rsa,
    Ec,
    Okp,
    Oct,
}

/// Parse one key; `Ok(true)` for a private key.
fn parse_key(doc: &Doc, v: usize) -> Result<bool, String> {
    let hint = |e: String| format!("failed to unmarshal JSON into key hint: {e}");
    let mut kty = String::new();
    let mut has_d = false;
    match &doc.nodes[v] {
        Node::Null => {}
        Node::Obj(members) => {
            let mut err = None;
            for (name, m) in members {
                match folded(name).as_str() {
                    "KTY" => match &doc.nodes[*m] {
                        Node::Null => {}
                        Node::Str(s) => kty.clone_from(s),
                        _ => {
                            err.get_or_insert_with(|| {
                                format!(
                                    "json: cannot unmarshal {} into Go struct field .kty of type string",
                                    doc.kind(*m).unwrap_or("null")
                                )
                            });
                        }
                    },
                    "D" => has_d = true,
                    _ => {}
                }
            }
            if let Some(e) = err {
                return Err(hint(e));
            }
        }
        _ => return Err(hint(type_error(doc.kind(v), HINT))),
    }
    let kind = match kty.as_str() {
        "RSA" => Kty::Rsa,
        "EC" => Kty::Ec,
        "OKP" => Kty::Okp,
        "oct" => Kty::Oct,
        _ => return Err(format!("invalid key type from JSON ({kty})")),
    };
    let private = has_d || kind == Kty::Oct;
    let go_type = match (kind, private) {
        (Kty::Rsa, false) => "*jwk.rsaPublicKey",
        (Kty::Rsa, true) => "*jwk.rsaPrivateKey",
        (Kty::Ec, false) => "*jwk.ecdsaPublicKey",
        (Kty::Ec, true) => "*jwk.ecdsaPrivateKey",
        (Kty::Okp, false) => "*jwk.okpPublicKey",
        (Kty::Okp, true) => "*jwk.okpPrivateKey",
        (Kty::Oct, _) => "*jwk.symmetricKey",
    };
    decode_key(doc, v, kind, private)
        .map_err(|e| format!("failed to unmarshal JSON into key ({go_type}): {e}"))?;
    Ok(private)
}

/// The byte-string fields of a key type, in the order jwx checks that the
/// required ones are present (`required` first).
fn byte_fields(kind: Kty, private: bool) -> (&'static [&'static str], &'static [&'static str]) {
    match (kind, private) {
        (Kty::Rsa, false) => (&["e", "n"], &[]),
        (Kty::Rsa, true) => (&["d", "e", "n"], &["dp", "dq", "p", "q", "qi"]),
        (Kty::Ec, false) => (&["x", "y"], &[]),
        (Kty::Ec, true) => (&["d", "x", "y"], &[]),
        (Kty::Okp, false) => (&["x"], &[]),
        (Kty::Okp, true) => (&["d", "x"], &[]),
        (Kty::Oct, _) => (&["k"], &[]),
    }
}

/// jwx v1's string-valued members (its `x5u` constant is spelled `x58`).
const STRING_FIELDS: &[&str] = &["alg", "kid", "use", "x5t", "x5t#S256", "x58"];

fn decode_key(doc: &Doc, v: usize, kind: Kty, private: bool) -> Result<(), String> {
    let Node::Obj(members) = &doc.nodes[v] else {
        return Err("error reading token: EOF".into());
    };
    let (required, optional) = byte_fields(kind, private);
    let has_crv = matches!(kind, Kty::Ec | Kty::Okp);
    let expected = match kind {
        Kty::Rsa => "RSA",
        Kty::Ec => "EC",
        Kty::Okp => "OKP",
        Kty::Oct => "oct",
    };
    let mut present: Vec<&str> = Vec::new();
    let mut crv = false;
    let next_value = |e: String| format!("error reading next value: {e}");
    for (name, m) in members {
        let name = name.as_str();
        let m = *m;
        if name == "kty" {
            let val = doc
                .string(m, "string")
                .map_err(|e| format!("error reading token: {}", next_value(e)))?;
            let val = val.unwrap_or_default();
            if val != expected {
                return Err(format!("invalid kty value for RSAPublicKey ({val})"));
            }
        } else if STRING_FIELDS.contains(&name) {
            doc.string(m, "string")
                .map_err(|e| format!("failed to decode value for key {name}: {}", next_value(e)))?;
        } else if required.contains(&name) || optional.contains(&name) {
            let val = doc
                .string(m, "string")
                .map_err(|e| format!("failed to decode value for key {name}: {}", next_value(e)))?;
            if jwx_base64(val.unwrap_or_default()).is_err() {
                return Err(format!(
                    "failed to decode value for key {name}: expected base64 encoded []byte (string)"
                ));
            }
            present.push(name);
        } else if has_crv && name == "crv" {
            doc.string(m, "jwa.EllipticCurveAlgorithm")
                .map_err(|e| format!("failed to decode value for key crv: {e}"))?;
            crv = true;
        } else if name == "key_ops" {
            doc.strings(m, "jwk.KeyOperationList", "jwk.KeyOperation")
                .map_err(|e| format!("failed to decode value for key key_ops: {e}"))?;
        } else if name == "x5c" {
            certificate_chain(doc, m)
                .map_err(|e| format!("failed to decode value for key x5c: {e}"))?;
        } else if let Some(e) = doc.any_error(m) {
            return Err(format!(
                "could not decode field {name}: failed to decode field {name}: {e}"
            ));
        }
    }
    if has_crv && !crv {
        return Err("required field crv is missing".into());
    }
    for field in required {
        if !present.contains(field) {
            return Err(format!("required field {field} is missing"));
        }
    }
    Ok(())
}

/// jwx's `CertificateChain`: a list of base64 DER certificates.
fn certificate_chain(doc: &Doc, v: usize) -> Result<(), String> {
    let list = doc
        .strings(v, "[]string", "string")
        .map_err(|e| format!("failed to unmarshal JSON into []string: {e}"))?;
    for cert in list {
        let der = jwx_base64(cert.unwrap_or_default()).map_err(|e| {
            format!("failed to base64 decode list element: failed to decode source: {e}")
        })?;
        parse_certificate(&der).map_err(|e| format!("failed to parse certificate: {e}"))?;
    }
    Ok(())
}

/// Go's `x509.ParseCertificate`, as far as mast's DER reader goes: one
/// well-formed certificate, nothing after it.
fn parse_certificate(der: &[u8]) -> Result<(), String> {
    match crate::x509::parse_certificates_strict(der) {
        Some(certs) if certs.len() == 1 => Ok(()),
        Some(_) => Err("x509: trailing data".into()),
        None => {
            // The first certificate alone parses: something trails it.
            let first = crate::x509::first_element_len(der);
            match first {
                Some(n)
                    if n < der.len()
                        && crate::x509::parse_certificates_strict(&der[..n]).is_some() =>
                {
                    Err("x509: trailing data".into())
                }
                _ => Err("x509: malformed certificate".into()),
            }
        }
    }
}

/// jwx's base64 decoding: URL or standard alphabet (standard when the text
/// holds `+` or `/`), padded when it ends with `=`; Go's decoder, which
/// skips CR and LF and does not check the trailing bits.
fn jwx_base64(s: &str) -> Result<Vec<u8>, String> {
    let src = s.as_bytes();
    let padded = src.ends_with(b"=");
    let url = !src.iter().any(|&c| c == b'+' || c == b'/');
    go_base64(src, url, padded)
}

fn b64_value(c: u8, url: bool) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' if url => 62,
        b'_' if url => 63,
        b'+' if !url => 62,
        b'/' if !url => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Go's `base64.Encoding.Decode` (non-strict), with Go's
/// `illegal base64 data at input byte N`.
fn go_base64(src: &[u8], url: bool, padded: bool) -> Result<Vec<u8>, String> {
    let corrupt = |at: usize| format!("illegal base64 data at input byte {at}");
    let mut out = Vec::with_capacity(src.len() * 3 / 4);
    let mut si = 0;
    while si < src.len() {
        let mut quantum = [0u32; 4];
        let mut dlen = 4;
        let mut j = 0;
        let mut trailing = None;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                if j == 1 || padded {
                    return Err(corrupt(si - j));
                }
                dlen = j;
                break;
            }
            let c = src[si];
            si += 1;
            if let Some(v) = b64_value(c, url) {
                quantum[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if !padded || c != b'=' {
                return Err(corrupt(si - 1));
            }
            // Padding.
            match j {
                0 | 1 => return Err(corrupt(si - 1)),
                2 => {
                    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return Err(corrupt(src.len()));
                    }
                    if src[si] != b'=' {
                        return Err(corrupt(si - 1));
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            if si < src.len() {
                trailing = Some(si);
            }
            dlen = j;
            break;
        }
        let val = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
        let bytes = val.to_be_bytes();
        out.extend_from_slice(&bytes[1..dlen]);
        if let Some(at) = trailing {
            return Err(corrupt(at));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn err(s: &str) -> String {
        parse(s).unwrap_err()
    }

    #[test]
    fn syntax_errors_are_go_texts() {
        let p = "failed to unmarshal JWK set: ";
        assert_eq!(
            err("xyz"),
            format!("{p}invalid character 'x' looking for beginning of value")
        );
        assert_eq!(err("{"), format!("{p}unexpected EOF"));
        assert_eq!(err(" "), format!("{p}EOF"));
        assert_eq!(err("null"), format!("{p}error reading token: EOF"));
        assert_eq!(err("[]"), format!("{p}expected '{{', but got '['"));
        assert_eq!(
            err("{}"),
            format!("{p}failed to parse sole key in key set: invalid key type from JSON ()")
        );
        assert_eq!(
            err("{\"a\" 1}"),
            format!("{p}invalid character '1' after object key")
        );
    }

    #[test]
    fn keys_and_private_material() {
        let rsa = r#"{"keys":[{"kty":"RSA","e":"AQAB","n":"xyz"},{"kty":"RSA","e":"AQAB","n":"AQAB","d":"AQAB"}]}"#;
        assert_eq!(parse(rsa), Ok(vec![false, true]));
        assert_eq!(parse(r#"{"kty":"oct","k":"AAAA"}"#), Ok(vec![true]));
        assert_eq!(
            err(r#"{"keys":[{"kty":"RSA","n":"AQAB"}]}"#),
            "failed to unmarshal JWK set: failed to decode key #0 in \"keys\": failed to unmarshal JSON into key (*jwk.rsaPublicKey): required field e is missing"
        );
    }

    #[test]
    fn base64_like_go() {
        use super::go_base64;
        assert_eq!(go_base64(b"QUJD", true, false), Ok(b"ABC".to_vec()));
        assert_eq!(go_base64(b"QQ", true, false), Ok(b"A".to_vec()));
        assert!(go_base64(b"Q", true, false).is_err());
        assert_eq!(go_base64(b"QQ==", true, true), Ok(b"A".to_vec()));
        assert_eq!(
            go_base64(b"QQ=", true, true),
            Err("illegal base64 data at input byte 3".into())
        );
        assert_eq!(
            go_base64(b"QQ==QQ", true, true),
            Err("illegal base64 data at input byte 4".into())
        );
    }
}
