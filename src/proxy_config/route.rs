//! `proxy-config route`: the RDS summary table.

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{ConfigDump, Keep, arr_at, field, path, str_at, strings_at};
use super::names::describe_management;
use super::{Error, SummaryOptions, Table, gosort};

/// What the route table reads of a `RoutesConfigDump`: names, domains,
/// route matches, target clusters and `istio` metadata.
pub const TABLE_VIEW: Keep = {
    const ROUTE: Keep = Keep::Fields(&[
        ("match", Keep::All),
        ("route", Keep::Fields(&[("cluster", Keep::All)])),
        (
            "metadata",
            Keep::Fields(&[("filter_metadata", Keep::Fields(&[("istio", Keep::All)]))]),
        ),
    ]);
    const VHOST: Keep = Keep::Fields(&[
        ("name", Keep::All),
        ("domains", Keep::All),
        ("routes", ROUTE),
    ]);
    const ENTRY: Keep = Keep::Fields(&[(
        "route_config",
        Keep::Fields(&[("name", Keep::All), ("virtual_hosts", VHOST)]),
    )]);
    Keep::Fields(&[
        ("dynamic_route_configs", ENTRY),
        ("static_route_configs", ENTRY),
    ])
};

/// `--name`: an exact route-configuration name.
#[derive(Debug, Clone, Default)]
pub struct RouteFilter {
    pub name: String,
}

impl RouteFilter {
    pub fn matches(&self, rc: &Value) -> bool {
        self.name.is_empty() || self.name == str_at(rc, &["name"])
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

/// Dynamic route configurations, then static ones, in istioctl's order:
/// Go's unstable sort with "both names are integers and a < b".
pub fn sorted_routes(dump: &ConfigDump) -> Result<Vec<&Value>, Error> {
    let section = dump.require("RoutesConfigDump")?;
    let mut out: Vec<&Value> = Vec::new();
    for e in arr_at(section, &["dynamic_route_configs"]) {
        if let Some(rc) = field(e, "route_config") {
            out.push(rc);
        }
    }
    for e in arr_at(section, &["static_route_configs"]) {
        if let Some(rc) = field(e, "route_config") {
            out.push(rc);
        }
    }
    if out.is_empty() {
        return Err(Error::Data("no routes found".into()));
    }
    // Parse once; the comparator is called O(n log n) times.
    let mut keyed: Vec<(Option<i64>, &Value)> = out
        .into_iter()
        .map(|rc| (str_at(rc, &["name"]).parse::<i64>().ok(), rc))
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
    let routes = sorted_routes(dump)?;
    let mut t = Table::new(8, 5);
    if opts.verbose {
        t.line("NAME\tVHOST NAME\tDOMAINS\tMATCH\tVIRTUAL SERVICE");
    } else {
        t.line("NAME\tVIRTUAL HOSTS");
    }
    for rc in routes {
        if !filter.matches(rc) {
            continue;
        }
        let raw_name = str_at(rc, &["name"]);
        let name = if opts.all_mode {
            format!("route/{raw_name}")
        } else {
            raw_name.to_string()
        };
        let vhosts = arr_at(rc, &["virtual_hosts"]);
        if !opts.verbose {
            let _ = writeln!(t.buf(), "{name}\t{}", vhosts.len());
            continue;
        }
        for vh in vhosts {
            let vname = str_at(vh, &["name"]);
            let domains = describe_route_domains(&strings_at(vh, &["domains"]));
            let routes = arr_at(vh, &["routes"]);
            for r in routes {
                if is_passthrough(r) {
                    continue;
                }
                let _ = writeln!(
                    t.buf(),
                    "{name}\t{vname}\t{domains}\t{}\t{}",
                    describe_match(field(r, "match")),
                    describe_management(field(r, "metadata"))
                );
            }
            if routes.is_empty() {
                let _ = writeln!(t.buf(), "{name}\t{vname}\t{domains}\t/*\t404");
            }
        }
    }
    Ok(t)
}

/// The filtered, sorted route configurations (for `-o json|yaml`).
pub fn dump_values<'a>(
    dump: &'a ConfigDump,
    filter: &RouteFilter,
) -> Result<Vec<&'a Value>, Error> {
    Ok(sorted_routes(dump)?
        .into_iter()
        .filter(|rc| filter.matches(rc))
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
