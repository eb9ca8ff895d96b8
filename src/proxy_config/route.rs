//! `proxy-config route`: the RDS summary table.

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{
    ConfigDump, Keep, ModelKind, arr_at, field, list, path, str_at, string, strings_at, view_value,
};
use super::names::describe_management;
use super::{Error, SummaryOptions, Table, gosort};

/// What the route table reads of a `RoutesConfigDump`: its compact
/// [`RouteTable`].
pub const TABLE_VIEW: Keep = Keep::Model(ModelKind::Routes);

/// What [`VhostRow`] reads of a virtual host: its name, domains, and the
/// match, target cluster and `istio` metadata of each route.
const VHOST_VIEW: Keep = {
    const ROUTE: Keep = Keep::Fields(&[
        ("match", Keep::All),
        ("route", Keep::Fields(&[("cluster", Keep::All)])),
        (
            "metadata",
            Keep::Fields(&[("filter_metadata", Keep::Fields(&[("istio", Keep::All)]))]),
        ),
    ]);
    Keep::Fields(&[
        ("name", Keep::All),
        ("domains", Keep::All),
        ("routes", ROUTE),
    ])
};

/// The route table's compact model of a `RoutesConfigDump`: per route
/// configuration its name and the table cells of each virtual host,
/// instead of JSON values (a large mesh has thousands of virtual hosts).
/// Field names are accepted in snake_case and lowerCamel, as protojson.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RouteTable {
    #[serde(default, alias = "dynamicRouteConfigs", deserialize_with = "list")]
    dynamic_route_configs: Vec<RouteEntry>,
    #[serde(default, alias = "staticRouteConfigs", deserialize_with = "list")]
    static_route_configs: Vec<RouteEntry>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct RouteEntry {
    #[serde(default, alias = "routeConfig")]
    route_config: Option<RouteConfigRow>,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct RouteConfigRow {
    #[serde(default, deserialize_with = "string")]
    name: String,
    #[serde(default, alias = "virtualHosts", deserialize_with = "list")]
    virtual_hosts: Vec<VhostRow>,
}

/// One virtual host as the verbose table shows it.
#[derive(Debug, Clone)]
struct VhostRow {
    name: String,
    /// The DOMAINS column.
    domains: String,
    /// MATCH and VIRTUAL SERVICE of each route but the passthrough ones.
    routes: Vec<(String, String)>,
    /// No routes at all (shown as one `/* 404` row).
    no_routes: bool,
}

impl<'de> serde::Deserialize<'de> for VhostRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A short-lived value per virtual host, read by the same accessors
        // as the full dump.
        let vh = view_value(&VHOST_VIEW, d)?;
        let routes = arr_at(&vh, &["routes"]);
        Ok(VhostRow {
            name: str_at(&vh, &["name"]).to_string(),
            domains: describe_route_domains(&strings_at(&vh, &["domains"])),
            routes: routes
                .iter()
                .filter(|r| !is_passthrough(r))
                .map(|r| {
                    (
                        describe_match(field(r, "match")),
                        describe_management(field(r, "metadata")),
                    )
                })
                .collect(),
            no_routes: routes.is_empty(),
        })
    }
}

/// `--name`: an exact route-configuration name.
#[derive(Debug, Clone, Default)]
pub struct RouteFilter {
    pub name: String,
}

impl RouteFilter {
    pub fn matches(&self, name: &str) -> bool {
        self.name.is_empty() || self.name == name
    }
}

/// A route match as istioctl describes it: `prefix*`, `PathPrefix:p`, the
/// exact path, `regex re` (headers and query parameters are ignored).
pub fn describe_match(m: Option<&Value>) -> String {
    let Some(m) = m else {
        return String::new();
    };
    let mut conds: Vec<String> = Vec::new();
    let prefix = str_at(m, &["prefix"]);
    if !prefix.is_empty() {
        conds.push(format!("{prefix}*"));
    }
    let psp = str_at(m, &["path_separated_prefix"]);
    if !psp.is_empty() {
        conds.push(format!("PathPrefix:{psp}"));
    }
    let p = str_at(m, &["path"]);
    if !p.is_empty() {
        conds.push(p.to_string());
    }
    if let Some(re) = field(m, "safe_regex") {
        conds.push(format!("regex {}", str_at(re, &["regex"])));
    }
    conds.join(" ")
}

/// The DOMAINS column: drop `host:port` forms and names that are the short
/// form of another, then show at most two.
pub fn describe_route_domains(domains: &[&str]) -> String {
    match domains.len() {
        0 => return String::new(),
        1 => return domains[0].to_string(),
        _ => {}
    }
    let without_port: Vec<&str> = domains
        .iter()
        .copied()
        .filter(|d| !d.contains(':') || (d.matches(':').count() > 2 && d.ends_with(']')))
        .collect();
    let kept = unexpand_domains(&without_port);
    if kept.len() > 2 {
        return format!("{} + {} more...", kept[..2].join(", "), kept.len() - 2);
    }
    kept.join(", ")
}

