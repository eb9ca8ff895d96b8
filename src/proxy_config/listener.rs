//! `proxy-config listener`: the LDS summary table (MATCH and DESTINATION per
//! filter chain, or one TYPE per listener with `--verbose=false`).

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{ConfigDump, arr_at, field, path, str_at, strings_at, u64_at};
use super::route::describe_match;
use super::{Error, SummaryOptions, Table, gosort};

const HCM: &str = "envoy.filters.network.http_connection_manager";
const TCP_PROXY: &str = "envoy.filters.network.tcp_proxy";
const BLACKHOLE: &str = "BlackHoleCluster";

/// `--address`, `--port`, `--type`.
#[derive(Debug, Clone, Default)]
pub struct ListenerFilter {
    pub address: String,
    pub port: u32,
    pub listener_type: String,
}

impl ListenerFilter {
    pub fn matches(&self, l: &Value) -> bool {
        if !self.address.is_empty() {
            let mut addrs = additional_addresses(l);
            addrs.push(address(l));
            if !addrs.iter().any(|a| a.eq_ignore_ascii_case(&self.address)) {
                return false;
            }
        }
        if self.port != 0 && port(l) != u64::from(self.port) {
            return false;
        }
        if !self.listener_type.is_empty()
            && !listener_type(l).eq_ignore_ascii_case(&self.listener_type)
        {
            return false;
        }
        true
    }
}

/// A listener and its state in the dump.
pub struct ListenerEntry<'a> {
    pub listener: &'a Value,
    /// `ACTIVE`, `WARMING`, `DRAINING`, `STATIC`.
    pub state: &'static str,
    /// The `error_state.details` Envoy recorded for a rejected update.
    pub error: Option<&'a str>,
}

/// Dynamic (active) listeners, then static ones, in dump order. With
/// `extra`, warming and draining states are included and rejected updates
/// are attached (istioctl ignores all three).
pub fn listeners(dump: &ConfigDump, extra: bool) -> Result<Vec<ListenerEntry<'_>>, Error> {
    let section = dump
        .require("ListenersConfigDump")
        .map_err(|e| Error::Data(format!("listener dump: {e}")))?;
    let mut out = Vec::new();
    for e in arr_at(section, &["dynamic_listeners"]) {
        let error = path(e, &["error_state", "details"]).and_then(Value::as_str);
        if let Some(l) = path(e, &["active_state", "listener"]) {
            out.push(ListenerEntry {
                listener: l,
                state: "ACTIVE",
                error: error.filter(|_| extra),
            });
        }
        if extra {
            if let Some(l) = path(e, &["warming_state", "listener"]) {
                out.push(ListenerEntry {
                    listener: l,
                    state: "WARMING",
                    error,
                });
            }
            if let Some(l) = path(e, &["draining_state", "listener"]) {
                out.push(ListenerEntry {
                    listener: l,
                    state: "DRAINING",
                    error: None,
                });
            }
        }
    }
    for e in arr_at(section, &["static_listeners"]) {
        if let Some(l) = field(e, "listener") {
            out.push(ListenerEntry {
                listener: l,
                state: "STATIC",
                error: None,
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Data("no listeners found".into()));
    }
    Ok(out)
}

/// Errors Envoy recorded for listeners whose update it rejected, by name
/// (the nameless entries Envoy adds carry only an error and are named by
/// their failed configuration, when present).
pub fn rejected(dump: &ConfigDump) -> Vec<(String, String)> {
    let Some(section) = dump.section("ListenersConfigDump") else {
        return Vec::new();
    };
    arr_at(section, &["dynamic_listeners"])
        .iter()
        .filter_map(|e| {
            let details = path(e, &["error_state", "details"])?.as_str()?;
            let mut name = str_at(e, &["name"]).to_string();
            if name.is_empty() {
                name = str_at(e, &["error_state", "failed_configuration", "name"]).to_string();
            }
            Some((name, details.to_string()))
        })
        .collect()
}

fn filter_chains(l: &Value) -> Vec<&Value> {
    let mut v: Vec<&Value> = arr_at(l, &["filter_chains"]).iter().collect();
    if let Some(d) = field(l, "default_filter_chain") {
        v.push(d);
    }
    v
}

fn typed_config_mentions(filter: &Value, needle: &str) -> bool {
    // istioctl searches the serialized protobuf bytes; every string of the
    // message (and nothing else of note) appears in them.
    fn any_str(v: &Value, needle: &str) -> bool {
        match v {
            Value::String(s) => s.contains(needle),
            Value::Array(a) => a.iter().any(|x| any_str(x, needle)),
            Value::Object(o) => o
                .iter()
                .any(|(k, x)| (k != "@type" && k.contains(needle)) || any_str(x, needle)),
            _ => false,
        }
    }
    field(filter, "typed_config").is_some_and(|tc| any_str(tc, needle))
}

/// HTTP, TCP, HTTP+TCP or UNKNOWN, from the network filters' names.
pub fn listener_type(l: &Value) -> &'static str {
    let (mut http, mut tcp) = (0, 0);
    for fc in filter_chains(l) {
        for f in arr_at(fc, &["filters"]) {
            let name = str_at(f, &["name"]);
            if name == HCM {
                http += 1;
            } else if name == TCP_PROXY && !typed_config_mentions(f, BLACKHOLE) {
                tcp += 1;
            }
        }
    }
    match (http > 0, tcp > 0) {
        (true, false) => "HTTP",
        (true, true) => "HTTP+TCP",
        (false, true) => "TCP",
        (false, false) => "UNKNOWN",
    }
}

