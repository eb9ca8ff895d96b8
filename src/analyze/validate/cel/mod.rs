//! The parse phase of CEL as `cel.NewEnv().Parse` runs it in cel-go (the
//! version the pinned istio module uses), for Telemetry access-log filters:
//! accept exactly what cel-go accepts, and report in cel-go's words
//! (`ERROR: <input>:L:C: message`, the source line and a caret line, one
//! block per error, sorted by position).
//!
//! A crate was considered: cel-rust's parsers (`cel-parser`, `cel`) do not
//! reproduce cel-go's lexing corner cases, its limits, macro argument checks
//! or error texts, and bring an interpreter along; accept/reject plus the
//! text is all validation needs, so the grammar is parsed here.
//!
//! Syntax errors are ANTLR's; the first one is reproduced for the common
//! shapes (see `parse.rs`), ANTLR's recovery after it is not, so inputs with
//! several syntax errors may be worded differently (never accepted
//! differently).

#![allow(clippy::enum_glob_use)] // token names read best bare in the grammar code
#![allow(clippy::match_same_arms, clippy::many_single_char_names)] // arms follow the grammar's alternatives

mod check;
mod lex;
mod parse;

/// cel-go's defaults, unchanged by `cel.NewEnv()`.
const MAX_RECURSION_DEPTH: usize = 250;
const MAX_CODE_POINTS: usize = 100_000;
const MAX_ERRORS: usize = 100;

/// A position: 1-based line, 0-based column in code points; `-1` for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    line: i64,
    col: i64,
}

impl Loc {
    const NONE: Loc = Loc { line: -1, col: -1 };

    fn at(line: usize, col: usize) -> Self {
        Loc {
            line: i64::try_from(line).unwrap_or(i64::MAX),
            col: i64::try_from(col).unwrap_or(i64::MAX),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    loc: Loc,
    msg: String,
}

impl Error {
    fn at(loc: Loc, msg: String) -> Self {
        Error { loc, msg }
    }

    #[allow(clippy::needless_pass_by_value)] // callers build the text with format!
    fn syntax(loc: Loc, msg: String) -> Self {
        Error {
            loc,
            msg: format!("Syntax error: {msg}"),
        }
    }

    fn nowhere(msg: String) -> Self {
        Error {
            loc: Loc::NONE,
            msg,
        }
    }
}

/// `Ok` when cel-go parses `expr`, else its error text (`Issues.Err()`).
pub fn parse(expr: &str) -> Result<(), String> {
    // Deep nesting recurses a few thousand frames before the limits stop
    // it: long inputs get a thread with room for that.
    if expr.len() > 256 {
        let owned = expr.to_string();
        return std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || parse_here(&owned))
            .ok()
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| parse_here(expr));
    }
    parse_here(expr)
}

fn parse_here(expr: &str) -> Result<(), String> {
    let chars: Vec<char> = expr.chars().collect();
    if chars.len() > MAX_CODE_POINTS {
        let e = Error::nowhere(format!(
            "expression code point size exceeds limit: size: {}, limit {MAX_CODE_POINTS}",
            chars.len()
        ));
        return Err(display(expr, vec![e]));
    }
    let (tokens, lex_errors) = lex::lex(&chars);
    let mut errors: Vec<Error> = lex_errors
        .into_iter()
        .map(|e| {
            let quoted = e
                .text
                .replace('\n', "\\n")
                .replace('\r', "\\r")
                .replace('\t', "\\t");
            Error::syntax(
                Loc::at(e.line, e.col),
                format!("token recognition error at: '{quoted}'"),
            )
        })
        .collect();
    let mut p = parse::Parser::new(&chars, &tokens, MAX_RECURSION_DEPTH);
    let tree = p.start();
    let syntax_errors = !p.errors.is_empty();
    errors.append(&mut p.errors);
    if let Ok(tree) = tree
        && !syntax_errors
    {
        let mut c = check::Checker::new(MAX_RECURSION_DEPTH);
        let _ = c.visit(&tree);
        errors.append(&mut c.errors);
    }
    if errors.is_empty() {
        return Ok(());
    }
    // An empty input's end has no column.
    if chars.is_empty() {
        for e in &mut errors {
            if e.loc == Loc::at(1, 0) {
                e.loc.col = -1;
            }
        }
    }
    Err(display(expr, errors))
}

/// cel-go's `Errors.ToDisplayString`: sorted by position (stable), at most
/// 100, each with its source line and a caret.
fn display(src: &str, mut errors: Vec<Error>) -> String {
    let total = errors.len();
    errors.sort_by_key(|e| e.loc);
    let lines: Vec<&str> = src.split('\n').collect();
    let mut out: Vec<String> = errors
        .iter()
        .take(MAX_ERRORS)
        .map(|e| {
            let mut s = format!("ERROR: <input>:{}:{}: {}", e.loc.line, e.loc.col + 1, e.msg);
            let line = usize::try_from(e.loc.line - 1)
                .ok()
                .and_then(|i| lines.get(i));
            if let Some(line) = line.filter(|l| l.len() <= 16384 && !src.is_empty()) {
                let snippet = line.replace('\t', " ");
                s.push_str("\n | ");
                s.push_str(&snippet);
                s.push_str("\n | ");
                let mut chars = snippet.chars();
                for _ in 0..e.loc.col.max(0) {
                    match chars.next() {
                        Some(c) if c.len_utf8() > 1 => s.push('\u{ff0e}'),
                        Some(_) => s.push('.'),
                        None => break,
                    }
                }
                match chars.next() {
                    Some(c) if c.len_utf8() > 1 => s.push('\u{ff3e}'),
                    _ => s.push('^'),
                }
            }
            s
        })
        .collect();
    if total > MAX_ERRORS {
        out.push(format!("{} more errors were truncated", total - MAX_ERRORS));
    }
    out.join("\n")
}
