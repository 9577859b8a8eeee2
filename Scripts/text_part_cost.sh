#!/usr/bin/env bash
# What each part of the bench's generated tickets (an opener, a sentence, a closer) costs the
# text pipeline, in instructions counted by callgrind, for one or two aftershock-bench
# binaries: where a change to the rules adds or saves work, sentence by sentence. Instructions
# are not time on this machine (the branch predictor decides much of it: Benchmarks/README-text.md, "What bounds
# the rules"), but they are exact, repeatable and free of the host's noise.
#
# Each part is timed alone as a corpus of MEGABYTES (default 1) of copies of it
# (`aftershock-bench text --corpus FILE --only rules`), the count taken over the analysis
# only (`--toggle-collect` on `TextAnalyzer.analyze`) and divided by the number of copies.
# A part alone is a text of one sentence: the per-text set-up is in every row (about 700-800
# instructions: a greeting's row is mostly that), and a short line is never skipped as a
# greeting or closing (that needs a text of several sentences).
#
#   Scripts/text_part_cost.sh [-m MEGABYTES] [-j JOBS] BINARY[@DATA_DIR] [BINARY[@DATA_DIR]]
#   e.g. git worktree add /tmp/old OLD_COMMIT && (cd /tmp/old && swift build -c release --product aftershock-bench)
#        Scripts/text_part_cost.sh /tmp/old/.build/release/aftershock-bench@/tmp/old/Data .build/release/aftershock-bench
#
# Columns: how many times a ticket holds the part on average, instructions per copy for each
# binary, and with two binaries the difference and the difference weighted by the first
# column (what the part adds to an average ticket); rows sorted by that, largest first, and a
# last line with the weighted sum per ticket and over the 8 MB corpus of the callgrind run in
# the README (48,596 tickets). The parts are those of the last binary (`--parts`); an older
# binary needs `--corpus` (commit beefdb9 and later) and is given its own commit's Data/.
set -euo pipefail
megabytes=1
jobs=2
while getopts "m:j:" opt; do
  case $opt in
    m) megabytes=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] && [ $# -le 2 ] || {
  echo "usage: $0 [-m MEGABYTES] [-j JOBS] BINARY[@DATA_DIR] [BINARY[@DATA_DIR]]" >&2
  exit 2
}
command -v valgrind >/dev/null || { echo "$0: needs valgrind (apt-get install -y valgrind)" >&2; exit 1; }
data=$(cd "$(dirname "$0")/.." && pwd)/Data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bins=()
dirs=()
for arg in "$@"; do
  bin=${arg%%@*}
  dir=$data
  [ "$arg" != "$bin" ] && dir=${arg#*@}
  [ -x "$bin" ] || { echo "$0: $bin is not an executable" >&2; exit 2; }
  bins+=("$bin")
  dirs+=("$dir")
done
last=$((${#bins[@]} - 1))
"${bins[$last]}" text --parts "$tmp/parts.tsv"
# One job per part and binary: writes "PART BINARY INSTRUCTIONS TEXTS".
n=0
while IFS=$'\t' read -r weight text; do
  printf '%s\n' "$text" >"$tmp/part$n.txt"
  for b in "${!bins[@]}"; do echo "$n $b"; done
  n=$((n + 1))
done <"$tmp/parts.tsv" >"$tmp/jobs"
measure() {
  local part=$1 b=$2 bin=$3 dir=$4 out
  out=$(valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*AnalyzerC7analyze4utf8*' \
    --callgrind-out-file=/dev/null "$bin" text --data "$dir" --runs 1 --megabytes "$megabytes" --only rules \
    --corpus "$tmp/part$part.txt" 2>&1)
  local collected texts
  collected=$(printf '%s\n' "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  texts=$(printf '%s\n' "$out" | sed -n 's/^corpus: \([0-9]*\) texts.*/\1/p')
  [ -n "$collected" ] && [ -n "$texts" ] || { echo "$0: no count for part $part with $bin:" >&2; echo "$out" >&2; return 1; }
  echo "$part $b $collected $texts" >"$tmp/result.$part.$b"
}
export -f measure
export tmp megabytes
while read -r part b; do
  echo "$part $b ${bins[$b]} ${dirs[$b]}"
done <"$tmp/jobs" | xargs -P "$jobs" -L 1 bash -c 'measure "$@"' _
cat "$tmp"/result.* | python3 -c '
import sys
parts = [line.rstrip("\n").split("\t", 1) for line in open(sys.argv[1], encoding="utf-8")]
nbins = int(sys.argv[2])
cost = {}
for line in sys.stdin:
    part, b, collected, texts = line.split()
    cost[(int(part), int(b))] = int(collected) / int(texts)
rows = []
for i, (weight, text) in enumerate(parts):
    w = float(weight)
    per = [cost[(i, b)] for b in range(nbins)]
    key = w * (per[-1] - per[0]) if nbins == 2 else w * per[0]
    rows.append((key, w, per, text))
rows.sort(key=lambda r: -r[0])
head = "per ticket" + "".join(f"  {name:>9}" for name in (["before", "after"] if nbins == 2 else ["instr."]))
print(head + ("     diff  weighted" if nbins == 2 else "  weighted") + "  part")
total = 0.0
for key, w, per, text in rows:
    total += key
    cells = "".join(f"  {p:9.0f}" for p in per)
    diff = f"  {per[-1] - per[0]:+7.0f}" if nbins == 2 else ""
    print(f"{w:10.4f}{cells}{diff}  {key:+8.1f}  {text[:70]}")
what = "weighted difference" if nbins == 2 else "weighted instructions"
print(f"{what}: {total:+.0f} a ticket, {total * 48596 / 1e6:+.1f}M over the 8 MB corpus (48,596 tickets)")
' "$tmp/parts.tsv" "${#bins[@]}"
