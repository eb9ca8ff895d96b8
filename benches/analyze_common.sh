# Helpers shared by benches/analyze_bench.sh and benches/analyze_live_bench.sh (sourced).
# shellcheck shell=bash

# best CMD...: the best wall and best CPU (user+sys) seconds of $RUNS runs of
# CMD (stdout to $work/out), its peak RSS in KB and the median wall seconds,
# on one line (benches/timeit.py: wall from perf_counter around the process
# alone, CPU and RSS from its rusage).
best() {
  python3 benches/timeit.py "$RUNS" "$work/out" -- "$@"
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
