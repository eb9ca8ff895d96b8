//! A per-thread memo of a template's top-level nodes over data that changes
//! in few places between executions (the injection templates read the same
//! values, mesh config and proxy config for every pod, and of the pod
//! mostly fields every pod leaves out).
//!
//! Correct by construction:
//! - Only templates whose every function (in every tree of the set) the
//!   caller vouched pure ([`super::FuncSet::mark_pure`]) are memoized, so
//!   nothing an execution reads is changed by the execution (the engine
//!   itself changes no map or struct).
//! - A node is memoized when it declares no variable at the top level and
//!   assigns none it did not declare itself: its only effect is its output.
//!   A top-level declaration (`{{ $x := ... }}`) is memoized too when its
//!   value is plain (scalars, strings, lists of them: no map or struct,
//!   which have an identity or come from the data): its effect is that
//!   value. The effect is then a function of the variables it reads from outside
//!   (compared with [`Value::same`]; `$` must still be the data), the dot
//!   (the data) and what it reads of the data.
//! - What it reads of the data: the data's parts are lazy structs
//!   ([`super::LazyFields`]) that report every field read with
//!   [`observe`] while a node is being recorded, as a [`Check`] that tells
//!   whether the same read gives the same value for another execution's
//!   data (`source`, given by the caller with the data). A node's entry is
//!   reused only when every check of it holds for the new data.
//! - Debug builds execute every hit again and compare the output.
//!
//! Bounded: four entries per node, 4 MB of output text per thread; a node
//! that keeps missing is no longer recorded.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;

use super::ast::{Arg, List, Node, Pipe};
use super::parser::Tree;
use super::value::Value;

/// One read of the data by a recorded node.
pub trait Check: Any {
    /// Whether the read gives the same value on `source` (the caller's
    /// description of the data of the execution being considered).
    fn holds(&self, source: &dyn Any) -> bool;
    /// The same read as `other` (to keep one of each per node).
    fn same_read(&self, other: &dyn Check) -> bool;
    fn as_any(&self) -> &dyn Any;
}

thread_local! {
    static LOG: RefCell<Option<Vec<Box<dyn Check>>>> = const { RefCell::new(None) };
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Whether a node is being recorded on this thread (reads need reporting).
pub fn recording() -> bool {
    LOG.with(|l| l.borrow().is_some())
}

/// Report a read of the data (no-op unless a node is being recorded).
pub fn observe(check: Box<dyn Check>) {
    LOG.with(|l| {
        if let Some(log) = l.borrow_mut().as_mut()
            && !log.iter().any(|c| c.same_read(&*check))
        {
            log.push(check);
        }
    });
}

pub(crate) fn start_recording() {
    LOG.with(|l| *l.borrow_mut() = Some(Vec::new()));
}

pub(crate) fn stop_recording() -> Vec<Box<dyn Check>> {
    LOG.with(|l| l.borrow_mut().take()).unwrap_or_default()
}

const ENTRIES: usize = 4;
const MAX_BYTES: usize = 4 << 20;
const MAX_TREES: usize = 1024;

pub(crate) struct Entry {
    /// The outside variables the node reads, in plan order (`None`: `$`,
    /// the data).
    vars: Vec<Option<Value>>,
    checks: Vec<Box<dyn Check>>,
    pub(crate) out: String,
    /// The value a declaration node declared.
    pub(crate) value: Option<Value>,
    pub(crate) steps: u64,
}

#[derive(Default)]
struct NodeMemo {
    entries: Vec<Entry>,
    next: usize,
    hits: u64,
    misses: u64,
}

impl NodeMemo {
    fn disabled(&self) -> bool {
        self.misses >= 64 && self.hits * 8 < self.misses
    }
}

/// The memo of one template's main tree on this thread.
pub(crate) struct TreeMemo {
    pub(crate) plan: Plan,
    nodes: Vec<NodeMemo>,
    bytes: usize,
}

/// Per template id: `None` when it cannot be memoized.
#[derive(Default)]
struct Memo {
    trees: HashMap<u64, Option<TreeMemo>>,
}

/// Which top-level nodes of a tree may be memoized, and the outside
/// variables each reads (`None`: not memoized).
pub(crate) struct Plan {
    pub(crate) nodes: Vec<Option<Vec<String>>>,
}

/// Whether a declared value may be kept and declared again: immutable and
/// without identity (no map, struct or anything from the data).
pub(crate) fn plain(v: &Value) -> bool {
    match v {
        Value::Missing | Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
        Value::String(_) => true,
        Value::List(l) => l.iter().all(plain),
        Value::Map(_) | Value::Object(_) => false,
    }
}

/// This thread's memo of the main tree of the template `id` (planned on
/// first use), `None` when the template cannot be memoized. Give it back
/// with [`put`].
pub(crate) fn take(
    id: u64,
    trees: &mut dyn Iterator<Item = &Tree>,
    main: &Tree,
    pure: &dyn Fn(&str) -> bool,
) -> Option<TreeMemo> {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        match m.trees.get_mut(&id) {
            Some(None) => return None,
            Some(Some(_)) => return m.trees.remove(&id).flatten(),
            None => {}
        }
        let Some(plan) = make_plan(trees, main, pure) else {
            if m.trees.len() >= MAX_TREES {
                m.trees.clear();
            }
            m.trees.insert(id, None);
            return None;
        };
        let nodes = plan.nodes.iter().map(|_| NodeMemo::default()).collect();
        Some(TreeMemo {
            plan,
            nodes,
            bytes: 0,
        })
    })
}

