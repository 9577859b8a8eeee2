#!/usr/bin/env bash
# Side-by-side speed of the text pipeline for one or more aftershock-bench binaries on this
# machine, which is shared and noisy: the binaries run in turn, ROUNDS times, each run timing
# the bare reference tokenizer, the floor, the project's tokenizer alone, the full rules, the
# rules with the trained model and the rules on the corpus's first 64 texts cycled (whose
# branches the CPU learns) beside each other (thread-CPU, 5 timings a run; a binary built
# before the cycled pass existed shows 0 for it).
#
# Two summaries per binary and pass:
# - "median": the median over rounds of each run's median, and of its ratio to the reference
#   timed in the same run;
# - "best": the fastest timing over all rounds, and its ratio to the reference's fastest.
#   Other tenants only ever slow a run down, so on a busy host the best is the steadier figure.
#
#   Scripts/text_speed_ab.sh [-r ROUNDS] [-m MEGABYTES] BINARY[@DATA_DIR] [BINARY[@DATA_DIR]...]
#   e.g. cp .build/release/aftershock-bench /tmp/bench-old; (change, rebuild);
#        Scripts/text_speed_ab.sh /tmp/bench-old .build/release/aftershock-bench
# Each binary reads the repository's Data/ unless a DATA_DIR follows it after "@": an old build
# whose model file version this checkout no longer has takes the Data/ of its own commit, e.g.
#   git worktree add /tmp/old OLD_COMMIT && (cd /tmp/old && swift build -c release --product aftershock-bench)
#   Scripts/text_speed_ab.sh /tmp/old/.build/release/aftershock-bench@/tmp/old/Data .build/release/aftershock-bench
set -euo pipefail
rounds=7
megabytes=32
while getopts "r:m:" opt; do
  case $opt in
    r) rounds=$OPTARG ;;
    m) megabytes=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-r ROUNDS] [-m MEGABYTES] BINARY [BINARY...]" >&2; exit 2; }
data=$(cd "$(dirname "$0")/.." && pwd)/Data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
names=("reference" "floor" "tokenizer" "rules" "model" "cycled")
for ((r = 0; r < rounds; r++)); do
  i=0
  for arg in "$@"; do
    bin=${arg%%@*}
    binData=$data
    [ "$bin" = "$arg" ] || binData=${arg#*@}
    # One line a round: for each pass, its median and best MB/s.
    "$bin" text --runs 5 --megabytes "$megabytes" --data "$binData" \
      --only "bare tokenizer,floor,tokenize only,rules,trained model,cycled" |
      awk -v out="$tmp/$i" '
        function grab(slot) { for (k = 1; k <= NF; k++) { if ($k == "thread-CPU") med[slot] = $(k + 4); if ($k == "best") best[slot] = $(k + 1) } }
        /bare tokenizer/ { grab(0) }
        /floor/ { grab(1) }
        /tokenize only/ { grab(2) }
        /rules \+ aspects/ { grab(3) }
        /trained model/ { grab(4) }
        /texts cycled/ { grab(5) }
        END { for (s = 0; s < 6; s++) printf "%s %s ", med[s], best[s] >> out; printf "\n" >> out }'
    i=$((i + 1))
  done
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
i=0
for bin in "$@"; do
  echo "${bin%%@*} ($rounds rounds of 5, $megabytes MB, thread-CPU; ratio = against the reference)"
  printf "  %-10s %14s %8s %14s %8s\n" "pass" "median MB/s" "ratio" "best MB/s" "ratio"
  refBest=$(awk '{ if ($2 > b) b = $2 } END { print b }' "$tmp/$i")
  for s in 0 1 2 3 4 5; do
    med=$(awk -v c=$((2 * s + 1)) '{ print $c }' "$tmp/$i" | median)
    ratio=$(awk -v c=$((2 * s + 1)) '$1 > 0 { print $c / $1 }' "$tmp/$i" | median)
    best=$(awk -v c=$((2 * s + 2)) '{ if ($c > b) b = $c } END { print b }' "$tmp/$i")
    printf "  %-10s %14.1f %8.3f %14.1f %8.3f\n" "${names[$s]}" "$med" "$ratio" "$best" "$(awk -v a="$best" -v b="$refBest" 'BEGIN { print a / b }')"
  done
  i=$((i + 1))
done