fn unexpand_domains<'a>(domains: &[&'a str]) -> Vec<&'a str> {
    let unique: std::collections::HashSet<&str> = domains.iter().copied().collect();
    let delete: std::collections::HashSet<&str> = domains
        .iter()
        .copied()
        .filter(|h| {
            let full = h.strip_suffix(".svc.cluster.local").unwrap_or(h);
            let partial = h.strip_suffix(".svc").unwrap_or(h);
            (full != *h && unique.contains(full)) || (partial != *h && unique.contains(partial))
        })
        .collect();
    domains
        .iter()
        .copied()
        .filter(|h| !delete.contains(h))
        .collect()
}

fn is_passthrough(route: &Value) -> bool {
    path(route, &["route", "cluster"]).and_then(Value::as_str) == Some("PassthroughCluster")
}

/// Route configurations in istioctl's order: Go's unstable sort with
/// "both names are integers and a < b". Fails as istioctl on none.
fn sort_route_configs<'a, T>(items: Vec<T>, name: impl Fn(&T) -> &'a str) -> Result<Vec<T>, Error> {
    if items.is_empty() {
        return Err(Error::Data("no routes found".into()));
    }
    // Parse once; the comparator is called O(n log n) times.
    let mut keyed: Vec<(Option<i64>, T)> = items
        .into_iter()
        .map(|rc| (name(&rc).parse::<i64>().ok(), rc))
        .collect();
    gosort::sort_slice(&mut keyed, |a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x < y,
        _ => false,
    });
    Ok(keyed.into_iter().map(|(_, rc)| rc).collect())
}

/// The route table.
pub fn summary(
    dump: &ConfigDump,
    filter: &RouteFilter,
    opts: &SummaryOptions,
) -> Result<Table, Error> {
    let table = dump.require_model::<RouteTable>()?;
    let configs = table
        .dynamic_route_configs
        .iter()
        .chain(&table.static_route_configs)
        .filter_map(|e| e.route_config.as_ref())
        .collect();
    let configs = sort_route_configs(configs, |rc| rc.name.as_str())?;
    let mut t = Table::new(8, 5);
    if opts.verbose {
        t.line("NAME\tVHOST NAME\tDOMAINS\tMATCH\tVIRTUAL SERVICE");
    } else {
        t.line("NAME\tVIRTUAL HOSTS");
    }
    for rc in configs {
        if !filter.matches(&rc.name) {
            continue;
        }
        let raw_name = &rc.name;
        let name = if opts.all_mode {
            format!("route/{raw_name}")
        } else {
            raw_name.clone()
        };
        let vhosts = &rc.virtual_hosts;
        if !opts.verbose {
            let _ = writeln!(t.buf(), "{name}\t{}", vhosts.len());
            continue;
        }
        for vh in vhosts {
            let (vname, domains) = (&vh.name, &vh.domains);
            for (m, vs) in &vh.routes {
                let _ = writeln!(t.buf(), "{name}\t{vname}\t{domains}\t{m}\t{vs}");
            }
            if vh.no_routes {
                let _ = writeln!(t.buf(), "{name}\t{vname}\t{domains}\t/*\t404");
            }
        }
    }
    Ok(t)
}

/// The filtered, sorted route configurations (for `-o json|yaml`):
/// dynamic, then static, in the table's order.
pub fn dump_values<'a>(
    dump: &'a ConfigDump,
    filter: &RouteFilter,
) -> Result<Vec<&'a Value>, Error> {
    let section = dump.require("RoutesConfigDump")?;
    let configs: Vec<&Value> = ["dynamic_route_configs", "static_route_configs"]
        .into_iter()
        .flat_map(|key| arr_at(section, &[key]))
        .filter_map(|e| field(e, "route_config"))
        .collect();
    Ok(sort_route_configs(configs, |rc| str_at(rc, &["name"]))?
        .into_iter()
        .filter(|rc| filter.matches(str_at(rc, &["name"])))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_like_istioctl() {
        let d = [
            "example.com",
            "example.com:8080",
            "www.example.com",
            "www.example.com:8080",
            "[fd00:10:96::7fc7]",
            "[fd00:10:96::7fc7]:8080",
        ];
        assert_eq!(
            describe_route_domains(&d),
            "example.com, www.example.com + 1 more..."
        );
        let d = [
            "reviews.default.svc.cluster.local",
            "reviews.default.svc.cluster.local:9080",
            "reviews",
            "reviews:9080",
            "reviews.default.svc",
            "reviews.default.svc:9080",
            "reviews.default",
            "reviews.default:9080",
            "10.96.1.1",
            "10.96.1.1:9080",
        ];
        assert_eq!(
            describe_route_domains(&d),
            "reviews, reviews.default + 1 more..."
        );
        assert_eq!(describe_route_domains(&["*"]), "*");
        assert_eq!(describe_route_domains(&[]), "");
    }
}