/// Give back what [`take`] gave.
pub(crate) fn put(id: u64, tm: TreeMemo) {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.trees.len() >= MAX_TREES {
            m.trees.clear();
        }
        m.trees.insert(id, Some(tm));
    });
}

fn make_plan(
    trees: &mut dyn Iterator<Item = &Tree>,
    main: &Tree,
    pure: &dyn Fn(&str) -> bool,
) -> Option<Plan> {
    for t in trees {
        let mut s = Scan::default();
        s.list(&t.root);
        if s.funcs.iter().any(|f| !pure(f)) {
            return None;
        }
    }
    let nodes = main
        .root
        .nodes
        .iter()
        .map(|n| {
            match n {
                Node::Text(_) | Node::Break(_) | Node::Continue(_) => return None,
                Node::Action(p) if !p.decl.is_empty() => {
                    // Its declaration is its effect (the executor pushes
                    // the variables after evaluating the commands).
                    if p.is_assign {
                        return None;
                    }
                    let mut s = Scan::default();
                    for c in &p.cmds {
                        for a in &c.args {
                            s.arg(a);
                        }
                    }
                    return (s.ok && s.declared.is_empty()).then_some(s.free);
                }
                _ => {}
            }
            let mut s = Scan::default();
            s.node(n);
            // A variable declared at the top level (in a parenthesized
            // pipeline or a template call's argument) outlives the node.
            (s.ok && s.declared.is_empty()).then_some(s.free)
        })
        .collect();
    Some(Plan { nodes })
}

/// A walk of a node mirroring the executor's variable scopes: the
/// variables it reads from outside, whether it assigns only its own, and
/// the functions it calls.
struct Scan<'t> {
    declared: Vec<&'t str>,
    free: Vec<String>,
    funcs: Vec<&'t str>,
    ok: bool,
}

impl Default for Scan<'_> {
    fn default() -> Self {
        Scan {
            declared: Vec::new(),
            free: Vec::new(),
            funcs: Vec::new(),
            ok: true,
        }
    }
}

impl<'t> Scan<'t> {
    fn list(&mut self, l: &'t List) {
        for n in &l.nodes {
            self.node(n);
        }
    }

    fn node(&mut self, n: &'t Node) {
        match n {
            Node::Text(_) | Node::Break(_) | Node::Continue(_) => {}
            Node::Action(p) => self.pipe(p),
            Node::If(b) | Node::With(b) | Node::Range(b) => {
                let mark = self.declared.len();
                self.pipe(&b.pipe);
                let after = self.declared.len();
                self.list(&b.list);
                self.declared.truncate(after);
                if let Some(e) = &b.else_list {
                    self.list(e);
                }
                self.declared.truncate(mark);
            }
            Node::Template { pipe, .. } => {
                if let Some(p) = pipe {
                    self.pipe(p);
                }
            }
        }
    }

    fn pipe(&mut self, p: &'t Pipe) {
        for c in &p.cmds {
            for a in &c.args {
                self.arg(a);
            }
        }
        for d in &p.decl {
            if p.is_assign {
                if !self.declared.contains(&d.as_str()) {
                    self.ok = false;
                }
            } else {
                self.declared.push(d);
            }
        }
    }

    fn arg(&mut self, a: &'t Arg) {
        match a {
            Arg::Variable { name, .. }
                if !self.declared.contains(&name.as_str()) && !self.free.contains(name) =>
            {
                self.free.push(name.clone());
            }
            Arg::Func { name, .. } => self.funcs.push(name),
            Arg::Pipe(p) => self.pipe(p),
            Arg::Chain { node, .. } => self.arg(node),
            _ => {}
        }
    }
}

