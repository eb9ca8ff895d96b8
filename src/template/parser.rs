//! The parser: tokens to trees, following Go's `text/template/parse`
//! grammar and error messages.

use std::sync::Arc;

use super::Error;
use super::ast::{Arg, Branch, Command, List, Node, Number, Pipe};
use super::funcs::FuncSet;
use super::lexer::{Tok, Token, lex};

/// One parsed template (the main text or a `define`/`block`).
#[derive(Debug, Clone)]
pub struct Tree {
    pub name: String,
    /// Name of the template whose text holds this tree (for positions).
    pub parse_name: Arc<str>,
    pub text: Arc<str>,
    pub root: List,
}

impl Tree {
    /// Go's `parse.IsEmptyTree`: only whitespace text.
    pub fn is_empty(&self) -> bool {
        self.root.nodes.iter().all(|n| match n {
            Node::Text(t) => t.trim_matches([' ', '\t', '\r', '\n']).is_empty(),
            _ => false,
        })
    }

    /// `name:line:col` for a byte offset, as Go's `ErrorContext`.
    pub fn location(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len());
        let before = &self.text.as_bytes()[..pos];
        let line = 1 + self.text[..pos].matches('\n').count();
        let col = match before.iter().rposition(|c| *c == b'\n') {
            Some(nl) => pos - nl - 1,
            None => pos,
        };
        (line, col)
    }
}

enum Item {
    Node(Node),
    End,
    Else(usize),
}

struct Parser<'a> {
    toks: Vec<Token<'a>>,
    i: usize,
    /// furthest token index read (Go's `token[0]`)
    seen: usize,
    funcs: &'a FuncSet,
    vars: Vec<String>,
    range_depth: usize,
    parse_name: Arc<str>,
    text: Arc<str>,
    trees: Vec<Tree>,
    action_line: usize,
}

/// Parse `text` into its main tree (named `name`) and its definitions.
pub fn parse(name: &str, source: &str, funcs: &FuncSet) -> Result<Vec<Tree>, Error> {
    let text: Arc<str> = Arc::from(source);
    let mut p = Parser {
        toks: lex(source),
        i: 0,
        seen: 0,
        funcs,
        vars: vec!["$".into()],
        range_depth: 0,
        parse_name: Arc::from(name),
        text: text.clone(),
        trees: Vec::new(),
        action_line: 0,
    };
    let root = p.parse_top()?;
    let main = Tree {
        name: name.to_string(),
        parse_name: p.parse_name.clone(),
        text,
        root,
    };
    let mut trees = vec![main];
    for t in p.trees {
        add_tree(&mut trees, t, name)?;
    }
    Ok(trees)
}

fn add_tree(trees: &mut Vec<Tree>, t: Tree, parse_name: &str) -> Result<(), Error> {
    if let Some(existing) = trees.iter_mut().find(|x| x.name == t.name) {
        if existing.is_empty() {
            *existing = t;
            return Ok(());
        }
        if !t.is_empty() {
            return Err(Error::parse(
                parse_name,
                0,
                format!(
                    "template: multiple definition of template {}",
                    super::fmt::quote(&t.name)
                ),
            ));
        }
        return Ok(());
    }
    trees.push(t);
    Ok(())
}

type PResult<T> = Result<T, Error>;

