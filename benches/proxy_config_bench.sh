#!/usr/bin/env bash
# Side-by-side benchmark: mast proxy-config vs istioctl proxy-config on the same dump.
#
#   benches/proxy_config_bench.sh [CLUSTERS=5000] [ENDPOINTS_PER_CLUSTER=4] [RUNS=5]
#
# Needs the test ground's binaries: $MAST_ENVOY and $MAST_ISTIOCTL (./test.sh or
# `eval "$(testenv/up)"` sets them; testenv/build builds them). Generates a large
# sidecar-like xDS config (benches/proxy_config_gen.py), starts a real Envoy with it,
# saves /config_dump?include_eds=true, then times `cluster`, `route` and `all` with
# --file for both tools (best of RUNS wall time, and peak RSS via /usr/bin/time).
# Checks that both tools print identical output. mast is built with --release.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}; PER=${2:-4}; RUNS=${3:-5}
: "${MAST_ENVOY:?run ./test.sh or eval \"\$(testenv/up)\" first (MAST_ENVOY unset)}"
: "${MAST_ISTIOCTL:?run ./test.sh or eval \"\$(testenv/up)\" first (MAST_ISTIOCTL unset)}"
work=$(mktemp -d /tmp/mast-pc-bench.XXXXXX)
trap 'testenv/envoy-run stop "$work/envoy" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cargo build --release --quiet --bin mast
MAST=${CARGO_TARGET_DIR:-target}/release/mast
python3 benches/proxy_config_gen.py "$work/xds" "$N" "$PER"
addr=$(testenv/envoy-run start "$work/xds" "$work/envoy")
curl -fsS "http://$addr/config_dump?include_eds=true" -o "$work/dump.json"
size=$(stat -c %s "$work/dump.json")
clusters=$(grep -c '"@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster"' "$work/dump.json" || true)
printf 'dump: %s bytes (%.1f MB), %s clusters, %s endpoints per generated cluster\n' \
  "$size" "$(echo "$size/1048576" | bc -l)" "$clusters" "$PER" >&2
cat > "$work/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
users: [{name: u, user: {token: x}}]
KC

measure() { # out-prefix cmd...  -> prints "best_seconds max_rss_kb"
  local best=999999 rss=0 i t r
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2>/dev/null
    read -r t r < "$work/time"
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
    [ "$r" -gt "$rss" ] && rss=$r
  done
  echo "$best $rss"
}

printf '%-8s %10s %10s %8s %12s %12s %9s %s\n' cmd mast_s istioctl_s ratio mast_rss_MB ictl_rss_MB rss/dump same >&2
for cmd in cluster route all; do
  read -r mt mr < <(measure "$MAST" proxy-config "$cmd" -f "$work/dump.json"); cp "$work/out" "$work/mast.$cmd"
  read -r it ir < <(measure "$MAST_ISTIOCTL" --kubeconfig "$work/kubeconfig" proxy-config "$cmd" -f "$work/dump.json"); cp "$work/out" "$work/ictl.$cmd"
  same=no; cmp -s "$work/mast.$cmd" "$work/ictl.$cmd" && same=yes
  ratio=$(echo "$it / ($mt + 0.0001)" | bc -l)
  printf '%-8s %10.3f %10.3f %7.1fx %12.1f %12.1f %9.2f %s\n' "$cmd" "$mt" "$it" "$ratio" \
    "$(echo "$mr/1024" | bc -l)" "$(echo "$ir/1024" | bc -l)" "$(echo "$mr*1024/$size" | bc -l)" "$same"
done
