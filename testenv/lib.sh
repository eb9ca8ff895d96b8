# Shared helpers for testenv scripts (sourced, not executed).
# shellcheck shell=bash
TESTENV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck disable=SC1091
. "$TESTENV_DIR/versions.env"
MAST_CACHE=${MAST_CACHE:-$HOME/.cache/mast-testenv}
# Override with MAST_TESTENV_RUN_DIR (up exports MAST_TESTENV_RUN for tests; it is not read here).
RUN_DIR=${MAST_TESTENV_RUN_DIR:-$TESTENV_DIR/.run}
# A separate ground (MAST_TESTENV_RUN_DIR set) logs under its own run directory, so it
# does not truncate the default ground's logs.
LOG_DIR=${MAST_TESTENV_RUN_DIR:+$MAST_TESTENV_RUN_DIR/logs}
LOG_DIR=${LOG_DIR:-$TESTENV_DIR/logs}
export GOTOOLCHAIN=local CGO_ENABLED=0

K8S_DIR=$MAST_CACHE/k8s-$K8S_VERSION-etcd-$ETCD_VERSION
KWOK_DIR=$MAST_CACHE/kwok-$KWOK_VERSION
ISTIOCTL_DIR=$MAST_CACHE/istioctl-$ISTIO_VERSION
ENVOY_DIR=$MAST_CACHE/envoy-$ENVOY_VERSION

log() { printf '[testenv %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# go mod download -json MODULE@VERSION | .Dir (works outside any module)
module_dir() {
  local j
  j=$(cd /tmp && go mod download -json "$1") || return 1
  printf '%s\n' "$j" | jq -r .Dir
}