impl<'a> Parser<'a> {
    fn tok(&self, idx: usize) -> &Token<'a> {
        &self.toks[idx.min(self.toks.len() - 1)]
    }

    fn next(&mut self) -> Token<'a> {
        let idx = self.i.min(self.toks.len() - 1);
        let t = self.toks[idx].clone();
        self.seen = self.seen.max(idx);
        if self.i < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn peek(&mut self) -> Token<'a> {
        let idx = self.i.min(self.toks.len() - 1);
        let t = self.toks[idx].clone();
        self.seen = self.seen.max(idx);
        t
    }

    fn backup(&mut self) {
        self.i -= 1;
    }

    fn next_non_space(&mut self) -> Token<'a> {
        loop {
            let t = self.next();
            if t.typ != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token<'a> {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn errorf(&self, msg: impl Into<String>) -> Error {
        let line = self.tok(self.seen).line;
        Error::parse(&self.parse_name, line, msg.into())
    }

    fn unexpected(&self, tok: &Token, context: &str) -> Error {
        if tok.typ == Tok::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != tok.line {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.action_line
                );
                if tok.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format!("{}{extra}", tok.val));
        }
        self.errorf(format!("unexpected {} in {context}", tok.describe()))
    }

    fn expect(&mut self, typ: Tok, context: &str) -> PResult<Token<'a>> {
        let t = self.next_non_space();
        if t.typ != typ {
            return Err(self.unexpected(&t, context));
        }
        Ok(t)
    }

    fn parse_top(&mut self) -> PResult<List> {
        let mut root = List { nodes: Vec::new() };
        while self.peek().typ != Tok::Eof {
            if self.peek().typ == Tok::LeftDelim {
                let save = self.i;
                let delim = self.next();
                if self.next_non_space().typ == Tok::Define {
                    self.action_line = delim.line;
                    self.parse_definition()?;
                    self.action_line = 0;
                    continue;
                }
                self.i = save;
            }
            match self.text_or_action()? {
                Item::Node(n) => root.nodes.push(n),
                Item::End => return Err(self.errorf("unexpected {{end}}")),
                Item::Else(_) => return Err(self.errorf("unexpected {{else}}")),
            }
        }
        Ok(root)
    }

    fn parse_template_name(&self, tok: &Token, context: &str) -> PResult<String> {
        match tok.typ {
            Tok::String | Tok::RawString => unquote(&tok.val).map_err(|e| self.errorf(e)),
            _ => Err(self.unexpected(tok, context)),
        }
    }

    fn parse_definition(&mut self) -> PResult<()> {
        let context = "define clause";
        let tok = self.next_non_space();
        if !matches!(tok.typ, Tok::String | Tok::RawString) {
            return Err(self.unexpected(&tok, context));
        }
        let name = unquote(&tok.val).map_err(|e| self.errorf(e))?;
        self.expect(Tok::RightDelim, context)?;
        let saved_vars = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let (list, end) = self.item_list()?;
        self.vars = saved_vars;
        if !matches!(end, Item::End) {
            return Err(self.errorf(format!("unexpected {} in {context}", item_str(&end))));
        }
        self.push_tree(name, list)
    }

    fn push_tree(&mut self, name: String, root: List) -> PResult<()> {
        let t = Tree {
            name,
            parse_name: self.parse_name.clone(),
            text: self.text.clone(),
            root,
        };
        let mut trees = std::mem::take(&mut self.trees);
        let r = add_tree(&mut trees, t, &self.parse_name);
        self.trees = trees;
        r.map_err(|e| self.errorf(e.message.trim_start_matches("template: ").to_string()))
    }

    fn item_list(&mut self) -> PResult<(List, Item)> {
        let mut list = List { nodes: Vec::new() };
        while self.peek_non_space().typ != Tok::Eof {
            match self.text_or_action()? {
                Item::Node(n) => list.nodes.push(n),
                other => return Ok((list, other)),
            }
        }
        Err(self.errorf("unexpected EOF"))
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let tok = self.next_non_space();
        match tok.typ {
            Tok::Text => Ok(Item::Node(Node::Text(Arc::from(&*tok.val)))),
            Tok::LeftDelim => {
                self.action_line = tok.line;
                let r = self.action();
                self.action_line = 0;
                r
            }
            _ => Err(self.unexpected(&tok, "input")),
        }
    }

    fn action(&mut self) -> PResult<Item> {
        let tok = self.next_non_space();
        match tok.typ {
            Tok::Block => return self.block_control(),
            Tok::Break | Tok::Continue => {
                let t = self.next_non_space();
                let word = if tok.typ == Tok::Break {
                    "{{break}}"
                } else {
                    "{{continue}}"
                };
                if t.typ != Tok::RightDelim {
                    return Err(self.unexpected(&t, word));
                }
                if self.range_depth == 0 {
                    return Err(self.errorf(format!("{word} outside {{{{range}}}}")));
                }
                return Ok(Item::Node(if tok.typ == Tok::Break {
                    Node::Break(tok.pos)
                } else {
                    Node::Continue(tok.pos)
                }));
            }
            Tok::Else => {
                let peek = self.peek_non_space();
                if matches!(peek.typ, Tok::If | Tok::With) {
                    return Ok(Item::Else(peek.pos));
                }
                let t = self.expect(Tok::RightDelim, "else")?;
                return Ok(Item::Else(t.pos));
            }
            Tok::End => {
                self.expect(Tok::RightDelim, "end")?;
                return Ok(Item::End);
            }
            Tok::If => return Ok(Item::Node(Node::If(self.parse_control("if")?))),
            Tok::Range => return Ok(Item::Node(Node::Range(self.parse_control("range")?))),
            Tok::With => return Ok(Item::Node(Node::With(self.parse_control("with")?))),
            Tok::Template => return self.template_control(),
            _ => {}
        }
        self.backup();
        let pipe = self.pipeline("command", Tok::RightDelim)?;
        Ok(Item::Node(Node::Action(pipe)))
    }

    fn block_control(&mut self) -> PResult<Item> {
        let context = "block clause";
        let tok = self.next_non_space();
        let name = self.parse_template_name(&tok, context)?;
        let pipe = self.pipeline(context, Tok::RightDelim)?;
        let saved_vars = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let saved_depth = std::mem::replace(&mut self.range_depth, 0);
        let r = self.item_list();
        self.vars = saved_vars;
        self.range_depth = saved_depth;
        let (list, end) = r?;
        if !matches!(end, Item::End) {
            return Err(self.errorf(format!("unexpected {} in {context}", item_str(&end))));
        }
        self.push_tree(name.clone(), list)?;
        Ok(Item::Node(Node::Template {
            pos: tok.pos,
            name,
            pipe: Some(pipe),
        }))
    }

    fn template_control(&mut self) -> PResult<Item> {
        let context = "template clause";
        let tok = self.next_non_space();
        let name = self.parse_template_name(&tok, context)?;
        let pipe = if self.next_non_space().typ == Tok::RightDelim {
            None
        } else {
            self.backup();
            Some(self.pipeline(context, Tok::RightDelim)?)
        };
        Ok(Item::Node(Node::Template {
            pos: tok.pos,
            name,
            pipe,
        }))
    }

    fn parse_control(&mut self, context: &str) -> PResult<Branch> {
        let nvars = self.vars.len();
        let r = self.parse_control_inner(context);
        self.vars.truncate(nvars);
        r
    }

    fn parse_control_inner(&mut self, context: &str) -> PResult<Branch> {
        let pipe = self.pipeline(context, Tok::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let r = self.item_list();
        if context == "range" {
            self.range_depth -= 1;
        }
        let (list, next) = r?;
        let mut else_list = None;
        match next {
            Item::End => {}
            Item::Else(pos) => {
                let _ = pos;
                if context == "if" && self.peek().typ == Tok::If {
                    self.next();
                    let b = self.parse_control("if")?;
                    else_list = Some(List {
                        nodes: vec![Node::If(b)],
                    });
                } else if context == "with" && self.peek().typ == Tok::With {
                    self.next();
                    let b = self.parse_control("with")?;
                    else_list = Some(List {
                        nodes: vec![Node::With(b)],
                    });
                } else {
                    let (l, next) = self.item_list()?;
                    if !matches!(next, Item::End) {
                        return Err(self.errorf(format!("expected end; found {}", item_str(&next))));
                    }
                    else_list = Some(l);
                }
            }
            Item::Node(_) => unreachable!(),
        }
        Ok(Branch {
            pipe,
            list,
            else_list,
        })
    }

    fn pipeline(&mut self, context: &str, end: Tok) -> PResult<Pipe> {
        let tok = self.peek_non_space();
        let mut pipe = Pipe {
            pos: tok.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        loop {
            let v = self.peek_non_space();
            if v.typ != Tok::Variable {
                break;
            }
            let save = self.i;
            self.next_non_space();
            let after = self.peek();
            let nxt = self.peek_non_space();
            match nxt.typ {
                Tok::Assign | Tok::Declare => {
                    pipe.is_assign = nxt.typ == Tok::Assign;
                    self.next_non_space();
                    pipe.decl.push(v.val.to_string());
                    self.vars.push(v.val.to_string());
                }
                Tok::Char if nxt.val == "," => {
                    self.next_non_space();
                    pipe.decl.push(v.val.to_string());
                    self.vars.push(v.val.to_string());
                    if context == "range" && pipe.decl.len() < 2 {
                        let p = self.peek_non_space();
                        if matches!(p.typ, Tok::Variable | Tok::RightDelim | Tok::RightParen) {
                            continue;
                        }
                        return Err(self.errorf("range can only initialize variables"));
                    }
                    return Err(self.errorf(format!("too many declarations in {context}")));
                }
                _ => {
                    let _ = after;
                    self.i = save;
                }
            }
            break;
        }
        loop {
            let t = self.next_non_space();
            if t.typ == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match t.typ {
                Tok::Bool
                | Tok::CharConstant
                | Tok::Dot
                | Tok::Field
                | Tok::Identifier
                | Tok::Number
                | Tok::Nil
                | Tok::RawString
                | Tok::String
                | Tok::Variable
                | Tok::LeftParen => {
                    self.backup();
                    let c = self.command()?;
                    pipe.cmds.push(c);
                }
                _ => return Err(self.unexpected(&t, context)),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.errorf(format!("missing value for {context}")));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(..) | Arg::String { .. }
            ) {
                return Err(self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Command> {
        let pos = self.peek_non_space().pos;
        let mut cmd = Command {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(op) = self.operand()? {
                cmd.args.push(op);
            }
            let t = self.next();
            match t.typ {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => self.backup(),
                Tok::Pipe => {}
                _ => return Err(self.unexpected(&t, "operand")),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err(self.errorf("empty command"));
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().typ == Tok::Field {
            let chain_pos = self.peek().pos;
            let mut fields = Vec::new();
            while self.peek().typ == Tok::Field {
                let f = self.next();
                fields.push(f.val[1..].to_string());
            }
            let node = match node {
                Arg::Field { mut idents, .. } => {
                    idents.extend(fields);
                    Arg::Field {
                        pos: chain_pos,
                        idents,
                    }
                }
                Arg::Variable {
                    name, mut idents, ..
                } => {
                    idents.extend(fields);
                    Arg::Variable {
                        pos: chain_pos,
                        name,
                        idents,
                    }
                }
                Arg::Bool(..)
                | Arg::String { .. }
                | Arg::Number(..)
                | Arg::Nil(_)
                | Arg::Dot(_) => {
                    return Err(self.errorf(format!(
                        "unexpected . after term {}",
                        super::fmt::quote(&node.to_string())
                    )));
                }
                other => Arg::Chain {
                    pos: chain_pos,
                    node: Box::new(other),
                    fields,
                },
            };
            return Ok(Some(node));
        }
        Ok(Some(node))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        Ok(Some(match t.typ {
            Tok::Identifier => {
                let Some(f) = self.funcs.get(&t.val) else {
                    return Err(self.errorf(format!(
                        "function {} not defined",
                        super::fmt::quote(&t.val)
                    )));
                };
                Arg::Func {
                    pos: t.pos,
                    name: t.val.into_owned(),
                    func: f,
                }
            }
            Tok::Dot => Arg::Dot(t.pos),
            Tok::Nil => Arg::Nil(t.pos),
            Tok::Variable => {
                if !self.vars.iter().any(|v| *v == *t.val) {
                    return Err(
                        self.errorf(format!("undefined variable {}", super::fmt::quote(&t.val)))
                    );
                }
                Arg::Variable {
                    pos: t.pos,
                    name: t.val.into_owned(),
                    idents: Vec::new(),
                }
            }
            Tok::Field => Arg::Field {
                pos: t.pos,
                idents: vec![t.val[1..].to_string()],
            },
            Tok::Bool => Arg::Bool(t.pos, t.val == "true"),
            Tok::CharConstant | Tok::Number => {
                let n =
                    parse_number(&t.val, t.typ == Tok::CharConstant).map_err(|e| self.errorf(e))?;
                Arg::Number(t.pos, Box::new(n))
            }
            Tok::LeftParen => {
                let p = self.pipeline("parenthesized pipeline", Tok::RightParen)?;
                Arg::Pipe(Box::new(p))
            }
            Tok::String | Tok::RawString => {
                let s = unquote(&t.val).map_err(|e| self.errorf(e))?;
                Arg::String {
                    pos: t.pos,
                    quoted: t.val.into_owned(),
                    text: Arc::from(s),
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

fn item_str(i: &Item) -> &'static str {
    match i {
        Item::End => "{{end}}",
        Item::Else(_) => "{{else}}",
        Item::Node(_) => "node",
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
pub fn parse_go_int(text: &str) -> Option<i64> {
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits, prefixed) =
        if let Some(r) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, r, true)
        } else if let Some(r) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, r, true)
        } else if let Some(r) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, r, true)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..], true)
        } else {
            (10, body, false)
        };
    if digits.is_empty() {
        return None;
    }
    if digits.contains('_') {
        // underscores only between digits (or right after a base prefix)
        let leading_ok = prefixed && (radix != 8 || body[1..].starts_with(['o', 'O']));
        if (digits.starts_with('_') && !leading_ok)
            || digits.ends_with('_')
            || digits.contains("__")
        {
            return None;
        }
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let mag = u64::from_str_radix(&clean, radix).ok()?;
    if neg {
        if mag == 1 << 63 {
            Some(i64::MIN)
        } else {
            i64::try_from(mag).ok().map(|v| -v)
        }
    } else {
        i64::try_from(mag).ok()
    }
}

fn parse_go_uint(text: &str) -> Option<u64> {
    if text.starts_with('-') {
        return None;
    }
    let t = text.trim_start_matches('+');
    if (t.len() > 1 && t.starts_with('0'))
        || t.contains('_')
        || t.len() < 2 && !t.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    t.parse::<u64>().ok()
}

fn parse_hex_float(body: &str) -> Option<f64> {
    let h = body
        .strip_prefix("0x")
        .or_else(|| body.strip_prefix("0X"))?;
    let (mant, exp) = h.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    let mut v = 0f64;
    for c in ip.chars() {
        v = v * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in fp.chars() {
        v += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    Some(v * 2f64.powi(exp))
}

fn parse_go_float(text: &str) -> Option<f64> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let body = clean.trim_start_matches(['+', '-']);
    if body.starts_with("0x") || body.starts_with("0X") {
        let v = parse_hex_float(body)?;
        return Some(if clean.starts_with('-') { -v } else { v });
    }
    if body.eq_ignore_ascii_case("inf")
        || body.eq_ignore_ascii_case("infinity")
        || body.eq_ignore_ascii_case("nan")
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

fn parse_number(text: &str, is_char: bool) -> Result<Number, String> {
    let mut n = Number {
        text: text.to_string(),
        is_int: false,
        is_float: false,
        is_uint: false,
        int: 0,
        float: 0.0,
        is_char,
    };
    if is_char {
        let inner = unquote_char(text)?;
        n.int = i64::from(u32::from(inner));
        n.is_int = true;
        n.float = f64::from(u32::from(inner));
        n.is_float = true;
        return Ok(n);
    }
    if text.ends_with('i') {
        return Err(format!(
            "illegal number syntax: {}",
            super::fmt::quote(text)
        ));
    }
    if let Some(i) = parse_go_int(text) {
        n.is_int = true;
        n.int = i;
        n.is_float = true;
        #[allow(clippy::cast_precision_loss)]
        {
            n.float = i as f64;
        }
    } else if let Some(u) = parse_go_uint(text) {
        n.is_uint = true;
        n.is_float = true;
        #[allow(clippy::cast_precision_loss)]
        {
            n.float = u as f64;
        }
    } else if let Some(f) = parse_go_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", super::fmt::quote(text)));
        }
        n.is_float = true;
        n.float = f;
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        if f.fract() == 0.0 && f.abs() < 9.223_372_036_854_775e18 {
            n.is_int = true;
            n.int = f as i64;
        }
    }
    if !n.is_int && !n.is_float {
        return Err(format!(
            "illegal number syntax: {}",
            super::fmt::quote(text)
        ));
    }
    Ok(n)
}

fn unquote_char(text: &str) -> Result<char, String> {
    let inner = &text[1..text.len() - 1];
    let s = unescape(inner, '\'').map_err(|()| "invalid syntax".to_string())?;
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!("malformed character constant: {text}")),
    }
}

/// Go's `strconv.Unquote` for `"..."` and `` `...` `` strings.
pub fn unquote(s: &str) -> Result<String, String> {
    if s.len() >= 2 && s.starts_with('`') && s.ends_with('`') {
        return Ok(s[1..s.len() - 1].replace('\r', ""));
    }
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        return unescape(&s[1..s.len() - 1], '"').map_err(|()| "invalid syntax".to_string());
    }
    Err("invalid syntax".into())
}

fn unescape(s: &str, quote: char) -> Result<String, ()> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == quote {
            return Err(());
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = it.next().ok_or(())?;
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' => {
                if e != quote {
                    return Err(());
                }
                out.push(e);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for _ in 0..n {
                    let d = it.next().and_then(|c| c.to_digit(16)).ok_or(())?;
                    v = v * 16 + d;
                }
                if e == 'x' {
                    // a byte; only valid UTF-8 when ASCII in a Rust string
                    if v < 0x80 {
                        out.push(char::from_u32(v).ok_or(())?);
                    } else {
                        out.push('\u{FFFD}');
                    }
                } else {
                    out.push(char::from_u32(v).ok_or(())?);
                }
            }
            '0'..='7' => {
                let mut v = e.to_digit(8).ok_or(())?;
                for _ in 0..2 {
                    let d = it.next().and_then(|c| c.to_digit(8)).ok_or(())?;
                    v = v * 8 + d;
                }
                if v > 255 {
                    return Err(());
                }
                if v < 0x80 {
                    out.push(char::from_u32(v).ok_or(())?);
                } else {
                    out.push('\u{FFFD}');
                }
            }
            _ => return Err(()),
        }
    }
    Ok(out)
}
