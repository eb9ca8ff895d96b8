//! A recursive-descent parser for cel-go's grammar (`CEL.g4`), shaped like
//! the ANTLR parser it stands for: the same rules, the same precedence
//! climbing, the same per-rule recursion counter (`expression recursion
//! limit exceeded`), and at the first syntax error ANTLR's message for the
//! common cases (`mismatched input`, `extraneous input`, `missing X at`,
//! `no viable alternative at input`). ANTLR recovers and may report more;
//! this parser continues after a single-token deletion or insertion and
//! stops at anything else.

use super::lex::{Tok, Token};
use super::{Error, Loc};

/// An expression as cel-go's visitor sees it (parentheses unnested).
#[derive(Debug)]
pub enum Node {
    Ident {
        /// The rule context's start (the leading dot if any).
        start: Loc,
        /// The identifier token.
        at: Loc,
        name: String,
        dot: bool,
    },
    GlobalCall {
        start: Loc,
        open: Loc,
        name: String,
        dot: bool,
        args: Vec<Node>,
    },
    Select {
        operand: Box<Node>,
        dot: Loc,
        opt: bool,
    },
    MemberCall {
        operand: Box<Node>,
        open: Loc,
        name: String,
        args: Vec<Node>,
    },
    Index {
        target: Box<Node>,
        open: Loc,
        opt: bool,
        index: Box<Node>,
    },
    Ternary {
        at: Loc,
        parts: Box<[Node; 3]>,
    },
    /// `&&` / `||` chains (no recursion count).
    Logic {
        terms: Vec<Node>,
        ops: Vec<Loc>,
    },
    /// Relations and arithmetic.
    Binary {
        at: Loc,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `!` / `-` prefixes: their count and the first one.
    Unary {
        count: usize,
        at: Loc,
        operand: Box<Node>,
    },
    List {
        at: Loc,
        elems: Vec<(Option<Loc>, Node)>,
    },
    Map {
        at: Loc,
        entries: Vec<(Option<Loc>, Node, Node)>,
    },
    Message {
        at: Loc,
        fields: Vec<(Option<Loc>, Node)>,
    },
    Int {
        at: Loc,
        text: String,
    },
    Uint {
        at: Loc,
        text: String,
    },
    Double {
        at: Loc,
        text: String,
    },
    Str {
        at: Loc,
        text: String,
        bytes: bool,
    },
    Other {
        at: Loc,
    },
}

type Set = u64;

const fn set(toks: &[Tok]) -> Set {
    let mut s = 0;
    let mut i = 0;
    while i < toks.len() {
        s |= 1 << toks[i] as u8;
        i += 1;
    }
    s
}

fn has(s: Set, t: Tok) -> bool {
    s & (1 << t as u8) != 0
}

use Tok::*;
const PRIMARY_START: Set = set(&[
    LBracket, LBrace, LParen, Dot, Minus, True, False, Null, Float, Int, Uint, Str, Bytes, Ident,
]);
const EXPR_START: Set = PRIMARY_START | set(&[Not]);
const OPT_EXPR_START: Set = EXPR_START | set(&[Question]);
const FIELD_START: Set = set(&[Question, Ident, EscIdent]);
/// What may follow a complete operand whatever the context: member
/// suffixes and every operator (ANTLR's follow sets ignore precedence).
const AFTER_OPERAND: Set = set(&[
    Dot, LBracket, Eq, Ne, In, Lt, Le, Ge, Gt, And, Or, Question, Plus, Minus, Star, Slash, Percent,
]);
const REL_OPS: Set = set(&[Eq, Ne, In, Lt, Le, Ge, Gt]);

/// ANTLR's rendering of an expected-token set.
fn show_set(s: Set) -> String {
    let names: Vec<&str> = (1..=38u8)
        .filter(|b| s & (1 << b) != 0)
        .map(|b| tok_from(b).display())
        .collect();
    if names.len() == 1 {
        names[0].to_string()
    } else {
        format!("{{{}}}", names.join(", "))
    }
}

fn tok_from(b: u8) -> Tok {
    const ALL: [Tok; 38] = [
        Eq, Ne, In, Lt, Le, Ge, Gt, And, Or, LBracket, RBracket, LBrace, RBrace, LParen, RParen,
        Dot, Comma, Minus, Not, Question, Colon, Plus, Star, Slash, Percent, True, False, Null,
        Whitespace, Comment, Float, Int, Uint, Str, Bytes, Ident, EscIdent, Eof,
    ];
    ALL[b as usize - 1]
}

#[derive(Clone, Copy)]
enum Rule {
    Start,
    Expr,
    CondOr,
    CondAnd,
    Relation,
    Calc,
    Unary,
    Member,
    Primary,
    ExprList,
    ListInit,
    FieldInit,
    OptField,
    MapInit,
    EscapeIdent,
    OptExpr,
    Literal,
}

/// Why parsing stopped early.
pub enum Stop {
    Syntax,
    Limit,
}

type R<T> = Result<T, Stop>;

pub struct Parser<'a> {
    chars: &'a [char],
    /// All tokens, hidden ones included (for `no viable alternative` texts).
    all: &'a [Token],
    /// Indexes into `all` of the tokens the parser sees (EOF last).
    seen: Vec<usize>,
    p: usize,
    depth: [usize; 17],
    max_depth: usize,
    recovering: bool,
    pub errors: Vec<Error>,
}

