//! The CEL lexer as cel-go's ANTLR grammar (`CEL.g4`) tokenizes: longest
//! match, the earlier rule on a tie (keywords before identifiers), and on a
//! character no token can continue with, ANTLR's `token recognition error`
//! naming the characters from the token start up to and including the one
//! that failed, after which lexing resumes behind that character.

/// Token types, numbered as in cel-go's `CEL.tokens` (the order of expected
/// sets in syntax errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tok {
    Eq = 1,
    Ne,
    In,
    Lt,
    Le,
    Ge,
    Gt,
    And,
    Or,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Dot,
    Comma,
    Minus,
    Not,
    Question,
    Colon,
    Plus,
    Star,
    Slash,
    Percent,
    True,
    False,
    Null,
    Whitespace,
    Comment,
    Float,
    Int,
    Uint,
    Str,
    Bytes,
    Ident,
    EscIdent,
    Eof,
}

impl Tok {
    /// ANTLR's display name: the literal for fixed tokens, else the symbol.
    pub fn display(self) -> &'static str {
        use Tok::*;
        match self {
            Eq => "'=='",
            Ne => "'!='",
            In => "'in'",
            Lt => "'<'",
            Le => "'<='",
            Ge => "'>='",
            Gt => "'>'",
            And => "'&&'",
            Or => "'||'",
            LBracket => "'['",
            RBracket => "']'",
            LBrace => "'{'",
            RBrace => "'}'",
            LParen => "'('",
            RParen => "')'",
            Dot => "'.'",
            Comma => "','",
            Minus => "'-'",
            Not => "'!'",
            Question => "'?'",
            Colon => "':'",
            Plus => "'+'",
            Star => "'*'",
            Slash => "'/'",
            Percent => "'%'",
            True => "'true'",
            False => "'false'",
            Null => "'null'",
            Whitespace => "WHITESPACE",
            Comment => "COMMENT",
            Float => "NUM_FLOAT",
            Int => "NUM_INT",
            Uint => "NUM_UINT",
            Str => "STRING",
            Bytes => "BYTES",
            Ident => "IDENTIFIER",
            EscIdent => "ESC_IDENTIFIER",
            Eof => "<EOF>",
        }
    }
}

/// A token: its type, its characters `[start, end)` (code point indexes),
/// and the line (1-based) and column (0-based, in code points) it starts at.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub col: usize,
}

impl Token {
    pub fn hidden(&self) -> bool {
        matches!(self.tok, Tok::Whitespace | Tok::Comment)
    }
}

/// A lexer error: where the failed token started and the text ANTLR shows.
#[derive(Debug, Clone)]
pub struct LexError {
    pub line: usize,
    pub col: usize,
    pub text: String,
}

/// Every token (hidden ones included, EOF last) and every lexer error.
pub fn lex(chars: &[char]) -> (Vec<Token>, Vec<LexError>) {
    let mut toks = Vec::new();
    let mut errs = Vec::new();
    let (mut i, mut line, mut col) = (0, 1, 0);
    let advance = |from: usize, to: usize, line: &mut usize, col: &mut usize| {
        for &c in &chars[from..to] {
            if c == '\n' {
                *line += 1;
                *col = 0;
            } else {
                *col += 1;
            }
        }
    };
    while i < chars.len() {
        match scan(chars, i) {
            Ok((tok, end)) => {
                toks.push(Token {
                    tok,
                    start: i,
                    end,
                    line,
                    col,
                });
                advance(i, end, &mut line, &mut col);
                i = end;
            }
            Err(dead) => {
                let stop = dead.min(chars.len() - 1);
                errs.push(LexError {
                    line,
                    col,
                    text: chars[i..=stop].iter().collect(),
                });
                let next = (dead + 1).min(chars.len());
                advance(i, next, &mut line, &mut col);
                i = next;
            }
        }
    }
    toks.push(Token {
        tok: Tok::Eof,
        start: chars.len(),
        end: chars.len(),
        line,
        col,
    });
    (toks, errs)
}

