#!/usr/bin/env bash
# Per-set counts of every readers' case set (Scripts/ticket_cases*.csv): churn intent found /
# flagged, polarity, aspects missed, aspects read that the reader did not name ("read unnamed":
# a phrase list can only lower "missed", so a phrase is judged on both), and the aspects' signs
# right (the texts labelled + or - about an aspect whose score has that sign), one line a set, by
# Scripts/ticket_cases.py; then the read
# sets pooled. The never-read holdouts (ticket_cases_holdout*.csv) print counts only, as they must
# stay unread, and are left out of the pooled line.
#   Scripts/ticket_cases_all.sh [--binary B] [--data-dir D]   (after swift build -c release)
# Compare two builds by running it with each build's --binary and --data-dir.
set -euo pipefail
cd "$(dirname "$0")/.."
pooled_missed=0 pooled_aspects=0 pooled_right=0 pooled_signed=0 pooled_unnamed=0
for file in Scripts/ticket_cases.csv Scripts/ticket_cases_*.csv; do
  name=$(basename "$file" .csv)
  report=$(python3 Scripts/ticket_cases.py --cases "$file" "$@" 2>&1)
  counts=$(grep -E '^churn intent|^polarity' <<<"$report" | sed 's/churn intent //' | tr '\n' ' ')
  # "  support: positive in 10 of the 22 texts positive about it"
  read -r right signed < <(awk '/^  [a-z]+: (positive|negative) in [0-9]+ of the [0-9]+ texts/ {r += $4; t += $7}
    END {print r + 0, t + 0}' <<<"$report")
  missed=$(sed -nE 's/.*aspects missed ([0-9]+) of ([0-9]+).*/\1 \2/p' <<<"$report")
  unnamed=$(sed -nE 's/.*read unnamed ([0-9]+).*/\1/p' <<<"$report")
  printf '%-18s %s' "${name#ticket_cases_}" "$counts"
  if [ "$signed" -gt 0 ]; then printf '; signs right %d of %d' "$right" "$signed"; fi
  printf '\n'
  case "$name" in ticket_cases_holdout[0-9]*) continue ;; esac
  if [ -n "$missed" ]; then
    pooled_missed=$((pooled_missed + ${missed% *}))
    pooled_aspects=$((pooled_aspects + ${missed#* }))
    pooled_unnamed=$((pooled_unnamed + unnamed))
  fi
  pooled_right=$((pooled_right + right))
  pooled_signed=$((pooled_signed + signed))
done
printf 'read sets pooled: aspects missed %d of %d, read unnamed %d; signs right %d of %d\n' \
  "$pooled_missed" "$pooled_aspects" "$pooled_unnamed" "$pooled_right" "$pooled_signed"
