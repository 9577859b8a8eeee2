#!/usr/bin/env bash
# Per-set counts of every readers' case set (Scripts/ticket_cases*.csv): churn intent found /
# flagged, polarity and aspects missed, one line a set, by Scripts/ticket_cases.py. The
# never-read holdouts (ticket_cases_holdout*.csv) print counts only, as they must stay unread.
#   Scripts/ticket_cases_all.sh [--binary B] [--data-dir D]   (after swift build -c release)
# Compare two builds by running it with each build's --binary and --data-dir.
set -euo pipefail
cd "$(dirname "$0")/.."
for file in Scripts/ticket_cases.csv Scripts/ticket_cases_*.csv; do
  name=$(basename "$file" .csv)
  counts=$(python3 Scripts/ticket_cases.py --cases "$file" "$@" 2>&1 | grep -E '^churn intent|^polarity' |
    sed 's/churn intent //' | tr '\n' ' ')
  printf '%-32s %s\n' "${name#ticket_cases_}" "$counts"
done
