//! What cel-go's parser checks while it turns the parse tree into an AST:
//! literal ranges and escapes, reserved identifiers, the optional syntax
//! `cel.NewEnv()` does not enable, the standard macros' arguments, and the
//! visitor's own recursion limit.

use super::parse::Node;
use super::{Error, Loc};

const RESERVED: &[&str] = &[
    "as",
    "break",
    "const",
    "continue",
    "else",
    "false",
    "for",
    "function",
    "if",
    "import",
    "in",
    "let",
    "loop",
    "package",
    "namespace",
    "null",
    "return",
    "true",
    "var",
    "void",
    "while",
];

/// The accumulator name an iteration variable may not take.
const ACCUMULATOR: &str = "__result__";

pub struct Checker {
    depth: usize,
    max_depth: usize,
    pub errors: Vec<Error>,
}

/// What a visited node became, as far as the macros care.
enum Kind {
    Ident(String),
    Select,
    Other,
}

pub struct Visited {
    kind: Kind,
    at: Loc,
}

impl Visited {
    fn other(at: Loc) -> Self {
        Visited {
            kind: Kind::Other,
            at,
        }
    }
}

/// The recursion limit was reached.
pub struct Limit;

type R = Result<Visited, Limit>;

impl Checker {
    pub fn new(max_depth: usize) -> Self {
        Checker {
            depth: 0,
            max_depth,
            errors: Vec::new(),
        }
    }

    fn err(&mut self, at: Loc, msg: impl Into<String>) -> Visited {
        self.errors.push(Error::at(at, msg.into()));
        Visited::other(at)
    }

    /// The visitor counts ternaries, relations, arithmetic, selects, member
    /// calls and indexes.
    fn counted(&mut self, n: &Node) -> R {
        self.depth += 1;
        if self.depth > self.max_depth {
            self.errors
                .push(Error::nowhere("max recursion depth exceeded".into()));
            return Err(Limit);
        }
        let v = self.node(n);
        self.depth -= 1;
        v
    }

    pub fn visit(&mut self, n: &Node) -> R {
        match n {
            Node::Ternary { .. }
            | Node::Binary { .. }
            | Node::Select { .. }
            | Node::MemberCall { .. }
            | Node::Index { .. } => self.counted(n),
            _ => self.node(n),
        }
    }

