#!/usr/bin/env bash
# Runs the whole test suite: builds/caches the test ground, brings it up, runs cargo test, brings it down.
# Two grounds: the default one (testenv/up) and a minimal "remote" one for multi-cluster tests
# (testenv/up-remote: etcd + kube-apiserver, exports MAST_REMOTE_KUBECONFIG).
set -euo pipefail
cd "$(dirname "$0")"
testenv/build >&2
# The trap comes first, so a half-started ground is stopped too; each ground's exports are
# assigned before eval, so a failing up stops the script (`eval "$(...)"` alone would not).
trap 'testenv/down-remote >&2 || true; testenv/down >&2 || true' EXIT
ground_env=$(testenv/up)
eval "$ground_env"
remote_env=$(testenv/up-remote)
eval "$remote_env"
cargo test --all-targets --no-fail-fast 2>&1