impl<'a> Parser<'a> {
    pub fn new(chars: &'a [char], all: &'a [Token], max_depth: usize) -> Self {
        let seen = (0..all.len()).filter(|&i| !all[i].hidden()).collect();
        Parser {
            chars,
            all,
            seen,
            p: 0,
            depth: [0; 17],
            max_depth,
            recovering: false,
            errors: Vec::new(),
        }
    }

    fn tok(&self, k: usize) -> &Token {
        let i = (self.p + k).min(self.seen.len() - 1);
        &self.all[self.seen[i]]
    }

    fn la(&self, k: usize) -> Tok {
        self.tok(k).tok
    }

    fn loc(&self, k: usize) -> Loc {
        let t = self.tok(k);
        Loc::at(t.line, t.col)
    }

    fn text(&self, t: &Token) -> String {
        self.chars[t.start..t.end].iter().collect()
    }

    fn consume(&mut self) -> Loc {
        let l = self.loc(0);
        if self.la(0) != Eof {
            self.p += 1;
        }
        l
    }

    fn enter(&mut self, r: Rule) -> R<()> {
        let d = &mut self.depth[r as usize];
        *d += 1;
        if *d > self.max_depth {
            self.errors.push(Error::nowhere(format!(
                "expression recursion limit exceeded: {}",
                self.max_depth
            )));
            return Err(Stop::Limit);
        }
        Ok(())
    }

    fn exit(&mut self, r: Rule) {
        let d = &mut self.depth[r as usize];
        *d = d.saturating_sub(1);
    }

    /// ANTLR's display of a token in messages.
    fn show(&self, k: usize) -> String {
        let t = *self.tok(k);
        if t.tok == Eof {
            return "'<EOF>'".to_string();
        }
        quote(&self.text(&t))
    }

    fn report(&mut self, at: Loc, msg: String) {
        if !self.recovering {
            self.errors.push(Error::syntax(at, msg));
        }
        self.recovering = true;
    }

    /// A sync point whose next token must be in `expected`: ANTLR drops
    /// one extraneous token when the one after it fits, else stops.
    fn sync(&mut self, expected: Set) -> R<()> {
        if has(expected, self.la(0)) {
            return Ok(());
        }
        let shown = self.show(0);
        let at = self.loc(0);
        if has(expected, self.la(1)) {
            self.report(
                at,
                format!("extraneous input {shown} expecting {}", show_set(expected)),
            );
            self.consume();
            self.recovering = false;
            return Ok(());
        }
        self.report(
            at,
            format!("mismatched input {shown} expecting {}", show_set(expected)),
        );
        Err(Stop::Syntax)
    }

