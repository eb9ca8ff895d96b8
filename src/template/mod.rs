//! A Go `text/template` engine with the sprig, Helm and Istio function
//! libraries, identical to Go in output and close in error messages.
//!
//! ```
//! use mast::template::{FuncSet, Template, Value};
//! let t = Template::parse("t", "{{ .name | upper }}", &FuncSet::sprig()).unwrap();
//! let data = Value::from_json(&serde_json::json!({"name": "x"}));
//! assert_eq!(t.execute(&data).unwrap(), "X");
//! ```
//!
//! Self-contained: nothing here knows about Kubernetes or the rest of mast.

// Function implementations share one `fn(&mut State, Vec<Value>)` signature
// (so some take arguments they only read, or always succeed), and the Go
// tables they mirror read best with Go's short names and parallel arms.
#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    clippy::many_single_char_names,
    clippy::match_same_arms,
    clippy::items_after_statements
)]

use std::collections::HashMap;
use std::sync::Arc;

mod ast;
pub mod chart;
mod exec;
pub mod fmt;
pub mod funcs;
mod lexer;
pub mod memo;
mod parser;
mod value;

pub use exec::State;
pub use funcs::yaml::to_yaml;
pub use funcs::{Func, FuncSet, Param, Special};
pub use value::{ElemKind, Fields, LazyFields, Map, MapRef, Method, Object, Value};

use parser::Tree;

/// What went wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not a valid template (or uses an unknown function).
    Parse,
    /// Executing the template failed.
    Exec,
}

/// A parse or execution error. `Display` gives Go's message, e.g.
/// `template: t:1: function "foo" not defined` or
/// `template: t:1:3: executing "t" at <index .a 5>: error calling index: ...`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub kind: ErrorKind,
    /// The template (file) name holding the failing text.
    pub name: String,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 0-based byte column, as Go reports it (execution errors only).
    pub column: usize,
    /// The failing action, for execution errors.
    pub context: Option<String>,
    /// What was expected or what failed, without the location prefix.
    pub detail: String,
    /// The full Go-style message.
    pub message: String,
}

impl Error {
    pub(crate) fn parse(name: &str, line: usize, detail: String) -> Self {
        let message = format!("template: {name}:{line}: {detail}");
        Error {
            kind: ErrorKind::Parse,
            name: name.to_string(),
            line,
            column: 0,
            context: None,
            detail,
            message,
        }
    }

    pub(crate) fn exec(
        name: &str,
        line: usize,
        column: usize,
        executing: &str,
        context: Option<String>,
        detail: String,
    ) -> Self {
        let message = match &context {
            Some(ctx) => format!(
                "template: {name}:{line}:{column}: executing {} at <{ctx}>: {detail}",
                fmt::quote(executing)
            ),
            None => format!("template: {executing}: {detail}"),
        };
        Error {
            kind: ErrorKind::Exec,
            name: name.to_string(),
            line,
            column,
            context,
            detail,
            message,
        }
    }
}

/// Go's `missingkey` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingKey {
    /// `missingkey=default` / `invalid`: print `<no value>`.
    #[default]
    Invalid,
    /// `missingkey=zero`: the map element type's zero value.
    Zero,
    /// `missingkey=error`: fail.
    Error,
}

/// Execution options and limits.
#[derive(Debug, Clone)]
pub struct Options {
    pub missing_key: MissingKey,
    /// Maximum nesting of `template`/`include`/`tpl` calls.
    pub max_depth: usize,
    /// Maximum output size in bytes.
    pub max_output: usize,
    /// Maximum number of executed nodes and commands.
    pub max_steps: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            missing_key: MissingKey::Invalid,
            max_depth: 100,
            max_output: 64 << 20,
            max_steps: 50_000_000,
        }
    }
}

/// A set of named templates sharing functions and options; executing it
/// runs the template named at creation.
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    trees: HashMap<String, Arc<Tree>>,
    funcs: FuncSet,
    options: Options,
    /// Identifies the set's trees and options for the memo (a new one for
    /// every change).
    id: u64,
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Template {
    /// An empty set whose main template is `name`.
    pub fn new(name: &str, funcs: &FuncSet) -> Self {
        Template {
            name: name.to_string(),
            trees: HashMap::new(),
            funcs: funcs.clone(),
            options: Options::default(),
            id: next_id(),
        }
    }

    /// Parse `text` as the template `name`.
    pub fn parse(name: &str, text: &str, funcs: &FuncSet) -> Result<Self, Error> {
        let mut t = Self::new(name, funcs);
        t.add(name, text)?;
        Ok(t)
    }

    /// Parse `text` as template `name` in this set, with its `define`s. A
    /// definition replaces an earlier one unless it is empty (Go's rule).
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let trees = parser::parse(name, text, &self.funcs)?;
        self.id = next_id();
        for t in trees {
            if let Some(old) = self.trees.get(&t.name)
                && t.is_empty()
                && t.name != name
            {
                let _ = old;
                continue;
            }
            self.trees.insert(t.name.clone(), Arc::new(t));
        }
        Ok(())
    }

    /// Set an option in Go's syntax: `missingkey=default|invalid|zero|error`.
    pub fn option(&mut self, opt: &str) -> Result<(), String> {
        let mk = match opt {
            "missingkey=default" | "missingkey=invalid" => MissingKey::Invalid,
            "missingkey=zero" => MissingKey::Zero,
            "missingkey=error" => MissingKey::Error,
            _ => return Err(format!("unrecognized option: {opt}")),
        };
        self.options.missing_key = mk;
        self.id = next_id();
        Ok(())
    }

    pub fn options_mut(&mut self) -> &mut Options {
        self.id = next_id();
        &mut self.options
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Names of all templates in the set, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.trees.keys().cloned().collect();
        v.sort();
        v
    }

    pub fn has(&self, name: &str) -> bool {
        self.trees.contains_key(name)
    }

    /// Execute the main template.
    pub fn execute(&self, data: &Value) -> Result<String, Error> {
        self.execute_template(&self.name, data)
    }

    /// Execute the named template of the set.
    pub fn execute_template(&self, name: &str, data: &Value) -> Result<String, Error> {
        let Some(tree) = self.trees.get(name) else {
            return Err(Error::exec(
                name,
                0,
                0,
                &self.name,
                None,
                format!(
                    "no template {} associated with template {}",
                    fmt::quote(name),
                    fmt::quote(&self.name)
                ),
            ));
        };
        let mut st = State::new(self, tree, 0, 0);
        st.run(data)?;
        Ok(st.out)
    }

    /// Execute the main template, reusing the output of top-level nodes
    /// this thread executed before for data that reads the same (see
    /// [`memo`]). `source` describes `data` for the [`memo::Check`]s the
    /// data's lazy structs report; the output is [`Template::execute`]'s.
    pub fn execute_memo(&self, data: &Value, source: &dyn std::any::Any) -> Result<String, Error> {
        let Some(tree) = self.trees.get(&self.name) else {
            return self.execute(data);
        };
        let pure = |f: &str| self.funcs.is_pure(f);
        let Some(mut tm) = memo::take(self.id, &mut self.trees.values().map(|t| &**t), tree, &pure)
        else {
            return self.execute(data);
        };
        let mut st = State::new(self, tree, 0, 0);
        let r = st.run_memo(data, &mut tm, source);
        memo::put(self.id, tm);
        r?;
        Ok(st.out)
    }
}
