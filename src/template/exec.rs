//! The executor: walks a parsed tree over a value, as Go's
//! `text/template` `exec.go` does (variables, dot, pipelines, calls).

use std::any::Any;
use std::sync::Arc;

use super::ast::{Arg, Branch, Command, List, Node, Pipe};
use super::funcs::{Func, Param, Special};
use super::memo;
use super::parser::Tree;
use super::value::{ElemKind, Map, Value};
use super::{Error, MissingKey, Template};

#[derive(Clone, Copy)]
enum At<'a> {
    None,
    Node(&'a Node),
    Pipe(&'a Pipe),
    Cmd(&'a Command),
    Arg(&'a Arg),
}

enum Flow {
    Normal,
    Break,
    Continue,
}

type R<T> = Result<T, Error>;

/// Execution state, handed to functions so `include` and `tpl` can run
/// templates of the same set.
pub struct State<'a> {
    pub(crate) tmpl: &'a Template,
    tree: &'a Tree,
    name: &'a str,
    pub(crate) out: String,
    vars: Vec<(&'a str, Value)>,
    pub(crate) depth: usize,
    pub(crate) steps: u64,
    at: At<'a>,
}

impl<'a> State<'a> {
    pub(crate) fn new(tmpl: &'a Template, tree: &'a Tree, depth: usize, steps: u64) -> Self {
        State {
            tmpl,
            tree,
            name: &tree.name,
            out: String::new(),
            vars: Vec::new(),
            depth,
            steps,
            at: At::None,
        }
    }

    pub(crate) fn run(&mut self, dot: &Value) -> R<()> {
        self.vars.push(("$", dot.clone()));
        let tree = self.tree;
        self.walk_list(dot, &tree.root)?;
        Ok(())
    }

    /// [`State::run`] with the top-level nodes of `plan` reused from the
    /// memo when they read the same (see [`super::memo`]).
    pub(crate) fn run_memo(
        &mut self,
        dot: &Value,
        tm: &mut memo::TreeMemo,
        source: &dyn Any,
    ) -> R<()> {
        self.vars.push(("$", dot.clone()));
        let tree = self.tree;
        for (i, n) in tree.root.nodes.iter().enumerate() {
            let vars = match &tm.plan.nodes[i] {
                Some(free) if !memo::recording() => self.outside_vars(free, dot),
                _ => None,
            };
            let Some(vars) = vars else {
                if let Flow::Normal = self.walk(dot, n)? {
                    continue;
                }
                return Ok(());
            };
            // A declaration's effect is its variables' value.
            let decl: &'a [String] = match n {
                Node::Action(p) => &p.decl,
                _ => &[],
            };
            let (max_steps, max_output) =
                (self.tmpl.options.max_steps, self.tmpl.options.max_output);
            let found = tm.lookup(i, &vars, source, |e| {
                if self.steps + e.steps > max_steps
                    || self.out.len() + e.out.len() > max_output
                    || e.value.is_some() == decl.is_empty()
                {
                    return None;
                }
                if cfg!(debug_assertions) {
                    return Some(Some((e.out.clone(), e.value.clone())));
                }
                self.out.push_str(&e.out);
                if let Some(v) = &e.value {
                    for d in decl {
                        self.vars.push((d.as_str(), v.clone()));
                    }
                }
                self.steps += e.steps;
                Some(None)
            });
            match found {
                Ok(Some(None)) => {}
                // Debug builds execute every hit again and compare.
                Ok(Some(Some((expected, value)))) => {
                    let start = self.out.len();
                    self.walk(dot, n)?;
                    assert_eq!(
                        self.out[start..],
                        expected,
                        "template memo: node {i} of {} differs",
                        self.name
                    );
                    if let Some(v) = value {
                        let pushed = &self.vars[self.vars.len() - decl.len()..];
                        assert!(
                            pushed.iter().all(|(_, x)| x.same(&v)),
                            "template memo: node {i} of {} declares another value",
                            self.name
                        );
                    }
                }
                Ok(None) | Err(false) => {
                    self.walk(dot, n)?;
                }
                Err(true) => {
                    let start = self.out.len();
                    let steps = self.steps;
                    memo::start_recording();
                    let r = self.walk(dot, n);
                    let checks = memo::stop_recording();
                    r?;
                    let value = if decl.is_empty() {
                        None
                    } else {
                        match self.vars.last() {
                            Some((_, v)) if memo::plain(v) => Some(v.clone()),
                            _ => continue,
                        }
                    };
                    let out = self.out[start..].to_string();
                    tm.store(i, vars, checks, out, value, self.steps - steps);
                }
            }
        }
        Ok(())
    }

    /// The values of the outside variables `names` (`None` for `$` when it
    /// is still the data), or `None` if one is not defined.
    fn outside_vars(&self, names: &[String], dot: &Value) -> Option<Vec<Option<Value>>> {
        let mut vars = Vec::with_capacity(names.len());
        for name in names {
            let (_, v) = self.vars.iter().rev().find(|s| s.0 == name)?;
            let is_data = match (v, dot) {
                (Value::Object(a), Value::Object(b)) => Arc::ptr_eq(a, b),
                (Value::Map(a), Value::Map(b)) => a.ptr_eq(b),
                _ => false,
            };
            vars.push(if name == "$" && is_data {
                None
            } else {
                Some(v.clone())
            });
        }
        Some(vars)
    }

    /// Execute the named template of this set with `data` and return its
    /// output (Helm's `include`). The error is Go's message.
    pub fn include(&mut self, name: &str, data: &Value) -> Result<String, String> {
        let Some(tree) = self.tmpl.trees.get(name) else {
            return Err(format!(
                "template: no template {} associated with template {}",
                super::fmt::quote(name),
                super::fmt::quote(&self.tmpl.name)
            ));
        };
        if self.depth + 1 >= self.tmpl.options.max_depth {
            return Err(format!(
                "rendering template has a nested reference name: {name}: exceeded maximum template depth ({})",
                self.tmpl.options.max_depth
            ));
        }
        let mut st = State::new(self.tmpl, tree, self.depth + 1, self.steps);
        let r = st.run(data);
        self.steps = st.steps;
        r.map_err(|e| e.to_string())?;
        Ok(st.out)
    }

    /// Parse `text` as a new template in a copy of this set and execute it
    /// with `data` (Helm's `tpl`).
    pub fn tpl(&mut self, text: &str, data: &Value) -> Result<String, String> {
        if self.depth + 1 >= self.tmpl.options.max_depth {
            return Err(format!(
                "exceeded maximum template depth ({})",
                self.tmpl.options.max_depth
            ));
        }
        let mut t = self.tmpl.clone();
        let name = t.name.clone();
        t.add(&name, text)
            .map_err(|e| format!("cannot parse template {}: {e}", super::fmt::quote(text)))?;
        let tree = t.trees.get(&name).cloned().ok_or("no tree")?;
        let mut st = State::new(&t, &tree, self.depth + 1, self.steps);
        let r = st.run(data);
        self.steps = st.steps;
        r.map_err(|e| format!("error calling tpl: {e}"))?;
        Ok(st.out)
    }

    fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps > self.tmpl.options.max_steps {
            return Err(self.err(format!(
                "exceeded maximum execution steps ({})",
                self.tmpl.options.max_steps
            )));
        }
        Ok(())
    }

    fn write(&mut self, s: &str) -> R<()> {
        self.out.push_str(s);
        if self.out.len() > self.tmpl.options.max_output {
            return Err(self.err(format!(
                "output exceeds the limit of {} bytes",
                self.tmpl.options.max_output
            )));
        }
        Ok(())
    }

    pub(crate) fn err(&self, msg: String) -> Error {
        let (pos, ctx) = match self.at {
            At::None => {
                return Error::exec(&self.tree.parse_name, 0, 0, self.name, None, msg);
            }
            At::Node(n) => (node_pos(n), n.to_string()),
            At::Pipe(p) => (p.pos, p.to_string()),
            At::Cmd(c) => (c.pos, c.to_string()),
            At::Arg(a) => (a.pos(), a.to_string()),
        };
        let (line, col) = self.tree.location(pos);
        Error::exec(&self.tree.parse_name, line, col, self.name, Some(ctx), msg)
    }

    fn walk_list(&mut self, dot: &Value, list: &'a List) -> R<Flow> {
        for n in &list.nodes {
            match self.walk(dot, n)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Value, node: &'a Node) -> R<Flow> {
        self.at = At::Node(node);
        self.step()?;
        match node {
            Node::Text(t) => self.write(t)?,
            Node::Action(pipe) => {
                let v = self.eval_pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.at = At::Node(node);
                    self.print_value(&v)?;
                }
            }
            Node::If(b) => return self.walk_if_with(dot, b, false),
            Node::With(b) => return self.walk_if_with(dot, b, true),
            Node::Range(b) => return self.walk_range(dot, b),
            Node::Template { name, pipe, .. } => {
                let Some(tree) = self.tmpl.trees.get(name.as_str()) else {
                    return Err(
                        self.err(format!("template {} not defined", super::fmt::quote(name)))
                    );
                };
                if self.depth + 1 >= self.tmpl.options.max_depth {
                    return Err(self.err(format!(
                        "exceeded maximum template depth ({})",
                        self.tmpl.options.max_depth
                    )));
                }
                let new_dot = match pipe {
                    Some(p) => self.eval_pipeline(dot, p)?,
                    None => Value::Missing,
                };
                let mut st = State::new(self.tmpl, tree, self.depth + 1, self.steps);
                st.vars.push(("$", new_dot.clone()));
                std::mem::swap(&mut st.out, &mut self.out);
                let r = st.walk_list(&new_dot, &tree.root);
                std::mem::swap(&mut st.out, &mut self.out);
                self.steps = st.steps;
                r?;
            }
            Node::Break(_) => return Ok(Flow::Break),
            Node::Continue(_) => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    fn print_value(&mut self, v: &Value) -> R<()> {
        match v {
            Value::Missing => self.write("<no value>"),
            Value::String(s) => self.write(s),
            other => {
                let s = super::fmt::display(other);
                self.write(&s)
            }
        }
    }

    fn walk_if_with(&mut self, dot: &Value, b: &'a Branch, with: bool) -> R<Flow> {
        let mark = self.vars.len();
        let r = (|| {
            let v = self.eval_pipeline(dot, &b.pipe)?;
            if v.truthy() {
                if with {
                    self.walk_list(&v, &b.list)
                } else {
                    self.walk_list(dot, &b.list)
                }
            } else if let Some(e) = &b.else_list {
                self.walk_list(dot, e)
            } else {
                Ok(Flow::Normal)
            }
        })();
        self.vars.truncate(mark);
        r
    }

    fn one_iteration(&mut self, b: &'a Branch, index: Value, elem: Value, mark: usize) -> R<Flow> {
        let decl = &b.pipe.decl;
        if !decl.is_empty() {
            if b.pipe.is_assign {
                if decl.len() > 1 {
                    self.set_var(&decl[0], index.clone())?;
                } else {
                    self.set_var(&decl[0], elem.clone())?;
                }
            } else {
                let n = self.vars.len();
                self.vars[n - 1].1 = elem.clone();
            }
        }
        if decl.len() > 1 {
            if b.pipe.is_assign {
                self.set_var(&decl[1], elem.clone())?;
            } else {
                let n = self.vars.len();
                self.vars[n - 2].1 = index;
            }
        }
        let r = self.walk_list(&elem, &b.list);
        self.vars.truncate(mark);
        match r? {
            Flow::Break => Ok(Flow::Break),
            _ => Ok(Flow::Normal),
        }
    }

    fn walk_range(&mut self, dot: &Value, b: &'a Branch) -> R<Flow> {
        let outer = self.vars.len();
        let r = self.walk_range_inner(dot, b);
        self.vars.truncate(outer);
        r
    }

    fn walk_range_inner(&mut self, dot: &Value, b: &'a Branch) -> R<Flow> {
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let mark = self.vars.len();
        let mut ran = false;
        match &val {
            Value::Int(n) => {
                if b.pipe.decl.len() > 1 {
                    return Err(self.err(format!(
                        "can't use {n} to iterate over more than one variable"
                    )));
                }
                for i in 0..*n {
                    ran = true;
                    if let Flow::Break =
                        self.one_iteration(b, Value::Missing, Value::Int(i), mark)?
                    {
                        break;
                    }
                }
            }
            Value::List(items) => {
                for (i, it) in items.iter().enumerate() {
                    ran = true;
                    let idx = Value::Int(i64::try_from(i).unwrap_or(i64::MAX));
                    if let Flow::Break = self.one_iteration(b, idx, it.clone(), mark)? {
                        break;
                    }
                }
            }
            Value::Map(m) => {
                for (k, v) in m.snapshot() {
                    ran = true;
                    if let Flow::Break = self.one_iteration(b, Value::from(k), v, mark)? {
                        break;
                    }
                }
            }
            Value::Missing | Value::Nil => {}
            other => {
                return Err(self.err(format!(
                    "range can't iterate over {}",
                    super::fmt::display(other)
                )));
            }
        }
        if !ran && let Some(e) = &b.else_list {
            self.vars.truncate(mark);
            return self.walk_list(dot, e).map(|f| match f {
                Flow::Normal => Flow::Normal,
                other => other,
            });
        }
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: Value) -> R<()> {
        for slot in self.vars.iter_mut().rev() {
            if slot.0 == name {
                slot.1 = v;
                return Ok(());
            }
        }
        Err(self.err(format!("undefined variable: {name}")))
    }

    fn var_value(&self, name: &str) -> R<Value> {
        for slot in self.vars.iter().rev() {
            if slot.0 == name {
                return Ok(slot.1.clone());
            }
        }
        Err(self.err(format!("undefined variable: {name}")))
    }

    pub(crate) fn eval_pipeline(&mut self, dot: &Value, pipe: &'a Pipe) -> R<Value> {
        self.at = At::Pipe(pipe);
        let mut value: Option<Value> = None;
        for cmd in &pipe.cmds {
            let mut v = self.eval_command(dot, cmd, value.take())?;
            if matches!(v, Value::Nil) {
                v = Value::Missing;
            }
            value = Some(v);
        }
        let value = value.unwrap_or_default();
        for d in &pipe.decl {
            if pipe.is_assign {
                self.set_var(d, value.clone())?;
            } else {
                self.vars.push((d.as_str(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], fin: Option<&Value>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            return Err(self.err(format!("can't give argument to non-function {}", args[0])));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Value, cmd: &'a Command, fin: Option<Value>) -> R<Value> {
        self.step()?;
        let first = &cmd.args[0];
        match first {
            Arg::Field { idents, .. } => {
                self.at = At::Arg(first);
                return self.eval_field_chain(dot, dot.clone(), first, idents, &cmd.args, fin);
            }
            Arg::Chain { .. } => return self.eval_chain(dot, first, &cmd.args, fin),
            Arg::Func { func, name, .. } => {
                self.at = At::Arg(first);
                return self.eval_call(dot, func, At::Cmd(cmd), name, &cmd.args[1..], fin);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, fin.as_ref())?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable { .. } => return self.eval_variable(dot, first, &cmd.args, fin),
            _ => {}
        }
        self.at = At::Arg(first);
        self.not_a_function(&cmd.args, fin.as_ref())?;
        match first {
            Arg::Bool(_, b) => Ok(Value::Bool(*b)),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Err(self.err("nil is not a command".into())),
            Arg::Number(_, n) => n.ideal().map_err(|e| self.err(e)),
            Arg::String { text, .. } => Ok(Value::String(text.clone())),
            _ => Err(self.err(format!(
                "can't evaluate command {}",
                super::fmt::quote(&first.to_string())
            ))),
        }
    }

    fn eval_chain(
        &mut self,
        dot: &Value,
        arg: &'a Arg,
        args: &'a [Arg],
        fin: Option<Value>,
    ) -> R<Value> {
        let Arg::Chain { node, fields, .. } = arg else {
            unreachable!()
        };
        self.at = At::Arg(arg);
        if matches!(**node, Arg::Nil(_)) {
            return Err(self.err(format!("indirection through explicit nil in {arg}")));
        }
        let recv = self.eval_arg(dot, Param::Any, node)?;
        let recv = if matches!(recv, Value::Nil) {
            Value::Missing
        } else {
            recv
        };
        self.eval_field_chain(dot, recv, arg, fields, args, fin)
    }

    fn eval_variable(
        &mut self,
        dot: &Value,
        arg: &'a Arg,
        args: &'a [Arg],
        fin: Option<Value>,
    ) -> R<Value> {
        let Arg::Variable { name, idents, .. } = arg else {
            unreachable!()
        };
        self.at = At::Arg(arg);
        let v = self.var_value(name)?;
        if idents.is_empty() {
            self.not_a_function(args, fin.as_ref())?;
            return Ok(v);
        }
        self.eval_field_chain(dot, v, arg, idents, args, fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Value,
        mut recv: Value,
        node: &'a Arg,
        idents: &'a [String],
        args: &'a [Arg],
        fin: Option<Value>,
    ) -> R<Value> {
        let n = idents.len();
        for id in &idents[..n - 1] {
            recv = self.eval_field(dot, id, node, &[], None, &recv)?;
        }
        self.eval_field(dot, &idents[n - 1], node, args, fin, &recv)
    }

    fn eval_field(
        &mut self,
        dot: &Value,
        name: &str,
        _node: &'a Arg,
        args: &'a [Arg],
        fin: Option<Value>,
        recv: &Value,
    ) -> R<Value> {
        let has_args = args.len() > 1 || fin.is_some();
        match recv {
            Value::Missing => {
                if self.tmpl.options.missing_key == MissingKey::Error {
                    return Err(self.err(format!(
                        "nil data; no entry for key {}",
                        super::fmt::quote(name)
                    )));
                }
                Ok(Value::Missing)
            }
            Value::Nil => Err(self.err(format!("nil pointer evaluating interface {{}}.{name}"))),
            Value::Object(o) => {
                if let Some(m) = o.calls.get(name) {
                    return self.call_method(dot, name, m.clone(), args, fin);
                }
                if let Some(m) = o.methods.get(name) {
                    if has_args {
                        let got = args.len().saturating_sub(1) + usize::from(fin.is_some());
                        return Err(
                            self.err(format!("wrong number of args for {name}: want 0 got {got}"))
                        );
                    }
                    return Ok(m.clone());
                }
                if let Some(f) = o.field_value(name) {
                    if o.is_nil {
                        return Err(
                            self.err(format!("nil pointer evaluating *{}.{name}", o.type_name))
                        );
                    }
                    if has_args {
                        return Err(self.err(format!(
                            "{name} has arguments but cannot be invoked as function"
                        )));
                    }
                    return Ok(f);
                }
                Err(self.err(format!(
                    "can't evaluate field {name} in type {}",
                    recv.type_name()
                )))
            }
            Value::Map(m) => {
                if has_args {
                    return Err(self.err(format!("{name} is not a method but has arguments")));
                }
                let found = m.get(name);
                match found {
                    Some(v) => Ok(v),
                    None => match self.tmpl.options.missing_key {
                        MissingKey::Invalid => Ok(Value::Missing),
                        MissingKey::Zero => Ok(m.read().zero()),
                        MissingKey::Error => Err(self.err(format!(
                            "map has no entry for key {}",
                            super::fmt::quote(name)
                        ))),
                    },
                }
            }
            _ => Err(self.err(format!(
                "can't evaluate field {name} in type interface {{}}"
            ))),
        }
    }

    /// A method with arguments: `args[0]` is the field itself.
    fn call_method(
        &mut self,
        dot: &Value,
        name: &str,
        m: super::value::Method,
        args: &'a [Arg],
        fin: Option<Value>,
    ) -> R<Value> {
        let given = args.get(1..).unwrap_or_default();
        let got = given.len() + usize::from(fin.is_some());
        if got != m.params.len() {
            return Err(self.err(format!(
                "wrong number of args for {name}: want {} got {got}",
                m.params.len()
            )));
        }
        let mut vals = Vec::with_capacity(got);
        for (a, p) in given.iter().zip(m.params) {
            vals.push(self.eval_arg(dot, *p, a)?);
        }
        if let Some(f) = fin {
            vals.push(self.validate(f, m.params[got - 1])?);
        }
        (m.imp)(vals).map_err(|e| self.err(format!("error calling {name}: {e}")))
    }

    fn eval_call(
        &mut self,
        dot: &Value,
        func: &Arc<Func>,
        node: At<'a>,
        name: &str,
        args: &'a [Arg],
        fin: Option<Value>,
    ) -> R<Value> {
        let num_in = args.len() + usize::from(fin.is_some());
        let nparams = func.params.len();
        if func.variadic.is_some() {
            if num_in < nparams {
                return Err(self.err(format!(
                    "wrong number of args for {name}: want at least {nparams} got {}",
                    args.len()
                )));
            }
        } else if num_in != nparams {
            return Err(self.err(format!(
                "wrong number of args for {name}: want {nparams} got {num_in}"
            )));
        }
        if func.special != Special::None {
            let is_or = func.special == Special::Or;
            let mut v = Value::Missing;
            for a in args {
                v = self.eval_arg(dot, Param::Reflect, a)?;
                if v.truthy() == is_or {
                    return Ok(v);
                }
            }
            if let Some(f) = fin {
                v = f;
            }
            return Ok(v);
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, a) in args.iter().enumerate() {
            let p = if i < nparams {
                func.params[i]
            } else {
                func.variadic.unwrap_or(Param::Any)
            };
            argv.push(self.eval_arg(dot, p, a)?);
        }
        if let Some(f) = fin {
            let p = if args.len() < nparams {
                func.params[args.len()]
            } else {
                func.variadic.unwrap_or(Param::Any)
            };
            let v = self.validate(f, p)?;
            argv.push(v);
        }
        match (func.imp)(self, argv) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.at = node;
                if let Some(raw) = e.strip_prefix('\u{0}') {
                    return Err(self.err(raw.to_string()));
                }
                Err(self.err(format!("error calling {name}: {e}")))
            }
        }
    }

    /// Go's `validateType` for a computed value.
    fn validate(&self, v: Value, p: Param) -> R<Value> {
        match (p, &v) {
            (Param::Reflect, _) => Ok(v),
            (Param::Any, Value::Missing) => Ok(Value::Nil),
            (Param::Any, _) => Ok(v),
            (Param::List | Param::Strings, Value::Missing) => Ok(Value::list(Vec::new())),
            (Param::Map, Value::Missing) => Ok(Value::map(Map::new())),
            (_, Value::Missing) => {
                Err(self.err(format!("invalid value; expected {}", p.go_name())))
            }
            (Param::String, Value::String(_))
            | (Param::Int | Param::Int64, Value::Int(_))
            | (Param::Float, Value::Float(_))
            | (Param::Bool, Value::Bool(_))
            | (Param::List, Value::List(_)) => Ok(v),
            // Go passes no other map type as `map[string]interface {}`
            // (a `map[string]string` is a type error, as in Go).
            (Param::Map, Value::Map(m)) if m.read().elem == ElemKind::Any => Ok(v),
            (Param::Strings, Value::List(l)) if l.iter().all(|x| matches!(x, Value::String(_))) => {
                Ok(v)
            }
            _ => Err(self.err(format!(
                "wrong type for value; expected {}; got {}",
                p.go_name(),
                if matches!(v, Value::Nil) {
                    "interface {}".to_string()
                } else {
                    v.type_name()
                }
            ))),
        }
    }

    fn eval_arg(&mut self, dot: &Value, p: Param, arg: &'a Arg) -> R<Value> {
        self.at = At::Arg(arg);
        match arg {
            Arg::Dot(_) => return self.validate(dot.clone(), p),
            Arg::Nil(_) => {
                return match p {
                    Param::Reflect => Ok(Value::Missing),
                    Param::Any => Ok(Value::Nil),
                    Param::List | Param::Strings => Ok(Value::list(Vec::new())),
                    Param::Map => Ok(Value::map(Map::new())),
                    _ => Err(self.err(format!("cannot assign nil to {}", p.go_name()))),
                };
            }
            Arg::Field { idents, .. } => {
                let v = self.eval_field_chain(
                    dot,
                    dot.clone(),
                    arg,
                    idents,
                    std::slice::from_ref(arg),
                    None,
                )?;
                return self.validate(v, p);
            }
            Arg::Variable { .. } => {
                let v = self.eval_variable(dot, arg, &[], None)?;
                return self.validate(v, p);
            }
            Arg::Pipe(pipe) => {
                let v = self.eval_pipeline(dot, pipe)?;
                return self.validate(v, p);
            }
            Arg::Func { func, name, .. } => {
                let v = self.eval_call(dot, func, At::Arg(arg), name, &[], None)?;
                return self.validate(v, p);
            }
            Arg::Chain { .. } => {
                let v = self.eval_chain(dot, arg, &[], None)?;
                return self.validate(v, p);
            }
            _ => {}
        }
        match p {
            Param::Bool => match arg {
                Arg::Bool(_, b) => Ok(Value::Bool(*b)),
                _ => Err(self.err(format!("expected bool; found {arg}"))),
            },
            Param::Float => match arg {
                Arg::Number(_, n) if n.is_float => Ok(Value::Float(n.float)),
                _ => Err(self.err(format!("expected float; found {arg}"))),
            },
            Param::Int | Param::Int64 => match arg {
                Arg::Number(_, n) if n.is_int => Ok(Value::Int(n.int)),
                _ => Err(self.err(format!("expected integer; found {arg}"))),
            },
            Param::String => match arg {
                Arg::String { text, .. } => Ok(Value::String(text.clone())),
                _ => Err(self.err(format!("expected string; found {arg}"))),
            },
            Param::Any | Param::Reflect => match arg {
                Arg::Bool(_, b) => Ok(Value::Bool(*b)),
                Arg::Number(_, n) => n.ideal().map_err(|e| self.err(e)),
                Arg::String { text, .. } => Ok(Value::String(text.clone())),
                _ => Err(self.err(format!(
                    "can't handle {arg} for arg of type {}",
                    p.go_name()
                ))),
            },
            _ => Err(self.err(format!(
                "can't handle {arg} for arg of type {}",
                p.go_name()
            ))),
        }
    }
}

fn node_pos(n: &Node) -> usize {
    match n {
        Node::Text(_) => 0,
        Node::Action(p) => p.pos,
        Node::If(b) | Node::With(b) | Node::Range(b) => b.pipe.pos,
        Node::Template { pos, .. } | Node::Break(pos) | Node::Continue(pos) => *pos,
    }
}
