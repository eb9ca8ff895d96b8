//! Function registry: Go builtins, the sprig subset, Helm's and Istio's
//! helpers. A function declares its Go parameter types so arguments are
//! checked and converted as Go's `text/template` does.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::exec::State;
use super::value::Value;

pub mod builtins;
pub mod helm;
pub mod istio;
pub mod sprig;
pub mod sprig_more;
pub mod util;
pub mod yaml;

/// A Go parameter type, as far as argument checking needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// `interface{}`: absent values become nil.
    Any,
    /// `reflect.Value`: absent values stay absent (builtins).
    Reflect,
    String,
    Int,
    Int64,
    Float,
    Bool,
    /// `[]interface{}`
    List,
    /// `map[string]interface{}`
    Map,
    /// `[]string`
    Strings,
}

impl Param {
    pub fn go_name(self) -> &'static str {
        match self {
            Param::Any => "interface {}",
            Param::Reflect => "reflect.Value",
            Param::String => "string",
            Param::Int => "int",
            Param::Int64 => "int64",
            Param::Float => "float64",
            Param::Bool => "bool",
            Param::List => "[]interface {}",
            Param::Map => "map[string]interface {}",
            Param::Strings => "[]string",
        }
    }

    pub fn can_be_nil(self) -> bool {
        matches!(
            self,
            Param::Any | Param::Reflect | Param::List | Param::Map | Param::Strings
        )
    }
}

/// A function's implementation: converted arguments in, a value or an
/// error message out.
pub type Imp = fn(&mut State<'_>, Vec<Value>) -> Result<Value, String>;

/// Builtins that evaluate their arguments lazily.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    None,
    And,
    Or,
}

#[derive(Clone)]
pub struct Func {
    pub name: &'static str,
    pub params: &'static [Param],
    pub variadic: Option<Param>,
    pub imp: Imp,
    pub special: Special,
}

impl std::fmt::Debug for Func {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Func({})", self.name)
    }
}

/// Shorthand for a fixed-arity function.
pub const fn fixed(name: &'static str, params: &'static [Param], imp: Imp) -> Func {
    Func {
        name,
        params,
        variadic: None,
        imp,
        special: Special::None,
    }
}

/// Shorthand for a variadic function.
pub const fn variadic(name: &'static str, params: &'static [Param], rest: Param, imp: Imp) -> Func {
    Func {
        name,
        params,
        variadic: Some(rest),
        imp,
        special: Special::None,
    }
}

/// A set of named functions available to templates.
#[derive(Clone, Debug, Default)]
pub struct FuncSet {
    map: HashMap<&'static str, Arc<Func>>,
    /// Functions vouched for as pure (see [`FuncSet::mark_pure`]).
    pure: HashSet<&'static str>,
}

impl FuncSet {
    /// Only Go's builtins.
    pub fn builtins() -> Self {
        let mut s = Self::default();
        s.extend(builtins::FUNCS);
        s
    }

    /// Go builtins + sprig's `TxtFuncMap` subset.
    pub fn sprig() -> Self {
        let mut s = Self::builtins();
        s.extend(sprig::FUNCS);
        s.extend(sprig::FUNCS2);
        s
    }

    /// What Helm charts see: builtins, sprig (without `env`/`expandenv`),
    /// Helm's own functions.
    pub fn helm() -> Self {
        let mut s = Self::sprig();
        s.map.remove("env");
        s.map.remove("expandenv");
        s.extend(helm::FUNCS);
        s
    }

    /// What Istio's injection templates see: sprig overlaid by Istio's
    /// helpers (which replace sprig's `indent`, `contains`, `env`, `omit`).
    pub fn istio() -> Self {
        let mut s = Self::sprig();
        s.extend(istio::FUNCS);
        s
    }

    pub fn extend(&mut self, funcs: &[Func]) {
        for f in funcs {
            self.insert(f.clone());
        }
    }

    /// Add (or replace) a function; a replaced one is no longer pure.
    pub fn insert(&mut self, f: Func) {
        self.pure.remove(f.name);
        self.map.insert(f.name, Arc::new(f));
    }

    /// Vouch that the functions `names` of this set (those present) are
    /// pure: their result depends only on their arguments (no environment,
    /// clock, randomness or state) and they change no argument (no map
    /// `set`). Templates calling only pure functions may have their
    /// top-level actions memoized ([`super::Template::execute_memo`]).
    pub fn mark_pure(&mut self, names: &[&str]) {
        for n in names {
            if let Some((k, _)) = self.map.get_key_value(*n) {
                self.pure.insert(*k);
            }
        }
    }

    pub fn is_pure(&self, name: &str) -> bool {
        self.pure.contains(name)
    }

    pub fn get(&self, name: &str) -> Option<Arc<Func>> {
        self.map.get(name).cloned()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    pub fn names(&self) -> Vec<&'static str> {
        let mut v: Vec<_> = self.map.keys().copied().collect();
        v.sort_unstable();
        v
    }
}