fn at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn is_hex(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_hexdigit())
}

/// The longest token at `i`, or the index of the character at which every
/// candidate failed (`chars.len()` for the end of input).
fn scan(chars: &[char], i: usize) -> Result<(Tok, usize), usize> {
    use Tok::*;
    let c = chars[i];
    let next = at(chars, i + 1);
    let fixed = |t: Tok, n: usize| Ok((t, i + n));
    match c {
        ' ' | '\t' | '\r' | '\n' | '\u{c}' => {
            let mut j = i;
            while matches!(at(chars, j), Some(' ' | '\t' | '\r' | '\n' | '\u{c}')) {
                j += 1;
            }
            Ok((Whitespace, j))
        }
        '/' if next == Some('/') => {
            let mut j = i;
            while at(chars, j).is_some_and(|c| c != '\n') {
                j += 1;
            }
            Ok((Comment, j))
        }
        '=' if next == Some('=') => fixed(Eq, 2),
        '=' => Err(i + 1),
        '!' if next == Some('=') => fixed(Ne, 2),
        '!' => fixed(Not, 1),
        '<' if next == Some('=') => fixed(Le, 2),
        '<' => fixed(Lt, 1),
        '>' if next == Some('=') => fixed(Ge, 2),
        '>' => fixed(Gt, 1),
        '&' if next == Some('&') => fixed(And, 2),
        '&' => Err(i + 1),
        '|' if next == Some('|') => fixed(Or, 2),
        '|' => Err(i + 1),
        '[' => fixed(LBracket, 1),
        ']' => fixed(RBracket, 1),
        '{' => fixed(LBrace, 1),
        '}' => fixed(RBrace, 1),
        '(' => fixed(LParen, 1),
        ')' => fixed(RParen, 1),
        ',' => fixed(Comma, 1),
        '-' => fixed(Minus, 1),
        '?' => fixed(Question, 1),
        ':' => fixed(Colon, 1),
        '+' => fixed(Plus, 1),
        '*' => fixed(Star, 1),
        '/' => fixed(Slash, 1),
        '%' => fixed(Percent, 1),
        '.' if is_digit(next) => {
            let mut j = i + 1;
            while is_digit(at(chars, j)) {
                j += 1;
            }
            Ok((Float, exponent(chars, j)))
        }
        '.' => fixed(Dot, 1),
        '0'..='9' => Ok(number(chars, i)),
        '"' | '\'' => string(chars, i, false).map(|e| (Str, e)),
        '`' => {
            let mut j = i + 1;
            while at(chars, j).is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | ' ')
            }) {
                j += 1;
            }
            if j > i + 1 && at(chars, j) == Some('`') {
                Ok((EscIdent, j + 1))
            } else {
                Err(j)
            }
        }
        c if c.is_ascii_alphabetic() || c == '_' => {
            let mut j = i + 1;
            while at(chars, j).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let ident = match word.as_str() {
                "in" => In,
                "true" => True,
                "false" => False,
                "null" => Null,
                _ => Ident,
            };
            // A string or bytes literal with a prefix beats the identifier
            // it starts with when it is longer.
            let lit = match (c, next) {
                ('r' | 'R', Some('"' | '\'')) => string(chars, i + 1, true).ok().map(|e| (Str, e)),
                ('b' | 'B', Some('"' | '\'')) => {
                    string(chars, i + 1, false).ok().map(|e| (Bytes, e))
                }
                ('b' | 'B', Some('r' | 'R')) if matches!(at(chars, i + 2), Some('"' | '\'')) => {
                    string(chars, i + 2, true).ok().map(|e| (Bytes, e))
                }
                _ => None,
            };
            match lit {
                Some((t, e)) if e > j => Ok((t, e)),
                _ => Ok((ident, j)),
            }
        }
        _ => Err(i),
    }
}

