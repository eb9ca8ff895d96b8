//! `proxy-config endpoint` (from `/clusters?format=json`) and the EDS table
//! of `proxy-config all` / `eds` (from `/config_dump?include_eds`).

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{
    Address, ConfigDump, Keep, ModelKind, arr_at, bool_at, enum_at, field, list, path, str_at,
    string,
};
use super::names::sort_by_cluster_name;
use super::{Error, SummaryOptions, Table, gosort};

/// `core.v3.HealthStatus` names by number.
pub const HEALTH: &[&str] = &[
    "UNKNOWN",
    "HEALTHY",
    "UNHEALTHY",
    "DRAINING",
    "TIMEOUT",
    "DEGRADED",
];

/// `--address`, `--port`, `--cluster`, `--status`.
#[derive(Debug, Clone, Default)]
pub struct EndpointFilter {
    pub address: String,
    pub port: u32,
    pub cluster: String,
    pub status: String,
}

impl EndpointFilter {
    fn is_empty(&self) -> bool {
        self.address.is_empty()
            && self.port == 0
            && self.cluster.is_empty()
            && self.status.is_empty()
    }

    fn rest_matches(&self, port: u64, cluster: &str, status: &str) -> bool {
        if self.port != 0 && port != u64::from(self.port) {
            return false;
        }
        if !self.cluster.is_empty() && !cluster.eq_ignore_ascii_case(&self.cluster) {
            return false;
        }
        if !self.status.is_empty() && !status.eq_ignore_ascii_case(&self.status) {
            return false;
        }
        true
    }
}

// ---------------------------------------------------------------- /clusters

/// The parsed `/clusters?format=json` body.
pub struct ClustersStatus {
    root: Value,
}

impl ClustersStatus {
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let root: Value = serde_json::from_slice(bytes).map_err(|e| Error::Parse(e.to_string()))?;
        if !root.is_object() {
            return Err(Error::Parse("expected a JSON object".into()));
        }
        Ok(ClustersStatus { root })
    }

    pub fn clusters(&self) -> &[Value] {
        arr_at(&self.root, &["cluster_statuses"])
    }
}

fn host_address(host: &Value) -> (String, u64) {
    match Address::of(field(host, "address")) {
        Address::Socket { address, port } => (address.to_string(), port),
        Address::Pipe(p) => (format!("unix://{p}"), 0),
        Address::Internal {
            listener,
            endpoint_id,
        } => (format!("envoy://{listener}/{endpoint_id}"), 0),
        Address::Unknown => ("unknown".to_string(), 0),
    }
}

fn host_matches(filter: &EndpointFilter, host: &Value, cluster: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let (addr, port) = host_address(host);
    if !filter.address.is_empty() && !addr.eq_ignore_ascii_case(&filter.address) {
        return false;
    }
    let status = enum_at(host, &["health_status", "eds_health_status"], HEALTH);
    filter.rest_matches(port, cluster, &status)
}

struct HostRow<'a> {
    address: String,
    port: u64,
    cluster: &'a str,
    status: String,
    failed_outlier: bool,
    weight: u64,
}

/// The `/clusters`-based endpoint table. `-o wide` adds WEIGHT and
/// a per-cluster health count.
pub fn clusters_summary(cs: &ClustersStatus, filter: &EndpointFilter, wide: bool) -> Table {
    let mut rows: Vec<HostRow<'_>> = Vec::new();
    for c in cs.clusters() {
        let cname = str_at(c, &["name"]);
        for h in arr_at(c, &["host_statuses"]) {
            if !host_matches(filter, h, cname) {
                continue;
            }
            let (address, port) = host_address(h);
            rows.push(HostRow {
                address,
                port,
                cluster: cname,
                status: enum_at(h, &["health_status", "eds_health_status"], HEALTH),
                failed_outlier: bool_at(h, &["health_status", "failed_outlier_check"]),
                weight: super::dump::u64_at(h, &["weight"]),
            });
        }
    }
    gosort::sort_slice(&mut rows, |a, b| {
        if a.address == b.address {
            if a.port == b.port {
                return a.cluster < b.cluster;
            }
            return a.port < b.port;
        }
        a.address < b.address
    });
    let mut healthy: std::collections::HashMap<&str, (usize, usize)> =
        std::collections::HashMap::new();
    if wide {
        for r in &rows {
            let e = healthy.entry(r.cluster).or_default();
            e.1 += 1;
            if r.status == "HEALTHY" && !r.failed_outlier {
                e.0 += 1;
            }
        }
    }
    let mut t = Table::new(8, 5);
    if wide {
        t.line("ENDPOINT\tSTATUS\tOUTLIER CHECK\tWEIGHT\tHEALTHY IN CLUSTER\tCLUSTER");
    } else {
        t.line("ENDPOINT\tSTATUS\tOUTLIER CHECK\tCLUSTER");
    }
    for r in &rows {
        let endpoint = if r.port != 0 {
            format!("{}:{}", r.address, r.port)
        } else {
            r.address.clone()
        };
        let outlier = if r.failed_outlier { "FAILED" } else { "OK" };
        let buf = t.buf();
        if wide {
            let (ok, all) = healthy.get(r.cluster).copied().unwrap_or_default();
            let _ = writeln!(
                buf,
                "{endpoint}\t{}\t{outlier}\t{}\t{ok}/{all}\t{}",
                r.status, r.weight, r.cluster
            );
        } else {
            let _ = writeln!(buf, "{endpoint}\t{}\t{outlier}\t{}", r.status, r.cluster);
        }
    }
    t
}

