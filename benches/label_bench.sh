#!/usr/bin/env bash
# Benchmark for `mast label list -A` and `mast check-inject` on a ground with
# many namespaces and pods (issue 8: under 1 s each with 1,000 namespaces and
# 5,000 pods), side by side with istioctl where it has an equivalent.
#
#   benches/label_bench.sh [NAMESPACES=1000] [PODS_PER_NS=5] [RUNS=5]
#
# Needs a running ground (`eval "$(testenv/up)"`: KUBECONFIG, MAST_ISTIOCTL) and
# kubectl on PATH. Creates namespaces `bench-label-NNNN` (label
# mast.bench/label=true) with PODS_PER_NS pods each (schedulerName
# mast-bench-none, so no scheduler or kwok work), a third labelled
# istio-injection=enabled and a third istio.io/rev=canary, and Istio's
# injector webhooks from `istioctl manifest generate` (default and canary)
# pointed at a refused loopback URL with failurePolicy Ignore. Everything it
# created is deleted at the end (namespace deletion finishes in the background).
#
# Reported: best wall and best CPU (user+sys) of RUNS, and the ratios.
# `label list -A` has no istioctl equivalent: `kubectl get ns -L ...` is shown
# as a baseline for "one list call and a table".
#
# Measured 2026-11-26 (2 shared cores, other builds running; best of 5; CPU
# times are at /usr/bin/time's 10 ms resolution, so CPU ratios are rough):
#   setup: 1,000 namespaces + 5,000 pods created in 118 s
#   label list -A (1,000 bench rows + system)   mast 0.07 s   (kubectl get ns -L: 0.24 s)
#   label list -A -o json                       mast 0.05 s
#   check-inject -n bench-label-0001 -l app=x   mast 0.01 s   istioctl 0.14 s   14x
#   check-inject pod-0.bench-label-0001         mast 0.01 s   istioctl 0.11 s   11x
#   check-inject -n bench-label-0002 -l app=x   mast 0.02 s   istioctl 0.15 s   7.5x
#   check-inject pod-0.bench-label-0002         mast 0.02 s   istioctl 0.13 s   6.5x
set -euo pipefail
cd "$(dirname "$0")/.."
NS=${1:-1000}; PER=${2:-5}; RUNS=${3:-5}
: "${KUBECONFIG:?run eval \"\$(testenv/up)\" first (KUBECONFIG unset)}"
: "${MAST_ISTIOCTL:?run eval \"\$(testenv/up)\" first (MAST_ISTIOCTL unset)}"
command -v kubectl >/dev/null || { echo "kubectl is needed on PATH" >&2; exit 1; }
work=$(mktemp -d /tmp/mast-label-bench.XXXXXX)
mkdir -p "$work/home"
ISTIOCTL=(env HOME="$work/home" "$MAST_ISTIOCTL")   # no user config for istioctl

