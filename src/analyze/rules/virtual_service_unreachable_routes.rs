//! IST0130 / IST0131: VirtualService routes and matches that can never be used.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{items, str_of};
use super::common::virtual_services;

pub static UNREACHABLE: Rule = Rule {
    code: "IST0130",
    name: "virtual-service-unreachable-rule",
    analyzer: "schema.ValidationAnalyzer.VirtualService",
    summary: "A VirtualService route can never match because earlier routes take all its traffic",
    docs: "### What it does
Walks the `http`, `tcp` and `tls` routes of each VirtualService in order. A route after a
route without `match` (a catch-all) is unreachable, and so is a route whose every match
repeats a match of an earlier route.

### Why is this bad?
Envoy takes the first route that matches: the later route is dead configuration, and the
traffic you meant for it goes elsewhere.

### Example
```yaml
http:
- route: [{destination: {host: a}}]          # no match: takes everything
- match: [{uri: {prefix: /b}}]
  route: [{destination: {host: b}}]          # never used
```

### How to fix
Put specific routes before the catch-all, and remove or change duplicated matches.
",
    requires: &[],
    check: check_unreachable,
};

pub static INEFFECTIVE: Rule = Rule {
    code: "IST0131",
    name: "virtual-service-ineffective-match",
    analyzer: "schema.ValidationAnalyzer.VirtualService",
    summary: "A VirtualService match repeats or is covered by a match of an earlier route",
    docs: "### What it does
Reports a match that is identical (ignoring its `name`) to a match of an earlier route, and,
for HTTP, a URI prefix match covered by an earlier, shorter prefix with the same port,
method, authority, headers, query parameters and excluded headers.

### Why is this bad?
The earlier route always wins for those requests: this match never selects its route.

### Example
```yaml
http:
- match: [{uri: {prefix: /api}}]
  route: [{destination: {host: api}}]
- match: [{uri: {prefix: /api/v2}}]        # covered by /api
  route: [{destination: {host: api-v2}}]
```

### How to fix
Order routes from the most to the least specific.
",
    requires: &[],
    check: check_ineffective,
};

#[derive(Debug, Clone)]
pub enum Finding {
    Unreachable(String, &'static str),
    Ineffective(String, String, String),
}

/// `"name"` for a named HTTP route or match, `#n` otherwise.
fn label(v: &Value, n: usize, named: bool) -> String {
    match v
        .get("name")
        .and_then(Value::as_str)
        .filter(|s| named && !s.is_empty())
    {
        Some(name) => super::super::diag::go_quote(name),
        None => format!("#{n}"),
    }
}

/// A match's routing content, for comparison (its name left out).
fn canonical(m: &Value, http: bool) -> String {
    let mut m = m.clone();
    if http && let Some(o) = m.as_object_mut() {
        o.remove("name");
    }
    sorted(&m).to_string()
}

fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(o) => {
            let m: BTreeMap<&String, Value> = o.iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(m.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// `exact:x` / `prefix:x` / empty, as Istio compares string matches.
fn exact_or_prefix(v: Option<&Value>) -> String {
    let Some(v) = v else { return String::new() };
    match (str_of(v, "exact"), str_of(v, "prefix")) {
        (e, _) if !e.is_empty() => format!("exact:{e}"),
        (_, p) if !p.is_empty() => format!("prefix:{p}"),
        _ => String::new(),
    }
}

struct PrefixMatch {
    route: String,
    matchn: String,
    prefix: String,
    port: Option<Value>,
    method: String,
    authority: String,
    maps: [HashMap<String, String>; 3],
}

fn prefix_match(route: String, matchn: String, m: &Value) -> Option<PrefixMatch> {
    let prefix = m.at("/uri/prefix").and_then(Value::as_str)?;
    if prefix.is_empty() {
        return None;
    }
    let mut method = exact_or_prefix(m.get("method"));
    if method.is_empty() {
        method = "exact:GET".into();
    }
    let map = |key: &str| -> HashMap<String, String> {
        m.get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), exact_or_prefix(Some(v))))
            .collect()
    };
    Some(PrefixMatch {
        route,
        matchn,
        prefix: prefix.to_string(),
        port: m.get("port").cloned(),
        method,
        authority: exact_or_prefix(m.get("authority")),
        maps: [map("headers"), map("queryParams"), map("withoutHeaders")],
    })
}

/// Whether `a` (earlier) takes every request `b` (later) would match.
fn covers(a: &PrefixMatch, b: &PrefixMatch) -> bool {
    let loose = |x: &str, y: &str| x == y || x.starts_with(y);
    b.prefix.starts_with(&a.prefix)
        && a.port == b.port
        && loose(&a.method, &b.method)
        && loose(&a.authority, &b.authority)
        && a.maps.iter().zip(&b.maps).all(|(ma, mb)| {
            ma.len() == mb.len()
                && ma
                    .iter()
                    .all(|(k, va)| mb.get(k).is_some_and(|vb| loose(va, vb)))
        })
}

fn analyze_routes(routes: &[Value], http: bool, out: &mut Vec<Finding>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut catch_all = false;
    let mut prefixes = Vec::new();
    for (rulen, route) in routes.iter().enumerate() {
        let name = label(route, rulen, http);
        let matches = items(route.get("match"));
        if matches.is_empty() {
            if catch_all {
                out.push(Finding::Unreachable(
                    name,
                    "only the last rule can have no matches",
                ));
            }
            catch_all = true;
            continue;
        }
        let mut duplicates = 0;
        for (matchn, m) in matches.iter().enumerate() {
            if catch_all {
                out.push(Finding::Unreachable(
                    name.clone(),
                    "route without matches defined before",
                ));
                continue;
            }
            let key = canonical(m, http);
            if let Some(&dup) = seen.get(&key) {
                out.push(Finding::Ineffective(
                    name.clone(),
                    label(m, matchn, http),
                    label(&routes[dup], dup, http),
                ));
                duplicates += 1;
                continue;
            }
            seen.insert(key, rulen);
            if http && let Some(p) = prefix_match(name.clone(), label(m, matchn, true), m) {
                prefixes.push(p);
            }
        }
        if duplicates == matches.len() {
            out.push(Finding::Unreachable(
                name,
                "all matches used by prior rules",
            ));
        }
    }
    for (i, a) in prefixes.iter().enumerate() {
        for b in &prefixes[i + 1..] {
            if b.prefix != a.prefix && covers(a, b) {
                out.push(Finding::Ineffective(
                    b.route.clone(),
                    format!("{} of prefix {}", b.matchn, b.prefix),
                    format!("{} of prefix {} on {}", a.matchn, a.prefix, a.route),
                ));
            }
        }
    }
}

pub fn findings(spec: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    analyze_routes(items(spec.get("http")), true, &mut out);
    analyze_routes(items(spec.get("tcp")), false, &mut out);
    analyze_routes(items(spec.get("tls")), false, &mut out);
    out
}

fn check_unreachable(snap: &Snapshot, sink: &mut Sink) {
    for vs in virtual_services(snap) {
        for f in &vs.virtual_service().route_findings {
            if let Finding::Unreachable(rule, reason) = f {
                sink.report(vs, None, &[Arg::from(rule), Arg::from(*reason)]);
            }
        }
    }
}

fn check_ineffective(snap: &Snapshot, sink: &mut Sink) {
    for vs in virtual_services(snap) {
        for f in &vs.virtual_service().route_findings {
            if let Finding::Ineffective(rule, m, dup) = f {
                sink.report(vs, None, &[Arg::from(rule), Arg::from(m), Arg::from(dup)]);
            }
        }
    }
}