/// An optional exponent at `j`: its end, or `j` when there is none.
fn exponent(chars: &[char], j: usize) -> usize {
    if !matches!(at(chars, j), Some('e' | 'E')) {
        return j;
    }
    let mut k = j + 1;
    if matches!(at(chars, k), Some('+' | '-')) {
        k += 1;
    }
    if !is_digit(at(chars, k)) {
        return j;
    }
    while is_digit(at(chars, k)) {
        k += 1;
    }
    k
}

fn number(chars: &[char], i: usize) -> (Tok, usize) {
    if chars[i] == '0' && at(chars, i + 1) == Some('x') && is_hex(at(chars, i + 2)) {
        let mut j = i + 2;
        while is_hex(at(chars, j)) {
            j += 1;
        }
        if matches!(at(chars, j), Some('u' | 'U')) {
            return (Tok::Uint, j + 1);
        }
        return (Tok::Int, j);
    }
    let mut j = i;
    while is_digit(at(chars, j)) {
        j += 1;
    }
    if at(chars, j) == Some('.') && is_digit(at(chars, j + 1)) {
        let mut k = j + 1;
        while is_digit(at(chars, k)) {
            k += 1;
        }
        return (Tok::Float, exponent(chars, k));
    }
    let e = exponent(chars, j);
    if e > j {
        return (Tok::Float, e);
    }
    if matches!(at(chars, j), Some('u' | 'U')) {
        return (Tok::Uint, j + 1);
    }
    (Tok::Int, j)
}

/// A valid escape sequence at `k` (a backslash): its end, or the index of
/// the character that makes it invalid.
fn escape(chars: &[char], k: usize) -> Result<usize, usize> {
    let need = |from: usize, n: usize, ok: fn(char) -> bool| {
        for j in from..from + n {
            if !at(chars, j).is_some_and(ok) {
                return Err(j.min(chars.len()));
            }
        }
        Ok(from + n)
    };
    match at(chars, k + 1) {
        Some('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '"' | '\'' | '\\' | '?' | '`') => Ok(k + 2),
        Some('0'..='3') => need(k + 2, 2, |c| matches!(c, '0'..='7')),
        Some('x' | 'X') => need(k + 2, 2, |c| c.is_ascii_hexdigit()),
        Some('u') => need(k + 2, 4, |c| c.is_ascii_hexdigit()),
        Some('U') => need(k + 2, 8, |c| c.is_ascii_hexdigit()),
        _ => Err((k + 1).min(chars.len())),
    }
}

/// A quoted literal whose opening quote is at `q`: its end, or where it
/// failed. A triple-quoted literal that does not close still matches its
/// first two quotes as an empty literal (the longest match ANTLR keeps).
fn string(chars: &[char], q: usize, raw: bool) -> Result<usize, usize> {
    let quote = chars[q];
    let triple = at(chars, q + 1) == Some(quote) && at(chars, q + 2) == Some(quote);
    if triple {
        let mut j = q + 3;
        let closed = loop {
            match at(chars, j) {
                None => break Err(chars.len()),
                Some(c)
                    if c == quote
                        && at(chars, j + 1) == Some(quote)
                        && at(chars, j + 2) == Some(quote) =>
                {
                    break Ok(j + 3);
                }
                Some('\\') if !raw => match escape(chars, j) {
                    Ok(e) => j = e,
                    Err(d) => break Err(d),
                },
                Some(_) => j += 1,
            }
        };
        // `''` (the first two quotes) is a complete literal on its own.
        return closed.or(Ok(q + 2));
    }
    let mut j = q + 1;
    loop {
        match at(chars, j) {
            None => return Err(chars.len()),
            Some(c) if c == quote => return Ok(j + 1),
            Some('\n' | '\r') => return Err(j),
            Some('\\') if !raw => j = escape(chars, j)?,
            Some(_) => j += 1,
        }
    }
}
