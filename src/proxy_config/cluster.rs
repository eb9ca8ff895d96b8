//! `proxy-config cluster`: the CDS summary table.

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{ConfigDump, Keep, ModelKind, arr_at, enum_at, field, list, str_at, view_value};
use super::names::{describe_management, is_istio_name, parse_subset_key, sort_by_cluster_name};
use super::{Error, Table};

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

/// What the cluster table reads of a `ClustersConfigDump`: its compact
/// [`ClusterTable`].
pub const TABLE_VIEW: Keep = Keep::Model(ModelKind::Clusters);

/// What [`ClusterRow`] reads of each cluster entry: the name, type and
/// `istio` metadata of the cluster (not its endpoints or sockets).
const ENTRY_VIEW: Keep = Keep::Fields(&[(
    "cluster",
    Keep::Fields(&[
        ("name", Keep::All),
        ("type", Keep::All),
        (
            "metadata",
            Keep::Fields(&[("filter_metadata", Keep::Fields(&[("istio", Keep::All)]))]),
        ),
    ]),
)]);

/// Envoy's `Cluster.DiscoveryType` names by number.
const DISCOVERY_TYPES: &[&str] = &["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"];

/// The cluster table's compact model of a `ClustersConfigDump`: one
/// [`ClusterRow`] per cluster instead of JSON values, so a dump of
/// thousands of clusters costs a small fraction of its size. Field names
/// are accepted in snake_case and lowerCamel, as protojson.
#[derive(Debug, Clone, Default, serde::Deserialize)]
// The fields are the proto's (serde names), all ending in "clusters".
#[allow(clippy::struct_field_names)]
pub struct ClusterTable {
    #[serde(default, alias = "dynamicActiveClusters", deserialize_with = "list")]
    dynamic_active_clusters: Vec<ClusterRow>,
    #[serde(default, alias = "dynamicWarmingClusters", deserialize_with = "list")]
    dynamic_warming_clusters: Vec<ClusterRow>,
    #[serde(default, alias = "staticClusters", deserialize_with = "list")]
    static_clusters: Vec<ClusterRow>,
}

/// What the table shows of one cluster entry (`None`: an entry without a
/// cluster, which istioctl skips).
#[derive(Debug, Clone)]
pub struct ClusterRow(Option<ClusterInfo>);

#[derive(Debug, Clone)]
struct ClusterInfo {
    name: String,
    /// The TYPE column.
    kind: String,
    /// The DESTINATION RULE column.
    rule: String,
}

impl<'de> serde::Deserialize<'de> for ClusterRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A short-lived value per entry, read by the same accessors as
        // the full dump.
        let entry = view_value(&ENTRY_VIEW, d)?;
        Ok(ClusterRow(field(&entry, "cluster").map(|c| ClusterInfo {
            name: str_at(c, &["name"]).to_string(),
            kind: enum_at(c, &["type"], DISCOVERY_TYPES),
            rule: describe_management(field(c, "metadata")),
        })))
    }
}