    /// Match token `t`, which `after` may follow (for the missing-token
    /// repair).
    fn expect(&mut self, t: Tok, after: Set) -> R<Loc> {
        if self.la(0) == t {
            self.recovering = false;
            return Ok(self.consume());
        }
        let shown = self.show(0);
        let at = self.loc(0);
        let want = show_set(set(&[t]));
        if self.la(1) == t {
            self.report(at, format!("extraneous input {shown} expecting {want}"));
            self.consume();
            self.recovering = false;
            return Ok(self.consume());
        }
        if has(after, self.la(0)) {
            self.report(at, format!("missing {want} at {shown}"));
            return Ok(at);
        }
        self.report(at, format!("mismatched input {shown} expecting {want}"));
        Err(Stop::Syntax)
    }

    /// `no viable alternative` from token `from` to token `to` (lookahead
    /// offsets), hidden tokens included.
    fn no_viable(&mut self, from: usize, to: usize) -> Stop {
        let start = self.all[self.seen[(self.p + from).min(self.seen.len() - 1)]].start;
        let end_tok = *self.tok(to);
        let end = if end_tok.tok == Eof {
            self.chars.len()
        } else {
            end_tok.end
        };
        let text: String = self.all[self.seen[(self.p + from).min(self.seen.len() - 1)]..]
            .iter()
            .take_while(|t| t.start < end && t.tok != Eof)
            .map(|t| self.text(t))
            .collect();
        let _ = start;
        let at = self.loc(to);
        let mut chars = text.chars();
        let msg = match (chars.next(), chars.as_str()) {
            (Some(_), rest @ ("true" | "false" | "null")) => {
                format!("mismatched input '{rest}' expecting IDENTIFIER")
            }
            _ => format!("no viable alternative at input {}", quote(&text)),
        };
        self.report(at, msg);
        Stop::Syntax
    }

    pub fn start(&mut self) -> R<Node> {
        self.enter(Rule::Start)?;
        let e = self.expr(set(&[Eof]))?;
        if self.la(0) != Eof {
            let shown = self.show(0);
            let at = self.loc(0);
            if self.la(1) == Eof {
                self.report(at, format!("extraneous input {shown} expecting <EOF>"));
            } else {
                self.report(at, format!("mismatched input {shown} expecting <EOF>"));
                return Err(Stop::Syntax);
            }
        }
        self.exit(Rule::Start);
        Ok(e)
    }