cleanup() {
  kubectl delete mutatingwebhookconfiguration -l mast.bench/label=true --wait=false >/dev/null 2>&1 || true
  kubectl delete ns -l mast.bench/label=true --wait=false >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cargo build --release --quiet --bin mast
MAST=$PWD/${CARGO_TARGET_DIR:-target}/release/mast

echo "== webhooks: istioctl manifest generate (default, canary), loopback URL, failurePolicy Ignore" >&2
for rev in default canary; do
  args=(manifest generate); [ "$rev" = default ] || args+=(--revision "$rev")
  "${ISTIOCTL[@]}" "${args[@]}" 2>/dev/null | python3 -c '
import json, sys
docs = sys.stdin.read().split("\n---\n")
mwc = next(d for d in docs if "\nkind: MutatingWebhookConfiguration" in "\n" + d)
print(mwc)' >"$work/mwc-$rev.yaml"
  python3 - "$work/mwc-$rev.yaml" <<'EOF'
import json, subprocess, sys
path = sys.argv[1]
obj = json.loads(subprocess.run(["kubectl", "create", "--dry-run=client", "-o", "json", "-f", path],
                                check=True, capture_output=True, text=True).stdout)
for w in obj["webhooks"]:
    w["clientConfig"] = {"url": "https://127.0.0.1:1/inject"}
    w["failurePolicy"] = "Ignore"
obj["metadata"]["labels"]["mast.bench/label"] = "true"
open(path, "w").write(json.dumps(obj))
EOF
  kubectl apply -f "$work/mwc-$rev.yaml" >/dev/null
done

echo "== $NS namespaces, $((NS * PER)) pods" >&2
start=$(date +%s)
python3 - "$work" "$NS" "$PER" <<'EOF'
import json, sys
work, n, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
chunk = 100
for c in range(0, n, chunk):
    with open(f"{work}/ns-{c:05d}.json", "w") as f:
        items = []
        for i in range(c, min(n, c + chunk)):
            labels = {"mast.bench/label": "true"}
            if i % 3 == 1: labels["istio-injection"] = "enabled"
            if i % 3 == 2: labels["istio.io/rev"] = "canary"
            items.append({"apiVersion": "v1", "kind": "Namespace",
                          "metadata": {"name": f"bench-label-{i:04d}", "labels": labels}})
        json.dump({"apiVersion": "v1", "kind": "List", "items": items}, f)
    with open(f"{work}/pods-{c:05d}.json", "w") as f:
        items = []
        for i in range(c, min(n, c + chunk)):
            for p in range(per):
                items.append({"apiVersion": "v1", "kind": "Pod",
                    "metadata": {"name": f"pod-{p}", "namespace": f"bench-label-{i:04d}",
                                 "labels": {"app": "x" if p % 2 == 0 else "y"}},
                    "spec": {"schedulerName": "mast-bench-none", "automountServiceAccountToken": False,
                             "containers": [{"name": "app", "image": "nginx"}]}})
        json.dump({"apiVersion": "v1", "kind": "List", "items": items}, f)
EOF
ls "$work"/ns-*.json | xargs -P 4 -n 1 kubectl create -f >/dev/null
# Pods need each namespace's default ServiceAccount (made by the controller-manager).
for _ in $(seq 300); do
  have=$(kubectl get sa -A --field-selector metadata.name=default --no-headers 2>/dev/null | grep -c '^bench-label-' || true)
  [ "$have" -ge "$NS" ] && break
  sleep 1
done
ls "$work"/pods-*.json | xargs -P 4 -n 1 kubectl create -f >/dev/null
echo "   created in $(( $(date +%s) - start )) s" >&2
pods=$(kubectl get pods -A --no-headers 2>/dev/null | grep -c '^bench-label-' || true)
echo "   pods in bench namespaces: $pods" >&2

best() { # best wall and best CPU (user+sys) seconds of RUNS runs of "$@"
  local b="" c=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
    read -r t u s < <(tail -n 1 "$work/time")
    cpu=$(echo "$u + $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    if [ -z "$c" ] || [ "$(echo "$cpu < $c" | bc -l)" = 1 ]; then c=$cpu; fi
  done
  printf '%s %s\n' "$b" "$c"
}

row() { # name, other tool's wall/cpu (or "-"), mast wall/cpu
  local name=$1 ow=$2 oc=$3 mw=$4 mc=$5
  if [ "$ow" = - ]; then
    printf '%-44s %9s %9s %8s %9.3f %9.3f %8s\n' "$name" - - - "$mw" "$mc" -
  else
    printf '%-44s %9.3f %9.3f %7.1fx %9.3f %9.3f %7.1fx\n' "$name" "$ow" "$oc" \
      "$(echo "$ow / $mw" | bc -l)" "$mw" "$mc" "$(echo "$oc / ($mc + 0.001)" | bc -l)"
  fi
}

printf '%-44s %9s %9s %8s %9s %9s %8s\n' command other_wall other_cpu wall_x mast_wall mast_cpu cpu_x
read -r mw mc < <(best "$MAST" label list -A)
rows=$(grep -c '^bench-label-' "$work/out" || true)
read -r kw kc < <(best kubectl get ns -L istio-injection -L istio.io/rev)
row "label list -A ($rows bench rows) | kubectl get ns" "$kw" "$kc" "$mw" "$mc"
read -r mw mc < <(best "$MAST" label list -A -o json)
row "label list -A -o json" - - "$mw" "$mc"
for ns in bench-label-0001 bench-label-0002; do
  read -r iw ic < <(best "${ISTIOCTL[@]}" x check-inject -n "$ns" -l app=x)
  read -r mw mc < <(best "$MAST" check-inject -n "$ns" -l app=x)
  row "check-inject -n $ns -l app=x" "$iw" "$ic" "$mw" "$mc"
  read -r iw ic < <(best "${ISTIOCTL[@]}" x check-inject "pod-0.$ns")
  read -r mw mc < <(best "$MAST" check-inject "pod-0.$ns")
  row "check-inject pod-0.$ns" "$iw" "$ic" "$mw" "$mc"
done
