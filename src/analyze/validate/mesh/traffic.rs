//! The mesh config's load balancing and traffic policy checks
//! (`ValidateLocalityLbSetting`, `ValidateZoneAwareLbSetting`,
//! `validateLocalities`, `validateMeshConfigDefaultTrafficPolicy`).

use serde_json::Value;

use super::super::checks;
use super::super::destination_rule::HTTP_POOL_COUNTS;
use super::super::{field, list, map, strs, text, wrapped};
use super::{GoError, MS, check_duration, duration, int};

const REGION: &str = "topology.kubernetes.io/region";
const ZONE: &str = "topology.kubernetes.io/zone";
const SUBZONE: &str = "topology.istio.io/subzone";

/// `ValidateLocalityLbSetting` (the mesh passes an outlier detection, so the
/// failover warning never applies).
pub fn locality_lb(lb: &Value) -> GoError {
    let mut errs = GoError::default();
    let distribute = list(lb, "distribute");
    let failover = list(lb, "failover");
    let priority = strs(lb, "failoverPriority");
    if !distribute.is_empty() && !failover.is_empty() {
        return GoError::plain("can not simultaneously specify 'distribute' and 'failover'");
    }
    if !failover.is_empty()
        && let Some(p) = priority
            .iter()
            .find(|p| [REGION, ZONE, SUBZONE].contains(p))
    {
        return GoError::plain(format!(
            "can not simultaneously set 'failover' and topology label '{p}' in 'failover_priority'"
        ));
    }
    let mut sources = Vec::new();
    for d in distribute {
        sources.push(text(d, "from"));
        let mut total: i64 = 0;
        let mut dests = Vec::new();
        for (loc, w) in map(d, "to").into_iter().flatten() {
            dests.push(loc.as_str());
            let w = super::super::number(w);
            if w <= 0 || w > 100 {
                errs.join(GoError::plain("locality weight must be in range [1, 100]"));
                return errs;
            }
            total += w;
        }
        if total != 100 {
            errs.join(GoError::plain(format!(
                "total locality weight {total} != 100"
            )));
            return errs;
        }
        errs.join(localities(&dests).into());
    }
    errs.join(localities(&sources).into());
    for fo in failover {
        let (from, to) = (text(fo, "from"), text(fo, "to"));
        if from == to {
            errs.join(GoError::plain(
                "locality lb failover settings must specify different regions",
            ));
        }
        if from.contains('/') || to.contains('/') {
            errs.join(GoError::plain("locality lb failover only specify region"));
        }
        if from.contains('*') || to.contains('*') {
            errs.join(GoError::plain(
                "locality lb failover region should not contain '*' wildcard",
            ));
        }
    }
    errs
}

/// `ValidateZoneAwareLbSetting`.
pub fn zone_aware_lb(lb: &Value) -> GoError {
    let mut errs = GoError::default();
    for p in strs(lb, "failoverPriority") {
        if [REGION, ZONE, SUBZONE].contains(&p) {
            errs.join(GoError::plain(format!(
                "'failover_priority' for zone aware lb must not use topology label '{p}'; \
                 region- and zone-level routing are handled automatically"
            )));
        }
    }
    for fo in list(lb, "failover") {
        let (from, to) = (text(fo, "from"), text(fo, "to"));
        if from == to {
            errs.join(GoError::plain(
                "zone aware lb failover settings must specify different regions",
            ));
        }
        if from.contains('/') || to.contains('/') {
            errs.join(GoError::plain(
                "zone aware lb failover only specifies region; zone and subzone failover are handled automatically",
            ));
        }
        if from.contains('*') || to.contains('*') {
            errs.join(GoError::plain(
                "zone aware lb failover region should not contain '*' wildcard",
            ));
        }
    }
    errs
}

