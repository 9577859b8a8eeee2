#!/usr/bin/env bash
# Wall time and peak RSS of the nightly run on a generated book: 100,000 accounts and about
# 1,000,000 tickets (10 per account), as issue "The nightly run" asks. Median of RUNS runs.
# Usage: Scripts/bench_run.sh [ACCOUNTS] [TICKETS_PER_ACCOUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${1:-100000}"; per="${2:-10}"; runs="${3:-3}"
swift build -c release --product aftershock >/dev/null
bin=.build/release/aftershock
data="/tmp/aftershock-bench-$accounts-$per"
if [ ! -f "$data/tickets.csv" ]; then
  "$bin" generate --accounts "$accounts" --tickets-per-account "$per" --seed 1 --out "$data"
fi
echo "input: $(du -sh "$data" | cut -f1), $(($(wc -l < "$data/accounts.csv") - 1)) account rows; load: $(cut -d' ' -f1-3 /proc/loadavg)"
walls=(); rss=()
for i in $(seq "$runs"); do
  out="$(mktemp -d)"
  /usr/bin/time -f "%e %M" -o "$out/time" "$bin" run --data "$data" --out "$out/run" --as-of 2024-11-16 >"$out/log" 2>&1
  read -r wall kb < "$out/time"
  grep "time:" "$out/log" | sed 's/^ */  /'
  walls+=("$wall"); rss+=("$kb")
  rm -rf "$out"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "run: median wall $(median "${walls[@]}") s over $runs runs (all: ${walls[*]}); median peak RSS $(( $(median "${rss[@]}") / 1024 )) MB"
