#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format (rules in .swift-format), then lints
# them strictly: any finding the formatter cannot fix (a rule that only lints) fails the script.
# Usage: Scripts/format.sh          format in place, then lint
#        Scripts/format.sh --check  lint only: exits non-zero on any finding, changes nothing (for CI)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
case "${1:-}" in
  "") swift format format --parallel --in-place --recursive "${paths[@]}" ;;
  --check) ;;
  *) echo "usage: Scripts/format.sh [--check]" >&2; exit 2 ;;
esac
swift format lint --strict --parallel --recursive "${paths[@]}"
