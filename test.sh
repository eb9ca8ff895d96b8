#!/usr/bin/env bash
# Runs the whole test suite: builds/caches the test ground, brings it up, runs cargo test, brings it down.
# Two grounds: the default one (testenv/up) and a minimal "remote" one for multi-cluster tests
# (testenv/up-remote: etcd + kube-apiserver, exports MAST_REMOTE_KUBECONFIG).
set -euo pipefail
cd "$(dirname "$0")"
testenv/build >&2
eval "$(testenv/up)"
trap 'testenv/down >&2 || true' EXIT
trap 'testenv/down-remote >&2 || true; testenv/down >&2 || true' EXIT  # set first: stops a half-started remote
# (Assigned first so a failing up-remote stops here; `eval "$(...)"` alone would not fail.)
remote_env=$(testenv/up-remote)
eval "$remote_env"
cargo test --all-targets --no-fail-fast 2>&1