/// Whole cluster statuses having at least one matching host (istioctl's
/// `endpoint -o json`).
pub fn clusters_dump_values<'a>(cs: &'a ClustersStatus, filter: &EndpointFilter) -> Vec<&'a Value> {
    cs.clusters()
        .iter()
        .filter(|c| {
            let cname = str_at(c, &["name"]);
            arr_at(c, &["host_statuses"])
                .iter()
                .any(|h| host_matches(filter, h, cname))
        })
        .collect()
}

// ---------------------------------------------------------------------- EDS

/// What the EDS table reads of an `EndpointsConfigDump`: the compact
/// [`EdsTable`] (cluster names, localities, endpoint addresses and health).
pub const TABLE_VIEW: Keep = Keep::Model(ModelKind::Eds);

/// Every address of an `LbEndpoint` (primary, then additional) as istioctl
/// prints it in the EDS table.
fn lb_endpoint_addresses(ep: &Value) -> Vec<String> {
    let mut addrs = vec![path(ep, &["endpoint", "address"])];
    for a in arr_at(ep, &["endpoint", "additional_addresses"]) {
        addrs.push(field(a, "address"));
    }
    addrs
        .into_iter()
        .map(|a| match Address::of(a) {
            Address::Socket { address, port } => format!("{address}:{port}"),
            Address::Pipe(p) => p.to_string(),
            Address::Internal {
                listener,
                endpoint_id,
            } => format!("envoy://{listener}/{endpoint_id}"),
            Address::Unknown => "unknown".to_string(),
        })
        .collect()
}

fn lb_endpoint_port(ep: &Value) -> u64 {
    super::dump::u64_at(ep, &["endpoint", "address", "socket_address", "port_value"])
}

/// One `LbEndpoint` as the EDS table shows and filters it.
#[derive(Debug, Clone)]
pub struct EdsRow {
    /// Primary, then additional addresses, as printed.
    pub addresses: Vec<String>,
    /// The primary socket address's port (0 otherwise).
    pub port: u64,
    pub status: Cow<'static, str>,
}

impl EdsRow {
    fn of(ep: &Value) -> EdsRow {
        let status = enum_at(ep, &["health_status"], HEALTH);
        EdsRow {
            addresses: lb_endpoint_addresses(ep),
            port: lb_endpoint_port(ep),
            status: match HEALTH.iter().find(|h| **h == status) {
                Some(h) => Cow::Borrowed(h),
                None => Cow::Owned(status),
            },
        }
    }

    /// `--address` (against every `ip:port`), `--port`, `--cluster`, `--status`.
    fn matches(&self, filter: &EndpointFilter, cluster: &str) -> bool {
        if filter.is_empty() {
            return true;
        }
        if !filter.address.is_empty()
            && !self
                .addresses
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&filter.address))
        {
            return false;
        }
        filter.rest_matches(self.port, cluster, &self.status)
    }
}

/// A `LocalityLbEndpoints` and the endpoints of it that matched.
pub type LocalityGroup<'a> = (&'a Value, Vec<&'a Value>);

/// One ClusterLoadAssignment after filtering: (cluster name, locality
/// groups of matching endpoints, the original value).
pub struct Assignment<'a> {
    pub cluster_name: &'a str,
    pub groups: Vec<LocalityGroup<'a>>,
    pub value: &'a Value,
}

fn filter_assignment<'a>(cla: &'a Value, filter: &EndpointFilter) -> Option<Assignment<'a>> {
    let cluster_name = str_at(cla, &["cluster_name"]);
    let mut count = 0;
    let mut groups = Vec::new();
    for llb in arr_at(cla, &["endpoints"]) {
        let eps: Vec<&Value> = arr_at(llb, &["lb_endpoints"])
            .iter()
            .filter(|ep| filter.is_empty() || EdsRow::of(ep).matches(filter, cluster_name))
            .collect();
        count += eps.len();
        groups.push((llb, eps));
    }
    (count > 0).then_some(Assignment {
        cluster_name,
        groups,
        value: cla,
    })
}

