# Helpers shared by benches/analyze_bench.sh and benches/analyze_live_bench.sh (sourced).
# shellcheck shell=bash

# best CMD...: the best wall and best CPU (user+sys) seconds of $RUNS runs of CMD
# (stdout to $work/out), and the peak RSS in KB, on one line.
best() {
  local b="" c="" rss=0
  for _ in $(seq "$RUNS"); do
    local t u sy r cpu
    /usr/bin/time -f '%e %U %S %M' -o "$work/rss" "$@" >"$work/out" 2>/dev/null || true
    read -r t u sy r < <(tail -n 1 "$work/rss")
    cpu=$(echo "$u + $sy" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    if [ -z "$c" ] || [ "$(echo "$cpu < $c" | bc -l)" = 1 ]; then c=$cpu; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '%s %s %s\n' "$b" "$c" "$rss"
}

# ratio_row LABEL ICTL_WALL MAST_WALL ICTL_CPU MAST_CPU ICTL_RSS_KB MAST_RSS_KB
ratio_row() {
  printf '%-9s %10.2f %10.2f %7.1fx %10.2f %10.2f %7.1fx %11.1f %9.1f\n' "$1" "$2" "$3" \
    "$(echo "$2 / $3" | bc -l)" "$4" "$5" "$(echo "$4 / ($5 + 0.005)" | bc -l)" \
    "$(echo "$6/1024" | bc -l)" "$(echo "$7/1024" | bc -l)"
}

ratio_header() {
  printf '%-9s %10s %10s %8s %10s %10s %8s %11s %9s\n' "$1" ictl_wall mast_wall wall_x ictl_cpu mast_cpu cpu_x istioctl_MB mast_MB
}
