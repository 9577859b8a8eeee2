#!/usr/bin/env bash
# What profile-guided optimisation would give the text pipeline: builds aftershock-bench with
# LLVM's IR-level instrumentation, runs it on real texts (the check corpus of
# Scripts/text_check_corpus.py: the sample's bodies and comments, the readers' case sets, VADER's
# snippets, UCI's sentences; never the bench's generated tickets, which are what is timed), builds
# it again with that profile, checks that every output is the same, and times both builds side
# by side with Scripts/text_speed_ab.sh.
#
#   Scripts/text_pgo.sh [-r ROUNDS]      (default 5 rounds; about 10 minutes in all)
#
# Swift's own `-profile-use` (SIL-level) aborts on this package with swift 6.3.1; the IR-level
# flags are frontend flags (hence -Xfrontend), and the driver does not link the profile runtime
# for them, so the instrumented build links the toolchain's libclang_rt.profile itself. The
# profile is tied to the toolchain's LLVM and to the source it was taken on: measuring only, not
# how the product is built. Builds go to .build-pgo-gen and .build-pgo, the profile to a
# temporary folder.
set -euo pipefail
rounds=5
while getopts "r:" opt; do
  case $opt in
    r) rounds=$OPTARG ;;
    *) exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
swiftBin=$(dirname "$(readlink -f "$(command -v swift)")")
profdata=$swiftBin/llvm-profdata
runtime=$(ls "$swiftBin"/../lib/swift/clang/lib/linux/libclang_rt.profile-*.a 2>/dev/null | head -1)
[ -x "$profdata" ] || { echo "no llvm-profdata beside swift ($swiftBin)" >&2; exit 1; }
[ -n "$runtime" ] || { echo "no libclang_rt.profile in the Swift toolchain" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== builds: plain, instrumented" >&2
swift build -c release --product aftershock-bench >&2
swift build -c release --product aftershock-bench --build-path .build-pgo-gen \
  -Xswiftc -Xfrontend -Xswiftc -ir-profile-generate="$tmp/unused" \
  -Xlinker "$runtime" -Xlinker -u__llvm_profile_runtime >&2
python3 Scripts/text_check_corpus.py "$tmp/check.txt"

echo "== training run on the check corpus" >&2
LLVM_PROFILE_FILE="$tmp/train-%p.profraw" .build-pgo-gen/release/aftershock-bench text --runs 1 --megabytes 16 \
  --corpus "$tmp/check.txt" >/dev/null
"$profdata" merge -o "$tmp/text.profdata" "$tmp"/train-*.profraw

echo "== build with the profile" >&2
swift build -c release --product aftershock-bench --build-path .build-pgo \
  -Xswiftc -Xfrontend -Xswiftc -ir-profile-use="$tmp/text.profdata" >&2

echo "== outputs on the check corpus" >&2
.build/release/aftershock-bench text --check "$tmp/check.txt" >"$tmp/plain.txt"
.build-pgo/release/aftershock-bench text --check "$tmp/check.txt" >"$tmp/pgo.txt"
if cmp -s "$tmp/plain.txt" "$tmp/pgo.txt"; then
  echo "outputs identical on $(wc -l <"$tmp/check.txt") check lines"
else
  echo "outputs differ: $(diff "$tmp/plain.txt" "$tmp/pgo.txt" | grep -c '^<') lines" >&2
  exit 1
fi
Scripts/text_speed_ab.sh -r "$rounds" .build/release/aftershock-bench .build-pgo/release/aftershock-bench