    /// `fol`: what may follow this expression in its context.
    fn expr(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::Expr)?;
        let c = self.cond_or(fol | set(&[Question]))?;
        let e = if self.la(0) == Question {
            let at = self.consume();
            let a = self.cond_or(set(&[Colon]))?;
            self.expect(Colon, EXPR_START)?;
            let b = self.expr(fol)?;
            Node::Ternary {
                at,
                parts: Box::new([c, a, b]),
            }
        } else {
            c
        };
        self.exit(Rule::Expr);
        Ok(e)
    }

    fn cond_or(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::CondOr)?;
        let first = self.cond_and(fol)?;
        let e = self.logic(first, Or, fol, Self::cond_and)?;
        self.exit(Rule::CondOr);
        Ok(e)
    }

    fn cond_and(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::CondAnd)?;
        let first = self.relation(1, fol)?;
        let e = self.logic(first, And, fol, |p, f| p.relation(1, f))?;
        self.exit(Rule::CondAnd);
        Ok(e)
    }

    fn logic(
        &mut self,
        first: Node,
        op: Tok,
        fol: Set,
        next: fn(&mut Self, Set) -> R<Node>,
    ) -> R<Node> {
        let mut terms = vec![first];
        let mut ops = Vec::new();
        while self.la(0) == op {
            self.recovering = false;
            ops.push(self.consume());
            terms.push(next(self, fol)?);
        }
        Ok(if ops.is_empty() {
            terms.pop().unwrap()
        } else {
            Node::Logic { terms, ops }
        })
    }

    /// A left-recursive rule's loop: each iteration leaves and re-enters
    /// the rule for the recursion counter, and the final unrolling leaves
    /// once per iteration more.
    fn relation(&mut self, min: u8, fol: Set) -> R<Node> {
        self.enter(Rule::Relation)?;
        let mut lhs = self.calc(0, fol)?;
        let mut n = 0;
        while min <= 1 && has(REL_OPS, self.la(0)) {
            self.exit(Rule::Relation);
            self.enter(Rule::Relation)?;
            n += 1;
            self.recovering = false;
            let at = self.consume();
            let rhs = self.relation(2, fol)?;
            lhs = Node::Binary {
                at,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            };
        }
        for _ in 0..=n {
            self.exit(Rule::Relation);
        }
        Ok(lhs)
    }

    fn calc(&mut self, min: u8, fol: Set) -> R<Node> {
        self.enter(Rule::Calc)?;
        let mut lhs = self.unary(fol)?;
        let mut n = 0;
        loop {
            let rhs_min = match self.la(0) {
                Star | Slash | Percent if min <= 2 => 3,
                Plus | Minus if min <= 1 => 2,
                _ => break,
            };
            self.exit(Rule::Calc);
            self.enter(Rule::Calc)?;
            n += 1;
            self.recovering = false;
            let at = self.consume();
            let rhs = self.calc(rhs_min, fol)?;
            lhs = Node::Binary {
                at,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            };
        }
        for _ in 0..=n {
            self.exit(Rule::Calc);
        }
        Ok(lhs)
    }

    fn unary(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::Unary)?;
        self.sync(EXPR_START)?;
        let e = match self.la(0) {
            Not => {
                let at = self.loc(0);
                let mut count = 0;
                while self.la(0) == Not {
                    self.recovering = false;
                    self.consume();
                    count += 1;
                }
                if !has(PRIMARY_START, self.la(0)) {
                    let shown = self.show(0);
                    let at = self.loc(0);
                    self.report(
                        at,
                        format!(
                            "extraneous input {shown} expecting {}",
                            show_set(EXPR_START)
                        ),
                    );
                    return Err(Stop::Syntax);
                }
                let operand = Box::new(self.member(fol)?);
                Node::Unary { count, at, operand }
            }
            Minus if !matches!(self.la(1), Tok::Int | Tok::Float) => {
                let at = self.loc(0);
                let mut count = 0;
                while self.la(0) == Minus {
                    if self.la(1) != Minus && !has(PRIMARY_START, self.la(1)) {
                        let stop = self.no_viable(0, 1);
                        let shown = self.show(1);
                        let at = self.loc(1);
                        self.errors.push(Error::syntax(
                            at,
                            format!(
                                "mismatched input {shown} expecting {}",
                                show_set(EXPR_START)
                            ),
                        ));
                        return Err(stop);
                    }
                    self.recovering = false;
                    self.consume();
                    count += 1;
                }
                let operand = Box::new(self.member(fol)?);
                Node::Unary { count, at, operand }
            }
            _ => self.member(fol)?,
        };
        self.exit(Rule::Unary);
        Ok(e)
    }

    fn member(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::Member)?;
        let mut e = self.primary(fol)?;
        let mut n = 0;
        loop {
            match self.la(0) {
                Dot => {
                    let opt = self.la(1) == Question;
                    let k = 1 + usize::from(opt);
                    let call = !opt && self.la(1) == Ident && self.la(2) == LParen;
                    if !call && !matches!(self.la(k), Ident | EscIdent) {
                        return Err(self.no_viable(0, k));
                    }
                    self.exit(Rule::Member);
                    self.enter(Rule::Member)?;
                    n += 1;
                    self.recovering = false;
                    let dot = self.consume();
                    if call {
                        let name = self.text(&self.tok(0).clone());
                        self.consume();
                        let open = self.consume();
                        let args = self.call_args(fol)?;
                        e = Node::MemberCall {
                            operand: Box::new(e),
                            open,
                            name,
                            args,
                        };
                    } else {
                        if opt {
                            self.consume();
                        }
                        self.enter(Rule::EscapeIdent)?;
                        self.consume();
                        self.exit(Rule::EscapeIdent);
                        e = Node::Select {
                            operand: Box::new(e),
                            dot,
                            opt,
                        };
                    }
                }
                LBracket => {
                    self.exit(Rule::Member);
                    self.enter(Rule::Member)?;
                    n += 1;
                    self.recovering = false;
                    let open = self.consume();
                    self.sync(OPT_EXPR_START)?;
                    let opt = self.la(0) == Question;
                    if opt {
                        self.consume();
                    }
                    let index = self.expr(set(&[RBracket]))?;
                    self.expect(RBracket, AFTER_OPERAND | fol)?;
                    e = Node::Index {
                        target: Box::new(e),
                        open,
                        opt,
                        index: Box::new(index),
                    };
                }
                _ => break,
            }
        }
        for _ in 0..=n {
            self.exit(Rule::Member);
        }
        Ok(e)
    }

    /// After `(`: optional arguments and `)`.
    fn call_args(&mut self, fol: Set) -> R<Vec<Node>> {
        self.sync(EXPR_START | set(&[RParen]))?;
        let mut args = Vec::new();
        if has(EXPR_START, self.la(0)) {
            self.enter(Rule::ExprList)?;
            args.push(self.expr(set(&[Comma, RParen]))?);
            while self.la(0) == Comma {
                self.recovering = false;
                self.consume();
                args.push(self.expr(set(&[Comma, RParen]))?);
            }
            self.exit(Rule::ExprList);
        }
        self.expect(RParen, AFTER_OPERAND | fol)?;
        Ok(args)
    }

    fn primary(&mut self, fol: Set) -> R<Node> {
        self.enter(Rule::Primary)?;
        self.sync(PRIMARY_START)?;
        let start = self.loc(0);
        let e = match self.la(0) {
            Dot | Ident => {
                let dot = self.la(0) == Dot;
                let k = usize::from(dot);
                if self.la(k) != Ident {
                    return Err(self.no_viable(0, k));
                }
                // IDENT ('.' IDENT)* '{' is a message; IDENT '(' a call.
                let mut j = k + 1;
                while self.la(j) == Dot && self.la(j + 1) == Ident {
                    j += 2;
                }
                let is_message = self.la(j) == LBrace;
                if dot {
                    self.recovering = false;
                    self.consume();
                }
                if is_message {
                    self.recovering = false;
                    while self.la(0) != LBrace {
                        self.consume();
                    }
                    let at = self.consume();
                    self.message(at, fol)?
                } else {
                    let at = self.loc(0);
                    let name = self.text(&self.tok(0).clone());
                    self.recovering = false;
                    self.consume();
                    if self.la(0) == LParen {
                        let open = self.consume();
                        let args = self.call_args(fol)?;
                        Node::GlobalCall {
                            start,
                            open,
                            name,
                            dot,
                            args,
                        }
                    } else {
                        Node::Ident {
                            start,
                            at,
                            name,
                            dot,
                        }
                    }
                }
            }
            LParen => {
                self.recovering = false;
                self.consume();
                let e = self.expr(set(&[RParen]))?;
                self.expect(RParen, AFTER_OPERAND | fol)?;
                e
            }
            LBracket => {
                self.recovering = false;
                let at = self.consume();
                let close = set(&[Comma, RBracket]);
                self.sync(OPT_EXPR_START | close)?;
                let mut elems = Vec::new();
                if has(OPT_EXPR_START, self.la(0)) {
                    self.enter(Rule::ListInit)?;
                    loop {
                        elems.push(self.opt_expr(close)?);
                        if !(self.la(0) == Comma && has(OPT_EXPR_START, self.la(1))) {
                            break;
                        }
                        self.consume();
                    }
                    self.exit(Rule::ListInit);
                }
                self.sync(close)?;
                if self.la(0) == Comma {
                    self.consume();
                }
                self.expect(RBracket, AFTER_OPERAND | fol)?;
                Node::List { at, elems }
            }
            LBrace => {
                self.recovering = false;
                let at = self.consume();
                let close = set(&[Comma, RBrace]);
                self.sync(OPT_EXPR_START | close)?;
                let mut entries = Vec::new();
                if has(OPT_EXPR_START, self.la(0)) {
                    self.enter(Rule::MapInit)?;
                    loop {
                        let (opt, k) = self.opt_expr(set(&[Colon]))?;
                        self.expect(Colon, EXPR_START)?;
                        let v = self.expr(close)?;
                        entries.push((opt, k, v));
                        if !(self.la(0) == Comma && has(OPT_EXPR_START, self.la(1))) {
                            break;
                        }
                        self.consume();
                    }
                    self.exit(Rule::MapInit);
                }
                self.sync(close)?;
                if self.la(0) == Comma {
                    self.consume();
                }
                self.expect(RBrace, AFTER_OPERAND | fol)?;
                Node::Map { at, entries }
            }
            Minus if !matches!(self.la(1), Tok::Int | Tok::Float) => {
                return Err(self.no_viable(0, 1));
            }
            _ => {
                self.enter(Rule::Literal)?;
                let neg = self.la(0) == Minus;
                if neg {
                    self.consume();
                }
                let t = *self.tok(0);
                self.recovering = false;
                self.consume();
                let mut text = self.text(&t);
                if neg {
                    text.insert(0, '-');
                }
                self.exit(Rule::Literal);
                let at = start;
                match t.tok {
                    Tok::Int => Node::Int { at, text },
                    Tok::Uint => Node::Uint { at, text },
                    Tok::Float => Node::Double { at, text },
                    Tok::Str => Node::Str {
                        at,
                        text,
                        bytes: false,
                    },
                    Tok::Bytes => Node::Str {
                        at,
                        text,
                        bytes: true,
                    },
                    _ => Node::Other { at },
                }
            }
        };
        self.exit(Rule::Primary);
        Ok(e)
    }

    fn opt_expr(&mut self, fol: Set) -> R<(Option<Loc>, Node)> {
        self.enter(Rule::OptExpr)?;
        self.sync(OPT_EXPR_START)?;
        let opt = (self.la(0) == Question).then(|| self.consume());
        let e = self.expr(fol)?;
        self.exit(Rule::OptExpr);
        Ok((opt, e))
    }

    /// After a message's `{`.
    fn message(&mut self, at: Loc, fol: Set) -> R<Node> {
        let close = set(&[Comma, RBrace]);
        self.sync(FIELD_START | close)?;
        let mut fields = Vec::new();
        if has(FIELD_START, self.la(0)) {
            self.enter(Rule::FieldInit)?;
            loop {
                self.enter(Rule::OptField)?;
                self.sync(FIELD_START)?;
                let opt = (self.la(0) == Question).then(|| self.consume());
                self.enter(Rule::EscapeIdent)?;
                self.sync(set(&[Ident, EscIdent]))?;
                self.recovering = false;
                self.consume();
                self.exit(Rule::EscapeIdent);
                self.exit(Rule::OptField);
                self.expect(Colon, EXPR_START)?;
                fields.push((opt, self.expr(close)?));
                if !(self.la(0) == Comma && has(FIELD_START, self.la(1))) {
                    break;
                }
                self.consume();
            }
            self.exit(Rule::FieldInit);
        }
        self.sync(close)?;
        if self.la(0) == Comma {
            self.consume();
        }
        self.expect(RBrace, AFTER_OPERAND | fol)?;
        Ok(Node::Message { at, fields })
    }
}

/// ANTLR's quoting of token text: `'...'` with tabs and line breaks escaped.
fn quote(s: &str) -> String {
    let s = s
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t");
    format!("'{s}'")
}
