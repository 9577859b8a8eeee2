#!/usr/bin/env bash
# Coverage of the 365-day retention interval on generated samples with known outcomes: for each
# seed, a run with the logistic model fitted in the run, and a run with boosted trees trained on
# that run's account_features.csv (their error by the jackknife over the averaged members).
# Prints, per seed, the realised retention of the open accounts (from the truth file) and each
# model's expected value and 90% interval.
#   Scripts/forecast_coverage.sh [SEED...]     (default: 11 12 13 14 15 16; after swift build -c release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/.build/release/aftershock
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(11 12 13 14 15 16)
quiet() { "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }; }
row() { awk -F, '$1=="all" && $2==365 { printf "%s [%s, %s]", $4, $5, $6 }' "$1/forecast.csv"; }
for seed in "${seeds[@]}"; do
  d=$tmp/$seed
  quiet "$bin" generate --accounts 3000 --seed "$seed" --out "$d/sample"
  quiet "$bin" run --data "$d/sample" --out "$d/logistic" --data-dir "$root/Data"
  quiet "$bin" churn train --data "$d/logistic/account_features.csv" --label churned --id account_id --model gbdt \
    --model-file "$d/gbdt.json"
  quiet "$bin" run --data "$d/sample" --out "$d/gbdt" --data-dir "$root/Data" --model-file "$d/gbdt.json"
  realised=$(python3 - "$d/sample" <<'PY'
import csv, sys
folder = sys.argv[1]
truth = {r["account_id"]: r for r in csv.DictReader(open(folder + "/truth/accounts_truth.csv"))}
print(sum(truth[a["account_id"]]["churned_outcome"] == "false"
          for a in csv.DictReader(open(folder + "/accounts.csv")) if a["churned"] == ""))
PY
)
  echo "seed $seed: realised $realised | logistic $(row "$d/logistic") | gbdt $(row "$d/gbdt")"
done