pub fn address(l: &Value) -> String {
    if let Some(s) = path(l, &["address", "socket_address"]) {
        return str_at(s, &["address"]).to_string();
    }
    if let Some(p) = path(l, &["address", "pipe"]) {
        return str_at(p, &["path"]).to_string();
    }
    String::new()
}

fn additional_addresses(l: &Value) -> Vec<String> {
    arr_at(l, &["additional_addresses"])
        .iter()
        .map(|a| str_at(a, &["address", "socket_address", "address"]).to_string())
        .collect()
}

pub fn port(l: &Value) -> u64 {
    u64_at(l, &["address", "socket_address", "port_value"])
}

const ALPN_NAMES: &[(&str, &[&str])] = &[
    (
        "App: HTTP TLS",
        &[
            "http/1.0",
            "http/1.1",
            "h2c",
            "istio-http/1.0",
            "istio-http/1.1",
            "istio-h2",
        ],
    ),
    (
        "App: Istio HTTP Plain",
        &["istio", "istio-http/1.0", "istio-http/1.1", "istio-h2"],
    ),
    ("App: TCP TLS", &["istio-peer-exchange", "istio"]),
    ("App: HTTP", &["http/1.0", "http/1.1", "h2c"]),
];

/// The MATCH column for one filter chain.
pub fn describe_chain_match(m: Option<&Value>) -> String {
    let empty = Value::Null;
    let m = m.unwrap_or(&empty);
    let mut descrs: Vec<String> = Vec::new();
    let sni = strings_at(m, &["server_names"]);
    if !sni.is_empty() {
        descrs.push(format!("SNI: {}", sni.join(",")));
    }
    let trans = str_at(m, &["transport_protocol"]);
    if !trans.is_empty() {
        descrs.push(format!("Trans: {trans}"));
    }
    let alpn = strings_at(m, &["application_protocols"]);
    if !alpn.is_empty() {
        match ALPN_NAMES.iter().find(|(_, p)| *p == alpn.as_slice()) {
            Some((name, _)) => descrs.push((*name).to_string()),
            None => descrs.push(format!("App: {}", alpn.join(","))),
        }
    }
    let port = path(m, &["destination_port"]).map(|p| format!(":{}", super::dump::as_u64(p)));
    let ranges = arr_at(m, &["prefix_ranges"]);
    if !ranges.is_empty() {
        let pf: Vec<String> = ranges
            .iter()
            .map(|r| {
                format!(
                    "{}/{}",
                    str_at(r, &["address_prefix"]),
                    u64_at(r, &["prefix_len"])
                )
            })
            .collect();
        descrs.push(format!(
            "Addr: {}{}",
            pf.join(","),
            port.unwrap_or_default()
        ));
    } else if let Some(p) = port {
        descrs.push(format!("Addr: *{p}"));
    }
    if descrs.is_empty() {
        return "ALL".to_string();
    }
    descrs.join("; ")
}

fn cluster_or_label(cluster: &str) -> String {
    if cluster.contains("Cluster") {
        cluster.to_string()
    } else {
        format!("Cluster: {cluster}")
    }
}

/// The DESTINATION column: the first HCM or non-blackhole TCP proxy decides.
pub fn describe_destination(filters: &[Value]) -> String {
    for f in filters {
        let name = str_at(f, &["name"]);
        if name == HCM {
            let tc = field(f, "typed_config");
            if let Some(rc) = tc.and_then(|t| field(t, "route_config")) {
                return describe_route_config(rc);
            }
            let rds = tc.map_or("", |t| str_at(t, &["rds", "route_config_name"]));
            if !rds.is_empty() {
                return format!("Route: {rds}");
            }
            return "HTTP".to_string();
        } else if name == TCP_PROXY && !typed_config_mentions(f, BLACKHOLE) {
            let cluster = field(f, "typed_config").map_or("", |t| str_at(t, &["cluster"]));
            return cluster_or_label(cluster);
        }
    }
    "Non-HTTP/Non-TCP".to_string()
}

