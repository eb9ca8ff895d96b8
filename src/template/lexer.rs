//! The lexer: splits template text into tokens, following Go's
//! `text/template/parse` lexer (delimiters, trim markers, comments, actions).

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Error,
    Bool,
    Char,
    CharConstant,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    // keywords
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

impl Tok {
    pub fn is_keyword(self) -> bool {
        matches!(
            self,
            Tok::Block
                | Tok::Break
                | Tok::Continue
                | Tok::Dot
                | Tok::Define
                | Tok::Else
                | Tok::End
                | Tok::If
                | Tok::Nil
                | Tok::Range
                | Tok::Template
                | Tok::With
        )
    }
}

/// A token; its text borrows the template text (only error messages are
/// owned), so reading tokens ahead and back allocates nothing.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    pub typ: Tok,
    pub pos: usize,
    pub line: usize,
    pub val: Cow<'a, str>,
}

impl Token<'_> {
    /// Go's `item.String()`, used in parse error messages.
    pub fn describe(&self) -> String {
        match self.typ {
            Tok::Eof => "EOF".into(),
            Tok::Error => self.val.to_string(),
            t if t.is_keyword() => format!("<{}>", self.val),
            _ => {
                if self.val.chars().count() > 10 {
                    let short: String = self.val.chars().take(10).collect();
                    format!("{}...", super::fmt::quote(&short))
                } else {
                    super::fmt::quote(&self.val)
                }
            }
        }
    }
}

const LEFT: &str = "{{";
const RIGHT: &str = "}}";

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

fn has_left_trim(s: &[u8]) -> bool {
    s.len() >= 2 && s[0] == b'-' && is_space(s[1])
}

fn has_right_trim(s: &[u8]) -> bool {
    s.len() >= 2 && is_space(s[0]) && s[1] == b'-'
}

/// Lex the whole input. The last token is `Eof` or `Error`.
pub fn lex(input: &str) -> Vec<Token<'_>> {
    let mut l = Lexer {
        input,
        b: input.as_bytes(),
        pos: 0,
        start: 0,
        // About one token per 16 bytes in Istio's templates.
        toks: Vec::with_capacity(input.len() / 16 + 4),
        paren: 0,
        line: 1,
    };
    l.run();
    l.toks
}

struct Lexer<'a> {
    input: &'a str,
    b: &'a [u8],
    pos: usize,
    start: usize,
    toks: Vec<Token<'a>>,
    paren: i32,
    /// line at `start`
    line: usize,
}

impl<'a> Lexer<'a> {
    fn emit_val(&mut self, typ: Tok, val: Cow<'a, str>) {
        let line = self.line;
        self.toks.push(Token {
            typ,
            pos: self.start,
            line,
            val,
        });
        self.ignore();
    }

    fn emit(&mut self, typ: Tok) {
        let input = self.input;
        self.emit_val(typ, Cow::Borrowed(&input[self.start..self.pos]));
    }

    /// Skip to pos, counting lines.
    #[allow(clippy::naive_bytecount)] // vectorized well enough; no extra crate
    fn ignore(&mut self) {
        self.line += self.b[self.start..self.pos]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.start = self.pos;
    }

    fn error(&mut self, msg: String) {
        let line = self.line;
        self.toks.push(Token {
            typ: Tok::Error,
            pos: self.start,
            line,
            val: Cow::Owned(msg),
        });
    }

    fn peek_char(&self) -> Option<char> {
        self.input[self.pos..].chars().next()
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = &self.b[self.pos..];
        if has_right_trim(rest) && rest[2..].starts_with(RIGHT.as_bytes()) {
            return (true, true);
        }
        if rest.starts_with(RIGHT.as_bytes()) {
            return (true, false);
        }
        (false, false)
    }

    fn at_terminator(&self) -> bool {
        match self.b.get(self.pos) {
            None => true,
            Some(c) if is_space(*c) => true,
            Some(b'.' | b',' | b'|' | b':' | b')' | b'(') => true,
            _ => self.b[self.pos..].starts_with(RIGHT.as_bytes()),
        }
    }

