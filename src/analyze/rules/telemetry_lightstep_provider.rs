//! IST0002: Telemetry tracing through a Lightstep extension provider.

use serde_json::Value;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::{items, str_of};

pub static RULE: Rule = Rule {
    code: "IST0002",
    name: "telemetry-lightstep-provider",
    analyzer: "telemetry.LightstepAnalyzer",
    summary: "A Telemetry traces through a Lightstep extension provider, which is deprecated",
    docs: "### What it does
Collects the mesh config's `extensionProviders` of type `lightstep` and flags each Telemetry
`tracing[].providers[]` entry naming one of them.

### Why is this bad?
The Lightstep provider is deprecated and will be removed; tracing will stop on upgrade.

### Example
Mesh config `extensionProviders: [{name: ls, lightstep: {...}}]` and a Telemetry with
`tracing: [{providers: [{name: ls}]}]`.

### How to fix
Migrate to an OpenTelemetry provider (`opentelemetry:` in `extensionProviders`).
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    let lightstep: Vec<&str> = items(snap.mesh.get("extensionProviders"))
        .iter()
        .filter(|p| p.get("lightstep").is_some_and(|v| !v.is_null()))
        .map(|p| str_of(p, "name"))
        .collect();
    if lightstep.is_empty() {
        return;
    }
    for t in snap.of("telemetry.istio.io", "Telemetry") {
        for tracing in items(t.spec().get("tracing")) {
            for p in items(tracing.get("providers")) {
                let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
                if lightstep.contains(&name) {
                    sink.report(
                        t,
                        None,
                        &[Arg::from(format!(
                            "The Lightstep provider {name} is deprecated, please migrate to OpenTelemetry provider."
                        ))],
                    );
                }
            }
        }
    }
}
