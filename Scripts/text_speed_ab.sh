#!/usr/bin/env bash
# Side-by-side speed of the text pipeline for one or more aftershock-bench binaries on this
# machine, which is shared and noisy: the binaries run in turn, ROUNDS times, each run timing
# the bare reference tokenizer, the project's tokenizer alone and the full rules beside each
# other, and the script prints per binary the median (over rounds) of each MB/s figure and of
# its ratio to the reference.
#
#   Scripts/text_speed_ab.sh [-r ROUNDS] [-m MEGABYTES] BINARY [BINARY...]
#   e.g. cp .build/release/aftershock-bench /tmp/bench-old; (change, rebuild);
#        Scripts/text_speed_ab.sh /tmp/bench-old .build/release/aftershock-bench
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
for ((r = 0; r < rounds; r++)); do
  i=0
  for bin in "$@"; do
    "$bin" text --runs 3 --megabytes "$megabytes" --data "$data" --only "bare tokenizer,tokenize only,rules" |
      awk -v out="$tmp/$i" '
        /bare tokenizer/ { for (k = 1; k <= NF; k++) if ($k == "thread-CPU") ref = $(k + 4) }
        /tokenize only/ { for (k = 1; k <= NF; k++) if ($k == "thread-CPU") tok = $(k + 4) }
        /rules/ { for (k = 1; k <= NF; k++) if ($k == "thread-CPU") rules = $(k + 4) }
        END { printf "%s %s %.4f %s %.4f\n", ref, rules, rules / ref, tok, tok / ref >> out }'
    i=$((i + 1))
  done
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf "%-40s %12s %12s %9s %12s %9s\n" "binary ($rounds rounds, thread-CPU)" "reference" "rules" "ratio" "tokenizer" "ratio"
i=0
for bin in "$@"; do
  printf "%-40s %7.1f MB/s %7.1f MB/s %9.3f %7.1f MB/s %9.3f\n" "$bin" \
    "$(cut -d' ' -f1 "$tmp/$i" | median)" "$(cut -d' ' -f2 "$tmp/$i" | median)" "$(cut -d' ' -f3 "$tmp/$i" | median)" \
    "$(cut -d' ' -f4 "$tmp/$i" | median)" "$(cut -d' ' -f5 "$tmp/$i" | median)"
  i=$((i + 1))
done
