//! `proxy-config`: render an Envoy's configuration the way istioctl does.
//!
//! Pure functions from a parsed config dump (or `/clusters` body) to text:
//! one module per resource type, each building a [`Table`] that is laid out
//! by the Go-compatible tabwriter. JSON and YAML forms live in [`format`].
//! Nothing here prints or touches the network.

pub mod bootstrap;
pub mod cluster;
pub mod dump;
pub mod endpoint;
pub mod format;
pub mod gosort;
pub mod listener;
pub mod log;
pub mod names;
pub mod route;
pub mod secret;

use std::fmt::Write as _;

pub use cluster::ClusterFilter;
pub use dump::{ConfigDump, Keep};
pub use endpoint::{ClustersStatus, EndpointFilter};
pub use listener::ListenerFilter;
pub use route::RouteFilter;

/// What can go wrong turning a dump into output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a JSON document of the expected shape (exit 65).
    #[error("error unmarshalling config dump: {0}")]
    Parse(String),
    /// The dump parsed but lacks what the command needs.
    #[error("{0}")]
    Data(String),
}

/// The sections `proxy-config all` shows (`@type` after the admin prefix).
pub const ALL_SECTIONS: &[&str] = &[
    "BootstrapConfigDump",
    "ClustersConfigDump",
    "ListenersConfigDump",
    "RoutesConfigDump",
    "SecretsConfigDump",
    "EndpointsConfigDump",
];

/// What the summary tables read of a config-dump section (`@type` after the
/// admin prefix); sections not listed are kept whole.
pub fn table_view(kind: &str) -> &'static Keep {
    match kind {
        "ClustersConfigDump" => &cluster::TABLE_VIEW,
        "RoutesConfigDump" => &route::TABLE_VIEW,
        "EndpointsConfigDump" => &endpoint::TABLE_VIEW,
        _ => &Keep::All,
    }
}

/// Parse the `wanted` sections of a dump for the summary tables only:
/// the fields no table reads are skipped ([`table_view`]), which makes a
/// large dump several times cheaper to read. `-o json|yaml` needs
/// [`ConfigDump::parse_sections`].
pub fn parse_for_tables(bytes: &[u8], wanted: &[&str]) -> Result<ConfigDump, Error> {
    ConfigDump::parse_view(bytes, wanted, table_view)
}

/// Options shared by the summary writers.
#[derive(Debug, Clone)]
pub struct SummaryOptions {
    /// `proxy-config all`: NAME column and `cluster/`, `listener/`... prefixes.
    pub all_mode: bool,
    /// `--verbose` (default true): per-chain listener rows, per-route rows.
    pub verbose: bool,
    /// `-o wide`: extra columns (STATE, health counts) and warming/rejected
    /// resources that istioctl hides.
    pub wide: bool,
    /// "Now" for certificate validity, seconds since the epoch.
    pub now: i64,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            all_mode: false,
            verbose: true,
            wide: false,
            now: now_unix(),
        }
    }
}

/// The current time in seconds since the Unix epoch.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Tab-separated rows waiting for Go-tabwriter layout.
#[derive(Debug, Clone)]
pub struct Table {
    text: String,
    tabwidth: usize,
    padding: usize,
}

impl Table {
    pub fn new(tabwidth: usize, padding: usize) -> Self {
        Table {
            text: String::new(),
            tabwidth,
            padding,
        }
    }

    /// Append one line (a `\n` is added).
    pub fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// The raw buffer, for `write!`-style row building.
    pub fn buf(&mut self) -> &mut String {
        &mut self.text
    }

    /// The laid-out table.
    pub fn render(&self) -> String {
        crate::output::tabwriter::render(&self.text, self.tabwidth, self.padding)
    }
}

/// All filters of `proxy-config all`.
#[derive(Debug, Clone, Default)]
pub struct AllFilters {
    pub cluster: ClusterFilter,
    pub listener: ListenerFilter,
    pub route: RouteFilter,
    pub endpoint: EndpointFilter,
}

/// `proxy-config all -o short`: bootstrap, clusters, listeners, routes,
/// secrets and EDS endpoints, each followed by a blank line (but the last).
pub fn full_summary(
    dump: &ConfigDump,
    filters: &AllFilters,
    opts: &SummaryOptions,
    with_headers: bool,
) -> Result<String, Error> {
    let mut out = String::new();
    for part in full_summary_parts(dump, filters, opts, with_headers)? {
        out.push_str(&part.render());
    }
    Ok(out)
}

/// One piece of `proxy-config all` output: literal text (section titles,
/// separating blank lines) or a table still to be laid out.
pub enum Part {
    Text(String),
    Table(Table),
}

impl Part {
    pub fn render(&self) -> String {
        match self {
            Part::Text(s) => s.clone(),
            Part::Table(t) => t.render(),
        }
    }
}

/// [`full_summary`] in pieces, so a caller can lay out and write one table
/// at a time instead of holding the whole output. Every table is built
/// first: a section error aborts before anything is written.
pub fn full_summary_parts(
    dump: &ConfigDump,
    filters: &AllFilters,
    opts: &SummaryOptions,
    with_headers: bool,
) -> Result<Vec<Part>, Error> {
    let opts = SummaryOptions {
        all_mode: true,
        ..opts.clone()
    };
    let tables = [
        ("BOOTSTRAP INFO", bootstrap::summary(dump)?),
        (
            "CLUSTER INFO",
            cluster::summary(dump, &filters.cluster, &opts)?,
        ),
        (
            "LISTENER INFO",
            listener::summary(dump, &filters.listener, &opts)?,
        ),
        ("ROUTE INFO", route::summary(dump, &filters.route, &opts)?),
        ("SECRET INFO", secret::summary(dump, &opts)?),
        (
            "ENDPOINTS INFO",
            endpoint::eds_summary(dump, &filters.endpoint, &opts)?,
        ),
    ];
    let mut parts = Vec::new();
    for (i, (title, table)) in tables.into_iter().enumerate() {
        let mut text = String::new();
        if i > 0 {
            text.push('\n');
        }
        if with_headers {
            let _ = write!(text, "------ {title} ------\n\n");
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        parts.push(Part::Table(table));
    }
    Ok(parts)
}
