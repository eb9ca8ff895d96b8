//! `proxy-config`: render an Envoy's configuration the way istioctl does.
//!
//! Pure functions from a parsed config dump (or `/clusters` body) to text:
//! one module per resource type, each building a [`Table`] that is laid out
//! by the Go-compatible tabwriter. JSON and YAML forms live in [`mod@format`].
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

/// Read a config dump file. A large one is read by two threads, each
/// copying half of it (the copy and its page faults are most of the cost of
/// reading a dump that is in the page cache); the result is the same bytes
/// as `std::fs::read`.
pub fn read_dump_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    const MIN: u64 = 4 << 20;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let Ok(size) = usize::try_from(len) else {
        return std::fs::read(path);
    };
    if len < MIN || crate::threads::available() < 2 {
        return std::fs::read(path);
    }
    let mut buf = vec![0u8; size];
    let (head, tail) = buf.split_at_mut(size / 2);
    let fill = |part: &mut [u8], mut offset: u64| -> std::io::Result<usize> {
        let mut done = 0;
        while done < part.len() {
            match file.read_at(&mut part[done..], offset) {
                Ok(0) => break,
                Ok(n) => {
                    done += n;
                    offset += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    };
    let tail_offset = (size / 2) as u64;
    let (a, b) = std::thread::scope(|s| {
        let t = s.spawn(|| fill(tail, tail_offset));
        let a = fill(head, 0);
        (
            a,
            t.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("reader thread"))),
        )
    });
    let (a, b) = (a?, b?);
    // The file changed size while it was read: read it again, in one piece.
    let mut probe = [0u8; 1];
    if a + b != size || file.read_at(&mut probe, len)? != 0 {
        return std::fs::read(path);
    }
    Ok(buf)
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
    // The endpoint table (the largest) is built on its own thread.
    let (eds, rest) = std::thread::scope(|s| {
        let eds = s.spawn(|| endpoint::eds_summary(dump, &filters.endpoint, &opts));
        let rest = (|| {
            Ok::<_, Error>((
                bootstrap::summary(dump)?,
                cluster::summary(dump, &filters.cluster, &opts)?,
                listener::summary(dump, &filters.listener, &opts)?,
                route::summary(dump, &filters.route, &opts)?,
                secret::summary(dump, &opts)?,
            ))
        })();
        (eds.join(), rest)
    });
    let (bootstrap, cluster, listener, route, secret) = rest?;
    let eds = eds.map_err(|_| Error::Data("endpoint table thread failed".into()))??;
    let tables = [
        ("BOOTSTRAP INFO", bootstrap),
        ("CLUSTER INFO", cluster),
        ("LISTENER INFO", listener),
        ("ROUTE INFO", route),
        ("SECRET INFO", secret),
        ("ENDPOINTS INFO", eds),
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

#[cfg(test)]
mod tests {
    #[test]
    fn large_dump_files_read_in_two_halves_give_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        for size in [10_usize, (4 << 20) + 1, (5 << 20) + 7] {
            let bytes: Vec<u8> = (0..size)
                .map(|i| u8::try_from(i * 7 % 251).unwrap())
                .collect();
            let path = dir.path().join(format!("dump-{size}.json"));
            std::fs::write(&path, &bytes).unwrap();
            assert!(super::read_dump_file(&path).unwrap() == bytes, "{size}");
        }
        assert!(super::read_dump_file(&dir.path().join("missing")).is_err());
    }
}
