#!/usr/bin/env bash
# Live benchmark: `mast analyze -A` vs `istioctl analyze -A` against a cluster
# holding PODS pods (default 5000) on the kwok node, spread over 10 namespaces
# (half labelled for injection, one pod in three with an istio-proxy
# container), one Service per 10 pods, and per namespace some Istio config
# (a DestinationRule and VirtualService per Service, a Gateway, Secrets).
#
#   benches/analyze_live_bench.sh [PODS=5000] [RUNS=3]
#
# Runs on its OWN ground (MAST_TESTENV_RUN_DIR=/tmp/ground-an-bench, ports
# 24790/17443/21257/21259/21250; override with the usual MAST_*_PORT
# variables), never on the shared default one, and stops it on exit. Needs
# testenv/build done, $MAST_ISTIOCTL (eval "$(testenv/up)" sets it) and kubectl.
# Reports the best wall time and CPU time of RUNS runs of each tool, peak RSS
# and the ratio, and the message counts per code of both tools. MAST_BIN=path
# uses that mast binary instead of building one; KEEP_GROUND=1 leaves the
# ground up (a second run then reuses its pods; stop it with the same
# MAST_TESTENV_RUN_DIR/MAST_ETCD_PORT environment and testenv/down).
#
# Measured 2026-11-26 (5000 pods, 2 shared cores at load 6-7 from other
# engineers' builds, best of 3): istioctl 2.38 s wall / 1.23 s CPU / 156 MB;
# mast 1.23 s wall / 0.49 s CPU / 115 MB (1.9x wall, 2.5x CPU, 0.74x
# istioctl's memory); same message counts (IST0101=60 IST0102=6 IST0103=1666
# IST0118=72). Goal (under 2 s): met. Alternating runs at the same load:
# mast 1.95-3.5 s wall / 0.57-0.77 s CPU / 112 MB, istioctl 2.0-3.2 s /
# 1.1-1.6 s / 146-155 MB; the API server's own CPU per run is 0.5-1.9 s for
# both tools (its garbage collection), which is most of the wall time left.
# Re-run at load 3 (commit after 10119f5, best of 3): istioctl 1.37 s wall /
# 0.99 s CPU / 151 MB; mast 0.92 s / 0.52 s / 112 MB (1.5x wall, 1.9x CPU).
# Before (whole pages buffered, resourceVersion=0 lists answered in one
# response, generic pointer lookups in the gateway rules): mast 2.52-2.93 s
# wall / 1.03-2.0 s CPU / 205-220 MB.
# Re-run 2026-11-27 08:58 UTC at 726cf71 (worker pool; each process timed
# alone by benches/timeit.py), load ~1.2, best of 3: istioctl 0.51 s wall /
# 0.51 s CPU / 156 MB; mast 0.23 s / 0.20 s / 139 MB (2.2x wall, 2.5x CPU);
# same message counts.
# Creating the 5,000 pods takes 6-9 minutes on this machine (kubectl create,
# 16 in parallel); keep the ground (KEEP_GROUND=1) when iterating.
set -euo pipefail
cd "$(dirname "$0")/.."
PODS=${1:-5000}; RUNS=${2:-3}
: "${MAST_ISTIOCTL:?eval \"\$(testenv/up)\" first (MAST_ISTIOCTL unset)}"
ISTIOCTL=$MAST_ISTIOCTL
export MAST_TESTENV_RUN_DIR=${MAST_TESTENV_RUN_DIR:-/tmp/ground-an-bench}
export MAST_ETCD_PORT=${MAST_ETCD_PORT:-24790} MAST_APISERVER_PORT=${MAST_APISERVER_PORT:-17443}
export MAST_KCM_PORT=${MAST_KCM_PORT:-21257} MAST_SCHEDULER_PORT=${MAST_SCHEDULER_PORT:-21259}
export MAST_KWOK_PORT=${MAST_KWOK_PORT:-21250}
work=$(mktemp -d /tmp/mast-analyze-live-bench.XXXXXX)
cleanup() { [ -n "${KEEP_GROUND:-}" ] || testenv/down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${MAST_BIN:-}" ]; then MAST=$MAST_BIN; else
  cargo build --release --quiet --bin mast
  MAST=${CARGO_TARGET_DIR:-target}/release/mast
fi
eval "$(testenv/up 2>/dev/null)"
[ "$KUBECONFIG" = "$MAST_TESTENV_RUN_DIR/kubeconfig" ] || { echo "not the bench ground: $KUBECONFIG" >&2; exit 1; }
ISTIO_SRC=$MAST_ISTIO_SRC NODE=$MAST_KWOK_NODE

echo "installing Istio CRDs" >&2
kubectl apply --server-side --force-conflicts -f "$ISTIO_SRC/manifests/charts/base/files/crd-all.gen.yaml" >/dev/null
kubectl wait --for condition=established --timeout=60s crd/gateways.networking.istio.io crd/virtualservices.networking.istio.io >/dev/null

echo "generating $PODS pods" >&2
python3 - "$work" "$PODS" "$NODE" <<'EOF'
import sys
work, pods, node = sys.argv[1], int(sys.argv[2]), sys.argv[3]
nss = [f"bench-{i}" for i in range(10)]
base, chunks = [], [[] for _ in range(16)]
for i, ns in enumerate(nss):
    label = "\n  labels: {istio-injection: enabled}" if i % 2 == 0 else ""
    base.append(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}{label}")
    base.append(f"""apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {{name: gw, namespace: {ns}}}
spec:
  selector: {{istio: ingressgateway}}
  servers:
  - port: {{number: 443, name: https, protocol: HTTPS}}
    hosts: ["{ns}.example.com"]
    tls: {{mode: SIMPLE, credentialName: {ns}-cert}}""")
    base.append(f"apiVersion: v1\nkind: Secret\nmetadata: {{name: other, namespace: {ns}}}\ntype: Opaque\ndata: {{a: YQ==}}")
for s in range((pods + 9) // 10):
    ns, app = nss[s % 10], f"app-{s}"
    base.append(f"""apiVersion: v1
kind: Service
metadata: {{name: {app}, namespace: {ns}}}
spec:
  selector: {{app: {app}}}
  ports:
  - {{name: {'http' if s % 7 else 'web'}, port: 8080}}""")
    base.append(f"""apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {{name: {app}, namespace: {ns}}}
spec:
  host: {app}
  subsets:
  - {{name: v1, labels: {{version: v1}}}}
  - {{name: v2, labels: {{version: v2}}}}""")
    base.append(f"""apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {{name: {app}, namespace: {ns}}}
spec:
  hosts: [{app}]
  http:
  - route:
    - destination: {{host: {app}, subset: {'v3' if s % 10 == 0 else 'v1'}}}""")
for p in range(pods):
    s = p // 10
    ns, app = nss[s % 10], f"app-{s}"
    containers = "[{name: app, image: app}, {name: istio-proxy, image: proxyv2}]" if p % 3 == 0 else "[{name: app, image: app}]"
    chunks[p % 16].append(f"""apiVersion: v1
kind: Pod
metadata:
  name: {app}-{p}
  namespace: {ns}
  labels: {{app: {app}, version: v{1 + p % 2}}}
spec:
  nodeName: {node}
  containers: {containers}""")
open(f"{work}/base.yaml", "w").write("\n---\n".join(base) + "\n")
for i, c in enumerate(chunks):
    open(f"{work}/pods-{i}.yaml", "w").write("\n---\n".join(c) + "\n")
EOF
t0=$(date +%s)
if [ "$(kubectl get pods -A --no-headers 2>/dev/null | wc -l)" -lt "$PODS" ]; then
  kubectl create -f "$work/base.yaml" >/dev/null
  for f in "$work"/pods-*.yaml; do kubectl create -f "$f" >/dev/null & done
  wait
fi
echo "created in $(( $(date +%s) - t0 ))s; waiting for kwok to mark the pods Running" >&2
for _ in $(seq 1 300); do
  running=$(kubectl get pods -A --field-selector=status.phase=Running --no-headers 2>/dev/null | wc -l)
  [ "$running" -ge "$PODS" ] && break
  sleep 2
done
echo "$running pods Running" >&2

# shellcheck source=benches/analyze_common.sh
. benches/analyze_common.sh

read -r it ic irss _ < <(best "$ISTIOCTL" analyze -A)
cp "$work/out" "$work/istioctl.out"
read -r mt mc mrss _ < <(best "$MAST" analyze -A)
cp "$work/out" "$work/mast.out"
ratio_header pods
ratio_row "$PODS" "$it" "$mt" "$ic" "$mc" "$irss" "$mrss"
counts() { grep -oE '^(Error|Warning|Info) \[IST[0-9]+\]' "$1" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}'; }
echo "istioctl messages: $(counts "$work/istioctl.out")"
echo "mast messages:     $(counts "$work/mast.out")"
