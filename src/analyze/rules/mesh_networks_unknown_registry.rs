//! IST0126: a MeshNetworks endpoint names a service registry that does not exist.

use serde_json::{Value, json};

use crate::manifest::{Source, read_str};

use super::super::diag::Arg;
use super::super::mesh::parse_mesh_networks;
use super::super::rule::{Rule, Sink};
use super::super::snapshot::{Resource, Snapshot};
use super::super::util::{items, str_of};

/// The registries istiod always has.
const BUILT_IN: &[&str] = &["Mock", "Kubernetes", "External"];

pub static RULE: Rule = Rule {
    code: "IST0126",
    name: "mesh-networks-unknown-registry",
    analyzer: "meshnetworks.MeshNetworksAnalyzer",
    summary: "A mesh network's endpoints come from a service registry istiod does not know",
    docs: "### What it does
Checks every `networks.<name>.endpoints[].fromRegistry` of the mesh networks configuration
(the `meshNetworks` key of the `istio` ConfigMap in the Istio namespace, from the cluster or
from the input files; networks Istio rejects are ignored, as istioctl ignores them). The
registry must be one of istiod's own (`Kubernetes`, `External`, `Mock`; names are
case-sensitive) or a remote cluster, i.e. a key of a Secret labelled `istio/multiCluster=true`.

### Why is this bad?
Endpoints of an unknown registry are never assigned to the network: cross-network traffic
for them is not routed through the network's gateway.

### Example
```yaml
networks:
  network1:
    endpoints:
    - fromRegistry: kubernetes     # the registry is `Kubernetes`
```

### How to fix
Use the exact registry or cluster name (the cluster ID of the remote secret).
",
    requires: &[],
    check,
};

fn check(snap: &Snapshot, sink: &mut Sink) {
    let from_config_map = || {
        snap.get("", "ConfigMap", &snap.istio_namespace, "istio")
            .and_then(|cm| cm.at("/data/meshNetworks"))
            .and_then(Value::as_str)
            .and_then(|text| read_str(text, Source::Stdin).ok())
            .and_then(|docs| docs.into_iter().find_map(|d| d.value))
    };
    let mesh_networks = if snap.mesh_networks.is_null() {
        from_config_map()
            .and_then(|v| parse_mesh_networks(&v).ok())
            .unwrap_or_default()
    } else {
        snap.mesh_networks.clone()
    };
    let Some(networks) = mesh_networks.get("networks").and_then(Value::as_object) else {
        return;
    };
    let mut known: Vec<String> = BUILT_IN.iter().map(|s| (*s).to_string()).collect();
    for s in snap.of_kind("Secret") {
        if s.label("istio/multiCluster") == Some("true")
            && let Some(data) = s.value.get("data").and_then(Value::as_object)
        {
            known.extend(data.keys().cloned());
        }
    }
    let ns = &snap.istio_namespace;
    let Some(res) = Resource::from_live(json!({
        "apiVersion": "install.istio.io/v1alpha1", "kind": "MeshNetworks",
        "metadata": {"name": "meshnetworks", "namespace": ns},
        "spec": mesh_networks,
    })) else {
        return;
    };
    for (name, network) in networks {
        for e in items(network.get("endpoints")) {
            let reg = str_of(e, "fromRegistry");
            if e.get("fromRegistry").is_some() && !known.iter().any(|k| k == reg) {
                sink.report(&res, None, &[Arg::from(reg), Arg::from(name)]);
            }
        }
    }
}
