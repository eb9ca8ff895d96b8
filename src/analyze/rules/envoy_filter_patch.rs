//! IST0151–IST0155: EnvoyFilter patch operations that Envoy ignores or that
//! apply unpredictably.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::rule::{Rule, Sink};
use super::super::snapshot::{ISTIO_NETWORKING, Resource, Snapshot};
use super::super::util::{items, str_of};

macro_rules! envoy_rule {
    ($id:ident, $code:literal, $name:literal, $summary:literal, $docs:expr) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            analyzer: "envoyfilter.EnvoyPatchAnalyzer",
            summary: $summary,
            docs: $docs,
            requires: &[],
            check: |snap, sink| emit(snap, sink, $code),
        };
    };
}

envoy_rule!(
    RELATIVE,
    "IST0151",
    "envoy-filter-relative-operation",
    "An EnvoyFilter without priority uses a relative patch operation",
    "### What it does
Flags config patches using `INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE` or `REMOVE` in an
EnvoyFilter whose `priority` is unset (0).

### Why is this bad?
Relative operations depend on the filters already present, which depends on the order
EnvoyFilters are applied; without a priority that order is by creation time and can change.

### Example
```yaml
kind: EnvoyFilter
spec:
  configPatches:
  - applyTo: HTTP_FILTER
    patch: {operation: INSERT_BEFORE, value: {name: my-filter}}
```

### How to fix
Set `priority`, or use `INSERT_FIRST` / `ADD`.
"
);

envoy_rule!(
    REPLACE,
    "IST0152",
    "envoy-filter-replace-misuse",
    "An EnvoyFilter uses REPLACE where Envoy does not support it",
    "### What it does
Flags `REPLACE` patches whose `applyTo` is not `HTTP_FILTER`, `NETWORK_FILTER` or
`VIRTUAL_HOST`.

### Why is this bad?
The patch is not applied; the configuration you expect never reaches the proxy.

### Example
```yaml
configPatches:
- applyTo: CLUSTER
  patch: {operation: REPLACE, value: {}}
```

### How to fix
Use `MERGE` for other objects, or target a filter.
"
);

envoy_rule!(
    ADD,
    "IST0153",
    "envoy-filter-add-misuse",
    "An EnvoyFilter ADDs to ROUTE_CONFIGURATION or HTTP_ROUTE",
    "### What it does
Flags `ADD` patches with `applyTo: ROUTE_CONFIGURATION` or `HTTP_ROUTE`.

### Why is this bad?
Envoy ignores the operation for those objects: nothing is added.

### Example
```yaml
configPatches:
- applyTo: HTTP_ROUTE
  patch: {operation: ADD, value: {}}
```

### How to fix
Use `MERGE`, or `INSERT_*` on `HTTP_ROUTE` within a virtual host.
"
);

envoy_rule!(
    REMOVE,
    "IST0154",
    "envoy-filter-remove-misuse",
    "An EnvoyFilter REMOVEs a ROUTE_CONFIGURATION or HTTP_ROUTE",
    "### What it does
Flags `REMOVE` patches with `applyTo: ROUTE_CONFIGURATION` or `HTTP_ROUTE`.

### Why is this bad?
Envoy ignores the operation for those objects: nothing is removed.

### Example
```yaml
configPatches:
- applyTo: ROUTE_CONFIGURATION
  patch: {operation: REMOVE}
```

### How to fix
Remove the route with a VirtualService change instead, or patch the virtual host.
"
);

envoy_rule!(
    RELATIVE_PROXY_VERSION,
    "IST0155",
    "envoy-filter-relative-operation-proxy-version",
    "A relative EnvoyFilter patch without priority targets a filter another EnvoyFilter pins by proxyVersion",
    "### What it does
Like IST0151, when an earlier EnvoyFilter patching the same filter name set
`match.proxy.proxyVersion`.

### Why is this bad?
During an upgrade, proxies of the old and new versions get different filter chains and the
relative operation can land in the wrong place or not at all.

### Example
Two EnvoyFilters patching `envoy.filters.http.lua`, the first with
`match: {proxy: {proxyVersion: '^1\\\\.2.*'}}`, the second with `INSERT_BEFORE` and no priority.

### How to fix
Set `priority`, or use `INSERT_FIRST` / `ADD`.
"
);

fn instance_name(patch: &Value) -> String {
    let Some(value) = patch.at("/patch/value").and_then(Value::as_object) else {
        return String::new();
    };
    match value.get("name") {
        Some(n) => format!("value:{n}"),
        None => patch
            .at("/match/listener/filterChain/filter/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    }
}

/// `(code, patch index)` findings of one EnvoyFilter; updates `pinned` with
/// the filter names patched under a `proxyVersion` match.
fn analyze_filter(ef: &Resource, pinned: &mut Vec<String>) -> Vec<(&'static str, usize)> {
    let mut out = Vec::new();
    let priority = ef
        .spec()
        .get("priority")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    for (index, patch) in items(ef.spec().get("configPatches")).iter().enumerate() {
        let Some(p) = patch.get("patch").filter(|p| !p.is_null()) else {
            break;
        };
        let name = instance_name(patch);
        let apply_to = str_of(patch, "applyTo");
        let route = matches!(apply_to, "ROUTE_CONFIGURATION" | "HTTP_ROUTE");
        let relative = |out: &mut Vec<(&'static str, usize)>| {
            if priority == 0 {
                let code = if pinned.contains(&name) {
                    "IST0155"
                } else {
                    "IST0151"
                };
                out.push((code, index));
            }
        };
        match str_of(p, "operation") {
            "ADD" if route => out.push(("IST0153", index)),
            "REMOVE" if route => out.push(("IST0154", index)),
            "REPLACE" if !matches!(apply_to, "NETWORK_FILTER" | "HTTP_FILTER" | "VIRTUAL_HOST") => {
                out.push(("IST0152", index));
            }
            "REMOVE" | "REPLACE" | "INSERT_BEFORE" | "INSERT_AFTER" => relative(&mut out),
            _ => {}
        }
        if patch
            .at("/match/proxy/proxyVersion")
            .and_then(Value::as_str)
            .is_some_and(|v| !v.is_empty())
        {
            pinned.push(name);
        }
    }
    out
}

fn emit(snap: &Snapshot, sink: &mut Sink, code: &str) {
    let mut pinned = Vec::new();
    for ef in snap.of(ISTIO_NETWORKING, "EnvoyFilter") {
        for (c, index) in analyze_filter(ef, &mut pinned) {
            if c == code {
                let path = format!(".spec.configPatches[{index}].patch.value");
                sink.report(ef, Some(&path), &[]);
            }
        }
    }
}
