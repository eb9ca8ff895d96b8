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

best() { # best wall and best CPU (user+sys) seconds of RUNS runs of "$@" (stdout to $work/out), peak RSS KB
  local b="" c="" rss=0
  for _ in $(seq "$RUNS"); do
    local t cpu r
    /usr/bin/time -f '%e %U %S %M' -o "$work/rss" "$@" >"$work/out" 2>/dev/null || true
    read -r t u sy r < <(tail -n 1 "$work/rss")
    cpu=$(echo "$u + $sy" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    if [ -z "$c" ] || [ "$(echo "$cpu < $c" | bc -l)" = 1 ]; then c=$cpu; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '%s %s %s\n' "$b" "$c" "$rss"
}

# The machine may be shared: CPU time (user+sys) is the steadier comparison.
printf '%-9s %10s %10s %8s %10s %10s %8s %11s %9s\n' resources ictl_wall mast_wall wall_x ictl_cpu mast_cpu cpu_x istioctl_MB mast_MB
for n in $SIZES; do
  f="$work/mesh-$n.yaml"
  python3 benches/analyze_gen.py "$f" "$n"
  read -r it ic irss < <(best "$MAST_ISTIOCTL" analyze --use-kube=false -A "$f")
  cp "$work/out" "$work/istioctl.out"
  read -r mt mc mrss < <(best "$MAST" analyze --use-kube=false "$f")
  cp "$work/out" "$work/mast.out"
  # Messages mast implements must agree.
  grep -E '\[IST01(01|32)\]' "$work/istioctl.out" | grep -v 'IST0101\].*Referenced host' | sort >"$work/i.sel" || true
  grep -E '\[IST01(01|32)\]' "$work/mast.out" | grep -v 'Referenced host\|Referenced mirror host\|Referenced selector' | sort >"$work/m.sel" || true
  if ! diff -q "$work/i.sel" "$work/m.sel" >/dev/null; then
    echo "WARNING: IST0101/IST0132 messages differ at $n resources" >&2
    diff "$work/i.sel" "$work/m.sel" | head -5 >&2
  fi
  printf '%-9s %10.2f %10.2f %7.1fx %10.2f %10.2f %7.1fx %11.1f %9.1f\n' "$n" "$it" "$mt" \
    "$(echo "$it / $mt" | bc -l)" "$ic" "$mc" "$(echo "$ic / ($mc + 0.005)" | bc -l)" \
    "$(echo "$irss/1024" | bc -l)" "$(echo "$mrss/1024" | bc -l)"
done
