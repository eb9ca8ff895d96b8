//! `proxy-config cluster`: the CDS summary table.

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{ConfigDump, Keep, arr_at, enum_at, field, str_at};
use super::names::{
    cmp_subset_keys, describe_management, is_istio_name, parse_subset_key, safe_subset_key,
};
use super::{Error, Table, gosort};

/// `--fqdn`, `--port`, `--subset`, `--direction`: all matched on the raw name.
#[derive(Debug, Clone, Default)]
pub struct ClusterFilter {
    pub fqdn: String,
    pub port: u32,
    pub subset: String,
    pub direction: String,
}

impl ClusterFilter {
    pub fn matches(&self, name: &str) -> bool {
        if !self.fqdn.is_empty() && !name.contains(&self.fqdn) {
            return false;
        }
        if !self.direction.is_empty() && !name.contains(&self.direction) {
            return false;
        }
        if !self.subset.is_empty() && !name.contains(&self.subset) {
            return false;
        }
        if self.port != 0 && !name.contains(&format!("|{}|", self.port)) {
            return false;
        }
        true
    }
}

/// What the cluster table reads of a `ClustersConfigDump`: the name, type
/// and `istio` metadata of each cluster (not its endpoints or sockets).
pub const TABLE_VIEW: Keep = {
    const CLUSTER: Keep = Keep::Fields(&[
        ("name", Keep::All),
        ("type", Keep::All),
        (
            "metadata",
            Keep::Fields(&[("filter_metadata", Keep::Fields(&[("istio", Keep::All)]))]),
        ),
    ]);
    const ENTRY: Keep = Keep::Fields(&[("cluster", CLUSTER)]);
    Keep::Fields(&[
        ("dynamic_active_clusters", ENTRY),
        ("dynamic_warming_clusters", ENTRY),
        ("static_clusters", ENTRY),
    ])
};

/// Envoy's `Cluster.DiscoveryType` names by number.
const DISCOVERY_TYPES: &[&str] = &["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"];

/// One cluster of the dump and where it came from.
pub struct ClusterEntry<'a> {
    pub cluster: &'a Value,
    pub state: &'static str,
}

impl ClusterEntry<'_> {
    pub fn name(&self) -> &str {
        str_at(self.cluster, &["name"])
    }
}

/// Dynamic active clusters, then static ones, sorted like istioctl. With
/// `warming`, dynamic warming clusters are included too (istioctl drops them).
pub fn sorted_clusters(dump: &ConfigDump, warming: bool) -> Result<Vec<ClusterEntry<'_>>, Error> {
    let section = dump.require("ClustersConfigDump")?;
    let mut out = Vec::new();
    for e in arr_at(section, &["dynamic_active_clusters"]) {
        if let Some(c) = field(e, "cluster") {
            out.push(ClusterEntry {
                cluster: c,
                state: "ACTIVE",
            });
        }
    }
    if warming {
        for e in arr_at(section, &["dynamic_warming_clusters"]) {
            if let Some(c) = field(e, "cluster") {
                out.push(ClusterEntry {
                    cluster: c,
                    state: "WARMING",
                });
            }
        }
    }
    for e in arr_at(section, &["static_clusters"]) {
        if let Some(c) = field(e, "cluster") {
            out.push(ClusterEntry {
                cluster: c,
                state: "STATIC",
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Data("no clusters found".into()));
    }
    // Parse each name once; the comparator runs O(n log n) times. The same
    // comparisons give Go's pdqsort the same permutation.
    let mut keyed: Vec<_> = out
        .into_iter()
        .map(|e| (safe_subset_key(str_at(e.cluster, &["name"])), e))
        .collect();
    gosort::sort_slice(&mut keyed, |a, b| cmp_subset_keys(&a.0, &b.0).is_lt());
    Ok(keyed.into_iter().map(|(_, e)| e).collect())
}

/// The cluster table. `all_mode` adds the NAME column (as in `proxy-config all`).
pub fn summary(
    dump: &ConfigDump,
    filter: &ClusterFilter,
    opts: &super::SummaryOptions,
) -> Result<Table, Error> {
    let clusters = sorted_clusters(dump, opts.wide)?;
    let mut t = Table::new(8, 5);
    let mut header = String::new();
    if opts.all_mode {
        header.push_str("NAME\t");
    }
    header.push_str("SERVICE FQDN\tPORT\tSUBSET\tDIRECTION\tTYPE\tDESTINATION RULE");
    if opts.wide {
        header.push_str("\tSTATE");
    }
    t.line(&header);
    for entry in &clusters {
        let c = entry.cluster;
        let name = entry.name();
        if !filter.matches(name) {
            continue;
        }
        let ctype = enum_at(c, &["type"], DISCOVERY_TYPES);
        let dr = describe_management(field(c, "metadata"));
        let row = t.buf();
        if is_istio_name(name) {
            let k = parse_subset_key(name);
            let subset = if k.subset.is_empty() { "-" } else { k.subset };
            if opts.all_mode {
                let _ = write!(row, "cluster/{name}\t");
            }
            let _ = write!(
                row,
                "{}\t{}\t{subset}\t{}\t{ctype}\t{dr}",
                k.hostname, k.port, k.direction
            );
        } else if opts.all_mode && !name.is_empty() {
            let _ = write!(
                row,
                "cluster/{name}\tcluster/{name}\t-\t-\t-\t{ctype}\t{dr}"
            );
        } else {
            let _ = write!(row, "{name}\t-\t-\t-\t{ctype}\t{dr}");
        }
        if opts.wide {
            let _ = write!(row, "\t{}", entry.state);
        }
        row.push('\n');
    }
    Ok(t)
}

/// The filtered, sorted cluster messages (for `-o json|yaml`).
pub fn dump_values<'a>(
    dump: &'a ConfigDump,
    filter: &ClusterFilter,
) -> Result<Vec<&'a Value>, Error> {
    Ok(sorted_clusters(dump, false)?
        .into_iter()
        .filter(|e| filter.matches(e.name()))
        .map(|e| e.cluster)
        .collect())
}