    fn node(&mut self, n: &Node) -> R {
        Ok(match n {
            Node::Ternary { at, parts } => {
                for p in parts.iter() {
                    self.visit(p)?;
                }
                Visited::other(*at)
            }
            Node::Logic { terms, ops } => {
                for t in terms {
                    self.visit(t)?;
                }
                // The balanced tree's root is the middle operator.
                Visited::other(ops[ops.len() / 2])
            }
            Node::Binary { at, lhs, rhs } => {
                self.visit(lhs)?;
                self.visit(rhs)?;
                Visited::other(*at)
            }
            Node::Unary { count, at, operand } => {
                if count % 2 == 0 {
                    return self.visit(operand);
                }
                self.visit(operand)?;
                Visited::other(*at)
            }
            Node::Select { operand, dot, opt } => {
                self.visit(operand)?;
                if *opt {
                    return Ok(self.err(*dot, "unsupported syntax '.?'"));
                }
                Visited {
                    kind: Kind::Select,
                    at: *dot,
                }
            }
            Node::MemberCall {
                operand,
                open,
                name,
                args,
            } => {
                self.visit(operand)?;
                let mut first = None;
                for a in args {
                    let v = self.visit(a)?;
                    first.get_or_insert(v);
                }
                let quantifier = matches!(name.as_str(), "all" | "exists" | "exists_one");
                let iterates = matches!(
                    (name.as_str(), args.len()),
                    ("all" | "exists" | "exists_one" | "filter", 2) | ("map", 2 | 3)
                );
                match first {
                    Some(v) if iterates => match v.kind {
                        Kind::Ident(id) if id == ACCUMULATOR => {
                            self.err(v.at, "iteration variable overwrites accumulator variable")
                        }
                        Kind::Ident(_) => Visited::other(*open),
                        _ if quantifier => self.err(v.at, "argument must be a simple name"),
                        _ => self.err(v.at, "argument is not an identifier"),
                    },
                    _ => Visited::other(*open),
                }
            }
            Node::Index {
                target,
                open,
                opt,
                index,
            } => {
                self.visit(target)?;
                self.visit(index)?;
                if *opt {
                    return Ok(self.err(*open, "unsupported syntax '[?'"));
                }
                Visited::other(*open)
            }
            Node::Ident {
                start,
                at,
                name,
                dot,
            } => {
                if RESERVED.contains(&name.as_str()) {
                    return Ok(self.err(*start, format!("reserved identifier: {name}")));
                }
                let name = if *dot {
                    format!(".{name}")
                } else {
                    name.clone()
                };
                Visited {
                    kind: Kind::Ident(name),
                    at: *at,
                }
            }
            Node::GlobalCall {
                start,
                open,
                name,
                dot,
                args,
            } => {
                if RESERVED.contains(&name.as_str()) {
                    return Ok(self.err(*start, format!("reserved identifier: {name}")));
                }
                let mut first = None;
                for a in args {
                    let v = self.visit(a)?;
                    first.get_or_insert(v);
                }
                match first {
                    Some(v) if !dot && name == "has" && args.len() == 1 => match v.kind {
                        Kind::Select => Visited::other(*open),
                        _ => self.err(v.at, "invalid argument to has() macro"),
                    },
                    _ => Visited::other(*open),
                }
            }
            Node::List { at, elems } => {
                for (opt, e) in elems {
                    self.visit(e)?;
                    if let Some(q) = opt {
                        self.err(*q, "unsupported syntax '?'");
                    }
                }
                Visited::other(*at)
            }
            Node::Map { at, entries } => {
                for (opt, k, v) in entries {
                    if let Some(q) = opt {
                        self.err(*q, "unsupported syntax '?'");
                        continue;
                    }
                    self.visit(k)?;
                    self.visit(v)?;
                }
                Visited::other(*at)
            }
            Node::Message { at, fields } => {
                for (opt, v) in fields {
                    if let Some(q) = opt {
                        self.err(*q, "unsupported syntax '?'");
                        continue;
                    }
                    self.visit(v)?;
                }
                Visited::other(*at)
            }
            Node::Int { at, text } => {
                let (neg, digits) = match text.strip_prefix('-') {
                    Some(d) => (true, d),
                    None => (false, text.as_str()),
                };
                let (radix, digits) = match digits.strip_prefix("0x") {
                    Some(h) => (16, h),
                    None => (10, digits),
                };
                let ok = i128::from_str_radix(digits, radix)
                    .ok()
                    .map(|v| if neg { -v } else { v })
                    .is_some_and(|v| i64::try_from(v).is_ok());
                if !ok {
                    return Ok(self.err(*at, "invalid int literal"));
                }
                Visited::other(*at)
            }
            Node::Uint { at, text } => {
                let digits = &text[..text.len() - 1];
                let ok = match digits.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16).is_ok(),
                    None => digits.parse::<u64>().is_ok(),
                };
                if !ok {
                    return Ok(self.err(*at, "invalid uint literal"));
                }
                Visited::other(*at)
            }
            Node::Double { at, text } => {
                if text.parse::<f64>().map_or(true, f64::is_infinite) {
                    return Ok(self.err(*at, "invalid double literal"));
                }
                Visited::other(*at)
            }
            Node::Str { at, text, bytes } => {
                if let Err(e) = unescape(text, *bytes) {
                    return Ok(self.err(*at, e));
                }
                Visited::other(*at)
            }
            Node::Other { at } => Visited::other(*at),
        })
    }
}

/// The errors cel-go's `unescape` can still find in a literal the lexer
/// accepted: `\u`/`\U` in bytes, and code points that are not Unicode
/// scalar values.
fn unescape(token: &str, bytes: bool) -> Result<(), &'static str> {
    let body = if bytes { &token[1..] } else { token };
    if body.starts_with(['r', 'R']) {
        return Ok(());
    }
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some(e) = chars.next() else { break };
        let n = match e {
            'u' => 4,
            'U' => 8,
            'x' | 'X' => 2,
            '0'..='3' => 2,
            _ => 0,
        };
        let digits: String = (0..n).filter_map(|_| chars.next()).collect();
        if matches!(e, 'u' | 'U') {
            if bytes {
                return Err("unable to unescape string");
            }
            let v = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
            if char::from_u32(v).is_none() {
                return Err("invalid unicode code point");
            }
        }
    }
    Ok(())
}
