#!/usr/bin/env bash
# Runs the whole test suite: builds/caches the test ground, brings it up, runs cargo test, brings it down.
set -euo pipefail
cd "$(dirname "$0")"
testenv/build >&2
eval "$(testenv/up)"
trap 'testenv/down >&2 || true' EXIT
cargo test --all-targets --no-fail-fast 2>&1
