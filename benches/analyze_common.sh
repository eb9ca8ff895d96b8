# Helpers shared by benches/analyze_bench.sh and benches/analyze_live_bench.sh (sourced).
# shellcheck shell=bash

# The CPU seconds (user+sys) of the shell's finished children in a file the
# `times` builtin wrote (run in the shell itself: a command substitution's
# subshell has no children of its own). Millisecond resolution, where
# /usr/bin/time gives 10 ms, a whole mast run at 1k resources.
children_cpu() {
  tail -n 1 "$1" | awk '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
    printf "%.4f\n", t
  }'
}

# best CMD...: the best wall and best CPU (user+sys) seconds of $RUNS runs of
# CMD (stdout to $work/out), the peak RSS in KB (one more run under
# /usr/bin/time), and the median wall seconds, on one line. Wall times come
# from $EPOCHREALTIME (microseconds) around the command alone.
best() {
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    local c0 c1 t0 t1
    times >"$work/times0"
    t0=$EPOCHREALTIME
    "$@" >"$work/out" 2>/dev/null || true
    t1=$EPOCHREALTIME
    times >"$work/times1"
    c0=$(children_cpu "$work/times0")
    c1=$(children_cpu "$work/times1")
    walls+=("$(echo "$t1 - $t0" | bc -l)")
    cpus+=("$(echo "$c1 - $c0" | bc -l)")
  done
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
  local rss b c med
  rss=$(tail -n 1 "$work/rss")
  b=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | head -n 1)
  med=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{v[NR] = $1} END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%s %s %s %s\n' "$b" "$c" "$rss" "$med"
}

# ratio_row LABEL ICTL_WALL MAST_WALL ICTL_CPU MAST_CPU ICTL_RSS_KB MAST_RSS_KB [ICTL_MEDIAN MAST_MEDIAN]
ratio_row() {
  printf '%-9s %10.4f %10.4f %7.1fx %10.4f %10.4f %7.1fx %11.1f %9.1f' "$1" "$2" "$3" \
    "$(echo "$2 / $3" | bc -l)" "$4" "$5" "$(echo "$4 / ($5 + 0.0005)" | bc -l)" \
    "$(echo "$6/1024" | bc -l)" "$(echo "$7/1024" | bc -l)"
  if [ -n "${9:-}" ]; then
    printf ' %8.1fx' "$(echo "$8 / $9" | bc -l)"
  fi
  printf '\n'
}

ratio_header() {
  printf '%-9s %10s %10s %8s %10s %10s %8s %11s %9s %9s\n' "$1" ictl_wall mast_wall wall_x ictl_cpu mast_cpu cpu_x istioctl_MB mast_MB median_x
}