/// Dynamic, then static assignments that keep at least one endpoint, sorted
/// by parsed cluster name. A dump without an Endpoints section has none.
pub fn sorted_assignments<'a>(
    dump: &'a ConfigDump,
    filter: &EndpointFilter,
) -> Vec<Assignment<'a>> {
    let Some(section) = dump.section("EndpointsConfigDump") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ["dynamic_endpoint_configs", "static_endpoint_configs"] {
        for e in arr_at(section, &[key]) {
            if let Some(cla) = field(e, "endpoint_config")
                && let Some(a) = filter_assignment(cla, filter)
            {
                out.push(a);
            }
        }
    }
    sort_by_cluster_name(out, |a| a.cluster_name)
}

fn locality(l: Option<&Value>) -> String {
    let Some(l) = l else {
        return String::new();
    };
    let mut s = str_at(l, &["region"]).to_string();
    let zone = str_at(l, &["zone"]);
    if zone.is_empty() {
        return s;
    }
    s.push('/');
    s.push_str(zone);
    let sub = str_at(l, &["sub_zone"]);
    if sub.is_empty() {
        return s;
    }
    s.push('/');
    s.push_str(sub);
    s
}

/// The EDS table's compact model of an `EndpointsConfigDump`: cluster
/// names, localities and one [`EdsRow`] per endpoint. A large dump holds
/// tens of thousands of endpoints; decoding them into rows instead of JSON
/// values keeps `proxy-config all` within a small multiple of the dump size.
/// Field names are accepted in snake_case and lowerCamel, as protojson.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct EdsTable {
    #[serde(default, alias = "dynamicEndpointConfigs", deserialize_with = "list")]
    dynamic_endpoint_configs: Vec<EdsEntry>,
    #[serde(default, alias = "staticEndpointConfigs", deserialize_with = "list")]
    static_endpoint_configs: Vec<EdsEntry>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct EdsEntry {
    #[serde(default, alias = "endpointConfig")]
    endpoint_config: Option<EdsAssignment>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct EdsAssignment {
    #[serde(default, alias = "clusterName", deserialize_with = "string")]
    cluster_name: String,
    #[serde(default, deserialize_with = "list")]
    endpoints: Vec<EdsGroup>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct EdsGroup {
    #[serde(default, deserialize_with = "locality_de")]
    locality: String,
    #[serde(default, alias = "lbEndpoints", deserialize_with = "list")]
    lb_endpoints: Vec<EdsRow>,
}

/// What [`EdsRow::of`] reads of an `LbEndpoint`.
const LB_ENDPOINT: Keep = Keep::Fields(&[
    (
        "endpoint",
        Keep::Fields(&[
            ("address", Keep::All),
            (
                "additional_addresses",
                Keep::Fields(&[("address", Keep::All)]),
            ),
        ]),
    ),
    ("health_status", Keep::All),
]);

impl<'de> serde::Deserialize<'de> for EdsRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A short-lived value per endpoint, read by the same accessors as
        // the full dump.
        Ok(EdsRow::of(&super::dump::view_value(&LB_ENDPOINT, d)?))
    }
}

fn locality_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = super::dump::view_value(&Keep::All, d)?;
    Ok(locality(if v.is_null() { None } else { Some(&v) }))
}

/// (cluster, groups of (locality, matching rows)).
type Kept<'a> = (&'a str, Vec<(&'a str, Vec<&'a EdsRow>)>);

/// The EDS table (`NAME STATUS LOCALITY CLUSTER`).
pub fn eds_summary(
    dump: &ConfigDump,
    filter: &EndpointFilter,
    opts: &SummaryOptions,
) -> Result<Table, Error> {
    let table = dump.model::<EdsTable>().transpose()?.unwrap_or_default();
    // Assignments with at least one matching row.
    let mut kept: Vec<Kept<'_>> = Vec::new();
    let entries = table
        .dynamic_endpoint_configs
        .iter()
        .chain(&table.static_endpoint_configs);
    for cla in entries.filter_map(|e| e.endpoint_config.as_ref()) {
        let name = cla.cluster_name.as_str();
        let mut count = 0;
        let groups: Vec<_> = cla
            .endpoints
            .iter()
            .map(|g| {
                let rows: Vec<&EdsRow> = g
                    .lb_endpoints
                    .iter()
                    .filter(|r| r.matches(filter, name))
                    .collect();
                count += rows.len();
                (g.locality.as_str(), rows)
            })
            .collect();
        if count > 0 {
            kept.push((name, groups));
        }
    }
    let mut t = Table::new(8, 5);
    t.line("NAME\tSTATUS\tLOCALITY\tCLUSTER");
    for (cluster, groups) in sort_by_cluster_name(kept, |k| k.0) {
        for (loc, rows) in groups {
            for r in rows {
                let buf = t.buf();
                if opts.all_mode {
                    buf.push_str("endpoint/");
                }
                let _ = writeln!(
                    buf,
                    "{}\t{}\t{loc}\t{cluster}",
                    r.addresses.join(","),
                    r.status
                );
            }
        }
    }
    Ok(t)
}
