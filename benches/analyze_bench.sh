#!/usr/bin/env bash
# Side-by-side benchmark: mast analyze vs istioctl analyze, files mode, on the
# same generated input (benches/analyze_gen.py), 1k and 10k resources by default.
#
#   benches/analyze_bench.sh [SIZES="1000 10000"] [RUNS=3]
#
# Needs $MAST_ISTIOCTL (./test.sh or `eval "$(testenv/up)"` sets it). Reports the
# best wall time of RUNS for each tool, peak RSS (/usr/bin/time), the ratio, and
# checks that every message istioctl prints for the analyzers mast implements
# (IST0101 subset/gateway, IST0132) is also printed by mast.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-"1000 10000"}; RUNS=${2:-3}
: "${MAST_ISTIOCTL:?run ./test.sh or eval \"\$(testenv/up)\" first (MAST_ISTIOCTL unset)}"
work=$(mktemp -d /tmp/mast-analyze-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --bin mast
MAST=${CARGO_TARGET_DIR:-target}/release/mast

best() { # best wall seconds of RUNS runs of "$@" (stdout to $work/out), and peak RSS KB
  local b="" rss=0
  for _ in $(seq "$RUNS"); do
    local s e t r
    s=$(date +%s.%N)
    /usr/bin/time -f %M -o "$work/rss" "$@" >"$work/out" 2>/dev/null || true
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l); r=$(tail -n 1 "$work/rss")
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '%s %s\n' "$b" "$rss"
}

printf '%-8s %12s %12s %10s %12s %12s\n' resources istioctl_s mast_s speedup istioctl_MB mast_MB
for n in $SIZES; do
  f="$work/mesh-$n.yaml"
  python3 benches/analyze_gen.py "$f" "$n"
  read -r it irss < <(best "$MAST_ISTIOCTL" analyze --use-kube=false -A "$f")
  cp "$work/out" "$work/istioctl.out"
  read -r mt mrss < <(best "$MAST" analyze --use-kube=false "$f")
  cp "$work/out" "$work/mast.out"
  # Messages mast implements must agree.
  grep -E '\[IST01(01|32)\]' "$work/istioctl.out" | grep -v 'IST0101\].*Referenced host' | sort >"$work/i.sel" || true
  grep -E '\[IST01(01|32)\]' "$work/mast.out" | grep -v 'Referenced host\|Referenced mirror host\|Referenced selector' | sort >"$work/m.sel" || true
  if ! diff -q "$work/i.sel" "$work/m.sel" >/dev/null; then
    echo "WARNING: IST0101/IST0132 messages differ at $n resources" >&2
    diff "$work/i.sel" "$work/m.sel" | head -5 >&2
  fi
  printf '%-8s %12.3f %12.3f %9.1fx %12.1f %12.1f\n' "$n" "$it" "$mt" "$(echo "$it / $mt" | bc -l)" \
    "$(echo "$irss/1024" | bc -l)" "$(echo "$mrss/1024" | bc -l)"
done