/// Istio's `validateLocalities`: `region[/zone[/subzone]]`, a trailing `*`
/// at most, no locality covering another.
pub fn localities(locs: &[&str]) -> Result<(), String> {
    use std::collections::{HashMap, HashSet};
    let overlap = |l: &str| Err(format!("locality {l} overlap with previous specified ones"));
    // region → zone → subzones, "*" standing for all.
    let mut seen: HashMap<&str, HashMap<&str, HashSet<&str>>> = HashMap::new();
    for &loc in locs {
        let stars = loc.matches('*').count();
        if stars > 1 || (stars == 1 && !loc.ends_with('*')) {
            return Err(format!(
                "locality {loc} wildcard '*' number can not exceed 1 and must be in the end"
            ));
        }
        if seen.contains_key("*") {
            return overlap(loc);
        }
        let items: Vec<&str> = loc.splitn(3, '/').collect();
        if items.iter().any(|i| i.is_empty()) {
            return Err(format!(
                "locality {loc} must not contain empty region/zone/subzone info"
            ));
        }
        match items[..] {
            [region] => {
                if seen.contains_key(region) {
                    return overlap(loc);
                }
                seen.insert(region, HashMap::from([("*", HashSet::from(["*"]))]));
            }
            [region, zone] => match seen.get_mut(region) {
                Some(zones) => {
                    if zones.contains_key("*") || zones.contains_key(zone) {
                        return overlap(loc);
                    }
                    zones.insert(zone, HashSet::from(["*"]));
                }
                None => {
                    seen.insert(region, HashMap::from([(zone, HashSet::from(["*"]))]));
                }
            },
            [region, zone, sub] => match seen.get_mut(region) {
                Some(zones) => {
                    if zones.contains_key("*") {
                        return overlap(loc);
                    }
                    match zones.get_mut(zone) {
                        Some(subs) => {
                            if subs.contains("*") || subs.contains(sub) {
                                return overlap(loc);
                            }
                            subs.insert(sub);
                        }
                        None => {
                            zones.insert(zone, HashSet::from([sub]));
                        }
                    }
                }
                None => {
                    seen.insert(region, HashMap::from([(zone, HashSet::from([sub]))]));
                }
            },
            _ => {}
        }
    }
    Ok(())
}

/// An enum field's value: its name, or its number written out.
fn enum_is(v: &Value, name: &str, value: &str, number: i64) -> bool {
    match field(v, name) {
        Some(Value::String(s)) => s == value,
        Some(Value::Number(n)) => n.as_i64() == Some(number),
        _ => number == 0,
    }
}

/// `validateMeshConfigDefaultTrafficPolicy`: the connection pool and outlier
/// detection checks of a DestinationRule, in Istio's mesh-level order.
pub fn default_traffic_policy(dtp: &Value) -> GoError {
    let mut errs = GoError::default();
    let mut add = |e: GoError| errs.join(e);
    let dur_check = |v: &Value, name: &str| -> GoError {
        duration(v, name).map_or_else(GoError::default, |d| check_duration(d).into())
    };
    if let Some(cp) = field(dtp, "connectionPool") {
        let http = field(cp, "http");
        let tcp = field(cp, "tcp");
        if http.is_none() && tcp.is_none() {
            add(GoError::plain(
                "connection pool must have at least one field",
            ));
        }
        if let Some(h) = http {
            let concurrent = (
                "maxConcurrentStreams",
                "max concurrent streams must be non-negative",
            );
            for (key, msg) in HTTP_POOL_COUNTS.iter().chain([&concurrent]) {
                if int(h, key) < 0 {
                    add(GoError::plain(*msg));
                }
            }
            add(dur_check(h, "idleTimeout"));
            if enum_is(h, "h2UpgradePolicy", "UPGRADE", 2)
                && super::super::flag(h, "useClientProtocol")
            {
                add(GoError::plain(
                    "use client protocol must not be true when H2UpgradePolicy is UPGRADE",
                ));
            }
        }
        if let Some(t) = tcp {
            if int(t, "maxConnections") < 0 {
                add(GoError::plain("max connections must be non-negative"));
            }
            add(dur_check(t, "connectTimeout"));
            add(dur_check(t, "maxConnectionDuration"));
            if duration(t, "idleTimeout").is_some_and(|d| d / MS != 0) {
                add(dur_check(t, "idleTimeout"));
            }
            if let Some(ka) = field(t, "tcpKeepalive") {
                add(dur_check(ka, "time"));
                add(dur_check(ka, "interval"));
            }
        }
    }
    if let Some(od) = field(dtp, "outlierDetection") {
        add(dur_check(od, "baseEjectionTime"));
        add(dur_check(od, "interval"));
        if !super::super::flag(od, "splitExternalLocalOriginErrors")
            && wrapped(od, "consecutiveLocalOriginFailures").is_some_and(|n| n > 0.0)
        {
            add(GoError::plain(
                "outlier detection consecutive local origin failures is specified, \
                 but split external local origin errors is set to false",
            ));
        }
        add(checks::percent(int(od, "maxEjectionPercent")).into());
        add(checks::percent(int(od, "minHealthPercent")).into());
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locality_overlaps() {
        assert!(localities(&["a", "b/c", "b/d/e"]).is_ok());
        assert_eq!(
            localities(&["a", "a/b"]).unwrap_err(),
            "locality a/b overlap with previous specified ones"
        );
        assert_eq!(
            localities(&["a/*/c"]).unwrap_err(),
            "locality a/*/c wildcard '*' number can not exceed 1 and must be in the end"
        );
        assert_eq!(
            localities(&["a//c"]).unwrap_err(),
            "locality a//c must not contain empty region/zone/subzone info"
        );
    }
}
