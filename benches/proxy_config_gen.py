#!/usr/bin/env python3
"""Generate a large sidecar-like xDS folder for the proxy-config benchmark.

usage: proxy_config_gen.py OUT_DIR [CLUSTERS=5000] [ENDPOINTS_PER_CLUSTER=4]

Copies testenv/envoy/xds (the test ground's file-based xDS sidecar) into
OUT_DIR, then appends CLUSTERS Istio-named clusters (each with inline
endpoints, some with DestinationRule metadata and a v1 subset) to cds.yaml and
one virtual host per service to the "9080" route configuration. Run the
result with `testenv/envoy-run start OUT_DIR WORKDIR`.
"""
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "testenv", "envoy", "xds")
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
per = int(sys.argv[3]) if len(sys.argv) > 3 else 4
os.makedirs(out, exist_ok=True)
for f in os.listdir(src):
    if f.endswith(".yaml"):
        shutil.copy(os.path.join(src, f), out)

def ip(i, j):
    k = i * per + j
    return "10.%d.%d.%d" % (k // 65536 % 256, k // 256 % 256, k % 256)

with open(os.path.join(out, "cds.yaml"), "a") as f:
    for i in range(n):
        ns = "ns-%d" % (i % 50)
        host = "svc-%d.%s.svc.cluster.local" % (i, ns)
        subset = "v1" if i % 5 == 0 else ""
        name = "outbound|%d|%s|%s" % (8000 + i % 100, subset, host)
        f.write('- "@type": type.googleapis.com/envoy.config.cluster.v3.Cluster\n')
        f.write("  name: %s\n" % name)
        f.write("  type: STATIC\n  connect_timeout: 10s\n")
        if i % 3 == 0:
            f.write("  metadata: {filter_metadata: {istio: {config: /apis/networking.istio.io/v1/namespaces/%s/destination-rule/svc-%d}}}\n" % (ns, i))
        f.write("  load_assignment:\n    cluster_name: %s\n    endpoints:\n    - locality: {region: us-east1, zone: us-east1-b}\n      lb_endpoints:\n" % name)
        for j in range(per):
            f.write("      - endpoint: {address: {socket_address: {address: %s, port_value: %d}}}\n" % (ip(i, j), 8000 + i % 100))
            f.write("        health_status: HEALTHY\n" if j % 4 else "        health_status: UNHEALTHY\n")

# Extra virtual hosts in the "9080" route configuration: insert them before
# the existing ones (the file has a single resource).
path = os.path.join(out, "rds-9080.yaml")
text = open(path).read()
marker = "  virtual_hosts:\n"
vh = []
for i in range(n):
    host = "svc-%d.ns-%d.svc.cluster.local" % (i, i % 50)
    vh.append("  - name: %s:9080\n    domains: [%s, svc-%d, svc-%d.ns-%d.svc, svc-%d.ns-%d]\n    routes:\n"
              "    - name: default\n      match: {prefix: /}\n      route: {cluster: 'outbound|%d||%s', timeout: 0s}\n"
              % (host, host, i, i, i % 50, i, i % 50, 8000 + i % 100, host))
text = text.replace(marker, marker + "".join(vh), 1)
open(path, "w").write(text)
