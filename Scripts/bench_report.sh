#!/usr/bin/env bash
# Benchmark of AftershockReport's hot parts in release mode: redaction throughput and table rendering.
# Usage: Scripts/bench_report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
swiftc -O -wmo -module-name ReportBenchmark \
  Sources/AftershockReport/*.swift Scripts/ReportBenchmark/main.swift -o "$build/report-bench" 2>&1 | grep -v warning || true
"$build/report-bench"