fn describe_route_config(rc: &Value) -> String {
    if let Some(c) = match_all_cluster(rc) {
        return c;
    }
    let vhosts: Vec<String> = arr_at(rc, &["virtual_hosts"])
        .iter()
        .map(|vh| {
            let domains = strings_at(vh, &["domains"]);
            let routes: Vec<String> = arr_at(vh, &["routes"])
                .iter()
                .map(|r| describe_match(field(r, "match")))
                .collect();
            let routes = routes.join(", ");
            if domains.len() == 1 && domains[0] == "*" {
                routes
            } else {
                format!("{} {routes}", domains.join("/"))
            }
        })
        .collect();
    format!("Inline Route: {}", vhosts.join("; "))
}

fn match_all_cluster(rc: &Value) -> Option<String> {
    let vhosts = arr_at(rc, &["virtual_hosts"]);
    if vhosts.len() != 1 {
        return None;
    }
    let vh = &vhosts[0];
    if strings_at(vh, &["domains"]) != ["*"] || arr_at(vh, &["domains"]).len() != 1 {
        return None;
    }
    let routes = arr_at(vh, &["routes"]);
    if routes.len() != 1 {
        return None;
    }
    let r = &routes[0];
    if path(r, &["match", "prefix"]).and_then(Value::as_str) != Some("/") {
        return None;
    }
    let cluster = path(r, &["route", "cluster"])?.as_str()?;
    Some(cluster_or_label(cluster))
}

struct ChainRow {
    matched: String,
    destination: String,
}

/// The listener table.
pub fn summary(
    dump: &ConfigDump,
    filter: &ListenerFilter,
    opts: &SummaryOptions,
) -> Result<Table, Error> {
    let mut entries: Vec<ListenerEntry<'_>> = listeners(dump, opts.wide)?
        .into_iter()
        .filter(|e| filter.matches(e.listener))
        .collect();
    gosort::sort_slice(&mut entries, |a, b| {
        let (a, b) = (a.listener, b.listener);
        let (pa, pb) = (port(a), port(b));
        if pa != pb {
            return pa < pb;
        }
        let (aa, ab) = (address(a), address(b));
        if aa != ab {
            return aa < ab;
        }
        listener_type(a) < listener_type(b)
    });
    let mut t = Table::new(8, 1);
    let mut header = String::new();
    if opts.all_mode {
        header.push_str("NAME\t");
    }
    header.push_str("ADDRESSES\tPORT");
    header.push_str(if opts.verbose {
        "\tMATCH\tDESTINATION"
    } else {
        "\tTYPE"
    });
    if opts.wide {
        header.push_str("\tSTATE");
    }
    t.line(&header);
    for e in &entries {
        let l = e.listener;
        let mut addrs = vec![address(l)];
        addrs.extend(additional_addresses(l));
        let addrs = addrs.join(",");
        let port = port(l);
        let name = str_at(l, &["name"]);
        let state = match e.error {
            Some(_) => format!("{} (update rejected)", e.state),
            None => e.state.to_string(),
        };
        if opts.verbose {
            let mut rows: Vec<ChainRow> = filter_chains(l)
                .into_iter()
                .map(|fc| ChainRow {
                    matched: describe_chain_match(field(fc, "filter_chain_match")),
                    destination: describe_destination(arr_at(fc, &["filters"])),
                })
                .collect();
            gosort::sort_slice(&mut rows, |a, b| a.destination > b.destination);
            for r in &rows {
                let row = t.buf();
                if opts.all_mode {
                    let _ = write!(row, "listener/{name}\t");
                }
                let _ = write!(row, "{addrs}\t{port}\t{}\t{}", r.matched, r.destination);
                if opts.wide {
                    let _ = write!(row, "\t{state}");
                }
                row.push('\n');
            }
        } else {
            let row = t.buf();
            if opts.all_mode {
                let _ = write!(row, "listener/{name}\t");
            }
            let _ = write!(row, "{addrs}\t{port}\t{}", listener_type(l));
            if opts.wide {
                let _ = write!(row, "\t{state}");
            }
            row.push('\n');
        }
    }
    Ok(t)
}

/// The filtered listener messages, sorted as istioctl's `-o json` (dump order).
pub fn dump_values<'a>(
    dump: &'a ConfigDump,
    filter: &ListenerFilter,
) -> Result<Vec<&'a Value>, Error> {
    Ok(listeners(dump, false)?
        .into_iter()
        .filter(|e| filter.matches(e.listener))
        .map(|e| e.listener)
        .collect())
}
