#!/usr/bin/env bash
# Benchmark of the run history (AftershockStore) in release mode: save, replace, query.
# Usage: Scripts/bench_store.sh [ACCOUNTS]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
swiftc -O -wmo -module-name StoreBenchmark \
  -Xcc -fmodule-map-file=Sources/CSQLite/module.modulemap -I Sources/CSQLite \
  Sources/AftershockStore/*.swift Scripts/StoreBenchmark/main.swift -o "$build/store-bench" 2>&1 | grep -v warning || true
"$build/store-bench" "${1:-100000}"