    fn run(&mut self) {
        loop {
            // text
            if let Some(x) = self.input[self.pos..].find(LEFT) {
                let delim_pos = self.pos + x;
                let after = delim_pos + LEFT.len();
                let mut text_end = delim_pos;
                if has_left_trim(&self.b[after..]) {
                    while text_end > self.start && is_space(self.b[text_end - 1]) {
                        text_end -= 1;
                    }
                }
                if text_end > self.start {
                    self.pos = text_end;
                    self.emit(Tok::Text);
                }
                self.pos = delim_pos;
                self.ignore();
                if !self.left_delim() {
                    return;
                }
            } else {
                self.pos = self.b.len();
                if self.pos > self.start {
                    self.emit(Tok::Text);
                }
                self.emit_val(Tok::Eof, Cow::Borrowed(""));
                return;
            }
        }
    }

    /// At a left delimiter. Returns false on error.
    fn left_delim(&mut self) -> bool {
        let after = self.pos + LEFT.len();
        let trim = has_left_trim(&self.b[after..]);
        let marker = if trim { 2 } else { 0 };
        if self.b[after + marker..].starts_with(b"/*") {
            self.pos = after + marker;
            self.ignore();
            return self.comment();
        }
        self.pos = after;
        self.emit(Tok::LeftDelim);
        self.pos += marker;
        self.ignore();
        self.paren = 0;
        self.inside_action()
    }

    fn comment(&mut self) -> bool {
        self.pos += 2;
        let Some(x) = self.input[self.pos..].find("*/") else {
            self.error("unclosed comment".into());
            return false;
        };
        self.pos += x + 2;
        let (delim, trim) = self.at_right_delim();
        if !delim {
            self.error("comment ends before closing delimiter".into());
            return false;
        }
        if trim {
            self.pos += 2;
        }
        self.pos += RIGHT.len();
        if trim {
            while self.pos < self.b.len() && is_space(self.b[self.pos]) {
                self.pos += 1;
            }
        }
        self.ignore();
        true
    }

    fn right_delim(&mut self, trim: bool) {
        if trim {
            self.pos += 2;
            self.ignore();
        }
        self.pos += RIGHT.len();
        self.emit(Tok::RightDelim);
        if trim {
            while self.pos < self.b.len() && is_space(self.b[self.pos]) {
                self.pos += 1;
            }
            self.ignore();
        }
    }

