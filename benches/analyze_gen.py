#!/usr/bin/env python3
"""Generate a mesh config of N resources for benches/analyze_bench.sh.

Per app (7 resources): Namespace-less Deployment-free set of Service,
DestinationRule (2 subsets), VirtualService (routes to a subset, one in ten to a
missing subset), Gateway every 10th app with a VirtualService bound to it,
ServiceEntry, Sidecar, EnvoyFilter every 20th app. Namespaces cycle over 20.
"""
import sys

out, n = sys.argv[1], int(sys.argv[2])
docs = []
i = 0
while len(docs) < n:
    ns = f"team-{i % 20}"
    app = f"app-{i}"
    docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: {app}
  namespace: {ns}
spec:
  selector:
    app: {app}
  ports:
  - name: http
    port: 8080
  - name: {'grpc' if i % 7 else 'web'}
    port: 9090""")
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: {app}
  namespace: {ns}
spec:
  host: {app}
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2""")
    subset = "v3" if i % 10 == 0 else "v1"
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {app}
  namespace: {ns}
spec:
  hosts:
  - {app}
  http:
  - match:
    - uri:
        prefix: /v2
    route:
    - destination:
        host: {app}
        subset: v2
        port:
          number: 8080
  - route:
    - destination:
        host: {app}
        subset: {subset}
        port:
          number: 8080""")
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext-{app}
  namespace: {ns}
spec:
  hosts:
  - {app}.example.com
  ports:
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS""")
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw-{app}
  namespace: {ns}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "{app}.example.org\"""")
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: edge-{app}
  namespace: {ns}
spec:
  hosts:
  - "{app}.example.org"
  gateways:
  - gw-{app}
  http:
  - route:
    - destination:
        host: {app}
        port:
          number: 8080""")
    docs.append(f"""apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: {app}
  namespace: {ns}
spec:
  workloadSelector:
    labels:
      app: {app}
  egress:
  - hosts:
    - "./*"
    - "istio-system/*\"""")
    i += 1
docs = docs[:n]
with open(out, "w") as f:
    f.write("\n---\n".join(docs) + "\n")
