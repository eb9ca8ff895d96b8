//! The rule type and what a rule's check sees and writes to.

use super::catalog;
use super::diag::{Arg, Diagnostic, Level, render_template};
use super::snapshot::{Resource, Snapshot};

/// A lint rule: one problem, one Istio code, one check.
#[derive(Debug)]
pub struct Rule {
    /// Istio's message code (`IST0101`).
    pub code: &'static str,
    /// Kebab-case, named after the problem.
    pub name: &'static str,
    /// The `istioctl analyze -L` analyzer this rule belongs to (for `--analyzer`).
    pub analyzer: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Markdown with `### What it does`, `### Why is this bad?`, `### Example`, `### How to fix`.
    pub docs: &'static str,
    /// Runtime kinds the input must supply for the check to be meaningful
    /// (without Services every host would look unknown).
    pub requires: &'static [&'static str],
    pub check: fn(&Snapshot, &mut Sink),
}

impl Rule {
    /// The level, from Istio's message table.
    pub fn level(&self) -> Level {
        catalog::message(self.code).map_or(Level::Error, |m| m.level)
    }

    pub fn template(&self) -> &'static str {
        catalog::message(self.code).map_or("%v", |m| m.template)
    }
}

/// Collects one rule's diagnostics.
pub struct Sink {
    rule: &'static Rule,
    level: Level,
    template: &'static str,
    pub out: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(rule: &'static Rule) -> Self {
        Sink {
            rule,
            level: rule.level(),
            template: rule.template(),
            out: Vec::new(),
        }
    }

    /// Report on `res`, at `field`'s line when it is known.
    pub fn report(&mut self, res: &Resource, field: Option<&str>, args: &[Arg]) {
        self.out.push(Diagnostic {
            code: self.rule.code,
            level: self.level,
            rule: self.rule.name,
            message: render_template(self.template, args),
            resource: Some(res.reference(field)),
        });
    }
}

/// Below this many resources the rules run on one thread (starting threads
/// would cost more than it saves).
const PARALLEL_MIN: usize = 256;

/// Run the rules over the snapshot, on all cores (at most 8) for a large
/// snapshot: each rule's findings, in the order of `rules`.
pub fn run_all(rules: &[&'static Rule], snap: &Snapshot) -> Vec<Vec<Diagnostic>> {
    let run = |rule: &'static Rule| {
        let mut sink = Sink::new(rule);
        (rule.check)(snap, &mut sink);
        sink.out
    };
    if snap.len() < PARALLEL_MIN {
        return rules.iter().map(|r| run(r)).collect();
    }
    // Each thread takes the next rule not yet taken.
    crate::threads::map_in_turn(rules.to_vec(), run)
}