    #[allow(clippy::too_many_lines)]
    fn inside_action(&mut self) -> bool {
        loop {
            let (delim, trim) = self.at_right_delim();
            if delim {
                if self.paren == 0 {
                    self.right_delim(trim);
                    return true;
                }
                self.error("unclosed left paren".into());
                return false;
            }
            let Some(c) = self.peek_char() else {
                self.error("unclosed action".into());
                return false;
            };
            let cb = self.b[self.pos];
            if is_space(cb) {
                let mut n = 0;
                while self.pos < self.b.len() && is_space(self.b[self.pos]) {
                    self.pos += 1;
                    n += 1;
                }
                let rest = &self.b[self.pos - 1..];
                if has_right_trim(rest) && rest[2..].starts_with(RIGHT.as_bytes()) {
                    self.pos -= 1;
                    if n == 1 {
                        let (_, trim) = self.at_right_delim();
                        if self.paren != 0 {
                            self.error("unclosed left paren".into());
                            return false;
                        }
                        self.right_delim(trim);
                        return true;
                    }
                }
                self.emit(Tok::Space);
                continue;
            }
            self.pos += c.len_utf8();
            match c {
                '=' => self.emit(Tok::Assign),
                ':' => {
                    if self.b.get(self.pos) != Some(&b'=') {
                        self.error("expected :=".into());
                        return false;
                    }
                    self.pos += 1;
                    self.emit(Tok::Declare);
                }
                '|' => self.emit(Tok::Pipe),
                '"' => {
                    if !self.quote() {
                        return false;
                    }
                }
                '`' => {
                    let Some(x) = self.input[self.pos..].find('`') else {
                        self.error("unterminated raw quoted string".into());
                        return false;
                    };
                    self.pos += x + 1;
                    self.emit(Tok::RawString);
                }
                '$' => {
                    if !self.field_or_var(Tok::Variable) {
                        return false;
                    }
                }
                '\'' => {
                    if !self.char_const() {
                        return false;
                    }
                }
                '.' => {
                    if self.pos < self.b.len() && self.b[self.pos].is_ascii_digit() {
                        self.pos -= 1;
                        if !self.number() {
                            return false;
                        }
                    } else if !self.field_or_var(Tok::Field) {
                        return false;
                    }
                }
                '+' | '-' | '0'..='9' => {
                    self.pos -= 1;
                    if !self.number() {
                        return false;
                    }
                }
                c if is_alnum(c) => {
                    while let Some(c) = self.peek_char() {
                        if !is_alnum(c) {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                    if !self.at_terminator() {
                        let bad = self.peek_char().unwrap_or(' ');
                        self.error(format!("bad character {}", go_rune(bad)));
                        return false;
                    }
                    let word = &self.input[self.start..self.pos];
                    let typ = match word {
                        "block" => Tok::Block,
                        "break" => Tok::Break,
                        "continue" => Tok::Continue,
                        "define" => Tok::Define,
                        "else" => Tok::Else,
                        "end" => Tok::End,
                        "if" => Tok::If,
                        "range" => Tok::Range,
                        "nil" => Tok::Nil,
                        "template" => Tok::Template,
                        "with" => Tok::With,
                        "true" | "false" => Tok::Bool,
                        _ => Tok::Identifier,
                    };
                    self.emit(typ);
                }
                '(' => {
                    self.emit(Tok::LeftParen);
                    self.paren += 1;
                }
                ')' => {
                    self.emit(Tok::RightParen);
                    self.paren -= 1;
                    if self.paren < 0 {
                        self.error("unexpected right paren".into());
                        return false;
                    }
                }
                c if c.is_ascii() && !c.is_ascii_control() => self.emit(Tok::Char),
                c => {
                    self.error(format!("unrecognized character in action: {}", go_rune(c)));
                    return false;
                }
            }
        }
    }

    fn quote(&mut self) -> bool {
        self.quoted(b'"', "unterminated quoted string", Tok::String)
    }

    fn char_const(&mut self) -> bool {
        self.quoted(b'\'', "unterminated character constant", Tok::CharConstant)
    }

    /// A string or character constant up to `close`, backslash escapes
    /// skipped; a line break or the end of input is `unterminated`.
    fn quoted(&mut self, close: u8, unterminated: &str, tok: Tok) -> bool {
        loop {
            match self.b.get(self.pos) {
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek_char() {
                        Some(c) if c != '\n' => self.pos += c.len_utf8(),
                        _ => {
                            self.error(unterminated.into());
                            return false;
                        }
                    }
                }
                None | Some(b'\n') => {
                    self.error(unterminated.into());
                    return false;
                }
                Some(&b) if b == close => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {
                    let c = self.peek_char().unwrap_or(' ');
                    self.pos += c.len_utf8();
                }
            }
        }
        self.emit(tok);
        true
    }

    fn field_or_var(&mut self, typ: Tok) -> bool {
        if self.at_terminator() {
            self.emit(if typ == Tok::Variable {
                Tok::Variable
            } else {
                Tok::Dot
            });
            return true;
        }
        while let Some(c) = self.peek_char() {
            if !is_alnum(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        if !self.at_terminator() {
            let bad = self.peek_char().unwrap_or(' ');
            self.error(format!("bad character {}", go_rune(bad)));
            return false;
        }
        self.emit(typ);
        true
    }

    fn accept(&mut self, set: &str) -> bool {
        if let Some(&c) = self.b.get(self.pos)
            && set.as_bytes().contains(&c)
        {
            self.pos += 1;
            return true;
        }
        false
    }

    fn accept_run(&mut self, set: &str) {
        while self.accept(set) {}
    }

    fn number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if let Some(c) = self.peek_char()
            && is_alnum(c)
        {
            self.pos += c.len_utf8();
            let text = self.input[self.start..self.pos].to_string();
            self.error(format!("bad number syntax: {}", super::fmt::quote(&text)));
            return false;
        }
        self.emit(Tok::Number);
        true
    }
}

/// Go's `%#U` for a rune: `U+0023 '#'`.
pub fn go_rune(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}