impl TreeMemo {
    /// The entry of node `node` recorded for these outside variable values
    /// and reads that hold for `source`, given to `f`; else whether to
    /// record the node.
    pub(crate) fn lookup<T>(
        &mut self,
        node: usize,
        vars: &[Option<Value>],
        source: &dyn Any,
        f: impl FnOnce(&Entry) -> T,
    ) -> Result<T, bool> {
        let nm = &mut self.nodes[node];
        if nm.disabled() {
            return Err(false);
        }
        let hit = nm.entries.iter().position(|e| {
            e.vars.len() == vars.len()
                && e.vars.iter().zip(vars).all(|(a, b)| match (a, b) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.same(b),
                    _ => false,
                })
                && e.checks.iter().all(|c| c.holds(source))
        });
        if let Some(i) = hit {
            nm.hits += 1;
            Ok(f(&nm.entries[i]))
        } else {
            nm.misses += 1;
            Err(!nm.disabled())
        }
    }

    /// Keep what node `node` wrote for these variables and reads.
    pub(crate) fn store(
        &mut self,
        node: usize,
        vars: Vec<Option<Value>>,
        checks: Vec<Box<dyn Check>>,
        out: String,
        value: Option<Value>,
        steps: u64,
    ) {
        if self.bytes + out.len() > MAX_BYTES {
            for nm in &mut self.nodes {
                nm.entries.clear();
            }
            self.bytes = 0;
        }
        self.bytes += out.len();
        let nm = &mut self.nodes[node];
        let e = Entry {
            vars,
            checks,
            out,
            value,
            steps,
        };
        if nm.entries.len() < ENTRIES {
            nm.entries.push(e);
        } else {
            let i = nm.next % ENTRIES;
            nm.next = nm.next.wrapping_add(1);
            self.bytes -= std::mem::replace(&mut nm.entries[i], e).out.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FuncSet, Template};
    use super::make_plan;

    /// The plan of `text`'s top-level nodes: `None` or the outside
    /// variables read.
    fn plan(text: &str, pure: bool) -> Option<Vec<Option<Vec<String>>>> {
        let t = Template::parse("t", text, &FuncSet::sprig()).expect("parses");
        let main = t.trees.get("t").expect("main tree");
        let is_pure = |_: &str| pure;
        make_plan(&mut t.trees.values().map(|t| &**t), main, &is_pure).map(|p| p.nodes)
    }

    fn vars(names: &[&str]) -> Option<Vec<String>> {
        Some(names.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn impure_functions_disable_the_template() {
        assert!(plan("{{ quote .A }}", false).is_none());
        assert!(plan("{{ .A }}", false).is_some());
    }

    #[test]
    fn nodes_and_their_outside_variables() {
        let p = plan(
            "x{{ $a := 1 }}{{ if $a }}{{ $b := $a }}{{ $b }}{{ end }}{{ range $i, $v := .L }}{{ $v }}{{ $a }}{{ end }}",
            true,
        )
        .expect("pure");
        assert_eq!(p, vec![None, vars(&[]), vars(&["$a"]), vars(&["$a"])]);
    }

    #[test]
    fn effects_beyond_the_output_are_not_memoized() {
        // Assigning a variable declared outside.
        let p = plan("{{ $a := 1 }}{{ if .X }}{{ $a = 2 }}{{ end }}", true).expect("pure");
        assert_eq!(p[1], None);
        // Assigning one's own variable is fine.
        let p = plan("{{ if .X }}{{ $a := 1 }}{{ $a = 2 }}{{ end }}", true).expect("pure");
        assert_eq!(p[0], vars(&[]));
        // A declaration's variable outlives the node: only a plain
        // declaration is memoized (its value), never an assignment.
        let p = plan("{{ $a := 1 }}{{ $a = 2 }}", true).expect("pure");
        assert_eq!(p, vec![vars(&[]), None]);
        // A variable declared in a template call's argument outlives it.
        let p = plan(
            r#"{{ define "d" }}{{ . }}{{ end }}{{ template "d" ($x := 1) }}{{ $x }}"#,
            true,
        )
        .expect("pure");
        assert_eq!(p[0], None);
    }

    #[test]
    fn else_branches_do_not_see_the_body_s_variables() {
        let p = plan(
            "{{ $a := 0 }}{{ if .X }}{{ $a := 1 }}{{ else }}{{ $a }}{{ end }}",
            true,
        )
        .expect("pure");
        assert_eq!(p[1], vars(&["$a"]));
    }
}