/// Dynamic active clusters, then static ones, sorted like istioctl. With
/// `warming`, dynamic warming clusters are included too (istioctl drops them).
fn sorted_rows(
    table: &ClusterTable,
    warming: bool,
) -> Result<Vec<(&ClusterInfo, &'static str)>, Error> {
    let warming: &[ClusterRow] = if warming {
        &table.dynamic_warming_clusters
    } else {
        &[]
    };
    let groups: [(&[ClusterRow], &'static str); 3] = [
        (&table.dynamic_active_clusters, "ACTIVE"),
        (warming, "WARMING"),
        (&table.static_clusters, "STATIC"),
    ];
    let mut out = Vec::new();
    for (rows, state) in groups {
        out.extend(rows.iter().filter_map(|r| r.0.as_ref()).map(|c| (c, state)));
    }
    if out.is_empty() {
        return Err(Error::Data("no clusters found".into()));
    }
    Ok(sort_by_cluster_name(out, |(c, _)| c.name.as_str()))
}

/// How many clusters Envoy is still warming (istioctl's table hides them).
pub fn warming_count(dump: &ConfigDump) -> usize {
    match dump.model::<ClusterTable>() {
        Some(Ok(t)) => t.dynamic_warming_clusters.len(),
        _ => 0,
    }
}

/// The cluster table. `all_mode` adds the NAME column (as in `proxy-config all`).
pub fn summary(
    dump: &ConfigDump,
    filter: &ClusterFilter,
    opts: &super::SummaryOptions,
) -> Result<Table, Error> {
    let table = dump.require_model::<ClusterTable>()?;
    let clusters = sorted_rows(&table, opts.wide)?;
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
    for (c, state) in clusters {
        let name = c.name.as_str();
        if !filter.matches(name) {
            continue;
        }
        let (ctype, dr) = (&c.kind, &c.rule);
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
            let _ = write!(row, "\t{state}");
        }
        row.push('\n');
    }
    Ok(t)
}

/// The filtered, sorted cluster messages (for `-o json|yaml`): dynamic
/// active clusters, then static ones, in the table's order.
pub fn dump_values<'a>(
    dump: &'a ConfigDump,
    filter: &ClusterFilter,
) -> Result<Vec<&'a Value>, Error> {
    let section = dump.require("ClustersConfigDump")?;
    let clusters: Vec<&Value> = ["dynamic_active_clusters", "static_clusters"]
        .into_iter()
        .flat_map(|key| arr_at(section, &[key]))
        .filter_map(|e| field(e, "cluster"))
        .collect();
    if clusters.is_empty() {
        return Err(Error::Data("no clusters found".into()));
    }
    Ok(sort_by_cluster_name(clusters, |c| str_at(c, &["name"]))
        .into_iter()
        .filter(|c| filter.matches(str_at(c, &["name"])))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proxy_config::{SummaryOptions, parse_for_tables};

    const DUMP: &[u8] = br#"{"configs": [
        {"@type": "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
         "dynamicActiveClusters": [
            {"cluster": {"name": "outbound|80||b.ns.svc.cluster.local", "type": 3,
             "metadata": {"filterMetadata": {"istio": {"config": "/apis/networking.istio.io/v1/namespaces/ns/destination-rule/b"}}}}},
            {"version_info": "1"},
            {"cluster": {"name": "outbound|80|v1|a.ns.svc.cluster.local", "type": "EDS", "big": [1, 2]}}],
         "dynamic_warming_clusters": [{"cluster": {"name": "inbound|9080||", "type": "STATIC"}}],
         "static_clusters": [{"cluster": {"name": "agent"}}]}
    ]}"#;

    /// The compact model decoded while parsing and the one decoded from the
    /// full values give the same tables and warming count.
    #[test]
    fn model_and_values_agree() {
        let moved = String::from_utf8_lossy(DUMP).replace("\"@type\"", "\"x\": 1, \"@type\"");
        let dumps = [
            parse_for_tables(DUMP, &["ClustersConfigDump"]).unwrap(),
            ConfigDump::parse(DUMP).unwrap(),
            // @type not first: the section is kept as values.
            parse_for_tables(moved.as_bytes(), &["ClustersConfigDump"]).unwrap(),
        ];
        let render = |d: &ConfigDump, wide| {
            let opts = SummaryOptions {
                wide,
                ..SummaryOptions::default()
            };
            summary(d, &ClusterFilter::default(), &opts)
                .unwrap()
                .render()
        };
        let expected = render(&dumps[0], true);
        assert!(expected.contains("WARMING"), "{expected}");
        assert!(expected.contains("b.ns"), "{expected}");
        for d in &dumps {
            assert_eq!(render(d, true), expected);
            assert_eq!(render(d, false), render(&dumps[0], false));
            assert_eq!(warming_count(d), 1);
        }
    }
}
