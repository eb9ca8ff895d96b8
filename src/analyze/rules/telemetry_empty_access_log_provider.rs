//! IST0157: Telemetry access logging without providers and no mesh default.

use serde_json::Value;

use crate::json_pointer::Pointer as _;

use super::super::diag::Arg;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::Snapshot;
use super::super::util::items;

pub static RULE: Rule = Rule {
    code: "IST0157",
    name: "telemetry-empty-access-log-provider",
    analyzer: "telemetry.ProviderAnalyzer",
    summary: "A Telemetry enables access logging without providers while the mesh has no default provider",
    docs: "### What it does
When the mesh config has no `defaultProviders.accessLogging`, flags each Telemetry
`accessLogging` entry that is not disabled and names no `providers`.

### Why is this bad?
With no provider to fall back to, the entry is ignored: no access logs are written.

### Example
```yaml
kind: Telemetry
spec:
  accessLogging: [{}]
```

### How to fix
Name a provider (`providers: [{name: envoy}]`) or set `defaultProviders.accessLogging` in the
mesh config.
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    if !items(snap.mesh.at("/defaultProviders/accessLogging")).is_empty() {
        return;
    }
    for t in snap.of("telemetry.istio.io", "Telemetry") {
        for l in items(t.spec().get("accessLogging")) {
            if l.get("disabled").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            if items(l.get("providers")).is_empty() {
                sink.report(t, None, &[Arg::from(&t.name), Arg::from(&t.namespace)]);
            }
        }
    }
}
