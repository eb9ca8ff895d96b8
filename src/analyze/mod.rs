#![allow(clippy::doc_markdown)] // Istio kind names (VirtualService, ...) are prose here, not code.

//! `analyze`: Istio's configuration analyzers over a snapshot of files and/or
//! the live cluster. Read → [`Snapshot`] → rules → sorted, de-duplicated
//! [`Diagnostic`]s → one renderer per format. Pure: no printing, no network
//! (the live snapshot is built by [`live`]).

pub mod annotations;
pub mod catalog;
pub mod diag;
pub mod injection;
pub mod list_split;
pub mod live;
pub mod load;
pub mod mesh;
pub mod registry;
pub mod render;
pub mod rule;
pub mod rules;
pub mod snapshot;
pub mod suppress;
pub mod typed;
pub mod util;
pub mod validate;
pub mod view;

pub use diag::{Diagnostic, Level, ResourceRef};
pub use rule::Rule;
pub use snapshot::{Resource, Snapshot, SnapshotOptions};
pub use suppress::Suppression;

/// The id istioctl gives the main store (files and the current cluster) in
/// multi-cluster analysis.
pub const MAIN_CLUSTER: &str = "default";

/// What to run and what to keep.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// istioctl analyzer names to run (empty: all).
    pub analyzers: Vec<String>,
    /// Keep only findings in this namespace (and cluster-scoped ones).
    pub namespace: Option<String>,
    pub suppressions: Vec<Suppression>,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted and de-duplicated, after filters and suppressions.
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that ran.
    pub executed: Vec<&'static Rule>,
    /// Rules skipped because the input lacks a kind they need.
    pub skipped: Vec<(&'static Rule, &'static str)>,
}

impl Report {
    /// The most severe level present.
    pub fn max_level(&self) -> Option<Level> {
        self.diagnostics.iter().map(|d| d.level).max()
    }
}

/// The rules selected by `--analyzer` names (when empty, all but the opt-in
/// analyzers', which run only when named).
pub fn selected_rules(analyzers: &[String]) -> Vec<&'static Rule> {
    registry::RULES
        .iter()
        .copied()
        .filter(|r| {
            if analyzers.is_empty() {
                !catalog::is_opt_in(r.analyzer)
            } else {
                analyzers.iter().any(|a| a == r.analyzer)
            }
        })
        .collect()
}

fn in_namespace(d: &Diagnostic, ns: &str) -> bool {
    match &d.resource {
        None => true,
        Some(r) if r.kind == "Namespace" => r.name == ns,
        Some(r) => r.namespace.is_empty() || r.namespace == ns,
    }
}

/// Run the selected rules over the snapshot.
pub fn analyze(snap: &Snapshot, opts: &Options) -> Report {
    let mut report = Report::default();
    for rule in selected_rules(&opts.analyzers) {
        if let Some(missing) = rule.requires.iter().find(|k| !snap.has_kind(k)) {
            report.skipped.push((rule, missing));
            continue;
        }
        report.executed.push(rule);
    }
    let mut all: Vec<Diagnostic> = rule::run_all(&report.executed, snap)
        .into_iter()
        .flatten()
        .collect();
    if snap.is_multi_cluster() {
        // As istioctl: every resource's findings name its cluster, the main
        // store's being `default`.
        for r in all.iter_mut().filter_map(|d| d.resource.as_mut()) {
            r.cluster.get_or_insert_with(|| MAIN_CLUSTER.to_string());
        }
    }
    all.retain(|d| {
        opts.namespace
            .as_deref()
            .is_none_or(|ns| in_namespace(d, ns))
            && !suppress::is_suppressed(d, &opts.suppressions)
    });
    diag::sort_dedup(&mut all);
    report.diagnostics = all;
    report
}
