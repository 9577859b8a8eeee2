#!/usr/bin/env bash
# Time and peak memory of the synthetic sample generator, release build.
# Builds a throw-away package in $WORK (default /tmp/aftershock-synth-bench) that links this
# repository's AftershockReport and AftershockSynthetic sources, then runs it under /usr/bin/time.
# Usage: Scripts/bench_synthetic.sh [ACCOUNTS...]    (default: 100000 1000000)
# Once `aftershock generate` is wired, the same figures come from:
#   /usr/bin/time -v .build/release/aftershock generate --accounts 1000000 --seed 42 --out /tmp/sample-1m
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/aftershock-synth-bench}"
mkdir -p "$WORK/Sources/synth-bench"
ln -sfn "$ROOT/Sources/AftershockReport" "$WORK/Sources/AftershockReport"
ln -sfn "$ROOT/Sources/AftershockSynthetic" "$WORK/Sources/AftershockSynthetic"
cat > "$WORK/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
  name: "SynthBench",
  targets: [
    .target(name: "AftershockReport"),
    .target(name: "AftershockSynthetic", dependencies: ["AftershockReport"]),
    .executableTarget(name: "synth-bench", dependencies: ["AftershockSynthetic"]),
  ])
SWIFT
cat > "$WORK/Sources/synth-bench/main.swift" <<'SWIFT'
import AftershockSynthetic
import Foundation
let arguments = CommandLine.arguments
let accounts = Int(arguments[1]) ?? 100_000
let folder = arguments.count > 2 ? arguments[2] : "/tmp/synth-bench-out"
let start = Date()
let summary = try SampleGenerator(configuration: SampleConfiguration(accountCount: accounts, seed: 42))
  .generate(into: folder, progressInterval: 100_000)
let seconds = Date().timeIntervalSince(start)
print("accounts \(summary.accountCount) tickets \(summary.ticketCount) surveys \(summary.surveyCount) "
  + "bytes \(summary.bytesWritten) seconds \(String(format: "%.2f", seconds)) "
  + "accounts/s \(Int(Double(accounts) / seconds))")
SWIFT
(cd "$WORK" && swift build -c release --product synth-bench >/dev/null)
for n in "${@:-100000 1000000}"; do
  for count in $n; do
    /usr/bin/time -f "peak RSS %M KiB, wall %e s, user %U s, sys %S s" "$WORK/.build/release/synth-bench" "$count" "$WORK/out-$count"
    du -sh "$WORK/out-$count"
    rm -rf "$WORK/out-$count"
  done
done
